"""Requests no view can answer sensibly, refused with 400 and a Danish message before (or
instead of) a 500, for every page and API operation at once.

* A NUL character (``\\0``) in a query parameter: PostgreSQL refuses to compare text with
  NUL, so it surfaced as a 500 wherever a filter reached a query. (Text in request bodies is
  cleaned of control characters where it is read, so a NUL there is dropped, not refused.)
* A number beyond the database's integer range (``?page=99999999999999999999``, an id in a
  path): the database driver raises OverflowError (SQLite) or a DataError "out of range"
  (PostgreSQL) when it binds the value.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import unquote_to_bytes

from django.db import DataError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

MSG_NUL = gettext_noop(
    "Forespørgslen indeholder et NUL-tegn (\\0), som Procesbank ikke modtager. Fjern det og "
    "prøv igen."
)
MSG_RANGE = gettext_noop("Et tal i forespørgslen er uden for det gyldige område.")


def has_nul(request: HttpRequest) -> bool:
    """Whether the query string carries a NUL. Text in bodies (form fields, JSON strings) is
    cleaned of control characters, NUL included, where it is read (kit's text cleaning, #12
    finding 6), so it is stored without them rather than refused."""
    return b"\0" in unquote_to_bytes(request.META.get("QUERY_STRING", ""))


def _refuse(request: HttpRequest, message: str) -> HttpResponse:
    if request.path.startswith("/api/"):
        # The API's documented refusal: 422 with where and what (its contract, finding 9).
        detail = [{"loc": ["query"], "msg": message, "type": "out_of_range"}]
        return JsonResponse({"detail": detail}, status=422)
    return render(request, "kit/bad_request.html", {"message": message}, status=400)


class BadInputMiddleware:
    """400 for a NUL anywhere in the request's text, and for a number out of range."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # The API refuses a NUL itself, naming the parameter (kit/api.py); pages get it here.
        if not request.path.startswith("/api/") and has_nul(request):
            return _refuse(request, _(MSG_NUL))
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        out_of_range = isinstance(exception, OverflowError) or (
            isinstance(exception, DataError) and "out of range" in str(exception)
        )
        return _refuse(request, _(MSG_RANGE)) if out_of_range else None


_ASCII_DIGITS = re.compile(r"[0-9]{1,18}")


def parse_int(value: str | None) -> int | None:
    """``value`` as a non-negative integer if it is one written in ASCII digits (at most 18 of
    them, within the database's range), else None. ``str.isdigit`` also accepts "²" and other
    digits ``int()`` refuses."""
    if value is None or not _ASCII_DIGITS.fullmatch(value):
        return None
    return int(value)


DB_INT_MAX = 2**63 - 1


def db_int(value: int | None) -> int | None:
    """``value`` if a database integer can hold it; else :class:`OverflowError`, which the
    middleware answers with 422/400 in Danish. SQLite raised it by itself, while PostgreSQL
    compared a too-large id as a numeric and found nothing, so one rule checks it first."""
    if value is not None and not -DB_INT_MAX - 1 <= value <= DB_INT_MAX:
        raise OverflowError(value)
    return value
