"""Navigation that shows only what exists and what the user may open."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from procesbank.organisations.permissions import Action, can


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    action: Action | None = None  # the permission needed to see it; None: every user

    @property
    def url(self) -> str:
        return reverse(self.url_name)


MAIN_NAVIGATION = [
    NavItem(_("Start"), "home"),
    NavItem(_("Processer"), "process_list"),
    NavItem(_("Kommuner"), "municipality_list"),
    NavItem(_("Brugere"), "user_list", Action.MANAGE_USERS),
    NavItem(_("Log"), "audit_log", Action.VIEW_AUDIT),
]


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"navigation": []}
    items = [item for item in MAIN_NAVIGATION if item.action is None or can(user, item.action)]
    current = request.resolver_match.url_name if request.resolver_match else ""
    section = _SECTIONS.get(current or "", current)
    return {"navigation": [(item, item.url_name == section) for item in items]}


# Pages that belong under a menu item of another name.
_SECTIONS = {
    name: "process_list"
    for name in (
        "process_create",
        "process_import",
        "process_detail",
        "process_edit",
        "version_modeler",
    )
}
