"""Every read of benefits, on behalf of an acting user; benefits are read through their
project, so they are visible exactly where the project is."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
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
from procesbank.organisations.models import User
from procesbank.projects.models import PhaseTransition, Project, ProjectPhase
from procesbank.projects.selectors import (
    access_project,
    access_project_for_edit,
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
    (:func:`realisation.realisation`), with its profile per year."""

    benefit: Benefit
    measurements: tuple[Measurement, ...]
    state: realisation.Realisation
    profile: tuple[realisation.ProfileYear, ...] = ()

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
        .select_related("owner", "business_case_line")
        .prefetch_related(
            Prefetch("measurements", queryset=Measurement.objects.select_related("created_by"))
        )
    )


def benefit_state(
    benefit: Benefit, measurements: Sequence[Measurement], *, today: date
) -> tuple[realisation.Realisation, tuple[realisation.ProfileYear, ...]]:
    """A benefit today and per year by the one realisation rule."""
    plan = plan_of(benefit)
    points = points_of(list(measurements))
    state = realisation.realisation(plan, points, benefit.yearly_value, on=today, today=today)
    profile = realisation.benefit_profile(plan, points, benefit.yearly_value, today=today)
    return state, profile


def benefit_statuses(*, project: Project, on: date | None = None) -> list[BenefitStatus]:
    """Every benefit of the project with where it stands by :func:`realisation.realisation`."""
    today = on or timezone.localdate()
    rows = []
    for benefit in benefit_list(project=project):
        measurements = tuple(benefit.measurements.all())
        state, profile = benefit_state(benefit, measurements, today=today)
        rows.append(BenefitStatus(benefit, measurements, state, profile))
    return rows


def benefits_for(*, user: User, project_id: int) -> tuple[Project, list[BenefitStatus]]:
    project = access_project(user=user, project_id=project_id)
    return project, benefit_statuses(project=project)


def access_benefit(*, user: User, benefit_id: int, for_edit: bool = False) -> Benefit:
    """A benefit of a project the user may read (or change); 404/403 otherwise."""
    benefit = access_or_404(Benefit.objects.select_related("project"), pk=benefit_id)
    access = access_project_for_edit if for_edit else access_project
    access(user=user, project_id=benefit.project_id)
    return benefit


def measurement_list(*, user: User, benefit_id: int) -> tuple[Benefit, list[Measurement]]:
    """A benefit the user may read and its measurements, oldest first."""
    benefit = access_benefit(user=user, benefit_id=benefit_id)
    return benefit, list(benefit.measurements.select_related("created_by").all())


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
    """Benefits (with their measurements prefetched) as the realisation engine reads them."""
    return [
        realisation.PortfolioBenefit(
            name=benefit.name,
            plan=plan_of(benefit),
            measurements=points_of(list(benefit.measurements.all())),
            yearly_value=benefit.yearly_value,
            ref=benefit.pk,
        )
        for benefit in benefits
    ]


def portfolio(
    *, user: User, today: date | None = None, page_number: int | str | None = 1
) -> Portfolio:
    """The user's portfolio: the own municipality's projects, or the collaboration's for its
    administrator. Only the projects the user may open are named; others count.

    Counted and grouped in the database over every project; only one page of projects (and
    the benefits' projects) is loaded: the collaboration administrator's portfolio loaded
    every project of the country (about 14k objects at national scale)."""
    projects = portfolio_projects(user=user).order_by()
    openable_ids = project_list(user=user).order_by().values("pk")
    openable = projects.filter(pk__in=openable_ids)
    counts = dict(projects.values_list("phase").annotate(n=Count("pk")))
    phases = [(str(label), counts.get(value, 0)) for value, label in ProjectPhase.choices]
    page = Paginator(_in_phase_order(openable), PORTFOLIO_PAGE_SIZE).get_page(page_number)
    benefits = list(
        Benefit.objects.filter(project__in=projects.values("pk"))
        .exclude(yearly_value=0)
        .select_related("project__municipality")
        .annotate(may_open=Exists(openable_ids.filter(pk=OuterRef("project_id"))))
        .prefetch_related("measurements")
    )
    years = realisation.portfolio_by_year(
        portfolio_items(benefits), today=today or timezone.localdate()
    )
    spans = projects.values("municipality_id").distinct().count() > 1
    where = {b.pk: _unmeasured(b.name, b.project, b.may_open) for b in benefits}
    return Portfolio(
        phases,
        years,
        sum(counts.values()),
        spans,
        phase_groups=_phase_groups(counts, page, _others(projects.exclude(pk__in=openable_ids))),
        year_rows=tuple(
            PortfolioYearRow(year, tuple(where[ref] for ref in year.unmeasured_refs if ref))
            for year in years
        ),
        page=page,
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
