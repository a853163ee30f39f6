"""The OS2autoproces facts of a candidate: domains, run schedule, KL's generic process, target
groups, vendor, dates, code link and the internal ESDH reference."""

from __future__ import annotations

import csv
from datetime import date
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from procesbank.catalogue import selectors, services
from procesbank.catalogue.models import Event
from procesbank.catalogue.selectors import CatalogueFilters


def _titles(user, **filters) -> list[str]:
    found = selectors.catalogue_candidates(user=user, filters=CatalogueFilters(**filters))
    return [c.title for c in found]


def _export(client) -> list[dict[str, str]]:
    response = client.get(
        reverse("catalogue:catalogue_export", args=["csv"]), {"vis": "kandidater"}
    )
    text = response.content.decode("utf-8-sig")
    return list(csv.DictReader(StringIO(text), delimiter=";"))


def test_domains_are_kept_in_list_order_once_each(make_candidate):
    candidate = make_candidate(domains=["it", "health", "it"])

    assert candidate.domains == ["health", "it"]
    assert candidate.domain_labels == ["Sundhed", "IT"]


def test_unknown_domain_is_refused_in_danish(make_candidate):
    with pytest.raises(ValidationError) as error:
        make_candidate(domains=["space"])

    assert error.value.message_dict == {"domains": ["Vælg fagområder fra listen."]}


def test_decommissioning_before_operation_is_refused(make_candidate):
    with pytest.raises(ValidationError) as error:
        make_candidate(in_operation_on=date(2026, 3, 1), decommissioned_on=date(2026, 2, 28))

    assert error.value.message_dict == {
        "decommissioned_on": ["Datoen for ud af drift ligger før datoen for i drift."]
    }


def test_filters_on_domain_run_schedule_and_kl_generic(konsulent, other_konsulent, make_candidate):
    make_candidate(title="Sundhed dagligt", domains=["health"], run_schedule="daily")
    make_candidate(title="IT ugentligt KL", domains=["it"], run_schedule="weekly", kl_generic=True)
    make_candidate(title="Sundhed privat", domains=["health"], visibility="own")
    make_candidate(user=other_konsulent, title="Nabo sundhed", domains=["health", "hr"])

    assert _titles(other_konsulent, domain="health") == ["Nabo sundhed", "Sundhed dagligt"]
    assert _titles(konsulent, domain="health") == [
        "Nabo sundhed",
        "Sundhed dagligt",
        "Sundhed privat",
    ]
    assert _titles(other_konsulent, domain="hr") == ["Nabo sundhed"]
    assert _titles(other_konsulent, run_schedule="weekly") == ["IT ugentligt KL"]
    assert _titles(other_konsulent, kl_generic="ja") == ["IT ugentligt KL"]
    assert _titles(other_konsulent, kl_generic="nej") == ["Nabo sundhed", "Sundhed dagligt"]


def test_catalogue_page_filters_by_domain_from_the_url(client, other_konsulent, make_candidate):
    make_candidate(title="Sundhed dagligt", domains=["health"])
    make_candidate(title="Økonomi", domains=["economy"])
    client.force_login(other_konsulent)

    response = client.get(reverse("catalogue:catalogue"), {"vis": "kandidater", "domain": "health"})

    assert [c.title for c in response.context["page"].object_list] == ["Sundhed dagligt"]


def test_form_saves_the_new_facts(client, konsulent):
    client.force_login(konsulent)

    response = client.post(
        reverse("catalogue:candidate_create"),
        {
            "title": "Ny robot", "phase": "operation", "status": "in_progress",
            "technology": "rpa", "visibility": "collaboration",
            "domains": ["economy", "hr"], "run_schedule": "monthly", "kl_generic": "on",
            "kl_id": "KL-7", "targets_companies": "on", "vendor": "Netcompany",
            "in_operation_on": "2026-01-15", "code_repository_url": "https://example.org/r",
            "esdh_reference": "00.01.00-A00-1-26",
        },
    )  # fmt: skip

    assert response.status_code == 302
    detail = client.get(response["Location"])
    candidate = detail.context["candidate"]
    assert (candidate.domains, candidate.run_schedule, candidate.kl_generic) == (
        ["hr", "economy"],
        "monthly",
        True,
    )
    assert (candidate.targets_citizens, candidate.targets_companies) == (False, True)
    assert candidate.in_operation_on == date(2026, 1, 15)
    html = detail.content.decode()
    assert "HR, Økonomi" in html
    assert "00.01.00-A00-1-26" in html


