"""Business cases after the Danish state model (Finansministeriets business case-model).

A business case is a list of lines, each a cost or a benefit with one amount per year in DKK
(real prices, never negative: the kind decides the sign). An amount is either given directly
or as a three-point estimate (minimum, likely, maximum) whose expected value is the PERT mean
``(min + 4 * likely + max) / 6``.

Risk: a risk share (0..1) raises every cost and lowers every benefit by that share. A line's own
share replaces the whole-case share for that line (it is the more specific estimate); adding
the two would count the same risk twice. Results are reported both unadjusted and risk-adjusted;
the headline figures (:attr:`Evaluation.npv` and friends) are the risk-adjusted ones, as in the
state model. Scenarios and the tornado use the unadjusted amounts, because the three-point spread
already expresses each line's uncertainty.

Discounting: the net present value is taken at the first year (year 0, undiscounted); the
amount of year ``t`` is divided by ``(1 + r) ** t``. Finansministeriet's real rate since 7 January
2021 is split (:data:`FINANSMINISTERIET`): 3.5 % for years 0-35 and 2.5 % after, read as a
marginal per-year factor: year ``t > 35`` is multiplied by ``1.035 ** -35 * 1.025 ** -(t - 35)``
(the issue's API contract). A :class:`DiscountSchedule` without a later rate is one flat rate and
keeps the old limit of :data:`MAX_YEARS` (35) amounts; a split schedule runs up to year 70
(:data:`MAX_YEARS_SPLIT`, 71 amounts: years 0-70).

Risk pool (statens business case-model 4.1): instead of a flat risk share, a case may carry a risk
log. The at most :data:`RISK_POOL_SIZE` (12) largest risks by expected value (probability x
consequence, DKK) form the pool, which is part of the project budget: it is added as a cost,
spread over the years of the one-off (investment) costs in proportion to them, or in year 0 when
the case has no one-off costs. With a pool no risk share applies (that would count risk twice).

Benefits are economic (budget-relevant or not: in the NPV), non-economic (a KPI, no amounts) or
societal (DKK for citizens, businesses or others; shown with their own present value, never in
the case's NPV).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

from procesbank.core.errors import UserError, gettext_noop

ZERO = Decimal(0)
ONE = Decimal(1)

DEFAULT_DISCOUNT_RATE = Decimal("0.035")
"""Finansministeriet's real discount rate for years 0-35, in force since 1 January 2021."""

MAX_YEARS = 35
"""The longest case computed at one flat rate, in years."""

MAX_YEARS_SPLIT = 71
"""The most yearly amounts computed with the split rate (3.5 % then 2.5 %): years 0 to 70."""

RATE_BREAK_YEAR = 35
"""The last year (counted from year 0) discounted at the first rate of a split schedule."""

RISK_POOL_SIZE = 12
"""The state model takes at most the 12 largest risks of the risk log into the risk pool."""

