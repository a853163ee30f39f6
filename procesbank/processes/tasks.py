"""Background tasks of the process library (django-tasks)."""

from __future__ import annotations

from uuid import UUID

from django_tasks import task

from procesbank.organisations.models import User


@task()
def process_import(job_id: str, user_id: int, token: str, name: str, filename: str) -> None:
    """Import a staged BPMN file for the job (see services.imports.process_import_run)."""
    from procesbank.processes.services.imports import process_import_run

    process_import_run(
        job_id=UUID(job_id),
        user=User.objects.get(pk=user_id),
        token=token,
        name=name,
        filename=filename,
    )
