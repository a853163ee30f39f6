"""Every write of process mining: staging an upload, importing it as a background job.

An import runs in two steps. :func:`eventlog_upload_stage` keeps the uploaded file under a
random name in ``MEDIA_ROOT/eventlogs/staging/`` (a CSV needs a second page to map its
columns). :func:`eventlog_import_start` creates a job and enqueues
:func:`procesbank.mining.tasks.eventlog_import` after commit; the task calls
:func:`eventlog_import_run`, which reads the file with the engine and, only at the end and in
one transaction, writes the Parquet file and the :class:`EventLog` row. A failure leaves
neither; the staged upload is removed either way. A CSV whose mapping page the user abandons
stays staged until :func:`staged_uploads_cleanup` removes it (on the next upload, or by
``procesbank cleanup_uploads``).
"""

from __future__ import annotations

import logging
import os
import time
import uuid
from dataclasses import asdict, dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import polars as pl
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from procesbank.core.errors import UserError, gettext_noop
from procesbank.jobs.models import Job
from procesbank.jobs.services import Progress, job_create, job_run
from procesbank.kit.formatting import number
from procesbank.mining.engine import discovery, figurestore, labels
from procesbank.mining.engine.asis import discover_inductive
from procesbank.mining.engine.eventlog import (
    START_TIMESTAMP,
    ColumnMapping,
    load_log,
    read_csv,
    read_parquet,
    read_xes,
    save_log,
)
from procesbank.mining.engine.figures import first_view_figures
from procesbank.mining.engine.logcache import LOG_CACHE
from procesbank.mining.engine.sanity import check_log
from procesbank.mining.models import ActivityMapping, EventLog
from procesbank.mining.selectors import (
    activity_attributes,
    lookups,
    named,
    named_events,
    resource_attributes,
    saved_naming,
)
from procesbank.organisations.audit import audit_record, snapshot
from procesbank.organisations.models import AuditEntry, Municipality, User
from procesbank.organisations.permissions import require_edit
from procesbank.organisations.selectors import own_municipality
from procesbank.processes.models import Process, ProcessVersion
from procesbank.processes.services import process_create

MSG_TOO_LARGE = gettext_noop("Filen er for stor: %(size_mb)d MB. Grænsen er %(limit_mb)d MB.")
MSG_FORMAT = gettext_noop(
    "Filtypen kendes ikke. Upload en CSV-, XES- (også .xes.gz) eller Parquet-fil."
)
MSG_NAME_TAKEN = gettext_noop("Din kommune har allerede en hændelseslog med navnet “%(name)s”.")
MSG_STAGED_GONE = gettext_noop(
    "Den uploadede fil findes ikke længere (uploads, der ikke importeres, slettes efter "
    "%(hours)d timer). Upload filen igen."
)

logger = logging.getLogger(__name__)

#: Age after which a staged upload that was never imported is deleted.
STAGED_MAX_AGE = timedelta(hours=24)

_SUFFIXES = {
    ".csv": EventLog.Format.CSV,
    ".tsv": EventLog.Format.CSV,
    ".txt": EventLog.Format.CSV,
    ".xes": EventLog.Format.XES,
    ".gz": EventLog.Format.XES,
    ".parquet": EventLog.Format.PARQUET,
    ".pq": EventLog.Format.PARQUET,
}


def upload_limit_bytes() -> int:
    return int(settings.PROCESBANK_UPLOAD_LIMIT_MB) * 1024 * 1024


def staging_dir() -> Path:
    return Path(settings.MEDIA_ROOT) / "eventlogs" / "staging"


def staged_uploads_cleanup(*, older_than: timedelta = STAGED_MAX_AGE) -> int:
    """Delete staged uploads last written more than ``older_than`` ago; return how many.

    A CSV waits in staging while its user maps the columns; one whose user never comes back
    would stay for ever. An import in progress keeps its file (it is younger, or its job
    fails with :data:`MSG_STAGED_GONE` if it waited longer than that in the queue).
    """
    folder = staging_dir()
    if not folder.is_dir():
        return 0
    cutoff = time.time() - older_than.total_seconds()
    removed = 0
    for path in folder.iterdir():
        try:
            if path.is_file() and path.stat().st_mtime < cutoff:
                path.unlink()
                removed += 1
        except FileNotFoundError:
            continue  # another process removed it meanwhile
    return removed


