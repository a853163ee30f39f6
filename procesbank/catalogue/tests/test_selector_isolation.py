"""Every catalogue selector that takes the acting user, called directly with two
municipalities: Helsingør (own) and Gribskov (other), each with shared and unshared rows.

A Helsingør user must see exactly its own rows plus what Gribskov shared, never Gribskov's
unshared rows; getters of Gribskov's unshared objects raise the project's not-found (Http404).
"""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.urls import reverse

from procesbank.catalogue import selectors, services
from procesbank.catalogue.models import Candidate, UserMark
from procesbank.catalogue.selectors import CatalogueFilters
from procesbank.catalogue.tests.conftest import measure
from procesbank.organisations.models import Role
from procesbank.processes import services as process_services
from procesbank.profiles import selectors as profile_selectors

KLE = "32.18.08"
PRIVATE_KLE = "02.34.02"  # only on Gribskov's unshared process
NOTE = "Budgettet er ikke på plads endnu"
ESDH = "24.10.00-G01-17-25"


@pytest.fixture
def world(konsulent, other_konsulent, make_process, make_candidate):
    """Two processes and two candidates per municipality: one unshared, one shared."""
    own_process = make_process(
        konsulent, "Egen privat proces", visibility="own", kle_code=KLE, it_systems=["SBSYS"]
    )
    other_process = make_process(
        other_konsulent,
        "Gribskovs private proces",
        visibility="own",
        kle_code=PRIVATE_KLE,
        it_systems=["KMD Nexus"],
    )
    return SimpleNamespace(
        own_process=own_process,
        own_shared_process=make_process(konsulent, "Egen delt proces", kle_code=KLE),
        other_process=other_process,
        other_shared_process=make_process(other_konsulent, "Gribskovs delte proces", kle_code=KLE),
        own_candidate=make_candidate(
            konsulent, "Egen privat kandidat", visibility="own", phase="operation"
        ),
        own_shared_candidate=make_candidate(konsulent, "Egen delt kandidat"),
        other_candidate=make_candidate(
            other_konsulent,
            "Gribskovs private kandidat",
            visibility="own",
            phase="operation",
            it_systems=["SBSYS"],
            internal_notes=NOTE,
            esdh_reference=ESDH,
        ),
        other_shared_candidate=make_candidate(
            other_konsulent,
            "Gribskovs delte kandidat",
            phase="operation",
            it_systems=["SBSYS"],
            internal_notes=NOTE,
            esdh_reference=ESDH,
        ),
    )


def titles(candidates):
    return {c.title for c in candidates}


def names(processes):
    return {p.name for p in processes}


# --- Processes and candidates ------------------------------------------------------------


def test_catalogue_processes_shows_shared_processes_of_both_never_the_others_unshared(
    world, konsulent
):
    found = selectors.catalogue_processes(user=konsulent, filters=CatalogueFilters())

    assert names(found) == {"Egen delt proces", "Gribskovs delte proces"}


def test_catalogue_candidates_shows_own_and_shared_never_the_others_unshared(world, konsulent):
    found = selectors.catalogue_candidates(user=konsulent, filters=CatalogueFilters())

    assert titles(found) == {
        "Egen privat kandidat",
        "Egen delt kandidat",
        "Gribskovs delte kandidat",
    }


def test_catalogue_count_and_counted_count_each_municipalitys_own_view(
    world, konsulent, other_konsulent
):
    """The kept number of a list is per viewer: Helsingør's (its own private candidate, both
    shared) is never Gribskov's, though both ask with the same filters right after another."""
    filters = CatalogueFilters()

    def numbers(user):
        candidates = selectors.catalogue_candidates(user=user, filters=filters)
        counted = selectors.catalogue_counted(user=user, filters=filters, rows=candidates)
        kept = selectors.catalogue_count(user=user, filters=filters, rows=candidates)
        return kept, len(counted), titles(counted[0:10])

    own = numbers(konsulent)
    other = numbers(other_konsulent)

    assert own == (
        (3, False),
        3,
        {"Egen privat kandidat", "Egen delt kandidat", "Gribskovs delte kandidat"},
    )
    assert other == (
        (3, False),
        3,
        {"Gribskovs private kandidat", "Gribskovs delte kandidat", "Egen delt kandidat"},
    )


def test_candidate_visible_is_the_same_rule_as_the_list(world, konsulent, other_konsulent):
    for_own = Candidate.objects.filter(selectors.candidate_visible(konsulent))
    for_other = Candidate.objects.filter(selectors.candidate_visible(other_konsulent))

    assert titles(for_own) == {
        "Egen privat kandidat",
        "Egen delt kandidat",
        "Gribskovs delte kandidat",
    }
    assert titles(for_other) == {
        "Gribskovs private kandidat",
        "Gribskovs delte kandidat",
        "Egen delt kandidat",
    }


