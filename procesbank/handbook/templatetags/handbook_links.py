"""Links into the method handbook from other apps' pages, shown only to readers who may open
them: ``{% handbook_page_link action.handbook_page_id %}`` and
``{% handbook_section_link module.handbook_section module.name %}``."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

from procesbank.handbook import selectors
from procesbank.handbook.models import Section

register = template.Library()


@register.simple_tag(takes_context=True)
def handbook_page_link(context: dict[str, Any], page_id: int | None) -> SafeString | str:
    """A link to the handbook page if the page's reader may read it; nothing otherwise."""
    user = context.get("user")
    if user is None or not user.is_authenticated or page_id is None:
        return ""
    page = selectors.readable_page(user=user, page_id=page_id)
    if page is None:
        return ""
    return format_html(
        '<a class="handbook-link" href="{}">{}</a>',
        reverse("handbook:page_detail", args=[page.pk]),
        page.title,
    )


@register.simple_tag
def handbook_section_link(section: str, text: str) -> SafeString | str:
    """``text`` linked to the handbook's section, or plain when no section is set."""
    if section not in Section.values:
        return format_html("{}", text)
    label = Section(section).label
    return format_html(
        '<a href="{}#afsnit-{}" title="{}">{}</a>', reverse("handbook:index"), section, label, text
    )
