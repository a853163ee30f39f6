"""One date and number style for every page, export, PDF, mail and chart of the house.

The template filters in ``kit/templatetags/procesbank.py`` are thin wrappers around these
functions, and Python code that prints a date or a number for a reader (a PDF builder, a mail,
the labels of a chart, a message) calls them directly, so a date reads the same everywhere.

Danish (the default), following Dansk Sprognævn (Retskrivningsordbogen §§ on dates):

* short date ``5.12.2026``: day and month without a leading zero, four-digit year;
* long date ``5. december 2026``: month names in lower case;
* abbreviated month ``okt.``: the first three letters and a period, lower case. ``maj`` has
  only three letters and is written out, without a period (a period marks letters left out).
  ``juni`` and ``juli`` are abbreviated ``jun.`` and ``jul.`` like the other months, so a chart
  axis reads evenly (``maj 2026``, ``jun. 2026``, ``jul. 2026``); this is also the form of the
  Unicode CLDR data that browsers use for Danish, so server and browser labels agree;
* month and year ``okt. 2026`` (charts, periods);
* numbers ``1.234,5``: a dot groups thousands, a comma separates decimals.

English (on request) keeps its own style, chosen to be unambiguous on both sides of the
Atlantic: the short date is ISO ``2026-12-05`` (sorts and reads the same everywhere), the long
date ``5 December 2026``, the abbreviated month ``Dec`` (no period, title case) and the month
and year ``Dec 2026``; numbers ``1,234.5``.

Django is allowed here; domain knowledge is not (import-linter keeps the kit below the apps).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import get_language

DANISH_MONTHS = (
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
)
DANISH_MONTHS_SHORT = (
    "jan.",
    "feb.",
    "mar.",
    "apr.",
    "maj",
    "jun.",
    "jul.",
    "aug.",
    "sep.",
    "okt.",
    "nov.",
    "dec.",
)
ENGLISH_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
ENGLISH_MONTHS_SHORT = tuple(name[:3] for name in ENGLISH_MONTHS)


def language() -> str:
    """The active language of the house: "en" when English is asked for, else "da"."""
    return "en" if (get_language() or "da").startswith("en") else "da"


def local(value: date) -> date:
    """The local (Copenhagen) time of an aware datetime; a date or naive datetime unchanged.

    The template engine localises datetimes only for the filters it renders; called from Python
    (a PDF builder, a mail, a test) the formatting must do it itself, or 23:30 UTC on New
    Year's Eve shows the wrong day and year."""
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


# --- dates ------------------------------------------------------------------------------------


def short_date(value: date | None) -> str:
    """A date (or the local day of a datetime): "5.12.2026" / "2026-12-05"; "" for none."""
    if not value:
        return ""
    day = local(value)
    if language() == "en":
        return f"{day.year:04d}-{day.month:02d}-{day.day:02d}"
    return f"{day.day}.{day.month}.{day.year}"


def short_date_time(value: datetime | None) -> str:
    """A moment in local time: "5.12.2026 14:05" / "2026-12-05 14:05"; "" for none."""
    if not value:
        return ""
    moment = local(value)
    return f"{short_date(moment)} {moment:%H:%M}"


def long_date(value: date | None) -> str:
    """A date written out: "5. december 2026" / "5 December 2026"; "" for none."""
    if not value:
        return ""
    day = local(value)
    if language() == "en":
        return f"{day.day} {ENGLISH_MONTHS[day.month - 1]} {day.year}"
    return f"{day.day}. {DANISH_MONTHS[day.month - 1]} {day.year}"


def month_name(month: int) -> str:
    """The month (1-12) written out: "oktober" / "October"."""
    return (ENGLISH_MONTHS if language() == "en" else DANISH_MONTHS)[month - 1]


def month_short(month: int) -> str:
    """The month (1-12) abbreviated: "okt.", "maj", "jun." / "Oct", "May", "Jun"."""
    return month_abbreviations()[month - 1]


def month_abbreviations() -> tuple[str, ...]:
    """The twelve abbreviated months in the active language, January first (for chart code
    that labels a time axis in the browser: it gets the same names as the pages)."""
    return ENGLISH_MONTHS_SHORT if language() == "en" else DANISH_MONTHS_SHORT


def month_year(value: date | None) -> str:
    """The month of a date for charts and periods: "okt. 2026" / "Oct 2026"; "" for none."""
    if not value:
        return ""
    day = local(value)
    return f"{month_short(day.month)} {day.year}"


def quarter(value: date | None) -> str:
    """The quarter of a date, for charts: "2026 K2" (Danmarks Statistik's form) / "Q2 2026"."""
    if not value:
        return ""
    day = local(value)
    number_in_year = (day.month - 1) // 3 + 1
    if language() == "en":
        return f"Q{number_in_year} {day.year}"
    return f"{day.year} K{number_in_year}"


def day_month(value: date | None) -> str:
    """Day and abbreviated month, for chart axes inside one year: "5. okt." / "5 Oct"."""
    if not value:
        return ""
    day = local(value)
    if language() == "en":
        return f"{day.day} {month_short(day.month)}"
    return f"{day.day}. {month_short(day.month)}"


