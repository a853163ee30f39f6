"""A medarbejder (``Role.MEDARBEJDER``) may use only the staff portal: every other page sends
them there (a page they asked for) or refuses them (a form's post, the API)."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from procesbank.organisations.models import Role

# What a medarbejder may open besides the portal: signing in and out, their password, the
# language switch, their notifications, the accessibility statement, the health check.
ALLOWED_PREFIXES = (
    "/portal/",
    "/konto/log-ind/",
    "/konto/log-ud/",
    "/konto/adgangskode/",
    "/konto/glemt-adgangskode/",
    "/konto/nulstil/",
    "/sso/",
    "/i18n/",
    "/tilgaengelighed/",
    "/static/",
    "/healthz",
)


class PortalOnlyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and getattr(user, "role", "") == Role.MEDARBEJDER
            and not request.path.startswith(ALLOWED_PREFIXES)
        ):
            if request.method in ("GET", "HEAD") and not request.path.startswith("/api/"):
                return redirect("portal:index")
            raise PermissionDenied
        return self.get_response(request)