NO_LINES = gettext_noop("Business casen har ingen linjer.")
NO_YEARS = gettext_noop("Business casen har ingen år med beløb.")
TOO_MANY_YEARS = gettext_noop(
    "Business casen har %(got)s år, men der kan højst beregnes %(limit)s år, fordi "
    "Finansministeriets diskonteringsrente falder efter år 35."
)
TOO_MANY_YEARS_SPLIT = gettext_noop(
    "Business casen har %(got)s år, men der kan højst beregnes %(limit)s år."
)
LATER_RATE_OUT_OF_RANGE = gettext_noop(
    "Diskonteringsrenten fra år 36 skal være mindst 0 og under 1 (fx 0,025 for 2,5 %%), men er "
    "%(rate)s."
)
RISK_WITHOUT_NAME = gettext_noop("En risiko mangler en beskrivelse.")
RISK_PROBABILITY_OUT_OF_RANGE = gettext_noop(
    "Sandsynligheden for risikoen '%(risk)s' skal være mellem 0 og 100 %%, men er %(value)s."
)
RISK_NEGATIVE_CONSEQUENCE = gettext_noop(
    "Konsekvensen af risikoen '%(risk)s' kan ikke være negativ: %(value)s kr."
)
RISK_CONSEQUENCE_TOO_LARGE = gettext_noop(
    "Konsekvensen af risikoen '%(risk)s' er over 1.000.000.000.000 kr.: %(value)s."
)
RISK_NOT_A_NUMBER = gettext_noop(
    "Risikoen '%(risk)s' har en værdi, der ikke er et tal: '%(value)s'."
)
UNEQUAL_LENGTH = gettext_noop(
    "Linjen '%(line)s' har %(got)s beløb, men business casen har %(expected)s år"
)
NEGATIVE_AMOUNT = gettext_noop(
    "Linjen '%(line)s' har et negativt beløb i %(year)s: %(amount)s. Angiv beløbet som positivt; "
    "typen (omkostning eller gevinst) bestemmer fortegnet."
)
AMOUNT_TOO_LARGE = gettext_noop(
    "Linjen '%(line)s' har et beløb i %(year)s på over 1.000.000.000.000 kr. pr. år: %(amount)s."
)
MAX_AMOUNT = Decimal("1e12")
"""The largest amount a line may hold in one year (DKK); far beyond any municipal project, and
small enough that sums over 35 years stay exact in Decimal's 28 digits."""
THREE_POINT_ORDER = gettext_noop(
    "Linjen '%(line)s' skal i %(year)s have minimum ≤ sandsynligt ≤ maksimum, men har "
    "%(minimum)s, %(likely)s og %(maximum)s."
)
RATE_OUT_OF_RANGE = gettext_noop(
    "Diskonteringsrenten skal være mindst 0 og under 1 (fx 0,035 for 3,5 %%), men er %(rate)s."
)
LINE_RISK_OUT_OF_RANGE = gettext_noop(
    "Risikoandelen for linjen '%(line)s' skal være mellem 0 og 1, men er %(share)s."
)
CASE_RISK_OUT_OF_RANGE = gettext_noop(
    "Risikoandelen for business casen skal være mellem 0 og 1, men er %(share)s."
)
CATEGORY_MISMATCH = gettext_noop(
    "Linjen '%(line)s' har typen '%(kind)s', som kategorien '%(category)s' ikke hører til."
)
NON_ECONOMIC_WITH_AMOUNTS = gettext_noop(
    "Linjen '%(line)s' er en ikke-økonomisk gevinst, der følges med en KPI, og kan ikke have beløb."
)
LINE_WITHOUT_NAME = gettext_noop("En linje mangler et navn.")
UNKNOWN_KIND = gettext_noop(
    "Linjen '%(line)s' har typen '%(kind)s'; typen skal være 'cost' eller 'benefit'."
)
UNKNOWN_CATEGORY = gettext_noop("Linjen '%(line)s' har en ukendt kategori: '%(category)s'.")
AMOUNTS_OR_THREE_POINT = gettext_noop(
    "Linjen '%(line)s' skal have enten 'amounts' eller alle tre af 'min', 'likely' og 'max'."
)
NOT_A_LIST = gettext_noop("Linjen '%(line)s': '%(field)s' skal være en liste af beløb.")
NOT_A_NUMBER = gettext_noop("Linjen '%(line)s' har en værdi, der ikke er et tal: '%(value)s'.")
NO_RATE_IN_FORCE = gettext_noop("Der er ingen diskonteringsrente i kraft den %(date)s.")
DUPLICATE_RATE_DATE = gettext_noop("Der er to diskonteringsrenter, der gælder fra %(date)s.")
NEGATIVE_HOURS = gettext_noop("Sparede timer pr. år kan ikke være negative: %(hours)s.")
NEGATIVE_HOURLY_RATE = gettext_noop("Timeprisen kan ikke være negativ: %(rate)s kr.")
RAMP_UP_OUT_OF_RANGE = gettext_noop(
    "Indfasningen i år %(index)s skal være mellem 0 og 1, men er %(share)s."
)


class Kind(StrEnum):
    """Whether a line costs money or brings a benefit."""

    COST = "cost"
    BENEFIT = "benefit"


class Category(StrEnum):
    """The state model's categories of costs and benefits."""

    # One-off costs.
    DEVELOPMENT = "development"
    PURCHASE = "purchase"
    IMPLEMENTATION = "implementation"
    TRAINING = "training"
    # Running costs.
    LICENCES = "licences"
    OPERATION = "operation"
    MAINTENANCE = "maintenance"
    # Benefits.
    BUDGET_RELEVANT = "budget_relevant"
    NOT_BUDGET_RELEVANT = "not_budget_relevant"
    NON_ECONOMIC = "non_economic"
    SOCIETAL = "societal"


