"""A search's kept ranking (issue #20): the best hits' ids and their number are kept per search,
filters and viewer's scope under the stamp of processes. Every write that changes what a
search finds shows in the next search, for every viewer, and no viewer is ever given the hits
kept for another municipality's scope."""

from __future__ import annotations

import pytest
from django.urls import reverse

from procesbank.kit.paging import capped_count, page_and_count
from procesbank.organisations.models import OrganisationalUnit, Role
from procesbank.processes import services
from procesbank.processes.selectors import ProcessFilters, process_list_paged, search_text
from procesbank.processes.tests.conftest import two_task_bpmn

pytestmark = pytest.mark.django_db


def found(user, q: str, **filters) -> list[str]:
    """The names on the first page of the search, in rank order (the way the list pages it)."""
    rows, _count, _capped = page_and_count(
        process_list_paged(user=user, filters=ProcessFilters(q=q, **filters)), slice(0, 25)
    )
    return [row.name for row in rows]


def test_the_same_search_again_reads_the_kept_ranking_not_every_hit(
    konsulent, make_process, django_assert_num_queries
):
    make_process(name="Byggetilladelse")
    make_process(name="Byggetilladelse til carport")
    assert found(konsulent, "byggetilladelse") == ["Byggetilladelse", "Byggetilladelse til carport"]

    # The stamp, then the page's rows by id: no ranking, no count.
    with django_assert_num_queries(2) as again:
        assert found(konsulent, "byggetilladelse") == [
            "Byggetilladelse",
            "Byggetilladelse til carport",
        ]

    assert "ORDER BY" not in again.captured_queries[1]["sql"]


def test_the_count_and_the_page_share_one_kept_ranking(
    konsulent, make_process, django_assert_num_queries
):
    for number in range(3):
        make_process(name=f"Byggetilladelse {number}")
    search = ProcessFilters(q="byggetilladelse")
    page_and_count(process_list_paged(user=konsulent, filters=search), slice(0, 25))

    with django_assert_num_queries(1):  # the stamp
        assert capped_count(process_list_paged(user=konsulent, filters=search)) == (3, False)


def test_white_space_does_not_make_another_search():
    assert search_text("  bygge   tilladelse ") == "bygge tilladelse"


def test_a_new_process_shows_in_the_next_search(konsulent, make_process):
    make_process(name="Byggetilladelse")
    assert found(konsulent, "byggetilladelse") == ["Byggetilladelse"]

    make_process(name="Byggetilladelse til carport")

    assert found(konsulent, "byggetilladelse") == ["Byggetilladelse", "Byggetilladelse til carport"]


def test_a_renamed_process_shows_and_vanishes_in_the_next_search(konsulent, make_process):
    process = make_process(name="Parkeringskort")
    assert found(konsulent, "byggetilladelse") == []

    renamed = services.process_update(
        user=konsulent, process=process, lock_version=process.lock_version, name="Byggetilladelse"
    )
    shown = found(konsulent, "byggetilladelse")
    services.process_update(
        user=konsulent, process=renamed, lock_version=renamed.lock_version, name="Parkeringskort"
    )

    assert shown == ["Byggetilladelse"]
    assert found(konsulent, "byggetilladelse") == []


def test_a_deleted_process_vanishes_from_the_next_search(konsulent, make_process):
    process = make_process(name="Byggetilladelse")
    assert found(konsulent, "byggetilladelse") == ["Byggetilladelse"]

    services.process_delete(user=konsulent, process=process)

    assert found(konsulent, "byggetilladelse") == []


def test_new_task_names_show_in_the_next_search(konsulent, make_process):
    # The task names reach the search through an UPDATE of the process's search text, which
    # sends no signal (services/common.py refresh_search_text raises the stamp itself).
    process = make_process(name="Byggesag")
    assert found(konsulent, "nabohøring") == []
    version = process.versions.get()

    services.version_save_bpmn(
        user=konsulent,
        version=version,
        data=two_task_bpmn("Udsend nabohøring", "Træf afgørelse"),
        base_revision=version.revision,
    )

    assert found(konsulent, "nabohøring") == ["Byggesag"]


