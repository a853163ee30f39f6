"""Every process selector, with two municipalities (and a third outside the collaboration)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from procesbank.organisations.models import Role
from procesbank.organisations.tests.factories import CollaborationFactory, MunicipalityFactory
from procesbank.processes import selectors, services
from procesbank.processes.selectors import ProcessFilters


@pytest.fixture
def outsider(make_user):
    stranger_town = MunicipalityFactory(
        collaboration=CollaborationFactory(name="Fremmed samarbejde")
    )
    return make_user(Role.KONSULENT, stranger_town, username="konsulent.fremmed")


@pytest.fixture
def library(make_process, konsulent, other_konsulent, outsider):
    """Own private, own shared; Gribskov private, shared, public; outsider shared and public."""
    return {
        "own": make_process(konsulent, "Egen privat"),
        "own_shared": make_process(konsulent, "Egen delt", visibility="collaboration"),
        "other_private": make_process(other_konsulent, "Gribskov privat"),
        "other_shared": make_process(other_konsulent, "Gribskov delt", visibility="collaboration"),
        "other_public": make_process(other_konsulent, "Gribskov offentlig", visibility="public"),
        "outside_shared": make_process(outsider, "Fremmed delt", visibility="collaboration"),
        "outside_public": make_process(outsider, "Fremmed offentlig", visibility="public"),
    }


def test_process_list_shows_own_shared_and_public_only(library, konsulent):
    names = {p.name for p in selectors.process_list(user=konsulent)}

    assert names == {
        "Egen privat",
        "Egen delt",
        "Gribskov delt",
        "Gribskov offentlig",
        "Fremmed offentlig",
    }


def test_other_municipality_sees_only_what_was_shared(library, other_konsulent):
    names = {p.name for p in selectors.process_list(user=other_konsulent)}

    assert "Egen privat" not in names
    assert "Egen delt" in names


def test_paged_search_finds_own_and_shared_never_the_others_private(library, konsulent):
    def names(q):
        filters = ProcessFilters(q=q)
        return {p.name for p in selectors.process_list_paged(user=konsulent, filters=filters)[:50]}

    assert names("Gribskov") == {"Gribskov delt", "Gribskov offentlig"}
    assert names("delt") == {"Egen delt", "Gribskov delt"}


def test_paged_search_pages_the_same_hits_in_the_same_order_as_the_list(make_process, konsulent):
    # Seven hits: four with the word in the name (ranked first on PostgreSQL, first by name on
    # SQLite), three in the description; equal ranks by name.
    for number in range(4):
        make_process(name=f"Byggetilladelse {number}")
    for number in range(3):
        make_process(name=f"Nabohøring {number}", description="Del af en byggetilladelse.")
    filters = ProcessFilters(q="byggetilladelse")

    whole = [p.name for p in selectors.process_list(user=konsulent, filters=filters)]
    paged = selectors.process_list_paged(user=konsulent, filters=filters)
    pages = [[p.name for p in paged[start : start + 3]] for start in (0, 3, 6, 9)]

    assert whole == [f"Byggetilladelse {n}" for n in range(4)] + [
        f"Nabohøring {n}" for n in range(3)
    ]
    assert pages == [whole[0:3], whole[3:6], whole[6:7], []]


def test_unsharing_hides_a_process_at_once(library, konsulent, other_konsulent):
    process = library["own_shared"]

    services.process_update(user=konsulent, process=process, lock_version=1, visibility="own")

    assert process.name not in {p.name for p in selectors.process_list(user=other_konsulent)}


def test_access_process_of_unshared_is_404(library, konsulent):
    with pytest.raises(Http404):
        selectors.access_process(user=konsulent, process_id=library["other_private"].pk)
    with pytest.raises(Http404):
        selectors.access_process(user=konsulent, process_id=library["outside_shared"].pk)


def test_shared_process_is_readable_but_not_editable(library, konsulent):
    shared = library["other_shared"]

    assert selectors.access_process(user=konsulent, process_id=shared.pk) == shared
    with pytest.raises(PermissionDenied):
        selectors.access_process_for_edit(user=konsulent, process_id=shared.pk)


def test_access_version_follows_the_process(library, konsulent):
    private_version = library["other_private"].versions.get()

    with pytest.raises(Http404):
        selectors.access_version(user=konsulent, version_id=private_version.pk)


def test_search_finds_task_names_and_ranks_name_first(make_process, konsulent):
    make_process(name="Boligstøtte", description="Udbetaling efter afgørelse")
    make_process(name="Afgørelse om enkeltydelse")

    found = [
        p.name
        for p in selectors.process_list(user=konsulent, filters=ProcessFilters(q="afgørelse"))
    ]
    by_task = [
        p.name
        for p in selectors.process_list(user=konsulent, filters=ProcessFilters(q="Registrér"))
    ]

    assert found[0] == "Afgørelse om enkeltydelse"
    assert set(found) == {"Boligstøtte", "Afgørelse om enkeltydelse"}
    assert set(by_task) == {"Boligstøtte", "Afgørelse om enkeltydelse"}  # both have that task


def test_filters_combine(make_process, konsulent, other_konsulent):
    make_process(name="A", kle_code="32.18.08", phase="kortlagt", it_systems=["SBSYS"])
    make_process(name="B", kle_code="02.34.02", phase="kortlagt")
    make_process(other_konsulent, name="C", kle_code="32.01", visibility="collaboration")

    def names(**filters):
        return sorted(
            p.name
            for p in selectors.process_list(user=konsulent, filters=ProcessFilters(**filters))
        )

    assert names(kle_group="32") == ["A", "C"]
    assert names(kle_group="32", municipality=konsulent.municipality_id) == ["A"]
    assert names(it_system="SBSYS") == ["A"]
    assert names(visibility="collaboration") == ["C"]


def test_process_list_query_count_is_flat(
    client, make_process, konsulent, django_assert_max_num_queries
):
    for number in range(30):
        make_process(name=f"Proces {number}")
    client.force_login(konsulent)

    # 13: the unit picker reads the municipality's units once (issue #14).
    with django_assert_max_num_queries(13):
        response = client.get("/processer/")

    assert response.status_code == 200
    assert "30 processer" in response.content.decode()


def test_it_system_and_kle_choices_only_from_visible_processes(library, konsulent, other_konsulent):
    version = library["other_private"].versions.get()
    from procesbank.processes.engine.bpmn import TaskMeasurements

    services.task_measurements_set(
        user=other_konsulent,
        version=version,
        task_id="T1",
        measurements=TaskMeasurements(1, 1, 1, it_system="Hemmeligt system"),
    )

    assert "Hemmeligt system" not in selectors.it_system_choices(user=konsulent)
    assert "Hemmeligt system" in selectors.it_system_choices(user=other_konsulent)


def test_revision_list_and_version_list(make_process, konsulent):
    process = make_process()
    version = process.versions.get()

    assert [r.number for r in selectors.revision_list(version=version)] == [1]
    assert selectors.primary_version(process=process) == version


def test_revision_history_lists_measurement_changes(make_process, konsulent):
    from procesbank.processes.engine.bpmn import TaskMeasurements

    version = make_process().versions.get()
    version = services.task_measurements_set(
        user=konsulent, version=version, task_id="T1", measurements=TaskMeasurements(10, 10, 10)
    )
    version = services.task_measurements_set(
        user=konsulent, version=version, task_id="T1", measurements=TaskMeasurements(6, 6, 6)
    )

    history = selectors.revision_history(version=version)

    assert [revision.number for revision, _ in history] == [3, 2, 1]
    (_, changes), (_, first_changes), (_, created) = history
    assert [(c.task, c.change, c.before_minutes, c.after_minutes) for c in changes] == [
        ("Registrér ansøgning", "changed", 10.0, 6.0)
    ]
    assert [(c.task, c.before_minutes, c.after_minutes) for c in first_changes] == [
        ("Registrér ansøgning", 0.0, 10.0)
    ]
    assert created == []


def test_role_rates_and_lane_names_are_the_own_municipalitys(
    make_process, konsulent, other_konsulent, make_user, other_municipality
):
    from decimal import Decimal

    from procesbank.processes.models import RoleRate
    from procesbank.processes.tests.conftest import two_task_bpmn

    RoleRate.objects.create(
        municipality=konsulent.municipality, role="Sagsbehandler", hourly_rate=Decimal(400)
    )
    RoleRate.objects.create(
        municipality=other_municipality, role="Hemmelig rolle", hourly_rate=Decimal(999)
    )
    make_process(konsulent, "Egen")
    make_process(
        other_konsulent,
        "Andens",
        bpmn_xml=two_task_bpmn().replace(b"Sagsbehandler", b"Skjult bane"),
    )

    assert [r.role for r in selectors.role_rate_list(user=konsulent)] == ["Sagsbehandler"]
    assert selectors.lane_names(user=konsulent) == ["Sagsbehandler", "Økonomi"]
    assert "Skjult bane" in selectors.lane_names(user=other_konsulent)


def test_kle_group_choices_come_only_from_visible_processes(
    make_process, konsulent, other_konsulent
):
    make_process(konsulent, "Egen", kle_code="32.18.08")
    make_process(other_konsulent, "Privat", kle_code="02.34.02")
    make_process(other_konsulent, "Delt", kle_code="81.03", visibility="collaboration")

    assert [code for code, _ in selectors.kle_group_choices(user=konsulent)] == ["32", "81"]


def test_version_list_and_revision_get_of_a_visible_process(make_process, konsulent):
    from django.http import Http404

    version = make_process().versions.get()

    assert list(selectors.version_list(process=version.process)) == [version]
    assert selectors.revision_get(version=version, number=1).number == 1
    with pytest.raises(Http404):
        selectors.revision_get(version=version, number=99)


def test_process_list_page_offers_named_kle_groups(client, make_process, konsulent):
    make_process(konsulent, "Egen", kle_code="32.18.08")
    client.force_login(konsulent)

    page = client.get("/processer/").content.decode()

    assert '<option value="32">32 Kontante ydelser</option>' in page


@pytest.mark.parametrize("sort", ["name", "-updated", "kle", "-volume"])
def test_every_list_sort_orders_equal_names_by_id(make_process, konsulent, other_konsulent, sort):
    """A name repeats across municipalities; without the id last, equal rows came in another
    order from one request to the next and could move between pages. (Sorted by municipality,
    equal names are in different municipalities: no tie.)"""
    same = [
        make_process(user=user, name="Byggetilladelse", visibility="collaboration")
        for user in (other_konsulent, konsulent)
    ]
    for process in same:  # the same time, KLE and volume too: only the id tells them apart
        type(process).objects.filter(pk=process.pk).update(updated_at=same[0].updated_at)

    order = [
        p.pk
        for p in selectors.process_list(user=konsulent, filters=ProcessFilters(sort=sort))
        if p.name == "Byggetilladelse"
    ]

    expected = sorted(p.pk for p in same)
    assert order == (expected[::-1] if sort == "-updated" else expected)


def test_every_sort_ends_with_the_id():
    # The behaviour above can pass by luck (a database returns equal rows in insertion order
    # when it reads them in it); the rule itself is that every sort ends with the id.
    assert {sort: keys[-1] for sort, keys in selectors.SORTS.items()} == {
        "name": "pk",
        "-updated": "-pk",
        "kle": "pk",
        "municipality": "pk",
        "-volume": "pk",
    }
