"""The effect of the programme per municipality and over time, for the effect dashboard.

Counts over every municipality of the collaboration are aggregate figures only; the rows behind
them are shown only where the acting user may read them.
"""

from __future__ import annotations

import datetime
import statistics
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Exists, Model, OuterRef, Q, QuerySet
from django.utils import timezone

from procesbank.benefits.engine import realisation
from procesbank.benefits.models import Benefit
from procesbank.benefits.selectors import (
    benefit_parts,
    portfolio_items,
    portfolio_models,
    valued_benefits,
)
from procesbank.catalogue.models import Reuse
from procesbank.competence.engine.grades import Grade
from procesbank.competence.models import Cohort, Consultant, Enrolment
from procesbank.competence.selectors.training import (
    _collaboration_id,
    can_administer,
    consultant_list,
)
from procesbank.economics.models import BusinessCase
from procesbank.kit.formatting import quarter
from procesbank.kit.stamps import cached, viewer_key
from procesbank.knowledge.models import Lesson
from procesbank.knowledge.selectors import projects_with_lesson_counts
from procesbank.organisations.models import AuditEntry, Municipality, User
from procesbank.processes.models import Process
from procesbank.processes.selectors import visible_to
from procesbank.projects import selectors as project_selectors
from procesbank.projects.models import PhaseTransition, Project, ProjectParticipant, ProjectPhase


# --- effect -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class MunicipalityEffect:
    """The effect figures of one municipality (counts; shares are 0..1 or None)."""

    municipality: Municipality
    trained: int
    trained_active: int
    processes: int
    processes_shared: int
    processes_reused: int
    projects: int
    projects_mapped: int
    projects_with_case: int
    projects_with_owned_benefits: int
    projects_with_lesson: int = 0  # a recorded lesson learned (knowledge)
    lead_times: tuple[Decimal, ...] = ()  # days from idea to go-live, one per project

    @property
    def median_lead_days(self) -> Decimal | None:
        return statistics.median(self.lead_times) if self.lead_times else None

    @property
    def shared_share(self) -> Decimal | None:
        return _share(self.processes_shared, self.processes)

    @property
    def mapped_share(self) -> Decimal | None:
        return _share(self.projects_mapped, self.projects)

    @property
    def mapped_percent(self) -> Decimal | None:
        return _percent(self.projects_mapped, self.projects)

    @property
    def case_percent(self) -> Decimal | None:
        return _percent(self.projects_with_case, self.projects)

    @property
    def owned_benefits_percent(self) -> Decimal | None:
        return _percent(self.projects_with_owned_benefits, self.projects)

    @property
    def lesson_percent(self) -> Decimal | None:
        return _percent(self.projects_with_lesson, self.projects)


def _percent(part: int, whole: int) -> Decimal | None:
    share = _share(part, whole)
    return None if share is None else share * 100


def _share(part: int, whole: int) -> Decimal | None:
    return None if whole == 0 else Decimal(part) / Decimal(whole)


@dataclass(frozen=True)
class Effect:
    rows: list[MunicipalityEffect]
    totals: MunicipalityEffect | None
    # (quarter "2026 K2", trained so far in the collaboration)
    trained_over_time: list[tuple[str, int]]


def effect_models() -> tuple[type[Model], ...]:
    """What :func:`effect_figures` reads, for a stamp over it (kit.stamps; each is watched in
    ``CompetenceConfig.ready``): municipalities, consultants and their exams, processes and
    their reuses, projects with their phase moves, business cases, benefits and lessons."""
    return (
        Municipality,
        Consultant,
        Enrolment,
        Cohort,
        Process,
        Reuse,
        Project,
        PhaseTransition,
        BusinessCase,
        Benefit,
        Lesson,
    )


#: Read by :func:`effect_figures` too, and only ever inserted (the audit log decides who is
#: active): a stamp sees its writes by ``MAX(id)`` alone (kit.stamps.cached_with_appended).
EFFECT_APPENDED: tuple[type[Model], ...] = (AuditEntry,)


def trained_consultant_list(*, user: User) -> QuerySet[Consultant]:
    """Consultants of the collaboration who passed an exam (02 or above), with ``is_active``."""
    return consultant_list(user=user).filter(enrolments__grade__gte=Grade.TWO).distinct()


