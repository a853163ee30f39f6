"""Demo benefits: two per demo project that has none, with quarterly measurements (one
of them behind its plan, with an explanation). Safe to run again."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from procesbank.benefits import services
from procesbank.benefits.models import BenefitType, Schedule
from procesbank.organisations.models import Role, User
from procesbank.projects.models import Project


def load_benefits() -> int:
    """Create the missing demo benefits; returns how many were created."""
    created = 0
    for project in Project.objects.filter(benefits__isnull=True).select_related("municipality"):
        user = User.objects.filter(municipality=project.municipality, role=Role.KONSULENT).first()
        if user is None:
            continue
        time = services.benefit_create(
            user=user, project=project, name="Kortere sagsbehandlingstid", owner=user,
            benefit_type=BenefitType.ECONOMIC_OTHER, kpi_name="Gennemsnitlig sagsbehandlingstid",
            kpi_unit="dage", baseline_value=Decimal(28), baseline_date=date(2026, 1, 1),
            target_value=Decimal(12), target_date=date(2027, 12, 31), schedule=Schedule.QUARTERLY,
            yearly_value=Decimal(180000),
        )  # fmt: skip
        calls = services.benefit_create(
            user=user, project=project, name="Færre telefonopkald", owner_name="Borgerservicechef",
            benefit_type=BenefitType.QUALITATIVE, kpi_name="Opkald om sagens status",
            kpi_unit="opkald pr. måned", baseline_value=Decimal(400),
            baseline_date=date(2026, 1, 1), target_value=Decimal(150),
            target_date=date(2027, 6, 30), schedule=Schedule.MONTHLY,
        )  # fmt: skip
        for day, value in ((date(2026, 4, 1), "25"), (date(2026, 7, 1), "22")):
            services.benefit_measurement_add(
                user=user, benefit=time, value=Decimal(value), measured_on=day
            )
        services.benefit_measurement_add(
            user=user, benefit=calls, value=Decimal(380), measured_on=date(2026, 7, 1),
            explanation="Selvbetjeningen gik først i luften i juni; effekten ventes fra august.",
        )  # fmt: skip
        _benefits_map(user, project)
        created += 2
    return created


def _benefits_map(user: User, project: Project) -> None:
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
    faster = services.map_node_add(
        user=user, project=project, level="benefit", label="Kortere sagsbehandlingstid",
        comes_from=[fewer_steps],
    )  # fmt: skip
    calls = services.map_node_add(
        user=user, project=project, level="benefit", label="Færre telefonopkald",
        comes_from=[self_service],
    )  # fmt: skip
    services.map_node_add(
        user=user, project=project, level="goal", label="Bedre service for borgerne",
        comes_from=[faster, calls],
    )  # fmt: skip
