"""Every read of benefits, on behalf of an acting user; benefits are read through their
project, so they are visible exactly where the project is."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    Model,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
    When,
)
from django.utils import timezone

from procesbank.benefits.engine import realisation
from procesbank.benefits.models import MAP_LEVELS, Benefit, BenefitMapNode, MapLevel, Measurement
from procesbank.kit.access import access_or_404
from procesbank.kit.stamps import cached, viewer_key
from procesbank.organisations.models import Municipality, User
from procesbank.organisations.permissions import Action, can
from procesbank.projects.models import PhaseTransition, Project, ProjectParticipant, ProjectPhase
from procesbank.projects.selectors import (
    access_project,
    access_project_for_edit,
    participant_parts,
    portfolio_projects,
    project_list,
)


def plan_of(benefit: Benefit) -> realisation.KpiPlan:
    """The KPI plan of a benefit (raises UserError for a plan without a way to go)."""
    return realisation.KpiPlan(
        realisation.KpiPoint(benefit.baseline_value, benefit.baseline_date),
        realisation.KpiPoint(benefit.target_value, benefit.target_date),
    )


def points_of(measurements: list[Measurement]) -> tuple[realisation.KpiPoint, ...]:
    return tuple(realisation.KpiPoint(m.value, m.measured_on) for m in measurements)


@dataclass(frozen=True)
class BenefitStatus:
    """A benefit with its measurements and where it stands today by the realisation rule
    (:func:`realisation.realisation`), with its profile per year. For a joint project's benefit
    ``state`` is the roll-up of the participants' parts (:func:`realisation.rollup`) and ``own``
    the reading municipality's part, if it takes part."""

    benefit: Benefit
    measurements: tuple[Measurement, ...]
    state: realisation.Realisation
    profile: tuple[realisation.ProfileYear, ...] = ()
    own: realisation.Realisation | None = None

    @property
    def status(self) -> realisation.Status:
        return self.state.status

    @property
    def status_label(self) -> str:
        return realisation.STATUS_LABELS[self.status]

    @property
    def planned_today(self) -> Decimal:
        return self.state.planned_kpi

    @property
    def realised_percent(self) -> Decimal | None:
        return self.state.realised_percent


def benefit_list(*, project: Project) -> QuerySet[Benefit]:
    return (
        Benefit.objects.filter(project=project)
        .select_related("owner", "business_case_line__split", "project")
        .prefetch_related(
            Prefetch(
                "measurements",
                queryset=Measurement.objects.select_related("created_by", "municipality"),
            ),
            "project__participants__municipality",
        )
    )


def benefit_state(
    benefit: Benefit, measurements: Sequence[Measurement], *, today: date
) -> tuple[realisation.Realisation, tuple[realisation.ProfileYear, ...]]:
    """A benefit today and per year by the one realisation rule; a joint project's benefit
    (participants prefetched) as the roll-up of its participants' parts."""
    plan = plan_of(benefit)
    parts = _parts(benefit)
    if parts:
        state = realisation.rollup(plan, list(parts.values()), on=today, today=today)
        profile = realisation.benefit_profile(
            plan, (), benefit.yearly_value, today=today, parts=list(parts.values())
        )
        return state, profile
    points = points_of(list(measurements))
    state = realisation.realisation(plan, points, benefit.yearly_value, on=today, today=today)
    profile = realisation.benefit_profile(plan, points, benefit.yearly_value, today=today)
    return state, profile


def _parts(benefit: Benefit) -> dict[int, realisation.Part]:
    """A joint project's benefit's parts by municipality id; empty for a single municipality's
    project."""
    if not benefit.project.participants.all():
        return {}
    return {
        municipality_id: realisation.Part(item.measurements, item.yearly_value)
        for municipality_id, item in benefit_parts(benefit)
    }


