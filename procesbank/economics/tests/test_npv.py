"""Tests of the business-case computation; every figure is computed by hand in the comments."""

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from procesbank.core.errors import UserError
from procesbank.economics.engine.npv import (
    DEFAULT_DISCOUNT_RATE,
    MAX_YEARS,
    Category,
    DatedRate,
    Kind,
    Line,
    ThreePoint,
    evaluate,
    parse_line,
    rate_in_force,
    round_kroner,
    time_saving_benefit,
)

CENT = Decimal("0.01")

# A four-year case at 10 % (so the discount factors are 1, 1.1, 1.21, 1.331) with a whole-case
# risk share of 20 % and one line (Licens) that carries its own 10 %.
#
# Expected values, (min + 4 * likely + max) / 6:
#   Udvikling 2025: (80000 + 4 * 100000 + 150000) / 6 = 630000 / 6 = 105000
#   Frigjort tid 2026: (24000 + 4 * 60000 + 120000) / 6 = 384000 / 6 = 64000
#   Frigjort tid 2027 and 2028: (48000 + 4 * 90000 + 120000) / 6 = 528000 / 6 = 88000
CASE: list[dict[str, Any]] = [
    {
        "name": "Udvikling",
        "type": "cost",
        "category": "development",
        "min": [80000, 0, 0, 0],
        "likely": [100000, 0, 0, 0],
        "max": [150000, 0, 0, 0],
    },
    {
        "name": "Licens",
        "type": "cost",
        "category": "licences",
        "amounts": [20000, 20000, 20000, 20000],
        "risk_share": "0.10",
    },
    {
        "name": "Frigjort tid",
        "type": "benefit",
        "category": "not_budget_relevant",
        "min": [0, 24000, 48000, 48000],
        "likely": [0, 60000, 90000, 90000],
        "max": [0, 120000, 120000, 120000],
    },
    {"name": "Borgertilfredshed", "type": "benefit", "category": "non_economic"},
]


def evaluate_case() -> Any:
    return evaluate(2025, Decimal("0.10"), CASE, risk_share=Decimal("0.20"))


def test_unadjusted_table_of_four_year_case() -> None:
    # costs:    2025: 105000 + 20000 = 125000; 2026-2028: 20000
    # benefits: 0, 64000, 88000, 88000
    # net:      -125000, 44000, 68000, 68000
    # cumulative: -125000, -81000, -13000, 55000
    evaluation = evaluate_case()

    rows = evaluation.unadjusted.years

    assert [row.year for row in rows] == [2025, 2026, 2027, 2028]
    assert [row.costs for row in rows] == [125000, 20000, 20000, 20000]
    assert [row.benefits for row in rows] == [0, 64000, 88000, 88000]
    assert [row.net for row in rows] == [-125000, 44000, 68000, 68000]
    assert [row.cumulative for row in rows] == [-125000, -81000, -13000, 55000]


def test_unadjusted_npv_and_payback_of_four_year_case() -> None:
    # discounted net: -125000 / 1 = -125000
    #                  44000 / 1.1 = 40000
    #                  68000 / 1.21 = 56198.347107...
    #                  68000 / 1.331 = 51089.406461...
    # NPV = -125000 + 40000 + 56198.347107 + 51089.406461 = 22287.753568 -> 22287.75
    # payback: cumulative -13000 after 2027, 2028 nets 68000: 3 + 13000 / 68000 = 3.191176...
    evaluation = evaluate_case()

    result = evaluation.unadjusted

    assert [row.discounted_net.quantize(CENT) for row in result.years] == [
        Decimal("-125000.00"),
        Decimal("40000.00"),
        Decimal("56198.35"),
        Decimal("51089.41"),
    ]
    assert [row.cumulative_discounted.quantize(CENT) for row in result.years] == [
        Decimal("-125000.00"),
        Decimal("-85000.00"),
        Decimal("-28801.65"),
        Decimal("22287.75"),
    ]
    assert result.npv.quantize(CENT) == Decimal("22287.75")
    assert result.payback_years is not None
    assert result.payback_years.quantize(Decimal("0.0001")) == Decimal("3.1912")


