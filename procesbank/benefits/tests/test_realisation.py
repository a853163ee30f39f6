"""Tests of benefits realisation; the figures are computed by hand in the comments."""

from datetime import date
from decimal import Decimal

import pytest

from procesbank.benefits.engine.realisation import (
    STATUS_LABELS,
    KpiPlan,
    KpiPoint,
    PortfolioBenefit,
    PortfolioYear,
    Status,
    benefit_profile,
    kpi_status,
    measurement_status,
    planned_percent,
    planned_value,
    portfolio_by_year,
    realisation,
    realised_percent,
    require_explanation,
    require_past,
)
from procesbank.core.errors import UserError

# Case-handling time should fall from 20 to 10 days over 100 days:
# 1 January 2025 + 100 days = 11 April 2025 (31 + 28 + 31 = 90 days to 1 April, + 10).
# Half-way, day 50, is 20 February 2025 (31 days to 1 February, + 19).
FALLING = KpiPlan(KpiPoint(Decimal(20), date(2025, 1, 1)), KpiPoint(Decimal(10), date(2025, 4, 11)))
HALF_WAY = date(2025, 2, 20)


def test_planned_value_interpolates_between_baseline_and_target() -> None:
    # day 50 of 100: 20 + (10 - 20) * 50 / 100 = 15
    assert planned_percent(FALLING, HALF_WAY) == 50
    assert planned_value(FALLING, HALF_WAY) == 15


def test_planned_value_stays_at_the_ends_outside_the_plan() -> None:
    assert planned_value(FALLING, date(2024, 12, 1)) == 20
    assert planned_value(FALLING, date(2026, 1, 1)) == 10


def test_realised_percent_works_for_a_kpi_that_should_fall() -> None:
    # (16 - 20) / (10 - 20) * 100 = -4 / -10 * 100 = 40
    assert realised_percent(FALLING, Decimal(16)) == 40


def test_realised_percent_is_not_clamped() -> None:
    # (8 - 20) / (10 - 20) * 100 = 120; (22 - 20) / -10 * 100 = -20
    assert realised_percent(FALLING, Decimal(8)) == 120
    assert realised_percent(FALLING, Decimal(22)) == -20


@pytest.mark.parametrize(
    ("measured", "status"),
    [
        # planned 50 %; on track from 0.9 * 50 = 45 %, at risk from 0.7 * 50 = 35 %
        ("15.5", Status.ON_TRACK),  # (15.5 - 20) / -10 * 100 = 45 %, exactly the limit
        ("15.6", Status.AT_RISK),  # 44 %
        ("16.5", Status.AT_RISK),  # 35 %, exactly the limit
        ("16.6", Status.OFF_TRACK),  # 34 %
    ],
)
def test_measurement_status_compares_with_the_planned_progress(
    measured: str, status: Status
) -> None:
    assert measurement_status(FALLING, KpiPoint(Decimal(measured), HALF_WAY)) is status


def test_measurement_before_the_plan_starts_is_on_track_unless_backwards() -> None:
    before = date(2024, 12, 1)

    assert measurement_status(FALLING, KpiPoint(Decimal(20), before)) is Status.ON_TRACK
    assert measurement_status(FALLING, KpiPoint(Decimal(21), before)) is Status.OFF_TRACK


def test_kpi_status_uses_the_latest_measurement() -> None:
    # 1 February is day 31: planned 31 %, at risk from 0.7 * 31 = 21.7 %; 18 days -> 20 % (off)
    # 20 February is day 50: planned 50 %; 15 days -> 50 % (on track)
    measurements = [
        KpiPoint(Decimal(15), HALF_WAY),
        KpiPoint(Decimal(18), date(2025, 2, 1)),
    ]

    assert kpi_status(FALLING, measurements, date(2025, 1, 31)) is Status.NOT_MEASURED
    assert kpi_status(FALLING, measurements, date(2025, 2, 10)) is Status.OFF_TRACK
    assert kpi_status(FALLING, measurements, date(2025, 3, 1)) is Status.ON_TRACK
    assert STATUS_LABELS[Status.NOT_MEASURED] == "Ikke målt"