# --- numbers ----------------------------------------------------------------------------------


def _decimal(value: object) -> Decimal | None:
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        return None
    return amount if amount.is_finite() else None


def number(value: object, decimals: int | None = 0) -> str:
    """A number rounded half up, with the language's grouping and decimal separator:
    1924 -> "1.924" / "1,924"; 0.175 with 2 decimals -> "0,18" / "0.18"; "" for no number.
    ``decimals=None`` shows the decimals the value has, without trailing zeros (a measured
    value, a rate): Decimal("3.50") -> "3,5"."""
    amount = _decimal(value)
    if amount is None:
        return ""
    if decimals is None:
        exponent = amount.normalize().as_tuple().exponent
        decimals = min(-exponent, 6) if isinstance(exponent, int) and exponent < 0 else 0
    # Django's number_format cuts extra decimals off; a consultant expects 11.67 -> "11,7".
    rounded = amount.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    if rounded.is_zero():
        rounded = abs(rounded)  # -0.004 rounds to "0,00", not "-0,00"
    return number_format(rounded, decimal_pos=decimals, use_l10n=True, force_grouping=True)


def money(value: object, decimals: int = 2) -> str:
    """An amount in kroner: 1234.5 -> "1.234,50 kr." / "DKK 1,234.50"; "" for no number."""
    formatted = number(value, decimals)
    if not formatted:
        return ""
    return f"DKK {formatted}" if language() == "en" else f"{formatted} kr."


def percent(share: object, decimals: int | None = 0) -> str:
    """A share (0.255) as a percentage: "25,5 %" / "25.5 %" with one decimal; "" for none.
    ``decimals=None``: as many as the share has (0.0325 -> "3,25 %")."""
    amount = _decimal(share)
    if amount is None:
        return ""
    return f"{number(amount * 100, decimals)} %"


# --- reading numbers users type ---------------------------------------------------------------

_SPACES = str.maketrans("", "", " \u00a0\u202f\u2009'")
_PLAIN = re.compile(r"[+-]?[0-9.,]*[0-9][0-9.,]*")
_SCIENTIFIC = re.compile(r"[+-]?[0-9]+(?:\.[0-9]+)?[eE][+-]?[0-9]+")


class NotANumber(ValueError):
    """The text is not a number in either Danish or English writing."""


def _grouped(digits: str, separator: str) -> bool:
    # "1.234.567": a first group of 1-3 digits not starting with 0, then groups of exactly 3.
    sep = re.escape(separator)
    return re.fullmatch(rf"[+-]?[1-9][0-9]{{0,2}}({sep}[0-9]{{3}})+", digits) is not None


def parse_number(text: str) -> Decimal:
    """A number as a Danish or English user types it, in either language of the UI.

    ``25,6`` and ``25.6`` are both 25.6, ``1.234,5`` and ``1,234.5`` both 1234.5. When both
    a dot and a comma appear, the last one separates the decimals. When only one of them
    appears, it is the decimal separator unless it stands exactly where a thousands separator
    stands in the other language's writing and is not the active language's decimal sign:
    "1.234" is 1234 on a Danish page (how a Dane writes a thousand) and 1.234 on an English one;
    "0.125" and "25.6" are decimals everywhere. Spaces (also non-breaking) group digits too,
    and "1e30" is read as Python reads it.

    Raises :class:`NotANumber` for anything else (letters, two decimal signs, "1.2.3")."""
    cleaned = text.strip().replace("\u2212", "-").translate(_SPACES)
    if _SCIENTIFIC.fullmatch(cleaned):
        return _to_decimal(cleaned, text)  # "1e30": refused later by a field's limits, not here
    if not _PLAIN.fullmatch(cleaned):
        raise NotANumber(text)
    commas, dots = cleaned.count(","), cleaned.count(".")
    if commas and dots:
        decimal_sign = "," if cleaned.rfind(",") > cleaned.rfind(".") else "."
        group_sign = "." if decimal_sign == "," else ","
        whole, _, fraction = cleaned.rpartition(decimal_sign)
        if decimal_sign in whole or not _grouped(whole, group_sign):
            raise NotANumber(text)
        return _to_decimal(f"{whole.replace(group_sign, '')}.{fraction}", text)
    if not commas and not dots:
        return _to_decimal(cleaned, text)
    sign = "," if commas else "."
    own_decimal_sign = "." if language() == "en" else ","
    if cleaned.count(sign) > 1 or (sign != own_decimal_sign and _grouped(cleaned, sign)):
        if not _grouped(cleaned, sign):
            raise NotANumber(text)
        return _to_decimal(cleaned.replace(sign, ""), text)
    return _to_decimal(cleaned.replace(sign, "."), text)


def _to_decimal(plain: str, text: str) -> Decimal:
    try:
        return Decimal(plain)
    except InvalidOperation:
        raise NotANumber(text) from None
