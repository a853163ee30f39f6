"""Danish-aware formatting of money, hours and dates for templates."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import template
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
    if (get_language() or "da").startswith("en"):
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
