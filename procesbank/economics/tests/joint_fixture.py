"""A joint project of four municipalities whose split business case is easy to compute by hand
(shared by the unit tests and the browser test).

Populations 40,000 / 30,000 / 20,000 / 10,000 (Alfa, Beta, Gamma, Delta; Alfa leads), case
2027-2028 at 10 %, no risk:
- Anskaffelse (cost) 100,000 in 2027, split by population: 40,000 / 30,000 / 20,000 / 10,000;
- Licenser (cost) 20,000 in 2028, split by fixed shares 50 % / 50 % / 0 / 0: 10,000 / 10,000;
- Frigjort tid (benefit) 132,000 in 2028, split by cases 50 / 30 / 20 / 10 (110 cases):
  60,000 / 36,000 / 24,000 / 12,000.
Delta adds a local cost of 5,000 in 2027 (only in Delta's case).

NPV = 2027 net + 2028 net / 1.1:
- joint: -100,000 + (132,000 - 20,000) / 1.1 = -100,000 + 101,818.18 = 1,818.18 kr.
- Alfa:  -40,000 + (60,000 - 10,000) / 1.1 = -40,000 + 45,454.55 = 5,454.55 kr.
- Beta:  -30,000 + (36,000 - 10,000) / 1.1 = -30,000 + 23,636.36 = -6,363.64 kr.
- Gamma: -20,000 + 24,000 / 1.1 = -20,000 + 21,818.18 = 1,818.18 kr.
- Delta: -(10,000 + 5,000) + 12,000 / 1.1 = -15,000 + 10,909.09 = -4,090.91 kr.
Without Delta's local line the four add up to the joint NPV (5,454.55 - 6,363.64 + 1,818.18
+ 909.09 = 1,818.18).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from procesbank.economics import services
from procesbank.economics.models import BusinessCase, DiscountRate
from procesbank.organisations.models import Collaboration, Municipality, Role, User
from procesbank.projects import services as project_services
from procesbank.projects.models import Project

PASSWORD = "korrekt-hest-batteri-42"
POPULATIONS = {"Alfa": 40_000, "Beta": 30_000, "Gamma": 20_000, "Delta": 10_000}
CASES = {"Alfa": 50, "Beta": 30, "Gamma": 20, "Delta": 10}
FIXED = {"Alfa": Decimal(50), "Beta": Decimal(50), "Gamma": Decimal(0), "Delta": Decimal(0)}


@dataclass
class JointWorld:
    project: Project
    case: BusinessCase
    users: dict[str, User]  # a consultant per municipality, and "Epsilon" (not taking part)
    municipalities: dict[str, Municipality]


def _user(name: str, municipality: Municipality, role: str = Role.KONSULENT) -> User:
    user = User.objects.create(username=name, municipality=municipality, role=role)
    user.set_password(PASSWORD)
    user.save()
    return user


def joint_world(*, participants: bool = True, splits: bool = True) -> JointWorld:
    """The municipalities, users, the project (led by Alfa) with its case and lines; with
    ``participants`` the four take part, with ``splits`` the lines get their keys too."""
    collaboration, _ = Collaboration.objects.get_or_create(name="Fællessamarbejdet")
    municipalities = {}
    users = {}
    for index, (name, population) in enumerate([*POPULATIONS.items(), ("Epsilon", 5_000)]):
        municipalities[name] = Municipality.objects.create(
            collaboration=collaboration, name=name, code=f"{901 + index}",
            slug=name.lower(), population=population,
        )  # fmt: skip
        users[name] = _user(f"konsulent.{name.lower()}", municipalities[name])
    lead = users["Alfa"]
    project = project_services.project_create(user=lead, name="Fælles borgerportal")
    rate = DiscountRate.objects.create(valid_from=date(2026, 6, 1), rate=Decimal("0.10"))
    case = services.business_case_save(
        user=lead, project=project, first_year=2027, horizon=2, discount_rate=rate
    )
    for kind, category, name, likely in [
        ("cost", "purchase", "Anskaffelse", [100000, 0]),
        ("cost", "licences", "Licenser", [0, 20000]),
        ("benefit", "not_budget_relevant", "Frigjort tid", [0, 132000]),
    ]:
        services.business_case_line_add(
            user=lead, case=case, lock_version=BusinessCase.objects.get(pk=case.pk).lock_version,
            kind=kind, category=category, name=name, likely=[Decimal(v) for v in likely],
        )  # fmt: skip
    world = JointWorld(project, BusinessCase.objects.get(pk=case.pk), users, municipalities)
    if participants:
        add_participants(world)
    if splits:
        set_splits(world)
    return world


def add_participants(world: JointWorld) -> None:
    for name in POPULATIONS:
        project_services.participant_save(
            user=world.users["Alfa"], project=world.project,
            municipality=world.municipalities[name], cases=CASES[name], fixed_share=FIXED[name],
        )  # fmt: skip


def set_splits(world: JointWorld) -> None:
    from procesbank.economics import joint_services

    lines = {line.name: line for line in world.case.lines.all()}
    lead = world.users["Alfa"]
    joint_services.line_split_set(user=lead, line=lines["Licenser"], key="fixed")
    joint_services.line_split_set(user=lead, line=lines["Frigjort tid"], key="cases")
