"""Readers may comment on and follow the candidates they can read and keep their own saved
searches (organisations.permissions: "participate"); the pages say so."""

from __future__ import annotations

from django.urls import reverse

from procesbank.catalogue.models import Comment, SavedSearch
from procesbank.organisations.models import Role

WHO_COMMENTS = (
    "Alle, der kan se kandidaten, også læsere, kan kommentere og følge den. "
    "En kommentar vises med dit navn og kan ikke rettes bagefter."
)


def test_a_reader_is_told_and_may_comment_on_a_shared_candidate(
    client, other_konsulent, make_user, make_candidate
):
    candidate = make_candidate(user=other_konsulent, title="Delt robot")
    reader = make_user(Role.LAESER)
    client.force_login(reader)
    url = reverse("catalogue:candidate_detail", args=[candidate.pk])

    page = client.get(url).content.decode()
    client.post(reverse("catalogue:candidate_comment", args=[candidate.pk]), {"text": "Godt!"})

    assert WHO_COMMENTS in page
    assert Comment.objects.get().author == reader


def test_a_reader_is_told_that_saved_searches_are_private_and_may_save_one(client, make_user):
    reader = make_user(Role.LAESER)
    client.force_login(reader)

    page = client.get(reverse("catalogue:catalogue")).content.decode()
    client.post(
        reverse("catalogue:saved_search_create"), {"name": "Mine", "query": "vis=kandidater"}
    )

    assert "Dine gemte søgninger ser kun du; alle roller, også læsere, kan gemme dem." in page
    assert SavedSearch.objects.get().user == reader
