"""Every read of the shared catalogue, on behalf of an acting user.

The catalogue shows what municipalities of the collaboration have shared: processes and
automation candidates with visibility collaboration or public (a user's own shared rows too).
Internal notes and private attachments never leave the owner municipality.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.db import connection
from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    FloatField,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from procesbank.catalogue.engine.assessment import Assessment, assess, parse_answers
from procesbank.catalogue.engine.comparison import AUTOMATED_KINDS, ProcessFigures, Row, compare
from procesbank.catalogue.models import (
    Attachment,
    Candidate,
    CandidatePhase,
    CandidateStatus,
    Comment,
    Event,
    Interest,
    Reuse,
    SavedSearch,
    Technology,
    Umbrella,
    UserMark,
)
from procesbank.core.errors import UserError
from procesbank.kit.access import access_or_404
from procesbank.kit.paging import CountedRows, capped_count, count_cap
from procesbank.kit.stamps import cached, viewer_key
from procesbank.organisations.engine.units import top_units
from procesbank.organisations.models import Municipality, OrganisationalUnit, User
from procesbank.organisations.permissions import Action, can, require_edit
from procesbank.organisations.pickers import own_first
from procesbank.processes.engine.metrics import MetricsDiff, compare_metrics
from procesbank.processes.models import Process, ProcessVersion, Revision, TaskMeasurement
from procesbank.processes.models import Visibility as V
from procesbank.processes.selectors import (
    LinkState,
    ProcessLink,
    count_of,
    metrics_for_xml,
    process_link,
    process_links,
    readable_process,
    version_metrics,
    visible_to,
)

SHARED = (V.COLLABORATION, V.PUBLIC)
#: What the catalogue's lists filter on (without a free-text search): a stamp over them moves
#: with every change of a list's count (catalogue_count).
COUNTED_MODELS = (Process, Candidate, Municipality)

# Every sort ends with the id: a name repeats across 98 municipalities, and rows of equal
# names came in a different order from one request to the next (a row could move between pages).
PROCESS_SORTS = {
    "name": ("name", "id"),
    "-updated": ("-updated_at", "name", "id"),
    "kle": ("kle_code", "name", "id"),
    "municipality": ("municipality__name", "name", "id"),
    "-volume": ("-yearly_volume", "name", "id"),
}
CANDIDATE_SORTS: dict[str, tuple[Any, ...]] = {
    "name": ("title", "id"),
    "-updated": ("-updated_at", "title", "id"),
    "kle": ("kle_code", "title", "id"),
    "municipality": ("municipality__name", "title", "id"),
    "-potential": ("-potential", "title", "id"),
    # The hours the reader may see: derived from a process they cannot read, a candidate's
    # hours are unknown to them and sort last, so the order reveals no private figure.
    "-saving": (F("visible_expected_hours").desc(nulls_last=True), "title", "id"),
    "-interest": ("-interest_count", "title", "id"),
}


@dataclass(frozen=True)
class CatalogueFilters:
    """What the catalogue page and its exports filter on (all from the URL)."""

    q: str = ""
    kle: str = ""
    phase: str = ""
    technology: str = ""
    municipality: int | None = None
    sort: str = "name"
    mine: str = ""  # "favoritter" | "foelger" | "interesse"
    domain: str = ""
    run_schedule: str = ""
    kl_generic: str = ""  # "ja" | "nej"
    group: str = ""  # "forvaltning": processes of the same kind of department together


def _shared(user: User) -> Q:
    return visible_to(user) & Q(visibility__in=SHARED)


def catalogue_processes(*, user: User, filters: CatalogueFilters) -> QuerySet[Process]:
    """Shared processes the user may read, with their number of reuses."""
    processes = Process.objects.filter(_shared(user)).select_related("municipality")
    if filters.kle:
        processes = processes.filter(kle_code__startswith=filters.kle)
    if filters.phase:
        processes = processes.filter(phase=filters.phase)
    if filters.municipality:
        processes = processes.filter(municipality_id=filters.municipality)
    if filters.technology:
        processes = processes.filter(
            candidates__in=Candidate.objects.filter(_shared(user), technology=filters.technology)
        ).distinct()
    for word in filters.q.split():
        processes = processes.filter(
            Q(name__icontains=word)
            | Q(description__icontains=word)
            | Q(search_text__icontains=word)
            | Q(kle_code__startswith=word)
        )
    reused = Reuse.objects.filter(source=OuterRef("pk"), municipality=user.municipality)
    processes = processes.annotate(
        reuse_count=count_of(Reuse, "source"), reused_by_me=Exists(reused)
    )
    order = PROCESS_SORTS.get(filters.sort, PROCESS_SORTS["name"])
    if filters.group == GROUP_FORVALTNING:
        processes = processes.annotate(forvaltning=forvaltning_of(processes))
        # The forvaltninger by name, the processes without a unit last.
        last = Case(When(forvaltning="", then=Value(1)), default=Value(0))
        return processes.order_by(last, "forvaltning", *order)
    return processes.order_by(*order)


GROUP_FORVALTNING = "forvaltning"


def forvaltning_of(processes: QuerySet[Process]) -> Case:
    """An expression for the name of each process's forvaltning: the top-level unit above its
    owning unit ("" without a unit), to group the same kind of department across
    municipalities. The names of units of the processes read are shown to every reader (the
    decision at organisations.selectors.work_contact)."""
    units = OrganisationalUnit.objects.filter(
        municipality_id__in=processes.order_by().values("municipality_id")
    ).values_list("pk", "parent_id", "name")
    parents = {pk: parent for pk, parent, _name in units}
    names = {pk: name for pk, _parent, name in units}
    by_name: dict[str, list[int]] = {}
    for unit, top in top_units(parents).items():
        by_name.setdefault(names[top], []).append(unit)
    whens = [When(unit_id__in=ids, then=Value(name)) for name, ids in sorted(by_name.items())]
    return Case(*whens, default=Value(""), output_field=CharField())


def catalogue_count(
    *, user: User, filters: CatalogueFilters, rows: QuerySet[Any]
) -> tuple[int, bool]:
    """The number of rows of a catalogue list (:func:`catalogue_processes` or
    :func:`catalogue_candidates` with ``filters``), capped as every list's count is
    (kit.paging.capped_count), kept per reader's view and filters under the stamp of what the
    lists filter on (kit.stamps). Counting the shared processes of 98 municipalities read
    10,001 rows of the widest table on every page load (25-45 ms), for a figure that changes
    only when a process or candidate is written. A free-text search and the reader's own marks
    are counted afresh: each typed text or reader would be a cache entry of its own, seldom
    read twice."""
    if filters.q or filters.mine:
        return capped_count(rows)
    return cached(
        f"catalogue-count:{viewer_key(user)}:{rows.model._meta.label_lower}:{count_cap()}:"
        f"{filters!r}",
        COUNTED_MODELS,
        lambda: capped_count(rows),
    )


def catalogue_counted(*, user: User, filters: CatalogueFilters, rows: QuerySet[Any]) -> CountedRows:
    """A catalogue list (page or API) with its number from :func:`catalogue_count`."""
    return CountedRows(rows, lambda: catalogue_count(user=user, filters=filters, rows=rows))


def candidate_visible(user: User) -> Q:
    return visible_to(user)


def catalogue_candidates(*, user: User, filters: CatalogueFilters) -> QuerySet[Candidate]:
    """Candidates the user may read (own, and shared by others), filtered and sorted."""
    candidates = (
        Candidate.objects.filter(visible_to(user))
        .select_related("municipality", "process__municipality")
        .annotate(
            interest_count=count_of(Interest, "candidate"),  # for the page shown
            process_readable=readable_process(user),
        )
    )
    if filters.sort == "-saving":
        candidates = candidates.annotate(
            visible_expected_hours=Case(
                When(process_readable=True, then=F("expected_hours")),
                default=None,
                output_field=FloatField(),
            )
        )
    if filters.kle:
        candidates = candidates.filter(kle_code__startswith=filters.kle)
    if filters.phase:
        candidates = candidates.filter(phase=filters.phase)
    if filters.technology:
        candidates = candidates.filter(technology=filters.technology)
    if filters.municipality:
        candidates = candidates.filter(municipality_id=filters.municipality)
    if filters.domain:
        # The JSON list as text contains the quoted value: works on SQLite and PostgreSQL alike
        # (JSON containment is PostgreSQL only); values are fixed slugs without quotes.
        candidates = candidates.filter(domains__icontains=f'"{filters.domain}"')
    if filters.run_schedule:
        candidates = candidates.filter(run_schedule=filters.run_schedule)
    if filters.kl_generic in ("ja", "nej"):
        candidates = candidates.filter(kl_generic=filters.kl_generic == "ja")
    marks = {"favoritter": UserMark.Kind.FAVOURITE, "foelger": UserMark.Kind.FOLLOW}
    if filters.mine in marks:
        candidates = candidates.filter(marks__user=user, marks__kind=marks[filters.mine]).distinct()
    for word in filters.q.split():
        candidates = candidates.filter(
            Q(title__icontains=word)
            | Q(summary__icontains=word)
            | Q(description__icontains=word)
            | Q(kle_code__startswith=word)
        )
    order = CANDIDATE_SORTS.get(filters.sort, CANDIDATE_SORTS["name"])
    return candidates.order_by(*order)


#: What the API's candidate list does not send (catalogue/api.py CandidateListOut): long texts
#: read on the candidate's own page.
_NOT_IN_THE_API_LIST = (
    "description",
    "problems",
    "answers",
    "internal_notes",
    "status_reason",
    "contact_email",
)


def catalogue_candidate_rows(*, user: User, filters: CatalogueFilters) -> QuerySet[Candidate]:
    """The API's candidate list: :func:`catalogue_candidates` with their municipality only (no
    column of the list reads the linked process, whose row holds its search text) and without
    the long texts the list does not send."""
    return (
        catalogue_candidates(user=user, filters=filters)
        .select_related(None)
        .select_related("municipality")
        .defer(*_NOT_IN_THE_API_LIST)
    )


def access_candidate(*, user: User, candidate_id: int) -> Candidate:
    """One candidate the user may read; 404 otherwise."""
    return access_or_404(
        Candidate.objects.filter(visible_to(user))
        .select_related("municipality", "process__municipality", "created_by")
        .annotate(process_readable=readable_process(user)),
        pk=candidate_id,
    )


def candidate_process_link(*, user: User, candidate: Candidate) -> ProcessLink | None:
    """The candidate's process as the user may see it: a private one of another municipality
    is "en proces fra <kommune> (ikke delt)", and the hours derived from it are not shown."""
    link = process_link(user=user, process=candidate.process)
    candidate.process_readable = link is None or link.live  # type: ignore[attr-defined]
    return link


def access_candidate_for_edit(*, user: User, candidate_id: int) -> Candidate:
    candidate = access_candidate(user=user, candidate_id=candidate_id)
    require_edit(user, candidate.municipality)
    return candidate


def can_edit_candidate(*, user: User, candidate: Candidate) -> bool:
    return can(user, Action.EDIT, candidate.municipality)


def can_see_internal(*, user: User, candidate: Candidate) -> bool:
    """Internal notes and the ESDH reference: only editors of the owner municipality (as in
    OS2autoproces, where readers elsewhere never see them)."""
    return user.municipality_id == candidate.municipality_id and can(
        user, Action.EDIT, candidate.municipality
    )


def internal_municipality_id(*, user: User) -> int | None:
    """The municipality whose internal facts the user may see in lists and exports: their own
    when they edit it, else none."""
    if user.municipality_id is None or not can(user, Action.EDIT, user.municipality):
        return None
    return int(user.municipality_id)


def can_mark_interest(*, user: User, candidate: Candidate) -> bool:
    """Editors of another municipality may say "Vi er også interesserede"."""
    return user.municipality_id != candidate.municipality_id and can(user, Action.EDIT)


def candidate_assessment(*, candidate: Candidate) -> Assessment:
    return assess(parse_answers(candidate.answers))


def attachment_list(*, user: User, candidate: Candidate) -> QuerySet[Attachment]:
    """Shared attachments for everyone; private ones for the owner municipality only."""
    attachments = candidate.attachments.all()
    if user.municipality_id != candidate.municipality_id:
        attachments = attachments.filter(shared=True)
    return attachments


def access_attachment(*, user: User, attachment_id: int) -> Attachment:
    attachment = access_or_404(Attachment.objects.select_related("candidate"), pk=attachment_id)
    candidate = access_candidate(user=user, candidate_id=attachment.candidate_id)
    if not attachment.shared and user.municipality_id != candidate.municipality_id:
        raise Http404
    return attachment


def comment_list(*, candidate: Candidate) -> QuerySet[Comment]:
    return candidate.comments.select_related("author__municipality")


def interest_list(*, candidate: Candidate) -> QuerySet[Interest]:
    return candidate.interests.select_related("municipality", "user")


def event_list(*, candidate: Candidate) -> QuerySet[Event]:
    return candidate.events.select_related("user")


def user_marks(*, user: User, candidate: Candidate) -> set[str]:
    return set(
        UserMark.objects.filter(user=user, candidate=candidate).values_list("kind", flat=True)
    )


def seen_count(*, candidate: Candidate) -> int:
    return candidate.marks.filter(kind=UserMark.Kind.SEEN).count()


def feed_for(user: User, *, limit: int = 20) -> QuerySet[Event]:
    """The latest events of the candidates the user follows and may still read (for the start
    page)."""
    followed = UserMark.objects.filter(user=user, kind=UserMark.Kind.FOLLOW).values("candidate")
    return (
        Event.objects.filter(candidate__in=followed)
        .filter(candidate__in=Candidate.objects.filter(visible_to(user)))
        .exclude(user=user)
        .select_related("candidate", "user")[:limit]
    )


def linked_process_choices(*, user: User) -> QuerySet[Process]:
    """Processes a candidate of the user's municipality may link to: its own."""
    return Process.objects.filter(municipality=user.municipality).order_by("name")


