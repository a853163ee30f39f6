"""The competence panel on the start page: the improvement actions I own (agreed at a follow-up
workshop), not done yet, earliest deadline first."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from procesbank.competence.models import ActionStatus, ImprovementAction
from procesbank.competence.selectors import action_list, today
from procesbank.kit.startpage import Panel, register_panel
from procesbank.organisations.models import User


def open_actions_for(*, user: User, limit: int = 8) -> QuerySet[ImprovementAction]:
    """The user's own improvement actions in their collaboration that are not done."""
    if user.municipality is None:
        return ImprovementAction.objects.none()
    return (
        action_list(user=user)
        .filter(owner_id=user.pk)
        .exclude(status=ActionStatus.DONE)
        .order_by("deadline", "pk")[:limit]
    )


def _context(user: User) -> dict[str, Any]:
    return {"actions": list(open_actions_for(user=user)), "today": today()}


register_panel(
    Panel(
        key="my-actions",
        order=35,
        title=_("Dine handlinger"),
        template="competence/startpage/my_actions.html",
        context=_context,
    )
)
