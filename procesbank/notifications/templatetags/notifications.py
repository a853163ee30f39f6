"""The bell in the header: ``{% load notifications %}{% notification_bell %}``."""

from __future__ import annotations

from typing import Any

from django import template

from procesbank.notifications.selectors import unread_count

register = template.Library()


@register.inclusion_tag("notifications/_bell.html", takes_context=True)
def notification_bell(context: dict[str, Any]) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"show": False}
    return {"show": True, "unread": unread_count(user=user)}
