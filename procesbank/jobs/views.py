from __future__ import annotations

from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from procesbank.jobs.selectors import access_job
from procesbank.organisations.models import AuthenticatedRequest


@login_required
def job_status(request: AuthenticatedRequest, job_id: UUID) -> HttpResponse:
    """The progress bar partial; it keeps polling itself (htmx) until the job has finished."""
    job = access_job(user=request.user, job_id=job_id)
    return render(request, "jobs/_job_status.html", {"job": job})