def visible_measurements(
    benefit: Benefit, measurements: Sequence[Measurement], *, municipality_id: int | None
) -> tuple[Measurement, ...]:
    """The measurements of a benefit a municipality may read. Decision (issue 15): in a joint
    project a participant reads the measurements taken for the project as a whole and its own,
    not another participant's: a measurement's value and note are that municipality's internal
    figures (case-handling times, staff hours), as its local business-case lines are. The lead
    municipality, which runs the project and its benefits realisation, reads them all, as it
    reads every participant's case. Everyone reads the roll-up, which shows no single
    participant's figure unless there are only two."""
    if municipality_id == benefit.project.municipality_id or not benefit.project.participants.all():
        return tuple(measurements)
    return tuple(m for m in measurements if m.municipality_id in (None, municipality_id))


def benefit_statuses(
    *, project: Project, on: date | None = None, municipality_id: int | None = None
) -> list[BenefitStatus]:
    """Every benefit of the project with where it stands by :func:`realisation.realisation`
    (a joint project's: the roll-up, and ``municipality_id``'s own part beside it)."""
    today = on or timezone.localdate()
    rows = []
    for benefit in benefit_list(project=project):
        measurements = tuple(benefit.measurements.all())
        state, profile = benefit_state(benefit, measurements, today=today)
        own_part = _parts(benefit).get(municipality_id or 0)
        own = (
            None
            if own_part is None
            else realisation.realisation(
                plan_of(benefit),
                own_part.measurements,
                own_part.yearly_value,
                on=today,
                today=today,
            )
        )
        shown = visible_measurements(benefit, measurements, municipality_id=municipality_id)
        rows.append(BenefitStatus(benefit, shown, state, profile, own))
    return rows


def benefits_for(*, user: User, project_id: int) -> tuple[Project, list[BenefitStatus]]:
    project = access_project(user=user, project_id=project_id)
    return project, benefit_statuses(project=project, municipality_id=user.municipality_id)


def access_benefit(*, user: User, benefit_id: int, for_edit: bool = False) -> Benefit:
    """A benefit of a project the user may read (or change); 404/403 otherwise."""
    benefit = access_or_404(Benefit.objects.select_related("project"), pk=benefit_id)
    access = access_project_for_edit if for_edit else access_project
    access(user=user, project_id=benefit.project_id)
    return benefit


def records_own_part(*, user: User, project: Project) -> bool:
    """The user's municipality takes part in the joint project and the user's role may edit:
    it records measurements of its own part of the project's benefits."""
    municipality = user.municipality
    return (
        municipality is not None
        and project.participants.filter(municipality=municipality).exists()
        and can(user, Action.EDIT, municipality)
    )


def measurement_municipality(
    *, user: User, benefit: Benefit, own_part: bool = False
) -> Municipality | None:
    """For whom the user records a measurement of a benefit it may read: in a joint project a
    participant other than the lead records its own part; the lead records for the project as
    a whole, or (``own_part``) its own part; in a single municipality's project its editors
    record for the project. PermissionDenied for anyone else."""
    project = benefit.project
    lead = can(user, Action.EDIT, project.municipality)
    if records_own_part(user=user, project=project) and (own_part or not lead):
        return user.municipality
    if lead:
        return None
    raise PermissionDenied


def measurement_list(*, user: User, benefit_id: int) -> tuple[Benefit, list[Measurement]]:
    """A benefit the user may read and its measurements, oldest first."""
    benefit = access_or_404(
        Benefit.objects.select_related("project").prefetch_related("project__participants"),
        pk=benefit_id,
    )
    access_project(user=user, project_id=benefit.project_id)
    measurements = benefit.measurements.select_related("created_by", "municipality")
    return benefit, list(
        visible_measurements(benefit, list(measurements), municipality_id=user.municipality_id)
    )


