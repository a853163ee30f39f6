"""One way to show a duration: in the unit a reader thinks in.

A waiting time of 21.535 minutes means nothing at a glance; "15 dage" does. Every page, chart
label and mail that shows a handling time, a waiting time or a lead time calls
:func:`readable_duration` (in templates the ``|duration`` filter of ``{% load procesbank %}``).
Exports (CSV, Excel, the API) keep the exact minutes or days: they are read by programs and
by people who compute on.

The rule, on the absolute value in minutes:

=================== ========== ===========================================
under 60 minutes     minutes    "45 min.", "11,7 min."
under 24 hours       hours      "1,5 timer", "1 time", "15 timer"
from 24 hours        days       "2,5 dage", "1 dag", "15 dage" (days of 24 hours)
=================== ========== ===========================================

Minutes keep one decimal (a handling time of 11,7 min. is what was measured); hours and days
show one decimal below 10 and none from 10. A decimal that is 0 is left out ("2 timer", not
"2,0 timer"). A negative duration (more time, in a comparison) keeps its minus sign.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.translation import gettext, ngettext

from procesbank.kit import formatting

MINUTES_PER_HOUR = 60
MINUTES_PER_DAY = 24 * 60
UNIT_MINUTES = {"minutes": 1, "hours": MINUTES_PER_HOUR, "days": MINUTES_PER_DAY}


def _amount(value: Decimal, *, always_one_decimal: bool = False) -> tuple[str, bool]:
    """``value`` (not negative) with one decimal below 10 (or always) and none from 10, in the
    active language's separators; and whether it reads as exactly one."""
    decimals = 1 if value < 10 or always_one_decimal else 0
    rounded = value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    if rounded == rounded.to_integral_value():
        rounded, decimals = rounded.to_integral_value(), 0
    return formatting.number(rounded, decimals), rounded == 1


def readable_duration(value: object, unit: str = "minutes") -> str:
    """A duration given in ``unit`` ("minutes", "hours" or "days") as text in the unit a
    reader thinks in: 21535 minutes -> "15 dage" (Danish) / "15 days" (English); "" for no
    value."""
    if value is None or value == "":
        return ""
    try:
        minutes = Decimal(str(value)) * UNIT_MINUTES[unit]
    except (InvalidOperation, KeyError):
        return ""
    sign = "-" if minutes < 0 else ""
    size = abs(minutes)
    if size < MINUTES_PER_HOUR:
        text, _one = _amount(size, always_one_decimal=True)
        shown = gettext("%(amount)s min.") % {"amount": text}
    elif size < MINUTES_PER_DAY:
        text, one = _amount(size / MINUTES_PER_HOUR)
        shown = ngettext("%(amount)s time", "%(amount)s timer", 1 if one else 2) % {"amount": text}
    else:
        text, one = _amount(size / MINUTES_PER_DAY)
        shown = ngettext("%(amount)s dag", "%(amount)s dage", 1 if one else 2) % {"amount": text}
    return f"{sign}{shown}"
