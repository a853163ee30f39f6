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

Discounting: the net present value is taken at the first year; the amount of year ``t`` is
divided by ``(1 + r) ** (t - first_year)``. The default real rate is Finansministeriet's 3.5 %,
in force since 1 January 2021 for years 0-35. After year 35 the ministry's rate steps down
(2.5 % for years 36-70 in the note of 7 January 2021; 3 % and 2 % were the 2013-2020 figures).
The exact reading of the step-down (where year 35 ends, a marginal per-year factor or not) is not
settled here, so instead of guessing, a case longer than :data:`MAX_YEARS` is refused. 35 yearly
amounts lie inside the 3.5 % band on every reading of "år 0-35"; municipal IT cases run 3-10 years.
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
"""The longest case computed, in years; see the module docstring for why."""

NO_LINES = gettext_noop("Business casen har ingen linjer.")
NO_YEARS = gettext_noop("Business casen har ingen år med beløb.")
TOO_MANY_YEARS = gettext_noop(
    "Business casen har %(got)s år, men der kan højst beregnes %(limit)s år, fordi "
    "Finansministeriets diskonteringsrente falder efter år 35."
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
    stays out of every sum.
    """

    name: str
    kind: Kind
    amounts: tuple[Decimal, ...] | ThreePoint = ()
    category: Category | None = None
    risk_share: Decimal | None = None

    @property
    def is_economic(self) -> bool:
        """False for a non-economic benefit, which has no amounts."""
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


FINANSMINISTERIET_RATES = (DatedRate(date(2021, 1, 1), DEFAULT_DISCOUNT_RATE),)


def rate_in_force(on: date, rates: Sequence[DatedRate] = FINANSMINISTERIET_RATES) -> Decimal:
    """The discount rate (a share) of the latest entry in ``rates`` that is in force on ``on``."""
    dates = [rate.valid_from for rate in rates]
    duplicates = sorted({day for day in dates if dates.count(day) > 1})
    if duplicates:
        raise UserError(DUPLICATE_RATE_DATE, date=duplicates[0])
    in_force = [rate for rate in rates if rate.valid_from <= on]
    if not in_force:
        raise UserError(NO_RATE_IN_FORCE, date=on)
    return max(in_force, key=lambda rate: rate.valid_from).rate


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
    discount_rate: Decimal,
    lines: Sequence[Line | Mapping[str, Any]],
    *,
    risk_share: Decimal | None = None,
) -> Evaluation:
    """Evaluate a business case: NPV in DKK at ``first_year``, payback in years, scenarios, tornado.

    ``discount_rate`` is a real rate as a share (0.035 for 3.5 %); ``risk_share`` (0..1) applies
    to every line without its own. Raises :class:`UserError` naming the faulty field.
    """
    parsed, count = _validated(first_year, discount_rate, lines, risk_share)
    economic = [line for line in parsed if line.is_economic]
    case_risk = ZERO if risk_share is None else risk_share

    def result(amounts_of: _AmountsOf, risk_of: Callable[[Line], Decimal] = _no_risk) -> Result:
        return _table(first_year, discount_rate, *_flows(economic, count, amounts_of, risk_of))

    expected = result(_expected)
    return Evaluation(
        first_year=first_year,
        discount_rate=discount_rate,
        unadjusted=expected,
        risk_adjusted=result(
            _expected, lambda line: case_risk if line.risk_share is None else line.risk_share
        ),
        scenarios=Scenarios(
            optimistic=result(lambda _index, line: _favourable(line, best=True)),
            expected=expected,
            pessimistic=result(lambda _index, line: _favourable(line, best=False)),
        ),
        sensitivity=_tornado(economic, result),
        kpi_lines=tuple(line.name for line in parsed if not line.is_economic),
    )


def _validated(
    first_year: int,
    discount_rate: Decimal,
    lines: Sequence[Line | Mapping[str, Any]],
    risk_share: Decimal | None,
) -> tuple[list[Line], int]:
    """The lines parsed and checked, and the number of years; raises UserError otherwise."""
    if not ZERO <= discount_rate < ONE:
        raise UserError(RATE_OUT_OF_RANGE, rate=discount_rate)
    if risk_share is not None and not ZERO <= risk_share <= ONE:
        raise UserError(CASE_RISK_OUT_OF_RANGE, share=risk_share)
    if not lines:
        raise UserError(NO_LINES)
    parsed = [line if isinstance(line, Line) else parse_line(line) for line in lines]
    for line in parsed:
        _check_line(line)
    economic = [line for line in parsed if line.is_economic]
    count = _year_count(economic)
    for line in economic:
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
    first_year: int, rate: Decimal, costs: Sequence[Decimal], benefits: Sequence[Decimal]
) -> Result:
    """The per-year table, NPV and payback from yearly costs and benefits in DKK."""
    rows = []
    cumulative = ZERO
    cumulative_discounted = ZERO
    for offset, (cost, benefit) in enumerate(zip(costs, benefits, strict=True)):
        net = benefit - cost
        discounted = net / (ONE + rate) ** offset
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


def _year_count(economic: Sequence[Line]) -> int:
    """The number of years, from the first economic line; refuses none and too many."""
    first = economic[0].amounts if economic else ()
    count = len(first.likely if isinstance(first, ThreePoint) else first)
    if count == 0:
        raise UserError(NO_YEARS)
    if count > MAX_YEARS:
        raise UserError(TOO_MANY_YEARS, got=count, limit=MAX_YEARS)
    return count


def _check_line(line: Line) -> None:
    """Refuses a category of the other kind, a risk share outside 0..1, a KPI line with amounts."""
    in_cost_categories = line.category in COST_CATEGORIES
    if line.category is not None and in_cost_categories != (line.kind is Kind.COST):
        raise UserError(CATEGORY_MISMATCH, line=line.name, kind=line.kind, category=line.category)
    if line.risk_share is not None and not ZERO <= line.risk_share <= ONE:
        raise UserError(LINE_RISK_OUT_OF_RANGE, line=line.name, share=line.risk_share)
    if not line.is_economic and line.amounts != ():
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