def chart_series(statuses: list[BenefitStatus]) -> list[dict[str, Any]]:
    """Per benefit: the planned line (baseline -> target) and the measured points."""
    series = []
    for row in statuses:
        benefit = row.benefit
        series.append(
            {
                "id": benefit.pk,
                "name": benefit.name,
                "unit": benefit.kpi_unit,
                "planned": [
                    [benefit.baseline_date.isoformat(), float(benefit.baseline_value)],
                    [benefit.target_date.isoformat(), float(benefit.target_value)],
                ],
                "realised": [[m.measured_on.isoformat(), float(m.value)] for m in row.measurements],
            }
        )
    return series


@dataclass(frozen=True)
class PortfolioProject:
    """A project of the user's own municipality on the portfolio page, which they may open."""

    project: Project
    phase_since: datetime


@dataclass(frozen=True)
class PortfolioPhase:
    """One phase: the projects the user may open, and how many of other municipalities'
    projects (the collaboration view) are in it, as figures only."""

    label: str
    count: int
    projects: tuple[PortfolioProject, ...]
    others_by_municipality: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class UnmeasuredBenefit:
    """A benefit without a measurement by a year's end, with where it belongs: its project if
    the user may open it, otherwise only its municipality's name."""

    name: str
    project: Project | None
    municipality: str


@dataclass(frozen=True)
class PortfolioYearRow:
    year: realisation.PortfolioYear
    unmeasured: tuple[UnmeasuredBenefit, ...]


#: Projects listed per page of the portfolio; the figures above the list cover every project.
PORTFOLIO_PAGE_SIZE = 50


@dataclass(frozen=True)
class Portfolio:
    """Projects per phase and planned against realised benefit per year (DKK per year).
    ``page`` is the page of projects the user may open (in phase order, then by name); the
    phase counts, the other municipalities' figures and the years are over every project."""

    phases: list[tuple[str, int]]
    years: tuple[realisation.PortfolioYear, ...]
    project_count: int
    spans_collaboration: bool
    phase_groups: tuple[PortfolioPhase, ...] = ()
    year_rows: tuple[PortfolioYearRow, ...] = ()
    page: Page[Project] | None = None


def portfolio_items(benefits: Sequence[Benefit]) -> list[realisation.PortfolioBenefit]:
    """Benefits (with their measurements prefetched) as the realisation engine reads them: a
    joint project's benefit as one part per participant (:func:`benefit_parts`), so that the
    parts add up to the joint benefit."""
    return [item for benefit in benefits for _municipality, item in benefit_parts(benefit)]


def _split_of(benefit: Benefit) -> tuple[str, dict[str, list[str]]]:
    """The split key of the business-case line the benefit is registered from (the line's own
    key, so a benefit divides as its line does), or population for a benefit without one."""
    line = benefit.business_case_line
    # Through the ORM's reverse relation: economics is an app beside this one, not below it.
    line_split = getattr(line, "split", None) if line is not None else None
    if line_split is None:
        return "population", {}
    return line_split.key, line_split.amounts


def benefit_parts(benefit: Benefit) -> list[tuple[int, realisation.PortfolioBenefit]]:
    """The benefit as the realisation engine reads it, per municipality that counts it (id,
    item). A single municipality's project counts it once, at full value. A joint project's
    benefit counts for every participant at its share of the value (DKK per year, split in øre
    by the key of the benefit's business-case line, population without one), and with the
    measurements that count for it: its own and those taken for the project as a whole (no
    municipality). Prefetch ``measurements`` and ``project__participants__municipality``."""
    plan = plan_of(benefit)
    measurements = list(benefit.measurements.all())
    participants = list(benefit.project.participants.all())
    if not participants:
        item = realisation.PortfolioBenefit(
            benefit.name, plan, points_of(measurements), benefit.yearly_value, benefit.pk
        )
        return [(benefit.project.municipality_id, item)]
    key, amounts = _split_of(benefit)
    values = participant_parts(benefit.yearly_value, participants, key, amounts)
    return [
        (
            municipality_id,
            realisation.PortfolioBenefit(
                benefit.name,
                plan,
                points_of(
                    [m for m in measurements if m.municipality_id in (None, municipality_id)]
                ),
                value,
                benefit.pk,
            ),
        )
        for municipality_id, value in values.items()
    ]