COST_CATEGORIES = frozenset(
    {
        Category.DEVELOPMENT,
        Category.PURCHASE,
        Category.IMPLEMENTATION,
        Category.TRAINING,
        Category.LICENCES,
        Category.OPERATION,
        Category.MAINTENANCE,
    }
)
ONE_OFF_CATEGORIES = frozenset(
    {Category.DEVELOPMENT, Category.PURCHASE, Category.IMPLEMENTATION, Category.TRAINING}
)


@dataclass(frozen=True)
class ThreePoint:
    """A three-point estimate per year, in DKK."""

    minimum: tuple[Decimal, ...]
    likely: tuple[Decimal, ...]
    maximum: tuple[Decimal, ...]


@dataclass(frozen=True)
class Line:
    """One cost or benefit line; ``amounts`` in DKK per year, from the first year on.

    ``risk_share`` (0..1) replaces the whole-case share for this line when given. A
    non-economic benefit (category ``NON_ECONOMIC``) is followed with a KPI, has no amounts and
    stays out of every sum. A societal benefit (``SOCIETAL``) has amounts but stays out of the
    case's NPV; it gets its own present value.
    """

    name: str
    kind: Kind
    amounts: tuple[Decimal, ...] | ThreePoint = ()
    category: Category | None = None
    risk_share: Decimal | None = None

    @property
    def is_economic(self) -> bool:
        """False for a non-economic or societal benefit: neither is in the case's NPV."""
        return self.category not in (Category.NON_ECONOMIC, Category.SOCIETAL)

    @property
    def has_amounts(self) -> bool:
        """False only for a non-economic benefit (followed with a KPI)."""
        return self.category is not Category.NON_ECONOMIC

    def minimum_amounts(self) -> tuple[Decimal, ...]:
        """The lowest estimate per year, in DKK (the amounts themselves when given directly)."""
        return self.amounts.minimum if isinstance(self.amounts, ThreePoint) else self.amounts

    def maximum_amounts(self) -> tuple[Decimal, ...]:
        """The highest estimate per year, in DKK (the amounts themselves when given directly)."""
        return self.amounts.maximum if isinstance(self.amounts, ThreePoint) else self.amounts

    def expected_amounts(self) -> tuple[Decimal, ...]:
        """The expected amount per year in DKK: the PERT mean for a three-point estimate."""
        if not isinstance(self.amounts, ThreePoint):
            return self.amounts
        points = self.amounts
        return tuple(
            (low + 4 * likely + high) / 6
            for low, likely, high in zip(points.minimum, points.likely, points.maximum, strict=True)
        )


@dataclass(frozen=True)
class DiscountSchedule:
    """A real discount rate (a share) for years 0-35 and, when given, another one after.

    Without ``later_rate`` the schedule is one flat rate and a case may run :data:`MAX_YEARS`;
    with it, :data:`MAX_YEARS_SPLIT`.
    """

    rate: Decimal
    later_rate: Decimal | None = None

    @property
    def max_years(self) -> int:
        """The longest case (number of yearly amounts) this schedule computes."""
        return MAX_YEARS if self.later_rate is None else MAX_YEARS_SPLIT

    def factor(self, offset: int) -> Decimal:
        """The discount factor of year ``offset`` (0 = the first year, factor 1)."""
        if self.later_rate is None or offset <= RATE_BREAK_YEAR:
            return ONE / (ONE + self.rate) ** offset
        return ONE / (
            (ONE + self.rate) ** RATE_BREAK_YEAR
            * (ONE + self.later_rate) ** (offset - RATE_BREAK_YEAR)
        )


FINANSMINISTERIET = DiscountSchedule(DEFAULT_DISCOUNT_RATE, Decimal("0.025"))
"""Finansministeriet's split real rate since 7 January 2021: 3.5 % years 0-35, 2.5 % after."""


@dataclass(frozen=True)
class Risk:
    """One entry of a risk log: ``probability`` a share (0..1), ``consequence`` in DKK."""

    name: str
    probability: Decimal
    consequence: Decimal

    @property
    def expected(self) -> Decimal:
        """The expected value in DKK: probability x consequence."""
        return self.probability * self.consequence


