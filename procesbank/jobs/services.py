"""Starting long work and reporting its progress.

A service that starts long work calls :func:`job_create`, then enqueues a django-tasks task
with the job's id. The task wraps its work in :func:`job_run`, which marks the job running,
hands the work a ``progress(fraction, message)`` callback, and records success or the reason
for failure. The worker never dies of a job's exception: the job keeps the reason.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any
from uuid import UUID

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from procesbank.core.errors import UserError
from procesbank.jobs.models import Job
from procesbank.organisations.models import User
from procesbank.organisations.selectors import own_municipality

logger = logging.getLogger(__name__)

Progress = Callable[[float, str], None]


def job_create(*, user: User, title: str) -> Job:
    """A queued job owned by the user's municipality."""
    return Job.objects.create(
        municipality=own_municipality(user=user),
        user=user,
        title=title[:200],
        language=translation.get_language() or "da",
    )


def job_progress(*, job_id: UUID, fraction: float, message: str = "") -> None:
    """Record progress (0..1). Written outside any surrounding transaction so pages see it."""
    Job.objects.filter(pk=job_id).update(
        progress=min(max(fraction, 0.0), 1.0), message=message[:300], updated_at=timezone.now()
    )


def job_run(job_id: UUID, work: Callable[[Progress], dict[str, Any] | None]) -> None:
    """Run ``work`` for the job, in the language of the user who started it.

    ``work`` computes first and writes its results in one ``transaction.atomic()`` at the end,
    so a failure leaves nothing half-saved, while its progress reports (written outside that
    transaction) stay visible to the page that polls.
    """
    job = Job.objects.get(pk=job_id)
    with translation.override(job.language):
        Job.objects.filter(pk=job_id).update(status=Job.Status.RUNNING, updated_at=timezone.now())

        def progress(fraction: float, message: str = "") -> None:
            job_progress(job_id=job_id, fraction=fraction, message=message)

        try:
            result = work(progress)
        except UserError as error:
            _finish(job_id, Job.Status.FAILED, error=error.render(_))
        except Exception:
            logger.exception("Job %s failed", job_id)
            _finish(
                job_id,
                Job.Status.FAILED,
                error=_("Uventet fejl: intet er gemt. Prøv igen, eller kontakt en administrator."),
            )
        else:
            _finish(job_id, Job.Status.SUCCEEDED, result=result)


def _finish(
    job_id: UUID, status: str, *, error: str = "", result: dict[str, Any] | None = None
) -> None:
    fields: dict[str, Any] = {
        "status": status,
        "error": error,
        "result": result,
        "finished_at": timezone.now(),
        "updated_at": timezone.now(),
    }
    if status == Job.Status.SUCCEEDED:
        fields["progress"] = 1.0
    Job.objects.filter(pk=job_id).update(**fields)
