"""The house's date and number style for templates: ``{% load procesbank %}``.

Each filter is a thin wrapper around :mod:`procesbank.kit.formatting`, which Python code that
prints dates and numbers (PDF builders, mails, chart labels, messages) calls directly, so a
page and its PDF agree. Django's own ``|date`` is not used for readers: its Danish
``SHORT_DATE_FORMAT`` pads ("01.07.2026") and its month abbreviations lack the period
("okt 2026"); a test walks the demo's pages for such leftovers.
"""

from __future__ import annotations

from datetime import date, datetime

from django import template

from procesbank.kit import formatting
from procesbank.kit.durations import readable_duration

register = template.Library()


@register.filter
def money(value: object, decimals: int = 2) -> str:
    """1234.5 -> "1.234,50 kr." in Danish, "DKK 1,234.50" in English; "" for no value."""
    return formatting.money(value, decimals)


@register.filter
def number(value: object, decimals: int = 0) -> str:
    """A number with the language's grouping and decimal separator: 1.924 / 0,18."""
    return formatting.number(value, decimals)


@register.filter
def day(value: date | None) -> str:
    """A date (or the local day of a datetime) as "1.7.2026" / "2026-07-01"; "" for none."""
    return formatting.short_date(value)


@register.filter
def day_time(value: datetime | None) -> str:
    """A datetime in local time as "1.7.2026 14:05" / "2026-07-01 14:05"; "" for none."""
    return formatting.short_date_time(value)


@register.filter
def day_long(value: date | None) -> str:
    """A date written out: "1. juli 2026" / "1 July 2026"; "" for none."""
    return formatting.long_date(value)


@register.filter
def month_year(value: date | None) -> str:
    """The month of a date: "jul. 2026" / "Jul 2026"; "" for none."""
    return formatting.month_year(value)


# --- durations --------------------------------------------------------------------------------
@register.filter
def duration(value: object, unit: str = "minutes") -> str:
    """A duration in the unit a reader thinks in (kit/durations.py): ``{{ m|duration }}`` for
    minutes, ``{{ d|duration:"days" }}`` for days; 21535 minutes -> "15 dage"."""
    return readable_duration(value, unit)
