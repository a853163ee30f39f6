"""Logging: one line per refused request, a request id on every line, JSON on request.

``PROCESBANK_LOG_FORMAT=json`` (settings.py) writes one JSON object per line with the
request's id; the default is plain text with the id in brackets.
"""

from __future__ import annotations

import json
import logging
import re
import time
import uuid
from collections.abc import Callable
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse


class ForbiddenWithoutTraceback(logging.Filter):
    """Django logs a 403 (PermissionDenied) at warning level with the exception's traceback:
    a dozen lines for a routine refusal, which buries real errors. Keep the one line
    ("Forbidden (Permission denied): /path")."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) == 403:
            record.exc_info = None
            record.exc_text = None
        return True


# --- one request, one id ------------------------------------------------------------------
# The id of the request being answered, for every log line written while answering it.
request_id: ContextVar[str] = ContextVar("request_id", default="-")
_GIVEN_ID = re.compile(r"^[A-Za-z0-9._:@-]{1,128}$")


class RequestIdFilter(logging.Filter):
    """Puts the current request's id on every record (``-`` outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line, for a log collector (Loki, Elastic, Splunk): time (UTC, ISO),
    level, logger, message, request id, and the request's method, path, status and duration
    on the request lines; a traceback as one string."""

    EXTRA = ("method", "path", "status_code", "duration_ms", "user_id")

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", request_id.get()),
        }
        for key in self.EXTRA:
            value = getattr(record, key, None)
            if value is not None and not isinstance(value, HttpRequest):
                entry[key] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def incoming_request_id(request: HttpRequest) -> str:
    """The id a trusted proxy gave the request (``X-Request-ID``), else a new one.

    A proxy is trusted when ``PROCESBANK_TRUSTED_PROXIES`` says one stands in front (the same
    setting the login throttle reads); without one a client could write anything into the
    logs, so the header is ignored. A given id must be short and plain (letters, digits,
    ``._:@-``) so it cannot break a log line.
    """
    given = request.headers.get("X-Request-ID", "")
    if settings.PROCESBANK_TRUSTED_PROXIES > 0 and _GIVEN_ID.match(given):
        return given
    return uuid.uuid4().hex


class RequestIdMiddleware:
    """Gives each request an id (:func:`incoming_request_id`), logs one line when it is
    answered, and returns the id in the ``X-Request-ID`` header. First in ``MIDDLEWARE``."""

    logger = logging.getLogger("procesbank.requests")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        rid = incoming_request_id(request)
        token = request_id.set(rid)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = rid
            user = getattr(request, "user", None)
            self.logger.info(
                "%s %s %s",
                request.method,
                request.path,
                response.status_code,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status_code": response.status_code,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                    "user_id": user.pk if user is not None and user.is_authenticated else None,
                },
            )
            return response
        finally:
            request_id.reset(token)