def effect_figures(*, user: User) -> Effect:
    """The effect of the programme per municipality of the user's collaboration:

    * trained: consultants with a passed exam (02 or above);
    * trained and active: of those, the ones who changed a process, project or benefit in the
      last 90 days (audit log);
    * processes and shared processes: the municipality's processes the user can see in the
      library, and those of them shared with the collaboration or the public;
    * reused processes: the municipality's processes that another municipality copied
      (catalogue's reuse);
    * projects with a mapped process (an as-is version), with a business case, and with a
      benefits plan whose every benefit has an owner (a user or a named person);
    * projects with a recorded lesson learned (knowledge);
    * median lead time idea -> go-live: days from a project's creation (every project starts
      as an idea) to its first move into the realisation phase, which follows go-live.
    """
    municipalities = list(
        Municipality.objects.filter(collaboration_id=_collaboration_id(user)).order_by("name")
    )
    trained = list(trained_consultant_list(user=user))
    processes = _process_counts(user)
    # Counts over every municipality of the collaboration: aggregate figures only, no rows
    # (the projects app shows a project's rows to its own municipality alone).
    case = Q(Exists(BusinessCase.objects.filter(project=OuterRef("pk"))))
    owned_benefits = Q(Exists(Benefit.objects.filter(project=OuterRef("pk")))) & ~Q(
        Exists(Benefit.objects.filter(project=OuterRef("pk"), owner__isnull=True, owner_name=""))
    )
    projects = {
        row["municipality_id"]: row
        for row in Project.objects.filter(municipality__in=municipalities)
        .order_by()
        .values("municipality_id")
        .annotate(
            n=Count("pk"),
            mapped=Count("pk", filter=Q(as_is_version__isnull=False)),
            with_case=Count("pk", filter=case),
            owned=Count("pk", filter=owned_benefits),
        )
    }
    lead_times = _lead_times(municipalities)
    with_lesson = projects_with_lesson_counts(municipalities)
    rows = []
    none: dict[str, int] = {}
    for municipality in municipalities:
        mine = [c for c in trained if c.municipality_id == municipality.pk]
        own_processes = processes.get(municipality.pk, none)
        own_projects = projects.get(municipality.pk, none)
        rows.append(
            MunicipalityEffect(
                municipality=municipality,
                trained=len(mine),
                trained_active=sum(1 for c in mine if getattr(c, "is_active", False)),
                processes=own_processes.get("n", 0),
                processes_shared=own_processes.get("shared", 0),
                processes_reused=own_processes.get("reused", 0),
                projects=own_projects.get("n", 0),
                projects_mapped=own_projects.get("mapped", 0),
                projects_with_case=own_projects.get("with_case", 0),
                projects_with_owned_benefits=own_projects.get("owned", 0),
                projects_with_lesson=with_lesson.get(municipality.pk, 0),
                lead_times=tuple(lead_times.get(municipality.pk, ())),
            )
        )
    totals = None
    if rows:
        totals = MunicipalityEffect(
            municipality=Municipality(name=""),
            trained=sum(r.trained for r in rows),
            trained_active=sum(r.trained_active for r in rows),
            processes=sum(r.processes for r in rows),
            processes_shared=sum(r.processes_shared for r in rows),
            processes_reused=sum(r.processes_reused for r in rows),
            projects=sum(r.projects for r in rows),
            projects_mapped=sum(r.projects_mapped for r in rows),
            projects_with_case=sum(r.projects_with_case for r in rows),
            projects_with_owned_benefits=sum(r.projects_with_owned_benefits for r in rows),
            projects_with_lesson=sum(r.projects_with_lesson for r in rows),
            lead_times=tuple(days for r in rows for days in r.lead_times),
        )
    return Effect(rows=rows, totals=totals, trained_over_time=_trained_over_time(user))


SHARED_VISIBILITIES = {"collaboration", "public"}


def _process_counts(user: User) -> dict[int, dict[str, int]]:
    """Per municipality: the processes the user can see (``n``), those shared (``shared``) and
    those another municipality copied (``reused``). Counted in the database, and kept per
    reader's view under the stamp of processes and reuses (kit.stamps): at national scale the
    count reads 98,000 processes (a Python pass over them, once per municipality, took
    seconds; the grouped count still takes 150-200 ms)."""

    def compute() -> dict[int, dict[str, int]]:
        visible = Process.objects.filter(visible_to(user)).order_by()
        counts = {
            municipality_id: {"n": n, "shared": shared, "reused": 0}
            for municipality_id, n, shared in visible.values_list("municipality_id").annotate(
                n=Count("pk"), shared=Count("pk", filter=Q(visibility__in=SHARED_VISIBILITIES))
            )
        }
        # From the few reuses, not an EXISTS for each of the visible processes.
        reused = (
            Reuse.objects.filter(source__in=visible.values("pk"))
            .order_by()
            .values_list("source__municipality_id")
            .annotate(n=Count("source_id", distinct=True))
        )
        for municipality_id, n in reused:
            counts[municipality_id]["reused"] = n
        return counts

    return cached(f"effect-processes:{viewer_key(user)}", (Process, Reuse), compute)


