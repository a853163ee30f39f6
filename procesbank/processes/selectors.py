"""Every read of the process library, on behalf of an acting user.

A user sees the processes of their own municipality, those that another municipality of the
same collaboration shared with the collaboration, and public ones.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Count, Q, QuerySet
from django.http import Http404

from procesbank.kit.access import access_or_404
from procesbank.organisations.models import User
from procesbank.organisations.permissions import Action, can, require_edit
from procesbank.processes.engine.bpmn import parse_bpmn
from procesbank.processes.engine.kle import KleEntry, KleLevel, KlePlan
from procesbank.processes.engine.kle_groups import KLE_MAIN_GROUPS
from procesbank.processes.engine.metrics import (
    MetricsDiff,
    ProcessMetrics,
    compare_metrics,
    process_metrics,
)
from procesbank.processes.models import (
    KleTopic,
    Process,
    ProcessVersion,
    Revision,
    RoleRate,
    TaskMeasurement,
)
from procesbank.processes.rates import rates_for

SORTS = {
    "name": ("name",),
    "-updated": ("-updated_at",),
    "kle": ("kle_code", "name"),
    "municipality": ("municipality__name", "name"),
    "-volume": ("-yearly_volume", "name"),
}


def visible_to(user: User) -> Q:
    """The filter of rows a user may read: own, shared with the collaboration, public."""
    if user.municipality is None:
        return Q(pk__in=[])
    return (
        Q(municipality=user.municipality)
        | Q(
            visibility="collaboration",
            municipality__collaboration_id=user.municipality.collaboration_id,
        )
        | Q(visibility="public")
    )


@dataclass(frozen=True)
class ProcessFilters:
    q: str = ""
    kle_group: str = ""
    phase: str = ""
    municipality: int | None = None
    visibility: str = ""
    it_system: str = ""
    sort: str = "name"


def process_list(*, user: User, filters: ProcessFilters | None = None) -> QuerySet[Process]:
    """Processes the user may read, filtered, searched (ranked when searching) and sorted."""
    filters = filters or ProcessFilters()
    processes: QuerySet[Process] = (
        Process.objects.filter(visible_to(user))
        .select_related("municipality")
        .annotate(version_count=Count("versions", distinct=True))
    )
    if filters.kle_group:
        processes = processes.filter(kle_code__startswith=filters.kle_group[:2])
    if filters.phase:
        processes = processes.filter(phase=filters.phase)
    if filters.municipality:
        processes = processes.filter(municipality_id=filters.municipality)
    if filters.visibility:
        processes = processes.filter(visibility=filters.visibility)
    if filters.it_system:
        processes = _with_it_system(processes, filters.it_system)
    if filters.q.strip():
        return _search(processes, filters.q.strip())
    return processes.order_by(*SORTS.get(filters.sort, SORTS["name"]))


def _with_it_system(processes: QuerySet[Process], system: str) -> QuerySet[Process]:
    matching_tasks = TaskMeasurement.objects.filter(it_system__iexact=system).values(
        "version__process"
    )
    if connection.vendor == "postgresql":
        in_metadata = Q(it_systems__contains=[system])
    else:  # SQLite's JSON has no containment operator; the list is short, match its text
        in_metadata = Q(it_systems__icontains=f'"{system}"')
    return processes.filter(in_metadata | Q(pk__in=matching_tasks))


def _search(processes: QuerySet[Process], text: str) -> QuerySet[Process]:
    """PostgreSQL: Danish full-text search, ranked (name above description above task names).
    SQLite: every word must occur somewhere, ranked by where the first word occurs."""
    if connection.vendor == "postgresql":
        vector = (
            SearchVector("name", weight="A", config="danish")
            + SearchVector("description", "purpose", weight="B", config="danish")
            + SearchVector("search_text", "legal_basis", weight="C", config="danish")
        )
        query = SearchQuery(text, config="danish", search_type="websearch")
        return (
            processes.annotate(rank=SearchRank(vector, query))
            .filter(Q(rank__gt=0) | Q(name__icontains=text) | Q(kle_code__startswith=text))
            .order_by("-rank", "name")
        )
    for word in text.split():
        processes = processes.filter(
            Q(name__icontains=word)
            | Q(description__icontains=word)
            | Q(purpose__icontains=word)
            | Q(search_text__icontains=word)
            | Q(legal_basis__icontains=word)
            | Q(kle_code__startswith=word)
        )
    return processes.order_by("name")


def access_process(*, user: User, process_id: int) -> Process:
    """One process the user may read; 404 for one they may not (its existence is no one's
    business)."""
    visible = Process.objects.filter(visible_to(user)).select_related("municipality")
    return access_or_404(visible, pk=process_id)


def access_process_for_edit(*, user: User, process_id: int) -> Process:
    """One process the user may change: owned by their municipality and the role allows it."""
    process = access_process(user=user, process_id=process_id)
    require_edit(user, process.municipality)
    return process


def access_version(*, user: User, version_id: int, for_edit: bool = False) -> ProcessVersion:
    versions = ProcessVersion.objects.select_related("process__municipality", "updated_by")
    version = access_or_404(versions, pk=version_id)
    access = access_process_for_edit if for_edit else access_process
    access(user=user, process_id=version.process_id)
    return version


def can_edit(*, user: User, process: Process) -> bool:
    return can(user, Action.EDIT, process.municipality)


def version_list(*, process: Process) -> QuerySet[ProcessVersion]:
    return process.versions.select_related("updated_by").order_by("kind", "created_at", "id")


def primary_version(*, process: Process) -> ProcessVersion:
    """The version the API's process endpoints speak of: the as-is, else the first."""
    version = version_list(process=process).first()
    if version is None:  # every process is created with one
        raise Http404
    return version