def valued_benefits(projects: Any) -> QuerySet[Benefit]:
    """The benefits in kroner of ``projects`` (a qualitative one has none to add up), with what
    :func:`benefit_parts` reads."""
    return (
        Benefit.objects.filter(project__in=projects)
        .exclude(yearly_value=0)
        .select_related("project", "business_case_line__split")
        .prefetch_related("measurements", "project__participants__municipality")
    )


def portfolio(
    *, user: User, today: date | None = None, page_number: int | str | None = 1
) -> Portfolio:
    """The user's portfolio: the own municipality's projects, or the collaboration's for its
    administrator. Only the projects the user may open are named; others count.

    Counted and grouped in the database over every project; only one page of projects (and
    the benefits' projects) is loaded: the collaboration administrator's portfolio loaded
    every project of the country (about 14k objects at national scale)."""
    today = today or timezone.localdate()
    projects = portfolio_projects(user=user).order_by()
    openable_ids = project_list(user=user).order_by().values("pk")
    openable = projects.filter(pk__in=openable_ids)
    administer = can(user, Action.ADMINISTER_COLLABORATION)
    figures = cached(
        f"portfolio:{viewer_key(user)}:{int(administer)}:{today.isoformat()}",
        portfolio_models(),
        lambda: _portfolio_figures(user, projects, openable_ids, administer, today),
    )
    paginator = Paginator(_in_phase_order(openable), PORTFOLIO_PAGE_SIZE)
    # The number of projects the user may open is one of the kept figures: counting them
    # again for the paginator took 40 ms for the collaboration administrator.
    paginator.__dict__["count"] = figures.openable
    page = paginator.get_page(page_number)
    counts = figures.counts
    return Portfolio(
        [(str(label), counts.get(value, 0)) for value, label in ProjectPhase.choices],
        figures.years,
        sum(counts.values()),
        figures.spans,
        phase_groups=_phase_groups(counts, page, figures.others),
        year_rows=figures.year_rows,
        page=page,
    )


def portfolio_models() -> tuple[type[Model], ...]:
    """What the portfolio's figures read: projects, their participants and municipalities,
    the benefits with their measurements, and the business-case lines and splits a joint
    benefit divides by (economics' models, looked up by name: it is an app beside this one)."""
    return (
        Project,
        ProjectParticipant,
        Municipality,
        Benefit,
        Measurement,
        apps.get_model("economics", "BusinessCaseLine"),
        apps.get_model("economics", "LineSplit"),
    )


@dataclass(frozen=True)
class _PortfolioFigures:
    """The portfolio's figures over every project, kept under their stamp (kit.stamps)."""

    counts: dict[str, int]
    years: tuple[realisation.PortfolioYear, ...]
    spans: bool
    others: dict[str, list[tuple[str, int]]]
    year_rows: tuple[PortfolioYearRow, ...]
    openable: int


def _portfolio_figures(
    user: User,
    projects: QuerySet[Project],
    openable_ids: QuerySet[Project, Any],
    administer: bool,
    today: date,
) -> _PortfolioFigures:
    counts = dict(projects.values_list("phase").annotate(n=Count("pk")))
    benefits = list(
        valued_benefits(projects.values("pk"))
        .select_related("project__municipality")
        .annotate(may_open=Exists(openable_ids.filter(pk=OuterRef("project_id"))))
    )
    # A joint project's benefit counts at the own municipality's share; the collaboration's
    # administrator sees every participant's part, which add up to the joint benefit.
    items = [
        item
        for benefit in benefits
        for municipality_id, item in benefit_parts(benefit)
        if administer or municipality_id == user.municipality_id
    ]
    years = realisation.portfolio_by_year(items, today=today)
    where = {b.pk: _unmeasured(b.name, b.project, b.may_open) for b in benefits}
    return _PortfolioFigures(
        counts=counts,
        years=years,
        spans=projects.values("municipality_id").distinct().count() > 1,
        others=_others(projects.exclude(pk__in=openable_ids)),
        year_rows=tuple(
            # A joint benefit unmeasured by several participants is named once.
            PortfolioYearRow(
                year, tuple(where[ref] for ref in dict.fromkeys(year.unmeasured_refs) if ref)
            )
            for year in years
        ),
        openable=projects.filter(pk__in=openable_ids).count(),
    )