def _lead_times(municipalities: list[Municipality]) -> dict[int, list[Decimal]]:
    """Days (one decimal) from idea to go-live per project, grouped by municipality."""
    seen: set[int] = set()
    result: dict[int, list[Decimal]] = {}
    for project_id, municipality_id, created_at, moved_at in (
        PhaseTransition.objects.filter(
            project__municipality__in=municipalities, to_phase=ProjectPhase.REALISATION
        )
        .values_list("project_id", "project__municipality_id", "project__created_at", "at")
        .order_by("at", "id")
    ):
        if project_id in seen:
            continue
        seen.add(project_id)
        days = Decimal((moved_at - created_at).total_seconds()) / Decimal(86400)
        result.setdefault(municipality_id, []).append(days.quantize(Decimal("0.1")))
    return result


def _trained_over_time(user: User) -> list[tuple[str, int]]:
    """Cumulative number of consultants trained, by the quarter of their first passed exam."""
    first_pass: dict[int, datetime.date] = {}
    for consultant_id, examined_on in (
        Enrolment.objects.filter(
            cohort__programme__collaboration_id=_collaboration_id(user),
            grade__gte=Grade.TWO,
            examined_on__isnull=False,
        )
        .values_list("consultant_id", "examined_on")
        .order_by("examined_on")
    ):
        if examined_on is not None:
            first_pass.setdefault(consultant_id, examined_on)
    per_quarter: dict[str, int] = {}
    for day in sorted(first_pass.values()):
        key = quarter(day)
        per_quarter[key] = per_quarter.get(key, 0) + 1
    running = 0
    result = []
    for key, count in per_quarter.items():
        running += count
        result.append((key, running))
    return result


# --- realised against planned benefit ---------------------------------------------------------
@dataclass(frozen=True)
class BenefitFigures:
    """Planned against realised benefit of a group of benefits (a municipality, a project) at
    the end of a year, in DKK per year; ``full_value`` is what they bring once every target is
    reached."""

    benefits: int
    full_value: Decimal
    planned: Decimal
    realised: Decimal
    unmeasured: tuple[str, ...]

    @property
    def realised_percent(self) -> Decimal | None:
        """Realised in percent of planned; None while nothing is planned yet."""
        return None if self.planned == 0 else self.realised / self.planned * 100


@dataclass(frozen=True)
class MunicipalityBenefits:
    municipality: Municipality
    figures: BenefitFigures


@dataclass(frozen=True)
class BenefitRealisation:
    """Realised against planned benefit of the collaboration's projects: per municipality in
    ``year`` and, for the whole collaboration, per year (``over_time``; realised is None for
    the years after ``year``, which have no measurements yet)."""

    year: int
    rows: list[MunicipalityBenefits]
    totals: BenefitFigures
    over_time: list[tuple[int, Decimal, Decimal | None]]


def benefit_figures(
    *, benefits: list[Benefit], year: int, today: datetime.date | None = None
) -> BenefitFigures:
    """Planned against realised benefit of ``benefits`` at the end of ``year``, by the one
    realisation rule (:func:`procesbank.benefits.engine.realisation.realisation`), the same
    conversion as the benefits portfolio (a joint benefit counts with every participant's
    part, which add up to it)."""
    return _figures(portfolio_items(benefits), year, today or timezone.localdate())


def _figures(
    items: list[realisation.PortfolioBenefit], year: int, today: datetime.date
) -> BenefitFigures:
    """Figures of benefit items (a joint benefit's parts are items with the same ``ref``: the
    benefit counts, and is named unmeasured, once)."""
    status = realisation.portfolio_year(items, year, today=today)
    names = dict(zip(status.unmeasured_refs, status.unmeasured, strict=True))
    return BenefitFigures(
        benefits=len({item.ref for item in items}),
        full_value=sum((item.yearly_value for item in items), Decimal(0)),
        planned=status.planned,
        realised=status.realised or Decimal(0),
        unmeasured=tuple(names.values()),
    )


