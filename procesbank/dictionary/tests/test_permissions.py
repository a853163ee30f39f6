"""The dictionary's part of the role matrix: every role x every dictionary route and API
operation, own and other municipality. ``COVERED_ROUTES`` and ``COVERED_API`` are read by the
central completeness test in procesbank/organisations/tests/test_permissions.py."""

from __future__ import annotations

import pytest
from django.urls import reverse

from procesbank.dictionary.tests.factories import ItSystemFactory, RoleFactory
from procesbank.organisations.models import Role as UserRole
from procesbank.organisations.tests.roles import ADMINS, ALL, NONE, ROLES, ok_for

COLLABORATION_ADMIN = {UserRole.SAMARBEJDSADMIN}

VIEW_MATRIX = [
    ("dictionary:it_system_list", "get", None, ok_for(ALL, 200)),
    ("dictionary:it_system_list", "post", None, ok_for(COLLABORATION_ADMIN, 302)),
    ("dictionary:it_system_edit", "get", "it_system", ok_for(COLLABORATION_ADMIN, 200)),
    ("dictionary:it_system_edit", "post", "it_system", ok_for(COLLABORATION_ADMIN, 302)),
    ("dictionary:unmapped_texts", "get", None, ok_for(COLLABORATION_ADMIN, 200)),
    ("dictionary:role_list", "get", None, ok_for(ALL, 200)),
    ("dictionary:role_list", "post", None, ok_for(ADMINS, 302)),
    ("dictionary:role_delete", "post", "own_role", ok_for(ADMINS, 302)),
    ("dictionary:role_delete", "post", "other_role", ok_for(NONE, 0, 404)),
]
API_MATRIX = [
    ("get", "/api/v1/it-systems", ok_for(ALL, 200)),
    ("get", "/api/v1/roles", ok_for(ALL, 200)),
]
COVERED_ROUTES = {name for name, *_ in VIEW_MATRIX}
COVERED_API = {(method, path) for method, path, _ in API_MATRIX}

POST_DATA = {
    "dictionary:it_system_list": {"create": "1", "name": "Nyt system"},
    "dictionary:it_system_edit": {"name": "Omdøbt", "lock_version": 1},
    "dictionary:role_list": {"name": "Ny rolle"},
}


def _kwargs(key, user, other_municipality):
    if key is None:
        return {}
    if key == "it_system":
        return {"it_system_id": ItSystemFactory(name="SBSYS").pk}
    municipality = user.municipality if key.startswith("own") else other_municipality
    return {"role_id": RoleFactory(municipality=municipality).pk}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "method", "key", "statuses"), VIEW_MATRIX)
def test_view_matrix(client, make_user, other_municipality, role, name, method, key, statuses):
    user = make_user(role)
    client.force_login(user)
    url = reverse(name, kwargs=_kwargs(key, user, other_municipality))

    response = getattr(client, method)(url, POST_DATA.get(name, {}))

    expected = statuses[role]
    if expected == 0:  # refused either way: 403 or 404 (not among own rows)
        assert response.status_code in {403, 404}
    else:
        assert response.status_code == expected


@pytest.mark.parametrize(("name", "method", "key", "statuses"), VIEW_MATRIX)
def test_anonymous_is_sent_to_login(client, db, name, method, key, statuses):
    kwargs = {"it_system_id": 1} if key == "it_system" else {"role_id": 1} if key else {}

    response = getattr(client, method)(reverse(name, kwargs=kwargs))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("organisations:login"))


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("method", "path", "statuses"), API_MATRIX)
def test_api_matrix(client, make_user, role, method, path, statuses):
    client.force_login(make_user(role))

    assert getattr(client, method)(path).status_code == statuses[role]


@pytest.mark.parametrize(("method", "path", "statuses"), API_MATRIX)
def test_api_refuses_anonymous(client, db, method, path, statuses):
    assert getattr(client, method)(path).status_code == 401
