"""The catalogue's overviews are cached per reader's view (kit.stamps): another
municipality's write, and its delete, show on the reader's next request, and one
municipality's cached figures never answer another's."""

from __future__ import annotations

from procesbank.catalogue import selectors, services
from procesbank.catalogue.tests.conftest import measure
from procesbank.processes import services as process_services
from procesbank.profiles import selectors as profile_selectors

KLE = "32.18.08"


def test_overview_counts_another_municipalitys_new_candidate_on_the_next_request(
    konsulent, other_konsulent, make_candidate
):
    make_candidate(title="Egen", technology="rpa")
    before = selectors.dashboard(user=konsulent)

    make_candidate(user=other_konsulent, title="Gribskovs", technology="rpa")
    after = selectors.dashboard(user=konsulent)

    assert (before.total, after.total) == (1, 2)
    assert after.per_municipality == [("Gribskov", 1), ("Helsingør", 1)]


def test_overview_forgets_a_candidate_its_owner_deleted(konsulent, other_konsulent, make_candidate):
    make_candidate(title="Egen")
    theirs = make_candidate(user=other_konsulent, title="Gribskovs")
    before = selectors.dashboard(user=konsulent)

    services.candidate_delete(user=other_konsulent, candidate=theirs)
    after = selectors.dashboard(user=konsulent)

    assert (before.total, after.total) == (2, 1)
    assert after.per_municipality == [("Helsingør", 1)]


def test_overview_follows_a_share_taken_back(konsulent, other_konsulent, make_candidate):
    theirs = make_candidate(user=other_konsulent, title="Gribskovs")
    before = selectors.dashboard(user=konsulent)

    services.candidate_update(
        user=other_konsulent, candidate=theirs, lock_version=theirs.lock_version, visibility="own"
    )
    after = selectors.dashboard(user=konsulent)

    assert (before.total, after.total) == (1, 0)


def test_overview_cached_for_one_municipality_never_answers_another(
    konsulent, other_konsulent, stranger, make_candidate
):
    make_candidate(title="Privat", visibility="own")
    make_candidate(title="Delt")

    own = selectors.dashboard(user=konsulent)
    partner = selectors.dashboard(user=other_konsulent)
    outsider = selectors.dashboard(user=stranger)
    own_only = selectors.dashboard(user=konsulent, own_only=True)
    partner_own_only = selectors.dashboard(user=other_konsulent, own_only=True)

    assert (own.total, partner.total, outsider.total) == (2, 1, 0)
    assert (own_only.total, partner_own_only.total) == (2, 0)


def test_comparison_shows_another_municipalitys_new_process_on_the_next_request(
    konsulent, other_konsulent, make_process
):
    make_process(name="Egen", kle_code=KLE, yearly_volume=10)
    before = selectors.comparison_rows(user=konsulent, kle="32.18")
    choices_before = selectors.comparison_kle_choices(user=konsulent)

    make_process(user=other_konsulent, name="Deres", kle_code="32.18.09", yearly_volume=20)
    after = selectors.comparison_rows(user=konsulent, kle="32.18")
    choices_after = selectors.comparison_kle_choices(user=konsulent)

    assert [(r.municipality, r.yearly_volume) for r in before] == [("Helsingør", 10)]
    assert [(r.municipality, r.yearly_volume) for r in after] == [
        ("Gribskov", 20),
        ("Helsingør", 10),
    ]
    assert (choices_before, choices_after) == (
        ["32.18", KLE],
        ["32.18", KLE, "32.18.09"],
    )


def test_comparison_follows_new_measurements_and_a_deleted_process(
    konsulent, other_konsulent, make_process
):
    make_process(name="Egen", kle_code=KLE, yearly_volume=60)
    theirs = make_process(user=other_konsulent, name="Deres", kle_code=KLE, yearly_volume=60)
    before = selectors.comparison_rows(user=konsulent, kle=KLE)

    measure(other_konsulent, theirs, "T1", 30.0)
    measured = selectors.comparison_rows(user=konsulent, kle=KLE)
    process_services.process_delete(user=other_konsulent, process=theirs)
    deleted = selectors.comparison_rows(user=konsulent, kle=KLE)
    groups = selectors.comparison_groups(user=konsulent, kle=KLE)

    # 30 min x 60 cases / 60 = 30 hours per year.
    assert [(r.municipality, r.hours_per_year) for r in before] == [
        ("Gribskov", 0.0),
        ("Helsingør", 0.0),
    ]
    assert [(r.municipality, r.hours_per_year) for r in measured] == [
        ("Gribskov", 30.0),
        ("Helsingør", 0.0),
    ]
    assert [r.municipality for r in deleted] == ["Helsingør"]
    assert [(name, [r.municipality for r in rows]) for name, rows in groups] == [
        ("", ["Helsingør"])
    ]


def test_comparison_cached_for_one_collaboration_never_answers_another(
    konsulent, stranger, make_process
):
    make_process(name="Egen", kle_code=KLE, yearly_volume=10)

    own = selectors.comparison_rows(user=konsulent, kle=KLE)
    outsider = selectors.comparison_rows(user=stranger, kle=KLE)
    outsider_choices = selectors.comparison_kle_choices(user=stranger)

    assert [r.municipality for r in own] == ["Helsingør"]
    assert (outsider, outsider_choices) == ([], [])


def test_recommendations_follow_another_municipalitys_new_and_deleted_candidate(
    konsulent, other_konsulent, make_process, make_candidate
):
    make_process(user=other_konsulent, name="Egen", it_systems=["sbsys"])
    before = profile_selectors.recommended_for(user=other_konsulent)

    match = make_candidate(title="Bruger SBSYS", it_systems=["SBSYS"])
    added = profile_selectors.recommended_for(user=other_konsulent)
    services.candidate_delete(user=konsulent, candidate=match)
    deleted = profile_selectors.recommended_for(user=other_konsulent)

    assert before == []
    assert [(r.candidate.title, r.systems) for r in added] == [("Bruger SBSYS", ("SBSYS",))]
    assert deleted == []


def test_recommendations_cached_for_one_municipality_never_answer_another(
    konsulent, other_konsulent, make_process, make_candidate
):
    make_process(user=other_konsulent, name="Egen", it_systems=["sbsys"])
    make_candidate(title="Bruger SBSYS", it_systems=["SBSYS"])

    partner = profile_selectors.recommended_for(user=other_konsulent)
    own = profile_selectors.recommended_for(user=konsulent)

    # Helsingør's own candidate is never recommended to Helsingør, nor does it use SBSYS.
    assert [r.candidate.title for r in partner] == ["Bruger SBSYS"]
    assert own == []
