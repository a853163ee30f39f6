"""Demo data for the start page: each demo consultant follows the candidates the other
municipalities shared with the collaboration (up to three), so that "Kandidater, du følger" has
something to show. The rest of the start page is filled by the other demo modules (processes,
projects, benefits, workshop actions, questions and topic follows). Safe to run again."""

from __future__ import annotations

from procesbank.catalogue.models import Candidate, UserMark
from procesbank.catalogue.selectors import visible_to
from procesbank.organisations.models import Role, User

FOLLOWED_PER_CONSULTANT = 3


def load_startpage() -> int:
    """Add the missing follows; returns how many were added."""
    added = 0
    consultants = User.objects.filter(role=Role.KONSULENT, username__startswith="konsulent.")
    for user in consultants.select_related("municipality"):
        if user.municipality is None:
            continue
        if UserMark.objects.filter(user=user, kind=UserMark.Kind.FOLLOW).exists():
            continue  # this consultant chose (or was given) follows already
        shared = (
            Candidate.objects.filter(visible_to(user))
            .exclude(municipality=user.municipality)
            .order_by("pk")[:FOLLOWED_PER_CONSULTANT]
        )
        for candidate in shared:
            UserMark.objects.get_or_create(
                user=user, candidate=candidate, kind=UserMark.Kind.FOLLOW
            )
            added += 1
    return added
