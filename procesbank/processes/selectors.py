"""Every read of the process library, on behalf of an acting user.

A user sees the processes of their own municipality, those that another municipality of the
same collaboration shared with the collaboration, and public ones.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, cast

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    Count,
    F,
    FloatField,
    Func,
    IntegerField,
    Max,
    Model,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, Substr
from django.db.models.lookups import IsNull
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext

from procesbank.dictionary.selectors import role_names
from procesbank.kit.access import access_or_404
from procesbank.kit.paging import CountedRows, RankedRows, capped_count, count_cap
from procesbank.kit.stamps import cached, stamp, viewer_key
from procesbank.kit.templatetags.procesbank import day
from procesbank.organisations.models import Municipality, OrganisationalUnit, Role, User
from procesbank.organisations.permissions import Action, can, require_edit
from procesbank.organisations.selectors import unit_with_descendants
from procesbank.processes.engine.bpmn import parse_bpmn
from procesbank.processes.engine.kle import KleEntry, KleFacet, KleLevel, KlePlan
from procesbank.processes.engine.kle_groups import KLE_MAIN_GROUPS
from procesbank.processes.engine.metrics import (
    MetricsDiff,
    ProcessMetrics,
    compare_metrics,
    process_metrics,
)
from procesbank.processes.engine.outline import Outline, bpmn_outline
from procesbank.processes.models import (
    KleFacetEntry,
    KleTopic,
    Process,
    ProcessVersion,
    Revision,
    RoleRate,
    TaskMeasurement,
    VersionState,
    Visibility,
    WithdrawnShare,
)
from procesbank.processes.rates import rates_for

# Every sort ends with the id: a name repeats across 98 municipalities, and rows of equal names
# came in another order from one request to the next (a row could move between pages). The name
# indexes still serve the sorts: PostgreSQL orders the few equal names on top (incremental sort).
SORTS = {
    "name": ("name", "pk"),
    "-updated": ("-updated_at", "-pk"),
    "kle": ("kle_code", "name", "pk"),
    "municipality": ("municipality__name", "name", "pk"),
    "-volume": ("-yearly_volume", "name", "pk"),
}


def count_of(model: type[Model], link: str) -> Func:
    """``SELECT COUNT(*) FROM model WHERE link = outer.pk`` as an annotation (a list's badge
    count that is evaluated for the shown rows, not grouped over every visible row)."""
    rows = (
        model._default_manager.filter(**{link: OuterRef("pk")})
        .order_by()
        .values(link)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


def visible_to(user: User) -> Q:
    """The filter of rows a user may read: own, shared with the collaboration, public."""
    if user.municipality is None:
        return Q(pk__in=[])
    return visible_to_municipality(user.municipality)


def visible_to_municipality(municipality: Municipality) -> Q:
    """The filter of rows the users of ``municipality`` may read."""
    # The collaboration's municipalities as a subquery, not a join: PostgreSQL then counts and
    # pages the visible rows from the process table's own indexes.
    partners = Municipality.objects.filter(collaboration_id=municipality.collaboration_id).values(
        "pk"
    )
    return (
        Q(municipality=municipality)
        | Q(visibility="collaboration", municipality__in=partners)
        | Q(visibility="public")
    )


# --- links from a visible object to a process ----------------------------------------------
class LinkState(StrEnum):
    LIVE = "live"  # the reader may read the process now
    FROZEN = "frozen"  # its owner took the share back: the reader keeps what was shared
    HIDDEN = "hidden"  # never shared with the reader: only whose it is


@dataclass(frozen=True)
class ProcessLink:
    """A link from an object the reader may see (a candidate, a project, a business case line,
    an event log, a reuse, an umbrella) to a process, as the reader may see it. Every such
    link goes through :func:`process_link` / :func:`process_links`: a process the reader may
    not read shows as "en proces fra <kommune> (ikke delt)", without its name, its address or
    figures derived from it; one whose share was taken back shows its frozen copy."""

    process_id: int
    municipality: str
    state: LinkState
    name: str = ""  # the live or frozen name; empty when hidden
    withdrawal: WithdrawnShare | None = None

    @property
    def live(self) -> bool:
        return self.state == LinkState.LIVE

    @property
    def label(self) -> str:
        if self.state == LinkState.LIVE:
            return self.name
        if self.state == LinkState.FROZEN and self.withdrawal is not None:
            return gettext(
                "%(name)s (kopi fra %(municipality)s; delingen blev trukket tilbage %(day)s)"
            ) % {
                "name": self.name,
                "municipality": self.municipality,
                "day": day(self.withdrawal.withdrawn_at),
            }
        return gettext("en proces fra %(municipality)s (ikke delt)") % {
            "municipality": self.municipality
        }

    @property
    def url(self) -> str:
        """The process page, for a live link only (the page is a 404 for anyone else)."""
        return reverse("processes:process_detail", args=[self.process_id]) if self.live else ""

    def frozen_version(self, version_id: int) -> dict[str, str] | None:
        """A version as it was shared (label, kind, bpmn_xml), for a frozen link."""
        if self.withdrawal is None:
            return None
        version = self.withdrawal.versions.get(str(version_id))
        return version if isinstance(version, dict) else None


# Every link from another app's model to a process or a version, with where it passes the
# reader's access check. processes/tests/test_withdrawal.py fails on a link missing here: a new
# one is shown through process_link / process_links ({% process_link %}, {% version_link %})
# and its derived figures through version_metrics_as_seen before it is added.
CHECKED_LINKS: dict[str, str] = {
    "catalogue.Candidate.process": "catalogue.selectors.candidate_process_link; columns.py "
    "hides the figures derived from it",
    "catalogue.Reuse.source": "reuse_source_changes (None when no longer readable); the name "
    "shown is the one copied",
    "catalogue.Reuse.copy": "the borrower's own copy",
    "catalogue.Umbrella.processes": "umbrella_processes: live or frozen links; {% process_link %}",
    "mining.EventLog.process": "{% process_link %}; default_conformance_version",
    "projects.Project.as_is_version": "{% version_link %} / {% process_link %}",
    "projects.Project.to_be_version": "{% version_link %}",
    "economics.BusinessCaseLine.as_is_version": "version_comparison_as_seen; {% version_link %}",
    "economics.BusinessCaseLine.to_be_version": "version_comparison_as_seen",
    "competence.Enrolment.assignment_process": "assignment_process_choices (page and API)",
    "knowledge.Lesson.processes": "knowledge.selectors.lesson_processes (only readable ones)",
    "knowledge.Answer.linked_process": "knowledge.selectors.answer_links (only readable ones)",
    "mining.ActivityMapping.version": "reached only through access_conformance_version; the "
    "mapping names tasks, never shows the version to anyone who could not choose it",
    "governance.Review.version": "governance.selectors: own municipality only (a review is "
    "never another municipality's to read, shared or not)",
    "governance.ReviewComment.version": "governance.selectors.comment_list: own municipality only",
}


def process_links(
    *, municipality: Municipality | None, processes: Iterable[Process]
) -> dict[int, ProcessLink]:
    """The links to ``processes`` as users of ``municipality`` may see them (process id ->
    link), in two queries whatever their number."""
    by_id = {p.pk: p for p in processes}
    if municipality is None:
        readable: set[int] = set()
    else:
        readable = set(
            Process.objects.filter(visible_to_municipality(municipality), pk__in=by_id).values_list(
                "pk", flat=True
            )
        )
    withdrawals: dict[int, WithdrawnShare] = {}
    hidden = [pk for pk in by_id if pk not in readable]
    if hidden and municipality is not None:
        for withdrawal in WithdrawnShare.objects.filter(process_id__in=hidden).select_related(
            "process__municipality"
        ):
            owner = withdrawal.process.municipality
            could_read = withdrawal.visibility == Visibility.PUBLIC or (
                withdrawal.visibility == Visibility.COLLABORATION
                and owner.collaboration_id == municipality.collaboration_id
            )
            if could_read and withdrawal.process_id not in withdrawals:  # newest first
                withdrawals[withdrawal.process_id] = withdrawal
    links = {}
    for pk, process in by_id.items():
        owner_name = process.municipality.name
        if pk in readable:
            links[pk] = ProcessLink(pk, owner_name, LinkState.LIVE, process.name)
        elif pk in withdrawals:
            withdrawal = withdrawals[pk]
            links[pk] = ProcessLink(pk, owner_name, LinkState.FROZEN, withdrawal.name, withdrawal)
        else:
            links[pk] = ProcessLink(pk, owner_name, LinkState.HIDDEN)
    return links


def process_link(*, user: User, process: Process | None) -> ProcessLink | None:
    """The link to one process as ``user`` may see it (None for no process)."""
    if process is None:
        return None
    return process_links(municipality=user.municipality, processes=[process])[process.pk]


def readable_process(user: User, path: str = "process") -> Case:
    """An annotation: whether the row's process (at ``path``) is missing or one ``user`` may
    read now, for lists that show figures derived from it."""
    # Looked up by key for each row shown, not "IN (every readable process)": PostgreSQL
    # hashed that set, 80,000 processes at national scale, for a page of 50 candidates (and
    # an EXISTS it may hash alike; a scalar subquery it always runs per row).
    found = Process.objects.filter(visible_to(user), pk=OuterRef(path)).order_by().values("pk")[:1]
    readable = IsNull(Subquery(found), False)
    return Case(
        When(Q(**{f"{path}__isnull": True}) | readable, then=Value(True)),
        default=Value(False),
        output_field=BooleanField(),
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
    unit: int | None = None  # a unit of the own municipality, with the units below it
    my_unit: bool = False  # the user's own unit and the units below it
    mine: bool = False  # only the processes whose owner (the person) is the reader


def _has_version_in(state: str) -> IsNull:
    # A scalar subquery looked up per row shown, not EXISTS: estimating 40,000 visible rows,
    # PostgreSQL hashed every published version of the country (27,000) for a page of 50.
    found = ProcessVersion.objects.filter(process=OuterRef("pk"), state=state)
    return IsNull(Subquery(found.order_by().values("pk")[:1]), False)


def process_list(
    *, user: User, filters: ProcessFilters | None = None, only: tuple[str, ...] = ()
) -> QuerySet[Process]:
    """Processes the user may read, filtered, searched (ranked when searching) and sorted.

    ``only``: the fields a caller reads (the API's list), loaded without the list page's
    badges; else every field with the badges (:func:`_filtered`)."""
    filters = filters or ProcessFilters()
    processes = _filtered(user, filters, only)
    text = search_text(filters.q)
    if text and connection.vendor == "postgresql":
        hits, rank = _ranked_search(processes, text)
        return hits.annotate(rank=rank).order_by("-rank", *RANK_TIES)
    if text:
        return _substring_search(processes, text).order_by("name")
    return processes.order_by(*SORTS.get(filters.sort, SORTS["name"]))


def search_text(q: str) -> str:
    """What is searched for: ``q`` with its runs of white space made one space (so "a  b" and
    " a b" are one search, and one cached ranking)."""
    return " ".join(q.split())


def process_list_paged(
    *, user: User, filters: ProcessFilters | None = None, only: tuple[str, ...] = ()
) -> CountedRows | RankedRows:
    """:func:`process_list` as the list page, its all-municipality count and the API page it.

    A search is the ranked hits (``kit.paging.RankedRows``): ranked in a narrow query that
    also counts them, with only the page's rows read in full. Every hit is read to be ranked
    (9,000 of "byggetilladelse" nationally), which cost some 45 ms for each page and each
    count, so the best 1,000 hits' ids and the number of hits are kept per search, filters
    and viewer's scope (:func:`_search_cache_key`) under the stamp of what decides them: the
    next page, the count and the same search through the API read only the page's rows, and
    any write to a process (a new one, a rename, a share, new task names) ranks again. On
    SQLite the hits are matched by substring and ranked alike (by name)."""
    filters = filters or ProcessFilters()
    text = search_text(filters.q)
    if not text:
        return _counted_list(user, filters, only)
    processes = _filtered(user, filters, only)
    if connection.vendor == "postgresql":
        hits, rank = _ranked_search(processes, text)
    else:
        hits, rank = _substring_search(processes, text), Value(0.0, output_field=FloatField())
    key, models = _search_cache_key(user, filters, text)
    return RankedRows(hits, rank, then=RANK_TIES, cache_key=key, cache_models=models)


def _counted_list(user: User, filters: ProcessFilters, only: tuple[str, ...]) -> CountedRows:
    """The list without a search, its number kept per filters and viewer's scope under the
    stamp of what decides it (:func:`_search_cache_key`): counting the visible processes of
    the whole country (the API's list, "all municipalities") read 10,001 rows on every page."""
    rows = process_list(user=user, filters=filters, only=only)
    key, models = _search_cache_key(user, filters, "")
    return CountedRows(
        rows,
        lambda: cached(f"process-count:{count_cap()}:{key}", models, lambda: capped_count(rows)),
    )


def _search_cache_key(
    user: User, filters: ProcessFilters, text: str
) -> tuple[str, tuple[type[Model], ...]]:
    """(the key naming everything that decides a search's hits besides the rows, the models
    whose writes change them). The viewer's scope (their municipality and its collaboration),
    never more general: a viewer of another municipality never reads hits ranked for this one.
    The sort is not in it (a search is ordered by rank)."""
    models: list[type[Model]] = [Process, Municipality]  # Municipality: who is a partner
    if filters.it_system:
        models.append(ProcessVersion)  # the systems named on the versions' tasks
    if filters.unit is not None or filters.my_unit:
        models.append(OrganisationalUnit)  # the units below the one chosen
    parts = (
        text,
        filters.kle_group[:2],
        filters.phase,
        filters.municipality,
        filters.visibility,
        filters.it_system,
        filters.unit,
        user.unit_id if filters.my_unit else None,
        user.pk if filters.mine else None,
    )
    return f"process-search:{viewer_key(user)}:{parts!r}", tuple(models)


def _filtered(user: User, filters: ProcessFilters, only: tuple[str, ...] = ()) -> QuerySet[Process]:
    processes: QuerySet[Process] = Process.objects.filter(visible_to(user)).select_related(
        "municipality"
    )
    if only:
        processes = processes.only(*only)
    else:
        processes = processes.annotate(
            # A correlated subquery, not Count() over a join: PostgreSQL computes it for the
            # rows of the page shown only, and the paginator's count() leaves it out.
            version_count=count_of(ProcessVersion, "process"),
            # The approval state shown as badges: is a version published, is one in review.
            has_published=_has_version_in(VersionState.PUBLISHED),
            has_in_review=_has_version_in(VersionState.IN_REVIEW),
        )
    if filters.mine:
        processes = processes.filter(owner_user=user)
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
    if filters.unit is not None:
        processes = processes.filter(
            unit_id__in=unit_with_descendants(user=user, unit_id=filters.unit)
        )
    if filters.my_unit:
        mine = user.unit_id
        units = unit_with_descendants(user=user, unit_id=mine) if mine else set()
        processes = processes.filter(unit_id__in=units)
    return processes


def _with_it_system(processes: QuerySet[Process], system: str) -> QuerySet[Process]:
    matching_tasks = TaskMeasurement.objects.filter(it_system__iexact=system).values(
        "version__process"
    )
    if connection.vendor == "postgresql":
        in_metadata = Q(it_systems__contains=[system])
    else:  # SQLite's JSON has no containment operator; the list is short, match its text
        in_metadata = Q(it_systems__icontains=f'"{system}"')
    return processes.filter(in_metadata | Q(pk__in=matching_tasks))


# The generated column of migration 0004 (PostgreSQL only).
SEARCH_VECTOR = RawSQL('"processes_process"."search_vector"', [], output_field=SearchVectorField())


#: What orders equal ranks. The id last: the same name ranks alike in every municipality that
#: holds it (98 copies nationally), and without a full order a tie could move between pages.
RANK_TIES = ("name", "pk")


def _ranked_search(processes: QuerySet[Process], text: str) -> tuple[QuerySet[Process], Any]:
    """PostgreSQL: (the processes that match ``text`` in Danish full text, their rank): name
    above description above task names."""
    # The stored, GIN-indexed vector of migration 0004 (weights A name, B description and
    # purpose, C task names and legal basis); the name and KLE prefix use their own indexes.
    # An alias, not an annotation: no row carries its vector to Python.
    query = SearchQuery(text, config="danish", search_type="websearch")
    hits = processes.alias(search_vector=SEARCH_VECTOR).filter(
        Q(search_vector=query) | Q(name__icontains=text) | Q(kle_code__startswith=text)
    )
    return hits, SearchRank(F("search_vector"), query)


def _substring_search(processes: QuerySet[Process], text: str) -> QuerySet[Process]:
    """SQLite: the processes in which every word occurs somewhere (unordered)."""
    for word in text.split():
        processes = processes.filter(
            Q(name__icontains=word)
            | Q(description__icontains=word)
            | Q(purpose__icontains=word)
            | Q(search_text__icontains=word)
            | Q(legal_basis__icontains=word)
            | Q(kle_code__startswith=word)
        )
    return processes


def access_process(*, user: User, process_id: int) -> Process:
    """One process the user may read; 404 for one they may not (its existence is no one's
    business)."""
    visible = Process.objects.filter(visible_to(user)).select_related(
        "municipality", "unit", "owner_user"
    )
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


def owner_choices(*, user: User) -> QuerySet[User]:
    """The people who may own a process of the user's municipality: its active users who work
    in the library (not the portal-only medarbejdere)."""
    if user.municipality_id is None:
        return User.objects.none()
    return (
        User.objects.filter(municipality_id=user.municipality_id, is_active=True)
        .exclude(role=Role.MEDARBEJDER)
        .order_by("first_name", "last_name", "username")
    )


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


def metrics_for_xml(
    *, version: ProcessVersion, xml: bytes, yearly_volume: int | None = None
) -> ProcessMetrics:
    """The figures of a BPMN that is being edited (not saved yet) in the context of a version
    (or frozen when its share was taken back, with the volume of then)."""
    process = version.process
    rates, default_rate = rates_for(process.municipality)
    doc = parse_bpmn(xml, max_bytes=int(settings.PROCESBANK_BPMN_LIMIT_MB) * 1024 * 1024)
    return process_metrics(
        doc,
        yearly_volume=process.yearly_volume if yearly_volume is None else yearly_volume,
        annual_hours_per_fte=float(process.municipality.annual_hours_per_fte),
        hourly_rate_by_role=rates,
        default_hourly_rate=default_rate,
    )


def outline_for_xml(*, xml: bytes) -> Outline:
    """The diagram as structured text (its sequence, gateways and lanes) for screen readers."""
    return bpmn_outline(
        parse_bpmn(xml, max_bytes=int(settings.PROCESBANK_BPMN_LIMIT_MB) * 1024 * 1024)
    )


def version_metrics_as_seen(
    *, municipality: Municipality | None, version: ProcessVersion
) -> ProcessMetrics | None:
    """A version's figures as users of ``municipality`` may derive them: now, if they may read
    its process; as it was shared, if its owner took the share back; None otherwise."""
    link = process_links(municipality=municipality, processes=[version.process])[version.process_id]
    if link.live:
        return version_metrics(version=version)
    frozen = link.frozen_version(version.pk)
    if frozen is None or link.withdrawal is None:
        return None
    return metrics_for_xml(
        version=version,
        xml=frozen["bpmn_xml"].encode("utf-8"),
        yearly_volume=link.withdrawal.yearly_volume,
    )


def version_comparison_as_seen(
    *, municipality: Municipality | None, before: ProcessVersion, after: ProcessVersion
) -> MetricsDiff | None:
    """:func:`version_comparison` as users of ``municipality`` may derive it (see
    :func:`version_metrics_as_seen`); None when they may not derive it at all."""
    if before.process_id != after.process_id:
        raise Http404
    old = version_metrics_as_seen(municipality=municipality, version=before)
    new = version_metrics_as_seen(municipality=municipality, version=after)
    if old is None or new is None:
        return None
    return compare_metrics(old, new)


def version_comparison(*, before: ProcessVersion, after: ProcessVersion) -> MetricsDiff:
    """What ``after`` saves against ``before`` (both of the same process)."""
    if before.process_id != after.process_id:
        raise Http404
    return compare_metrics(version_metrics(version=before), version_metrics(version=after))


def it_system_choices(*, user: User) -> list[str]:
    """IT systems named on the tasks of processes the user may read, for the filter.

    Millions of task rows hold a few dozen names: the answer is cached per reader's view of
    the library under the stamp of processes and versions (:func:`procesbank.kit.stamps.cached`),
    so a saved model shows its systems at once in every worker."""

    def names() -> list[str]:
        found = (
            TaskMeasurement.objects.filter(
                version__process__in=Process.objects.filter(visible_to(user))
            )
            .exclude(it_system="")
            .order_by()  # the model's ordering by position would join the DISTINCT
            .values_list("it_system", flat=True)
            .distinct()
        )
        return sorted(set(found), key=str.casefold)

    return list(cached(f"it-systems:{viewer_key(user)}", LIBRARY, names))


#: The models the process library's cached choices are computed from.
LIBRARY = (Process, ProcessVersion)


def library_stamp() -> str:
    """Changes whenever a process or a version is created, changed or deleted (see
    :func:`procesbank.kit.stamps.stamp`)."""
    return stamp(*LIBRARY)


def kle_group_choices(*, user: User) -> list[tuple[str, str]]:
    """(main group, "NN name") of the processes the user may read, for the filter (cached
    like :func:`it_system_choices`)."""

    def groups() -> list[str]:
        return sorted(
            Process.objects.filter(visible_to(user))
            .exclude(kle_code="")
            .order_by()
            .annotate(group=Substr("kle_code", 1, 2))
            .values_list("group", flat=True)
            .distinct()
        )

    found = cached(f"kle-groups:{viewer_key(user)}", LIBRARY, groups)
    return [(group, f"{group} {KLE_MAIN_GROUPS.get(group, '')}".strip()) for group in found]


# The plan read last, with the stamp it was read under: an import replaces every row, so the
# count and the highest id change with it (on another web node too), and the import in this
# process also forgets it (kle_plan_forget). Rebuilding KL's ~4,500 entries on every keystroke
# of the picker cost most of its time.
_plan_cache: dict[str, Any] = {"stamp": None, "plan": None}


def kle_plan_forget() -> None:
    _plan_cache.update(stamp=None, plan=None)


def kle_plan() -> KlePlan | None:
    """The KLE plan loaded with ``procesbank kle import``, or None (then only main groups)."""
    stamp = tuple(KleTopic.objects.aggregate(count=Count("id"), last=Max("id")).values())
    if stamp == _plan_cache["stamp"]:
        return cast("KlePlan | None", _plan_cache["plan"])
    rows = list(KleTopic.objects.all())
    plan = None
    if rows:
        plan = KlePlan(
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
    _plan_cache.update(stamp=stamp, plan=plan)
    return plan


def kle_facets() -> dict[str, KleFacet] | None:
    """KL's handlingsfacetter by number when imported, else None (then only the form counts)."""
    rows = list(KleFacetEntry.objects.all())
    if not rows:
        return None
    return {
        row.code: KleFacet(
            code=row.code,
            title=row.title,
            category_code=row.category_code,
            category_title=row.category_title,
            expired=row.expired,
        )
        for row in rows
    }


def kle_search(*, user: User, q: str, limit: int = 20) -> tuple[KleEntry, ...]:
    """KLE entries for the picker and the API, best first (``KlePlan.search``): by number
    ("02.34" gives the group and its topics, a tree) or words ("byggesag"). Without an imported
    plan only the main groups are known. An empty ``q`` gives the main groups."""
    plan = kle_plan() or KlePlan(
        KleEntry(code=code, title=title, level=KleLevel.MAIN_GROUP)
        for code, title in KLE_MAIN_GROUPS.items()
    )
    if not q.strip():
        return tuple(e for e in plan if e.level is KleLevel.MAIN_GROUP and not e.expired)[:limit]
    return plan.search(q, limit)


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
    """Roles (lane names) used in the own municipality's processes and the roles of its
    dictionary, for the rate form."""
    names = set(
        TaskMeasurement.objects.filter(version__process__municipality=user.municipality)
        .exclude(lane="")
        .values_list("lane", flat=True)
        .distinct()
    )
    names.update(role_names(user=user))
    return sorted(names, key=str.casefold)
