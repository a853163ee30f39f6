"""The municipality administrator's page "Tag jeres data med": make and download archives."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from procesbank.archive import selectors
from procesbank.archive.services.download import municipality_archive_start
from procesbank.jobs.models import Job
from procesbank.jobs.selectors import access_job
from procesbank.kit.downloads import content_disposition, file_name
from procesbank.organisations.models import AuthenticatedRequest
from procesbank.organisations.permissions import Action, can


@login_required
@require_http_methods(["GET", "POST"])
def archive_home(request: AuthenticatedRequest) -> HttpResponse:
    """The municipality's archives, a button for a new one, and its progress bar."""
    if not can(request.user, Action.ADMINISTER_MUNICIPALITY):
        raise PermissionDenied
    if request.method == "POST":
        started = municipality_archive_start(user=request.user)
        messages.info(request, _("Arkivet bliver skrevet. Siden viser, hvor langt det er nået."))
        return redirect(f"{reverse('archive:home')}?job={started.pk}")
    job: Job | None = None
    if job_id := request.GET.get("job"):
        try:
            job = access_job(user=request.user, job_id=UUID(job_id))
        except ValueError:
            job = None
    return render(
        request,
        "archive/archive_home.html",
        {"archives": selectors.archive_list(user=request.user), "job": job},
    )


@login_required
def archive_download(request: AuthenticatedRequest, job_id: UUID) -> FileResponse:
    """The archive's zip, streamed from the server's disk."""
    path = selectors.access_archive(user=request.user, job_id=job_id)
    job = access_job(user=request.user, job_id=job_id)
    municipality = request.user.municipality
    name = file_name(
        "procesbank-arkiv", municipality, job.created_at.date().isoformat(), extension="zip"
    )
    response = FileResponse(path.open("rb"), content_type="application/zip")
    response["Content-Disposition"] = content_disposition(name)
    return response
