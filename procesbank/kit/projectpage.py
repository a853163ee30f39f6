"""Sections of the project page that apps above the projects app supply: a registry any app
adds to, as the start page's panels (:mod:`procesbank.kit.startpage`).

The projects app may not import the apps that stand on it (economics, benefits), yet its page
should show what they know about the project (the state IT project model's document checklist
from the business case). Such an app puts a ``projectpage.py`` module beside its models and
registers its sections there with :func:`register_section`; the project page imports every
installed app's module once (:func:`autodiscover`) and renders the sections in ``order``. A
section's context function takes the acting user and the project the page has read through the
user's access check, reads through the app's selectors, and returns None to stay hidden.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import import_module
from typing import Any

from django.apps import apps


@dataclass(frozen=True)
class ProjectSection:
    """One section of the project page.

    ``key``      unique
    ``order``    smaller first
    ``template`` renders the section with the context function's result as ``section``
    ``context``  (acting user, project) -> the template's ``section``, or None to hide it
    """

    key: str
    order: int
    template: str
    context: Callable[[Any, Any], dict[str, Any] | None]


@dataclass(frozen=True)
class RenderedSection:
    template: str
    context: dict[str, Any]


_SECTIONS: dict[str, ProjectSection] = {}


def register_section(section: ProjectSection) -> None:
    """Add a section (a second registration under the same key replaces the first)."""
    _SECTIONS[section.key] = section


def unregister_section(key: str) -> None:
    _SECTIONS.pop(key, None)


@cache
def autodiscover() -> None:
    """Import ``<app>.projectpage`` of every Procesbank app once, so that its sections
    register."""
    for config in apps.get_app_configs():
        if not config.name.startswith("procesbank."):
            continue
        try:
            import_module(f"{config.name}.projectpage")
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.projectpage":
                raise


def sections_for(user: Any, project: Any) -> list[RenderedSection]:
    """The registered sections with their context for this user and project, in order; those
    whose context function returns None are left out."""
    autodiscover()
    rendered = []
    for section in sorted(_SECTIONS.values(), key=lambda s: (s.order, s.key)):
        context = section.context(user, project)
        if context is not None:
            rendered.append(RenderedSection(section.template, context))
    return rendered
