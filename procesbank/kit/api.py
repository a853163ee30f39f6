"""The API's own contract, shared by every app's router: strict request bodies and the errors.

Bodies are JSON, so their types are JSON's: pydantic's lax mode would take ``false`` for a
number, ``"12"`` for an integer or ``1`` for a boolean, and a client's mistake would be saved
as a value nobody sent. :class:`BodySchema` (the base of every ``...In``/``...Patch``) refuses
those; a decimal may still come as a string (``"12.50"``), as the API itself writes decimals.

Every error answers ``{"detail": ...}``: a sentence for 400/401/403/404/409 and for a rule of
the domain (422), or for a malformed request (422) a list of ``{"loc", "msg", "type"}`` with
the field's path and the message in the user's language (:func:`validation_details`).
"""

from __future__ import annotations

import json
import re
import types
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Annotated, Any, Literal, Union, cast, get_args, get_origin

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Schema
from pydantic import ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from procesbank.kit.text import CleanParser, clean_value

NUMBER_TYPES = (int, float, Decimal)


def _leaves(annotation: Any) -> list[Any]:
    """The alternatives of a type: ``int | None`` gives ``[int, NoneType]``."""
    origin = get_origin(annotation)
    if origin is Annotated:
        return _leaves(get_args(annotation)[0])
    if origin is Union or origin is types.UnionType:
        return [leaf for arg in get_args(annotation) for leaf in _leaves(arg)]
    return [annotation]


def _is_textual(leaf: Any) -> bool:
    """Types whose JSON form is a string: text, dates, choices."""
    if get_origin(leaf) is Literal:
        return any(isinstance(arg, str) for arg in get_args(leaf))
    return isinstance(leaf, type) and issubclass(leaf, str | date | datetime | Enum)


def json_type_refusal(annotation: Any, value: Any) -> str | None:
    """Why ``value`` (as parsed from JSON) is not of ``annotation``'s JSON type, as a pydantic
    error type (``number_type`` / ``bool_type``), or None when pydantic may judge it."""
    if value is None:
        return None
    leaves = [leaf for leaf in _leaves(annotation) if leaf is not type(None)]
    if any(leaf is Any for leaf in leaves):
        return None
    numeric = any(leaf in NUMBER_TYPES for leaf in leaves)
    boolean = bool in leaves
    textual = any(_is_textual(leaf) for leaf in leaves)
    if isinstance(value, bool):
        return "number_type" if numeric and not boolean else None
    if isinstance(value, int | float):
        return "bool_type" if boolean and not numeric else None
    if isinstance(value, str) and not textual:
        if boolean:
            return "bool_type"
        if numeric and Decimal not in leaves:
            return "number_type"
        return None
    if isinstance(value, list):
        for leaf in leaves:
            if get_origin(leaf) is list and get_args(leaf):
                for item in value:
                    refusal = json_type_refusal(get_args(leaf)[0], item)
                    if refusal:
                        return refusal
    return None


class BodySchema(Schema):
    """Base of every request body: JSON's types, strictly (see the module's docstring)."""

    @field_validator("*", mode="before")
    @classmethod
    def _json_types(cls, value: Any, info: ValidationInfo) -> Any:
        field = cls.model_fields.get(info.field_name or "")
        if field is not None:
            refusal = json_type_refusal(field.annotation, value)
            if refusal:
                raise PydanticCustomError(refusal, "JSON type")
        return value


class BodyRefusedError(ValueError):
    """A JSON body refused before any schema sees it; ``details`` in the shape of
    :func:`validation_details`."""

    def __init__(self, details: list[dict[str, Any]]) -> None:
        super().__init__(details)
        self.details = details


def nul_locations(value: Any, loc: list[str | int]) -> list[list[str | int]]:
    """Where a text in ``value`` (a JSON value, or a query's values) holds a NUL character:
    no database column can store it (PostgreSQL refuses it), and no person types it."""
    if isinstance(value, str):
        return [loc] if "\x00" in value else []
    if isinstance(value, dict):
        return [
            place
            for key, item in value.items()
            for place in (
                [[*loc, str(key)]] if "\x00" in str(key) else nul_locations(item, [*loc, key])
            )
        ]
    if isinstance(value, list | tuple):
        return [place for i, item in enumerate(value) for place in nul_locations(item, [*loc, i])]
    return []


def nul_details(locations: Iterable[list[str | int]]) -> list[dict[str, Any]]:
    message = _("Må ikke indeholde et NUL-tegn.")
    return [{"loc": loc, "msg": message, "type": "string_nul"} for loc in locations]


class ObjectBodyParser(CleanParser):
    """Every body of this API is a JSON object without NUL characters: anything else is refused
    before it reaches a schema (django-ninja would otherwise read a bare value as an empty set
    of fields). A NUL is refused (a sign of a broken client); the other control characters are
    cleaned as the pages' forms clean them (kit/text.py)."""

    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        data = json.loads(request.body)
        if not isinstance(data, dict):
            raise BodyRefusedError(
                [{"loc": ["body"], "msg": _("Skal være et JSON-objekt."), "type": "model_type"}]
            )
        if places := nul_locations(data, ["body"]):
            raise BodyRefusedError(nul_details(places))
        return cast(dict[str, Any], clean_value(data))


# --- Errors ---------------------------------------------------------------------------------


class ErrorOut(Schema):
    """A refusal in one sentence, in the user's language."""

    detail: str


