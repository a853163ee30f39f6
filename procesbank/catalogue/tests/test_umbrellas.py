from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from procesbank.catalogue import selectors, services


def test_umbrella_groups_own_and_shared_processes(konsulent, other_konsulent, make_process):
    own = make_process(user=other_konsulent, name="Egen")
    shared = make_process(name="Delt fra Helsingør")

    umbrella = services.umbrella_create(
        user=other_konsulent, name="Ydelser", visibility="collaboration", processes=[own, shared]
    )

    assert sorted(p.name for p in umbrella.processes.all()) == ["Delt fra Helsingør", "Egen"]


def test_children_must_be_at_least_as_visible_as_the_umbrella(konsulent, make_process):
    private = make_process(name="Udkast", visibility="own")

    with pytest.raises(ValidationError) as error:
        services.umbrella_create(
            user=konsulent, name="Ydelser", visibility="collaboration", processes=[private]
        )

    assert error.value.message_dict == {
        "processes": [
            "Processerne i en paraplyproces skal være mindst lige så synlige som den. "
            "Del dem først, eller gør paraplyprocessen mindre synlig: Udkast."
        ]
    }


def test_another_municipalitys_private_process_cannot_be_added(
    konsulent, other_konsulent, make_process
):
    private = make_process(name="Privat", visibility="own")

    with pytest.raises(PermissionDenied):
        services.umbrella_create(user=other_konsulent, name="Ydelser", processes=[private])


def test_private_umbrella_stays_with_its_municipality(konsulent, other_konsulent):
    umbrella = services.umbrella_create(user=konsulent, name="Intern", visibility="own")

    assert list(selectors.umbrella_list(user=konsulent)) == [umbrella]
    assert list(selectors.umbrella_list(user=other_konsulent)) == []


def test_umbrella_edit_form_saves_processes(client, konsulent, make_process):
    process = make_process()
    umbrella = services.umbrella_create(user=konsulent, name="Ydelser")
    client.force_login(konsulent)

    response = client.post(
        reverse("catalogue:umbrella_edit", args=[umbrella.pk]),
        {"name": "Ydelser", "visibility": "own", "processes": [process.pk], "lock_version": 1},
    )

    assert response.status_code == 302
    assert list(umbrella.processes.all()) == [process]
