"""The shared dictionary: records, mapped spellings, merging, the KITOS import, roles."""

from __future__ import annotations

import importlib
import uuid

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError

from procesbank.catalogue import services as catalogue_services
from procesbank.core.errors import UserError
from procesbank.dictionary import selectors, services
from procesbank.dictionary.models import ItSystem, ItSystemAlias, Role
from procesbank.dictionary.tests.factories import ItSystemFactory, RoleFactory
from procesbank.organisations.models import AuditEntry
from procesbank.processes import services as process_services
from procesbank.processes.models import Process, RoleRate
from procesbank.profiles.models import MunicipalityProfile

pytestmark = pytest.mark.django_db

SBSYS_UUID = uuid.UUID("6a1b2c3d-0000-4000-8000-000000000001")


def test_collaboration_admin_creates_a_system_and_typed_texts_follow(
    samarbejdsadmin, konsulent
) -> None:
    process = process_services.process_create(
        user=konsulent, name="Byggesag", it_systems=["sbsys ", "Nexus"]
    )

    system = services.it_system_create(user=samarbejdsadmin, name=" SBSYS ", vendor="SBSYS A/S")

    process.refresh_from_db()
    assert (system.name, system.folded) == ("SBSYS", "sbsys")
    assert process.it_systems == ["SBSYS", "Nexus"]
    assert (
        AuditEntry.objects.filter(object_type="dictionary.ItSystem", action="create").count() == 1
    )


def test_only_the_collaboration_admin_writes_it_systems(konsulent, kommuneadmin) -> None:
    for user in (konsulent, kommuneadmin):
        with pytest.raises(PermissionDenied):
            services.it_system_create(user=user, name="SBSYS")

    assert not ItSystem.objects.exists()


def test_a_second_record_with_the_same_folded_name_is_refused(samarbejdsadmin) -> None:
    services.it_system_create(user=samarbejdsadmin, name="KMD Nexus")

    with pytest.raises(ValidationError) as caught:
        services.it_system_create(user=samarbejdsadmin, name="kmd  nexus")

    assert caught.value.message_dict == {"name": ["Ordbogen har allerede “KMD Nexus”."]}


def test_saving_a_process_spells_systems_as_the_dictionary(samarbejdsadmin, konsulent) -> None:
    services.it_system_create(user=samarbejdsadmin, name="SBSYS")

    process = process_services.process_create(
        user=konsulent, name="Byggesag", it_systems=["sbsys", "Eget system"]
    )

    assert process.it_systems == ["SBSYS", "Eget system"]


def test_mapping_a_typed_text_rewrites_every_use_and_remembers_the_spelling(
    samarbejdsadmin, konsulent, own_municipality
) -> None:
    process = process_services.process_create(user=konsulent, name="A", it_systems=["SBsys 4"])
    candidate = catalogue_services.candidate_create(
        user=konsulent, title="Robot", it_systems=["SBsys 4", "Nexus"]
    )
    MunicipalityProfile.objects.create(municipality=own_municipality, it_systems=["sbsys 4 "])
    target = services.it_system_create(user=samarbejdsadmin, name="SBSYS")
    assert selectors.unmapped_texts(user=samarbejdsadmin) == [
        ("SBsys 4", 3),
        ("Nexus", 1),
    ]

    changed = services.it_system_map_text(user=samarbejdsadmin, text="SBsys 4", target=target)

    process.refresh_from_db()
    candidate.refresh_from_db()
    assert changed == 3
    assert process.it_systems == ["SBSYS"]
    assert candidate.it_systems == ["SBSYS", "Nexus"]
    assert MunicipalityProfile.objects.get().it_systems == ["SBSYS"]
    assert list(ItSystemAlias.objects.values_list("folded", "text")) == [("sbsys 4", "SBsys 4")]
    assert selectors.unmapped_texts(user=samarbejdsadmin) == [("Nexus", 1)]
    assert selectors.unmapped_texts(user=konsulent) == []


def test_merging_a_duplicate_moves_its_spellings_and_uses(samarbejdsadmin, konsulent) -> None:
    target = services.it_system_create(user=samarbejdsadmin, name="SBSYS")
    source = services.it_system_create(
        user=samarbejdsadmin, name="SBSYS ESDH", kitos_uuid=SBSYS_UUID
    )
    process = process_services.process_create(
        user=konsulent, name="A", it_systems=["SBSYS ESDH", "SBSYS"]
    )

    services.it_system_merge(user=samarbejdsadmin, source=source, target=target)

    process.refresh_from_db()
    target.refresh_from_db()
    assert list(ItSystem.objects.values_list("name", flat=True)) == ["SBSYS"]
    assert target.kitos_uuid == SBSYS_UUID
    assert process.it_systems == ["SBSYS"]
    assert selectors.canonical_it_systems(["sbsys esdh"]) == ["SBSYS"]


