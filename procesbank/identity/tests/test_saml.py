"""SAML 2.0 end to end: Procesbank's service provider against a real pysaml2 identity
provider run in the test (``samlidp.py``), over the test client: the signed AuthnRequest,
the signed response posted to the ACS, and each refusal with its Danish message."""

from __future__ import annotations

import base64
from datetime import timedelta

import pytest

from procesbank.identity.models import ExternalIdentity
from procesbank.identity.tests.factories import (
    CVR_GRIBSKOV,
    CVR_HELSINGOER,
    PRIVILEGE_KONSULENT,
    PRIVILEGE_LAESER,
    RoleMappingFactory,
    SamlProviderFactory,
)
from procesbank.identity.tests.samlidp import (
    ATTR_CVR,
    ATTR_EMAIL,
    ATTR_NAME,
    ATTR_NSIS,
    ATTR_PRIVILEGES,
    IDP_ENTITY_ID,
    IDP_SLO_URL,
    IDP_SSO_URL,
    SP_CERT,
    SP_KEY,
    TestIdP,
    clock_shifted,
    idp_logout_request_location,
    logout_response_location,
    privileges_attribute,
)
from procesbank.organisations.models import AuditEntry, Role, User

pytestmark = pytest.mark.django_db

SP_ENTITY_ID = "http://testserver/sso/saml/metadata/"
ACS = "/sso/saml/acs/"


@pytest.fixture
def saml_settings(settings):
    settings.PROCESBANK_SAML_KEY_FILE = str(SP_KEY)
    settings.PROCESBANK_SAML_CERT_FILE = str(SP_CERT)
    settings.PROCESBANK_SAML_ENTITY_ID = ""
    return settings


@pytest.fixture
def idp(client, saml_settings) -> TestIdP:
    metadata = client.get("/sso/saml/metadata/")
    assert metadata.status_code == 200
    return TestIdP(metadata.content.decode())


@pytest.fixture
def provider(idp, own_municipality):
    RoleMappingFactory(municipality=own_municipality, value=PRIVILEGE_KONSULENT, role="konsulent")
    RoleMappingFactory(municipality=own_municipality, value=PRIVILEGE_LAESER, role="laeser")
    return SamlProviderFactory(
        municipality=own_municipality,
        name="Helsingør Kommunes login",
        entity_id=IDP_ENTITY_ID,
        cvr=CVR_HELSINGOER,
        metadata_xml=idp.metadata(),
    )


def attributes(
    *,
    cvr: str = CVR_HELSINGOER,
    privileges: dict[str, list[str]] | None = None,
    nsis: str = "Substantial",
) -> dict[str, list[str]]:
    return {
        ATTR_CVR: [cvr],
        ATTR_NAME: ["Karen Blixen"],
        ATTR_EMAIL: ["kbl@helsingor.dk"],
        ATTR_NSIS: [nsis],
        ATTR_PRIVILEGES: [
            privileges_attribute(
                privileges if privileges is not None else {cvr: [PRIVILEGE_KONSULENT]}
            )
        ],
    }


def start_login(client, provider, idp) -> tuple[str, str, str]:
    response = client.get(f"/sso/saml/{provider.pk}/log-ind/?next=/processer/")
    assert response.status_code == 302
    assert response["Location"].startswith(IDP_SSO_URL + "?")
    return idp.read_request(response["Location"])


def sign_in(client, provider, idp, *, audience=SP_ENTITY_ID, subject="kbl-uuid-1", **attrs):
    request_id, acs_url, relay = start_login(client, provider, idp)
    saml_response = idp.response(
        in_response_to=request_id,
        acs_url=acs_url,
        audience=audience,
        subject=subject,
        attributes=attributes(**attrs),
    )
    return client.post(ACS, {"SAMLResponse": saml_response, "RelayState": relay})


def test_metadata_publishes_signed_requests_the_acs_and_the_certificate(client, saml_settings):
    response = client.get("/sso/saml/metadata/")

    text = response.content.decode()
    assert response.status_code == 200
    assert f'entityID="{SP_ENTITY_ID}"' in text
    assert 'AuthnRequestsSigned="true"' in text
    assert 'WantAssertionsSigned="true"' in text
    assert 'Location="http://testserver/sso/saml/acs/"' in text
    assert "SingleLogoutService" in text
    certificate = "".join(SP_CERT.read_text().strip().splitlines()[1:-1])
    assert certificate in text.replace("\n", "")


def test_metadata_without_keys_says_saml_is_not_set_up(client, settings):
    settings.PROCESBANK_SAML_KEY_FILE = ""

    response = client.get("/sso/saml/metadata/")

    assert response.status_code == 503
    assert "Single sign-on med SAML er ikke sat op" in response.content.decode()


