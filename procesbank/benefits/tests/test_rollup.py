"""The roll-up of a joint project's benefit from its participants' parts (issue 15), by hand.

Plan: 0 -> 100 from 1.1.2026 to 1.1.2027 (365 days). On 2.7.2026, 182 days in, the plan
expects 182 / 365 = 49.863 %."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from procesbank.benefits.engine.realisation import KpiPlan, KpiPoint, Part, Status, rollup

D = Decimal
PLAN = KpiPlan(KpiPoint(D(0), date(2026, 1, 1)), KpiPoint(D(100), date(2027, 1, 1)))
ON = date(2026, 7, 2)


def test_rollup_sums_the_parts_and_an_unmeasured_part_adds_nothing() -> None:
    # Part A (30,000 kr.) measured 50 on 1.7.2026: 15,000 realised; part B (70,000 kr.) none.
    parts = [
        Part((KpiPoint(D(50), date(2026, 7, 1)),), D(30_000)),
        Part((), D(70_000)),
    ]

    state = rollup(PLAN, parts, on=ON, today=ON)

    assert state.realised_value == D(15_000)
    # 15,000 of 100,000 = 15 % against 181 / 365 = 49.6 % planned on 1.7.2026: 15 < 0.7 x
    # 49.6 = 34.7, off track.
    assert state.realised_percent == D(15)
    assert state.status is Status.OFF_TRACK
    assert state.latest == KpiPoint(D(15), date(2026, 7, 1))
    assert state.planned_value.quantize(D("0.01")) == D("49863.01")  # 100,000 x 182 / 365


def test_rollup_of_parts_without_a_value_is_the_mean_progress() -> None:
    # A qualitative benefit (0 kr.): 60 and 20 percent of the way; the mean is 40.
    parts = [
        Part((KpiPoint(D(60), date(2026, 6, 1)),), D(0)),
        Part((KpiPoint(D(20), date(2026, 7, 1)),), D(0)),
    ]

    state = rollup(PLAN, parts, on=ON, today=ON)

    assert state.realised_percent == D(40)
    assert state.realised_value == D(0)


def test_rollup_before_any_measurement_is_not_measured() -> None:
    state = rollup(PLAN, [Part((), D(10_000)), Part((), D(5_000))], on=ON, today=ON)

    assert state.status is Status.NOT_MEASURED
    assert state.realised_value is None
    assert state.planned_value.quantize(D("0.01")) == D("7479.45")  # 15,000 x 182 / 365
