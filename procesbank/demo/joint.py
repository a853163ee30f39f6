"""Demo joint project (issue 15): a procurement of four North Zealand municipalities led by
Hillerød, with a business case split between them and Hørsholm's own local line.

The split uses each municipality's population as the demo organisations hold it (Danmarks
Statistik, table FOLK1A, see :mod:`procesbank.demo.organisations`). Safe to run again: nothing
is created when the project exists.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import transaction

from procesbank.benefits import services as benefit_services
from procesbank.benefits.models import BenefitType, Schedule
from procesbank.economics import joint_services
from procesbank.economics import services as economics_services
from procesbank.economics.models import BusinessCase
from procesbank.organisations.models import Municipality, Role, User
from procesbank.projects import services as project_services
from procesbank.projects.models import Project, ProjectKind

NAME = "Fælles udbud: selvbetjeningsportal"
LEAD = "hilleroed"
# Participant slug -> (cases a year, seats).
PARTICIPANTS = {
    "hilleroed": (5_500, 120),
    "fredensborg": (4_100, 90),
    "gribskov": (4_200, 90),
    "hoersholm": (2_600, 60),
}
MILESTONES = {
    "markedsdialog": (date(2026, 3, 2), True),
    "udbudsmateriale": (date(2026, 5, 29), True),
    "tilbudsfrist": (date(2026, 9, 14), True),
    "evaluering": (date(2026, 10, 30), False),
    "kontrakt": (date(2026, 12, 15), False),
    "implementering": (date(2027, 6, 30), False),
}
# kind, category, name, amounts a year (DKK, 2027-2031), split key.
LINES = [
    ("cost", "purchase", "Anskaffelse af portal", [2_400_000, 0, 0, 0, 0], "population"),
    ("cost", "implementation", "Implementering og uddannelse",
     [600_000, 200_000, 0, 0, 0], "seats"),
    ("cost", "licences", "Licenser og drift", [400_000] * 5, "seats"),
    ("benefit", "not_budget_relevant", "Frigjort sagsbehandlertid",
     [0, 900_000, 1_500_000, 1_500_000, 1_500_000], "cases"),
]  # fmt: skip


def _consultant(slug: str) -> User | None:
    return User.objects.filter(municipality__slug=slug, role=Role.KONSULENT).first()


@transaction.atomic
def load_joint() -> bool:
    """Create the demo joint procurement if it is missing; True when it was created."""
    lead = _consultant(LEAD)
    municipalities = {m.slug: m for m in Municipality.objects.filter(slug__in=PARTICIPANTS)}
    if lead is None or len(municipalities) != len(PARTICIPANTS):
        return False
    if Project.objects.filter(municipality=lead.municipality, name=NAME).exists():
        return False
    project = project_services.project_create(
        user=lead,
        name=NAME,
        description="Fælles udbud af en selvbetjeningsportal for fire kommuner i samarbejdet.",
        owner=lead,
    )
    project = project_services.joint_frame_update(
        user=lead, project=project, lock_version=project.lock_version,
        kind=ProjectKind.PROCUREMENT, collaboration_owned=True,
        contract_value=Decimal(4_400_000),
    )  # fmt: skip
    for milestone in project.milestones.all():
        due_on, done = MILESTONES[milestone.kind]
        project_services.milestone_set(user=lead, milestone=milestone, due_on=due_on, done=done)
    for slug, (cases, seats) in PARTICIPANTS.items():
        project_services.participant_save(
            user=lead, project=project, municipality=municipalities[slug], cases=cases,
            seats=seats,
        )  # fmt: skip
    case = economics_services.business_case_save(
        user=lead, project=project, first_year=2027, horizon=5, risk_share=Decimal("0.10")
    )
    for kind, category, name, amounts, key in LINES:
        line = economics_services.business_case_line_add(
            user=lead, case=case, lock_version=BusinessCase.objects.get(pk=case.pk).lock_version,
            kind=kind, category=category, name=name, likely=[Decimal(v) for v in amounts],
        )  # fmt: skip
        joint_services.line_split_set(user=lead, line=line, key=key)
    # A gevinst of its own, so the benefits demo (which fills projects without one) leaves the
    # joint project alone on the next run.
    benefit_services.benefit_create(
        user=lead, project=project, name="Frigjort sagsbehandlertid i fire kommuner", owner=lead,
        benefit_type=BenefitType.ECONOMIC_OTHER, kpi_name="Sager behandlet i portalen",
        kpi_unit="procent", baseline_value=Decimal(0), baseline_date=date(2027, 1, 1),
        target_value=Decimal(80), target_date=date(2029, 12, 31), schedule=Schedule.QUARTERLY,
        yearly_value=Decimal(1_500_000),
    )  # fmt: skip
    hoersholm = _consultant("hoersholm")
    if hoersholm is not None:
        joint_services.local_line_add(
            user=hoersholm, case=case, kind="cost", category="implementation",
            name="Lokal projektleder", amounts=[Decimal(v) for v in (150_000, 50_000, 0, 0, 0)],
        )  # fmt: skip
    return True
