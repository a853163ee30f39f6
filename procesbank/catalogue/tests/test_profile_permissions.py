"""The role matrix of the municipality profile and the quick share: every role x route x own /
other municipality of the collaboration / a municipality of another collaboration. The
routes and API operations are added to the catalogue's COVERED_ROUTES and COVERED_API."""

from __future__ import annotations

import pytest
from django.urls import reverse

from procesbank.organisations.tests.factories import CollaborationFactory, MunicipalityFactory
from procesbank.organisations.tests.roles import ADMINS, ALL, EDITORS, NONE, ROLES
from procesbank.organisations.tests.roles import ok_for as _ok_for

VIEW_MATRIX = [
    ("profiles:municipality_profile", "get", "own", _ok_for(ALL, 200)),
    ("profiles:municipality_profile", "get", "other", _ok_for(ALL, 200)),
    ("profiles:municipality_profile", "get", "foreign", _ok_for(NONE, 0, 404)),
    ("profiles:municipality_profile_edit", "get", "own", _ok_for(ADMINS, 200)),
    ("profiles:municipality_profile_edit", "post", "own", _ok_for(ADMINS, 302)),
    # Not even a collaboration administrator edits another municipality's profile.
    ("profiles:municipality_profile_edit", "get", "other", _ok_for(NONE, 0)),
    ("profiles:municipality_profile_edit", "post", "other", _ok_for(NONE, 0)),
    ("profiles:municipality_profile_edit", "get", "foreign", _ok_for(NONE, 0, 404)),
    ("profiles:recommended", "get", None, _ok_for(ALL, 200)),
    ("catalogue:candidate_quick_share", "get", None, _ok_for(EDITORS, 200)),
    ("catalogue:candidate_quick_share", "post", None, _ok_for(EDITORS, 302)),
]
PROFILE_ROUTES = {name for name, *_ in VIEW_MATRIX}

_POST_DATA = {
    "profiles:municipality_profile_edit": {
        "contact_person": "Digitaliseringsenheden",
        "technologies": ["rpa"],
        "it_systems": "Acadre",
        "lock_version": 1,
    },
    "catalogue:candidate_quick_share": {"title": "Hurtig idé", "technology": "rpa"},
}


@pytest.fixture
def codes(own_municipality, other_municipality):
    foreign = MunicipalityFactory(
        collaboration=CollaborationFactory(name="Et andet samarbejde"), code="101", name="Fjern"
    )
    return {"own": own_municipality.code, "other": other_municipality.code, "foreign": foreign.code}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "method", "key", "statuses"), VIEW_MATRIX)
def test_view_matrix(client, make_user, codes, role, name, method, key, statuses):
    client.force_login(make_user(role))
    url = reverse(name, kwargs={"code": codes[key]} if key else {})

    response = getattr(client, method)(url, _POST_DATA.get(name, {}))

    if statuses[role] == 0:  # refused either way: 403 (no right) or 404 (not found)
        assert response.status_code in {403, 404}
    else:
        assert response.status_code == statuses[role]


@pytest.mark.parametrize(("name", "method", "key", "statuses"), VIEW_MATRIX)
def test_anonymous_is_sent_to_login(client, db, name, method, key, statuses):
    url = reverse(name, kwargs={"code": "217"} if key else {})

    response = getattr(client, method)(url)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("organisations:login"))


# --- API ---------------------------------------------------------------------------------
P = "/api/v1/municipalities/{code}/profile"
API_MATRIX = [
    ("get", P, "own", _ok_for(ALL, 200)),
    ("get", P, "other", _ok_for(ALL, 200)),
    ("get", P, "foreign", _ok_for(NONE, 0, 404)),
    ("patch", P, "own", _ok_for(ADMINS, 200)),
    ("patch", P, "other", _ok_for(NONE, 0, 403)),
    ("patch", P, "foreign", _ok_for(NONE, 0, 404)),
]
PROFILE_API = {(method, "/api/v1/municipalities/{code}/profile") for method, *_ in API_MATRIX}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("method", "path", "key", "statuses"), API_MATRIX)
def test_api_matrix(client, make_user, codes, role, method, path, key, statuses):
    client.force_login(make_user(role))
    payload = {"lock_version": 1, "technologies": ["rpa"]}

    response = (
        getattr(client, method)(
            path.format(code=codes[key]), payload, content_type="application/json"
        )
        if method == "patch"
        else client.get(path.format(code=codes[key]))
    )

    assert response.status_code == statuses[role]


@pytest.mark.parametrize(("method", "path", "key", "statuses"), API_MATRIX)
def test_api_refuses_anonymous(client, db, method, path, key, statuses):
    response = getattr(client, method)(path.format(code="217"))

    assert response.status_code == 401