# --- Reuse -------------------------------------------------------------------------------


def access_shared_process(*, user: User, process_id: int) -> Process:
    """A shared process of another municipality the user may copy."""
    return access_or_404(
        Process.objects.filter(_shared(user))
        .exclude(municipality=user.municipality)
        .select_related("municipality"),
        pk=process_id,
    )


def access_reuse(*, user: User, reuse_id: int) -> Reuse:
    """A reuse of the user's own municipality (the copy is its process)."""
    own = Reuse.objects.filter(municipality=user.municipality)
    return access_or_404(own.select_related("copy", "source__municipality"), pk=reuse_id)


def reuse_for_process(*, user: User, process: Process) -> Reuse | None:
    """The reuse behind a process of the user's municipality, if it is a copy."""
    if process.municipality_id != user.municipality_id:
        return None
    return Reuse.objects.filter(copy=process).select_related("source__municipality").first()


@dataclass(frozen=True)
class TaskFigureChange:
    task: str
    field: str
    before: Any
    after: Any


@dataclass(frozen=True)
class SourceChange:
    """What changed in one version of the source since it was copied."""

    label: str
    copied_revision: int
    current_revision: int
    changes: tuple[TaskFigureChange, ...]
    diff: MetricsDiff | None


FIELD_LABELS = {
    "name": "Navn",
    "lane": "Rolle",
    "minutes_min": "Min. (min.)",
    "minutes_likely": "Mest sandsynlig (min.)",
    "minutes_max": "Maks. (min.)",
    "executions_per_case": "Udførelser pr. gang",
    "minutes_per_case": "Minutter pr. sag",
    "it_system": "It-system",
}


