"""Logging filters: what an operator reads should be one line per refused request."""

from __future__ import annotations

import logging


class ForbiddenWithoutTraceback(logging.Filter):
    """Django logs a 403 (PermissionDenied) at warning level with the exception's traceback:
    a dozen lines for a routine refusal, which buries real errors. Keep the one line
    ("Forbidden (Permission denied): /path")."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) == 403:
            record.exc_info = None
            record.exc_text = None
        return True
