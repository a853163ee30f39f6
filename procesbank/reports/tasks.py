"""Background tasks of the documentation reports (django-tasks)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django_tasks import task

from procesbank.organisations.models import User


@task()
def report_make(job_id: str, user_id: int, spec: dict[str, Any]) -> None:
    """Write a documentation report for the job (see services.report_make_run)."""
    from procesbank.reports import services

    services.report_make_run(
        job_id=UUID(job_id), user=User.objects.get(pk=user_id), spec=services.ReportSpec(**spec)
    )
