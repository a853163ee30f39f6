"""Navigation that shows only what exists and what the user may open."""

from __future__ import annotations

from functools import cache
from importlib import import_module
from typing import Any

from django.apps import apps
from django.http import HttpRequest

from procesbank.organisations.navigation import NavItem
from procesbank.organisations.permissions import can


@cache
def _all_items() -> list[NavItem]:
    items: list[NavItem] = []
    for config in apps.get_app_configs():
        if not config.name.startswith("procesbank."):
            continue
        try:
            module = import_module(f"{config.name}.navigation")
        except ModuleNotFoundError:
            continue
        items.extend(getattr(module, "ITEMS", []))
    return sorted(items, key=lambda item: item.order)


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"navigation": []}
    items = [item for item in _all_items() if item.action is None or can(user, item.action)]
    # The current section is the item whose address is the longest prefix of this page's.
    matches = [
        i
        for i in items
        if request.path == i.url or (i.url != "/" and request.path.startswith(i.url))
    ]
    current = max(matches, key=lambda item: len(item.url), default=None)
    return {"navigation": [(item, item is current) for item in items]}
