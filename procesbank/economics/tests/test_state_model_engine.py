"""The state model in the engine: the split discount rate, the risk pool from a risk log and
societal benefits outside the NPV. Every figure is computed by hand in the comments."""

from decimal import Decimal

import pytest

from procesbank.core.errors import UserError
from procesbank.economics.engine import npv
from procesbank.economics.engine.npv import Category, DiscountSchedule, Kind, Line, Risk

# (name, probability %, consequence kr.): expected value = probability x consequence.
FIFTEEN_RISKS = [
    ("Leverandør forsinket", 40, 500000),  # 200000
    ("Integration fejler", 20, 1000000),  # 200000
    ("Datamigrering", 30, 300000),  # 90000
    ("Nøglemedarbejder stopper", 25, 200000),  # 50000
    ("Lovændring", 5, 2000000),  # 100000
    ("Brugeraccept", 50, 150000),  # 75000
    ("Sikkerhedsbrist", 1, 3000000),  # 30000 (the largest consequence, yet out)
    ("Licensprisstigning", 60, 100000),  # 60000
    ("Test tager længere tid", 70, 80000),  # 56000
    ("Uddannelse", 35, 120000),  # 42000
    ("Hardware", 10, 250000),  # 25000 (out)
    ("Dokumentation", 80, 40000),  # 32000
    ("Kontraktstrid", 15, 400000),  # 60000
    ("Performance", 45, 90000),  # 40500
    ("Ressourcemangel", 90, 30000),  # 27000 (out)
]


def risks() -> list[Risk]:
    return [Risk(name, Decimal(p) / 100, Decimal(c)) for name, p, c in FIFTEEN_RISKS]


def test_risk_pool_takes_the_twelve_largest_expected_values():
    # 200000 + 200000 + 100000 + 90000 + 75000 + 60000 + 60000 + 56000 + 50000 + 42000
    # + 40500 + 32000 = 1005500; out: Sikkerhedsbrist 30000, Ressourcemangel 27000, Hardware 25000.
    pooled = npv.pool_risks(risks())

    assert npv.risk_pool(risks()) == Decimal(1005500)
    assert len(pooled) == 12
    assert {risk.name for risk in risks()} - {risk.name for risk in pooled} == {
        "Sikkerhedsbrist",
        "Ressourcemangel",
        "Hardware",
    }
    # Equal expected values keep the log's order.
    assert [risk.name for risk in pooled[:2]] == ["Leverandør forsinket", "Integration fejler"]


def test_risk_pool_is_spread_over_the_one_off_cost_years():
    # One-off costs 300000 (year 0) and 100000 (year 1), a licence 50000 a year (not one-off):
    # pool 1005500 x 3/4 = 754125 in year 0, x 1/4 = 251375 in year 1. Benefits untouched.
    lines = [
        Line(
            "Udvikling", Kind.COST, tuple(map(Decimal, [300000, 100000, 0])), Category.DEVELOPMENT
        ),
        Line("Licens", Kind.COST, tuple(map(Decimal, [50000] * 3)), Category.LICENCES),
        Line("Tid", Kind.BENEFIT, tuple(map(Decimal, [0, 900000, 900000])), risk_share=Decimal(1)),
    ]

    evaluation = npv.evaluate(2026, Decimal(0), lines, risk_share=Decimal("0.5"), risks=risks())

    assert evaluation.pool_by_year == (Decimal(754125), Decimal(251375), Decimal(0))
    # Costs: 350000 + 754125 = 1104125; 150000 + 251375 = 401375; 50000. No risk share applies.
    assert [row.costs for row in evaluation.years] == [1104125, 401375, 50000]
    assert [row.benefits for row in evaluation.years] == [0, 900000, 900000]
    # At 0 %: NPV = -1104125 + 498625 + 850000 = 244500.
    assert evaluation.npv == Decimal(244500)


def test_risk_pool_without_one_off_costs_falls_in_year_zero():
    lines = [Line("Drift", Kind.COST, (Decimal(10), Decimal(10)), Category.OPERATION)]

    evaluation = npv.evaluate(
        2026, Decimal(0), lines, risks=[Risk("R", Decimal("0.5"), Decimal(100))]
    )

    assert evaluation.pool_by_year == (Decimal(50), Decimal(0))