def pool_risks(risks: Sequence[Risk]) -> tuple[Risk, ...]:
    """The at most 12 risks of the pool: largest expected value (DKK) first; equal expected
    values keep the order of the log."""
    ranked = sorted(enumerate(risks), key=lambda pair: (-pair[1].expected, pair[0]))
    return tuple(risk for _index, risk in ranked[:RISK_POOL_SIZE])


def risk_pool(risks: Sequence[Risk]) -> Decimal:
    """The risk pool in DKK: the sum of the expected values of :func:`pool_risks`."""
    return sum((risk.expected for risk in pool_risks(risks)), ZERO)


def spread_pool(pool: Decimal, one_off_costs: Sequence[Decimal]) -> tuple[Decimal, ...]:
    """The pool (DKK) per year, in proportion to the one-off costs of each year (DKK); all of it
    in the first year when there are none."""
    total = sum(one_off_costs, ZERO)
    if not one_off_costs:
        return ()
    if total == 0:
        return (pool,) + (ZERO,) * (len(one_off_costs) - 1)
    return tuple(pool * cost / total for cost in one_off_costs)


def parse_risk(data: Mapping[str, Any]) -> Risk:
    """A :class:`Risk` from the API's JSON form: ``{"name", "probability_percent" (0-100),
    "consequence" (DKK)}``."""
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        raise UserError(RISK_WITHOUT_NAME)
    values = []
    for key in ("probability_percent", "consequence"):
        value = data.get(key)
        try:
            values.append(_to_decimal(name, value))
        except UserError:
            raise UserError(RISK_NOT_A_NUMBER, risk=name, value=value) from None
    return checked_risk(name, values[0], values[1])


def checked_risk(name: str, probability_percent: Decimal, consequence: Decimal) -> Risk:
    """A :class:`Risk` from a probability in percent (0-100) and a consequence in DKK, or a
    Danish UserError."""
    if not ZERO <= probability_percent <= 100:
        raise UserError(RISK_PROBABILITY_OUT_OF_RANGE, risk=name, value=probability_percent)
    if consequence < 0:
        raise UserError(RISK_NEGATIVE_CONSEQUENCE, risk=name, value=consequence)
    if consequence > MAX_AMOUNT:
        raise UserError(RISK_CONSEQUENCE_TOO_LARGE, risk=name, value=consequence)
    return Risk(name, probability_percent / 100, consequence)


@dataclass(frozen=True)
class YearRow:
    """One year of the table; every amount in DKK, unrounded."""

    year: int
    costs: Decimal
    benefits: Decimal
    net: Decimal
    discounted_net: Decimal
    cumulative: Decimal
    cumulative_discounted: Decimal


@dataclass(frozen=True)
class Result:
    """The per-year table, the NPV in DKK and the payback time in years (None: never)."""

    years: tuple[YearRow, ...]
    npv: Decimal
    payback_years: Decimal | None


@dataclass(frozen=True)
class Scenarios:
    """Optimistic (costs at min, benefits at max), expected and pessimistic results, unadjusted."""

    optimistic: Result
    expected: Result
    pessimistic: Result


@dataclass(frozen=True)
class Sensitivity:
    """One tornado bar: the NPV in DKK with one line at its minimum and at its maximum."""

    line: str
    npv_at_min: Decimal
    npv_at_max: Decimal
    swing: Decimal


@dataclass(frozen=True)
class Evaluation:
    """Everything the business-case page and ``POST /api/v1/business-cases/evaluate`` show."""

    first_year: int
    discount_rate: Decimal
    unadjusted: Result
    risk_adjusted: Result
    scenarios: Scenarios
    sensitivity: tuple[Sensitivity, ...]
    kpi_lines: tuple[str, ...]
    later_rate: Decimal | None = None
    # The risk pool (DKK) and its risks, when the case uses a risk log instead of a share.
    risk_pool: Decimal | None = None
    pool_risks: tuple[Risk, ...] = ()
    pool_by_year: tuple[Decimal, ...] = ()
    # Societal benefits: (name, expected amounts per year in DKK), and their present value.
    societal_lines: tuple[tuple[str, tuple[Decimal, ...]], ...] = ()
    societal_npv: Decimal = ZERO

    @property
    def npv(self) -> Decimal:
        """The risk-adjusted net present value at the first year, in DKK."""
        return self.risk_adjusted.npv

    @property
    def payback_years(self) -> Decimal | None:
        """The risk-adjusted payback time in years from the start of the first year."""
        return self.risk_adjusted.payback_years

    @property
    def years(self) -> tuple[YearRow, ...]:
        """The risk-adjusted per-year table."""
        return self.risk_adjusted.years


