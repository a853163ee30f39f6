"""The catalogue page's count is kept per reader's view and filters under the stamp of what the
lists filter on (selectors.catalogue_count): a write shows on the next request, one reader's
count never answers another's, and a free-text search is counted afresh."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from procesbank.catalogue import services
from procesbank.processes import services as process_services

pytestmark = pytest.mark.django_db


def _count(client, **params) -> str:
    html = client.get(reverse("catalogue:catalogue"), params).content.decode()
    found = re.search(r"(\d+) (delte? proces(?:ser)?|kandidat(?:er)?)", html)
    assert found is not None
    return found.group(0)


def test_catalogue_count_follows_another_municipalitys_new_and_withdrawn_share(
    client, konsulent, other_konsulent
):
    process_services.process_create(user=other_konsulent, name="Delt", visibility="collaboration")
    client.force_login(konsulent)
    before = _count(client)

    shared = process_services.process_create(
        user=other_konsulent, name="Også delt", visibility="public"
    )
    added = _count(client)
    process_services.process_delete(user=other_konsulent, process=shared)
    deleted = _count(client)

    assert [before, added, deleted] == ["1 delt proces", "2 delte processer", "1 delt proces"]


def test_catalogue_count_of_candidates_follows_a_new_candidate_and_a_filter(
    client, konsulent, other_konsulent
):
    services.candidate_create(user=other_konsulent, title="Bogføring", technology="rpa")
    client.force_login(konsulent)
    before = _count(client, vis="kandidater")

    services.candidate_create(user=other_konsulent, title="Journalisering", technology="ai")
    after = _count(client, vis="kandidater")
    rpa = _count(client, vis="kandidater", technology="rpa")

    assert [before, after, rpa] == ["1 kandidat", "2 kandidater", "1 kandidat"]


def test_catalogue_count_kept_for_one_municipality_never_answers_another(
    client, konsulent, other_konsulent
):
    services.candidate_create(user=konsulent, title="Egen", visibility="own")
    services.candidate_create(user=other_konsulent, title="Delt")
    client.force_login(konsulent)
    own = _count(client, vis="kandidater")

    client.force_login(other_konsulent)
    other = _count(client, vis="kandidater")

    # Helsingør sees its own private candidate and Gribskov's shared one; Gribskov only its own.
    assert (own, other) == ("2 kandidater", "1 kandidat")


def test_catalogue_count_of_a_search_follows_the_text_a_process_is_found_by(
    client, konsulent, other_konsulent
):
    process_services.process_create(user=other_konsulent, name="Bevilling", visibility="public")
    client.force_login(konsulent)
    before = _count(client, q="Bevilling")

    process_services.process_create(user=other_konsulent, name="Ny bevilling", visibility="public")
    after = _count(client, q="Bevilling")

    assert (before, after) == ("1 delt proces", "2 delte processer")


def test_the_apis_candidate_count_is_the_kept_one_and_follows_a_new_candidate(
    client, konsulent, other_konsulent, stranger
):
    """The API's list reads the number the page keeps (selectors.catalogue_counted): a new
    candidate shows in the next answer, and another collaboration's viewer has its own."""
    services.candidate_create(user=other_konsulent, title="Bogføring", technology="rpa")
    client.force_login(konsulent)
    before = client.get("/api/v1/catalogue/candidates").json()["count"]
    services.candidate_create(user=other_konsulent, title="Journalisering", technology="ai")
    after = client.get("/api/v1/catalogue/candidates").json()
    client.force_login(stranger)
    elsewhere = client.get("/api/v1/catalogue/candidates").json()["count"]

    assert (before, after["count"], len(after["items"]), elsewhere) == (1, 2, 2, 0)
