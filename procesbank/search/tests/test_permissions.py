"""The role matrix of search: every role may search (each sees only what it may read, which
the providers' own tests prove); nobody logged out (read by organisations' completeness test
through COVERED_ROUTES/COVERED_API)."""

import pytest
from django.urls import reverse

from procesbank.organisations.models import Role

pytestmark = pytest.mark.django_db

COVERED_ROUTES = {"search:search"}
COVERED_API = {("get", "/api/v1/search")}


@pytest.mark.parametrize("role", [role for role in Role if role != Role.MEDARBEJDER])
def test_every_role_may_search_on_the_page_and_the_api(client, make_user, role):
    client.force_login(make_user(role))

    page = client.get(reverse("search:search"), {"q": "byggetilladelse"})
    api = client.get("/api/v1/search", {"q": "byggetilladelse"})

    assert (page.status_code, api.status_code) == (200, 200)
    assert api.json() == {"query": "byggetilladelse", "groups": []}


def test_nobody_logged_out_may_search(client):
    page = client.get(reverse("search:search"), {"q": "x"})
    api = client.get("/api/v1/search", {"q": "x"})

    assert page.status_code == 302
    assert page["Location"].startswith(reverse("organisations:login"))
    assert api.status_code == 401


def test_an_employee_searches_in_the_portal_not_here(client, make_user):
    # The medarbejder role may use only the portal: the page sends them there, the API refuses.
    client.force_login(make_user(Role.MEDARBEJDER))

    page = client.get(reverse("search:search"), {"q": "byggetilladelse"})
    api = client.get("/api/v1/search", {"q": "byggetilladelse"})

    assert (page.status_code, api.status_code) == (302, 403)
    assert page["Location"].startswith("/portal/")
