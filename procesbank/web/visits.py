"""Recording logins for the start page's "since your last visit" (``web.models.Visit``)."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from procesbank.web.models import Visit


def visit_record_login(*, user: Any, at: datetime.datetime | None = None) -> Visit:
    """The user logged in at ``at`` (now): the login before it becomes the previous one."""
    at = at or timezone.now()
    visit = Visit.objects.filter(user_id=user.pk).first()
    if visit is None:
        return Visit.objects.create(user_id=user.pk, previous_login=None, current_login=at)
    visit.previous_login = visit.current_login
    visit.current_login = at
    visit.save(update_fields=["previous_login", "current_login"])
    return visit


def previous_login(*, user: Any) -> datetime.datetime | None:
    """When the user logged in before this session; None if never (or not recorded)."""
    return Visit.objects.filter(user_id=user.pk).values_list("previous_login", flat=True).first()


def on_login(sender: Any, *, user: Any, **kwargs: Any) -> None:
    """``user_logged_in`` receiver (password, single sign-on and the admin alike)."""
    if user is not None and user.pk is not None:
        visit_record_login(user=user)