def test_empty_risk_log_gives_a_zero_pool_and_no_share():
    lines = [Line("Drift", Kind.COST, (Decimal(100),))]

    evaluation = npv.evaluate(2026, Decimal(0), lines, risk_share=Decimal("0.2"), risks=[])

    assert evaluation.risk_pool == 0
    assert evaluation.npv == Decimal(-100)


@pytest.mark.parametrize(
    ("probability", "consequence", "message"),
    [
        (
            Decimal("101"),
            Decimal(1),
            "Sandsynligheden for risikoen 'R' skal være mellem 0 og 100 %",
        ),
        (Decimal("50"), Decimal(-1), "Konsekvensen af risikoen 'R' kan ikke være negativ: -1 kr."),
    ],
)
def test_risk_out_of_range_is_refused_in_danish(probability, consequence, message):
    with pytest.raises(UserError) as caught:
        npv.checked_risk("R", probability, consequence)

    assert caught.value.render(str).startswith(message)


def test_split_rate_discounts_years_36_to_40_at_2_5_percent():
    # Years 0-40; 100 kr. cost in year 0, 1000000 kr. benefit in years 35, 36 and 40.
    # 1.035^35 = 3.33359045; year 35: 1000000 / 3.33359045 = 299976.86
    # year 36: 299976.86 / 1.025 = 292660.35; year 40: 299976.86 / 1.025^5 = 265135.84
    # NPV = -100 + 299976.86 + 292660.35 + 265135.84 = 857673.05
    benefit = [Decimal(0)] * 41
    for year in (35, 36, 40):
        benefit[year] = Decimal(1000000)
    cost = [Decimal(100)] + [Decimal(0)] * 40
    lines = [Line("Drift", Kind.COST, tuple(cost)), Line("Gevinst", Kind.BENEFIT, tuple(benefit))]

    evaluation = npv.evaluate(2026, npv.FINANSMINISTERIET, lines)

    discounted = [row.discounted_net for row in evaluation.years]
    assert discounted[0] == Decimal(-100)
    assert round(discounted[35], 2) == Decimal("299976.86")
    assert round(discounted[36], 2) == Decimal("292660.35")
    assert round(discounted[40], 2) == Decimal("265135.84")
    assert round(evaluation.npv, 2) == Decimal("857673.05")


def test_schedule_factor_before_and_after_the_break():
    schedule = DiscountSchedule(Decimal("0.035"), Decimal("0.025"))

    assert schedule.factor(0) == 1
    # 1 / 1.035^2 = 1 / 1.071225
    assert schedule.factor(2) == 1 / Decimal("1.071225")
    # 1.035^35 x 1.025^5 = 3.7716516
    assert round(1 / schedule.factor(40), 7) == Decimal("3.7716516")


def test_a_flat_rate_still_refuses_more_than_35_years():
    lines = [Line("Drift", Kind.COST, (Decimal(1),) * 36)]

    with pytest.raises(UserError) as caught:
        npv.evaluate(2026, Decimal("0.035"), lines)

    assert "36 år, men der kan højst beregnes 35 år" in caught.value.render(str)


def test_split_rate_refuses_more_than_year_70():
    lines = [Line("Drift", Kind.COST, (Decimal(1),) * 72)]

    with pytest.raises(UserError) as caught:
        npv.evaluate(2026, npv.FINANSMINISTERIET, lines)

    assert caught.value.render(str) == (
        "Business casen har 72 år, men der kan højst beregnes 71 år."
    )


def test_societal_benefits_are_shown_apart_from_the_npv():
    # At 10 %: societal 0, 110, 121 -> present value 0 + 100 + 100 = 200; NPV only the cost.
    lines = [
        Line("Drift", Kind.COST, (Decimal(100), Decimal(0), Decimal(0))),
        Line(
            "Borgernes tid",
            Kind.BENEFIT,
            (Decimal(0), Decimal(110), Decimal(121)),
            Category.SOCIETAL,
        ),
        Line("Tilfredshed", Kind.BENEFIT, (), Category.NON_ECONOMIC),
    ]

    evaluation = npv.evaluate(2026, Decimal("0.1"), lines)

    assert evaluation.npv == Decimal(-100)
    assert evaluation.societal_npv == Decimal(200)
    assert evaluation.societal_lines == (("Borgernes tid", (0, 110, 121)),)
    assert evaluation.kpi_lines == ("Tilfredshed",)
