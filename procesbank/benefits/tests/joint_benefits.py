"""A joint project of three municipalities with two benefits in kroner, whose parts are easy to
compute by hand (shared by the benefits and the Effekt tests; issue 15).

Alfa (50,000 inhabitants, leads), Beta (30,000) and Gamma (20,000) run "Fælles ydelsesportal"
with cases 1 / 1 / 2. Every plan goes 0 -> 100 (percent of applications handled digitally)
from 31.12.2025 to 31.12.2027 (730 days), so at 31.12.2026 365 of 730 days have passed:
planned 50 percent. Today is 31.3.2027.

- "Kortere sagsbehandling", 100,000 kr. a year, registered from the business-case line
  "Frigjort tid", which is split by cases 1:1:2: parts 25,000 / 25,000 / 50,000. The lead
  measures 40 for the project as a whole on 30.6.2026: 40 percent realised.
- "Færre henvendelser", 90,000 kr. a year, without a line, so split by population 5:3:2:
  parts 45,000 / 27,000 / 18,000. Never measured.
- Beta's own project "Digital post", 10,000 kr. a year, measured 30 on 30.9.2026.

At 31.12.2026 (planned 50 percent of each value):
- Alfa:  planned 12,500 + 22,500 = 35,000; realised 40 % x 25,000 = 10,000.
- Beta:  planned 12,500 + 13,500 + 5,000 = 31,000; realised 10,000 + 30 % x 10,000 = 13,000.
- Gamma: planned 25,000 + 9,000 = 34,000; realised 40 % x 50,000 = 20,000.
- Sum:   planned 100,000 = 50 % x (100,000 + 90,000 + 10,000); realised 43,000 = 40,000 + 3,000.
Full values: Alfa 70,000, Beta 62,000, Gamma 68,000; together 200,000.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from procesbank.benefits import services as benefit_services
from procesbank.benefits.models import Benefit
from procesbank.economics import joint_services
from procesbank.economics import services as economics_services
from procesbank.economics.models import BusinessCase, DiscountRate
from procesbank.organisations.models import Collaboration, Municipality, Role, User
from procesbank.projects import services as project_services
from procesbank.projects.models import Project

TODAY = datetime.date(2027, 3, 31)
START = datetime.date(2025, 12, 31)
TARGET = datetime.date(2027, 12, 31)
POPULATIONS = {"Alfa": 50_000, "Beta": 30_000, "Gamma": 20_000}
CASES = {"Alfa": 1, "Beta": 1, "Gamma": 2}


@dataclass
class JointBenefits:
    project: Project
    shorter: Benefit  # "Kortere sagsbehandling", split by cases
    fewer: Benefit  # "Færre henvendelser", split by population
    single: Project  # Beta's own project
    users: dict[str, User]  # a consultant per municipality, and "admin" (the collaboration's)
    municipalities: dict[str, Municipality]


def _benefit(user: User, project: Project, name: str, value: int, **fields) -> Benefit:
    return benefit_services.benefit_create(
        user=user, project=project, name=name, owner=user, kpi_name=name, kpi_unit="procent",
        baseline_value=Decimal(0), baseline_date=START, target_value=Decimal(100),
        target_date=TARGET, yearly_value=Decimal(value), **fields,
    )  # fmt: skip


def joint_benefits(monkeypatch) -> JointBenefits:
    """The world above, with today fixed at :data:`TODAY`."""
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)
    collaboration = Collaboration.objects.create(name="Tre kommuner")
    municipalities = {
        name: Municipality.objects.create(
            collaboration=collaboration,
            name=name,
            code=str(801 + index),
            slug=name.lower(),
            population=population,
        )
        for index, (name, population) in enumerate(POPULATIONS.items())
    }
    users = {
        name: User.objects.create(
            username=f"konsulent.{name.lower()}", municipality=m, role=Role.KONSULENT
        )
        for name, m in municipalities.items()
    }
    users["admin"] = User.objects.create(
        username="samarbejde.admin", municipality=municipalities["Alfa"], role=Role.SAMARBEJDSADMIN
    )
    lead = users["Alfa"]
    project = project_services.project_create(user=lead, name="Fælles ydelsesportal")
    for name in POPULATIONS:
        project_services.participant_save(
            user=lead, project=project, municipality=municipalities[name], cases=CASES[name]
        )
    rate = DiscountRate.objects.create(valid_from=datetime.date(2026, 1, 1), rate=Decimal("0.035"))
    case = economics_services.business_case_save(
        user=lead, project=project, first_year=2026, horizon=2, discount_rate=rate
    )
    line = economics_services.business_case_line_add(
        user=lead, case=case, lock_version=BusinessCase.objects.get(pk=case.pk).lock_version,
        kind="benefit", category="not_budget_relevant", name="Frigjort tid",
        likely=[Decimal(50_000), Decimal(100_000)],
    )  # fmt: skip
    joint_services.line_split_set(user=lead, line=line, key="cases")
    shorter = _benefit(lead, project, "Kortere sagsbehandling", 100_000, business_case_line=line)
    fewer = _benefit(lead, project, "Færre henvendelser", 90_000)
    benefit_services.benefit_measurement_add(
        user=lead, benefit=shorter, value=Decimal(40), measured_on=datetime.date(2026, 6, 30)
    )
    single = project_services.project_create(user=users["Beta"], name="Digital post")
    post = _benefit(users["Beta"], single, "Digital post", 10_000)
    benefit_services.benefit_measurement_add(
        user=users["Beta"], benefit=post, value=Decimal(30), measured_on=datetime.date(2026, 9, 30)
    )
    return JointBenefits(project, shorter, fewer, single, users, municipalities)
