"""A municipality administrator's own archive, made by a background job for download.

The archive is written to ``MEDIA_ROOT/archives/<municipality id>/<job id>.zip`` (not served
by the web server; the download view checks the reader) and leaves out credentials (password
hashes, API tokens): it leaves the server through a browser. A new archive replaces the
municipality's older ones so archives do not pile up on the server.
"""

from __future__ import annotations

from pathlib import Path
from uuid import UUID

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from procesbank.archive.services.export import archive_export
from procesbank.jobs.models import Job
from procesbank.jobs.services import Progress, job_create, job_run
from procesbank.organisations.audit import audit_record
from procesbank.organisations.models import AuditEntry, Municipality, User
from procesbank.organisations.permissions import Action, can


def archive_folder(municipality_id: int) -> Path:
    return Path(settings.MEDIA_ROOT) / "archives" / str(municipality_id)


def archive_path(job: Job) -> Path:
    return archive_folder(job.municipality_id) / f"{job.pk}.zip"


def municipality_archive_start(*, user: User) -> Job:
    """Start the archive of the user's own municipality (administrators only)."""
    if not can(user, Action.ADMINISTER_MUNICIPALITY) or user.municipality is None:
        raise PermissionDenied
    from procesbank.archive.tasks import municipality_archive  # tasks import this module

    with transaction.atomic():
        job = job_create(user=user, title=_("Arkiv af %(name)s") % {"name": user.municipality.name})
        audit_record(
            user=user,
            action=AuditEntry.Action.CREATE,
            instance=job,
            municipality=user.municipality,
            after={"archive": str(job.pk)},
        )
        job_id, user_id = str(job.pk), user.pk
        transaction.on_commit(lambda: municipality_archive.enqueue(job_id, user_id))
    return job


def municipality_archive_run(*, job_id: UUID, user: User) -> None:
    """The job's work: write the archive beside the others, then remove the older ones."""
    job = Job.objects.get(pk=job_id)

    def work(progress: Progress) -> dict[str, object]:
        if not can(user, Action.ADMINISTER_MUNICIPALITY, job.municipality):
            raise PermissionDenied
        municipality = Municipality.objects.get(pk=job.municipality_id)
        path = archive_path(job)
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".part")
        try:
            with partial.open("wb") as target:
                result = archive_export(
                    target=target,
                    municipality=municipality,
                    include_secrets=False,
                    progress=lambda fraction, message: progress(
                        fraction, _("Skriver %(table)s") % {"table": message} if message else ""
                    ),
                )
            partial.replace(path)
        finally:
            partial.unlink(missing_ok=True)
        for older in path.parent.glob("*.zip"):
            if older != path:
                older.unlink(missing_ok=True)
        return {
            "url": reverse("archive:download", args=[job.pk]),
            "label": _("Hent arkivet"),
            "archive": True,
            "bytes": path.stat().st_size,
            "rows": sum(result.rows.values()),
            "files": result.files,
        }

    job_run(job_id, work)