def test_off_track_requires_an_explanation() -> None:
    with pytest.raises(UserError) as error:
        require_explanation(Status.OFF_TRACK, "  ")

    assert str(error.value) == (
        "Gevinsten er ikke på sporet. "
        "Skriv en forklaring på, hvorfor den halter, og hvad der gøres."
    )


def test_other_statuses_need_no_explanation() -> None:
    require_explanation(Status.AT_RISK, "")
    require_explanation(Status.OFF_TRACK, "Leverandøren er forsinket til juni.")


def test_plan_refuses_target_not_after_baseline() -> None:
    with pytest.raises(UserError) as error:
        KpiPlan(KpiPoint(Decimal(1), date(2025, 3, 1)), KpiPoint(Decimal(2), date(2025, 3, 1)))

    assert str(error.value) == "Måldatoen 1.3.2025 skal ligge efter baselinedatoen 1.3.2025."


def test_plan_refuses_target_equal_to_baseline() -> None:
    with pytest.raises(UserError) as error:
        KpiPlan(KpiPoint(Decimal(7), date(2025, 1, 1)), KpiPoint(Decimal(7), date(2026, 1, 1)))

    assert str(error.value) == (
        "Målværdien er den samme som baselineværdien (7), så der er ingen forbedring at måle."
    )


def test_portfolio_by_year_sums_planned_and_realised() -> None:
    # A rises 0 -> 100 from 31.12.2024 to 31.12.2026 (730 days), worth 200000 DKK a year.
    #   2024: planned 0; no measurement yet
    #   2025: planned 365 / 730 = 50 % -> 100000; latest 1.12.2025 = 40 -> 40 % -> 80000
    #   2026: planned 100 % -> 200000; latest 15.12.2026 = 90 -> 90 % -> 180000
    # B falls 50 -> 30 from 31.12.2025 to 31.12.2026, worth 100000 DKK a year.
    #   2024 and 2025: planned 0; no measurement yet
    #   2026: planned 100000; 30.6.2026 = 45 -> (45 - 50) / (30 - 50) = 25 % -> 25000
    # totals: 2024: 0 / 0; 2025: 100000 / 80000; 2026: 300000 / 205000
    rising = PortfolioBenefit(
        "Selvbetjening",
        KpiPlan(
            KpiPoint(Decimal(0), date(2024, 12, 31)), KpiPoint(Decimal(100), date(2026, 12, 31))
        ),
        (
            KpiPoint(Decimal(20), date(2025, 6, 30)),
            KpiPoint(Decimal(40), date(2025, 12, 1)),
            KpiPoint(Decimal(90), date(2026, 12, 15)),
        ),
        Decimal(200000),
    )
    falling = PortfolioBenefit(
        "Sagsbehandlingstid",
        KpiPlan(
            KpiPoint(Decimal(50), date(2025, 12, 31)), KpiPoint(Decimal(30), date(2026, 12, 31))
        ),
        (KpiPoint(Decimal(45), date(2026, 6, 30)),),
        Decimal(100000),
    )

    years = portfolio_by_year([rising, falling], today=date(2026, 12, 31))

    assert years == (
        PortfolioYear(2024, Decimal(0), Decimal(0), ("Selvbetjening", "Sagsbehandlingstid")),
        PortfolioYear(2025, Decimal(100000), Decimal(80000), ("Sagsbehandlingstid",)),
        PortfolioYear(2026, Decimal(300000), Decimal(205000), ()),
    )


def test_portfolio_by_year_of_no_benefits_is_empty() -> None:
    assert portfolio_by_year([], today=date(2026, 1, 1)) == ()


def test_portfolio_by_year_refuses_negative_value() -> None:
    benefit = PortfolioBenefit("Tid", FALLING, (), Decimal(-1))

    with pytest.raises(UserError) as error:
        portfolio_by_year([benefit], today=date(2026, 1, 1))

    assert str(error.value) == "Gevinsten 'Tid' har en negativ årlig værdi: -1."


