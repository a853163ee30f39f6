"""Background tasks of process mining (django-tasks)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django_tasks import task

from procesbank.mining.engine.eventlog import ColumnMapping
from procesbank.organisations.models import User


@task()
def eventlog_import(
    job_id: str, user_id: int, pending: dict[str, Any], mapping: dict[str, Any] | None
) -> None:
    """Import a staged event log file for the job (see services.eventlog_import_run)."""
    from procesbank.mining import services

    services.eventlog_import_run(
        job_id=UUID(job_id),
        user=User.objects.get(pk=user_id),
        pending=services.PendingImport(**pending),
        mapping=ColumnMapping(**mapping) if mapping is not None else None,
    )


@task()
def eventlog_asis(job_id: str, user_id: int, eventlog_id: int, name: str, noise: float) -> None:
    """Discover an as-is process from a log for the job (see services.eventlog_asis_run)."""
    from procesbank.mining import services
    from procesbank.mining.models import EventLog

    services.eventlog_asis_run(
        job_id=UUID(job_id),
        user=User.objects.get(pk=user_id),
        eventlog=EventLog.objects.get(pk=eventlog_id),
        name=name,
        noise=noise,
    )


@task()
def eventlog_figures(eventlog_id: int, activity_key: str, resource_key: str) -> None:
    """Keep the first-view figures of a log's new naming (see services.eventlog_figures_run)."""
    from procesbank.mining import services

    services.eventlog_figures_run(
        eventlog_id=eventlog_id, activity_key=activity_key, resource_key=resource_key
    )