def reuse_source_changes(*, user: User, reuse: Reuse) -> list[SourceChange] | None:
    """Per source version changed since the copy, the measurements that differ; None when the
    source is gone or no longer visible to the user."""
    source = reuse.source
    if source is None or not Process.objects.filter(_shared(user), pk=source.pk).exists():
        return None
    result = []
    for version in source.versions.all():
        copied = reuse.revisions.get(str(version.pk))
        if copied is None or version.revision == copied:
            continue
        old = Revision.objects.filter(version=version, number=copied).first()
        new = Revision.objects.filter(version=version, number=version.revision).first()
        if old is None or new is None:
            continue
        result.append(
            SourceChange(
                label=version.label,
                copied_revision=copied,
                current_revision=version.revision,
                changes=tuple(_measurement_changes(old.measurements, new.measurements)),
                diff=_diff_or_none(version, old),
            )
        )
    return result


def _diff_or_none(version: ProcessVersion, old: Revision) -> MetricsDiff | None:
    try:
        before = metrics_for_xml(version=version, xml=old.bpmn_xml.encode("utf-8"))
        return compare_metrics(before, version_metrics(version=version))
    except UserError:
        return None


def _measurement_changes(
    before: dict[str, dict[str, Any]], after: dict[str, dict[str, Any]]
) -> Iterable[TaskFigureChange]:
    for element_id in sorted(set(before) | set(after)):
        old, new = before.get(element_id), after.get(element_id)
        name = str((new or old or {}).get("name") or element_id)
        if old is None:
            yield TaskFigureChange(name, "Opgave", None, "tilføjet")
            continue
        if new is None:
            yield TaskFigureChange(name, "Opgave", "fjernet", None)
            continue
        for key, label in FIELD_LABELS.items():
            if old.get(key) != new.get(key):
                yield TaskFigureChange(name, label, old.get(key), new.get(key))


