"""Filters on the analysis pages and in the API: several values, resources, attributes,
eventually-follows rules, chips that remove one filter each. Counts by hand on the running
example (resources per case: 1 Pete Sue Mike Sara; 2 Mike Sean Sara Ellen; 3 Pete Mike Ellen
Sara Sean; 4 Pete Mike Sean Sara Ellen; 5 Ellen Mike Pete Sara Sue; 6 Mike Ellen Sara)."""

from __future__ import annotations

import html
import re

import pytest
from django.urls import reverse

from procesbank.mining.tests.test_models import import_log

P = "/api/v1"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def log(konsulent):
    return import_log(konsulent)


def _cases_shown(client, user, log, query):
    client.force_login(user)
    response = client.get(reverse("mining:eventlog_overview", args=[log.pk]) + "?" + query)
    assert response.status_code == 200
    found = re.search(r'<strong data-testid="cases">(\d+)</strong>', response.content.decode())
    assert found
    return int(found.group(1)), response.content.decode()


@pytest.mark.parametrize(
    ("query", "cases"),
    [
        # Every chosen activity must occur: reinitiate and reject together only in case 5.
        ("med=reinitiate+request&med=reject+request", 1),
        # None of them may: 2 and 6 have neither a thorough examination nor a reinitiation.
        ("uden=reinitiate+request&uden=examine+thoroughly", 2),
        # Ends with either: all six.
        ("slut=reject+request&slut=pay+compensation", 6),
        # Sue worked on 1 and 5, Sean on 2, 3 and 4: any of them, five cases.
        ("ressource=Sue&ressource=Sean", 5),
        # One attribute, two values: any (as above); two attributes: both.
        ("egenskab=Resource%3DSue&egenskab=Resource%3DSean", 5),
        ("egenskab=Resource%3DSue&egenskab=Activity%3Dreinitiate+request", 1),
        # A check after a decision: only the loops (3 and 5).
        ("ef_fra=decide&ef_til=check+ticket", 2),
        # Filters combine: a loop, and Sue took part: 5.
        ("ef_fra=decide&ef_til=check+ticket&ressource=Sue", 1),
    ],
)
def test_multi_value_filters_count_the_cases_by_hand(client, konsulent, log, query, cases):
    shown, _content = _cases_shown(client, konsulent, log, query)
    assert shown == cases


def test_an_unknown_value_is_refused_in_danish_not_ignored(client, konsulent, log):
    shown, content = _cases_shown(client, konsulent, log, "ressource=Nobody")
    assert shown == 6  # no filter applied
    assert "Nobody er ikke en af de tilgængelige" in " ".join(html.unescape(content).split())


def test_each_chip_removes_its_own_filter_and_keeps_the_rest(client, konsulent, log):
    _shown, content = _cases_shown(
        client, konsulent, log, "med=decide&med=reject+request&ressource=Sue&stier=60"
    )
    chips = dict(
        (html.unescape(label), html.unescape(url))
        for url, label in re.findall(
            r'<a class="filter-chip" href="([^"]*)"[^>]*>\s*<span>([^<]*)</span>', content
        )
    )
    assert set(chips) == {
        "Sager med aktivitet: decide",
        "Sager med aktivitet: reject request",
        "Ressource: Sue",
    }
    without_reject = chips["Sager med aktivitet: reject request"]
    assert "med=decide" in without_reject
    assert "reject" not in without_reject
    assert "ressource=Sue" in without_reject
    assert "stier=60" in without_reject  # the map's slider is not a filter: kept
    # Following the chip: decide (all) and Sue (1, 5): two cases.
    shown, _ = _cases_shown(client, konsulent, log, without_reject.lstrip("?"))
    assert shown == 2


def test_removing_one_end_of_a_path_rule_removes_the_rule(client, konsulent, log):
    _shown, content = _cases_shown(client, konsulent, log, "ef_fra=decide&ef_til=check+ticket")
    found = re.findall(r'class="filter-chip" href="([^"]*)"', content)
    urls = [html.unescape(url) for url in found]
    assert len(urls) == 1  # one chip for the rule
    assert "Senere efterfulgt: decide → check ticket" in html.unescape(content)
    assert all("ef_fra" not in url and "ef_til" not in url for url in urls)


def test_the_api_takes_the_pages_filters(client, konsulent, log):
    client.force_login(konsulent)
    summary = client.get(
        f"{P}/eventlogs/{log.pk}/summary", {"ressource": ["Sue", "Sean"], "slut": "reject request"}
    ).json()
    # Sue or Sean (1-5), ending in a rejection (1, 4, 5): three cases.
    assert summary["cases"] == 3
    variants = client.get(
        f"{P}/eventlogs/{log.pk}/variants", {"ef_fra": "decide", "ef_til": "check ticket"}
    ).json()
    assert sum(variant["cases"] for variant in variants) == 2
    dfg = client.get(f"{P}/eventlogs/{log.pk}/dfg", {"med": "reinitiate request"}).json()
    # Cases 3 and 5 reinitiate; only 5 reinitiates twice.
    into_reinitiate = {
        (edge["source"], edge["frequency"])
        for edge in dfg
        if edge["target"] == "reinitiate request"
    }
    assert into_reinitiate == {("decide", 3)}


def test_the_api_refuses_an_invalid_filter_with_a_422_naming_it(client, konsulent, log):
    client.force_login(konsulent)
    response = client.get(f"{P}/eventlogs/{log.pk}/summary", {"ressource": "Nobody"})
    assert response.status_code == 422
    assert "ressource" in str(response.json()["detail"])


def test_filter_choices_of_another_municipalitys_log_are_not_reachable(
    client, konsulent, other_municipality, make_user
):
    log = import_log(konsulent)
    stranger = make_user(municipality=other_municipality)
    client.force_login(stranger)
    response = client.get(f"{P}/eventlogs/{log.pk}/summary", {"ressource": "Sue"})
    assert response.status_code == 404