class StaleOut(Schema):
    """A write based on an older version than the stored one (409 Conflict): nothing was
    written. ``updated_by`` / ``updated_at`` say who saved in between and when."""

    detail: str
    updated_by: str | None
    updated_at: datetime | None


class FieldErrorOut(Schema):
    loc: list[str | int] = Field(
        ..., description='Where: ["body", "discount_rate"], ["query", "page"], ["path", "id"].'
    )
    msg: str = Field(..., description="What is wrong, in the user's language.")
    type: str = Field(..., description="A stable code for the kind of error.")


class ValidationErrorOut(Schema):
    """A request the API cannot take: either one sentence (a rule of the domain), or a list of
    what is wrong with which field."""

    detail: str | list[FieldErrorOut]


def _messages() -> dict[str, str]:
    # Built per call: the messages are in the language of the request being answered.
    number = _("Skal være et tal.")
    integer = _("Skal være et heltal.")
    date_msg = _("Skal være en dato (ÅÅÅÅ-MM-DD).")
    moment = _("Skal være et tidspunkt (ISO 8601).")
    obj = _("Skal være et JSON-objekt.")
    return {
        "missing": _("Feltet skal udfyldes."),
        "number_type": number,
        "float_type": number,
        "float_parsing": number,
        "decimal_type": number,
        "decimal_parsing": number,
        "finite_number": _("Skal være et endeligt tal."),
        "decimal_max_digits": _("Tallet har for mange cifre."),
        "decimal_max_places": _("Tallet har for mange decimaler."),
        "decimal_whole_digits": _("Tallet har for mange cifre."),
        "int_type": integer,
        "int_parsing": integer,
        "int_from_float": integer,
        "int_parsing_size": _("Tallet er for stort."),
        "bool_type": _("Skal være true eller false."),
        "bool_parsing": _("Skal være true eller false."),
        "string_type": _("Skal være en tekst."),
        "string_too_short": _("Skal være mindst %(min_length)s tegn."),
        "string_too_long": _("Må højst være %(max_length)s tegn."),
        "greater_than_equal": _("Skal være mindst %(ge)s."),
        "greater_than": _("Skal være større end %(gt)s."),
        "less_than_equal": _("Må højst være %(le)s."),
        "less_than": _("Skal være mindre end %(lt)s."),
        "enum": _("Skal være en af: %(expected)s."),
        "literal_error": _("Skal være en af: %(expected)s."),
        "list_type": _("Skal være en liste."),
        "too_short": _("Skal have mindst %(min_length)s elementer."),
        "too_long": _("Må højst have %(max_length)s elementer."),
        "dict_type": obj,
        "model_type": obj,
        "model_attributes_type": obj,
        "date_type": date_msg,
        "date_parsing": date_msg,
        "date_from_datetime_parsing": date_msg,
        "date_from_datetime_inexact": date_msg,
        "datetime_type": moment,
        "datetime_parsing": moment,
        "datetime_from_date_parsing": moment,
        "string_unicode": _("Teksten er ikke gyldig Unicode."),
        "json_invalid": _("Forespørgslens indhold er ikke gyldig JSON."),
        "uuid_parsing": _("Skal være et UUID."),
        "url_parsing": _("Skal være en webadresse."),
    }


def _message(error: Mapping[str, Any], messages: Mapping[str, str]) -> str:
    kind = error.get("type", "")
    if kind == "value_error":  # a validator's own message (already the user's language)
        cause = (error.get("ctx") or {}).get("error")
        return str(cause) if cause is not None else _("Ugyldig værdi.")
    template = messages.get(kind)
    if template is None:
        return _("Ugyldig værdi.")
    context = {key: str(value) for key, value in (error.get("ctx") or {}).items()}
    try:
        return template % context
    except (KeyError, ValueError):
        return template.split("%(")[0].rstrip(": ") or _("Ugyldig værdi.")


_UNION_TAG = re.compile(r"decimal|int|float|str|bool|date|datetime|literal\[.*\]")


def validation_details(
    errors: Iterable[Mapping[str, Any]], *, body_params: Iterable[str] = ()
) -> list[dict[str, Any]]:
    """pydantic's (or django-ninja's) errors as ``{"loc", "msg", "type"}`` in the user's
    language. A body's location leaves out the view's parameter name: ``["body", "name"]``."""
    messages = _messages()
    params = set(body_params)
    result = []
    unions: set[tuple[Any, ...]] = set()
    for error in errors:
        loc = list(error.get("loc", ()))
        if len(loc) > 1 and loc[0] == "body" and loc[1] in params:
            del loc[1]
        # A field of several types (a number or "finansministeriet") gets one error per
        # alternative, each located under the alternative's type tag; the caller is told once,
        # at the field, with the first alternative's message.
        if len(loc) > 2 and isinstance(loc[-1], str) and _UNION_TAG.fullmatch(loc[-1]):
            loc = loc[:-1]
            if tuple(loc) in unions:
                continue
            unions.add(tuple(loc))
        result.append(
            {
                "loc": [part if isinstance(part, int) else str(part) for part in loc],
                "msg": _message(error, messages),
                "type": str(error.get("type", "value_error")),
            }
        )
    return result


def django_validation_details(message_dict: Mapping[str, Iterable[str]]) -> list[dict[str, Any]]:
    """A Django ``ValidationError``'s messages by field, in the same shape: ``__all__`` (a rule
    over several fields) is located at the body itself."""
    return [
        {
            "loc": ["body"] if field == "__all__" else ["body", field],
            "msg": str(message),
            "type": "value_error",
        }
        for field, field_messages in message_dict.items()
        for message in field_messages
    ]