def changed_reuse_ids(*, user: User) -> set[int]:
    """Copies of the user's municipality whose source has a newer revision (for the badge)."""
    changed = set()
    reuses = Reuse.objects.filter(municipality=user.municipality, source__isnull=False)
    current = {
        str(pk): rev
        for pk, rev in ProcessVersion.objects.filter(
            process__in=reuses.values("source")
        ).values_list("pk", "revision")
    }
    for reuse in reuses.only("pk", "revisions", "source_id"):
        if any(current.get(vid, rev) != rev for vid, rev in reuse.revisions.items()):
            changed.add(reuse.source_id or 0)
    return changed


def my_reuses(*, user: User) -> QuerySet[Reuse]:
    return Reuse.objects.filter(municipality=user.municipality).select_related(
        "copy", "source__municipality"
    )


# --- Comparison --------------------------------------------------------------------------


# What the comparison reads: processes, their as-is versions (whose saving replaces the task
# rows), the municipalities' population and hours per FTE, and the units that name the
# forvaltning. Its figures are kept per reader's view under their stamp (kit.stamps).
COMPARISON_MODELS = (Process, ProcessVersion, Municipality, OrganisationalUnit)


def comparison_rows(*, user: User, kle: str) -> list[Row]:
    """Per municipality, the figures of its shared processes with the KLE number ``kle``."""
    if not kle:
        return []
    return cached(
        f"comparison-rows:{viewer_key(user)}:{kle}",
        COMPARISON_MODELS,
        lambda: compare(
            figures for _group, figures in _comparison_figures(user, kle, grouped=False)
        ),
    )