def test_risk_adjustment_raises_costs_and_lowers_benefits() -> None:
    # Udvikling takes the case share 20 %: 105000 * 1.2 = 126000
    # Licens keeps its own 10 % (it replaces the case share): 20000 * 1.1 = 22000
    # Frigjort tid takes the case share: 64000 * 0.8 = 51200, 88000 * 0.8 = 70400
    # costs: 126000 + 22000 = 148000, then 22000; net: -148000, 29200, 48400, 48400
    # NPV = -148000 + 29200 / 1.1 + 48400 / 1.21 + 48400 / 1.331
    #     = -148000 + 26545.4545 + 40000 + 36363.6364 = -45090.91
    # cumulative: -148000, -118800, -70400, -22000: never pays back
    evaluation = evaluate_case()

    rows = evaluation.risk_adjusted.years

    assert [row.costs for row in rows] == [148000, 22000, 22000, 22000]
    assert [row.benefits for row in rows] == [0, 51200, 70400, 70400]
    assert evaluation.npv.quantize(CENT) == Decimal("-45090.91")
    assert evaluation.payback_years is None
    assert evaluation.years == rows


def test_non_economic_benefit_stays_out_of_the_sums() -> None:
    evaluation = evaluate_case()

    assert evaluation.kpi_lines == ("Borgertilfredshed",)


def test_scenarios_take_the_extremes() -> None:
    # optimistic: costs at min (80000 + 20000 = 100000, then 20000), benefits at max (120000)
    #   net: -100000, 100000, 100000, 100000
    #   NPV = -100000 + 90909.0909 + 82644.6281 + 75131.4801 = 148685.20
    #   cumulative reaches exactly 0 at the end of 2026: payback 1 + 100000 / 100000 = 2
    # pessimistic: costs at max (150000 + 20000 = 170000), benefits at min (0, 24000, 48000, 48000)
    #   net: -170000, 4000, 28000, 28000
    #   NPV = -170000 + 3636.3636 + 23140.4959 + 21036.8144 = -122186.33
    evaluation = evaluate_case()

    scenarios = evaluation.scenarios

    assert scenarios.optimistic.npv.quantize(CENT) == Decimal("148685.20")
    assert scenarios.optimistic.payback_years == 2
    assert scenarios.expected == evaluation.unadjusted
    assert scenarios.pessimistic.npv.quantize(CENT) == Decimal("-122186.33")
    assert scenarios.pessimistic.payback_years is None


def test_tornado_orders_lines_by_swing() -> None:
    # Frigjort tid at min: -40000 in each of 2026-2028:
    #   -40000 * (1 / 1.1 + 1 / 1.21 + 1 / 1.331) = -40000 * 2.486852 = -99474.08
    #   NPV 22287.75 - 99474.08 = -77186.33
    # Frigjort tid at max: +56000, +32000, +32000:
    #   50909.09 + 26446.28 + 24042.07 = 101397.45 -> NPV 123685.20; swing 200871.53
    # Udvikling at min: 25000 less cost in 2025 (factor 1) -> 47287.75; at max 45000 more
    #   -> -22712.25; swing 70000
    # Licens is given directly: min = max = expected, swing 0
    evaluation = evaluate_case()

    bars = [
        (bar.line, bar.npv_at_min.quantize(CENT), bar.npv_at_max.quantize(CENT), bar.swing)
        for bar in evaluation.sensitivity
    ]

    assert [(line, low, high) for line, low, high, _ in bars] == [
        ("Frigjort tid", Decimal("-77186.33"), Decimal("123685.20")),
        ("Udvikling", Decimal("47287.75"), Decimal("-22712.25")),
        ("Licens", Decimal("22287.75"), Decimal("22287.75")),
    ]
    assert bars[0][3].quantize(CENT) == Decimal("200871.53")
    assert bars[1][3] == 70000
    assert bars[2][3] == 0


def test_default_rate_is_three_and_a_half_percent() -> None:
    # -1000 + 1035 / 1.035 + 1071.225 / 1.035^2 = -1000 + 1000 + 1071.225 / 1.071225 = 1000
    lines = [
        Line("Køb", Kind.COST, (Decimal(1000), Decimal(0), Decimal(0))),
        Line("Gevinst", Kind.BENEFIT, (Decimal(0), Decimal(1035), Decimal("1071.225"))),
    ]

    evaluation = evaluate(2026, DEFAULT_DISCOUNT_RATE, lines)

    assert str(DEFAULT_DISCOUNT_RATE) == "0.035"
    assert evaluation.npv == 1000


