"""Every page and PDF of the library, projects, economics and benefits shows a date one way:
"1.7.2026" in Danish, ISO "2026-07-01" in English (the ``day`` / ``day_time`` filters)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.utils import translation

from procesbank.economics.models import DiscountRate
from procesbank.kit.templatetags.procesbank import day, day_time

# 1 July 2026 12:05 UTC is 14:05 in Copenhagen (summer time, UTC+2).
NOON_UTC = datetime(2026, 7, 1, 12, 5, tzinfo=UTC)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("da", ("1.7.2026", "1.7.2026", "1.7.2026 14:05")),
        ("en", ("2026-07-01",) * 2 + ("2026-07-01 14:05",)),
    ],
)
def test_day_and_day_time_follow_the_language(language, expected):
    with translation.override(language):
        shown = (day(date(2026, 7, 1)), day(NOON_UTC), day_time(NOON_UTC))

    assert shown == expected


def test_no_date_shows_nothing():
    assert (day(None), day_time(None)) == ("", "")


def test_the_local_day_of_a_late_evening_is_the_next_day_in_copenhagen():
    late = datetime(2026, 12, 31, 23, 30, tzinfo=UTC)  # 00:30 on 1 January in Copenhagen

    with translation.override("da"):
        assert day(late) == "1.1.2027"


@pytest.mark.parametrize(
    ("language", "expected"), [("da", "<td>1.7.2031</td>"), ("en", "<td>2031-07-01</td>")]
)
def test_the_discount_rate_page_uses_the_same_date_format(client, konsulent, language, expected):
    DiscountRate.objects.create(valid_from=date(2031, 7, 1), rate=Decimal("0.035"))
    client.force_login(konsulent)
    client.post("/i18n/setlang/", {"language": language, "next": "/"})

    html = client.get("/diskonteringsrenter/").content.decode()

    assert expected in html
