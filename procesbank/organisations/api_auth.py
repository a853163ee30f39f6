"""How the API knows who is calling: a personal bearer token, or the browser's session."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer, django_auth

from procesbank.organisations.models import Role
from procesbank.organisations.services import api_token_authenticate


class PersonalTokenAuth(HttpBearer):
    """``Authorization: Bearer pb_...`` with a token made in the UI or by ``procesbank token``."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = api_token_authenticate(token)
        if user is None or user.role == Role.MEDARBEJDER:  # the staff portal only
            return None
        request.user = user
        return user


api_auth = [PersonalTokenAuth(), django_auth]