def test_esdh_reference_is_shown_to_own_editors_only(
    client, konsulent, other_konsulent, make_candidate
):
    candidate = make_candidate(esdh_reference="27.69.48-K07-3-26", vendor="KMD")
    url = reverse("catalogue:candidate_detail", args=[candidate.pk])

    client.force_login(konsulent)
    own = client.get(url).content.decode()
    client.force_login(other_konsulent)
    other = client.get(url).content.decode()

    assert "27.69.48-K07-3-26" in own
    assert "27.69.48-K07-3-26" not in other
    assert "KMD" in other


def test_api_gives_the_esdh_reference_to_owner_editors_only(
    client, konsulent, other_konsulent, make_candidate
):
    candidate = make_candidate(esdh_reference="27.69.48-K07-3-26", domains=["social"])
    url = f"/api/v1/catalogue/candidates/{candidate.pk}"

    client.force_login(konsulent)
    own = client.get(url).json()
    client.force_login(other_konsulent)
    other = client.get(url).json()

    assert own["esdh_reference"] == "27.69.48-K07-3-26"
    assert other["esdh_reference"] is None
    assert other["domains"] == ["social"]


def test_api_creates_and_filters_with_the_new_facts(client, konsulent, other_konsulent):
    client.force_login(konsulent)
    created = client.post(
        "/api/v1/catalogue/candidates",
        {"title": "Robot", "domains": ["culture"], "run_schedule": "yearly", "kl_generic": True,
         "in_operation_on": "2026-02-01"},
        content_type="application/json",
    )  # fmt: skip
    client.force_login(other_konsulent)

    found = client.get("/api/v1/catalogue/candidates", {"domain": "culture", "kl_generic": "ja"})

    assert created.status_code == 201
    assert [(c["title"], c["run_schedule"]) for c in found.json()["items"]] == [("Robot", "yearly")]


def test_export_has_the_new_columns_and_esdh_for_own_rows_only(
    client, konsulent, other_konsulent, make_candidate
):
    make_candidate(
        title="Egen", domains=["social", "health"], run_schedule="daily", kl_generic=True,
        kl_id="KL-1", targets_citizens=True, vendor="KMD", in_operation_on=date(2025, 5, 1),
        esdh_reference="A-1",
    )  # fmt: skip
    make_candidate(user=other_konsulent, title="Nabo", esdh_reference="B-2")
    client.force_login(konsulent)

    rows = {row["Titel"]: row for row in _export(client)}

    own = rows["Egen"]
    assert (own["Fagområder"], own["Kørselsfrekvens"], own["KL's generiske proces"]) == (
        "Social, Sundhed",
        "Dagligt",
        "Ja",
    )
    assert (own["KL-id"], own["Borgere"], own["Virksomheder"], own["Leverandør"]) == (
        "KL-1",
        "Ja",
        "Nej",
        "KMD",
    )
    assert (own["Sat i drift"], own["ESDH-reference"]) == ("2025-05-01", "A-1")
    assert rows["Nabo"]["ESDH-reference"] == ""


def test_esdh_change_stays_off_the_shared_timeline(konsulent, make_candidate):
    candidate = make_candidate()

    services.candidate_update(
        user=konsulent,
        candidate=candidate,
        lock_version=candidate.lock_version,
        esdh_reference="Hemmelig",
    )

    assert not Event.objects.filter(candidate=candidate, kind=Event.Kind.CHANGED).exists()
