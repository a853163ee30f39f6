"""A municipality with nothing of its own and nothing shared with it: no exports of nothing and
an overview that says why it is empty instead of tables of dashes."""

from __future__ import annotations

from django.urls import reverse


def test_the_empty_candidate_list_offers_no_export(client, konsulent):
    client.force_login(konsulent)

    page = client.get(reverse("catalogue:catalogue"), {"vis": "kandidater"}).content.decode()

    assert "0 kandidater" in page
    assert reverse("catalogue:catalogue_export", args=["xlsx"]) not in page
    assert reverse("catalogue:catalogue_export", args=["csv"]) not in page


def test_a_list_with_a_candidate_offers_excel_and_csv(client, konsulent, make_candidate):
    make_candidate()
    client.force_login(konsulent)

    page = client.get(reverse("catalogue:catalogue"), {"vis": "kandidater"}).content.decode()

    assert reverse("catalogue:catalogue_export", args=["xlsx"]) in page
    assert reverse("catalogue:catalogue_export", args=["csv"]) in page


def test_an_empty_overview_explains_itself_instead_of_showing_dashes(client, konsulent):
    client.force_login(konsulent)

    page = client.get(reverse("catalogue:catalogue_dashboard")).content.decode()

    assert "Der er endnu ingen automatiseringskandidater, du kan se" in page
    assert 'id="phase-heading"' not in page
    assert "<td>–</td>" not in page
    assert reverse("catalogue:candidate_quick_share") in page


def test_an_empty_own_overview_names_the_municipality(client, other_konsulent, make_candidate):
    make_candidate()  # Helsingør's, shared: Gribskov sees it, but has none of its own
    client.force_login(other_konsulent)

    page = client.get(reverse("catalogue:catalogue_dashboard"), {"omfang": "egen"}).content.decode()

    assert "Din kommune har ingen automatiseringskandidater endnu." in page
    assert 'id="phase-heading"' not in page


def test_candidates_without_it_systems_say_so_in_the_top_systems_card(
    client, konsulent, make_candidate
):
    make_candidate()
    client.force_login(konsulent)

    page = client.get(reverse("catalogue:catalogue_dashboard")).content.decode()

    assert "Ingen af kandidaterne har it-systemer angivet." in page
    assert 'id="phase-heading"' in page
    assert "<td>–</td>" not in page
