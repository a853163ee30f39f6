"""kit/api.py: which JSON values a body field refuses before pydantic's lax mode sees them."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

import pytest
from django.db import models

from procesbank.kit.api import json_type_refusal


class Colour(models.TextChoices):
    RED = "red", "Rød"


@pytest.mark.parametrize(
    ("annotation", "value", "refusal"),
    [
        (int, False, "number_type"),
        (int | None, "5", "number_type"),
        (float, True, "number_type"),
        (Decimal, False, "number_type"),
        (Decimal, "12.50", None),  # the API writes decimals as strings
        (list[Decimal], [1, False], "number_type"),
        (list[Decimal], [1, "2"], None),
        (bool, 1, "bool_type"),
        (bool, "true", "bool_type"),
        (bool | None, None, None),
        (str, 5, None),  # pydantic refuses it itself (string_type)
        (Colour | Literal[""] | None, "red", None),
        (dict[str, str], {"a": "b"}, None),
        (int, 7, None),
    ],
)
def test_json_type_refusal(annotation, value, refusal):
    assert json_type_refusal(annotation, value) == refusal
