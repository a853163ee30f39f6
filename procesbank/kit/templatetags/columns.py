"""``{% column_value cell %}``: one cell of a column registry (kit/columns.py) as HTML, with
the kit's formatting filters (``number``, ``money``, ``day``). The list table and the facts
of a record page both show values this way."""

from __future__ import annotations

from django import template
from django.template.defaultfilters import linebreaksbr
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from procesbank.kit.columns import EMPTY, Cell, Kind
from procesbank.kit.templatetags.a11y import danish
from procesbank.kit.templatetags.procesbank import day, money, number

register = template.Library()


@register.simple_tag
def column_value(cell: Cell) -> SafeString:
    """The cell's value formatted for its kind ("–" when there is none), as a link when the
    column links, followed by its muted subtitle line when it has one."""
    column, value = cell.column, cell.value
    shown: object
    if column.kind == Kind.NUMBER:
        shown = EMPTY if value is None else number(value, column.decimals)
        if value is not None and column.unit:
            shown = f"{shown} {column.unit}"
    elif column.kind == Kind.MONEY:
        shown = EMPTY if value is None else money(value, column.decimals)
    elif column.kind == Kind.DATE:
        shown = day(value) or EMPTY
    elif column.kind == Kind.URL:
        shown = (
            format_html('<a href="{}" rel="noopener noreferrer">{}</a>', value, value)
            if value
            else EMPTY
        )
    elif cell.link:
        shown = format_html('<a href="{}">{}</a>', cell.link, value)
    elif value in (None, ""):
        shown = EMPTY
    else:
        shown = linebreaksbr(value, autoescape=True)
    if column.kind == Kind.TEXT and shown != EMPTY:
        # What users wrote (names, descriptions) is Danish, also inside the English interface.
        shown = danish(shown)
    html = format_html("{}", shown)
    if cell.subtitle:
        html = format_html('{}<br><span class="muted">{}</span>', html, cell.subtitle)
    return mark_safe(html)  # noqa: S308 - built with format_html from escaped parts
