"""The search's per-user budget (search/ratelimit.py): page and API together, refused with a
Danish 429 past it, counted per user and per minute. The clock is moved, never slept on."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.urls import reverse

from procesbank.kit import ratelimit

URL = reverse("search:search")
API = "/api/v1/search"
MESSAGE = "Du har søgt mange gange på kort tid. Vent et øjeblik (højst et minut), og søg så igen."


@pytest.fixture(autouse=True)
def clock(settings, monkeypatch):
    """Two searches a minute, a clean cache and a clock standing at 01:00:30 UTC (a minute's
    middle: seconds 1,796,000,430 since the epoch = 29,933,340 minutes and 30 seconds)."""
    settings.PROCESBANK_SEARCH_RATE_LIMIT = 2
    cache.clear()
    clock = {"now": 1_796_000_430.0}
    monkeypatch.setattr(ratelimit, "now", lambda: clock["now"])
    return clock


def test_the_page_refuses_the_third_search_in_a_minute_kindly(client, konsulent):
    client.force_login(konsulent)

    answers = [client.get(URL, {"q": "byggetilladelse"}) for _ in range(3)]

    assert [a.status_code for a in answers] == [200, 200, 429]
    assert MESSAGE in answers[2].content.decode()
    assert "Vent et øjeblik" in answers[2].content.decode()


def test_the_api_refuses_past_the_budget_with_json(client, konsulent):
    client.force_login(konsulent)

    answers = [client.get(API, {"q": "byggetilladelse"}) for _ in range(3)]

    assert [a.status_code for a in answers] == [200, 200, 429]
    assert answers[2].json() == {"detail": MESSAGE}


def test_page_and_api_share_one_budget(client, konsulent):
    client.force_login(konsulent)

    client.get(URL, {"q": "a"})
    client.get(API, {"q": "b"})

    assert client.get(URL, {"q": "c"}).status_code == 429


def test_the_budget_is_per_user(client, konsulent, other_konsulent):
    client.force_login(konsulent)
    for _ in range(3):
        client.get(URL, {"q": "byggetilladelse"})
    client.force_login(other_konsulent)

    assert client.get(URL, {"q": "byggetilladelse"}).status_code == 200


def test_the_next_minute_brings_a_new_budget(client, konsulent, clock):
    client.force_login(konsulent)
    for _ in range(3):
        client.get(URL, {"q": "byggetilladelse"})

    clock["now"] += 29.0  # 01:00:59, still the same minute
    same_minute = client.get(URL, {"q": "byggetilladelse"})
    clock["now"] += 1.0  # 01:01:00
    next_minute = client.get(URL, {"q": "byggetilladelse"})

    assert (same_minute.status_code, next_minute.status_code) == (429, 200)


def test_opening_the_empty_search_page_spends_nothing(client, konsulent):
    client.force_login(konsulent)

    for _ in range(3):
        assert client.get(URL).status_code == 200

    assert client.get(URL, {"q": "byggetilladelse"}).status_code == 200


def test_a_limit_of_zero_turns_the_budget_off(client, konsulent, settings):
    settings.PROCESBANK_SEARCH_RATE_LIMIT = 0
    client.force_login(konsulent)

    answers = [client.get(API, {"q": "x"}).status_code for _ in range(5)]

    assert answers == [200] * 5