def revision_list(*, version: ProcessVersion) -> QuerySet[Revision]:
    return version.revisions.select_related("author").defer("bpmn_xml")


@dataclass(frozen=True)
class MeasurementChange:
    """How one task changed between a revision and the one before it."""

    task: str
    change: str  # "added", "removed" or "changed"
    before_minutes: float | None = None  # minutes per case
    after_minutes: float | None = None


def revision_history(
    *, version: ProcessVersion, limit: int = 20
) -> list[tuple[Revision, list[MeasurementChange]]]:
    """The latest revisions, each with the measurement changes against the revision before."""
    revisions = list(revision_list(version=version)[: limit + 1])
    history: list[tuple[Revision, list[MeasurementChange]]] = []
    for current, previous in zip(revisions, [*revisions[1:], None], strict=True):
        if len(history) == limit:
            break
        history.append(
            (current, _changes(previous.measurements if previous else None, current.measurements))
        )
    return history


def _changes(before: dict | None, after: dict) -> list[MeasurementChange]:
    if before is None:
        return []
    changes = []
    for task_id, figures in after.items():
        old = before.get(task_id)
        name = figures.get("name") or task_id
        if old is None:
            changes.append(MeasurementChange(name, "added", None, figures.get("minutes_per_case")))
        elif old != figures:
            changes.append(
                MeasurementChange(
                    name, "changed", old.get("minutes_per_case"), figures.get("minutes_per_case")
                )
            )
    for task_id, figures in before.items():
        if task_id not in after:
            changes.append(
                MeasurementChange(
                    figures.get("name") or task_id, "removed", figures.get("minutes_per_case")
                )
            )
    return changes


def revision_get(*, version: ProcessVersion, number: int) -> Revision:
    return access_or_404(version.revisions.all(), number=number)


def version_metrics(*, version: ProcessVersion) -> ProcessMetrics:
    """Handling time, hours, FTE and cost of a version, with the owner municipality's rates."""
    return metrics_for_xml(version=version, xml=version.bpmn_xml.encode("utf-8"))


def metrics_for_xml(*, version: ProcessVersion, xml: bytes) -> ProcessMetrics:
    """The figures of a BPMN that is being edited (not saved yet) in the context of a version."""
    process = version.process
    rates, default_rate = rates_for(process.municipality)
    doc = parse_bpmn(xml, max_bytes=int(settings.PROCESBANK_BPMN_LIMIT_MB) * 1024 * 1024)
    return process_metrics(
        doc,
        yearly_volume=process.yearly_volume,
        annual_hours_per_fte=float(process.municipality.annual_hours_per_fte),
        hourly_rate_by_role=rates,
        default_hourly_rate=default_rate,
    )


def version_comparison(*, before: ProcessVersion, after: ProcessVersion) -> MetricsDiff:
    """What ``after`` saves against ``before`` (both of the same process)."""
    if before.process_id != after.process_id:
        raise Http404
    return compare_metrics(version_metrics(version=before), version_metrics(version=after))


def it_system_choices(*, user: User) -> list[str]:
    """IT systems named on the tasks of processes the user may read, for the filter."""
    names = (
        TaskMeasurement.objects.filter(
            version__process__in=Process.objects.filter(visible_to(user))
        )
        .exclude(it_system="")
        .values_list("it_system", flat=True)
        .distinct()
    )
    return sorted(set(names), key=str.casefold)


def kle_group_choices(*, user: User) -> list[tuple[str, str]]:
    """(main group, "NN name") of the processes the user may read, for the filter."""
    codes = (
        Process.objects.filter(visible_to(user))
        .exclude(kle_code="")
        .values_list("kle_code", flat=True)
    )
    groups = sorted({code[:2] for code in codes})
    return [(group, f"{group} {KLE_MAIN_GROUPS.get(group, '')}".strip()) for group in groups]


def kle_plan() -> KlePlan | None:
    """The KLE plan loaded with ``procesbank kle import``, or None (then only main groups)."""
    rows = list(KleTopic.objects.all())
    if not rows:
        return None
    return KlePlan(
        KleEntry(
            code=row.code,
            title=row.title,
            level=KleLevel(row.level),
            parent_code=row.code.rsplit(".", 1)[0] if "." in row.code else "",
            uuid=row.uuid,
            expired=row.expired,
        )
        for row in rows
    )


def kle_choices() -> list[tuple[str, str]]:
    """(number, label) for the KLE picker: the loaded plan's current entries, else the main
    groups with their names."""
    plan = kle_plan()
    if plan is None:
        return [(code, f"{code} {title}") for code, title in KLE_MAIN_GROUPS.items()]
    return [(entry.code, entry.label) for entry in plan if not entry.expired]


def role_rate_list(*, user: User) -> QuerySet[RoleRate]:
    """The own municipality's hourly rates by role."""
    return RoleRate.objects.filter(municipality=user.municipality).order_by("role")


def lane_names(*, user: User) -> list[str]:
    """Roles (lane names) used in the own municipality's processes, for the rate form."""
    names = (
        TaskMeasurement.objects.filter(version__process__municipality=user.municipality)
        .exclude(lane="")
        .values_list("lane", flat=True)
        .distinct()
    )
    return sorted(set(names), key=str.casefold)