def comparison_groups(*, user: User, kle: str) -> list[tuple[str, list[Row]]]:
    """:func:`comparison_rows` per forvaltning (the top-level unit above each process's owning
    unit, by name), so the same kind of department is compared across municipalities; the
    processes without a unit last, under ""."""
    if not kle:
        return []

    def compute() -> list[tuple[str, list[Row]]]:
        by_group: dict[str, list[ProcessFigures]] = {}
        for group, figures in _comparison_figures(user, kle, grouped=True):
            by_group.setdefault(group, []).append(figures)
        order = sorted(by_group, key=lambda name: (name == "", name.casefold()))
        return [(name, compare(by_group[name])) for name in order]

    return cached(f"comparison-groups:{viewer_key(user)}:{kle}", COMPARISON_MODELS, compute)


def _comparison_figures(user: User, kle: str, *, grouped: bool) -> list[tuple[str, ProcessFigures]]:
    """The as-is figures of each shared process with the KLE number ``kle``, with the name of
    its forvaltning when ``grouped`` ("" without a unit, and always when not grouped)."""
    if not kle:
        return []
    shared = Process.objects.filter(_shared(user), kle_code__startswith=kle)
    group = forvaltning_of(shared) if grouped else Value("", output_field=CharField())
    # Three flat queries (processes, their as-is versions, task counts per version) instead of
    # objects: a KLE group holds thousands of processes at national scale, whose objects,
    # versions and task rows (130,000 for 02.34) took seconds to load for a dozen figures per
    # municipality; correlated subqueries per process still took most of a second.
    first_as_is: dict[int, tuple[int, float]] = {}
    versions = (
        ProcessVersion.objects.filter(kind="as_is", process__in=shared.values("pk"))
        .order_by("process_id", "created_at", "id")
        .values_list("process_id", "pk", "minutes_per_case")
    )
    for process_id, version_id, minutes in versions:
        first_as_is.setdefault(process_id, (version_id, minutes))
    tasks = {
        version_id: (count, automated)
        for version_id, count, automated in TaskMeasurement.objects.filter(
            version__kind="as_is", version__process__in=shared.values("pk")
        )
        .order_by()
        .values_list("version_id")
        .annotate(n=Count("pk"), automated=Count("pk", filter=Q(kind__in=AUTOMATED_KINDS)))
    }
    rows = (
        shared.order_by()
        .annotate(forvaltning=group)
        .values_list(
            "pk",
            "forvaltning",
            "municipality__name",
            "municipality__population",
            "municipality__annual_hours_per_fte",
            "yearly_volume",
        )
    )
    figures = []
    for pk, forvaltning, name, population, hours_per_fte, volume in rows:
        if pk not in first_as_is:
            continue
        version_id, minutes = first_as_is[pk]
        task_count, automated = tasks.get(version_id, (0, 0))
        figures.append(
            (
                forvaltning,
                ProcessFigures(
                    municipality=name,
                    population=population,
                    annual_hours_per_fte=float(hours_per_fte),
                    yearly_volume=volume,
                    minutes_per_case=minutes,
                    task_count=task_count,
                    automated_tasks=automated,
                ),
            )
        )
    return figures


