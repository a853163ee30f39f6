"""Importing a large BPMN file without a diagram in the background (issue #12, finding 5).

Drawing a diagram for a file that has none costs about 1 ms a task (bench/bpmn_layout.py): a
file near the element cap would hold a web worker for seconds. Such a file is checked at once
(a file that is not BPMN, or too big, is refused on the form as before), staged on disk and
imported by a background job with a progress bar; every other file is imported in the request.
The API's import stays in the request: its cost is bounded by the same element cap and the
server's request timeout.
"""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any
from uuid import UUID

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from procesbank.core.errors import UserError, gettext_noop
from procesbank.jobs.models import Job
from procesbank.jobs.services import Progress, job_create, job_run
from procesbank.organisations.models import User
from procesbank.organisations.permissions import require_edit
from procesbank.processes.services.common import parse_upload
from procesbank.processes.services.processes import (
    BpmnImport,
    process_import_bpmn,
    process_import_name,
)

STAGED_GONE = gettext_noop("Den uploadede fil findes ikke længere på serveren. Upload den igen.")

#: Flow elements above which a file without a diagram is drawn in the background: about 0.4 s
#: of layout on the reference machine, so an ordinary file still opens at once.
BACKGROUND_ELEMENTS = 400


def staging_dir() -> Path:
    return Path(settings.MEDIA_ROOT) / "processes" / "staging"


def process_import_start(
    *, user: User, data: bytes, name: str = "", filename: str = ""
) -> BpmnImport | Job:
    """Import the file now, or (a large file without a diagram) start a job that does."""
    require_edit(user)
    doc = parse_upload(data)  # refusals reach the form at once
    if doc.diagram_count or len(doc.nodes) <= BACKGROUND_ELEMENTS:
        return process_import_bpmn(user=user, data=data, name=name, filename=filename)
    chosen = process_import_name(data=data, name=name, filename=filename)
    staging_dir().mkdir(parents=True, exist_ok=True)
    token = secrets.token_hex(16)
    (staging_dir() / token).write_bytes(data)
    from procesbank.processes.tasks import process_import  # tasks import this module

    with transaction.atomic():
        job = job_create(user=user, title=_("Import af “%(name)s”") % {"name": chosen})
        job_id = str(job.pk)
        transaction.on_commit(
            lambda: process_import.enqueue(job_id, user.pk, token, name, filename)
        )
    return job


def process_import_run(*, job_id: UUID, user: User, token: str, name: str, filename: str) -> None:
    """The job's work: the same import as in a request, its staged file removed afterwards."""
    path = staging_dir() / Path(token).name

    def work(progress: Progress) -> dict[str, Any]:
        progress(0.1, _("Læser BPMN-filen"))
        if not path.is_file():
            raise UserError(STAGED_GONE)
        data = path.read_bytes()
        progress(0.2, _("Tegner diagrammet"))
        result = process_import_bpmn(user=user, data=data, name=name, filename=filename)
        return {
            "url": reverse("processes:process_detail", args=[result.process.pk]),
            "label": _("Åbn processen"),
        }

    try:
        job_run(job_id, work)
    finally:
        path.unlink(missing_ok=True)