def test_access_candidate_of_the_others_unshared_is_not_found(world, konsulent):
    with pytest.raises(Http404):
        selectors.access_candidate(user=konsulent, candidate_id=world.other_candidate.pk)

    shared = selectors.access_candidate(
        user=konsulent, candidate_id=world.other_shared_candidate.pk
    )

    assert shared == world.other_shared_candidate


def test_access_candidate_for_edit_refuses_the_others_shared_and_hides_its_unshared(
    world, konsulent
):
    with pytest.raises(Http404):
        selectors.access_candidate_for_edit(user=konsulent, candidate_id=world.other_candidate.pk)
    with pytest.raises(PermissionDenied):
        selectors.access_candidate_for_edit(
            user=konsulent, candidate_id=world.other_shared_candidate.pk
        )

    own = selectors.access_candidate_for_edit(user=konsulent, candidate_id=world.own_candidate.pk)

    assert own == world.own_candidate


def test_can_edit_candidate_only_in_own_municipality(world, konsulent):
    own = selectors.can_edit_candidate(user=konsulent, candidate=world.own_shared_candidate)
    other = selectors.can_edit_candidate(user=konsulent, candidate=world.other_shared_candidate)

    assert (own, other) == (True, False)


def test_can_mark_interest_only_in_another_municipalitys_candidate(world, konsulent):
    own = selectors.can_mark_interest(user=konsulent, candidate=world.own_shared_candidate)
    other = selectors.can_mark_interest(user=konsulent, candidate=world.other_shared_candidate)

    assert (own, other) == (False, True)


def test_can_see_internal_only_for_the_owners_editors(world, konsulent, make_user):
    reader = make_user(Role.LAESER, username="laeser.helsingoer")

    assert selectors.can_see_internal(user=konsulent, candidate=world.own_candidate) is True
    assert selectors.can_see_internal(user=reader, candidate=world.own_candidate) is False
    assert (
        selectors.can_see_internal(user=konsulent, candidate=world.other_shared_candidate) is False
    )


def test_internal_municipality_id_is_the_editors_own(
    konsulent, other_konsulent, own_municipality, other_municipality, make_user
):
    reader = make_user(Role.LAESER, username="laeser.helsingoer")

    assert selectors.internal_municipality_id(user=konsulent) == own_municipality.pk
    assert selectors.internal_municipality_id(user=other_konsulent) == other_municipality.pk
    assert selectors.internal_municipality_id(user=reader) is None


def test_internal_notes_and_esdh_reference_never_reach_another_municipality(
    world, client, konsulent
):
    # The selector hands over the row; the API, the page and the exports decide what leaves
    # the owner, each asking can_see_internal / internal_municipality_id.
    candidate = world.other_shared_candidate
    client.force_login(konsulent)

    api = client.get(f"/api/v1/catalogue/candidates/{candidate.pk}").json()
    page = client.get(reverse("catalogue:candidate_detail", args=[candidate.pk])).content.decode()
    listing = client.get("/api/v1/catalogue/candidates").content.decode()
    export = client.get(reverse("catalogue:catalogue_export", args=["csv"]), {"vis": "kandidater"})
    csv = export.content.decode("utf-8-sig")

    assert api["title"] == "Gribskovs delte kandidat"
    assert (api["internal_notes"], api["esdh_reference"]) == (None, None)
    assert "Gribskovs delte kandidat" in page
    assert "Gribskovs delte kandidat" in csv
    for text in (page, listing, csv):
        assert NOTE not in text
        assert ESDH not in text


def test_internal_facts_reach_the_owners_editors(world, client, other_konsulent):
    client.force_login(other_konsulent)

    api = client.get(f"/api/v1/catalogue/candidates/{world.other_shared_candidate.pk}").json()

    assert (api["internal_notes"], api["esdh_reference"]) == (NOTE, ESDH)


