"""Reading archives: an administrator sees the archives of their own municipality only."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from procesbank.archive.services.download import archive_path
from procesbank.jobs.models import Job
from procesbank.kit.access import access_or_404
from procesbank.organisations.models import User
from procesbank.organisations.permissions import Action, can


@dataclass(frozen=True)
class ArchiveRow:
    job: Job
    size: int
    rows: int
    files: int


def _archive_jobs(user: User) -> QuerySet[Job]:
    if not can(user, Action.ADMINISTER_MUNICIPALITY) or user.municipality_id is None:
        raise PermissionDenied
    return Job.objects.filter(municipality_id=user.municipality_id, result__archive=True)


def archive_list(*, user: User) -> list[ArchiveRow]:
    """The own municipality's archives still on the server, newest first."""
    rows = []
    for job in _archive_jobs(user).filter(status=Job.Status.SUCCEEDED).order_by("-created_at"):
        if archive_path(job).is_file():
            result = job.result or {}
            rows.append(
                ArchiveRow(
                    job, result.get("bytes", 0), result.get("rows", 0), result.get("files", 0)
                )
            )
    return rows


def access_archive(*, user: User, job_id: UUID) -> Path:
    """The file of one archive of the own municipality; 404 for any other."""
    job = access_or_404(_archive_jobs(user).filter(status=Job.Status.SUCCEEDED), pk=job_id)
    path = archive_path(job)
    if not path.is_file():
        raise Http404
    return path
