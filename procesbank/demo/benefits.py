"""Demo benefits, different per municipality (its size sets the value, its maturity the
results; see :data:`procesbank.demo.projects.MATURITY`). Safe to run again; deterministic.

* A history project that went live gets a benefit measured every half year since go-live, so
  Effekt shows trends over the years; one in procurement or execution gets its planned benefit.
* The process projects get two benefits of 2026 with quarterly measurements (one behind its
  plan, with an explanation) and a benefits map whose benefit column is the register.

No measurement is dated after the day the demo is loaded (the service refuses it).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from procesbank.benefits import services
from procesbank.benefits.engine import realisation
from procesbank.benefits.models import Benefit, BenefitMapNode, BenefitType, Schedule
from procesbank.demo.projects import (
    MATURITY,
    Maturity,
    add_years,
    is_demo_project,
    is_history_project,
)
from procesbank.organisations.models import Municipality, Role, User
from procesbank.projects.models import PhaseTransition, Project, ProjectPhase

DEFAULT = Maturity(2020, 0, 120, 0.8)
BEHIND = "Implementeringen tog længere tid end planlagt; der følges op med ekstra oplæring."


def _value(municipality: Municipality, per_citizen: Decimal) -> Decimal:
    """A yearly value in kroner in proportion to the population, rounded to thousands."""
    population = Decimal(getattr(municipality, "population", 0) or 40000)
    return (population * per_citizen / 1000).quantize(Decimal(1)) * 1000


def load_benefits(today: date | None = None) -> int:
    """Create the missing demo benefits; returns how many were created."""
    today = today or date.today()
    created = 0
    projects = Project.objects.filter(benefits__isnull=True).select_related("municipality")
    for index, project in enumerate(projects.order_by("municipality__name", "name")):
        user = User.objects.filter(municipality=project.municipality, role=Role.KONSULENT).first()
        if user is None or not is_demo_project(project):
            continue
        maturity = MATURITY.get(project.municipality.slug, DEFAULT)
        live = (
            PhaseTransition.objects.filter(project=project, to_phase=ProjectPhase.REALISATION)
            .order_by("at")
            .values_list("at", flat=True)
            .first()
        )
        if live is not None:
            created += _live_benefit(user, project, maturity, live.date(), index, today)
        elif is_history_project(project):
            if project.phase in (ProjectPhase.PROCUREMENT, ProjectPhase.EXECUTION):
                created += _planned_benefit(user, project, today)
        else:
            created += _process_project_benefits(user, project, maturity, today)
    return created


def _measure(user: User, benefit: Benefit, value: Decimal, day: date, today: date) -> None:
    plan = realisation.KpiPlan(
        realisation.KpiPoint(benefit.baseline_value, benefit.baseline_date),
        realisation.KpiPoint(benefit.target_value, benefit.target_date),
    )
    status = realisation.measurement_status(plan, realisation.KpiPoint(value, day))
    services.benefit_measurement_add(
        user=user, benefit=benefit, value=value, measured_on=day, today=today,
        explanation=BEHIND if status is realisation.Status.OFF_TRACK else "",
    )  # fmt: skip


def _live_benefit(
    user: User, project: Project, maturity: Maturity, live: date, index: int, today: date
) -> int:
    """Case-handling time 30 -> 10 days over two years from go-live, measured each half year;
    the municipality realises its share of the plan, a project a little more or less."""
    benefit = services.benefit_create(
        user=user, project=project, name="Kortere sagsbehandlingstid", owner=user,
        benefit_type=BenefitType.BUDGET, kpi_name="Gennemsnitlig sagsbehandlingstid",
        kpi_unit="dage", baseline_value=Decimal(30), baseline_date=live, target_value=Decimal(10),
        target_date=add_years(live, 2), schedule=Schedule.QUARTERLY,
        yearly_value=_value(project.municipality, Decimal(4)),
    )  # fmt: skip
    spread = Decimal((index * 37) % 21 - 10) / 100  # -10 % .. +10 %, fixed per project
    share = Decimal(str(maturity.results)) + spread
    for half_year in range(1, 7):
        day = add_years(live, 0, months=6 * half_year)
        if day > today:
            break
        planned = min(Decimal(half_year) / 4, Decimal(1))
        value = (Decimal(30) - Decimal(20) * planned * share).quantize(Decimal("0.1"))
        _measure(user, benefit, value, day, today)
    return 1


def _planned_benefit(user: User, project: Project, today: date) -> int:
    """A benefit not measured yet: from the next new year over two years."""
    start = date(today.year + 1, 1, 1)
    services.benefit_create(
        user=user, project=project, name="Færre manuelle sagsskridt", owner=user,
        benefit_type=BenefitType.ECONOMIC_OTHER, kpi_name="Manuelle skridt pr. sag",
        kpi_unit="skridt", baseline_value=Decimal(12), baseline_date=start,
        target_value=Decimal(5), target_date=add_years(start, 2), schedule=Schedule.YEARLY,
        yearly_value=_value(project.municipality, Decimal("1.5")),
    )  # fmt: skip
    return 1


def _process_project_benefits(user: User, project: Project, maturity: Maturity, today: date) -> int:
    time = services.benefit_create(
        user=user, project=project, name="Kortere sagsbehandlingstid", owner=user,
        benefit_type=BenefitType.ECONOMIC_OTHER, kpi_name="Gennemsnitlig sagsbehandlingstid",
        kpi_unit="dage", baseline_value=Decimal(28), baseline_date=date(2026, 1, 1),
        target_value=Decimal(12), target_date=date(2027, 12, 31), schedule=Schedule.QUARTERLY,
        yearly_value=_value(project.municipality, Decimal(3)),
    )  # fmt: skip
    calls = services.benefit_create(
        user=user, project=project, name="Færre telefonopkald", owner_name="Borgerservicechef",
        benefit_type=BenefitType.QUALITATIVE, kpi_name="Opkald om sagens status",
        kpi_unit="opkald pr. måned", baseline_value=Decimal(400),
        baseline_date=date(2026, 1, 1), target_value=Decimal(150),
        target_date=date(2027, 6, 30), schedule=Schedule.MONTHLY,
    )  # fmt: skip
    share = Decimal(str(maturity.results))
    for day, planned in ((date(2026, 4, 1), Decimal("0.12")), (date(2026, 7, 1), Decimal("0.25")),
                         (date(2026, 10, 1), Decimal("0.37"))):  # fmt: skip
        if day <= today:
            value = (Decimal(28) - Decimal(16) * planned * share).quantize(Decimal("0.1"))
            _measure(user, time, value, day, today)
    if date(2026, 7, 1) <= today:
        services.benefit_measurement_add(
            user=user, benefit=calls, value=Decimal(380), measured_on=date(2026, 7, 1),
            today=today,
            explanation="Selvbetjeningen gik først i luften i juni; effekten ventes fra august.",
        )  # fmt: skip
    _benefits_map(user, project, time, calls)
    return 2


def _benefits_map(user: User, project: Project, time: Benefit, calls: Benefit) -> None:
    """Deliverables and changes around the two registered benefits, which are the map's
    benefit column already; they are linked from the changes and to the goal."""
    portal = services.map_node_add(
        user=user, project=project, level="deliverable", label="Digital selvbetjening"
    )
    rules = services.map_node_add(
        user=user, project=project, level="deliverable", label="Automatisk sagsoprettelse"
    )
    self_service = services.map_node_add(
        user=user, project=project, level="change", label="Borgeren søger selv",
        comes_from=[portal],
    )  # fmt: skip
    fewer_steps = services.map_node_add(
        user=user, project=project, level="change", label="Færre manuelle trin",
        comes_from=[portal, rules],
    )  # fmt: skip
    faster = BenefitMapNode.objects.get(benefit=time)
    fewer_calls = BenefitMapNode.objects.get(benefit=calls)
    for node, source in ((faster, fewer_steps), (fewer_calls, self_service)):
        services.map_node_update(
            user=user, node=node, level="benefit", label=node.label, comes_from=[source]
        )
    services.map_node_add(
        user=user, project=project, level="goal", label="Bedre service for borgerne",
        comes_from=[faster, fewer_calls],
    )  # fmt: skip