def _in_phase_order(projects: QuerySet[Project]) -> QuerySet[Project]:
    """The projects in the order of the phases, then by name, each with the time it entered
    its phase (read for the page's rows only: a subquery, not a grouping of every project)."""
    order = Case(
        *[When(phase=value, then=index) for index, (value, _l) in enumerate(ProjectPhase.choices)],
        output_field=IntegerField(),
    )
    last_change = PhaseTransition.objects.filter(project=OuterRef("pk")).order_by("-at", "-id")
    return (
        projects.select_related("owner", "municipality")
        .annotate(phase_order=order, last_phase_change=Subquery(last_change.values("at")[:1]))
        .order_by("phase_order", "name", "pk")
    )


def _others(projects: QuerySet[Project]) -> dict[str, list[tuple[str, int]]]:
    """Per phase: (municipality name, number of projects) of the projects the user may not
    open, by name."""
    grouped = (
        projects.values_list("phase", "municipality__name")
        .annotate(n=Count("pk"))
        .order_by("phase", "municipality__name")
    )
    others: dict[str, list[tuple[str, int]]] = {}
    for phase, municipality, count in grouped:
        others.setdefault(phase, []).append((municipality, count))
    return others


def _unmeasured(name: str, project: Project, may_open: bool) -> UnmeasuredBenefit:
    return UnmeasuredBenefit(name, project if may_open else None, project.municipality.name)


def _phase_groups(
    counts: dict[str, int], page: Page[Project], others: dict[str, list[tuple[str, int]]]
) -> tuple[PortfolioPhase, ...]:
    groups = []
    for value, label in ProjectPhase.choices:
        groups.append(
            PortfolioPhase(
                label=str(label),
                count=counts.get(value, 0),
                projects=tuple(
                    PortfolioProject(p, getattr(p, "last_phase_change", None) or p.created_at)
                    for p in page.object_list
                    if p.phase == value
                ),
                others_by_municipality=tuple(others.get(value, [])),
            )
        )
    return tuple(groups)


def map_nodes(*, project: Project) -> list[BenefitMapNode]:
    """The boxes of the map column by column, left to right, each column in its order."""
    nodes = BenefitMapNode.objects.filter(project=project).prefetch_related(
        "leads_to", "comes_from"
    )
    order = {level: index for index, level in enumerate(MAP_LEVELS)}
    return sorted(nodes, key=lambda node: (order[MapLevel(node.level)], node.position, node.pk))


def map_chart(nodes: list[BenefitMapNode]) -> dict[str, Any]:
    """The benefits map as an ECharts graph: one column per level, boxes stacked in order."""
    columns = {level: [n for n in nodes if n.level == level] for level in MAP_LEVELS}
    labels = dict(MapLevel.choices)
    return {
        "levels": [str(labels[level]) for level in MAP_LEVELS],
        "nodes": [
            {"id": str(node.pk), "name": node.label, "x": x * 300, "y": y * 90, "level": x}
            for x, level in enumerate(MAP_LEVELS)
            for y, node in enumerate(columns[level])
        ],
        "links": [
            {"source": str(node.pk), "target": str(target.pk)}
            for node in nodes
            for target in node.leads_to.all()
        ],
    }


def access_map_node(*, user: User, node_id: int) -> BenefitMapNode:
    """A box of a benefits map whose project the user may change; 404/403 otherwise."""
    node = access_or_404(BenefitMapNode.objects.select_related("project"), pk=node_id)
    access_project_for_edit(user=user, project_id=node.project_id)
    return node
