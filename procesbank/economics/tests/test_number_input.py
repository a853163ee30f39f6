"""The business-case forms read amounts and percentages typed the Danish or the English way,
on a Danish and an English page, and show stored amounts in the page's language."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import translation

from procesbank.economics.forms import LineForm, TimeSavingForm, amounts_text


@pytest.mark.parametrize("language", ["da", "en"])
@pytest.mark.parametrize(("likely", "risk"), [("1.234,5; 25,6", "12,5"), ("1,234.5; 25.6", "12.5")])
def test_a_line_reads_amounts_and_risk_typed_either_way(language, likely, risk):
    data = {"kind": "cost", "category": "budget_relevant", "name": "Licens", "lock_version": 0}

    with translation.override(language):
        form = LineForm(data={**data, "likely": likely, "risk_percent": risk})

        assert form.is_valid(), form.errors
    assert form.cleaned_data["likely"] == [Decimal("1234.5"), Decimal("25.6")]
    assert form.cleaned_data["risk_percent"] == Decimal("0.125")


@pytest.mark.parametrize("language", ["da", "en"])
@pytest.mark.parametrize("typed", ["25,6", "25.6"])
def test_an_hourly_rate_reads_either_way(language, typed):
    with translation.override(language):
        form = TimeSavingForm(data={"hourly_rate": typed, "lock_version": 0})

        assert form.is_valid(), form.errors
    assert form.cleaned_data["hourly_rate"] == Decimal("25.6")


@pytest.mark.parametrize(
    ("language", "expected"), [("da", "100.000; 1.250,50"), ("en", "100,000; 1,250.50")]
)
def test_stored_amounts_are_shown_in_the_pages_language(language, expected):
    with translation.override(language):
        assert amounts_text(["100000", "1250.50"]) == expected
