"""Reads for conformance checking: which library models a user may check a log against, and
the replay of a (filtered) log on one of them.

The model is a version of a process in the library, reached only through the processes
selectors, so a user checks against their own municipality's processes and those shared
with them. The replay runs per variant, not per case, and at most :data:`MAX_VARIANTS` of
them (the most frequent), which bounds the time a page takes on long, varied logs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import polars as pl
from django.http import Http404

from procesbank.core.errors import UserError, gettext_noop
from procesbank.mining.engine import discovery
from procesbank.mining.engine.conformance import Conformance, replay
from procesbank.mining.engine.eventlog import ACTIVITY
from procesbank.mining.engine.mapping import apply_mapping, suggest_mapping
from procesbank.mining.engine.petrinet import petri_net
from procesbank.mining.models import ActivityMapping, EventLog
from procesbank.mining.selectors.eventlogs import eventlog_frame
from procesbank.organisations.models import User
from procesbank.organisations.pickers import own_first, owner_label
from procesbank.processes.engine.bpmn import BpmnDocument, parse_bpmn
from procesbank.processes.models import ProcessVersion
from procesbank.processes.selectors import (
    access_process,
    access_version,
    primary_version,
    process_list,
)

MAX_VARIANTS = 2000
MSG_NO_TASKS = gettext_noop(
    "Modellen »%(name)s« har ingen navngivne opgaver, så loggens aktiviteter kan ikke "
    "sammenlignes med den."
)


@dataclass(frozen=True)
class ConformanceReport:
    """The replay and how much of the log it covers."""

    result: Conformance
    version: ProcessVersion
    variants_total: int
    variants_replayed: int
    cases_total: int
    model_activities: list[str]
    log_activities: int = 0
    matched_activities: int = 0
    events: int = 0
    matched_events: int = 0
    task_elements: dict[str, list[str]] = field(default_factory=dict)  # task -> element ids

    @property
    def complete(self) -> bool:
        return self.variants_replayed == self.variants_total

    @property
    def matched_event_share(self) -> float:
        """The share (0..1) of the log's events whose activity the model has a task for."""
        return self.matched_events / self.events if self.events else 0.0


def conformance_model_choices(*, user: User, limit: int = 500) -> list[tuple[int, str]]:
    """(version id, "process – version (municipality)") for the processes the user may read:
    the own municipality's first, then the others', each by process name."""
    processes = list(own_first(process_list(user=user), user=user)[:limit])
    by_id = {process.pk: process for process in processes}
    versions = ProcessVersion.objects.filter(process_id__in=by_id).order_by(
        "kind", "created_at", "id"
    )
    grouped: dict[int, list[ProcessVersion]] = {}
    for version in versions.only("pk", "label", "process_id"):
        grouped.setdefault(version.process_id, []).append(version)
    return [
        (version.pk, owner_label(f"{process.name} – {version.label}", process.municipality.name))
        for process in processes
        for version in grouped.get(process.pk, [])
    ]


def access_conformance_version(*, user: User, version_id: int) -> ProcessVersion:
    """A process version the user may read; 404 otherwise."""
    return access_version(user=user, version_id=version_id)


def default_conformance_version(*, user: User, eventlog: EventLog) -> ProcessVersion | None:
    """The primary version of the process the log is attached to, when the user may read it."""
    if eventlog.process_id is None:
        return None
    try:
        process = access_process(user=user, process_id=eventlog.process_id)
        return primary_version(process=process)
    except Http404:
        return None


def model_tasks(*, version: ProcessVersion) -> list[str]:
    """The names of the version's tasks that a log's activities can be compared with.
    Raises :class:`UserError` when the model cannot be read or has none."""
    net = petri_net(parse_bpmn(version.bpmn_xml.encode()))
    if not net.labels():
        raise UserError(MSG_NO_TASKS, name=str(version))
    return sorted(net.labels())


def activity_mapping(
    *, eventlog: EventLog, version: ProcessVersion, activity_key: str, activities: list[str]
) -> tuple[dict[str, str], bool]:
    """The mapping of the log's activities to the version's tasks, and whether it was saved
    (else it is suggested by name, :func:`mapping.suggest_mapping`). Both objects come from
    selectors that checked the user's access."""
    saved = ActivityMapping.objects.filter(
        eventlog=eventlog, version=version, activity_key=activity_key
    ).first()
    if saved is not None:
        return dict(saved.mapping), True
    return suggest_mapping(activities, model_tasks(version=version)), False


def conformance_report(
    *, log: pl.DataFrame, version: ProcessVersion, mapping: dict[str, str] | None = None
) -> ConformanceReport:
    """Token replay of the variants of ``log`` (events, as filtered for the page) on the
    version's BPMN model, the log's activities first renamed by ``mapping`` (activity ->
    task; see :func:`activity_mapping`).

    Raises :class:`UserError` (a Danish message) when the model cannot be read or has no
    named task to compare with."""
    document = parse_bpmn(version.bpmn_xml.encode())
    net = petri_net(document)
    if not net.labels():
        raise UserError(MSG_NO_TASKS, name=str(version))
    if mapping:
        log = apply_mapping(log, mapping)
    table = discovery.variants(log)
    rows = table.head(MAX_VARIANTS).select("variant", "cases").to_dicts()
    result = replay(net, [(row["variant"], row["cases"]) for row in rows])
    counts = dict(
        discovery.activity_stats(log).select(ACTIVITY, "frequency").iter_rows()
    )  # activity -> events
    labels = net.labels()
    return ConformanceReport(
        result=result,
        version=version,
        variants_total=table.height,
        variants_replayed=len(rows),
        cases_total=int(table.get_column("cases").sum()) if table.height else 0,
        model_activities=sorted(labels),
        log_activities=len(counts),
        matched_activities=sum(1 for name in counts if name in labels),
        events=sum(counts.values()),
        matched_events=sum(events for name, events in counts.items() if name in labels),
        task_elements=_task_elements(document, labels),
    )


def _task_elements(document: BpmnDocument, labels: set[str]) -> dict[str, list[str]]:
    """The diagram elements that carry each task name (to draw deviations on them)."""
    found: dict[str, list[str]] = {}
    for node in document.nodes.values():
        if node.name in labels:
            found.setdefault(node.name, []).append(node.id)
    return found


def comparison_conformance(*, user: User, rows: list[dict[str, Any]]) -> None:
    """Add ``conformance`` to each row of the cross-municipality comparison: the report of
    the log against the primary version of its attached process (None without one the user
    may read, or when the model cannot be checked). Cheap enough to do inline: the replay
    runs per variant, about 0.4 s for the 1,434 cases of the receipt log."""
    for row in rows:
        eventlog = row["eventlog"]
        version = default_conformance_version(user=user, eventlog=eventlog)
        report = None
        if version is not None:
            try:
                report = conformance_report(log=eventlog_frame(eventlog=eventlog), version=version)
            except UserError:
                report = None
        row["conformance"] = report
        row["conformance_percent"] = 100 * report.result.fitness if report else None