def test_helsingoer_user_with_privilege_lands_as_konsulent_of_helsingoer(
    client, provider, idp, own_municipality
):
    response = sign_in(client, provider, idp)

    assert response.status_code == 302
    assert response["Location"] == "/processer/"
    user = User.objects.get(external_identities__subject="kbl-uuid-1")
    assert (user.municipality, user.role) == (own_municipality, Role.KONSULENT)
    assert (user.first_name, user.last_name, user.email) == ("Karen", "Blixen", "kbl@helsingor.dk")
    assert not user.has_usable_password()
    assert client.get("/").wsgi_request.user == user
    link = ExternalIdentity.objects.get(user=user)
    assert (link.issuer, link.nsis_level) == (IDP_ENTITY_ID, "Substantial")


def test_second_login_updates_the_role_and_audits_the_change(client, provider, idp):
    sign_in(client, provider, idp)
    client.logout()

    sign_in(client, provider, idp, privileges={CVR_HELSINGOER: [PRIVILEGE_LAESER]})

    user = User.objects.get(external_identities__subject="kbl-uuid-1")
    assert user.role == Role.LAESER
    assert User.objects.filter(external_identities__issuer=IDP_ENTITY_ID).count() == 1
    role_change = AuditEntry.objects.get(
        object_type="organisations.User", action=AuditEntry.Action.UPDATE
    )
    assert (role_change.before["role"], role_change.after["role"]) == ("konsulent", "laeser")
    logins = AuditEntry.objects.filter(object_type="identity.ExternalIdentity")
    assert [entry.after["login"] for entry in logins] == ["saml", "saml"]


def test_tampered_signature_is_refused(client, provider, idp):
    request_id, acs_url, relay = start_login(client, provider, idp)
    signed = idp.response(
        in_response_to=request_id,
        acs_url=acs_url,
        audience=SP_ENTITY_ID,
        subject="kbl-uuid-1",
        attributes=attributes(privileges={CVR_HELSINGOER: [PRIVILEGE_LAESER]}),
    )
    # Raise the privilege inside the signed assertion after the IdP signed it.
    xml = base64.b64decode(signed).decode()
    laeser = privileges_attribute({CVR_HELSINGOER: [PRIVILEGE_LAESER]})
    konsulent = privileges_attribute({CVR_HELSINGOER: [PRIVILEGE_KONSULENT]})
    assert laeser in xml
    tampered = base64.b64encode(xml.replace(laeser, konsulent).encode()).decode()

    response = client.post(ACS, {"SAMLResponse": tampered, "RelayState": relay})

    assert response.status_code == 403
    assert "ugyldig signatur" in response.content.decode()
    assert not User.objects.filter(external_identities__subject="kbl-uuid-1").exists()
    assert "_auth_user_id" not in client.session


def test_wrong_audience_is_refused(client, provider, idp):
    response = sign_in(client, provider, idp, audience="https://another-service.example/sp")

    assert response.status_code == 403
    assert "forkert modtager/audience" in response.content.decode()
    assert (
        not User.objects.exclude(username="admin")
        .filter(external_identities__isnull=False)
        .exists()
    )


def test_expired_assertion_is_refused(client, provider, idp):
    request_id, acs_url, relay = start_login(client, provider, idp)
    # Issued two hours ago with the IdP's 15-minute lifetime.
    with clock_shifted(timedelta(hours=-2)):
        saml_response = idp.response(
            in_response_to=request_id,
            acs_url=acs_url,
            audience=SP_ENTITY_ID,
            subject="kbl-uuid-1",
            attributes=attributes(),
        )

    response = client.post(ACS, {"SAMLResponse": saml_response, "RelayState": relay})

    assert response.status_code == 403
    assert "er udløbet" in response.content.decode()
    assert not ExternalIdentity.objects.exists()


def test_cvr_of_another_municipality_is_refused(client, provider, idp):
    response = sign_in(client, provider, idp, cvr=CVR_GRIBSKOV)

    assert response.status_code == 403
    assert (
        "Du er logget ind som medarbejder i en anden organisation (CVR 29189919) end Helsingør."
        in response.content.decode()
    )
    assert not ExternalIdentity.objects.exists()


def test_no_mapped_privilege_is_refused(client, provider, idp):
    response = sign_in(
        client, provider, idp, privileges={CVR_HELSINGOER: ["http://other.dk/roles/x/1"]}
    )

    assert response.status_code == 403
    assert "Du har ingen rettighed til Procesbank i Helsingør" in response.content.decode()
    assert not ExternalIdentity.objects.exists()


def test_privilege_scoped_to_another_cvr_grants_nothing(client, provider, idp):
    response = sign_in(client, provider, idp, privileges={CVR_GRIBSKOV: [PRIVILEGE_KONSULENT]})

    assert response.status_code == 403
    assert "Du har ingen rettighed til Procesbank i Helsingør" in response.content.decode()


