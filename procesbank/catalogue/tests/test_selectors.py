from __future__ import annotations

import pytest
from django.http import Http404

from procesbank.catalogue import selectors, services
from procesbank.catalogue.models import UserMark
from procesbank.catalogue.selectors import CatalogueFilters
from procesbank.catalogue.tests.conftest import measure


def test_catalogue_shows_shared_processes_only(konsulent, other_konsulent, make_process):
    shared = make_process(name="Delt")
    make_process(name="Privat", visibility="own")
    public = make_process(name="Offentlig", visibility="public")

    seen = selectors.catalogue_processes(user=other_konsulent, filters=CatalogueFilters())

    assert list(seen) == [shared, public]


def test_catalogue_filters_by_kle_phase_municipality_and_technology(
    konsulent, other_konsulent, make_process, make_candidate
):
    process = make_process(name="Enkeltydelse", kle_code="32.18.08", phase="implementeret")
    make_process(name="Byggesag", kle_code="02.34.02")
    make_candidate(process=process, technology="ai")
    me = other_konsulent

    def names(**filters):
        return [
            p.name
            for p in selectors.catalogue_processes(user=me, filters=CatalogueFilters(**filters))
        ]

    assert names(kle="32.18") == ["Enkeltydelse"]
    assert names(phase="implementeret") == ["Enkeltydelse"]
    assert names(technology="ai") == ["Enkeltydelse"]
    assert names(technology="rpa") == []
    assert names(municipality=konsulent.municipality_id) == ["Byggesag", "Enkeltydelse"]
    assert names(municipality=other_konsulent.municipality_id) == []
    assert names(q="bygge") == ["Byggesag"]


def test_private_candidates_stay_with_their_municipality(
    konsulent, other_konsulent, make_candidate
):
    shared = make_candidate(title="Delt")
    private = make_candidate(title="Privat", visibility="own")

    theirs = selectors.catalogue_candidates(user=other_konsulent, filters=CatalogueFilters())
    ours = selectors.catalogue_candidates(user=konsulent, filters=CatalogueFilters())

    assert list(theirs) == [shared]
    assert list(ours) == [shared, private]
    with pytest.raises(Http404):
        selectors.access_candidate(user=other_konsulent, candidate_id=private.pk)


def test_candidates_sort_by_expected_hours_saved(konsulent, make_process, make_candidate):
    small = make_process(name="Lille", yearly_volume=100)
    big = make_process(name="Stor", yearly_volume=1000)
    measure(konsulent, small)
    measure(konsulent, big)
    answers = {"rule_based": "high"}
    make_candidate(title="A lille", process=small, answers=answers)
    make_candidate(title="B stor", process=big, answers=answers)

    ordered = selectors.catalogue_candidates(
        user=konsulent, filters=CatalogueFilters(sort="-saving")
    )

    assert [c.title for c in ordered] == ["B stor", "A lille"]


def test_favourites_filter(konsulent, make_candidate):
    first = make_candidate(title="Første")
    make_candidate(title="Anden")
    services.mark_toggle(user=konsulent, candidate=first, kind=UserMark.Kind.FAVOURITE)

    mine = selectors.catalogue_candidates(
        user=konsulent, filters=CatalogueFilters(mine="favoritter")
    )

    assert list(mine) == [first]


def test_private_attachment_never_reaches_another_municipality(
    konsulent, other_konsulent, make_candidate, settings, tmp_path
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    candidate = make_candidate()
    shared = services.attachment_add(
        user=konsulent,
        candidate=candidate,
        upload=SimpleUploadedFile("delt.pdf", b"%PDF delt"),
        shared=True,
    )
    private = services.attachment_add(
        user=konsulent,
        candidate=candidate,
        upload=SimpleUploadedFile("intern.pdf", b"%PDF intern"),
        shared=False,
    )

    assert list(selectors.attachment_list(user=other_konsulent, candidate=candidate)) == [shared]
    assert list(selectors.attachment_list(user=konsulent, candidate=candidate)) == [shared, private]
    with pytest.raises(Http404):
        selectors.access_attachment(user=other_konsulent, attachment_id=private.pk)


def test_feed_shows_followed_candidates_events_by_others(
    konsulent, other_konsulent, make_candidate
):
    candidate = make_candidate()
    services.mark_toggle(user=other_konsulent, candidate=candidate, kind=UserMark.Kind.FOLLOW)
    services.candidate_update(
        user=konsulent, candidate=candidate, lock_version=1, status="in_progress"
    )
    services.comment_add(user=other_konsulent, candidate=candidate, text="Egen kommentar")

    feed = selectors.feed_for(other_konsulent)

    assert [e.text for e in feed] == ["Ændrede status", "Oprettede kandidaten"]


def test_feed_drops_candidates_made_private(konsulent, other_konsulent, make_candidate):
    candidate = make_candidate()
    services.mark_toggle(user=other_konsulent, candidate=candidate, kind=UserMark.Kind.FOLLOW)

    services.candidate_update(user=konsulent, candidate=candidate, lock_version=1, visibility="own")

    assert list(selectors.feed_for(other_konsulent)) == []


def test_comparison_leaves_out_private_processes(konsulent, other_konsulent, make_process):
    shared = make_process(name="Delt", kle_code="32.18.08", yearly_volume=1924)
    measure(konsulent, shared, "T1", 60.0)
    private = make_process(
        user=other_konsulent, name="Privat", kle_code="32.18.08", visibility="own"
    )
    measure(other_konsulent, private, "T1", 60.0)

    rows = selectors.comparison_rows(user=konsulent, kle="32.18")

    # 60 min x 1,924 cases / 60 = 1,924 hours = 1 FTE at 1,924 hours per FTE;
    # 1 / 64,210 inhabitants x 10,000 = 0.15574...
    [row] = rows
    assert row.municipality == "Helsingør"
    assert row.hours_per_year == pytest.approx(1924)
    assert row.fte_per_10000 == pytest.approx(10_000 / 64_210)
    assert row.task_count == 2


def test_comparison_counts_other_municipalitys_shared_process(
    konsulent, other_konsulent, make_process
):
    make_process(name="Delt", kle_code="32.18.08", yearly_volume=10)
    make_process(user=other_konsulent, name="Delt", kle_code="32.18.08", yearly_volume=20)
    make_process(name="Andet emne", kle_code="02.34.02", yearly_volume=30)

    rows = selectors.comparison_rows(user=konsulent, kle="32.18.08")

    assert [(r.municipality, r.yearly_volume) for r in rows] == [
        ("Gribskov", 20),
        ("Helsingør", 10),
    ]