def test_private_attachments_never_reach_another_municipality(
    world, konsulent, other_konsulent, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    candidate = world.other_shared_candidate
    shared = services.attachment_add(
        user=other_konsulent,
        candidate=candidate,
        upload=SimpleUploadedFile("delt.pdf", b"%PDF delt"),
        shared=True,
    )
    private = services.attachment_add(
        user=other_konsulent,
        candidate=candidate,
        upload=SimpleUploadedFile("intern.pdf", b"%PDF intern"),
        shared=False,
    )

    seen_by_own = list(selectors.attachment_list(user=konsulent, candidate=candidate))
    seen_by_owner = list(selectors.attachment_list(user=other_konsulent, candidate=candidate))

    assert seen_by_own == [shared]
    assert seen_by_owner == [shared, private]
    assert selectors.access_attachment(user=konsulent, attachment_id=shared.pk) == shared
    with pytest.raises(Http404):
        selectors.access_attachment(user=konsulent, attachment_id=private.pk)


def test_user_marks_are_the_users_own(world, konsulent, other_konsulent):
    candidate = world.other_shared_candidate
    services.mark_toggle(user=other_konsulent, candidate=candidate, kind=UserMark.Kind.FAVOURITE)
    services.mark_toggle(user=konsulent, candidate=candidate, kind=UserMark.Kind.FOLLOW)

    assert selectors.user_marks(user=konsulent, candidate=candidate) == {"follow"}
    assert selectors.user_marks(user=other_konsulent, candidate=candidate) == {"favourite"}


def test_feed_for_shows_events_of_readable_candidates_only(world, konsulent, other_konsulent):
    shared = world.other_shared_candidate
    services.mark_toggle(user=konsulent, candidate=shared, kind=UserMark.Kind.FOLLOW)
    services.candidate_update(
        user=other_konsulent, candidate=shared, lock_version=1, status="in_progress"
    )
    services.candidate_update(
        user=other_konsulent, candidate=world.other_candidate, lock_version=1, status="in_progress"
    )

    feed = selectors.feed_for(konsulent)

    assert [(e.candidate.title, e.text) for e in feed] == [
        ("Gribskovs delte kandidat", "Ændrede status"),
        ("Gribskovs delte kandidat", "Oprettede kandidaten"),
    ]


def test_linked_process_choices_are_the_own_municipalitys_processes(world, konsulent):
    choices = selectors.linked_process_choices(user=konsulent)

    assert names(choices) == {"Egen privat proces", "Egen delt proces"}


# --- Reuse -------------------------------------------------------------------------------


def test_access_shared_process_finds_the_others_shared_process_only(world, konsulent):
    found = selectors.access_shared_process(
        user=konsulent, process_id=world.other_shared_process.pk
    )

    assert found == world.other_shared_process
    for hidden in (world.other_process, world.own_shared_process):
        with pytest.raises(Http404):
            selectors.access_shared_process(user=konsulent, process_id=hidden.pk)


@pytest.fixture
def reuse(world, konsulent):
    """Helsingør's copy of Gribskov's shared process."""
    return services.process_reuse(user=konsulent, source=world.other_shared_process)


def test_access_reuse_is_not_found_for_the_source_municipality(reuse, konsulent, other_konsulent):
    assert selectors.access_reuse(user=konsulent, reuse_id=reuse.pk) == reuse
    with pytest.raises(Http404):
        selectors.access_reuse(user=other_konsulent, reuse_id=reuse.pk)


def test_my_reuses_lists_the_own_municipalitys_copies_only(reuse, konsulent, other_konsulent):
    assert list(selectors.my_reuses(user=konsulent)) == [reuse]
    assert list(selectors.my_reuses(user=other_konsulent)) == []


def test_reuse_for_process_answers_for_the_copys_municipality_only(
    reuse, konsulent, other_konsulent
):
    assert selectors.reuse_for_process(user=konsulent, process=reuse.copy) == reuse
    assert selectors.reuse_for_process(user=other_konsulent, process=reuse.copy) is None


def test_changed_reuse_ids_counts_the_own_copies_only(world, reuse, konsulent, other_konsulent):
    measure(other_konsulent, world.other_shared_process)  # a new revision of the source

    assert selectors.changed_reuse_ids(user=konsulent) == {world.other_shared_process.pk}
    assert selectors.changed_reuse_ids(user=other_konsulent) == set()


def test_reuse_source_changes_stop_when_the_source_is_unshared(
    world, reuse, konsulent, other_konsulent
):
    source = world.other_shared_process
    measure(other_konsulent, source, "T1", 6.0)
    before = selectors.reuse_source_changes(user=konsulent, reuse=reuse)
    source.refresh_from_db()

    process_services.process_update(
        user=other_konsulent, process=source, lock_version=source.lock_version, visibility="own"
    )

    assert before is not None
    assert len(before) == 1
    assert selectors.reuse_source_changes(user=konsulent, reuse=reuse) is None


# --- Comparison, dashboard, recommendations, reminders -----------------------------------


def test_comparison_rows_leave_out_the_others_unshared_process(world, konsulent):
    shared_rows = selectors.comparison_rows(user=konsulent, kle=KLE)
    private_rows = selectors.comparison_rows(user=konsulent, kle=PRIVATE_KLE)

    # Helsingør's own unshared process is not in the comparison either: it compares what
    # is shared, one row per municipality with a shared process.
    assert [(r.municipality, r.process_count) for r in shared_rows] == [
        ("Gribskov", 1),
        ("Helsingør", 1),
    ]
    assert private_rows == []


def test_comparison_kle_choices_leave_out_the_others_unshared_kle(world, konsulent):
    assert selectors.comparison_kle_choices(user=konsulent) == ["32.18", KLE]


def test_legal_basis_reminders_are_for_the_own_municipality(world, konsulent, other_konsulent):
    own = selectors.legal_basis_reminders(user=konsulent, today=date(2026, 11, 27))
    other = selectors.legal_basis_reminders(user=other_konsulent, today=date(2026, 11, 27))

    assert titles(own) == {"Egen privat kandidat"}
    assert titles(other) == {"Gribskovs private kandidat", "Gribskovs delte kandidat"}


def test_dashboard_counts_readable_candidates_only(world, konsulent):
    everything = selectors.dashboard(user=konsulent)
    own_only = selectors.dashboard(user=konsulent, own_only=True)

    assert everything.total == 3
    assert everything.per_municipality == [("Gribskov", 1), ("Helsingør", 2)]
    assert own_only.total == 2


# --- Saved searches and umbrellas --------------------------------------------------------


def test_saved_searches_belong_to_their_user(konsulent, other_konsulent):
    own = services.saved_search_create(user=konsulent, name="Mine", query="q=robot")
    other = services.saved_search_create(user=other_konsulent, name="Deres", query="q=ai")

    assert list(selectors.saved_search_list(user=konsulent)) == [own]
    assert selectors.access_saved_search(user=konsulent, search_id=own.pk) == own
    with pytest.raises(Http404):
        selectors.access_saved_search(user=konsulent, search_id=other.pk)


@pytest.fixture
def umbrellas(world, other_konsulent):
    private = services.umbrella_create(
        user=other_konsulent, name="Gribskovs private paraply", processes=[world.other_process]
    )
    shared = services.umbrella_create(
        user=other_konsulent,
        name="Gribskovs delte paraply",
        visibility="collaboration",
        processes=[world.other_shared_process],
    )
    return SimpleNamespace(private=private, shared=shared)


def test_umbrella_list_shows_the_others_shared_umbrella_only(umbrellas, konsulent):
    assert names(selectors.umbrella_list(user=konsulent)) == {"Gribskovs delte paraply"}


def test_access_umbrella_of_the_others_unshared_is_not_found(umbrellas, konsulent):
    shared = selectors.access_umbrella(user=konsulent, umbrella_id=umbrellas.shared.pk)

    assert shared == umbrellas.shared
    with pytest.raises(Http404):
        selectors.access_umbrella(user=konsulent, umbrella_id=umbrellas.private.pk)


def test_access_umbrella_for_edit_refuses_another_municipality(umbrellas, konsulent):
    with pytest.raises(PermissionDenied):
        selectors.access_umbrella_for_edit(user=konsulent, umbrella_id=umbrellas.shared.pk)
    with pytest.raises(Http404):
        selectors.access_umbrella_for_edit(user=konsulent, umbrella_id=umbrellas.private.pk)


def test_umbrella_processes_are_those_the_user_may_read(umbrellas, konsulent, other_konsulent):
    for_own = selectors.umbrella_processes(user=konsulent, umbrella=umbrellas.private)
    for_owner = selectors.umbrella_processes(user=other_konsulent, umbrella=umbrellas.private)

    assert names(for_own) == set()
    assert names(for_owner) == {"Gribskovs private proces"}


def test_umbrella_process_choices_are_own_and_shared(world, konsulent):
    choices = selectors.umbrella_process_choices(user=konsulent)

    assert names(choices) == {"Egen privat proces", "Egen delt proces", "Gribskovs delte proces"}


def test_umbrella_picker_names_the_owner_own_municipality_first(world, konsulent):
    from procesbank.catalogue.forms import UmbrellaForm

    form = UmbrellaForm(processes=selectors.umbrella_process_choices(user=konsulent))

    assert [label for _, label in form.fields["processes"].choices] == [
        "Egen delt proces (Helsingør)",
        "Egen privat proces (Helsingør)",
        "Gribskovs delte proces (Gribskov)",
    ]


# The profile's selectors read the catalogue's world too.
def test_municipality_it_systems_are_the_own_municipalitys(world, konsulent, other_konsulent):
    assert profile_selectors.municipality_it_systems(user=konsulent) == {"sbsys"}
    assert profile_selectors.municipality_it_systems(user=other_konsulent) == {"kmd nexus"}


def test_recommended_for_suggests_the_others_shared_candidates_only(world, konsulent):
    recommended = profile_selectors.recommended_for(user=konsulent)

    assert titles(r.candidate for r in recommended) == {"Gribskovs delte kandidat"}
