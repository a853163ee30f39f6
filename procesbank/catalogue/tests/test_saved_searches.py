"""Saving a catalogue search: a refused name says why, and the user keeps the filters."""

from __future__ import annotations

from django.urls import reverse

from procesbank.catalogue.models import SavedSearch


def _messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_a_too_long_name_is_refused_with_the_limit_and_keeps_the_filters(client, konsulent):
    client.force_login(konsulent)

    response = client.post(
        reverse("catalogue:saved_search_create"),
        {"name": "x" * 101, "query": "vis=kandidater&q=robot"},
        follow=True,
    )

    assert _messages(response) == ["Navnet på søgningen må højst have 100 tegn."]
    assert response.redirect_chain[-1][0] == "/katalog/?vis=kandidater&q=robot"
    assert not SavedSearch.objects.exists()


def test_an_empty_name_asks_for_a_name(client, konsulent):
    client.force_login(konsulent)

    response = client.post(
        reverse("catalogue:saved_search_create"), {"name": " ", "query": ""}, follow=True
    )

    assert _messages(response) == ["Giv søgningen et navn."]
    assert not SavedSearch.objects.exists()


def test_a_query_with_a_line_break_cannot_reach_the_location_header(client, konsulent):
    client.force_login(konsulent)

    response = client.post(
        reverse("catalogue:saved_search_create"),
        {"name": "Robotter", "query": "q=a\r\nSet-Cookie: x=1"},
    )

    assert response.status_code == 302
    assert response["Location"] == "/katalog/?q=a%0D%0ASet-Cookie%3A+x%3D1"
