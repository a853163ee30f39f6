"""The projects' panel on the start page: the projects I own and the gate each must pass next."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from procesbank.kit.startpage import Panel, register_panel
from procesbank.organisations.permissions import Action, can
from procesbank.projects.selectors import owned_project_gates

register_panel(
    Panel(
        key="my-projects",
        order=20,
        title=_("Mine projekter og deres næste fase"),
        template="projects/startpage/my_projects.html",
        context=lambda user: {"gates": owned_project_gates(user=user)},
        visible=lambda user: can(user, Action.EDIT),
    )
)
