"""The dictionary's pages and API."""

from __future__ import annotations

import pytest

from procesbank.dictionary.models import ItSystem, ItSystemAlias
from procesbank.dictionary.tests.factories import ItSystemFactory, RoleFactory
from procesbank.processes import services as process_services
from procesbank.processes.models import Process

pytestmark = pytest.mark.django_db


def test_everyone_reads_the_it_systems_but_only_the_admin_sees_the_tools(
    client, konsulent, samarbejdsadmin
) -> None:
    ItSystemFactory(name="SBSYS", vendor="SBSYS A/S")
    client.force_login(konsulent)

    page = client.get("/ordbog/it-systemer/").content.decode()

    assert "SBSYS A/S" in page
    assert "Indlæs fra KITOS" not in page
    assert client.post("/ordbog/it-systemer/", {"create": "1", "name": "X"}).status_code == 403
    client.force_login(samarbejdsadmin)
    assert "Indlæs fra KITOS" in client.get("/ordbog/it-systemer/").content.decode()


def test_admin_maps_a_typed_text_on_the_page(client, konsulent, samarbejdsadmin) -> None:
    process_services.process_create(user=konsulent, name="A", it_systems=["SBsys4 "])
    ItSystemFactory(name="SBSYS")
    client.force_login(samarbejdsadmin)
    assert "SBsys4" in client.get("/ordbog/it-systemer/ukoblede/").content.decode()

    response = client.post(
        "/ordbog/it-systemer/ukoblede/", {"text": "SBsys4", "target": "sbsys"}, follow=True
    )

    assert "“SBsys4” er koblet til SBSYS (1 forekomst rettet)." in response.content.decode()
    assert Process.objects.get().it_systems == ["SBSYS"]
    assert ItSystemAlias.objects.get().text == "SBsys4"


def test_mapping_onto_an_unknown_system_says_so(client, samarbejdsadmin) -> None:
    client.force_login(samarbejdsadmin)

    response = client.post(
        "/ordbog/it-systemer/ukoblede/", {"text": "SBsys", "target": "Findes ikke"}, follow=True
    )

    assert "Ordbogen har intet it-system, der hedder “Findes ikke”." in response.content.decode()


def test_a_hostile_kitos_file_gets_a_message_not_a_500(client, samarbejdsadmin) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(samarbejdsadmin)
    upload = SimpleUploadedFile("kitos.xlsx", b"PK\x03\x04not really a zip")

    response = client.post("/ordbog/it-systemer/", {"kitos": "1", "file": upload})

    assert response.status_code == 200
    assert "Filen kunne ikke læses." in response.content.decode()
    assert not ItSystem.objects.exists()


def test_edit_is_refused_when_someone_saved_in_between(client, samarbejdsadmin) -> None:
    system = ItSystemFactory(name="SBSYS")
    ItSystem.objects.filter(pk=system.pk).update(lock_version=2)
    client.force_login(samarbejdsadmin)

    response = client.post(
        f"/ordbog/it-systemer/{system.pk}/", {"name": "SBSYS 5", "lock_version": "1"}
    )

    assert response.status_code == 200
    assert ItSystem.objects.get().name == "SBSYS"


def test_roles_page_and_api_show_only_the_own_municipality(
    client, konsulent, other_konsulent, other_municipality
) -> None:
    RoleFactory(municipality=konsulent.municipality, name="Sagsbehandler")
    theirs = RoleFactory(municipality=other_municipality, name="Jurist")
    client.force_login(konsulent)

    page = client.get("/ordbog/roller/").content.decode()
    api = client.get("/api/v1/roles").json()

    assert "Sagsbehandler" in page
    assert "Jurist" not in page
    assert [r["name"] for r in api] == ["Sagsbehandler"]
    assert client.post(f"/ordbog/roller/{theirs.pk}/slet/").status_code == 404


def test_it_system_api_suggests_by_start_of_name(client, konsulent) -> None:
    ItSystemFactory(name="KMD Nexus", vendor="KMD")
    ItSystemFactory(name="Nexus Borger")
    client.force_login(konsulent)

    found = client.get("/api/v1/it-systems", {"q": "nex"}).json()

    assert [s["name"] for s in found] == ["Nexus Borger", "KMD Nexus"]
    assert found[1]["vendor"] == "KMD"
