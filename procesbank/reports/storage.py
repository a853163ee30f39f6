"""Where documentation reports made by background jobs are kept on the server's disk."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

from procesbank.jobs.models import Job

EXTENSIONS = ("pdf", "docx")


def reports_dir() -> Path:
    """``MEDIA_ROOT/reports``: not served by the web server; the download view checks the
    reader."""
    return Path(settings.MEDIA_ROOT) / "reports"


def report_file(job: Job, extension: str) -> Path:
    return reports_dir() / str(job.municipality_id) / f"{job.pk}.{extension}"


def report_path(job: Job) -> Path | None:
    """Where the job's report lies, or None when the job made none."""
    extension = (job.result or {}).get("extension")
    if extension not in EXTENSIONS:
        return None
    return report_file(job, extension)
