from __future__ import annotations

from datetime import date

from django.urls import reverse

from procesbank.catalogue import selectors, services
from procesbank.catalogue.models import Candidate, SavedSearch
from procesbank.profiles import selectors as profile_selectors


def test_dashboard_never_counts_invisible_candidates(konsulent, other_konsulent, make_candidate):
    make_candidate(title="Delt", technology="rpa", it_systems=["SBSYS"])
    make_candidate(title="Privat", technology="ai", visibility="own", it_systems=["KMD"])
    make_candidate(user=other_konsulent, title="Gribskovs", technology="rpa")

    seen_by_other = selectors.dashboard(user=other_konsulent)
    own_only = selectors.dashboard(user=other_konsulent, own_only=True)

    assert seen_by_other.total == 2
    assert seen_by_other.per_technology == [("RPA", 2)]
    assert seen_by_other.top_it_systems == [("SBSYS", 1)]
    assert seen_by_other.per_municipality == [("Gribskov", 1), ("Helsingør", 1)]
    assert own_only.total == 1


def test_most_viewed_counts_distinct_users(konsulent, other_konsulent, make_candidate):
    popular = make_candidate(title="Populær")
    make_candidate(title="Overset")
    services.candidate_seen(user=konsulent, candidate=popular)
    services.candidate_seen(user=other_konsulent, candidate=popular)

    [top] = selectors.dashboard(user=konsulent).most_viewed

    assert (top.title, top.seen) == ("Populær", 2)


def test_recommended_for_matches_it_systems_of_own_processes(
    konsulent, other_konsulent, make_process, make_candidate
):
    make_process(user=other_konsulent, name="Egen", it_systems=["sbsys"])
    match = make_candidate(title="Bruger SBSYS", it_systems=["SBSYS"])
    make_candidate(title="Bruger KMD", it_systems=["KMD Nexus"])
    make_candidate(title="Privat SBSYS", it_systems=["SBSYS"], visibility="own")

    [recommendation] = profile_selectors.recommended_for(user=other_konsulent)

    assert (recommendation.candidate, recommendation.systems) == (match, ("SBSYS",))


def test_legal_basis_reminder_after_six_months(konsulent, make_candidate):
    make_candidate(title="Kontrolleret", phase="operation", legal_basis_checked_on=date(2026, 6, 1))
    make_candidate(title="Gammel", phase="operation", legal_basis_checked_on=date(2026, 1, 1))
    make_candidate(title="Aldrig", phase="operation")
    make_candidate(title="Idé", phase="idea")

    due = selectors.legal_basis_reminders(user=konsulent, today=date(2026, 11, 27))

    # 27 Nov 2026 - 183 days = 28 May 2026: 1 June is recent enough, 1 January is not.
    assert sorted(c.title for c in due) == ["Aldrig", "Gammel"]


def test_saved_search_is_stored_per_user_and_listed(client, konsulent, other_konsulent):
    client.force_login(konsulent)

    client.post(
        reverse("catalogue:saved_search_create"),
        {"name": "Robotter", "query": "vis=kandidater&technology=rpa"},
    )

    search = SavedSearch.objects.get()
    assert (search.user, search.query) == (konsulent, "vis=kandidater&technology=rpa")
    page = client.get(reverse("catalogue:catalogue")).content.decode()
    assert 'href="?vis=kandidater&amp;technology=rpa">Robotter</a>' in page
    client.force_login(other_konsulent)
    assert "Robotter" not in client.get(reverse("catalogue:catalogue")).content.decode()


def test_top_it_systems_are_counted_per_candidate_in_the_database(
    konsulent, other_konsulent, make_candidate
):
    # Readable by Gribskov: the first four (shared) and Gribskov's own; Helsingør's private one
    # is not. SBSYS: 3 candidates (named twice in one, counted once); KMD Nexus: 2; Acadre,
    # Outlook: 1 each, in name order after the larger counts.
    make_candidate(title="A", it_systems=["SBSYS", "KMD Nexus", "SBSYS"])
    make_candidate(title="B", it_systems=["SBSYS", "Outlook"])
    make_candidate(title="C", it_systems=["KMD Nexus"])
    make_candidate(title="D", it_systems=[])
    make_candidate(title="Privat", visibility="own", it_systems=["SBSYS", "Privatsystem"])
    make_candidate(user=other_konsulent, title="Gribskovs", it_systems=["SBSYS", "Acadre"])

    top = selectors.dashboard(user=other_konsulent).top_it_systems
    top_two = selectors.top_it_systems(Candidate.objects.all(), limit=2)

    assert top == [("SBSYS", 3), ("KMD Nexus", 2), ("Acadre", 1), ("Outlook", 1)]
    assert top_two == [("SBSYS", 4), ("KMD Nexus", 2)]


def test_dashboard_query_count_does_not_grow_with_candidates(
    client, konsulent, other_konsulent, make_candidate, django_assert_max_num_queries
):
    client.force_login(other_konsulent)
    make_candidate(title="K0", it_systems=["SBSYS"])
    with django_assert_max_num_queries(20) as few:
        client.get(reverse("catalogue:catalogue_dashboard"))
    for n in range(1, 15):
        make_candidate(title=f"K{n}", it_systems=["SBSYS", f"System {n}"])

    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("catalogue:catalogue_dashboard"))

    assert response.context["dashboard"].top_it_systems[0] == ("SBSYS", 15)
    assert len(response.context["dashboard"].top_it_systems) == 10
