"""Danish-aware formatting of money, hours and dates for templates."""

from __future__ import annotations

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import template
from django.template.defaultfilters import date as date_filter
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import get_language

register = template.Library()


@register.filter
def money(value: object, decimals: int = 2) -> str:
    """1234.5 -> "1.234,50 kr." in Danish, "DKK 1,234.50" in English; "" for no value."""
    if value is None or value == "":
        return ""
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        return ""
    formatted = _format(amount, decimals)
    if _language() == "en":
        return f"DKK {formatted}"
    return f"{formatted} kr."


@register.filter
def number(value: object, decimals: int = 0) -> str:
    """A number with the language's grouping and decimal separator: 1.924 / 0,18."""
    if value is None or value == "":
        return ""
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        return ""
    return _format(amount, decimals)


def _format(amount: Decimal, decimals: int) -> str:
    # Django's number_format cuts extra decimals off; a consultant expects 11.67 -> "11,7".
    rounded = amount.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return number_format(rounded, decimal_pos=decimals, use_l10n=True, force_grouping=True)


# --- dates ------------------------------------------------------------------------------------
# One way to show a date in every page and PDF of the library, projects, economics and benefits.
#
# Danish: "1.7.2026" (the form the PDFs and most pages already used, and the one the domain
# messages use, see ``realisation._danish_date``); English: ISO "2026-07-01", unambiguous to
# readers on both sides of the Atlantic. ``|date:"SHORT_DATE_FORMAT"`` gave "01.07.2026" in
# Danish and "07/01/2026" in English, so pages disagreed with each other.

DAY_FORMATS = {"da": "j.n.Y", "en": "Y-m-d"}
DAY_TIME_FORMATS = {"da": "j.n.Y H:i", "en": "Y-m-d H:i"}


def _local(value: date) -> date:
    # The template engine localises datetimes only for filters it renders; called from Python
    # (a PDF builder, a test) the filter must do it itself, or 23:30 UTC shows the wrong day.
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def _language() -> str:
    return "en" if (get_language() or "da").startswith("en") else "da"


@register.filter
def day(value: date | None) -> str:
    """A date (or the local day of a datetime) as "1.7.2026" / "2026-07-01"; "" for none."""
    if not value:
        return ""
    return str(date_filter(_local(value), DAY_FORMATS[_language()]))


@register.filter
def day_time(value: date | None) -> str:
    """A datetime in local time as "1.7.2026 14:05" / "2026-07-01 14:05"; "" for none."""
    if not value:
        return ""
    return str(date_filter(_local(value), DAY_TIME_FORMATS[_language()]))
