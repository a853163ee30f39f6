"""A process's owning unit (issue #14): only the own municipality's units, the library's unit
filter with the units below, "min enhed", the API field (its name shown to every reader, its id
to the own municipality only)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from procesbank.organisations.models import OrganisationalUnit, User
from procesbank.organisations.selectors import unit_tree
from procesbank.organisations.services import api_token_create
from procesbank.processes import selectors, services
from procesbank.processes.forms import ProcessForm

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(own_municipality):
    top = OrganisationalUnit.objects.create(
        municipality=own_municipality, name="Borger og Arbejdsmarked", kind="forvaltning"
    )
    jobcenter = OrganisationalUnit.objects.create(
        municipality=own_municipality, name="Jobcenter", parent=top
    )
    team = OrganisationalUnit.objects.create(
        municipality=own_municipality, name="Team Ydelse", parent=jobcenter, kind="team"
    )
    byggeri = OrganisationalUnit.objects.create(municipality=own_municipality, name="Byggeri")
    return {"top": top, "jobcenter": jobcenter, "team": team, "byggeri": byggeri}


def test_a_process_cannot_belong_to_another_municipalitys_unit(konsulent, other_municipality):
    foreign = OrganisationalUnit.objects.create(municipality=other_municipality, name="Jobcenter")

    with pytest.raises(ValidationError) as raised:
        services.process_create(user=konsulent, name="Enkeltydelse", unit=foreign)

    assert raised.value.message_dict == {"unit": ["Vælg en af kommunens egne enheder."]}


def test_the_library_filters_by_a_unit_with_the_units_below(konsulent, tree):
    services.process_create(user=konsulent, name="Enkeltydelse", unit=tree["team"])
    services.process_create(user=konsulent, name="Jobsamtale", unit=tree["jobcenter"])
    services.process_create(user=konsulent, name="Byggetilladelse", unit=tree["byggeri"])
    services.process_create(user=konsulent, name="Uden enhed")

    def names(**filters):
        found = selectors.process_list(user=konsulent, filters=selectors.ProcessFilters(**filters))
        return sorted(p.name for p in found)

    assert names(unit=tree["top"].pk) == ["Enkeltydelse", "Jobsamtale"]
    assert names(unit=tree["team"].pk) == ["Enkeltydelse"]
    User.objects.filter(pk=konsulent.pk).update(unit=tree["jobcenter"])
    konsulent.refresh_from_db()
    assert names(my_unit=True) == ["Enkeltydelse", "Jobsamtale"]


def test_min_enhed_without_a_unit_shows_nothing(konsulent, tree):
    services.process_create(user=konsulent, name="Enkeltydelse", unit=tree["team"])

    found = selectors.process_list(user=konsulent, filters=selectors.ProcessFilters(my_unit=True))

    assert list(found) == []


def test_another_municipalitys_unit_filters_to_nothing(other_konsulent, konsulent, tree):
    services.process_create(
        user=konsulent, name="Enkeltydelse", unit=tree["team"], visibility="collaboration"
    )

    found = selectors.process_list(
        user=other_konsulent, filters=selectors.ProcessFilters(unit=tree["team"].pk)
    )

    assert list(found) == []


def test_the_process_form_offers_only_own_units_in_tree_order(konsulent, tree, other_municipality):
    OrganisationalUnit.objects.create(municipality=other_municipality, name="Hemmelig")

    form = ProcessForm(units=unit_tree(user=konsulent))

    assert [label for _value, label in form.fields["unit"].choices] == [
        "Ingen enhed",
        "Borger og Arbejdsmarked",
        "\u2003Jobcenter",
        "\u2003\u2003Team Ydelse",
        "Byggeri",
    ]


def test_the_library_page_has_a_unit_picker_with_min_enhed(client, konsulent, tree):
    User.objects.filter(pk=konsulent.pk).update(unit=tree["team"])
    services.process_create(user=konsulent, name="Enkeltydelse", unit=tree["team"])
    services.process_create(user=konsulent, name="Byggetilladelse", unit=tree["byggeri"])
    client.force_login(konsulent)

    page = client.get(reverse("processes:process_list"), {"unit": "min"}).content.decode()

    assert '<option value="min" selected>Min enhed (Team Ydelse)</option>' in page
    assert "Enkeltydelse" in page
    assert "Byggetilladelse" not in page


def test_the_api_sets_the_unit_and_shows_its_id_to_the_own_municipality_only(
    client, konsulent, other_konsulent, tree
):
    own = {"Authorization": f"Bearer {api_token_create(user=konsulent, name='t')[1]}"}
    other = {"Authorization": f"Bearer {api_token_create(user=other_konsulent, name='t')[1]}"}

    created = client.post(
        "/api/v1/processes",
        {"name": "Enkeltydelse", "visibility": "collaboration", "unit_id": tree["team"].pk},
        content_type="application/json",
        headers=own,
    )
    process_id = created.json()["id"]
    mine = client.get(f"/api/v1/processes/{process_id}", headers=own).json()
    theirs = client.get(f"/api/v1/processes/{process_id}", headers=other).json()

    assert created.status_code == 201
    assert (mine["unit_id"], mine["unit"]) == (tree["team"].pk, "Team Ydelse")
    # Decision (issue #14, organisations.selectors.work_contact): the unit's name is shown.
    assert (theirs["unit_id"], theirs["unit"]) == (None, "Team Ydelse")


def test_the_api_refuses_a_unit_of_another_municipality(client, konsulent, other_municipality):
    foreign = OrganisationalUnit.objects.create(municipality=other_municipality, name="Jobcenter")
    headers = {"Authorization": f"Bearer {api_token_create(user=konsulent, name='t')[1]}"}

    response = client.post(
        "/api/v1/processes",
        {"name": "Enkeltydelse", "unit_id": foreign.pk},
        content_type="application/json",
        headers=headers,
    )

    assert response.status_code == 422
    assert response.json()["detail"] == [
        {
            "loc": ["body", "unit_id"],
            "msg": "Vælg en af kommunens egne enheder.",
            "type": "value_error",
        }
    ]
