"""Splitting a shared price between municipalities by the seats each bought.

The shares are rounded to the øre and add up to the price exactly, by the largest remainder
method (Hamilton): every municipality gets its exact share rounded down to the øre, and the øre
left over go one each to the largest remainders. Equal remainders are broken by the
municipality key in ascending order, so the split does not depend on the order of the input.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from procesbank.core.errors import UserError, gettext_noop

ORE = Decimal("0.01")

NO_MUNICIPALITIES = gettext_noop("Der er ingen kommuner at fordele prisen på.")
TOO_FEW_SEATS = gettext_noop(
    "Kommunen '%(municipality)s' har %(seats)s pladser; en kommune skal have mindst 1 plads."
)
NEGATIVE_PRICE = gettext_noop("Prisen kan ikke være negativ: %(price)s kr.")
FRACTION_OF_ORE = gettext_noop("Prisen skal angives i hele øre, men er %(price)s kr.")


def split_price(price: Decimal, seats: Mapping[str, int]) -> dict[str, Decimal]:
    """``price`` in DKK split by ``seats`` per municipality key, in DKK to the øre.

    The result keeps the order of ``seats`` and sums exactly to ``price``.
    """
    _check(price, seats)
    total_ore = int(price / ORE)
    total_seats = sum(seats.values())
    floors = {key: total_ore * count // total_seats for key, count in seats.items()}
    remainders = {key: total_ore * count % total_seats for key, count in seats.items()}
    left_over = total_ore - sum(floors.values())
    by_remainder = sorted(seats, key=lambda key: (-remainders[key], key))
    extra = set(by_remainder[:left_over])
    return {key: (floors[key] + (key in extra)) * ORE for key in seats}


def _check(price: Decimal, seats: Mapping[str, int]) -> None:
    if not seats:
        raise UserError(NO_MUNICIPALITIES)
    for key, count in seats.items():
        if count < 1:
            raise UserError(TOO_FEW_SEATS, municipality=key, seats=count)
    if price < 0:
        raise UserError(NEGATIVE_PRICE, price=price)
    if price != price.quantize(ORE):
        raise UserError(FRACTION_OF_ORE, price=price)