def comparison_kle_choices(*, user: User) -> list[str]:
    """KLE numbers (groups and emner) of shared processes, for the comparison picker."""

    def compute() -> list[str]:
        codes = set(
            Process.objects.filter(_shared(user))
            .exclude(kle_code="")
            .order_by()
            .values_list("kle_code", flat=True)
            .distinct()
        )
        groups = {code[:5] for code in codes if len(code) >= 5}
        return sorted(codes | groups)

    return cached(f"comparison-kle:{viewer_key(user)}", (Process,), compute)


def process_hours_and_rate(
    *, process: Process | None, default_rate: Decimal
) -> tuple[float, Decimal]:
    """The linked process's as-is hours per year and its average DKK per hour (cost per year /
    hours per year); no process or no figures: 0 hours at ``default_rate``."""
    if process is None:
        return 0.0, default_rate
    version = process.versions.filter(kind="as_is").order_by("created_at", "id").first()
    if version is None:
        return 0.0, default_rate
    try:
        metrics = version_metrics(version=version)
    except UserError:
        return 0.0, default_rate
    if not metrics.hours_per_year:
        return 0.0, default_rate
    rate = Decimal(metrics.cost_per_year) / Decimal(str(metrics.hours_per_year))
    return metrics.hours_per_year, rate


@dataclass(frozen=True)
class MissingFigures:
    """Why a candidate's hours (and kroner) are zero, and where the user can mend it: ``url``
    is only set when the user may open that page (``link`` is its text)."""

    reason: str
    url: str = ""
    link: str = ""


def candidate_missing_figures(*, user: User, candidate: Candidate) -> MissingFigures | None:
    """The reason a candidate linked to a process shows no hours, or None when it has them
    (or has no process: the page says to link one). The reason never names another
    municipality's process the user may not read."""
    process = candidate.process
    if process is None or candidate.hours_per_year:
        return None
    if not Process.objects.filter(visible_to(user), pk=process.pk).exists():
        return MissingFigures(_("Processen har ingen tal, du kan se."))
    editable = can(user, Action.EDIT, process.municipality)
    version = process.versions.filter(kind="as_is").order_by("created_at", "id").first()
    if version is None:
        return MissingFigures(_("Processen har ingen som-er-version at regne på."))
    try:
        metrics = version_metrics(version=version)
    except UserError as error:
        return MissingFigures(error.render(_))
    if not metrics.minutes_per_case:
        return MissingFigures(
            _("Processen har ingen målinger endnu."),
            reverse("processes:version_modeler", args=[version.pk]) if editable else "",
            _("Mål opgaverne under Tegn og mål"),
        )
    if not process.yearly_volume:
        return MissingFigures(
            _("Processen har intet antal sager pr. år."),
            reverse("processes:process_edit", args=[process.pk]) if editable else "",
            _("Skriv antallet af sager pr. år"),
        )
    return None