def test_payback_interpolates_inside_the_year() -> None:
    # net -100 in year 1, +150 in year 2: cumulative -100, +50 -> 1 + 100 / 150 = 1.6667
    lines = [
        {"name": "Køb", "type": "cost", "amounts": [100, 0]},
        {"name": "Gevinst", "type": "benefit", "amounts": [0, 150]},
    ]

    payback = evaluate(2026, Decimal(0), lines).payback_years

    assert payback is not None
    assert payback.quantize(Decimal("0.0001")) == Decimal("1.6667")


def test_payback_within_first_year_takes_costs_over_benefits() -> None:
    # Year 1 costs 100 (paid at the start), benefits 400 flow evenly: 100 / 400 = 0.25 years
    lines = [
        {"name": "Køb", "type": "cost", "amounts": [100, 0]},
        {"name": "Gevinst", "type": "benefit", "amounts": [400, 400]},
    ]

    assert evaluate(2026, Decimal(0), lines).payback_years == Decimal("0.25")


def test_payback_is_zero_without_first_year_costs() -> None:
    lines = [
        {"name": "Drift", "type": "cost", "amounts": [0, 50]},
        {"name": "Gevinst", "type": "benefit", "amounts": [400, 400]},
    ]

    assert evaluate(2026, Decimal(0), lines).payback_years == 0


def test_payback_counts_the_last_crossing_after_a_reinvestment() -> None:
    # net -100, +200, -150, +100; cumulative -100, +100, -50, +50
    # the last negative cumulative is after year 3: 3 + 50 / 100 = 3.5
    lines = [
        {"name": "Køb", "type": "cost", "amounts": [100, 0, 250, 0]},
        {"name": "Gevinst", "type": "benefit", "amounts": [0, 200, 100, 100]},
    ]

    assert evaluate(2026, Decimal(0), lines).payback_years == Decimal("3.5")


def test_case_that_never_pays_back_has_no_payback() -> None:
    # net -500, +100, +100, +100; cumulative ends at -200
    lines = [
        {"name": "Køb", "type": "cost", "amounts": [500, 0, 0, 0]},
        {"name": "Gevinst", "type": "benefit", "amounts": [0, 100, 100, 100]},
    ]

    evaluation = evaluate(2026, DEFAULT_DISCOUNT_RATE, lines)

    assert evaluation.years[-1].cumulative == -200
    assert evaluation.payback_years is None


def test_time_saving_benefit_multiplies_hours_rate_and_ramp_up() -> None:
    # 1200 hours * 350 DKK = 420000 DKK a year; ramp-up 0.5, 1, 1 -> 210000, 420000, 420000
    line = time_saving_benefit(
        "Frigjort tid", Decimal(1200), Decimal(350), [Decimal("0.5"), Decimal(1), Decimal(1)]
    )

    assert line.kind is Kind.BENEFIT
    assert line.category is Category.NOT_BUDGET_RELEVANT
    assert line.expected_amounts() == (Decimal(210000), Decimal(420000), Decimal(420000))


@pytest.mark.parametrize(
    ("hours", "rate", "ramp_up", "message"),
    [
        ("-1", "350", ["1"], "Sparede timer pr. år kan ikke være negative: -1."),
        ("10", "-5", ["1"], "Timeprisen kan ikke være negativ: -5 kr."),
        (
            "10",
            "350",
            ["0.5", "1.2"],
            "Indfasningen i år 2 skal være mellem 0 og 1, men er 1.2.",
        ),
    ],
)
def test_time_saving_benefit_refuses(
    hours: str, rate: str, ramp_up: list[str], message: str
) -> None:
    with pytest.raises(UserError) as error:
        time_saving_benefit("Tid", Decimal(hours), Decimal(rate), [Decimal(s) for s in ramp_up])

    assert str(error.value) == message


@pytest.mark.parametrize(
    ("amount", "shown"),
    [("2.5", "3"), ("-2.5", "-3"), ("1234.49", "1234"), ("4.00E+4", "40000")],
)
def test_round_kroner_rounds_halves_away_from_zero(amount: str, shown: str) -> None:
    assert str(round_kroner(Decimal(amount))) == shown


