"""The search's per-user budget: at most ``PROCESBANK_SEARCH_RATE_LIMIT`` searches a minute,
page and API together. A search reads every municipality's rows; one user (or one script with
a user's API key) searching in a loop could otherwise take every worker from the others."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from procesbank.kit.ratelimit import take
from procesbank.organisations.models import User

DEFAULT_LIMIT = 60

MSG_TOO_MANY = _(
    "Du har søgt mange gange på kort tid. Vent et øjeblik (højst et minut), og søg så igen."
)


def search_allowed(*, user: User) -> bool:
    """Count one search of ``user``; False once they are past the minute's budget."""
    limit = int(getattr(settings, "PROCESBANK_SEARCH_RATE_LIMIT", DEFAULT_LIMIT))
    return take(scope="search", user_id=user.pk, limit=limit)