@dataclass(frozen=True)
class DatedRate:
    """A discount rate (a share, 0.035 for 3.5 %) in force from ``valid_from`` on."""

    valid_from: date
    rate: Decimal
    later_rate: Decimal | None = None

    @property
    def schedule(self) -> DiscountSchedule:
        """The rate as a :class:`DiscountSchedule` (split when a later rate is given)."""
        return DiscountSchedule(self.rate, self.later_rate)


FINANSMINISTERIET_RATES = (
    DatedRate(date(2021, 1, 1), DEFAULT_DISCOUNT_RATE, FINANSMINISTERIET.later_rate),
)


def rate_in_force(on: date, rates: Sequence[DatedRate] = FINANSMINISTERIET_RATES) -> Decimal:
    """The discount rate (a share) of the latest entry in ``rates`` that is in force on ``on``."""
    return schedule_in_force(on, rates).rate


def schedule_in_force(
    on: date, rates: Sequence[DatedRate] = FINANSMINISTERIET_RATES
) -> DiscountSchedule:
    """The discount schedule of the latest entry in ``rates`` that is in force on ``on``."""
    dates = [rate.valid_from for rate in rates]
    duplicates = sorted({day for day in dates if dates.count(day) > 1})
    if duplicates:
        raise UserError(DUPLICATE_RATE_DATE, date=duplicates[0])
    in_force = [rate for rate in rates if rate.valid_from <= on]
    if not in_force:
        raise UserError(NO_RATE_IN_FORCE, date=on)
    return max(in_force, key=lambda rate: rate.valid_from).schedule


def round_kroner(amount: Decimal) -> Decimal:
    """``amount`` in DKK rounded to whole kroner for display, halves away from zero."""
    return amount.quantize(ONE, rounding=ROUND_HALF_UP)


def time_saving_benefit(
    name: str,
    hours_per_year: Decimal,
    hourly_rate: Decimal,
    ramp_up: Sequence[Decimal],
    *,
    category: Category = Category.NOT_BUDGET_RELEVANT,
    risk_share: Decimal | None = None,
) -> Line:
    """A benefit line from a process saving: hours per year x DKK per hour x ramp-up share.

    ``ramp_up`` has one share (0..1) per year, e.g. ``[0.5, 1, 1, 1]`` when half the saving
    comes in the first year. Freed time is not budget-relevant until it is taken out of a budget,
    hence the default category.
    """
    if hours_per_year < 0:
        raise UserError(NEGATIVE_HOURS, hours=hours_per_year)
    if hourly_rate < 0:
        raise UserError(NEGATIVE_HOURLY_RATE, rate=hourly_rate)
    for index, share in enumerate(ramp_up, start=1):
        if not ZERO <= share <= ONE:
            raise UserError(RAMP_UP_OUT_OF_RANGE, index=index, share=share)
    amounts = tuple(hours_per_year * hourly_rate * share for share in ramp_up)
    return Line(name, Kind.BENEFIT, amounts, category=category, risk_share=risk_share)


def parse_line(data: Mapping[str, Any]) -> Line:
    """A :class:`Line` from the API's JSON form, amounts in DKK.

    ``{"name", "type": "cost"|"benefit", "amounts": [...]}`` or with ``"min"``, ``"likely"``
    and ``"max"`` lists instead of ``"amounts"``; ``"category"`` and ``"risk_share"`` are
    optional. A non-economic benefit needs no amounts.
    """
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        raise UserError(LINE_WITHOUT_NAME)
    raw_kind = data.get("type")
    if not isinstance(raw_kind, str) or raw_kind not in set(Kind):
        raise UserError(UNKNOWN_KIND, line=name, kind=raw_kind)
    kind = Kind(raw_kind)
    category = _parse_category(name, data.get("category"))
    risk = data.get("risk_share")
    risk_share = None if risk is None else _to_decimal(name, risk)
    return Line(name, kind, _parse_amounts(name, category, data), category, risk_share)


