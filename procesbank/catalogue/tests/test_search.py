"""The catalogue's search provider: candidates by title, summary, description and IT systems,
never another municipality's private one (issue #16)."""

from __future__ import annotations

import pytest

from procesbank.catalogue.search import CandidateSearch
from procesbank.kit.search import SearchFilters

pytestmark = pytest.mark.django_db

ALL = SearchFilters()


def titles(hits):
    return [hit.title for hit in hits]


def test_a_candidate_is_found_by_an_inflected_word_of_its_summary(konsulent, make_candidate):
    make_candidate(title="Robot til byggesager", summary="Robotten tjekker byggetilladelser.")
    make_candidate(title="Chatbot til borgerservice")

    hits = CandidateSearch().search(user=konsulent, query="byggetilladelse", filters=ALL, limit=5)

    assert titles(hits) == ["Robot til byggesager"]
    assert hits[0].snippet == "Robotten tjekker byggetilladelser."


def test_a_candidate_is_found_by_its_it_system(konsulent, make_candidate):
    make_candidate(title="Robot A", it_systems=["KMD Nexus", "SBSYS"])
    make_candidate(title="Robot B", it_systems=["Byg og Miljø"])

    hits = CandidateSearch().search(user=konsulent, query="nexus", filters=ALL, limit=5)

    assert titles(hits) == ["Robot A"]
    assert hits[0].snippet.endswith("KMD Nexus, SBSYS")


def test_a_private_candidate_of_another_municipality_is_never_found_a_shared_one_is(
    konsulent, other_konsulent, make_candidate
):
    make_candidate(user=other_konsulent, title="Robot til byggesager, privat", visibility="own")
    make_candidate(user=other_konsulent, title="Robot til byggesager, delt")

    mine = CandidateSearch().search(user=konsulent, query="byggesager", filters=ALL, limit=5)
    theirs = CandidateSearch().search(
        user=other_konsulent, query="byggesager", filters=ALL, limit=5
    )

    assert titles(mine) == ["Robot til byggesager, delt"]
    assert sorted(titles(theirs)) == ["Robot til byggesager, delt", "Robot til byggesager, privat"]


def test_the_candidate_filters_narrow_to_municipality_and_kle(
    konsulent, other_konsulent, make_candidate
):
    make_candidate(title="Robot til byggesager", kle_code="02.34.02")
    make_candidate(user=other_konsulent, title="Robot til byggesager", kle_code="32.18.08")

    by_kle = CandidateSearch().search(
        user=konsulent, query="robot", filters=SearchFilters(kle="32"), limit=5
    )
    by_municipality = CandidateSearch().search(
        user=konsulent,
        query="robot",
        filters=SearchFilters(municipality_id=konsulent.municipality_id),
        limit=5,
    )

    assert [h.municipality for h in by_kle] == ["Gribskov"]
    assert [h.municipality for h in by_municipality] == ["Helsingør"]
