"""Menu items. Each app lists its own in ``<app>/navigation.py`` as ``ITEMS``; the layout shows
those the user may open, ordered by ``order``."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from procesbank.organisations.permissions import Action


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    order: int
    action: Action | None = None  # the permission needed to see it; None: every user

    @property
    def url(self) -> str:
        return reverse(self.url_name)


ITEMS = [
    NavItem(_("Start"), "web:home", 0),
    NavItem(_("Kommuner"), "organisations:municipality_list", 80),
    NavItem(_("Brugere"), "organisations:user_list", 90, Action.MANAGE_USERS),
    NavItem(_("Personer"), "organisations:person_list", 91, Action.MANAGE_USERS),
    NavItem(_("Enheder"), "organisations:unit_tree", 92, Action.ADMINISTER_MUNICIPALITY),
    NavItem(_("Log"), "organisations:audit_log", 95, Action.VIEW_AUDIT),
]
