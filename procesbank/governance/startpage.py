"""Governance's panel on the start page: the reviews and approvals waiting for me, and the
published processes I own whose next review date has come or is near."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from procesbank.governance.selectors import reviews_awaiting, reviews_due
from procesbank.kit.startpage import Panel, register_panel
from procesbank.organisations.models import User

SHOWN = 8


def _context(user: User) -> dict[str, Any]:
    return {
        # The panel shows names and dates: the versions' BPMN documents stay in the database.
        "awaiting": list(reviews_awaiting(user).defer("bpmn_xml")[:SHOWN]),
        "due": list(reviews_due(user).defer("bpmn_xml")[:SHOWN]),
    }


register_panel(
    Panel(
        key="reviews",
        order=12,
        title=_("Til gennemgang og godkendelse"),
        template="governance/startpage/reviews.html",
        context=_context,
    )
)