def _valued_benefits(projects: QuerySet[Project]) -> list[Benefit]:
    """The benefits with a value in kroner (a qualitative one has none to add up)."""
    return list(
        valued_benefits(projects).order_by("project__municipality__name", "project__name", "name")
    )


def _counted_in(municipalities: list[Municipality]) -> QuerySet[Project]:
    """The projects that count for ``municipalities``: their own and the joint projects they
    take part in (a joint project led from outside the collaboration too)."""
    return Project.objects.filter(_counted_in_q(municipalities))


def _counted_in_q(municipalities: list[Municipality]) -> Q:
    # A subquery, not a join: the join would repeat a joint project once per participant.
    joint = ProjectParticipant.objects.filter(municipality__in=municipalities)
    return Q(municipality__in=municipalities) | Q(pk__in=joint.values("project_id"))


def benefit_realisation(*, user: User, on: datetime.date | None = None) -> BenefitRealisation:
    """Realised against planned benefit in DKK per year of every municipality of the user's
    collaboration, at the end of the year of ``on`` (today), and of the collaboration per year.

    A joint project's benefit counts for each participant at its share
    (:func:`procesbank.benefits.selectors.benefit_parts`), so the municipalities' figures add
    up to the collaboration's. Aggregate figures only: the benefits behind them are listed by
    :func:`benefit_realisation_projects`, which shows only projects the user may open.
    Kept per collaboration, year and day under the stamp of what it reads (kit.stamps).
    """
    # The year of ``on`` as it stands today: nothing dated after today counts.
    year = (on or timezone.localdate()).year
    today = timezone.localdate()
    collaboration = _collaboration_id(user)
    return cached(
        f"benefit-realisation:{collaboration}:{year}:{today.isoformat()}",
        portfolio_models(),
        lambda: _benefit_realisation(collaboration, year, today),
    )


def _benefit_realisation(collaboration: int, year: int, today: datetime.date) -> BenefitRealisation:
    municipalities = list(
        Municipality.objects.filter(collaboration_id=collaboration).order_by("name")
    )
    ids = {municipality.pk for municipality in municipalities}
    by_municipality: dict[int, list[realisation.PortfolioBenefit]] = {}
    # One pass, not one per municipality (98 at national scale).
    for benefit in _valued_benefits(_counted_in(municipalities)):
        for municipality_id, item in benefit_parts(benefit):
            if municipality_id in ids:
                by_municipality.setdefault(municipality_id, []).append(item)
    rows = [
        MunicipalityBenefits(
            municipality=municipality,
            figures=_figures(by_municipality.get(municipality.pk, []), year, today),
        )
        for municipality in municipalities
    ]
    items = [
        item for municipality in municipalities for item in by_municipality.get(municipality.pk, [])
    ]
    years = realisation.portfolio_by_year(items, today=today)
    return BenefitRealisation(
        year=year,
        rows=rows,
        totals=_figures(items, year, today),
        over_time=[(row.year, row.planned, row.realised) for row in years],
    )


@dataclass(frozen=True)
class ProjectBenefits:
    project: Project
    figures: BenefitFigures


def benefit_realisation_projects(
    *, user: User, municipality: Municipality, on: datetime.date | None = None
) -> list[ProjectBenefits]:
    """The projects behind a municipality's figures that the user may open (the own
    municipality's; every municipality's for the collaboration administrator), each with its
    planned against realised benefit; projects without a benefit in kroner are left out."""
    year = (on or timezone.localdate()).year
    today = timezone.localdate()
    if municipality.pk != user.municipality_id and not can_administer(user=user):
        # Another municipality's part of a joint project both take part in rests on its own
        # measurements, which stay its own (see benefits.selectors.visible_measurements).
        return []
    projects = list(
        project_selectors.portfolio_projects(user=user)
        .filter(_counted_in_q([municipality]))
        .order_by("name")
    )
    items: dict[int, list[realisation.PortfolioBenefit]] = {}
    for benefit in _valued_benefits(Project.objects.filter(pk__in=[p.pk for p in projects])):
        for municipality_id, item in benefit_parts(benefit):
            if municipality_id == municipality.pk:  # the municipality's own part
                items.setdefault(benefit.project_id, []).append(item)
    return [
        ProjectBenefits(project, _figures(items[project.pk], year, today))
        for project in projects
        if project.pk in items
    ]
