"""The documentation report: a version's (from the process page) and a selection's (all
processes of a KLE main group, of a unit with the units below it, or both). Each is made by a
background job; its page shows a progress bar and then a download link for the user who asked
for it."""

from __future__ import annotations

from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from procesbank.kit.downloads import CONTENT_TYPES, content_disposition
from procesbank.organisations.models import AuthenticatedRequest
from procesbank.organisations.selectors import unit_choices
from procesbank.reports import selectors, services
from procesbank.reports.forms import SelectionForm

CONTENT_TYPES_REPORT = {
    "pdf": CONTENT_TYPES["pdf"],
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


@login_required
@require_POST
def version_report(request: AuthenticatedRequest, version_id: int, extension: str) -> HttpResponse:
    spec = services.ReportSpec(extension=extension, version_id=version_id)
    job = services.report_start(user=request.user, spec=spec)
    return redirect("reports:job", job_id=job.pk)


@login_required
def selection(request: AuthenticatedRequest) -> HttpResponse:
    """The selection page; a valid choice posted starts the report's job (a POST: a job costs
    the server minutes, so no link or image on another page may start one)."""
    choices = selectors.kle_group_choices(user=request.user)
    units = unit_choices(user=request.user)
    data = request.POST if request.method == "POST" else None
    form = SelectionForm(data, kle_choices=choices, unit_choices=units)
    if form.is_bound and form.is_valid():
        spec = services.ReportSpec(
            extension=form.cleaned_data["format"],
            kle_group=form.cleaned_data["kle"],
            unit_id=form.cleaned_data["unit"],
        )
        job = services.report_start(user=request.user, spec=spec)
        return redirect("reports:job", job_id=job.pk)
    status = 422 if form.is_bound else 200
    return render(
        request,
        "reports/selection.html",
        {
            "form": form,
            "has_groups": bool(choices or units),
            "raci_help": selectors.raci_help(),
        },
        status=status,
    )


@login_required
def report_job(request: AuthenticatedRequest, job_id: UUID) -> HttpResponse:
    """The report's progress bar (polling the job), then its download link."""
    job = selectors.access_report_job(user=request.user, job_id=job_id)
    gone = False
    if job.status == job.Status.SUCCEEDED:
        gone = selectors.access_report_file(user=request.user, job_id=job_id)[1] is None
    return render(
        request,
        "reports/report_job.html",
        {"job": job, "gone": gone, "max_hours": services.max_age_hours()},
    )


@login_required
def report_download(request: AuthenticatedRequest, job_id: UUID) -> HttpResponse | FileResponse:
    """The report's file, for the user who asked for it; gone after a day (see the job page)."""
    job, path = selectors.access_report_file(user=request.user, job_id=job_id)
    if path is None:
        return redirect("reports:job", job_id=job.pk)
    extension = path.suffix.lstrip(".")
    response = FileResponse(path.open("rb"), content_type=CONTENT_TYPES_REPORT[extension])
    response["Content-Disposition"] = content_disposition((job.result or {})["file"])
    return response
