"""Uploads larger than the limit are refused while they stream in, before they fill the disk.

Django spools an upload to a temporary file as it arrives and hands it to the view only when
the whole request is read; a 5 GB upload to a 200 MB limit was written to disk in full before
any form could say no. :class:`LimitedUploadHandler` stands first among the upload handlers: a
request whose declared length already exceeds the limit is refused before a byte of it is
read, and a file that grows past the limit is refused at the chunk that crosses it (the
temporary file holding what came before is closed, and so deleted). The view is not reached;
:class:`UploadTooLargeMiddleware` answers 413 with a Danish message (JSON under /api/).

The limit is the largest any upload may have (``PROCESBANK_UPLOAD_LIMIT_MB``, or the BPMN
limit if that were larger); each importer still checks its own, smaller limit.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

#: Room for the form's other fields and the multipart boundaries around the files.
FIELDS_ALLOWANCE = 1024 * 1024
MSG_TOO_LARGE = gettext_noop(
    "Filen er for stor: Procesbank modtager højst %(limit_mb)d MB i én upload. Vælg en mindre fil."
)


def limit_bytes() -> int:
    """The most one uploaded file may hold, in bytes."""
    megabytes = max(
        int(settings.PROCESBANK_UPLOAD_LIMIT_MB), int(settings.PROCESBANK_BPMN_LIMIT_MB)
    )
    return megabytes * 1024 * 1024


class UploadTooLarge(Exception):
    """An upload went past :func:`limit_bytes`."""


class LimitedUploadHandler(FileUploadHandler):
    """Counts each file's bytes as they arrive and stops the request at the limit."""

    def handle_raw_input(
        self,
        input_data: Any,
        META: dict[str, Any],
        content_length: int,
        boundary: Any,
        encoding: str | None = None,
    ) -> None:
        self.limit = limit_bytes()
        if content_length > self.limit + FIELDS_ALLOWANCE:
            raise UploadTooLarge
        return None

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        if start + len(raw_data) > self.limit:
            self._discard_spooled()
            raise UploadTooLarge
        return raw_data

    def _discard_spooled(self) -> None:
        """Close (and so delete) what the handlers after this one spooled of the file."""
        for handler in self.request.upload_handlers if self.request else ():
            spooled = getattr(handler, "file", None) if handler is not self else None
            if spooled is not None:
                spooled.close()

    def file_complete(self, file_size: int) -> None:
        return None  # the next handler keeps the file


class UploadTooLargeMiddleware:
    """413 with a Danish message for an upload :class:`LimitedUploadHandler` refused."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, UploadTooLarge):
            return None
        return too_large_response(request, exception)


def too_large_response(request: HttpRequest, exception: UploadTooLarge) -> HttpResponse:
    """413 with the Danish message (JSON under /api/)."""
    message = _(MSG_TOO_LARGE) % {"limit_mb": limit_bytes() // 2**20}
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=413)
    return render(request, "kit/upload_too_large.html", {"message": message}, status=413)