_AmountsOf = Callable[[int, Line], tuple[Decimal, ...]]
"""Picks the amounts of the line at an index (expected, minimum, maximum) for one computation."""


def _expected(_index: int, line: Line) -> tuple[Decimal, ...]:
    return line.expected_amounts()


def _no_risk(_line: Line) -> Decimal:
    return ZERO


def evaluate(
    first_year: int,
    discount_rate: Decimal | DiscountSchedule,
    lines: Sequence[Line | Mapping[str, Any]],
    *,
    risk_share: Decimal | None = None,
    risks: Sequence[Risk] | None = None,
) -> Evaluation:
    """Evaluate a business case: NPV in DKK at ``first_year``, payback in years, scenarios, tornado.

    ``discount_rate`` is a real rate as a share (0.035 for 3.5 %) or a split
    :class:`DiscountSchedule`; ``risk_share`` (0..1) applies to every line without its own.
    ``risks`` (a risk log, may be empty) replaces every risk share by the risk pool. Raises
    :class:`UserError` naming the faulty field.
    """
    schedule = (
        discount_rate
        if isinstance(discount_rate, DiscountSchedule)
        else DiscountSchedule(discount_rate)
    )
    parsed, count = _validated(first_year, schedule, lines, risk_share)
    economic = [line for line in parsed if line.is_economic]
    case_risk = ZERO if risk_share is None else risk_share

    def result(
        amounts_of: _AmountsOf,
        risk_of: Callable[[Line], Decimal] = _no_risk,
        extra_costs: Sequence[Decimal] = (),
    ) -> Result:
        costs, benefits = _flows(economic, count, amounts_of, risk_of)
        for year, amount in enumerate(extra_costs):
            costs[year] += amount
        return _table(first_year, schedule, costs, benefits)

    expected = result(_expected)
    pool: Decimal | None = None
    pooled: tuple[Risk, ...] = ()
    by_year: tuple[Decimal, ...] = ()
    if risks is None:
        risk_adjusted = result(
            _expected, lambda line: case_risk if line.risk_share is None else line.risk_share
        )
    else:
        pooled = pool_risks(risks)
        pool = risk_pool(risks)
        by_year = spread_pool(pool, _one_off_costs(economic, count))
        risk_adjusted = result(_expected, extra_costs=by_year)
    societal = [line for line in parsed if line.category is Category.SOCIETAL]
    societal_amounts = tuple((line.name, line.expected_amounts()) for line in societal)
    return Evaluation(
        first_year=first_year,
        discount_rate=schedule.rate,
        unadjusted=expected,
        risk_adjusted=risk_adjusted,
        scenarios=Scenarios(
            optimistic=result(lambda _index, line: _favourable(line, best=True)),
            expected=expected,
            pessimistic=result(lambda _index, line: _favourable(line, best=False)),
        ),
        sensitivity=_tornado(economic, result),
        kpi_lines=tuple(line.name for line in parsed if not line.has_amounts),
        later_rate=schedule.later_rate,
        risk_pool=pool,
        pool_risks=pooled,
        pool_by_year=by_year,
        societal_lines=societal_amounts,
        societal_npv=sum(
            (
                amount * schedule.factor(offset)
                for _name, amounts in societal_amounts
                for offset, amount in enumerate(amounts)
            ),
            ZERO,
        ),
    )


def _one_off_costs(lines: Sequence[Line], count: int) -> list[Decimal]:
    """The expected one-off (investment) costs per year in DKK, before any risk."""
    totals = [ZERO] * count
    for line in lines:
        if line.kind is Kind.COST and line.category in ONE_OFF_CATEGORIES:
            for year, amount in enumerate(line.expected_amounts()):
                totals[year] += amount
    return totals


