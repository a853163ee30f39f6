"""What a documentation report holds, read on behalf of the acting user.

A report is a list of :class:`ProcessSection` (one for a version, one per process for a
selection); each section has a cover (:class:`Cover`, filled by :func:`_cover_for`), the
diagram drawn from the file's own BPMN DI, the task table, the figures with their formulas,
the RACI matrix and the revision history. Access is the process page's: a version or process
the user may not read is a 404.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from uuid import UUID

from django.conf import settings
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from procesbank.core.errors import UserError
from procesbank.governance.models import Review
from procesbank.jobs.models import Job
from procesbank.kit import formatting
from procesbank.kit.access import access_or_404
from procesbank.organisations.models import User
from procesbank.organisations.selectors import access_unit
from procesbank.processes import selectors as process_selectors
from procesbank.processes.engine.bpmn import BpmnDocument, BpmnError, NodeCategory, parse_bpmn
from procesbank.processes.engine.diagram.svg import Drawing, draw, read_diagram
from procesbank.processes.engine.kle_groups import KLE_MAIN_GROUPS
from procesbank.processes.engine.metrics import ProcessMetrics
from procesbank.processes.models import Process, ProcessVersion, Revision
from procesbank.reports.engine.raci import RaciMatrix, raci_matrix, task_documentation
from procesbank.reports.storage import report_path

#: Processes one selection report holds at most: a KLE main group of a large municipality
#: has a few dozen; the cap bounds what one click may cost.
SELECTION_MAX = 60


@dataclass(frozen=True)
class Cover:
    """The cover of a process's report. ``unit``, ``approval`` are empty until the process
    has them (see :func:`_cover_for`)."""

    process: str
    municipality: str
    owner: str
    unit: str
    status: str
    version: str
    version_kind: str
    revision: int
    approval: str
    kle: str
    updated_at: datetime
    updated_by: str


@dataclass(frozen=True)
class TaskRow:
    """A row of the task table: times in minutes per case, hours per year; None when the
    figures could not be computed."""

    name: str
    role: str
    it_system: str
    minutes_per_case: float | None
    executions_per_year: float | None
    hours_per_year: float | None
    documentation: str
    measured: bool


@dataclass(frozen=True)
class RevisionRow:
    number: int
    saved_at: datetime
    author: str
    comment: str


@dataclass
class ProcessSection:
    """Everything the report says about one process version."""

    cover: Cover
    drawing: Drawing | None
    diagram_note: str
    tasks: list[TaskRow]
    metrics: ProcessMetrics | None
    metrics_note: str
    formulas: list[str]
    raci: RaciMatrix | None
    revisions: list[RevisionRow]
    description: str = ""
    purpose: str = ""
    legal_basis: str = ""


@dataclass
class Report:
    """A report: its title, when it was made, and its sections (one per process)."""

    title: str
    made_on: date
    sections: list[ProcessSection] = field(default_factory=list)
    note: str = ""


def raci_help() -> str:
    """How the RACI matrix is derived, for the reader of the report."""
    return _(
        "R = udfører: den bane (rolle) opgaven ligger i. A = ansvarlig: procesejeren. "
        "C = konsulteres: en part, opgaven modtager en besked fra (beskedflow ind i "
        "opgaven), eller hvis opgave skriver data, som opgaven læser. I = informeres: en "
        "part, opgaven sender en besked til, eller hvis opgave læser data, som opgaven "
        "skriver. Hvor flere regler mødes, gælder R før A før C før I."
    )


def _kle_text(code: str) -> str:
    if not code:
        return ""
    plan = process_selectors.kle_plan()
    entry = plan.get(code) if plan is not None else None
    if entry is not None:
        return f"{code} {entry.title}"
    title = KLE_MAIN_GROUPS.get(code[:2], "")
    return f"{code} ({code[:2]} {title})" if title and len(code) > 2 else f"{code} {title}".strip()


def _cover_for(version: ProcessVersion) -> Cover:
    """The cover of ``version``'s report: the owner as a person (the owner text as fallback),
    the owning unit, the version's state in the approval workflow and the process's phase,
    and who approved and published it."""
    process = version.process
    owner = _owner_text(process.owner_user) if process.owner_user_id else process.owner
    return Cover(
        process=process.name,
        municipality=process.municipality.name,
        owner=owner,
        unit=process.unit.name if process.unit is not None else "",
        status=f"{version.get_state_display()} · {process.get_phase_display()}",
        version=version.display_label,
        version_kind=str(version.get_kind_display()),
        revision=version.revision,
        approval=_approval_text(version),
        kle=_kle_text(process.kle_code),
        updated_at=version.updated_at,
        updated_by=_person_name(version.updated_by),
    )


def _person_name(person: User | None) -> str:
    """A person in a report by full name only: a report is handed on beyond the library, and
    may be of another municipality's shared process, so it never shows a user name (the
    decision is written at organisations.selectors.work_contact)."""
    return person.get_full_name() if person is not None else ""


def _owner_text(person: User | None) -> str:
    """The process owner as a work contact: "Ane Holm, Teamleder" (name and job title)."""
    if person is None:
        return ""
    return ", ".join(part for part in (person.get_full_name(), person.job_title) if part)


def _approval_text(version: ProcessVersion) -> str:
    """ "Godkendt 1.7.2026 af Ane Holm · offentliggjort 2.7.2026 · næste gennemgang 1.7.2027",
    or "" when the version was never approved."""
    review = Review.objects.filter(version=version).select_related("approved_by").first()
    if review is None or review.approved_at is None:
        return ""
    parts = [
        _("Godkendt %(day)s af %(person)s")
        % {
            "day": formatting.short_date(timezone.localdate(review.approved_at)),
            "person": _person_name(review.approved_by) or "–",
        }
    ]
    if review.published_at is not None:
        parts.append(
            _("offentliggjort %(day)s")
            % {"day": formatting.short_date(timezone.localdate(review.published_at))}
        )
    if review.next_review_on is not None:
        parts.append(
            _("næste gennemgang %(day)s") % {"day": formatting.short_date(review.next_review_on)}
        )
    return " · ".join(parts)


def _parse(version: ProcessVersion) -> BpmnDocument | None:
    try:
        return parse_bpmn(
            version.bpmn_xml.encode("utf-8"),
            max_bytes=int(settings.PROCESBANK_BPMN_LIMIT_MB) * 1024 * 1024,
        )
    except BpmnError:
        return None


def formula_lines(metrics: ProcessMetrics) -> list[str]:
    """The figures in words with their numbers, in the reader's language."""
    minutes = formatting.number(metrics.minutes_per_case, 1)
    hours = formatting.number(metrics.hours_per_year, 1)
    fte_hours = formatting.number(metrics.annual_hours_per_fte, None)
    return [
        _(
            "Tid pr. sag = summen over opgaverne af besøg × udførelser pr. besøg × "
            "trepunktstid, hvor trepunktstid = (min. + 4 × sandsynlig + maks.) / 6 = "
            "%(minutes)s minutter"
        )
        % {"minutes": minutes},
        _(
            "Timer pr. år = tid pr. sag × sager pr. år / 60 = %(minutes)s × %(volume)s / 60 = "
            "%(hours)s timer"
        )
        % {
            "minutes": minutes,
            "volume": formatting.number(metrics.yearly_volume),
            "hours": hours,
        },
        _("Årsværk = timer pr. år / timer pr. årsværk = %(hours)s / %(fte_hours)s = %(fte)s")
        % {"hours": hours, "fte_hours": fte_hours, "fte": formatting.number(metrics.fte, 2)},
        _(
            "Omkostning pr. år = summen over opgaverne af timer pr. år × timeprisen for "
            "opgavens rolle = %(cost)s"
        )
        % {"cost": formatting.money(metrics.cost_per_year, 0)},
    ]