def test_rate_in_force_picks_the_latest_rate_from_before_the_date() -> None:
    rates = [
        DatedRate(date(2021, 1, 1), Decimal("0.035")),
        DatedRate(date(2014, 1, 1), Decimal("0.04")),
    ]

    assert rate_in_force(date(2020, 12, 31), rates) == Decimal("0.04")
    assert rate_in_force(date(2021, 1, 1), rates) == Decimal("0.035")
    assert rate_in_force(date(2026, 3, 1)) == Decimal("0.035")


def test_rate_in_force_refuses_a_date_before_every_rate() -> None:
    with pytest.raises(UserError) as error:
        rate_in_force(date(2020, 12, 31))

    assert str(error.value) == "Der er ingen diskonteringsrente i kraft den 31.12.2020."


def test_rate_in_force_refuses_two_rates_from_the_same_date() -> None:
    rates = [DatedRate(date(2021, 1, 1), Decimal("0.035")), DatedRate(date(2021, 1, 1), Decimal(0))]

    with pytest.raises(UserError) as error:
        rate_in_force(date(2022, 1, 1), rates)

    assert str(error.value) == "Der er to diskonteringsrenter, der gælder fra 1.1.2021."


def test_35_years_are_computed() -> None:
    lines = [{"name": "Drift", "type": "cost", "amounts": [1] * MAX_YEARS}]

    assert len(evaluate(2026, DEFAULT_DISCOUNT_RATE, lines).years) == 35


def cost(**fields: Any) -> dict[str, Any]:
    return {"name": "Licens", "type": "cost", "amounts": [100, 100]} | fields


def three_point(low: list[int], likely: list[int], high: list[int]) -> dict[str, Any]:
    return {"name": "Udvikling", "type": "cost", "min": low, "likely": likely, "max": high}


@pytest.mark.parametrize(
    ("rate", "lines", "message"),
    [
        ("0.035", [], "Business casen har ingen linjer."),
        ("0.035", [cost(amounts=[])], "Business casen har ingen år med beløb."),
        (
            "0.035",
            [{"name": "Tilfredshed", "type": "benefit", "category": "non_economic"}],
            "Business casen har ingen år med beløb.",
        ),
        (
            "0.035",
            [cost(amounts=[1] * 36)],
            "Business casen har 36 år, men der kan højst beregnes 35 år, fordi "
            "Finansministeriets diskonteringsrente falder efter år 35.",
        ),
        (
            "0.035",
            [cost(), cost(name="Drift", amounts=[1, 2, 3])],
            "Linjen 'Drift' har 3 beløb, men business casen har 2 år",
        ),
        (
            "0.035",
            [cost(), three_point([1, 1], [1], [2, 2])],
            "Linjen 'Udvikling' har 1 beløb, men business casen har 2 år",
        ),
        (
            "0.035",
            [cost(amounts=[100, -5])],
            "Linjen 'Licens' har et negativt beløb i 2027: -5. Angiv beløbet som positivt; "
            "typen (omkostning eller gevinst) bestemmer fortegnet.",
        ),
        (
            "0.035",
            [cost(amounts=[100, "1000000000001"])],
            "Linjen 'Licens' har et beløb i 2027 på over 1.000.000.000.000 kr. pr. år: "
            "1000000000001.",
        ),
        (
            "0.035",
            [three_point([1, 5], [2, 4], [3, 6])],
            "Linjen 'Udvikling' skal i 2027 have minimum ≤ sandsynligt ≤ maksimum, men har "
            "5, 4 og 6.",
        ),
        (
            "0.035",
            [three_point([1, 1], [2, 4], [3, 3])],
            "Linjen 'Udvikling' skal i 2027 have minimum ≤ sandsynligt ≤ maksimum, men har "
            "1, 4 og 3.",
        ),
        (
            "1",
            [cost()],
            "Diskonteringsrenten skal være mindst 0 og under 1 (fx 0,035 for 3,5 %), men er 1.",
        ),
        (
            "-0.01",
            [cost()],
            "Diskonteringsrenten skal være mindst 0 og under 1 (fx 0,035 for 3,5 %), men er -0.01.",
        ),
        (
            "0.035",
            [cost(risk_share="1.5")],
            "Risikoandelen for linjen 'Licens' skal være mellem 0 og 1, men er 1.5.",
        ),
        (
            "0.035",
            [cost(category="budget_relevant")],
            "Linjen 'Licens' har typen 'cost', som kategorien 'budget_relevant' ikke hører til.",
        ),
        (
            "0.035",
            [{"name": "Tid", "type": "benefit", "category": "licences", "amounts": [1]}],
            "Linjen 'Tid' har typen 'benefit', som kategorien 'licences' ikke hører til.",
        ),
        (
            "0.035",
            [{"name": "Tid", "type": "benefit", "category": "non_economic", "amounts": [1]}],
            "Linjen 'Tid' er en ikke-økonomisk gevinst, der følges med en KPI, og kan ikke have "
            "beløb.",
        ),
    ],
)
def test_evaluate_refuses(rate: str, lines: list[dict[str, Any]], message: str) -> None:
    with pytest.raises(UserError) as error:
        evaluate(2026, Decimal(rate), lines)

    assert str(error.value) == message