def staged_gone_error() -> UserError:
    """What to tell a user whose staged upload was cleaned up before it was imported."""
    return UserError(MSG_STAGED_GONE, hours=int(STAGED_MAX_AGE.total_seconds() // 3600))


@dataclass(frozen=True)
class PendingImport:
    """What the user chose on the upload page; kept in the session until the import starts."""

    token: str
    filename: str
    source_format: str
    name: str
    visibility: str
    process_id: int | None
    # The activity naming chosen on the CSV mapping page (labels.WITH_LIFECYCLE or "").
    activity_key: str = ""

    @property
    def path(self) -> Path:
        return staging_dir() / self.token

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _check_name_free(*, user: User, name: str) -> None:
    if EventLog.objects.filter(municipality=user.municipality, name=name).exists():
        raise UserError(MSG_NAME_TAKEN, name=name)


def eventlog_upload_stage(
    *,
    user: User,
    upload: UploadedFile,
    name: str,
    visibility: str,
    process: Process | None = None,
) -> PendingImport:
    """Keep an uploaded log file for import; refuse an unknown type or a file over the limit."""
    require_edit(user)
    filename = Path(upload.name or "").name
    source_format = _SUFFIXES.get(Path(filename.lower()).suffix)
    if source_format is None:
        raise UserError(MSG_FORMAT, field="file")
    limit = upload_limit_bytes()
    if (upload.size or 0) > limit:
        raise UserError(
            MSG_TOO_LARGE,
            size_mb=(upload.size or 0) // 2**20,
            limit_mb=limit // 2**20,
            field="file",
        )
    name = name.strip() or Path(filename).stem
    _check_name_free(user=user, name=name)
    staged_uploads_cleanup()
    token = uuid.uuid4().hex
    staging_dir().mkdir(parents=True, exist_ok=True)
    pending = PendingImport(
        token=token,
        filename=filename[:255],
        source_format=source_format,
        name=name[:200],
        visibility=visibility,
        process_id=process.pk if process is not None else None,
    )
    with pending.path.open("wb") as handle:
        for chunk in upload.chunks():
            handle.write(chunk)
    return pending


def eventlog_import_start(
    *, user: User, pending: PendingImport, mapping: ColumnMapping | None = None
) -> Job:
    """Create the import job and enqueue it once the job row is committed."""
    require_edit(user)
    from procesbank.mining.tasks import eventlog_import  # tasks import this module

    job = job_create(
        user=user, title=_("Import af hændelseslog “%(name)s”") % {"name": pending.name}
    )
    job_id, user_id, staged = str(job.pk), user.pk, pending.as_dict()
    columns = asdict(mapping) if mapping is not None else None
    transaction.on_commit(lambda: eventlog_import.enqueue(job_id, user_id, staged, columns))
    return job


def _read(pending: PendingImport, mapping: ColumnMapping | None, progress: Progress) -> Any:
    def report(fraction: float) -> None:
        progress(0.05 + 0.8 * fraction, _("Læser hændelser"))

    if not pending.path.is_file():
        raise staged_gone_error()
    limit = upload_limit_bytes()
    if pending.source_format == EventLog.Format.CSV:
        return read_csv(pending.path, mapping, progress=report, max_bytes=limit)
    if pending.source_format == EventLog.Format.XES:
        return read_xes(pending.path, mapping, progress=report, max_bytes=limit)
    return read_parquet(pending.path, mapping, progress=report, max_bytes=limit)


def eventlog_store(
    *,
    user: User | None,
    municipality: Municipality,
    log: pl.DataFrame,
    name: str,
    visibility: str,
    source_filename: str,
    source_format: str,
    process_id: int | None = None,
    activity_key: str = "",
) -> EventLog:
    """Write a read log: the Parquet file and the row with its figures, both or neither.

    The file is written under a temporary name first and renamed inside the transaction
    that saves the row; any failure removes it. ``user`` None is the demo loader.
    ``activity_key``: the naming chosen at upload, saved as the log's when the log has that
    attribute (a lifecycle column with one value only adds nothing to the names).
    """
    figures = discovery.summary(log)
    chosen = activity_key in labels.activity_attributes(log) if activity_key else False
    if figures.events == 0:
        raise UserError(gettext_noop("Hændelsesloggen er tom: filen indeholder ingen hændelser."))
    eventlog = EventLog(
        municipality=municipality,
        name=name,
        process_id=process_id,
        visibility=visibility,
        source_filename=source_filename,
        source_format=source_format,
        cases=figures.cases,
        events=figures.events,
        activities=figures.activities,
        variants=figures.variants,
        resources=figures.resources,
        has_start_timestamps=START_TIMESTAMP in log.columns,
        started_at=figures.start,
        ended_at=figures.end,
        created_by=user,
        activity_key=activity_key if chosen else "",
        naming_chosen_at=timezone.now() if chosen else None,
    )
    try:
        eventlog.full_clean()
    except ValidationError as error:
        if "__all__" in error.message_dict or "name" in error.message_dict:
            raise UserError(MSG_NAME_TAKEN, name=name) from error
        raise
    eventlog.path.parent.mkdir(parents=True, exist_ok=True)
    partial = eventlog.path.with_suffix(".partial")
    try:
        save_log(log, partial)
        with transaction.atomic():
            eventlog.save()
            audit_record(
                user=user,
                action=AuditEntry.Action.CREATE,
                instance=eventlog,
                municipality=municipality,
                after=snapshot(eventlog),
            )
            os.replace(partial, eventlog.path)
    except BaseException:
        partial.unlink(missing_ok=True)
        eventlog.path.unlink(missing_ok=True)
        raise
    return eventlog


def eventlog_import_run(
    *, job_id: uuid.UUID, user: User, pending: PendingImport, mapping: ColumnMapping | None
) -> None:
    """Read the staged file and store the log; the job records success or the reason."""

    def work(progress: Progress) -> dict[str, Any]:
        log = _read(pending, mapping, progress)
        check_log(log)
        progress(0.9, _("Beregner nøgletal"))
        eventlog = eventlog_store(
            user=user,
            municipality=own_municipality(user=user),
            log=log,
            name=pending.name,
            visibility=pending.visibility,
            source_filename=pending.filename,
            source_format=pending.source_format,
            process_id=pending.process_id,
            activity_key=pending.activity_key,
        )
        progress(0.95, _("Beregner analysernes første visning"))
        eventlog_figures_keep(eventlog=eventlog)
        url = reverse("mining:eventlog_overview", kwargs={"eventlog_id": eventlog.pk})
        return {"url": url, "label": _("Se analysen"), "eventlog_id": eventlog.pk}

    try:
        job_run(job_id, work)
    finally:
        pending.path.unlink(missing_ok=True)


def eventlog_figures_keep(*, eventlog: EventLog) -> bool:
    """Compute the unfiltered figures of the log's saved naming that the first view of its
    map, variants and statistics (and the API's summary, DFG and variants) need, and keep them
    beside its Parquet file (engine.figurestore), where every web worker's first view finds
    them, with what every page looks up of the log (selectors.lookups). Called by the import
    job and by the job a change of naming starts.

    The figures are a copy of what the pages would compute, never the only one: a failure is
    logged and the pages compute them (False returned), the import still succeeds.
    """
    try:
        events = load_log(eventlog.path)
        choices = labels.activity_attributes(events)
        # The naming as saved_naming (and so every page) reads it: a key the log lacks is "".
        activity_key = eventlog.activity_key if eventlog.activity_key in choices else ""
        resources = [key for key in choices if key != labels.WITH_LIFECYCLE]
        resource_key = eventlog.resource_key if eventlog.resource_key in resources else ""
        log = named(events, choices, activity_key=activity_key, resource_key=resource_key)
        figurestore.save(eventlog.path, (activity_key, resource_key), first_view_figures(log))
        # And what every page looks up besides (its attributes, the filter's choices ...).
        kept = lookups(events, activity_key=activity_key, resource_key=resource_key)
        for naming, found in kept.items():
            figurestore.save(eventlog.path, naming, found)
    except Exception:
        logger.exception("Could not keep the first-view figures of log %s", eventlog.pk)
        return False
    return True


def eventlog_figures_run(*, eventlog_id: int, activity_key: str, resource_key: str) -> None:
    """The background job after a change of naming: keep the figures of the new naming,
    unless the naming changed again meanwhile (that change's job keeps its own)."""
    eventlog = EventLog.objects.filter(pk=eventlog_id).first()
    if eventlog is None or (eventlog.activity_key, eventlog.resource_key) != (
        activity_key,
        resource_key,
    ):
        return
    eventlog_figures_keep(eventlog=eventlog)


@transaction.atomic
def eventlog_delete(*, user: User, eventlog: EventLog) -> None:
    """Delete a log and its Parquet file (after commit); only the owner municipality may."""
    require_edit(user, eventlog.municipality)
    before = snapshot(eventlog)
    path = eventlog.path
    audit_record(
        user=user,
        action=AuditEntry.Action.DELETE,
        instance=eventlog,
        municipality=eventlog.municipality,
        before=before,
    )
    log_id = eventlog.pk
    eventlog.delete()

    def remove_file() -> None:
        path.unlink(missing_ok=True)
        figurestore.remove(path)
        LOG_CACHE.forget(log_id)

    transaction.on_commit(remove_file)


def eventlog_asis_start(*, user: User, eventlog: EventLog, name: str, noise: float) -> Job:
    """Start discovering an as-is process from the log (a job: on a log of hundreds of
    activities the Inductive Miner takes seconds to a minute)."""
    require_edit(user)
    from procesbank.mining.tasks import eventlog_asis  # tasks import this module

    job = job_create(user=user, title=_("Som-er proces “%(name)s”") % {"name": name})
    job_id, user_id, log_id = str(job.pk), user.pk, eventlog.pk
    transaction.on_commit(lambda: eventlog_asis.enqueue(job_id, user_id, log_id, name, noise))
    return job


def eventlog_asis_run(
    *, job_id: uuid.UUID, user: User, eventlog: EventLog, name: str, noise: float
) -> None:
    def work(progress: Progress) -> dict[str, Any]:
        progress(0.1, _("Finder processens struktur (Inductive Miner)"))
        process = eventlog_create_asis_process(user=user, eventlog=eventlog, name=name, noise=noise)
        url = reverse("processes:process_detail", kwargs={"process_id": process.pk})
        return {"url": url, "label": _("Åbn processen")}

    job_run(job_id, work)


def eventlog_create_asis_process(
    *, user: User, eventlog: EventLog, name: str, noise: float
) -> Process:
    """A new process in the library with the as-is model the Inductive Miner discovers from
    the log (see :func:`procesbank.mining.engine.asis.discover_inductive`), its fit to the log
    in its description, linked from the log when it had no process yet."""
    require_edit(user)
    # Named as the log's editors chose, as every tab shows it.
    activity_key, resource_key = saved_naming(eventlog=eventlog)
    events = named_events(eventlog=eventlog, activity_key=activity_key, resource_key=resource_key)
    model = discover_inductive(events, name=name, noise=noise)
    description = _(
        "Opdaget fra hændelsesloggen “%(log)s” med Inductive Miner (støjtærskel %(noise)s %%). "
        "Modellen tillader %(covered)s af %(total)s sager præcist (%(share)s %%); fitness ved "
        "token-replay %(fitness)s."
    ) % {
        "log": eventlog.name,
        "noise": number(model.noise * 100, 0),
        "covered": number(model.covered_cases, 0),
        "total": number(model.cases, 0),
        "share": number(100 * model.covered_cases / model.cases if model.cases else 100, 1),
        "fitness": number(model.fitness, 3),
    }
    with transaction.atomic():
        process = process_create(
            user=user,
            name=name,
            bpmn_xml=model.bpmn_xml,
            yearly_volume=model.yearly_volume,
            description=description,
        )
        if eventlog.process_id is None and eventlog.municipality_id == user.municipality_id:
            eventlog.process = process
            eventlog.save(update_fields=["process"])
    return process


MSG_MAPPING_ACTIVITY = gettext_noop("»%(activity)s« er ikke en aktivitet i loggen.")
MSG_MAPPING_TASK = gettext_noop(
    "»%(task)s« er ikke en opgave i modellen. Vælg en af modellens opgaver, eller lad "
    "feltet stå tomt."
)


@transaction.atomic
def activity_mapping_save(
    *,
    user: User,
    eventlog: EventLog,
    version: ProcessVersion,
    activity_key: str,
    mapping: dict[str, str],
    activities: list[str],
    tasks: list[str],
) -> ActivityMapping:
    """Keep which log activity is which model task for this log, version and naming.
    ``activities`` and ``tasks`` are the log's and the model's names, read by the caller
    through the selectors that checked access; a name outside them is refused whole."""
    require_edit(user, eventlog.municipality)
    known_activities, known_tasks = set(activities), set(tasks)
    for activity, task in mapping.items():
        if activity not in known_activities:
            raise UserError(MSG_MAPPING_ACTIVITY, activity=activity)
        if task and task not in known_tasks:
            raise UserError(MSG_MAPPING_TASK, task=task)
    saved, created = ActivityMapping.objects.select_for_update().get_or_create(
        eventlog=eventlog,
        version=version,
        activity_key=activity_key,
        defaults={"mapping": mapping, "updated_by": user},
    )
    before = None if created else snapshot(saved)
    if not created:
        saved.mapping = mapping
        saved.updated_by = user
        saved.save(update_fields=["mapping", "updated_by", "updated_at"])
    audit_record(
        user=user,
        action=AuditEntry.Action.CREATE if created else AuditEntry.Action.UPDATE,
        instance=saved,
        municipality=eventlog.municipality,
        before=before,
        after=snapshot(saved),
    )
    return saved


MSG_NAMING_ACTIVITY = gettext_noop(
    "»%(attribute)s« er ikke en egenskab i loggen, som kan navngive aktiviteterne."
)
MSG_NAMING_RESOURCE = gettext_noop(
    "»%(attribute)s« er ikke en egenskab i loggen, som kan angive ressourcen."
)


@transaction.atomic
def eventlog_naming_set(
    *, user: User, eventlog: EventLog, activity_key: str, resource_key: str
) -> EventLog:
    """Save which attribute names the log's activities and which its resources ("" for the
    log's own), used by every analysis that does not name another. Only the owner
    municipality's editors may; an attribute the log lacks is refused, nothing saved."""
    require_edit(user, eventlog.municipality)
    if activity_key and activity_key not in activity_attributes(eventlog=eventlog):
        raise UserError(MSG_NAMING_ACTIVITY, attribute=activity_key, field="activity_key")
    if resource_key and resource_key not in resource_attributes(eventlog=eventlog):
        raise UserError(MSG_NAMING_RESOURCE, attribute=resource_key, field="resource_key")
    # A choice of two names: the last to save wins, and the audit row tells who did.
    current = EventLog.objects.select_for_update().get(pk=eventlog.pk)
    before = snapshot(current)
    current.activity_key = activity_key
    current.resource_key = resource_key
    current.naming_chosen_at = timezone.now()
    current.save(update_fields=["activity_key", "resource_key", "naming_chosen_at"])
    audit_record(
        user=user,
        action=AuditEntry.Action.UPDATE,
        instance=current,
        municipality=current.municipality,
        before=before,
        after=snapshot(current),
    )
    # The first view of the new naming's figures, kept for every worker by a background job.
    from procesbank.mining.tasks import eventlog_figures  # tasks import this module

    log_id = current.pk
    transaction.on_commit(lambda: eventlog_figures.enqueue(log_id, activity_key, resource_key))
    return current
