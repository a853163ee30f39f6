"""Reading jobs: a user sees the jobs of their own municipality only."""

from __future__ import annotations

from uuid import UUID

from django.http import Http404

from procesbank.jobs.models import Job
from procesbank.kit.access import access_or_404
from procesbank.organisations.models import User


def access_job(*, user: User, job_id: UUID) -> Job:
    """One job of the user's municipality; 404 otherwise (a job id is no secret)."""
    if user.municipality is None:
        raise Http404
    return access_or_404(Job.objects.filter(municipality=user.municipality), pk=job_id)
