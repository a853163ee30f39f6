"""Navigation that shows only what exists and what the user may open."""

from __future__ import annotations

from functools import cache
from importlib import import_module
from typing import Any

from django.apps import apps
from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse

from procesbank.organisations.models import Role
from procesbank.organisations.navigation import NavItem
from procesbank.organisations.permissions import Action, can

MORE_FROM = 80


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
        return {"navigation": [], "navigation_more": [], "nav_section": ""}
    items = [item for item in _all_items() if item.action is None or can(user, item.action)]
    if getattr(user, "role", "") == Role.MEDARBEJDER:  # the staff portal is all they use
        portal = [item for item in items if item.url.startswith("/portal/")]
        return {
            "navigation": [(item, request.path.startswith(item.url)) for item in portal],
            "navigation_more": [],
            "navigation_more_active": False,
            "nav_section": portal[0].label if portal else "",
        }
    # The current section is the item whose address is the longest prefix of this page's.
    matches = [
        i
        for i in items
        if request.path == i.url or (i.url != "/" and request.path.startswith(i.url))
    ]
    current = max(matches, key=lambda item: len(item.url), default=None)
    # The day's work in the bar; the shared registers and the administration (order 80 and up:
    # municipalities, dictionary, rates, users, log, sign-on, archive) behind "Mere", so the
    # header keeps one row at 1280 px however many apps add an item.
    return {
        "navigation": [(item, item is current) for item in items if item.order < MORE_FROM],
        "navigation_more": [(item, item is current) for item in items if item.order >= MORE_FROM],
        "navigation_more_active": current is not None and current.order >= MORE_FROM,
        # The section named in every page's <title> ("<thing> – <section> – Procesbank").
        "nav_section": current.label if current is not None and current.url != "/" else "",
    }


def accessibility_statement(request: HttpRequest) -> dict[str, Any]:
    """The footer's link to the accessibility statement: the user's municipality's own, else the
    installation's (setting), else Procesbank's page about its accessibility."""
    user = getattr(request, "user", None)
    municipality = getattr(user, "municipality", None) if user is not None else None
    own = getattr(municipality, "accessibility_statement_url", "") if municipality else ""
    url = own or settings.PROCESBANK_ACCESSIBILITY_STATEMENT_URL or reverse("web:accessibility")
    may_edit = municipality is not None and can(
        user,  # type: ignore[arg-type]
        Action.ADMINISTER_MUNICIPALITY,
        municipality,
    )
    return {"accessibility_statement_url": url, "can_edit_accessibility_statement": may_edit}
