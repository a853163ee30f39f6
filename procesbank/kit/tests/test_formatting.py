"""The one date and number style of the house (``procesbank.kit.formatting``): Danish per
Dansk Sprognævn ("5.12.2026", "5. december 2026", "okt. 2026"), English its own
("2026-12-05", "5 December 2026", "Oct 2026")."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.utils import translation

from procesbank.core.errors import UserError, gettext_noop
from procesbank.kit.formatting import (
    NotANumber,
    day_month,
    long_date,
    money,
    month_abbreviations,
    month_year,
    number,
    parse_number,
    percent,
    quarter,
    short_date,
    short_date_time,
)

# 5 December 2026 13:05 UTC is 14:05 in Copenhagen (winter time, UTC+1).
AFTERNOON_UTC = datetime(2026, 12, 5, 13, 5, tzinfo=UTC)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("da", ("5.12.2026", "5.12.2026 14:05", "5. december 2026", "5. dec.", "dec. 2026")),
        ("en", ("2026-12-05", "2026-12-05 14:05", "5 December 2026", "5 Dec", "Dec 2026")),
    ],
)
def test_a_date_in_each_style_follows_the_language(language, expected):
    with translation.override(language):
        shown = (
            short_date(date(2026, 12, 5)),
            short_date_time(AFTERNOON_UTC),
            long_date(AFTERNOON_UTC),
            day_month(date(2026, 12, 5)),
            month_year(date(2026, 12, 5)),
        )

    assert shown == expected


@pytest.mark.parametrize(("language", "expected"), [("da", "2026 K2"), ("en", "Q2 2026")])
def test_a_quarter_follows_the_language(language, expected):
    with translation.override(language):
        assert quarter(date(2026, 6, 30)) == expected


def test_a_short_danish_date_has_no_leading_zeros():
    with translation.override("da"):
        assert short_date(date(2026, 7, 1)) == "1.7.2026"


def test_danish_months_are_abbreviated_in_lower_case_with_a_period_except_maj():
    with translation.override("da"):
        months = month_abbreviations()

    assert months == (
        "jan.", "feb.", "mar.", "apr.", "maj", "jun.",
        "jul.", "aug.", "sep.", "okt.", "nov.", "dec.",
    )  # fmt: skip


def test_english_months_are_abbreviated_in_title_case_without_a_period():
    with translation.override("en"):
        assert (month_abbreviations()[4], month_year(date(2026, 10, 1))) == ("May", "Oct 2026")


def test_a_chart_month_in_may_and_june_reads_maj_and_jun():
    with translation.override("da"):
        assert (month_year(date(2026, 5, 1)), month_year(date(2026, 6, 1))) == (
            "maj 2026",
            "jun. 2026",
        )


def test_the_local_day_of_new_years_eve_late_evening_is_new_years_day():
    late = datetime(2026, 12, 31, 23, 30, tzinfo=UTC)  # 00:30 on 1 January in Copenhagen

    with translation.override("da"):
        assert (short_date(late), long_date(late), month_year(late)) == (
            "1.1.2027",
            "1. januar 2027",
            "jan. 2027",
        )


def test_no_date_shows_nothing():
    assert {short_date(None), short_date_time(None), long_date(None), month_year(None)} == {""}


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("da", ("1.924", "0,18", "1.234,50 kr.", "25,5 %", "0")),
        ("en", ("1,924", "0.18", "DKK 1,234.50", "25.5 %", "0")),
    ],
)
def test_numbers_money_and_percent_follow_the_language(language, expected):
    with translation.override(language):
        shown = (
            number(1924),
            number(Decimal("0.175"), 2),  # half up: 0.175 -> 0.18
            money(1234.5),
            percent(Decimal("0.255"), 1),
            number(Decimal("-0.4")),
        )

    assert shown == expected


def test_a_number_without_fixed_decimals_shows_those_it_has():
    with translation.override("da"):
        shown = (number(Decimal("3.50"), None), percent(Decimal("0.0325"), None), number(12, None))

    assert shown == ("3,5", "3,25 %", "12")


def test_no_number_shows_nothing():
    assert {number(None), number(""), number("abc"), money(None), percent(None)} == {""}


@pytest.mark.parametrize("language", ["da", "en"])
@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("25,6", Decimal("25.6")),
        ("25.6", Decimal("25.6")),
        ("1.234,5", Decimal("1234.5")),
        ("1,234.5", Decimal("1234.5")),
        ("1.234.567,25", Decimal("1234567.25")),
        ("0.125", Decimal("0.125")),
        ("0,125", Decimal("0.125")),
        ("-3,5", Decimal("-3.5")),
        ("1 234,5", Decimal("1234.5")),
        ("1\u00a0234,5", Decimal("1234.5")),
        ("42", Decimal(42)),
    ],
)
def test_a_number_typed_either_way_reads_the_same_in_both_languages(language, typed, expected):
    with translation.override(language):
        assert parse_number(typed) == expected


@pytest.mark.parametrize(
    ("language", "expected"), [("da", Decimal(1234)), ("en", Decimal("1.234"))]
)
def test_a_lone_dot_before_three_digits_groups_thousands_only_on_a_danish_page(language, expected):
    with translation.override(language):
        assert parse_number("1.234") == expected


@pytest.mark.parametrize(
    ("language", "expected"), [("da", Decimal("1.234")), ("en", Decimal(1234))]
)
def test_a_lone_comma_before_three_digits_groups_thousands_only_on_an_english_page(
    language, expected
):
    with translation.override(language):
        assert parse_number("1,234") == expected


@pytest.mark.parametrize("typed", ["", "abc", "1,2,3", "1.2.3", "12,5.3", "1.23,4,5", "Infinity"])
def test_what_is_not_a_number_is_refused(typed):
    with translation.override("da"), pytest.raises(NotANumber):
        parse_number(typed)


@pytest.mark.parametrize(
    ("language", "expected"), [("da", "fra 1.7.2026."), ("en", "fra 2026-07-01.")]
)
def test_a_date_in_a_pure_modules_message_reads_as_on_the_pages(language, expected):
    error = UserError(gettext_noop("fra %(date)s."), date=date(2026, 7, 1))

    with translation.override(language):
        assert error.render() == expected
