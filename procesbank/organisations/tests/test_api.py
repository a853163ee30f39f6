from __future__ import annotations

from procesbank.organisations.models import Role
from procesbank.organisations.services import api_token_create, api_token_revoke
from procesbank.organisations.tests.factories import CollaborationFactory, MunicipalityFactory


def test_me_with_bearer_token(client, konsulent):
    _token, raw = api_token_create(user=konsulent, name="Script")

    response = client.get("/api/v1/me", headers={"Authorization": f"Bearer {raw}"})

    assert response.status_code == 200
    assert response.json() == {
        "username": "konsulent.helsingoer",
        "role": "konsulent",
        "municipality": {
            "code": "217",
            "name": "Helsingør",
            "slug": "helsingoer",
            "population": 64210,
        },
    }


def test_revoked_token_gets_401(client, konsulent):
    token, raw = api_token_create(user=konsulent, name="Script")
    api_token_revoke(user=konsulent, token_id=token.pk)

    response = client.get("/api/v1/me", headers={"Authorization": f"Bearer {raw}"})

    assert response.status_code == 401


def test_wrong_token_gets_401(client, db):
    response = client.get("/api/v1/me", headers={"Authorization": "Bearer pb_forkert"})

    assert response.status_code == 401


def test_municipalities_lists_own_collaboration_sorted(client, make_user, other_municipality):
    MunicipalityFactory(collaboration=CollaborationFactory(name="Fremmed"), name="Aarhus")
    client.force_login(make_user(Role.LAESER))

    response = client.get("/api/v1/municipalities")

    assert [m["name"] for m in response.json()] == ["Gribskov", "Helsingør"]


def test_municipalities_query_count_is_flat(client, make_user, django_assert_max_num_queries):
    client.force_login(make_user(Role.LAESER))
    for _ in range(20):
        MunicipalityFactory()

    with django_assert_max_num_queries(4):
        response = client.get("/api/v1/municipalities")

    assert len(response.json()) == 21