def test_a_shared_and_unshared_process_shows_and_vanishes_for_the_partner(
    konsulent, other_konsulent, make_process
):
    theirs = make_process(user=other_konsulent, name="Byggetilladelse", visibility="own")
    assert found(konsulent, "byggetilladelse") == []

    shared = services.process_update(
        user=other_konsulent,
        process=theirs,
        lock_version=theirs.lock_version,
        visibility="collaboration",
    )
    shown = found(konsulent, "byggetilladelse")
    services.process_update(
        user=other_konsulent, process=shared, lock_version=shared.lock_version, visibility="own"
    )

    assert shown == ["Byggetilladelse"]
    assert found(konsulent, "byggetilladelse") == []
    assert found(other_konsulent, "byggetilladelse") == ["Byggetilladelse"]


def test_a_viewer_of_another_municipality_never_gets_the_hits_kept_for_this_one(
    konsulent, other_konsulent, stranger, make_process
):
    make_process(name="Byggetilladelse, Helsingør privat", visibility="own")
    make_process(user=other_konsulent, name="Byggetilladelse, Gribskov privat", visibility="own")
    make_process(user=stranger, name="Byggetilladelse, Aarhus delt", visibility="collaboration")

    # Each searches right after the other, with the same text and filters.
    helsingoer = found(konsulent, "byggetilladelse")
    gribskov = found(other_konsulent, "byggetilladelse")
    aarhus = found(stranger, "byggetilladelse")
    helsingoer_again = found(konsulent, "byggetilladelse")

    assert helsingoer == helsingoer_again == ["Byggetilladelse, Helsingør privat"]
    assert gribskov == ["Byggetilladelse, Gribskov privat"]
    # Aarhus is in another collaboration: its shared process reaches no one here.
    assert aarhus == ["Byggetilladelse, Aarhus delt"]


def test_a_colleague_with_other_filters_gets_their_own_hits(konsulent, make_user, make_process):
    colleague = make_user(Role.KONSULENT, username="kollega.helsingoer")
    make_process(name="Byggetilladelse, min", owner_user=konsulent)
    make_process(name="Byggetilladelse, kollegaens", owner_user=colleague)

    mine = found(konsulent, "byggetilladelse", mine=True)
    theirs = found(colleague, "byggetilladelse", mine=True)

    assert mine == ["Byggetilladelse, min"]
    assert theirs == ["Byggetilladelse, kollegaens"]


def test_the_page_the_api_and_the_count_show_the_same_hits_after_an_edit(
    client, konsulent, make_process
):
    process = make_process(name="Byggetilladelse")
    client.force_login(konsulent)
    client.get(reverse("processes:process_list"), {"q": "byggetilladelse"})
    client.get("/api/v1/processes", {"q": "byggetilladelse"})

    services.process_update(
        user=konsulent,
        process=process,
        lock_version=process.lock_version,
        name="Byggetilladelse, ny",
    )
    page = client.get(reverse("processes:process_list"), {"q": "byggetilladelse"})
    api = client.get("/api/v1/processes", {"q": "byggetilladelse"}).json()

    assert "Byggetilladelse, ny" in page.content.decode()
    assert [(item["name"], api["count"]) for item in api["items"]] == [("Byggetilladelse, ny", 1)]


def test_a_unit_moved_under_the_chosen_one_brings_its_processes_into_the_next_search(
    konsulent, own_municipality, make_process
):
    forvaltning = OrganisationalUnit.objects.create(municipality=own_municipality, name="Teknik")
    byggeri = OrganisationalUnit.objects.create(municipality=own_municipality, name="Byggeri")
    make_process(name="Byggetilladelse", unit=byggeri)
    assert found(konsulent, "byggetilladelse", unit=forvaltning.pk) == []

    byggeri.parent = forvaltning
    byggeri.save()

    assert found(konsulent, "byggetilladelse", unit=forvaltning.pk) == ["Byggetilladelse"]
