"""``{% load catalogue %}{% reuse_notice process %}``: the "Genbrugt proces" notice (with
"Kilden er ændret, siden du kopierede" and the measurement diff) for a process page.

A template tag, so the process library's page can show it without the processes app importing
the catalogue (the layers run the other way)."""

from __future__ import annotations

from typing import Any

from django import template

from procesbank.catalogue import selectors

register = template.Library()


@register.inclusion_tag("catalogue/_reuse_notice_or_nothing.html", takes_context=True)
def reuse_notice(context: dict[str, Any], process: Any) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"reuse": None}
    reuse = selectors.reuse_for_process(user=user, process=process)
    if reuse is None:
        return {"reuse": None}
    return {
        "reuse": reuse,
        "source_changes": selectors.reuse_source_changes(user=user, reuse=reuse),
    }
