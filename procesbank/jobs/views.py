from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _

from procesbank.jobs.models import Job
from procesbank.jobs.selectors import access_job
from procesbank.organisations.models import AuthenticatedRequest


def go_on(request: HttpRequest, job: Job) -> HttpResponse | None:
    """A finished job that made a page leads on to it: a redirect (an ``HX-Redirect`` for the
    htmx poll) with a message saying the job is done; None while there is nowhere to go.
    Every job page calls this first, so a job that produces a page never stops at "Færdig"."""
    url = (job.result or {}).get("url") if job.status == Job.Status.SUCCEEDED else None
    if not url:
        return None
    messages.success(request, _("%(title)s er færdig.") % {"title": job.title})
    if request.headers.get("HX-Request") == "true":
        response = HttpResponse(status=200)
        response["HX-Redirect"] = url
        return response
    return HttpResponseRedirect(url)


@login_required
def job_status(request: AuthenticatedRequest, job_id: UUID) -> HttpResponse:
    """The progress bar partial; it keeps polling itself (htmx) until the job has finished,
    then goes on to what the job made."""
    job = access_job(user=request.user, job_id=job_id)
    return go_on(request, job) or render(request, "jobs/_job_status.html", {"job": job})
