"""The search keeps each two-step provider's ranking per query, filters and viewer's scope under
the stamp of the models it reads (issue #20): a repeat of a search ranks nothing again, every
write that changes what it finds shows in the next search, and no viewer is given a ranking
kept for another municipality's scope."""

from __future__ import annotations

import pytest

from procesbank.catalogue import services as catalogue_services
from procesbank.catalogue.search import CandidateSearch
from procesbank.kit.search import SearchFilters
from procesbank.processes import services as process_services
from procesbank.processes.search import ProcessSearch, TaskSearch
from procesbank.processes.tests.conftest import two_task_bpmn
from procesbank.search.selectors import search_everything

pytestmark = pytest.mark.django_db


def found(user, query: str = "byggetilladelse") -> dict[str, list[str]]:
    groups = search_everything(user=user, query=query, filters=SearchFilters())
    return {group.kind: [hit.title for hit in group.hits] for group in groups}


def test_a_repeated_search_ranks_nothing_again(konsulent, monkeypatch):
    process_services.process_create(user=konsulent, name="Byggetilladelse")
    ranked = []
    for provider in (ProcessSearch, TaskSearch, CandidateSearch):
        rank = provider.rank

        def counting(self, *args, _rank=rank, **kwargs):
            ranked.append(self.kind)
            return _rank(self, *args, **kwargs)

        monkeypatch.setattr(provider, "rank", counting)

    first = found(konsulent)
    after_first = sorted(ranked)
    again = found(konsulent)

    assert first == again == {"process": ["Byggetilladelse"]}
    assert after_first == ["candidate", "process", "task"]
    assert sorted(ranked) == after_first  # nothing ranked the second time


def test_new_processes_tasks_and_candidates_show_in_the_next_search(konsulent):
    before = found(konsulent)
    process = process_services.process_create(user=konsulent, name="Byggetilladelse")
    catalogue_services.candidate_create(user=konsulent, title="Robot til byggetilladelse")
    version = process.versions.get()
    process_services.version_save_bpmn(
        user=konsulent,
        version=version,
        data=two_task_bpmn("Modtag byggetilladelse", "Send svar"),
        base_revision=version.revision,
    )

    after = found(konsulent)

    assert before == {}
    assert after["process"] == ["Byggetilladelse"]
    assert after["task"] == ["Modtag byggetilladelse"]
    assert after["candidate"] == ["Robot til byggetilladelse"]


def test_a_renamed_and_a_deleted_process_change_the_next_search(konsulent):
    process = process_services.process_create(user=konsulent, name="Byggetilladelse")
    before = found(konsulent)
    renamed = process_services.process_update(
        user=konsulent, process=process, lock_version=process.lock_version, name="Parkering"
    )
    after_rename = found(konsulent)
    process_services.process_delete(user=konsulent, process=renamed)

    assert before["process"] == ["Byggetilladelse"]
    assert "process" not in after_rename
    assert found(konsulent, "parkering") == {}


def test_a_viewer_of_another_municipality_never_gets_the_ranking_kept_for_this_one(
    konsulent, other_konsulent, stranger
):
    process_services.process_create(
        user=konsulent, name="Byggetilladelse, Helsingør", visibility="own"
    )
    catalogue_services.candidate_create(
        user=konsulent, title="Byggetilladelse, robot i Helsingør", visibility="own"
    )
    process_services.process_create(
        user=other_konsulent, name="Byggetilladelse, Gribskov", visibility="own"
    )

    # Each searches right after the other, with the same words.
    helsingoer = found(konsulent)
    gribskov = found(other_konsulent)
    aarhus = found(stranger)

    assert helsingoer == {
        "process": ["Byggetilladelse, Helsingør"],
        "candidate": ["Byggetilladelse, robot i Helsingør"],
    }
    assert gribskov == {"process": ["Byggetilladelse, Gribskov"]}
    assert aarhus == {}
