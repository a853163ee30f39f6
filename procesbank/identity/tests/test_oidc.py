"""OpenID Connect end to end: the code flow against a local provider (``oidcop.py``) over the
test client, with the id_token checks refusing a wrong issuer, wrong audience, bad signature
and an expired token."""

from __future__ import annotations

import time
from urllib.parse import parse_qs, urlsplit

import pytest
import responses
from joserfc.jwk import RSAKey

from procesbank.identity.models import ExternalIdentity
from procesbank.identity.tests.factories import OidcProviderFactory, RoleMappingFactory
from procesbank.identity.tests.oidcop import AUTHORIZE, CLIENT_ID, ISSUER, LocalProvider
from procesbank.organisations.models import AuditEntry, Role, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def op():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield LocalProvider(mock)


@pytest.fixture
def provider(own_municipality):
    RoleMappingFactory(
        municipality=own_municipality, value="Procesbank.Konsulent", role=Role.KONSULENT
    )
    RoleMappingFactory(municipality=own_municipality, value="Procesbank.Laeser", role=Role.LAESER)
    return OidcProviderFactory(
        municipality=own_municipality, name="Helsingør Entra ID", issuer=ISSUER, client_id=CLIENT_ID
    )


def start(client, provider) -> dict[str, str]:
    response = client.get(f"/sso/oidc/{provider.pk}/log-ind/?next=/processer/")
    assert response.status_code == 302
    location = response["Location"]
    assert location.startswith(AUTHORIZE + "?")
    return {key: values[0] for key, values in parse_qs(urlsplit(location).query).items()}


def sign_in(client, provider, op, **claims):
    query = start(client, provider)
    op.issue(nonce=query["nonce"], **claims)
    return client.get(
        f"/sso/oidc/{provider.pk}/tilbage/", {"code": "code-1", "state": query["state"]}
    )


def test_helsingoer_user_with_app_role_lands_as_konsulent_of_helsingoer(
    client, provider, op, own_municipality
):
    query = start(client, provider)
    op.issue(nonce=query["nonce"])

    response = client.get(
        f"/sso/oidc/{provider.pk}/tilbage/", {"code": "code-1", "state": query["state"]}
    )

    assert response.status_code == 302
    assert response["Location"] == "/processer/"
    assert query["client_id"] == CLIENT_ID
    assert query["redirect_uri"] == f"http://testserver/sso/oidc/{provider.pk}/tilbage/"
    assert set(query["scope"].split()) == {"openid", "profile", "email"}
    assert op.token_requests[0]["form"]["code"] == "code-1"
    assert op.token_requests[0]["authorization"] == op.basic_auth()
    user = User.objects.get(external_identities__subject="entra-sub-1")
    assert (user.municipality, user.role) == (own_municipality, Role.KONSULENT)
    assert (user.first_name, user.last_name, user.email) == (
        "Hans Christian",
        "Andersen",
        "hca@helsingor.dk",
    )
    assert client.get("/").wsgi_request.user == user
    login = AuditEntry.objects.get(object_type="identity.ExternalIdentity")
    assert (login.after["login"], login.after["role"]) == ("oidc", "konsulent")


def test_group_claims_map_like_privileges(client, provider, op):
    provider.claim = "groups"
    provider.save()
    RoleMappingFactory(
        municipality=provider.municipality,
        value="5f1c0f1e-6a4b-4c0e-9d55-0d6f1b0a2c11",
        role=Role.KOMMUNEADMIN,
    )

    sign_in(client, provider, op, groups=["5f1c0f1e-6a4b-4c0e-9d55-0d6f1b0a2c11"])

    assert User.objects.get(external_identities__subject="entra-sub-1").role == Role.KOMMUNEADMIN


def test_wrong_issuer_is_refused(client, provider, op):
    response = sign_in(client, provider, op, iss="https://login.evil.example/tenant-9/v2.0")

    assert response.status_code == 403
    assert "udstedt af en anden udsteder (issuer)" in response.content.decode()
    assert not ExternalIdentity.objects.exists()


def test_wrong_audience_is_refused(client, provider, op):
    response = sign_in(client, provider, op, aud="another-client")

    assert response.status_code == 403
    assert "forkert audience" in response.content.decode()
    assert not ExternalIdentity.objects.exists()


def test_bad_signature_is_refused(client, provider, op):
    op.signing_key = RSAKey.generate_key(2048, parameters={"kid": "key-1"})

    response = sign_in(client, provider, op)

    assert response.status_code == 403
    assert "ugyldig signatur" in response.content.decode()
    assert not ExternalIdentity.objects.exists()


def test_expired_token_is_refused(client, provider, op):
    hours_ago = int(time.time()) - 7200

    response = sign_in(client, provider, op, iat=hours_ago, nbf=hours_ago, exp=hours_ago + 3600)

    assert response.status_code == 403
    assert "er udløbet" in response.content.decode()
    assert not ExternalIdentity.objects.exists()


def test_unmapped_role_is_refused(client, provider, op):
    response = sign_in(client, provider, op, roles=["Something.Else"])

    assert response.status_code == 403
    assert "Du har ingen rettighed til Procesbank i Helsingør" in response.content.decode()


def test_replayed_state_is_refused(client, provider, op):
    query = start(client, provider)
    op.issue(nonce=query["nonce"])
    client.get(f"/sso/oidc/{provider.pk}/tilbage/", {"code": "code-1", "state": query["state"]})
    client.logout()

    response = client.get(
        f"/sso/oidc/{provider.pk}/tilbage/", {"code": "code-1", "state": query["state"]}
    )

    assert response.status_code == 403
    assert "Login-forløbet kunne ikke genkendes" in response.content.decode()


def test_provider_error_is_shown(client, provider, op):
    start(client, provider)

    response = client.get(
        f"/sso/oidc/{provider.pk}/tilbage/",
        {"error": "access_denied", "error_description": "AADSTS50105: not assigned"},
    )

    assert response.status_code == 403
    assert "Identitetsudbyderen afviste login: AADSTS50105: not assigned" in (
        response.content.decode()
    )


def test_groups_overage_is_refused_with_advice(client, provider, op):
    provider.claim = "groups"
    provider.save()

    response = sign_in(client, provider, op, _claim_names={"groups": "src1"})

    assert response.status_code == 403
    assert "app-roller" in response.content.decode()


def test_unreachable_provider_is_a_danish_503(client, own_municipality, op):
    provider = OidcProviderFactory(
        municipality=own_municipality, issuer="https://down.example/tenant/v2.0"
    )

    response = client.get(f"/sso/oidc/{provider.pk}/log-ind/")

    assert response.status_code == 503
    assert "Identitetsudbyderen kunne ikke nås" in response.content.decode()


def test_claims_with_nul_characters_are_cleaned(client, provider, op):
    response = sign_in(client, provider, op, sub="entra\x00-sub-9", name="Hans\x00 Andersen")

    assert response.status_code == 302
    user = User.objects.get(external_identities__subject="entra-sub-9")
    assert (user.first_name, user.last_name) == ("Hans", "Andersen")
