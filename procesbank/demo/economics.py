"""Demo business cases: one per demo project that has none, with cost lines and the generated
benefit line for freed case-handling time. A history project's case starts in the year it was
created, and its costs follow the municipality's size. Safe to run again; deterministic."""

from __future__ import annotations

import contextlib
from decimal import Decimal

from procesbank.core.errors import UserError
from procesbank.demo.projects import is_demo_project, is_history_project
from procesbank.economics import services
from procesbank.economics.models import BusinessCase
from procesbank.organisations.models import Role, User
from procesbank.processes.rates import rates_for
from procesbank.projects.models import Project

HORIZON = 5
FIRST_YEAR = 2027
# The seeded discount rate (economics' migrations) is in force from 1.1.2021; an older case
# could not be evaluated, so a history project's case starts no earlier.
EARLIEST_YEAR = 2021


def _amounts(*values: int, scale: Decimal = Decimal(1)) -> list[Decimal]:
    return [(Decimal(value) * scale).quantize(Decimal(1000)) for value in values]


def _scale(project: Project) -> Decimal:
    """Costs in proportion to the population, 1 for 50.000 citizens (rounded to tenths)."""
    return (Decimal(project.municipality.population or 50000) / 50000).quantize(Decimal("0.1"))


def load_business_cases() -> int:
    """Create the missing demo business cases; returns how many were created."""
    created = 0
    for project in Project.objects.filter(business_case__isnull=True).select_related(
        "municipality", "as_is_version", "to_be_version"
    ):
        user = User.objects.filter(municipality=project.municipality, role=Role.KONSULENT).first()
        if user is None or not is_demo_project(project):
            continue
        history = is_history_project(project)
        scale = _scale(project)
        case = services.business_case_save(
            user=user,
            project=project,
            first_year=max(project.created_at.year, EARLIEST_YEAR) if history else FIRST_YEAR,
            horizon=HORIZON,
            risk_share=Decimal("0.10"),
        )
        lines = [
            ("cost", "purchase", "Anskaffelse af løsning",
             _amounts(250000, 0, 0, 0, 0, scale=scale), _amounts(200000, 0, 0, 0, 0, scale=scale),
             _amounts(400000, 0, 0, 0, 0, scale=scale)),
            ("cost", "implementation", "Implementering og uddannelse",
             _amounts(120000, 20000, 0, 0, 0, scale=scale), [], []),
            ("cost", "licences", "Licenser og drift",
             _amounts(*[60000] * HORIZON, scale=scale), [], []),
        ]  # fmt: skip
        if history:
            # A history project has no process pair to compute freed time from: its expected
            # saving is a line of its own, so its benefit profile is not empty.
            lines.append(
                ("benefit", "budget_relevant", "Kortere sagsbehandlingstid",
                 _amounts(0, 150000, 300000, 300000, 300000, scale=scale), [], [])
            )  # fmt: skip
        for kind, category, name, likely, low, high in lines:
            case = BusinessCase.objects.get(pk=case.pk)
            services.business_case_line_add(
                user=user, case=case, lock_version=case.lock_version, kind=kind,
                category=category, name=name, likely=likely, minimum=low, maximum=high,
            )  # fmt: skip
        case = BusinessCase.objects.get(pk=case.pk)
        # A process pair whose to-be takes more time leaves the case with its costs only.
        with contextlib.suppress(UserError):
            services.business_case_time_saving_add(
                user=user,
                case=case,
                lock_version=case.lock_version,
                as_is_version=project.as_is_version,
                to_be_version=project.to_be_version,
                hourly_rate=rates_for(project.municipality)[1],
                ramp_up=[Decimal("0.5")],
            )
        created += 1
    return created
