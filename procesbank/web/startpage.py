"""The shell's own panels on the start page: what changed in my municipality since my last
visit, the quick actions, and the administration's shortcuts. The domain apps register theirs
in their own ``startpage.py`` (see ``procesbank.kit.startpage``)."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.utils.translation import gettext_lazy as _

from procesbank.kit.startpage import Panel, register_panel
from procesbank.organisations.models import User
from procesbank.organisations.permissions import Action, can
from procesbank.organisations.selectors import municipality_changes
from procesbank.web.visits import previous_login


def _type_label(label: str) -> str:
    try:
        return str(apps.get_model(label)._meta.verbose_name)
    except (LookupError, ValueError):
        return ""


def _changes(user: User) -> dict[str, Any]:
    since = previous_login(user=user)
    rows = municipality_changes(user=user, since=since, limit=10)
    return {
        "since": since,
        "rows": [(row, "" if row.reduced else _type_label(row.object_type)) for row in rows],
        "may_read_log": can(user, Action.VIEW_AUDIT),
    }


def _administration(user: User) -> dict[str, Any]:
    return {
        "user_count": User.objects.filter(municipality=user.municipality).count(),
        "may_administer_collaboration": can(user, Action.ADMINISTER_COLLABORATION),
    }


def _quick_actions(user: User) -> dict[str, Any]:
    return {"may_edit": can(user, Action.EDIT)}


register_panel(
    Panel(
        key="quick-actions",
        order=1,
        title=_("Hurtige handlinger"),
        template="web/startpage/quick_actions.html",
        context=_quick_actions,
        wide=True,
    )
)
register_panel(
    Panel(
        key="changes",
        order=50,
        title=_("Nyt i din kommune siden dit sidste besøg"),
        template="web/startpage/changes.html",
        context=_changes,
        visible=lambda user: user.municipality_id is not None,
    )
)
register_panel(
    Panel(
        key="administration",
        order=60,
        title=_("Administration"),
        template="web/startpage/administration.html",
        context=_administration,
        visible=lambda user: can(user, Action.MANAGE_USERS),
    )
)
