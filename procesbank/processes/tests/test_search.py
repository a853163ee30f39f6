"""The process library's search providers: stemmed, ranked, and never another municipality's
private process (issue #16)."""

from __future__ import annotations

import pytest

from procesbank.kit.search import SearchFilters
from procesbank.processes.search import ProcessSearch, TaskSearch
from procesbank.processes.tests.conftest import two_task_bpmn

pytestmark = pytest.mark.django_db

ALL = SearchFilters()


def titles(hits):
    return [hit.title for hit in hits]


def test_a_plural_finds_the_singular_process(konsulent, make_process):
    make_process(name="Byggetilladelse", kle_code="02.34.02")
    make_process(name="Parkeringskort")

    hits = ProcessSearch().search(user=konsulent, query="byggetilladelser", filters=ALL, limit=10)

    assert titles(hits) == ["Byggetilladelse"]
    assert hits[0].kle_code == "02.34.02"
    assert hits[0].municipality == "Helsingør"


def test_a_name_match_ranks_above_a_description_match(konsulent, make_process):
    make_process(name="Nabohøring", description="Del af en byggetilladelse.")
    make_process(name="Byggetilladelse til carport")

    hits = ProcessSearch().search(user=konsulent, query="byggetilladelse", filters=ALL, limit=10)

    assert titles(hits) == ["Byggetilladelse til carport", "Nabohøring"]
    assert hits[0].score > hits[1].score
    assert hits[1].snippet == "Del af en byggetilladelse."


def test_a_kle_number_finds_the_processes_under_it(konsulent, make_process):
    make_process(name="Byggetilladelse", kle_code="02.34.02")
    make_process(name="Enkeltydelse", kle_code="32.18.08")

    hits = ProcessSearch().search(user=konsulent, query="02.34", filters=ALL, limit=10)

    assert titles(hits) == ["Byggetilladelse"]


def test_a_private_process_of_another_municipality_is_never_found_a_shared_one_is(
    konsulent, other_konsulent, make_process
):
    make_process(user=other_konsulent, name="Byggetilladelse, privat", visibility="own")
    make_process(user=other_konsulent, name="Byggetilladelse, delt", visibility="collaboration")

    mine = ProcessSearch().search(user=konsulent, query="byggetilladelse", filters=ALL, limit=10)
    theirs = ProcessSearch().search(
        user=other_konsulent, query="byggetilladelse", filters=ALL, limit=10
    )

    assert titles(mine) == ["Byggetilladelse, delt"]
    assert [h.municipality for h in mine] == ["Gribskov"]
    assert sorted(titles(theirs)) == ["Byggetilladelse, delt", "Byggetilladelse, privat"]


def test_the_filters_narrow_to_a_municipality_and_a_kle_group(
    konsulent, other_konsulent, make_process
):
    make_process(name="Byggetilladelse", kle_code="02.34.02")
    make_process(user=other_konsulent, name="Byggetilladelse", visibility="public")
    make_process(name="Byggetilladelse, skur", kle_code="01.02.03")
    gribskov = other_konsulent.municipality_id

    theirs = ProcessSearch().search(
        user=konsulent,
        query="byggetilladelse",
        filters=SearchFilters(municipality_id=gribskov),
        limit=10,
    )
    kle = ProcessSearch().search(
        user=konsulent, query="byggetilladelse", filters=SearchFilters(kle="02"), limit=10
    )

    assert [h.municipality for h in theirs] == ["Gribskov"]
    assert titles(kle) == ["Byggetilladelse"]


def test_the_own_copy_comes_first_among_equals(konsulent, other_konsulent, make_process):
    make_process(user=other_konsulent, name="Byggetilladelse", visibility="collaboration")
    make_process(name="Byggetilladelse")

    hits = ProcessSearch().search(user=konsulent, query="byggetilladelse", filters=ALL, limit=10)

    assert [h.municipality for h in hits] == ["Helsingør", "Gribskov"]


def test_the_limit_is_kept(konsulent, make_process):
    for n in range(4):
        make_process(name=f"Byggetilladelse {n}")

    hits = ProcessSearch().search(user=konsulent, query="byggetilladelse", filters=ALL, limit=3)

    assert len(hits) == 3


def test_a_task_of_a_version_is_found_by_its_name_with_its_process(konsulent, make_process):
    process = make_process(
        name="Byggesag", bpmn_xml=two_task_bpmn("Udsend nabohøringer", "Træf afgørelse")
    )

    hits = TaskSearch().search(user=konsulent, query="nabohøring", filters=ALL, limit=10)

    assert titles(hits) == ["Udsend nabohøringer"]
    version = process.versions.get()
    assert hits[0].url == f"/processer/{process.pk}/?version={version.pk}"
    assert hits[0].snippet == "En opgave i Byggesag, version Som-er · udføres af Sagsbehandler"


def test_a_task_of_another_municipalitys_private_process_is_never_found(
    konsulent, other_konsulent, make_process
):
    bpmn = two_task_bpmn("Udsend nabohøringer", "Træf afgørelse")
    make_process(user=other_konsulent, name="Privat byggesag", visibility="own", bpmn_xml=bpmn)
    make_process(user=other_konsulent, name="Delt byggesag", visibility="public", bpmn_xml=bpmn)

    hits = TaskSearch().search(user=konsulent, query="nabohøringer", filters=ALL, limit=10)

    assert [hit.snippet.split(",")[0] for hit in hits] == ["En opgave i Delt byggesag"]


