"""Helpers shared by the competence pages."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from procesbank.competence import selectors
from procesbank.core.errors import UserError
from procesbank.organisations.models import AuthenticatedRequest


def message_errors(request: AuthenticatedRequest, error: ValidationError | UserError) -> None:
    if isinstance(error, UserError):
        messages.error(request, error.render(_))
    else:
        for message in error.messages:
            messages.error(request, message)


def set_choices(form: Any, field: str, choices: list[Any]) -> None:
    form.fields[field].choices = choices


def require_admin(request: AuthenticatedRequest) -> None:
    if not selectors.can_administer(user=request.user):
        raise PermissionDenied
