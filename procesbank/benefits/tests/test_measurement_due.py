"""When a benefit's next measurement is due (``realisation.measurement_due``): one schedule
interval after the latest measurement, or after the baseline before the first, until the
benefit is measured on or after its target date."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from procesbank.benefits.engine.realisation import (
    KpiPlan,
    KpiPoint,
    measurement_due,
    next_measurement_on,
)

PLAN = KpiPlan(KpiPoint(Decimal(30), date(2026, 1, 31)), KpiPoint(Decimal(10), date(2027, 1, 31)))


def test_the_first_quarterly_measurement_is_due_three_months_after_the_baseline():
    # 31 January + 3 months: 30 April (April has 30 days).
    assert next_measurement_on("quarterly", date(2026, 1, 31), None, date(2027, 1, 1)) == date(
        2026, 4, 30
    )


def test_a_monthly_measurement_is_due_a_month_after_the_latest():
    # 31 January + 1 month in 2026 (not a leap year): 28 February.
    assert next_measurement_on(
        "monthly", date(2025, 6, 1), date(2026, 1, 31), date(2027, 1, 1)
    ) == date(2026, 2, 28)


def test_a_yearly_measurement_is_due_a_year_after_the_latest():
    assert next_measurement_on(
        "yearly", date(2025, 1, 1), date(2026, 3, 15), date(2028, 1, 1)
    ) == date(2027, 3, 15)


def test_nothing_is_due_the_day_before_and_it_is_due_on_the_day():
    assert measurement_due("quarterly", PLAN, None, date(2026, 4, 29)) is None
    assert measurement_due("quarterly", PLAN, None, date(2026, 4, 30)) == date(2026, 4, 30)


def test_an_overdue_measurement_keeps_the_day_it_fell_due():
    assert measurement_due("monthly", PLAN, date(2026, 5, 10), date(2026, 8, 1)) == date(
        2026, 6, 10
    )


def test_a_benefit_measured_on_its_target_date_is_no_longer_followed():
    assert measurement_due("monthly", PLAN, date(2027, 1, 31), date(2028, 1, 1)) is None


def test_the_last_measurement_before_the_target_is_due_on_the_target_date():
    # Monthly, last measured 15 January 2027: the next would be 15 February, after the target
    # date 31 January 2027, so it is due on the target date itself.
    assert measurement_due("monthly", PLAN, date(2027, 1, 15), date(2027, 2, 1)) == date(
        2027, 1, 31
    )