def test_the_exact_task_name_ranks_first(konsulent, make_process):
    make_process(name="A", bpmn_xml=two_task_bpmn("Træf afgørelse om tilskud", "Arkivér"))
    make_process(name="B", bpmn_xml=two_task_bpmn("Træf afgørelse", "Arkivér"))

    hits = TaskSearch().search(user=konsulent, query="træf afgørelse", filters=ALL, limit=10)

    assert titles(hits) == ["Træf afgørelse", "Træf afgørelse om tilskud"]
    assert [hit.score for hit in hits] == [1.0, 0.5]


# --- national scale (issue #20): ranked on ids in a window, the hits shown loaded after ------


def test_a_window_of_another_municipalitys_private_tasks_is_passed_over(
    konsulent, other_konsulent, make_process
):
    # Four private tasks rank first (shortest names) and fill the window of limit 1 x 4.
    private = two_task_bpmn("Send svar", "Send svar nu")
    make_process(user=other_konsulent, name="Privat A", visibility="own", bpmn_xml=private)
    make_process(user=other_konsulent, name="Privat B", visibility="own", bpmn_xml=private)
    make_process(name="Egen", bpmn_xml=two_task_bpmn("Send svar til borgeren", "Arkivér"))

    first = TaskSearch().search(user=konsulent, query="svar", filters=ALL, limit=1)
    every = TaskSearch().search(user=other_konsulent, query="svar", filters=ALL, limit=10)

    assert TaskSearch.WINDOW == 4
    assert titles(first) == ["Send svar til borgeren"]
    assert titles(every) == ["Send svar", "Send svar", "Send svar nu", "Send svar nu"]


def test_a_task_shared_in_another_collaboration_is_never_found(konsulent, stranger, make_process):
    bpmn = two_task_bpmn("Udsend nabohøringer", "Træf afgørelse")
    make_process(user=stranger, name="Aarhus' byggesag", visibility="collaboration", bpmn_xml=bpmn)

    hits = TaskSearch().search(user=konsulent, query="nabohøringer", filters=ALL, limit=10)

    assert hits == []


def test_the_same_task_name_comes_in_the_order_of_its_versions(
    konsulent, other_konsulent, make_process
):
    bpmn = two_task_bpmn("Udsend nabohøringer", "Træf afgørelse")
    theirs = make_process(user=other_konsulent, name="B", visibility="public", bpmn_xml=bpmn)
    mine = make_process(name="A", bpmn_xml=bpmn)

    hits = TaskSearch().search(user=konsulent, query="nabohøringer", filters=ALL, limit=10)

    assert [hit.municipality for hit in hits] == ["Gribskov", "Helsingør"]
    assert theirs.versions.get().pk < mine.versions.get().pk


def test_the_task_filters_narrow_to_a_municipality_among_what_the_reader_may_see(
    konsulent, other_konsulent, make_process
):
    bpmn = two_task_bpmn("Udsend nabohøringer", "Træf afgørelse")
    make_process(user=other_konsulent, name="Privat", visibility="own", bpmn_xml=bpmn)
    make_process(user=other_konsulent, name="Delt", visibility="collaboration", bpmn_xml=bpmn)
    make_process(name="Egen", bpmn_xml=bpmn)
    gribskov = SearchFilters(municipality_id=other_konsulent.municipality_id)

    hits = TaskSearch().search(user=konsulent, query="nabohøringer", filters=gribskov, limit=10)

    assert [hit.snippet.split(",")[0] for hit in hits] == ["En opgave i Delt"]


def test_the_process_ranking_loads_only_the_hits_asked_for(konsulent, make_process):
    for n in range(4):
        make_process(name=f"Byggetilladelse {n}")
    search = ProcessSearch()

    keys = search.rank(user=konsulent, query="byggetilladelse", filters=ALL, limit=10)
    shown = search.hits(user=konsulent, query="byggetilladelse", keys=keys[1:3])

    assert len(keys) == 4
    assert titles(shown) == ["Byggetilladelse 1", "Byggetilladelse 2"]
    assert [hit.score for hit in shown] == [keys[1].score, keys[2].score]


def test_loading_hits_checks_access_again_whatever_keys_it_is_given(
    konsulent, other_konsulent, make_process
):
    bpmn = two_task_bpmn("Udsend nabohøringer", "Træf afgørelse")
    make_process(
        user=other_konsulent, name="Byggetilladelse, privat", visibility="own", bpmn_xml=bpmn
    )
    theirs_processes = ProcessSearch().rank(
        user=other_konsulent, query="byggetilladelse", filters=ALL, limit=10
    )
    theirs_tasks = TaskSearch().rank(
        user=other_konsulent, query="nabohøringer", filters=ALL, limit=10
    )

    processes = ProcessSearch().hits(user=konsulent, query="x", keys=theirs_processes)
    tasks = TaskSearch().hits(user=konsulent, query="x", keys=theirs_tasks)

    assert (len(theirs_processes), len(theirs_tasks)) == (1, 1)
    assert (processes, tasks) == ([], [])


def test_the_task_kle_filter_keeps_the_tasks_of_processes_under_it_that_the_reader_may_see(
    konsulent, other_konsulent, make_process
):
    bpmn = two_task_bpmn("Udsend nabohøringer", "Træf afgørelse")
    make_process(name="Byggesag", kle_code="02.34.02", bpmn_xml=bpmn)
    make_process(name="Vejsag", kle_code="05.01.00", bpmn_xml=bpmn)
    make_process(user=other_konsulent, name="Privat", kle_code="02.34.02", bpmn_xml=bpmn)

    hits = TaskSearch().search(
        user=konsulent, query="nabohøringer", filters=SearchFilters(kle="02"), limit=10
    )

    assert [hit.snippet.split(",")[0] for hit in hits] == ["En opgave i Byggesag"]
