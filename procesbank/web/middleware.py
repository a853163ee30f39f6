"""Danish unless the user chose otherwise; a clear message when a request runs too long."""

from __future__ import annotations

from collections.abc import Callable

from django.db import OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext_lazy as _


class DanishByDefaultMiddleware:
    """Ignore the browser's Accept-Language, so the interface is Danish until the user picks
    English with the switcher (a cookie). Placed before Django's LocaleMiddleware."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)


class UserLanguageMiddleware:
    """A logged-in user reads Procesbank in the language stored on them (their profile, or
    the header's switch); the cookie decides only for pages without a user (log-in, password
    reset). Placed after the authentication middleware, which it needs."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        language = getattr(user, "language", "") if user is not None else ""
        if user is not None and user.is_authenticated and language in ("da", "en"):
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)


# PostgreSQL's SQLSTATE for "canceling statement due to statement timeout".
QUERY_CANCELED = "57014"
MSG_TOO_SLOW = _(
    "Siden tog for lang tid at beregne og blev stoppet, så den ikke forsinker andre brugere. "
    "Prøv igen med et smallere filter eller en mere præcis søgning."
)


def _statement_timed_out(exception: Exception) -> bool:
    cause = exception.__cause__
    return isinstance(exception, OperationalError) and (
        getattr(cause, "sqlstate", None) == QUERY_CANCELED
    )


class StatementTimeoutMiddleware:
    """A request whose query ran past the web server's statement timeout (``procesbank
    serve`` sets ``PROCESBANK_STATEMENT_TIMEOUT_MS``) gets a clear 503 in Danish, a page or
    the API's JSON, instead of the generic error page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not _statement_timed_out(exception):
            return None
        message = str(MSG_TOO_SLOW)
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": message}, status=503)
        return render(request, "503.html", {"message": message}, status=503)
