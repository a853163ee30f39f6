"""The shell's one table: when each user logged in before this time, for the start page's
"what changed since your last visit"."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Visit(models.Model):
    """A user's two latest logins. ``previous_login`` is the one before the current session
    (None at the first login); Django's own ``User.last_login`` is already overwritten with the
    current login by the time the start page asks."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    previous_login = models.DateTimeField(null=True, blank=True)
    current_login = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.user_id}: {self.current_login:%Y-%m-%d %H:%M}"
