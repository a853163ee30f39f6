"""The KLE lookup's part of the API role matrix (the rest of the process library's matrix is in
procesbank/organisations/tests/test_permissions.py, which reads ``COVERED_API`` here)."""

from __future__ import annotations

import pytest

from procesbank.organisations.tests.roles import ALL, ROLES, ok_for

API_MATRIX = [("get", "/api/v1/kle", ok_for(ALL, 200))]
COVERED_ROUTES: set[str] = set()
COVERED_API = {(method, path) for method, path, _ in API_MATRIX}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("method", "path", "statuses"), API_MATRIX)
def test_api_matrix(client, make_user, role, method, path, statuses):
    client.force_login(make_user(role))

    assert getattr(client, method)(path, {"q": "02"}).status_code == statuses[role]


def test_kle_lookup_refuses_anonymous(client, db):
    assert client.get("/api/v1/kle").status_code == 401