def _task_rows(
    doc: BpmnDocument | None, metrics: ProcessMetrics | None, yearly_volume: int
) -> list[TaskRow]:
    if doc is None:
        return []
    figures = {t.task_id: t for t in metrics.tasks} if metrics else {}
    rows = []
    for node in doc.nodes.values():
        if node.category is not NodeCategory.TASK:
            continue
        task = figures.get(node.id)
        m = node.measurements
        rows.append(
            TaskRow(
                name=" ".join(node.label.split()),
                role=node.lane,
                it_system=m.it_system if m else "",
                minutes_per_case=task.minutes_per_case if task else None,
                executions_per_year=(
                    task.visits * task.executions_per_case * yearly_volume if task else None
                ),
                hours_per_year=task.hours_per_year if task else None,
                documentation=task_documentation(doc, node.id),
                measured=m is not None,
            )
        )
    return rows


def _revision_rows(version: ProcessVersion, limit: int = 50) -> list[RevisionRow]:
    revisions: list[Revision] = list(process_selectors.revision_list(version=version)[:limit])
    return [
        RevisionRow(
            number=r.number,
            saved_at=r.created_at,
            author=_person_name(r.author),
            comment=r.display_comment,
        )
        for r in revisions
    ]


def _section(version: ProcessVersion) -> ProcessSection:
    process = version.process
    doc = _parse(version)
    metrics: ProcessMetrics | None = None
    metrics_note = ""
    if doc is None:
        metrics_note = _("BPMN-filen kunne ikke læses, så nøgletallene kan ikke beregnes.")
    else:
        try:
            metrics = process_selectors.version_metrics(version=version)
        except UserError as error:
            metrics_note = error.render(_)
    drawing = None
    diagram_note = ""
    diagram = read_diagram(doc) if doc is not None else None
    if diagram is None:
        diagram_note = _(
            "Versionen har ingen diagramoplysninger (BPMN DI), så diagrammet kan ikke tegnes. "
            "Opgaverne står i tabellen nedenfor."
        )
    else:
        drawing = draw(diagram)
    owner = process.owner or _("Procesejeren")
    return ProcessSection(
        cover=_cover_for(version),
        drawing=drawing,
        diagram_note=diagram_note,
        tasks=_task_rows(doc, metrics, process.yearly_volume),
        metrics=metrics,
        metrics_note=metrics_note,
        formulas=formula_lines(metrics) if metrics else [],
        raci=raci_matrix(doc, owner=owner, unassigned=_("Uden rolle")) if doc else None,
        revisions=_revision_rows(version),
        description=process.description,
        purpose=process.purpose,
        legal_basis=process.legal_basis,
    )


