"""A shared candidate linked to a process its owner kept private (issue 12, finding 2): another
municipality sees "en proces fra <kommune> (ikke delt)", no name, no address and no figures
derived from the process, on the page, in the list, the exports and the API."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from procesbank.catalogue import selectors
from procesbank.catalogue.tests.conftest import ANSWERS, measure
from procesbank.organisations.services import api_token_create

PRIVATE_NAME = "Fortroligt tilsyn med plejehjem"


@pytest.fixture
def candidate(konsulent, make_process, make_candidate):
    """Helsingør's shared candidate on Helsingør's private process of 1,000 cases a year,
    6 minutes a case: 100 hours a year."""
    process = make_process(name=PRIVATE_NAME, visibility="own", yearly_volume=1000)
    measure(konsulent, process, minutes=6.0)
    return make_candidate(process=process, answers=ANSWERS)


def test_the_owner_sees_the_process_and_its_figures(client, konsulent, candidate):
    client.force_login(konsulent)

    page = client.get(reverse("catalogue:candidate_detail", args=[candidate.pk])).content.decode()

    assert candidate.hours_per_year == pytest.approx(100)
    assert PRIVATE_NAME in page
    assert reverse("processes:process_detail", args=[candidate.process_id]) in page


def test_another_municipality_sees_only_whose_process_it_is(client, other_konsulent, candidate):
    client.force_login(other_konsulent)

    page = client.get(reverse("catalogue:candidate_detail", args=[candidate.pk])).content.decode()

    assert PRIVATE_NAME not in page
    assert reverse("processes:process_detail", args=[candidate.process_id]) not in page
    assert "en proces fra Helsingør (ikke delt)" in page
    assert "Beregnes ud fra processen, som ikke er delt med jer." in page


def test_the_api_sends_no_process_id_and_no_derived_figures(client, other_konsulent, candidate):
    _token, raw = api_token_create(user=other_konsulent, name="t")
    headers = {"Authorization": f"Bearer {raw}"}

    detail = client.get(f"/api/v1/catalogue/candidates/{candidate.pk}", headers=headers).json()
    listed = client.get("/api/v1/catalogue/candidates", headers=headers).json()["items"]

    assert detail["process_id"] is None
    assert detail["process_label"] == "en proces fra Helsingør (ikke delt)"
    assert detail["hours_per_year"] is None
    assert detail["expected_hours"] is None
    assert detail["expected_kroner"] is None
    (row,) = listed
    assert (row["hours_per_year"], row["expected_hours"], row["expected_kroner"]) == (
        None,
        None,
        None,
    )


def test_the_owner_s_api_keeps_the_figures(client, konsulent, candidate):
    _token, raw = api_token_create(user=konsulent, name="t")

    detail = client.get(
        f"/api/v1/catalogue/candidates/{candidate.pk}",
        headers={"Authorization": f"Bearer {raw}"},
    ).json()

    assert detail["process_id"] == candidate.process_id
    assert detail["hours_per_year"] == pytest.approx(100)


def test_the_list_and_export_leave_the_derived_figures_empty(client, other_konsulent, candidate):
    client.force_login(other_konsulent)
    url = reverse("catalogue:catalogue_export", args=["csv"])

    content = client.get(url + "?vis=kandidater").content.decode("utf-8-sig")
    (header, row) = list(csv.reader(io.StringIO(content), delimiter=";"))
    values = dict(zip(header, row, strict=True))

    assert values["Timer pr. år"] == ""
    assert values["Forventet sparede timer pr. år"] == ""
    assert values["Forventet besparelse (kr.)"] == ""


def test_candidate_process_link_is_checked_per_reader(konsulent, other_konsulent, candidate):
    mine = selectors.candidate_process_link(user=konsulent, candidate=candidate)
    theirs = selectors.candidate_process_link(user=other_konsulent, candidate=candidate)

    assert mine is not None
    assert mine.live
    assert mine.label == PRIVATE_NAME
    assert theirs is not None
    assert not theirs.live
    assert theirs.url == ""


def test_a_shared_event_log_does_not_reveal_its_private_process(
    client, konsulent, other_konsulent, settings, tmp_path
):
    from procesbank.mining.models import EventLog
    from procesbank.mining.tests.test_models import import_log
    from procesbank.processes import services as process_services

    settings.MEDIA_ROOT = tmp_path
    process = process_services.process_create(
        user=other_konsulent, name=PRIVATE_NAME, visibility="own"
    )
    log = import_log(other_konsulent, name="Gribskovs delte log", visibility="collaboration")
    EventLog.objects.filter(pk=log.pk).update(process=process)
    client.force_login(konsulent)

    for name in ("mining:eventlog_overview", "mining:eventlog_conformance"):
        page = client.get(reverse(name, args=[log.pk])).content.decode()

        assert PRIVATE_NAME not in page, name
        assert reverse("processes:process_detail", args=[process.pk]) not in page
    assert (
        "en proces fra Gribskov (ikke delt)"
        in client.get(reverse("mining:eventlog_overview", args=[log.pk])).content.decode()
    )


def test_sorting_by_saving_orders_by_what_the_reader_may_see(
    konsulent, other_konsulent, make_process, make_candidate, candidate
):
    """Helsingør's candidate saves hours only Helsingør may know; for Gribskov it sorts after
    a candidate with a smaller saving it can see, so the order gives nothing away."""
    shared = make_process(name="Åbent tilsyn", visibility="collaboration", yearly_volume=100)
    measure(konsulent, shared, minutes=6.0)
    small = make_candidate(title="Lille robot", process=shared, answers=ANSWERS)
    assert 0 < small.expected_hours < candidate.expected_hours
    by_saving = selectors.CatalogueFilters(sort="-saving")

    for_owner = selectors.catalogue_candidates(user=konsulent, filters=by_saving)
    for_other = selectors.catalogue_candidates(user=other_konsulent, filters=by_saving)

    assert list(for_owner) == [candidate, small]
    assert list(for_other) == [small, candidate]