def test_evaluate_refuses_case_risk_outside_zero_to_one() -> None:
    with pytest.raises(UserError) as error:
        evaluate(2026, DEFAULT_DISCOUNT_RATE, [cost()], risk_share=Decimal("-0.1"))

    assert str(error.value) == (
        "Risikoandelen for business casen skal være mellem 0 og 1, men er -0.1."
    )


def test_evaluate_refuses_three_point_line_with_unequal_lists() -> None:
    line = Line("Udvikling", Kind.COST, ThreePoint((Decimal(1),), (Decimal(2),), ()))

    with pytest.raises(UserError) as error:
        evaluate(2026, DEFAULT_DISCOUNT_RATE, [line])

    assert str(error.value) == "Linjen 'Udvikling' har 0 beløb, men business casen har 1 år"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"type": "cost", "amounts": [1]}, "En linje mangler et navn."),
        ({"name": "  ", "type": "cost", "amounts": [1]}, "En linje mangler et navn."),
        (
            {"name": "Køb", "type": "udgift", "amounts": [1]},
            "Linjen 'Køb' har typen 'udgift'; typen skal være 'cost' eller 'benefit'.",
        ),
        (
            {"name": "Køb", "type": "cost", "category": "hardware", "amounts": [1]},
            "Linjen 'Køb' har en ukendt kategori: 'hardware'.",
        ),
        (
            {"name": "Køb", "type": "cost"},
            "Linjen 'Køb' skal have enten 'amounts' eller alle tre af 'min', 'likely' og 'max'.",
        ),
        (
            {"name": "Køb", "type": "cost", "amounts": [1], "likely": [1]},
            "Linjen 'Køb' skal have enten 'amounts' eller alle tre af 'min', 'likely' og 'max'.",
        ),
        (
            {"name": "Køb", "type": "cost", "min": [1], "likely": [1]},
            "Linjen 'Køb' skal have enten 'amounts' eller alle tre af 'min', 'likely' og 'max'.",
        ),
        (
            {"name": "Køb", "type": "cost", "amounts": "100"},
            "Linjen 'Køb': 'amounts' skal være en liste af beløb.",
        ),
        (
            {"name": "Køb", "type": "cost", "amounts": ["100 kr"]},
            "Linjen 'Køb' har en værdi, der ikke er et tal: '100 kr'.",
        ),
        (
            {"name": "Køb", "type": "cost", "amounts": [True]},
            "Linjen 'Køb' har en værdi, der ikke er et tal: 'True'.",
        ),
        (
            {"name": "Køb", "type": "cost", "amounts": ["NaN"]},
            "Linjen 'Køb' har en værdi, der ikke er et tal: 'NaN'.",
        ),
    ],
)
def test_parse_line_refuses(data: dict[str, Any], message: str) -> None:
    with pytest.raises(UserError) as error:
        parse_line(data)

    assert str(error.value) == message


def test_parse_line_reads_floats_through_their_decimal_text() -> None:
    line = parse_line({"name": "Køb", "type": "cost", "amounts": [0.1, "2.50", 3]})

    assert line.amounts == (Decimal("0.1"), Decimal("2.50"), Decimal(3))