def _validated(
    first_year: int,
    schedule: DiscountSchedule,
    lines: Sequence[Line | Mapping[str, Any]],
    risk_share: Decimal | None,
) -> tuple[list[Line], int]:
    """The lines parsed and checked, and the number of years; raises UserError otherwise."""
    if not ZERO <= schedule.rate < ONE:
        raise UserError(RATE_OUT_OF_RANGE, rate=schedule.rate)
    if schedule.later_rate is not None and not ZERO <= schedule.later_rate < ONE:
        raise UserError(LATER_RATE_OUT_OF_RANGE, rate=schedule.later_rate)
    if risk_share is not None and not ZERO <= risk_share <= ONE:
        raise UserError(CASE_RISK_OUT_OF_RANGE, share=risk_share)
    if not lines:
        raise UserError(NO_LINES)
    parsed = [line if isinstance(line, Line) else parse_line(line) for line in lines]
    for line in parsed:
        _check_line(line)
    with_amounts = [line for line in parsed if line.has_amounts]
    count = _year_count(with_amounts, schedule.max_years)
    for line in with_amounts:
        _check_amounts(line, first_year, count)
    return parsed, count


def _favourable(line: Line, *, best: bool) -> tuple[Decimal, ...]:
    """The amounts that make the NPV highest (``best``) or lowest for this line."""
    low_is_best = line.kind is Kind.COST
    return line.minimum_amounts() if low_is_best == best else line.maximum_amounts()


def _tornado(
    lines: Sequence[Line], result: Callable[[_AmountsOf], Result]
) -> tuple[Sensitivity, ...]:
    """One bar per line, widest swing first; equal swings keep the order of the lines."""
    bars = []
    for varied, line in enumerate(lines):

        def at(extreme: Callable[[Line], tuple[Decimal, ...]], varied: int = varied) -> Decimal:
            return result(
                lambda index, other: extreme(other) if index == varied else other.expected_amounts()
            ).npv

        at_min = at(Line.minimum_amounts)
        at_max = at(Line.maximum_amounts)
        bars.append(Sensitivity(line.name, at_min, at_max, abs(at_max - at_min)))
    return tuple(sorted(bars, key=lambda bar: bar.swing, reverse=True))


def _flows(
    lines: Sequence[Line],
    count: int,
    amounts_of: _AmountsOf,
    risk_of: Callable[[Line], Decimal],
) -> tuple[list[Decimal], list[Decimal]]:
    """Costs and benefits per year in DKK, each raised or lowered by its line's risk share."""
    costs = [ZERO] * count
    benefits = [ZERO] * count
    for index, line in enumerate(lines):
        share = risk_of(line)
        for year, amount in enumerate(amounts_of(index, line)):
            if line.kind is Kind.COST:
                costs[year] += amount * (ONE + share)
            else:
                benefits[year] += amount * (ONE - share)
    return costs, benefits


def _table(
    first_year: int,
    schedule: DiscountSchedule,
    costs: Sequence[Decimal],
    benefits: Sequence[Decimal],
) -> Result:
    """The per-year table, NPV and payback from yearly costs and benefits in DKK."""
    rows = []
    cumulative = ZERO
    cumulative_discounted = ZERO
    for offset, (cost, benefit) in enumerate(zip(costs, benefits, strict=True)):
        net = benefit - cost
        discounted = net * schedule.factor(offset)
        cumulative += net
        cumulative_discounted += discounted
        rows.append(
            YearRow(
                first_year + offset,
                cost,
                benefit,
                net,
                discounted,
                cumulative,
                cumulative_discounted,
            )
        )
    return Result(tuple(rows), cumulative_discounted, payback_years(rows))


def payback_years(rows: Sequence[YearRow]) -> Decimal | None:
    """Years from the start of the first year until the cumulative net turns non-negative for good.

    The net of a year is taken to flow evenly through it, so the crossing is interpolated
    linearly: -100 then +150 gives 1 + 100 / 150 = 1.6667 years. If the cumulative net dips
    below zero again later (a reinvestment), payback is the last crossing, since a case that
    ends behind has not paid back. None when the cumulative net ends negative.

    When the cumulative net is never negative, the first year's costs are taken to fall at its
    start and its benefits to flow evenly, so payback is costs / benefits of the first year
    (0 only without costs). Even flow of the net would say 0 for any case whose first-year
    benefits cover a large purchase; this rule also meets the interpolation at net 0 (1 year).
    """
    if not rows or rows[-1].cumulative < 0:
        return None
    last_negative = max((i for i, row in enumerate(rows) if row.cumulative < 0), default=None)
    if last_negative is None:
        first = rows[0]
        return ZERO if first.costs == 0 else first.costs / first.benefits
    behind = -rows[last_negative].cumulative
    return last_negative + 1 + behind / rows[last_negative + 1].net


