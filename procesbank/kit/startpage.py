"""The start page's panels: a registry any app adds to.

An app puts a ``startpage.py`` module beside its models and registers its panels there with
:func:`register_panel`; the start page (``web.views.home``) imports every installed app's
module once (:func:`autodiscover`) and renders, in ``order``, the panels the user may see
(``visible``). A panel is a title, a template for its body and a context function taking the
acting user; the function reads through the app's selectors, so a panel shows only what the
user may read, and it must bound its queries (a LIMIT, no query per row): the start page is
every user's first request of the day.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from importlib import import_module
from typing import Any

from django.apps import apps
from django.contrib.auth.base_user import AbstractBaseUser
from django.utils.functional import Promise


def _always(user: Any) -> bool:
    return True


@dataclass(frozen=True)
class Panel:
    """One panel of the start page.

    ``key``      unique; the panel's HTML id is ``panel-<key>``
    ``order``    smaller first (the day's work 10-49, what happened 50-69, shortcuts 70-89)
    ``title``    the panel's heading (lazy-translated)
    ``template`` renders the panel's body with the context function's result (plus ``user``)
    ``context``  the acting user -> the template's context; every read through a selector
    ``visible``  the acting user -> whether the panel is shown to them at all (roles)
    ``wide``     takes the page's full width rather than one column
    """

    key: str
    order: int
    title: str | Promise
    template: str
    context: Callable[[Any], dict[str, Any]]
    visible: Callable[[Any], bool] = field(default=_always)
    wide: bool = False


_PANELS: dict[str, Panel] = {}


def register_panel(panel: Panel) -> None:
    """Add a panel (a second registration under the same key replaces the first)."""
    _PANELS[panel.key] = panel


def unregister_panel(key: str) -> None:
    _PANELS.pop(key, None)


@cache
def autodiscover() -> None:
    """Import ``<app>.startpage`` of every Procesbank app once, so that its panels register."""
    for config in apps.get_app_configs():
        if not config.name.startswith("procesbank."):
            continue
        try:
            import_module(f"{config.name}.startpage")
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.startpage":
                raise


def panels_for(user: AbstractBaseUser) -> list[Panel]:
    """The registered panels the user may see, in order."""
    autodiscover()
    shown = [panel for panel in _PANELS.values() if panel.visible(user)]
    return sorted(shown, key=lambda panel: (panel.order, panel.key))