# --- Dashboard, recommendations, reminders, saved searches --------------------------------

LEGAL_BASIS_DAYS = 183  # about six months
UNCHANGED_DAYS = 365
CLOSED_STATUSES = (CandidateStatus.REJECTED, CandidateStatus.FAILED, CandidateStatus.NOT_RELEVANT)


def _legal_basis_due(today: date) -> Q:
    cutoff = today - timedelta(days=LEGAL_BASIS_DAYS)
    return Q(phase=CandidatePhase.OPERATION) & (
        Q(legal_basis_checked_on__isnull=True) | Q(legal_basis_checked_on__lt=cutoff)
    )


def legal_basis_reminders(*, user: User, today: date) -> QuerySet[Candidate]:
    """The own municipality's candidates in operation whose legal basis was not checked in
    the last six months (or never)."""
    return Candidate.objects.filter(_legal_basis_due(today), municipality=user.municipality)


def reminders_due(*, today: date) -> dict[str, QuerySet[Candidate]]:
    """For the weekly reminder job (the system, not a user, is acting: every municipality's
    candidates, each mailed only to people who may read it): per reminder kind, the candidates
    due. "legal_basis": in operation, legal basis unchecked for six months; "unchanged": not
    changed for a year, unless decommissioned or closed (rejected, failed, not relevant)."""
    cutoff = timezone.make_aware(
        datetime.combine(today - timedelta(days=UNCHANGED_DAYS), datetime.min.time())
    )
    candidates = Candidate.objects.select_related("municipality", "created_by")
    return {
        "legal_basis": candidates.filter(_legal_basis_due(today)),
        "unchanged": candidates.filter(updated_at__lt=cutoff)
        .exclude(phase=CandidatePhase.DECOMMISSIONED)
        .exclude(status__in=CLOSED_STATUSES),
    }


@dataclass(frozen=True)
class Dashboard:
    total: int
    per_phase: list[tuple[str, int]]
    per_technology: list[tuple[str, int]]
    per_municipality: list[tuple[str, int]]
    top_it_systems: list[tuple[str, int]]
    most_viewed: Sequence[Candidate]


# What the overview reads: candidates, the municipalities' names, and the marks ("seen").
DASHBOARD_MODELS = (Candidate, Municipality, UserMark)


def dashboard(*, user: User, own_only: bool = False) -> Dashboard:
    """Counts over the candidates the user may read (never over invisible ones), kept per
    reader's view and language (the phase labels) under their stamp (kit.stamps)."""
    return cached(
        f"dashboard:{viewer_key(user)}:{int(own_only)}:{get_language()}",
        DASHBOARD_MODELS,
        lambda: _dashboard(user, own_only),
    )


def _dashboard(user: User, own_only: bool) -> Dashboard:
    candidates = Candidate.objects.filter(visible_to(user))
    if own_only:
        candidates = candidates.filter(municipality=user.municipality)
    phases = dict(CandidatePhase.choices)
    technologies = dict(Technology.choices)

    # Grouped in the database: a count per value, not a row per candidate.
    def counts(field: str) -> Counter[str]:
        grouped = candidates.order_by().values_list(field).annotate(n=Count("pk"))
        return Counter({value: n for value, n in grouped})

    per_phase = counts("phase")
    per_technology = counts("technology")
    per_municipality = counts("municipality__name")
    most_viewed = list(
        # Joined to the seen-marks first (an inner join): grouping starts from the few
        # candidates someone opened, not from every visible one.
        candidates.filter(marks__kind=UserMark.Kind.SEEN)
        .select_related("municipality")
        .annotate(seen=Count("marks"))
        .order_by("-seen", "title")[:10]
    )
    return Dashboard(
        total=candidates.count(),
        per_phase=[(str(phases[k]), per_phase[k]) for k in phases if per_phase[k]],
        per_technology=[(str(technologies[k]), n) for k, n in per_technology.most_common(10)],
        per_municipality=sorted(per_municipality.items()),
        top_it_systems=top_it_systems(candidates),
        most_viewed=most_viewed,
    )


