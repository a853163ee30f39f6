"""The report selection by unit: every process of a unit of the own municipality and of the
units below it, alone or within a KLE main group; another municipality's unit is refused."""

from __future__ import annotations

import pytest
from django.http import Http404
from django.urls import reverse

from procesbank.organisations.models import OrganisationalUnit
from procesbank.processes import services
from procesbank.reports import selectors
from procesbank.reports.tests.test_report import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def units(konsulent, other_konsulent, own_municipality, other_municipality):
    """Helsingør: Jobcenter > Team Ydelse, and Byggeri. Processes: Enkeltydelse (Team Ydelse,
    32), Jobsamtale (Jobcenter, 17), Byggetilladelse (Byggeri, 02), Uden enhed (32).
    Gribskov: a public process in its own Jobcenter."""
    jobcenter = OrganisationalUnit.objects.create(municipality=own_municipality, name="Jobcenter")
    team = OrganisationalUnit.objects.create(
        municipality=own_municipality, name="Team Ydelse", parent=jobcenter, kind="team"
    )
    byggeri = OrganisationalUnit.objects.create(municipality=own_municipality, name="Byggeri")
    foreign = OrganisationalUnit.objects.create(
        municipality=other_municipality, name="Jobcenter Gribskov"
    )
    services.process_create(user=konsulent, name="Enkeltydelse", unit=team, kle_code="32.18")
    services.process_create(user=konsulent, name="Jobsamtale", unit=jobcenter, kle_code="17.01")
    services.process_create(user=konsulent, name="Byggetilladelse", unit=byggeri, kle_code="02")
    services.process_create(user=konsulent, name="Uden enhed", kle_code="32.01")
    services.process_create(
        user=other_konsulent, name="Gribskovs ydelse", unit=foreign, visibility="public"
    )
    return {"jobcenter": jobcenter, "team": team, "byggeri": byggeri, "foreign": foreign}


def test_a_unit_selects_its_processes_and_those_of_the_units_below(konsulent, units):
    chosen = selectors.process_selection(user=konsulent, unit_id=units["jobcenter"].pk)

    assert [p.name for p in chosen] == ["Enkeltydelse", "Jobsamtale"]


def test_a_unit_and_a_kle_group_select_both_at_once(konsulent, units):
    chosen = selectors.process_selection(
        user=konsulent, kle_group="32", unit_id=units["jobcenter"].pk
    )

    assert [p.name for p in chosen] == ["Enkeltydelse"]


def test_another_municipalitys_unit_selects_nothing(other_konsulent, units):
    # Even the public process Enkeltydelse's unit: units are chosen within the own municipality.
    assert selectors.process_selection(user=other_konsulent, unit_id=units["team"].pk) == []


def test_selection_page_offers_the_own_units_only(client, other_konsulent, konsulent, units):
    client.force_login(konsulent)

    page = client.get(reverse("reports:selection")).content.decode()

    assert f'<option value="{units["jobcenter"].pk}">Jobcenter</option>' in page
    assert "Jobcenter Gribskov" not in page


def test_unit_report_has_a_section_per_process_of_the_unit_tree(
    client, konsulent, units, fetch_report
):
    client.force_login(konsulent)
    unit_id = units["jobcenter"].pk

    response = fetch_report(reverse("reports:selection"), {"unit": str(unit_id), "format": "pdf"})

    assert response["Content-Disposition"] == (
        f'attachment; filename="procesdokumentation-enhed-{unit_id}.pdf"'
    )
    text = pdf_text(response.content)
    assert text.count("PROCESDOKUMENTATION") == 2
    assert "PROCESDOKUMENTATION Enkeltydelse Kommune Helsingør" in text
    assert "PROCESDOKUMENTATION Jobsamtale Kommune Helsingør" in text
    assert "Byggetilladelse" not in text


def test_another_municipalitys_unit_is_refused_with_a_danish_message(
    client, other_konsulent, units
):
    client.force_login(other_konsulent)

    response = client.post(
        reverse("reports:selection"), {"unit": units["jobcenter"].pk, "format": "pdf"}
    )

    assert response.status_code == 422
    assert response["Content-Type"].startswith("text/html")
    assert "Vælg en af kommunens enheder på listen." in response.content.decode()


def test_selection_title_names_the_group_and_the_own_unit_only(konsulent, other_konsulent, units):
    title = selectors.selection_title(user=konsulent, kle_group="32", unit_id=units["team"].pk)

    assert title == "KLE 32 Kontante ydelser · Team Ydelse"
    with pytest.raises(Http404):
        selectors.selection_title(user=other_konsulent, unit_id=units["team"].pk)