# A rises 0 -> 100 from 1.1.2026 to 1.1.2028 (730 days), worth 100000 DKK a year.
RISING = KpiPlan(KpiPoint(Decimal(0), date(2026, 1, 1)), KpiPoint(Decimal(100), date(2028, 1, 1)))


def test_a_measurement_after_today_is_refused() -> None:
    with pytest.raises(UserError) as error:
        require_past(date(2026, 12, 6), date(2026, 12, 5))

    assert str(error.value) == (
        "Målingen er dateret 6.12.2026, som ligger efter i dag (5.12.2026). Registrér kun "
        "målinger for dage, der er gået."
    )
    require_past(date(2026, 12, 5), date(2026, 12, 5))  # today itself is fine


def test_realisation_ignores_a_measurement_dated_after_today() -> None:
    # A row stored before the rule: dated 1.6.2027, today 5.12.2026. It does not count, so the
    # benefit is not measured, whatever the stored row says.
    measurements = (KpiPoint(Decimal(80), date(2027, 6, 1)),)

    state = realisation(RISING, measurements, Decimal(100000), on=date(2026, 12, 5),
                        today=date(2026, 12, 5))  # fmt: skip

    assert state.status is Status.NOT_MEASURED
    assert state.realised_value is None
    # 5.12.2026 is day 338 of 730: 338 / 730 x 100000 = 46301.37 DKK a year planned
    assert round(state.planned_value, 2) == Decimal("46301.37")


def test_realisation_has_no_realised_value_in_a_year_not_begun() -> None:
    measurements = (KpiPoint(Decimal(40), date(2026, 11, 1)),)

    this_year = realisation(RISING, measurements, Decimal(100000), on=date(2026, 12, 31),
                            today=date(2026, 12, 5))  # fmt: skip
    next_year = realisation(RISING, measurements, Decimal(100000), on=date(2027, 12, 31),
                            today=date(2026, 12, 5))  # fmt: skip

    # 2026: 40 % realised -> 40000; planned 364 / 730 x 100000 = 49863.01
    assert this_year.realised_value == Decimal(40000)
    assert round(this_year.planned_value, 2) == Decimal("49863.01")
    # 2027: planned 729 / 730 x 100000 = 99863.01; realised unknown (the year has not begun)
    assert next_year.realised_value is None
    assert round(next_year.planned_value, 2) == Decimal("99863.01")


def test_portfolio_by_year_leaves_years_after_today_unrealised() -> None:
    benefit = PortfolioBenefit(
        "Selvbetjening", RISING, (KpiPoint(Decimal(40), date(2026, 11, 1)),), Decimal(100000)
    )

    years = portfolio_by_year([benefit], today=date(2026, 12, 5))

    assert [(y.year, y.realised) for y in years] == [(2026, Decimal(40000)), (2027, None),
                                                     (2028, None)]  # fmt: skip
    assert years[2].planned == Decimal(100000)


def test_benefit_profile_gives_planned_and_realised_per_year() -> None:
    measurements = (
        KpiPoint(Decimal(30), date(2026, 6, 1)),
        KpiPoint(Decimal(45), date(2026, 12, 1)),
    )

    profile = benefit_profile(RISING, measurements, Decimal(100000), today=date(2026, 12, 5))

    # 2026: planned KPI 364 / 730 x 100 = 49.86, measured 45 -> 45000 DKK; 2027: planned
    # 729 / 730 x 100 = 99.86, realised unknown; 2028: planned 100.
    assert [(p.year, round(p.planned_kpi, 2), p.realised_kpi, p.realised_value)
            for p in profile] == [
        (2026, Decimal("49.86"), Decimal(45), Decimal(45000)),
        (2027, Decimal("99.86"), None, None),
        (2028, Decimal("100.00"), None, None),
    ]  # fmt: skip
