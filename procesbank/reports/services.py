"""The documentation report made by a background job, kept for the user who asked for it.

A report of many processes (or of one with hundreds of tasks) takes minutes to lay out, longer
than a request may run. :func:`report_start` creates a job and enqueues :func:`report_make_run`,
which reads the report on behalf of the user (the same selectors and renderers as before),
writes it to ``MEDIA_ROOT/reports/<municipality id>/<job id>.<pdf|docx>`` (not served by the web
server; the download view checks the reader) and reports its progress. Files older than
:data:`REPORT_MAX_AGE` are removed at the next start or by ``procesbank cleanup_reports``.
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass
from datetime import timedelta
from typing import Any
from uuid import UUID

from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from procesbank.core.errors import UserError, gettext_noop
from procesbank.jobs.models import Job
from procesbank.jobs.services import Progress, job_create, job_run
from procesbank.kit.downloads import file_name
from procesbank.organisations.models import User
from procesbank.processes import selectors as process_selectors
from procesbank.reports import selectors
from procesbank.reports.storage import EXTENSIONS, report_file, reports_dir

#: Age after which a finished report's file is deleted.
REPORT_MAX_AGE = timedelta(hours=24)

MSG_GONE = gettext_noop(
    "Processen findes ikke længere, eller du har ikke længere adgang til den. Rapporten er "
    "ikke lavet."
)


@dataclass(frozen=True)
class ReportSpec:
    """What a report holds (one version, or a KLE main group and/or a unit with the units
    below it) and its file format."""

    extension: str
    version_id: int | None = None
    kle_group: str = ""
    unit_id: int | None = None

    def file_stem(self) -> str:
        """The file's name after what was chosen: "kle-32", "enhed-7" or "kle-32-enhed-7"."""
        parts = [f"kle-{self.kle_group}"] if self.kle_group else []
        if self.unit_id is not None:
            parts.append(f"enhed-{self.unit_id}")
        return "-".join(parts)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def report_files_cleanup(*, older_than: timedelta = REPORT_MAX_AGE) -> int:
    """Delete report files last written more than ``older_than`` ago; return how many."""
    folder = reports_dir()
    if not folder.is_dir():
        return 0
    cutoff = time.time() - older_than.total_seconds()
    removed = 0
    for path in folder.glob("*/*"):
        try:
            if path.is_file() and path.stat().st_mtime < cutoff:
                path.unlink()
                removed += 1
        except FileNotFoundError:
            continue  # another process removed it meanwhile
    return removed


def _title(*, user: User, spec: ReportSpec) -> str:
    kind = _("PDF") if spec.extension == "pdf" else _("Word")
    if spec.version_id is not None:
        # Checked here so a link to a version the user may not read is a 404 at once.
        version = process_selectors.access_version(user=user, version_id=spec.version_id)
        subject = f"{version.process.name} · {version.display_label}"
    else:
        subject = selectors.selection_title(
            user=user, kle_group=spec.kle_group, unit_id=spec.unit_id
        )
    return _("Dokumentationsrapport (%(kind)s): %(subject)s") % {"kind": kind, "subject": subject}


def report_start(*, user: User, spec: ReportSpec) -> Job:
    """Create the report's job and enqueue it once the job row is committed."""
    if spec.extension not in EXTENSIONS:
        raise Http404
    from procesbank.reports.tasks import report_make  # tasks import this module

    report_files_cleanup()
    with transaction.atomic():
        job = job_create(user=user, title=_title(user=user, spec=spec))
        job_id, user_id, payload = str(job.pk), user.pk, spec.as_dict()
        transaction.on_commit(lambda: report_make.enqueue(job_id, user_id, payload))
    return job


def _read(*, user: User, spec: ReportSpec, progress: Progress) -> tuple[selectors.Report, str]:
    """The report and the name its file gets; reading fills the bar to 45 %."""

    def section_done(done: int, total: int) -> None:
        progress(
            0.05 + 0.4 * done / total,
            _("Læser proces %(number)d af %(count)d") % {"number": done, "count": total},
        )

    progress(0.02, _("Læser processerne"))
    try:
        if spec.version_id is not None:
            report = selectors.version_report(user=user, version_id=spec.version_id)
            section_done(1, 1)
            return report, report.title
        report = selectors.selection_report(
            user=user, kle_group=spec.kle_group, unit_id=spec.unit_id, on_section=section_done
        )
    except Http404 as error:
        raise UserError(MSG_GONE) from error
    return report, spec.file_stem()


def _render(report: selectors.Report, extension: str, progress: Progress) -> bytes:
    """The document's bytes; laying it out fills the bar from 50 to 95 %."""

    def step(fraction: float, message: str) -> None:
        progress(0.5 + 0.45 * fraction, message)

    # Imported here: WeasyPrint loads Pango, and python-docx lxml, which only a job needs.
    if extension == "pdf":
        from procesbank.reports.pdf import report_pdf

        return report_pdf(report, progress=step)
    from procesbank.reports.word import report_docx

    return report_docx(report, progress=step)


def report_make_run(*, job_id: UUID, user: User, spec: ReportSpec) -> None:
    """The job's work: read the report as the user, lay it out, write the file."""
    job = Job.objects.get(pk=job_id)

    def work(progress: Progress) -> dict[str, object]:
        report, name = _read(user=user, spec=spec, progress=progress)
        content = _render(report, spec.extension, progress)
        result: dict[str, object] = {
            "report": True,
            "extension": spec.extension,
            "file": file_name("procesdokumentation", name, extension=spec.extension),
            "download": reverse("reports:job_download", args=[job.pk]),
            "label": _("Hent rapporten"),
            "bytes": len(content),
        }
        path = report_file(job, spec.extension)
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".part")
        try:
            partial.write_bytes(content)
            partial.replace(path)
        finally:
            partial.unlink(missing_ok=True)
        return result

    job_run(job_id, work)


def max_age_hours() -> int:
    """How long a report is kept, in whole hours (for the job page)."""
    return int(REPORT_MAX_AGE.total_seconds() // 3600)
