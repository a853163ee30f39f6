"""Business cases for tests, built through the services like a user would."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from procesbank.economics import services
from procesbank.economics.models import BusinessCase, DiscountRate
from procesbank.organisations.models import User
from procesbank.projects import services as project_services


def four_year_case(user: User, name: str = "Digital ansøgning") -> BusinessCase:
    """test_npv's four-year case: 2025-2028 at 10 %, whole-case risk 20 %, a three-point
    development cost, a licence with its own 10 % risk and a three-point benefit.

    Expected amounts (min + 4 x likely + max) / 6: Udvikling 105000 in 2025; Licens 20000 a
    year; Frigjort tid 0, 64000, 88000, 88000. Unadjusted NPV 22287.75 kr., payback 3.19 years;
    risk-adjusted NPV -45090.91 kr., never pays back.
    """
    project = project_services.project_create(user=user, name=name)
    rate = DiscountRate.objects.create(valid_from=date(2024, 6, 1), rate=Decimal("0.10"))
    case = services.business_case_save(
        user=user, project=project, first_year=2025, horizon=4,
        risk_share=Decimal("0.20"), discount_rate=rate,
    )  # fmt: skip
    lines = [
        ("cost", "development", "Udvikling", [100000, 0, 0, 0], [80000, 0, 0, 0],
         [150000, 0, 0, 0], None),
        ("cost", "licences", "Licens", [20000] * 4, [], [], Decimal("0.10")),
        ("benefit", "not_budget_relevant", "Frigjort tid", [0, 60000, 90000, 90000],
         [0, 24000, 48000, 48000], [0, 120000, 120000, 120000], None),
    ]  # fmt: skip
    for kind, category, line_name, likely, low, high, risk in lines:
        services.business_case_line_add(
            user=user,
            case=case,
            lock_version=BusinessCase.objects.get(pk=case.pk).lock_version,
            kind=kind,
            category=category,
            name=line_name,
            likely=[Decimal(v) for v in likely],
            minimum=[Decimal(v) for v in low],
            maximum=[Decimal(v) for v in high],
            risk_share=risk,
        )
    return BusinessCase.objects.get(pk=case.pk)