def version_report(*, user: User, version_id: int) -> Report:
    """The report of one version the user may read (404 otherwise)."""
    version = process_selectors.access_version(user=user, version_id=version_id)
    section = _section(version)
    return Report(
        title=f"{version.process.name} · {version.display_label}",
        made_on=timezone.localdate(),
        sections=[section],
    )


def kle_selection(*, user: User, kle_group: str) -> list[Process]:
    """The processes of a KLE main group ("32") the user may read, by name; at most
    :data:`SELECTION_MAX` of them."""
    return process_selection(user=user, kle_group=kle_group)


def process_selection(
    *, user: User, kle_group: str = "", unit_id: int | None = None
) -> list[Process]:
    """The processes the user may read of a KLE main group ("32"), of a unit of the own
    municipality with the units below it, or of both at once, by name; at most
    :data:`SELECTION_MAX` of them. Nothing without a choice or with a malformed group."""
    if kle_group and re.fullmatch(r"[0-9]{2}", kle_group) is None:
        return []
    if not kle_group and unit_id is None:
        return []
    filters = process_selectors.ProcessFilters(kle_group=kle_group, unit=unit_id)
    processes = process_selectors.process_list(user=user, filters=filters)
    return list(processes.order_by("name", "pk")[:SELECTION_MAX])


def selection_title(*, user: User, kle_group: str = "", unit_id: int | None = None) -> str:
    """ "KLE 32 Kontante ydelser", "Jobcenter" or both, joined by " · "."""
    parts = []
    if kle_group:
        kle = _("KLE %(group)s %(name)s") % {
            "group": kle_group,
            "name": KLE_MAIN_GROUPS.get(kle_group, ""),
        }
        parts.append(kle.strip())
    if unit_id is not None:
        parts.append(access_unit(user=user, unit_id=unit_id).name)
    return " · ".join(parts)


def selection_report(
    *,
    user: User,
    kle_group: str,
    unit_id: int | None = None,
    on_section: Callable[[int, int], None] | None = None,
) -> Report:
    """The report of every process of a KLE main group and/or a unit (with the units below
    it) the user may read: each with its primary version (the as-is, else the first).
    ``on_section(done, total)`` is told after each process (a background job's progress bar)."""
    processes = process_selection(user=user, kle_group=kle_group, unit_id=unit_id)
    title = selection_title(user=user, kle_group=kle_group, unit_id=unit_id)
    report = Report(title=title, made_on=timezone.localdate())
    for done, process in enumerate(processes, start=1):
        version = (
            ProcessVersion.objects.filter(process=process)
            .select_related(
                "process__municipality", "process__owner_user", "process__unit", "updated_by"
            )
            .order_by("kind", "created_at", "id")
            .first()
        )
        if version is not None:
            report.sections.append(_section(version))
        if on_section is not None:
            on_section(done, len(processes))
    if not report.sections and unit_id is not None:
        report.note = _("Der er ingen processer, du kan se, i dette udvalg.")
    elif not report.sections:
        report.note = _("Der er ingen processer, du kan se, i denne KLE-hovedgruppe.")
    return report


def kle_group_choices(*, user: User) -> list[tuple[str, str]]:
    """The KLE main groups of the processes the user may read, for the selection page."""
    return process_selectors.kle_group_choices(user=user)


def access_report_job(*, user: User, job_id: UUID) -> Job:
    """A job the user started themselves (a report is kept for the one who asked for it);
    404 for anyone else's, of the own municipality or another."""
    if user.municipality_id is None:
        raise Http404
    return access_or_404(
        Job.objects.filter(municipality_id=user.municipality_id, user=user), pk=job_id
    )


def access_report_file(*, user: User, job_id: UUID) -> tuple[Job, Path | None]:
    """The user's finished report job and its file; the path is None once the file has been
    cleaned up. 404 for a job that made no report or is not the user's."""
    job = access_report_job(user=user, job_id=job_id)
    if job.status != Job.Status.SUCCEEDED or not (job.result or {}).get("report"):
        raise Http404
    path = report_path(job)
    return job, path if path is not None and path.is_file() else None
