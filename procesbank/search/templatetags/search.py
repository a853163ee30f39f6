"""``{% highlight text query %}``: the words of a search marked in a hit's title or snippet."""

from __future__ import annotations

from django import template
from django.utils.html import format_html_join
from django.utils.safestring import SafeString

from procesbank.kit.search import highlight_parts

register = template.Library()


@register.simple_tag
def highlight(text: str, query: str) -> SafeString:
    """``text`` escaped, each occurrence of a query word or its Danish stem in ``<mark>``."""
    return format_html_join(
        "",
        "{}{}{}",
        (
            (SafeString("<mark>") if hit else "", piece, SafeString("</mark>") if hit else "")
            for piece, hit in highlight_parts(text, query)
        ),
    )
