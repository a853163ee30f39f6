"""The start page of someone who follows nothing yet says where to begin."""

from __future__ import annotations

from django.urls import reverse

from procesbank.organisations.models import Role


def test_a_consultant_who_follows_nothing_is_offered_a_start(client, konsulent):
    client.force_login(konsulent)

    page = client.get(reverse("web:home")).content.decode()

    assert '<h2 id="start-heading">Kom i gang</h2>' in page
    assert f'<a href="{reverse("processes:process_create")}">Tegn en proces</a>' in page
    assert f'<a href="{reverse("catalogue:comparison")}">' in page


def test_a_reader_is_not_offered_to_draw_a_process(client, make_user):
    client.force_login(make_user(Role.LAESER, username="laeser.helsingoer"))

    page = client.get(reverse("web:home")).content.decode()

    assert "Kom i gang" in page
    assert reverse("processes:process_create") not in page
    assert f'<a href="{reverse("processes:process_list")}">Se jeres procesoversigt</a>' in page