def test_nsis_level_below_the_providers_minimum_is_refused(client, provider, idp):
    response = sign_in(client, provider, idp, nsis="Low")

    assert response.status_code == 403
    assert "sikringsniveau “Low”" in response.content.decode()


def test_unsolicited_response_is_refused(client, provider, idp):
    saml_response = idp.response(
        in_response_to="id-never-asked",
        acs_url="http://testserver/sso/saml/acs/",
        audience=SP_ENTITY_ID,
        subject="kbl-uuid-1",
        attributes=attributes(),
    )

    response = client.post(ACS, {"SAMLResponse": saml_response})

    assert response.status_code == 403
    assert "Procesbank har ikke bedt om dette login" in response.content.decode()


def test_garbage_response_is_refused_without_a_500(client, provider, idp):
    start_login(client, provider, idp)

    response = client.post(ACS, {"SAMLResponse": "bm90IHhtbA=="})

    assert response.status_code == 403
    assert "kunne ikke læses" in response.content.decode()


def test_refusal_reads_english_for_an_english_reader(client, provider, idp):
    client.cookies["django_language"] = "en"

    response = sign_in(client, provider, idp, cvr=CVR_GRIBSKOV)

    assert response.status_code == 403
    assert "another organisation (CVR 29189919) than Helsingør" in response.content.decode()


def test_disabled_provider_cannot_start_a_login(client, provider, idp):
    provider.enabled = False
    provider.save()

    response = client.get(f"/sso/saml/{provider.pk}/log-ind/")

    assert response.status_code == 404


def test_login_page_offers_the_enabled_providers(client, provider):
    response = client.get("/konto/log-ind/")

    assert "Log ind med Helsingør Kommunes login" in response.content.decode()
    assert f"/sso/saml/{provider.pk}/log-ind/" in response.content.decode()


def test_single_logout_goes_through_the_identity_provider(client, provider, idp):
    sign_in(client, provider, idp)
    assert "_auth_user_id" in client.session

    response = client.post("/sso/log-ud/")

    assert response.status_code == 302
    assert response["Location"].startswith("https://idp.test.procesbank.dk/slo?SAMLRequest=")
    assert "Signature=" in response["Location"]
    back = logout_response_location(idp, response["Location"])
    assert back.startswith("http://testserver/sso/saml/sls/?SAMLResponse=")
    finished = client.get(back.removeprefix("http://testserver"))
    assert finished.status_code == 302
    assert finished["Location"] == "/konto/log-ind/"
    assert "_auth_user_id" not in client.session


def test_local_user_logs_out_locally(client, konsulent):
    client.force_login(konsulent)

    response = client.post("/sso/log-ud/")

    assert response["Location"] == "/konto/log-ind/"
    assert "_auth_user_id" not in client.session


def test_logout_started_at_the_identity_provider_logs_out_here(client, provider, idp):
    sign_in(client, provider, idp)
    location = idp_logout_request_location(idp, "kbl-uuid-1")
    assert location.startswith("http://testserver/sso/saml/sls/?SAMLRequest=")

    response = client.get(location.removeprefix("http://testserver"))

    assert response.status_code == 302
    assert response["Location"].startswith(IDP_SLO_URL + "?SAMLResponse=")
    assert "_auth_user_id" not in client.session


def test_logout_request_with_a_forged_signature_is_refused(client, provider, idp):
    sign_in(client, provider, idp)
    location = idp_logout_request_location(idp, "kbl-uuid-1")
    path, query = location.removeprefix("http://testserver").split("?", 1)
    params = dict(part.split("=", 1) for part in query.split("&"))
    params["Signature"] = params["Signature"][:-8] + "AAAAAAA%3D"
    forged = path + "?" + "&".join(f"{key}={value}" for key, value in params.items())

    response = client.get(forged)

    assert response.status_code == 403
    assert "ikke signeret korrekt" in response.content.decode()
    assert "_auth_user_id" in client.session


def test_unsigned_logout_request_is_refused(client, provider, idp):
    sign_in(client, provider, idp)
    location = idp_logout_request_location(idp, "kbl-uuid-1")
    path, query = location.removeprefix("http://testserver").split("?", 1)
    unsigned = "&".join(
        part for part in query.split("&") if not part.startswith(("Signature=", "SigAlg="))
    )

    response = client.get(f"{path}?{unsigned}")

    assert response.status_code == 403
    assert "_auth_user_id" in client.session


def test_signed_in_user_is_not_offered_a_password_change(client, provider, idp):
    sign_in(client, provider, idp)

    page = client.get("/").content.decode()

    assert "Skift adgangskode" not in page
    assert 'action="/sso/log-ud/"' in page
