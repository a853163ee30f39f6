"""Background tasks of the archive (django-tasks)."""

from __future__ import annotations

from uuid import UUID

from django_tasks import task

from procesbank.organisations.models import User


@task()
def municipality_archive(job_id: str, user_id: int) -> None:
    """Write a municipality's archive for download (see services.download)."""
    from procesbank.archive.services import download

    download.municipality_archive_run(job_id=UUID(job_id), user=User.objects.get(pk=user_id))
