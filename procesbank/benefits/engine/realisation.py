"""Benefits realisation: how far a KPI has come against its plan.

A gevinst (a registered benefit) is followed with a KPI that has a baseline (value, date) and a
target (value, date). The plan is the straight line between them. Progress is measured in
percent of the way from baseline to target, so a KPI that should fall (case-handling days) is
treated like one that should rise.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum

from procesbank.core.dates import add_months
from procesbank.core.errors import UserError, gettext_noop

HUNDRED = Decimal(100)
ON_TRACK_SHARE = Decimal("0.9")
AT_RISK_SHARE = Decimal("0.7")

TARGET_NOT_AFTER_BASELINE = gettext_noop(
    "Måldatoen %(target)s skal ligge efter baselinedatoen %(baseline)s."
)
TARGET_EQUALS_BASELINE = gettext_noop(
    "Målværdien er den samme som baselineværdien (%(value)s), så der er ingen forbedring at måle."
)
EXPLANATION_REQUIRED = gettext_noop(
    "Gevinsten er ikke på sporet. Skriv en forklaring på, hvorfor den halter, og hvad der gøres."
)
MEASURED_IN_FUTURE = gettext_noop(
    "Målingen er dateret %(day)s, som ligger efter i dag (%(today)s). Registrér kun målinger "
    "for dage, der er gået."
)
NEGATIVE_YEARLY_VALUE = gettext_noop(
    "Gevinsten '%(benefit)s' har en negativ årlig værdi: %(value)s."
)

STATUS_RULE = gettext_noop(
    "Fremdrift måles i procent af vejen fra baseline til mål, og planen er en ret linje fra "
    "baselinedatoen til måldatoen. Ved den seneste måling er gevinsten på sporet, hvis den målte "
    "fremdrift er mindst 90 procent af den planlagte fremdrift på måledatoen, i risiko, hvis den "
    "er mindst 70 procent, og ikke på sporet derunder. Før den første måling er den ikke målt. "
    "Værdien i kroner pr. år er værdien pr. år gange fremdriften: planlagt ved den planlagte, "
    "realiseret ved den målte. En måling kan ikke dateres efter i dag, og et år, der ikke er "
    "begyndt, har intet realiseret."
)
"""The status rule of :func:`measurement_status` in Danish, for the UI."""


class Status(StrEnum):
    """Where a benefit stands against its plan; see :func:`measurement_status` for the rule."""

    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"
    NOT_MEASURED = "not_measured"


STATUS_LABELS = {
    Status.ON_TRACK: gettext_noop("På sporet"),
    Status.AT_RISK: gettext_noop("I risiko"),
    Status.OFF_TRACK: gettext_noop("Ikke på sporet"),
    Status.NOT_MEASURED: gettext_noop("Ikke målt"),
}


@dataclass(frozen=True)
class KpiPoint:
    """A KPI value (in the KPI's own unit) on a date: a baseline, a target or a measurement."""

    value: Decimal
    on: date


@dataclass(frozen=True)
class KpiPlan:
    """The plan of a KPI: a straight line from the baseline to the target."""

    baseline: KpiPoint
    target: KpiPoint

    def __post_init__(self) -> None:
        if self.target.on <= self.baseline.on:
            raise UserError(
                TARGET_NOT_AFTER_BASELINE,
                target=self.target.on,
                baseline=self.baseline.on,
            )
        if self.target.value == self.baseline.value:
            raise UserError(TARGET_EQUALS_BASELINE, value=self.baseline.value)


@dataclass(frozen=True)
class PortfolioBenefit:
    """A benefit in a portfolio: its KPI plan, its measurements and its yearly value in DKK.

    ``yearly_value`` is the benefit in DKK per year once the target is reached; ``ref`` is the
    caller's key for the benefit (a row id), handed back in :attr:`PortfolioYear.unmeasured_refs`.
    """

    name: str
    plan: KpiPlan
    measurements: tuple[KpiPoint, ...]
    yearly_value: Decimal
    ref: int | None = None


@dataclass(frozen=True)
class PortfolioYear:
    """Planned and realised benefit at the end of a year, in DKK per year (the run rate).

    ``realised`` is None for a year after today's: nothing can have been measured in it yet.

    ``unmeasured`` names the benefits without a measurement by the end of the year; they count
    as nothing realised, and the UI lists them so that the gap is not read as failure.
    """

    year: int
    planned: Decimal
    realised: Decimal | None
    unmeasured: tuple[str, ...]
    # The ``ref`` of each unmeasured benefit, in the same order; the caller's bookkeeping, so it
    # takes no part in comparing years.
    unmeasured_refs: tuple[int | None, ...] = field(default=(), compare=False)


def planned_percent(plan: KpiPlan, on: date) -> Decimal:
    """Planned progress on ``on`` in percent (0-100): the elapsed share of baseline-to-target days.

    Before the baseline date it is 0; after the target date, 100.
    """
    total = (plan.target.on - plan.baseline.on).days
    elapsed = min(max((on - plan.baseline.on).days, 0), total)
    return Decimal(elapsed) / Decimal(total) * HUNDRED


def planned_value(plan: KpiPlan, on: date) -> Decimal:
    """The KPI value (its own unit) the plan expects on ``on``, by linear interpolation."""
    change = plan.target.value - plan.baseline.value
    return plan.baseline.value + change * planned_percent(plan, on) / HUNDRED


def realised_percent(plan: KpiPlan, measured: Decimal) -> Decimal:
    """Realised progress in percent: (measured - baseline) / (target - baseline) x 100.

    Not clamped: above 100 is more than the target, below 0 is a move the wrong way.
    """
    return (measured - plan.baseline.value) / (plan.target.value - plan.baseline.value) * HUNDRED


def measurement_status(plan: KpiPlan, measurement: KpiPoint) -> Status:
    """The status of one measurement against the plan on the measurement's date.

    Rule (shown in the UI as :data:`STATUS_RULE`): with realised progress R and planned
    progress P on the measurement date, both in percent of the way from baseline to target,
    the benefit is on track if R >= 90 % of P, at risk if R >= 70 % of P, off track below.
    Before the plan has started (P = 0) any progress that is not backwards is on track.
    """
    return progress_status(
        realised_percent(plan, measurement.value), planned_percent(plan, measurement.on)
    )


def progress_status(realised: Decimal, planned: Decimal) -> Status:
    """The status of realised against planned progress (percent), by the rule of
    :func:`measurement_status`."""
    if realised >= ON_TRACK_SHARE * planned:
        return Status.ON_TRACK
    if realised >= AT_RISK_SHARE * planned:
        return Status.AT_RISK
    return Status.OFF_TRACK


def latest_measurement(measurements: Sequence[KpiPoint], until: date) -> KpiPoint | None:
    """The latest measurement on or before ``until``; the last given wins a tie of dates."""
    earlier = [point for point in measurements if point.on <= until]
    return max(reversed(earlier), key=lambda point: point.on) if earlier else None


def kpi_status(plan: KpiPlan, measurements: Sequence[KpiPoint], on: date) -> Status:
    """The status on ``on``: the latest measurement's status, or not measured before the first."""
    latest = latest_measurement(measurements, on)
    return Status.NOT_MEASURED if latest is None else measurement_status(plan, latest)


def require_past(measured_on: date, today: date) -> None:
    """Refuses a measurement dated after ``today``: it would count before it happened."""
    if measured_on > today:
        raise UserError(MEASURED_IN_FUTURE, day=measured_on, today=today, field="measured_on")


@dataclass(frozen=True)
class Realisation:
    """Where one benefit stands on a day, by the one realisation rule (:func:`realisation`).

    ``planned_percent`` and ``realised_percent`` are percent of the way from baseline to target;
    ``planned_kpi`` is the KPI value the plan expects (the KPI's unit); ``planned_value`` and
    ``realised_value`` are DKK per year. ``latest`` is the measurement that counts (None before
    the first); ``realised_percent`` and ``realised_value`` are None while nothing counts, and
    for a day in a year after today's.
    """

    on: date
    status: Status
    planned_percent: Decimal
    planned_kpi: Decimal
    planned_value: Decimal
    latest: KpiPoint | None
    realised_percent: Decimal | None
    realised_value: Decimal | None

    @property
    def measured(self) -> bool:
        return self.latest is not None


def realisation(
    plan: KpiPlan,
    measurements: Sequence[KpiPoint],
    yearly_value: Decimal,
    *,
    on: date,
    today: date,
) -> Realisation:
    """The realisation rule, the one every page, report and dashboard uses.

    On ``on`` the plan expects ``planned_percent(plan, on)`` of the way; what counts as realised
    is the latest measurement on or before both ``on`` and ``today`` (a measurement dated after
    today never counts). In DKK per year: planned = ``yearly_value`` x planned percent / 100,
    realised = ``yearly_value`` x realised percent / 100. The status is the counted measurement's
    (:func:`measurement_status`), or not measured. A day in a year after today's has no
    realised value: that year has not begun.
    """
    planned = planned_percent(plan, on)
    future_year = on.year > today.year
    latest = None if future_year else latest_measurement(measurements, min(on, today))
    realised = None if latest is None else realised_percent(plan, latest.value)
    return Realisation(
        on=on,
        status=Status.NOT_MEASURED if latest is None else measurement_status(plan, latest),
        planned_percent=planned,
        planned_kpi=planned_value(plan, on),
        planned_value=yearly_value * planned / HUNDRED,
        latest=latest,
        realised_percent=realised,
        realised_value=None if realised is None else yearly_value * realised / HUNDRED,
    )


@dataclass(frozen=True)
class Part:
    """A participating municipality's part of a joint project's benefit: the measurements that
    count for it and its share of the yearly value (DKK per year)."""

    measurements: tuple[KpiPoint, ...]
    yearly_value: Decimal


def rollup(plan: KpiPlan, parts: Sequence[Part], *, on: date, today: date) -> Realisation:
    """A joint project's benefit on ``on``: each participant's part by :func:`realisation`
    (the one rule), summed. Planned and realised DKK per year are the sums of the parts' (a part
    without a measurement that counts adds nothing realised, as in a portfolio). The realised
    percent is the realised sum against the whole yearly value (with no value in kroner, the
    plain mean of the parts'); ``latest`` is that progress as a KPI value on the latest counted
    measurement's date, so the status follows :func:`measurement_status` as for one benefit."""
    states = [
        realisation(plan, part.measurements, part.yearly_value, on=on, today=today)
        for part in parts
    ]
    planned = planned_percent(plan, on)
    planned_dkk = sum((state.planned_value for state in states), Decimal(0))
    counted = [state for state in states if state.latest is not None]
    if not counted:
        return Realisation(
            on, Status.NOT_MEASURED, planned, planned_value(plan, on), planned_dkk, None, None, None
        )
    realised_dkk = sum((state.realised_value or Decimal(0) for state in counted), Decimal(0))
    whole = sum((part.yearly_value for part in parts), Decimal(0))
    if whole:
        percent = realised_dkk / whole * HUNDRED
    else:
        percent = sum((s.realised_percent or Decimal(0) for s in counted), Decimal(0)) / len(parts)
    kpi = plan.baseline.value + (plan.target.value - plan.baseline.value) * percent / HUNDRED
    latest = KpiPoint(kpi, max(state.latest.on for state in counted if state.latest))
    return Realisation(
        on=on,
        status=progress_status(percent, planned_percent(plan, latest.on)),
        planned_percent=planned,
        planned_kpi=planned_value(plan, on),
        planned_value=planned_dkk,
        latest=latest,
        realised_percent=percent,
        realised_value=realised_dkk,
    )


@dataclass(frozen=True)
class ProfileYear:
    """A benefit's profile at the end of one year: planned and realised KPI values (the KPI's
    unit) and DKK per year; realised is None when nothing counts yet."""

    year: int
    planned_kpi: Decimal
    realised_kpi: Decimal | None
    planned_value: Decimal
    realised_value: Decimal | None


def benefit_profile(
    plan: KpiPlan,
    measurements: Sequence[KpiPoint],
    yearly_value: Decimal,
    *,
    today: date,
    parts: Sequence[Part] = (),
) -> tuple[ProfileYear, ...]:
    """Planned against realised per year, from the baseline's year to the target's (or the last
    measurement's), each at 31 December by :func:`realisation`; with ``parts`` (a joint
    project's benefit, whose measurements are in its parts) by :func:`rollup`."""
    points = [*measurements, *(point for part in parts for point in part.measurements)]
    last = max(point.on.year for point in (plan.target, *points))
    rows = []
    for year in range(plan.baseline.on.year, last + 1):
        year_end = date(year, 12, 31)
        state = (
            rollup(plan, parts, on=year_end, today=today)
            if parts
            else realisation(plan, measurements, yearly_value, on=year_end, today=today)
        )
        rows.append(
            ProfileYear(
                year=year,
                planned_kpi=state.planned_kpi,
                realised_kpi=None if state.latest is None else state.latest.value,
                planned_value=state.planned_value,
                realised_value=state.realised_value,
            )
        )
    return tuple(rows)


SCHEDULE_MONTHS = {"monthly": 1, "quarterly": 3, "yearly": 12}
"""Months between measurements for each schedule (``Benefit.schedule``)."""


def require_explanation(status: Status, explanation: str) -> None:
    """Refuses an off-track status without an explanation (blank text counts as none)."""
    if status is Status.OFF_TRACK and not explanation.strip():
        raise UserError(EXPLANATION_REQUIRED)


def portfolio_by_year(
    benefits: Sequence[PortfolioBenefit], *, today: date
) -> tuple[PortfolioYear, ...]:
    """Planned against realised benefit per year for a portfolio, in DKK per year.

    For each year from the earliest baseline to the latest target or measurement, at 31
    December, each benefit by :func:`realisation`, summed. Realised is None for the years after
    today's.
    """
    for benefit in benefits:
        if benefit.yearly_value < 0:
            raise UserError(NEGATIVE_YEARLY_VALUE, benefit=benefit.name, value=benefit.yearly_value)
    if not benefits:
        return ()
    first = min(benefit.plan.baseline.on.year for benefit in benefits)
    last = max(
        point.on.year
        for benefit in benefits
        for point in (benefit.plan.target, *benefit.measurements)
    )
    return tuple(_portfolio_year(benefits, year, today) for year in range(first, last + 1))


def portfolio_year(
    benefits: Sequence[PortfolioBenefit], year: int, *, today: date
) -> PortfolioYear:
    """The portfolio at the end of ``year`` (any year, before or after the plans)."""
    return _portfolio_year(benefits, year, today)


def _portfolio_year(benefits: Sequence[PortfolioBenefit], year: int, today: date) -> PortfolioYear:
    year_end = date(year, 12, 31)
    planned = Decimal(0)
    realised: Decimal | None = None if year > today.year else Decimal(0)
    unmeasured = []
    unmeasured_refs = []
    for benefit in benefits:
        state = realisation(
            benefit.plan, benefit.measurements, benefit.yearly_value, on=year_end, today=today
        )
        planned += state.planned_value
        if realised is None:
            continue
        if state.realised_value is None:
            unmeasured.append(benefit.name)
            unmeasured_refs.append(benefit.ref)
        else:
            realised += state.realised_value
    return PortfolioYear(year, planned, realised, tuple(unmeasured), tuple(unmeasured_refs))


# --- when the next measurement is due --------------------------------------------------------
# One rule for the start page, the reminders and the register (schedule months and
# procesbank.core.dates.add_months hold it).


def next_measurement_on(
    schedule: str, baseline: date, last_measured: date | None, target: date
) -> date | None:
    """The day the next measurement is due: one schedule interval (1, 3 or 12 months) after
    the latest measurement, or after the baseline before the first one, but never after the
    target date; None once the benefit is measured on or after its target date."""
    last = baseline if last_measured is None else max(baseline, last_measured)
    if last >= target:
        return None
    return min(add_months(last, SCHEDULE_MONTHS[schedule]), target)


def measurement_due(
    schedule: str, plan: KpiPlan, last_measured: date | None, today: date
) -> date | None:
    """The day a measurement fell due, if one is due on ``today``; else None (see
    :func:`next_measurement_on`)."""
    due = next_measurement_on(schedule, plan.baseline.on, last_measured, plan.target.on)
    return due if due is not None and due <= today else None
