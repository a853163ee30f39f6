"""Splitting a joint project's amounts between its participating municipalities.

A joint project (fællesprojekt, fællesudbud) of several municipalities divides each cost and
benefit line between them by a key: their populations, another weight per participant (cases,
seats, a fixed share) or amounts given per municipality. Shares are exact fractions, so they sum
to exactly 1. Amounts (DKK) are divided in øre by the largest-remainder method: each participant
gets its exact share rounded down to the øre, and the øre left over go one each to the largest
remainders (ties to the participant listed first), so the participants' amounts always add up
exactly to the joint amount.

Lives in the projects app (not economics) because the benefits portfolio and the Effekt figures
split by the same key, and those apps may not import economics.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import TypeVar

from procesbank.core.errors import UserError, gettext_noop

K = TypeVar("K", bound=Hashable)

ORE = Decimal("0.01")

NO_PARTICIPANTS = gettext_noop("Projektet har ingen deltagende kommuner at fordele på.")
NEGATIVE_WEIGHT = gettext_noop(
    "Fordelingsnøglen for %(participant)s er negativ (%(weight)s); den skal være 0 eller mere."
)
ZERO_TOTAL = gettext_noop(
    "Fordelingsnøglen summer til 0 for alle deltagere, så beløbet kan ikke fordeles."
)
AMOUNTS_LENGTH = gettext_noop(
    "Linjen '%(line)s' har %(got)s beløb for %(participant)s, men business casen har "
    "%(expected)s år."
)
AMOUNTS_DO_NOT_ADD_UP = gettext_noop(
    "Beløbene pr. kommune for linjen '%(line)s' summer i år %(year)s til %(given)s kr., men "
    "linjen har %(expected)s kr. Ret beløbene, så de summer til linjens beløb."
)
NEGATIVE_AMOUNT = gettext_noop(
    "Linjen '%(line)s' har et negativt beløb for %(participant)s i år %(year)s: %(amount)s."
)


def shares(weights: Mapping[K, Decimal | int]) -> dict[K, Fraction]:
    """Each participant's share (an exact fraction) of the total weight; they sum to exactly 1.

    A weight is a population (inhabitants), a number of cases or seats, or a fixed share; a
    participant with weight 0 gets share 0. Refused (Danish message) when there is nobody, a
    weight is negative or all weights are 0."""
    if not weights:
        raise UserError(NO_PARTICIPANTS)
    for key, weight in weights.items():
        if weight < 0:
            raise UserError(NEGATIVE_WEIGHT, participant=str(key), weight=str(weight))
    total = sum((Fraction(weight) for weight in weights.values()), Fraction(0))
    if total == 0:
        raise UserError(ZERO_TOTAL)
    return {key: Fraction(weight) / total for key, weight in weights.items()}


def allocate(amount: Decimal, weights: Mapping[K, Decimal | int]) -> dict[K, Decimal]:
    """Divide ``amount`` (DKK, rounded to the øre first) by ``weights`` by largest remainder
    on øre: the results sum exactly to the rounded amount. An amount of 0 needs no key."""
    ore = int((amount.quantize(ORE, rounding=ROUND_HALF_UP) * 100).to_integral_value())
    if ore == 0:
        return {key: Decimal("0.00") for key in weights}
    parts = shares(weights)
    exact = {key: share * ore for key, share in parts.items()}
    # Python's // floors towards minus infinity for negatives too, so every remainder is >= 0.
    floors = {key: value.numerator // value.denominator for key, value in exact.items()}
    left = ore - sum(floors.values())
    order = sorted(
        enumerate(parts), key=lambda item: (-(exact[item[1]] - floors[item[1]]), item[0])
    )
    for _, key in order[:left]:
        floors[key] += 1
    return {key: Decimal(value).scaleb(-2) for key, value in floors.items()}


def split_series(
    amounts: Sequence[Decimal], weights: Mapping[K, Decimal | int]
) -> dict[K, tuple[Decimal, ...]]:
    """Split one amount per year (DKK) by the same weights; each year adds up exactly."""
    per_year = [allocate(amount, weights) for amount in amounts]
    return {key: tuple(year[key] for year in per_year) for key in weights}


def split_series_by_year(
    amounts: Sequence[Decimal], weights_per_year: Sequence[Mapping[K, Decimal]]
) -> dict[K, tuple[Decimal, ...]]:
    """Split each year's amount by that year's weights (an amounts key: the given amounts of a
    year are its weights), so a three-point line's minimum and maximum follow the same split."""
    keys = list(weights_per_year[0]) if weights_per_year else []
    per_year = [
        allocate(amount, weights) for amount, weights in zip(amounts, weights_per_year, strict=True)
    ]
    return {key: tuple(year[key] for year in per_year) for key in keys}


def check_amounts_key(
    line: str, amounts: Sequence[Decimal], given: Mapping[K, Sequence[Decimal]]
) -> list[dict[K, Decimal]]:
    """Check amounts given per participant (DKK per year) against the line's amounts: one per
    year each, none negative, and each year's sum equal to the line's amount to the øre.
    Returns the per-year weights for :func:`split_series_by_year`."""
    years = len(amounts)
    for key, values in given.items():
        if len(values) != years:
            raise UserError(
                AMOUNTS_LENGTH, line=line, participant=str(key), got=len(values), expected=years
            )
        for index, value in enumerate(values):
            if value < 0:
                raise UserError(
                    NEGATIVE_AMOUNT, line=line, participant=str(key), year=index + 1,
                    amount=str(value),
                )  # fmt: skip
    weights = []
    for index, expected in enumerate(amounts):
        year = {key: Decimal(values[index]) for key, values in given.items()}
        total = sum(year.values(), Decimal(0))
        if total.quantize(ORE, ROUND_HALF_UP) != Decimal(expected).quantize(ORE, ROUND_HALF_UP):
            raise UserError(
                AMOUNTS_DO_NOT_ADD_UP, line=line, year=index + 1, given=str(total),
                expected=str(expected),
            )  # fmt: skip
        weights.append(year)
    return weights
