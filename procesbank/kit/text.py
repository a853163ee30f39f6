"""Text as stored and exported: no control characters.

A control character (U+0000-U+001F but tab, line feed and carriage return; U+007F), a lone
surrogate or a non-character (U+FFFE, U+FFFF) has no business in a name, a note or an IT
system, and it breaks what reads the text later: PostgreSQL refuses NUL, an Excel workbook
refuses the rest (openpyxl raises ``IllegalCharacterError``), so one pasted character in one
shared record made an export fail for every municipality.

Cleaned, not refused (a vertical tab pasted from a word processor is no reason to lose a
form), in three places that together leave no way in:
- at the request boundary, before a service sees the text (a process's name goes into its
  BPMN map, which XML would refuse): ``CleanInputMiddleware`` for the pages' forms and
  ``CleanParser`` for the API's JSON bodies and form fields;
- at the model layer, whatever wrote the row (an import, the demo, a future path): every row is
  cleaned before it is written (``clean_text_fields``, run by a ``pre_save`` receiver for
  ``save()`` and by the kit's ``locked_update`` for its conditional UPDATE);
- in the exporters, for rows stored before this: ``columns.safe_cell`` cleans every text
  cell it writes.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, cast

from django.db import models
from django.http import HttpRequest, HttpResponse, QueryDict
from django.utils.datastructures import MultiValueDict
from ninja.parser import Parser
from ninja.types import DictStrAny

CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def clean_text(value: str) -> str:
    """``value`` without control characters (tab, line feed and carriage return stay)."""
    return CONTROL_CHARACTERS.sub("", value)


def clean_value(value: Any) -> Any:
    """A text, or the texts inside a JSON value (lists, objects: keys and values), cleaned."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list | tuple):
        return [clean_value(item) for item in value]
    if isinstance(value, dict):
        return {clean_value(key): clean_value(item) for key, item in value.items()}
    return value


_TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField)


def clean_text_fields(instance: models.Model) -> None:
    """Clean every text and JSON field of ``instance`` in place."""
    for field in instance._meta.concrete_fields:
        if not isinstance(field, _TEXT_FIELDS):
            continue
        value = getattr(instance, field.attname)
        cleaned = clean_value(value)
        if cleaned != value:
            setattr(instance, field.attname, cleaned)


def clean_before_save(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    """The ``pre_save`` receiver (connected in ``KitConfig.ready``): storage hygiene for every
    model, not domain logic."""
    clean_text_fields(instance)


# --- at the request boundary --------------------------------------------------------------
def clean_querydict(data: QueryDict) -> QueryDict:
    """A copy of a form's data (a ``QueryDict``) with its keys and texts cleaned."""
    cleaned = QueryDict(mutable=True, encoding=data.encoding)
    for key, values in data.lists():
        cleaned.setlist(clean_text(key), [clean_text(v) for v in values])
    cleaned._mutable = False
    return cleaned


class CleanInputMiddleware:
    """Cleans what a form posts before any view or form sees it, so a name pasted with a
    vertical tab is stored, shown and put in a BPMN map as the user meant it. A multipart post
    is cleaned only if its fields were already read (by the CSRF check): reading them here
    would fix the upload handlers before a view may choose its own."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, *args: Any) -> None:
        if request.method != "POST":
            return
        form_encoded = request.content_type == "application/x-www-form-urlencoded"
        if form_encoded or hasattr(request, "_post"):
            request.POST = clean_querydict(request.POST)  # type: ignore[assignment]


class CleanParser(Parser):
    """The API's parser: JSON bodies and form fields cleaned of control characters, as the
    pages' forms are (``CleanInputMiddleware``). Query parameters are not stored input and are
    left to the API's validation."""

    def parse_body(self, request: HttpRequest) -> DictStrAny:
        return cast(DictStrAny, clean_value(super().parse_body(request)))

    def parse_querydict(
        self, data: MultiValueDict, list_fields: list[str], request: HttpRequest
    ) -> DictStrAny:
        parsed = super().parse_querydict(data, list_fields, request)
        if data is request.POST:
            return cast(DictStrAny, clean_value(parsed))
        return parsed
