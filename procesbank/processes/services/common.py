"""Helpers shared by the process services: writing a BPMN document into a version together
with its mirror rows and a revision."""

from __future__ import annotations

from django.conf import settings

from procesbank.kit.stamps import touch
from procesbank.organisations.models import User
from procesbank.processes.engine.bpmn import BpmnDocument, parse_bpmn, serialize_bpmn
from procesbank.processes.engine.metrics import process_metrics
from procesbank.processes.models import (
    Process,
    ProcessVersion,
    Revision,
    TaskMeasurement,
    revision_comment_text,
)
from procesbank.processes.rates import rates_for
from procesbank.processes.signals import process_figures_changed


def upload_limit_bytes() -> int:
    return int(settings.PROCESBANK_BPMN_LIMIT_MB) * 1024 * 1024


def parse_upload(data: bytes) -> BpmnDocument:
    return parse_bpmn(data, max_bytes=upload_limit_bytes())


def write_document(
    *,
    user: User,
    version: ProcessVersion,
    doc: BpmnDocument,
    comment: str = "",
    comment_kind: str = "",
    comment_params: dict[str, object] | None = None,
) -> ProcessVersion:
    """Store ``doc`` as the version's current BPMN: the XML, the mirror rows and a revision.

    ``comment`` is what the user typed; a comment of the system's own is given as
    ``comment_kind`` (a :class:`RevisionComment`) and ``comment_params``, stored in Danish and
    shown in the reader's language.

    The figures are computed first, so a model whose flow cannot be costed (a loop without an
    exit, branch probabilities above 100 %) is refused before anything is written.
    """
    process = version.process
    rates, default_rate = rates_for(process.municipality)
    metrics = process_metrics(
        doc,
        yearly_volume=process.yearly_volume,
        annual_hours_per_fte=float(process.municipality.annual_hours_per_fte),
        hourly_rate_by_role=rates,
        default_hourly_rate=default_rate,
    )
    xml = serialize_bpmn(doc).decode("utf-8")
    by_id = {t.task_id: t for t in metrics.tasks}
    version.bpmn_xml = xml
    version.minutes_per_case = metrics.minutes_per_case
    version.updated_by = user
    version.save()
    version.tasks.all().delete()
    rows = []
    for position, node in enumerate(doc.tasks):
        m = node.measurements
        figures = by_id[node.id]
        rows.append(
            TaskMeasurement(
                version=version,
                element_id=node.id,
                name=node.name[:500],
                kind=node.kind,
                lane=node.lane[:200],
                minutes_min=m.minutes_min if m else None,
                minutes_likely=m.minutes_likely if m else None,
                minutes_max=m.minutes_max if m else None,
                executions_per_case=m.executions_per_case if m else 1,
                waiting_minutes=m.waiting_minutes if m else None,
                it_system=(m.it_system if m else "")[:200],
                automation_note=m.automation_note if m else "",
                visits=figures.visits,
                minutes_per_case=figures.minutes_per_case,
                position=position,
            )
        )
    TaskMeasurement.objects.bulk_create(rows)
    Revision.objects.create(
        version=version,
        number=version.revision,
        bpmn_xml=xml,
        measurements={row.element_id: _row_figures(row) for row in rows},
        comment=_revision_comment(comment, comment_kind, comment_params or {})[:300],
        comment_kind=comment_kind,
        comment_params=comment_params or {},
        author=user,
    )
    refresh_search_text(process)
    process_figures_changed.send(sender=Process, process=process)
    return version


def _revision_comment(comment: str, kind: str, params: dict[str, object]) -> str:
    return revision_comment_text(kind, params, translate=False) if kind else comment


def _row_figures(row: TaskMeasurement) -> dict[str, object]:
    return {
        "name": row.name,
        "lane": row.lane,
        "minutes_min": row.minutes_min,
        "minutes_likely": row.minutes_likely,
        "minutes_max": row.minutes_max,
        "executions_per_case": row.executions_per_case,
        "minutes_per_case": round(row.minutes_per_case, 4),
        "it_system": row.it_system,
    }


def refresh_search_text(process: Process) -> None:
    names = TaskMeasurement.objects.filter(version__process=process).values_list("name", flat=True)
    text = " ".join(sorted({name for name in names if name}))
    Process.objects.filter(pk=process.pk).update(search_text=text)
    # The UPDATE sends no signal: the searches' kept rankings (processes.selectors
    # process_list_paged) are read under the stamp of processes, which must move.
    touch(Process)