# One row per (candidate, system) pair expanded from the JSON list, counted per system in the
# database: at national scale the Python loop this replaces read 15,000 candidates' lists to
# keep ten figures. The readable candidates are the derived table itself (not an IN over their
# ids, which joined the table to itself row by row). A system named twice in one candidate
# counts once (COUNT DISTINCT), as the loop's set() did; ties are broken by name so the ten
# shown do not depend on row order.
_TOP_IT_SYSTEMS_SQL = {
    "postgresql": (
        "SELECT s.system, COUNT(DISTINCT c.pk) FROM ({rows}) c"
        " CROSS JOIN LATERAL jsonb_array_elements_text("
        "CASE WHEN jsonb_typeof(c.it_systems) = 'array' THEN c.it_systems ELSE '[]' END"
        ") AS s(system)"
        ' GROUP BY s.system ORDER BY 2 DESC, s.system COLLATE "C" LIMIT %s'
    ),
    "sqlite": (
        "SELECT s.value, COUNT(DISTINCT c.pk) FROM ({rows}) c, json_each(c.it_systems) s"
        " WHERE json_type(c.it_systems) = 'array'"
        " GROUP BY s.value ORDER BY 2 DESC, 1 LIMIT %s"
    ),
}


def top_it_systems(candidates: QuerySet[Candidate], limit: int = 10) -> list[tuple[str, int]]:
    """The ``limit`` IT systems named by most of ``candidates`` (an already access-filtered
    queryset), each with its number of candidates, in one aggregate query."""
    rows = candidates.order_by().values("pk", "it_systems")
    rows_sql, params = rows.query.sql_with_params()
    sql = _TOP_IT_SYSTEMS_SQL[connection.vendor].format(rows=rows_sql)
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, limit])
        return [(str(system), count) for system, count in cursor.fetchall()]


def saved_search_list(*, user: User) -> QuerySet[SavedSearch]:
    return SavedSearch.objects.filter(user=user)


def access_saved_search(*, user: User, search_id: int) -> SavedSearch:
    return access_or_404(SavedSearch.objects.filter(user=user), pk=search_id)


# --- Umbrella processes ------------------------------------------------------------------


def umbrella_list(*, user: User) -> QuerySet[Umbrella]:
    """Umbrellas the user may read, with their number of processes."""
    return (
        Umbrella.objects.filter(visible_to(user))
        .select_related("municipality")
        .annotate(process_count=Count("processes", distinct=True))
    )


def access_umbrella(*, user: User, umbrella_id: int) -> Umbrella:
    return access_or_404(
        Umbrella.objects.filter(visible_to(user)).select_related("municipality"), pk=umbrella_id
    )


def access_umbrella_for_edit(*, user: User, umbrella_id: int) -> Umbrella:
    umbrella = access_umbrella(user=user, umbrella_id=umbrella_id)
    require_edit(user, umbrella.municipality)
    return umbrella


@dataclass(frozen=True)
class UmbrellaEntry:
    """One process of an umbrella as the reader may see it: live, or the frozen copy of what
    was shared when its owner has taken the share back since (shown, marked, not dropped)."""

    process: Process
    link: ProcessLink

    @property
    def name(self) -> str:
        return self.link.name

    @property
    def kle_code(self) -> str:
        return self.process.kle_code if self.link.live else ""

    @property
    def yearly_volume(self) -> int:
        if self.link.live:
            return self.process.yearly_volume
        return self.link.withdrawal.yearly_volume if self.link.withdrawal else 0


def umbrella_processes(*, user: User, umbrella: Umbrella) -> list[UmbrellaEntry]:
    """The umbrella's processes the user may read now or could read before their owner took
    the share back (the umbrella's rule keeps the others out of umbrellas the user may see)."""
    processes = list(umbrella.processes.select_related("municipality"))
    links = process_links(municipality=user.municipality, processes=processes)
    return [
        UmbrellaEntry(process, links[process.pk])
        for process in processes
        if links[process.pk].state != LinkState.HIDDEN
    ]


def umbrella_process_choices(*, user: User) -> QuerySet[Process]:
    """Processes an umbrella may gather: those the user may read, the own municipality's
    first."""
    return own_first(
        Process.objects.filter(visible_to(user)).select_related("municipality"), user=user
    )