def test_kitos_import_adds_new_systems_and_updates_known_ones(samarbejdsadmin) -> None:
    services.it_system_create(user=samarbejdsadmin, name="SBSYS")
    csv = (
        f"IT System;Rettighedshaver;UUID\nsbsys;SBSYS A/S;{SBSYS_UUID}\nKMD Nexus;Netcompany;\n"
    ).encode()

    result = services.kitos_import(user=samarbejdsadmin, data=csv, filename="kitos.csv")

    assert (result.created, result.updated) == (1, 1)
    assert list(ItSystem.objects.values_list("name", "vendor", "kitos_uuid")) == [
        ("KMD Nexus", "Netcompany", None),
        ("SBSYS", "SBSYS A/S", SBSYS_UUID),
    ]


def test_kitos_import_with_a_bad_row_saves_nothing(samarbejdsadmin) -> None:
    csv = b"Navn;UUID\nAcadre;\nKMD Nexus;ikke-et-uuid\n"

    with pytest.raises(UserError) as caught:
        services.kitos_import(user=samarbejdsadmin, data=csv, filename="kitos.csv")

    assert str(caught.value) == (
        "Filen blev ikke indlæst, fordi 1 rækker har fejl. Første fejl: række 3: "
        "“ikke-et-uuid” er ikke et KITOS-uuid."
    )
    assert not ItSystem.objects.exists()


@pytest.mark.parametrize(
    "data",
    [b"", b"PK\x03\x04garbage", b"\x00\x01\x02", b"Leverandor;UUID\nKMD;\n"],
    ids=["empty", "broken-xlsx", "binary", "no-name-column"],
)
def test_kitos_import_refuses_hostile_files_with_a_message(samarbejdsadmin, data) -> None:
    with pytest.raises(UserError):
        services.kitos_import(user=samarbejdsadmin, data=data, filename="kitos.xlsx")


def test_roles_belong_to_one_municipality(kommuneadmin, other_municipality, make_user) -> None:
    from procesbank.organisations.models import Role as UserRole

    other_admin = make_user(UserRole.KOMMUNEADMIN, other_municipality, username="admin.gribskov")
    mine = services.role_create(user=kommuneadmin, name=" Sagsbehandler ")
    RoleFactory(municipality=other_municipality, name="Jurist")

    assert [r.name for r in selectors.role_list(user=kommuneadmin)] == ["Sagsbehandler"]
    assert [r.name for r in selectors.role_list(user=other_admin)] == ["Jurist"]
    with pytest.raises(Exception) as caught:
        selectors.access_role(user=other_admin, role_id=mine.pk)
    assert caught.type.__name__ == "Http404"
    with pytest.raises(PermissionDenied):
        services.role_delete(user=other_admin, role=mine)
    with pytest.raises(ValidationError):
        services.role_create(user=kommuneadmin, name="sagsbehandler")


def test_the_data_migration_folds_free_text_into_records(konsulent, own_municipality) -> None:
    Process.objects.create(municipality=own_municipality, name="A", it_systems=["SBSYS ", "nexus"])
    Process.objects.create(municipality=own_municipality, name="B", it_systems=["sbsys", "SBSYS"])
    Process.objects.create(municipality=own_municipality, name="C", it_systems=["Nexus", "Nexus "])
    RoleRate.objects.create(municipality=own_municipality, role="Sagsbehandler ", hourly_rate=400)
    RoleRate.objects.create(municipality=own_municipality, role="Jurist", hourly_rate=500)
    migration = importlib.import_module("procesbank.dictionary.migrations.0002_from_free_text")

    migration.forwards(apps, None)

    # SBSYS: "SBSYS" twice (A trimmed, B), "sbsys" once; Nexus: "Nexus" twice, "nexus" once.
    assert list(ItSystem.objects.values_list("name", flat=True)) == ["Nexus", "SBSYS"]
    assert sorted(ItSystemAlias.objects.values_list("text", flat=True)) == []
    assert list(Process.objects.values_list("it_systems", flat=True)) == [
        ["SBSYS", "Nexus"],
        ["SBSYS"],
        ["Nexus"],
    ]
    assert list(Role.objects.values_list("name", flat=True)) == ["Jurist", "Sagsbehandler"]


def test_it_system_suggestions_put_names_starting_with_the_text_first(konsulent) -> None:
    ItSystemFactory(name="KMD Nexus")
    ItSystemFactory(name="Nexus Borger")
    ItSystemFactory(name="SBSYS")

    found = selectors.it_system_suggestions(user=konsulent, q="nex")

    assert [s.name for s in found] == ["Nexus Borger", "KMD Nexus"]