def _year_count(lines: Sequence[Line], limit: int = MAX_YEARS) -> int:
    """The number of years, from the first line with amounts; refuses none and too many."""
    first = lines[0].amounts if lines else ()
    count = len(first.likely if isinstance(first, ThreePoint) else first)
    if count == 0:
        raise UserError(NO_YEARS)
    if count > limit:
        message = TOO_MANY_YEARS if limit == MAX_YEARS else TOO_MANY_YEARS_SPLIT
        raise UserError(message, got=count, limit=limit)
    return count


def _check_line(line: Line) -> None:
    """Refuses a category of the other kind, a risk share outside 0..1, a KPI line with amounts."""
    in_cost_categories = line.category in COST_CATEGORIES
    if line.category is not None and in_cost_categories != (line.kind is Kind.COST):
        raise UserError(CATEGORY_MISMATCH, line=line.name, kind=line.kind, category=line.category)
    if line.risk_share is not None and not ZERO <= line.risk_share <= ONE:
        raise UserError(LINE_RISK_OUT_OF_RANGE, line=line.name, share=line.risk_share)
    if not line.has_amounts and line.amounts != ():
        raise UserError(NON_ECONOMIC_WITH_AMOUNTS, line=line.name)


def _check_amounts(line: Line, first_year: int, count: int) -> None:
    """Refuses lists of the wrong length, negative or huge amounts and min > likely > max."""
    points = line.amounts
    lists: tuple[tuple[Decimal, ...], ...] = (
        (points.minimum, points.likely, points.maximum)
        if isinstance(points, ThreePoint)
        else (points,)
    )
    for amounts in lists:
        if len(amounts) != count:
            raise UserError(UNEQUAL_LENGTH, line=line.name, got=len(amounts), expected=count)
        for offset, amount in enumerate(amounts):
            if amount < 0:
                year = first_year + offset
                raise UserError(NEGATIVE_AMOUNT, line=line.name, year=year, amount=amount)
            if amount > MAX_AMOUNT:
                year = first_year + offset
                raise UserError(AMOUNT_TOO_LARGE, line=line.name, year=year, amount=amount)
    if isinstance(points, ThreePoint):
        for offset, (low, likely, high) in enumerate(zip(*lists, strict=True)):
            if not low <= likely <= high:
                raise UserError(
                    THREE_POINT_ORDER,
                    line=line.name,
                    year=first_year + offset,
                    minimum=low,
                    likely=likely,
                    maximum=high,
                )


def _parse_category(name: str, raw: object) -> Category | None:
    if raw is None:
        return None
    if not isinstance(raw, str) or raw not in set(Category):
        raise UserError(UNKNOWN_CATEGORY, line=name, category=raw)
    return Category(raw)


def _parse_amounts(
    name: str, category: Category | None, data: Mapping[str, Any]
) -> tuple[Decimal, ...] | ThreePoint:
    three_point_keys = ("min", "likely", "max")
    given = [key for key in three_point_keys if key in data]
    if "amounts" in data and not given:
        return _to_decimals(name, "amounts", data["amounts"])
    if len(given) == len(three_point_keys) and "amounts" not in data:
        lists = [_to_decimals(name, key, data[key]) for key in three_point_keys]
        return ThreePoint(*lists)
    if category is Category.NON_ECONOMIC and not given and "amounts" not in data:
        return ()
    raise UserError(AMOUNTS_OR_THREE_POINT, line=name)


def _to_decimals(name: str, field: str, raw: object) -> tuple[Decimal, ...]:
    if not isinstance(raw, list | tuple):
        raise UserError(NOT_A_LIST, line=name, field=field)
    return tuple(_to_decimal(name, value) for value in raw)


def _to_decimal(name: str, value: object) -> Decimal:
    # A float goes through str so that 0.1 becomes Decimal("0.1"), not its binary neighbour.
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
        raise UserError(NOT_A_NUMBER, line=name, value=value)
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        raise UserError(NOT_A_NUMBER, line=name, value=value) from None
    if not number.is_finite():
        raise UserError(NOT_A_NUMBER, line=name, value=value)
    return number
