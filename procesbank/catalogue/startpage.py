"""The catalogue's panel on the start page: the automation candidates I follow (the candidate
page's "Følg") with the latest news from them."""

from __future__ import annotations

from typing import Any

from django.db.models import Max, QuerySet
from django.utils.translation import gettext_lazy as _

from procesbank.catalogue.models import Candidate, UserMark
from procesbank.catalogue.selectors import feed_for, visible_to
from procesbank.kit.startpage import Panel, register_panel
from procesbank.organisations.models import User


def followed_candidates(*, user: User, limit: int = 8) -> QuerySet[Candidate]:
    """The candidates the user follows and may still read, latest activity first
    (``last_event_at``: the latest event on the candidate, anyone's)."""
    followed = UserMark.objects.filter(user_id=user.pk, kind=UserMark.Kind.FOLLOW).values(
        "candidate"
    )
    return (
        Candidate.objects.filter(visible_to(user), pk__in=followed)
        .select_related("municipality")
        .annotate(last_event_at=Max("events__at"))
        .order_by("-last_event_at", "-pk")[:limit]
    )


def _context(user: User) -> dict[str, Any]:
    return {
        "candidates": list(followed_candidates(user=user)),
        "feed": list(feed_for(user, limit=5)),
    }


register_panel(
    Panel(
        key="followed-candidates",
        order=40,
        title=_("Kandidater, du følger"),
        template="catalogue/startpage/followed_candidates.html",
        context=_context,
    )
)
