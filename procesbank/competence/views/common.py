"""Helpers shared by the competence pages."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied

from procesbank.competence import selectors
from procesbank.organisations.models import AuthenticatedRequest


def set_choices(form: Any, field: str, choices: list[Any]) -> None:
    form.fields[field].choices = choices


def require_admin(request: AuthenticatedRequest) -> None:
    if not selectors.can_administer(user=request.user):
        raise PermissionDenied
