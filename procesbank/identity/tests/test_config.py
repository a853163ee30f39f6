"""The collaboration admin's set-up: services, selectors (who sees which municipality's
configuration) and pages."""

from __future__ import annotations

import re

import pytest
import responses
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404

from procesbank.core.errors import UserError
from procesbank.identity import selectors
from procesbank.identity.models import RoleMapping, SamlProvider
from procesbank.identity.services import config
from procesbank.identity.tests.factories import (
    OidcProviderFactory,
    RoleMappingFactory,
    SamlProviderFactory,
)
from procesbank.identity.tests.test_engine import IDP_METADATA
from procesbank.kit.locking import StaleEditError
from procesbank.organisations.models import AuditEntry, Role
from procesbank.organisations.tests.factories import (
    CollaborationFactory,
    MunicipalityFactory,
)

pytestmark = pytest.mark.django_db

KOMBIT = "https://saml.adgangsstyring.stoettesystemerne.dk"


@pytest.fixture
def collab_admin(make_user):
    return make_user(Role.SAMARBEJDSADMIN, username="samarbejde.admin")


@pytest.fixture
def foreign_municipality(db):
    return MunicipalityFactory(collaboration=CollaborationFactory(name="Sydjyske kommuner"))


def test_collaboration_admin_creates_a_provider_from_an_uploaded_metadata_file(
    collab_admin, own_municipality
):
    provider = config.saml_provider_create(
        user=collab_admin,
        municipality=own_municipality,
        metadata_file=IDP_METADATA,
        name="Helsingør Kommunes login",
        cvr="64502018",
        min_nsis_level="Substantial",
        enabled=True,
    )

    assert provider.entity_id == KOMBIT
    assert provider.metadata_xml == IDP_METADATA.decode()
    entry = AuditEntry.objects.get(object_type="identity.SamlProvider")
    assert entry.action == AuditEntry.Action.CREATE
    assert "metadata_xml" not in entry.after


@responses.activate
def test_metadata_is_fetched_from_its_url(collab_admin, own_municipality):
    responses.get("https://kombit.example/idp-metadata.xml", body=IDP_METADATA)

    provider = config.saml_provider_create(
        user=collab_admin,
        municipality=own_municipality,
        metadata_url="https://kombit.example/idp-metadata.xml",
        name="Helsingør",
        cvr="64502018",
    )

    assert provider.entity_id == KOMBIT


@responses.activate
def test_unreachable_metadata_url_is_refused_and_nothing_saved(collab_admin, own_municipality):
    responses.get("https://kombit.example/missing.xml", status=404)

    with pytest.raises(
        UserError,
        match=re.escape(
            "Metadata kunne ikke hentes fra https://kombit.example/missing.xml: HTTP 404"
        ),
    ):
        config.saml_provider_create(
            user=collab_admin,
            municipality=own_municipality,
            metadata_url="https://kombit.example/missing.xml",
            name="Helsingør",
            cvr="64502018",
        )

    assert not SamlProvider.objects.exists()


def test_hostile_metadata_is_refused(collab_admin, own_municipality):
    hostile = b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>'

    with pytest.raises(UserError, match="DOCTYPE-erklæring"):
        config.saml_provider_create(
            user=collab_admin,
            municipality=own_municipality,
            metadata_file=hostile,
            name="Helsingør",
            cvr="64502018",
        )


def test_wrong_cvr_format_is_refused(collab_admin, own_municipality):
    with pytest.raises(ValidationError) as caught:
        config.saml_provider_create(
            user=collab_admin,
            municipality=own_municipality,
            metadata_file=IDP_METADATA,
            name="Helsingør",
            cvr="6450",
        )

    assert caught.value.message_dict["cvr"] == ["CVR-nummeret skal være otte cifre."]


def test_stale_edit_is_refused(collab_admin, own_municipality):
    provider = SamlProviderFactory(
        municipality=own_municipality, entity_id=KOMBIT, metadata_xml=IDP_METADATA.decode()
    )
    config.saml_provider_update(
        user=collab_admin, provider=provider, lock_version=0, name="Ny", entity_id=KOMBIT
    )

    with pytest.raises(StaleEditError):
        config.saml_provider_update(
            user=collab_admin, provider=provider, lock_version=0, name="Gammel", entity_id=KOMBIT
        )

    assert SamlProvider.objects.get().name == "Ny"


def test_municipal_admin_cannot_configure_sign_on(make_user, own_municipality):
    kommuneadmin = make_user(Role.KOMMUNEADMIN)

    with pytest.raises(PermissionDenied):
        config.role_mapping_create(
            user=kommuneadmin, municipality=own_municipality, value="x", role=Role.KONSULENT
        )


def test_collaboration_admin_cannot_configure_another_collaboration(
    collab_admin, foreign_municipality
):
    with pytest.raises(PermissionDenied):
        config.oidc_provider_create(
            user=collab_admin,
            municipality=foreign_municipality,
            name="x",
            issuer="https://login.example/v2.0",
            client_id="c",
            client_secret="s",
            claim="roles",
        )


def test_selectors_show_nothing_of_another_collaboration(collab_admin, foreign_municipality):
    SamlProviderFactory(municipality=foreign_municipality)
    OidcProviderFactory(municipality=foreign_municipality)
    mapping = RoleMappingFactory(municipality=foreign_municipality)

    assert list(selectors.saml_provider_list(user=collab_admin)) == []
    assert list(selectors.oidc_provider_list(user=collab_admin)) == []
    assert list(selectors.role_mapping_list(user=collab_admin)) == []
    with pytest.raises(Http404):
        selectors.access_role_mapping(user=collab_admin, mapping_id=mapping.pk)


def test_selectors_show_nothing_to_a_konsulent(konsulent, own_municipality):
    SamlProviderFactory(municipality=own_municipality)

    assert list(selectors.saml_provider_list(user=konsulent)) == []
    assert list(selectors.administered_municipalities(user=konsulent)) == []


def test_role_mapping_twice_is_refused(collab_admin, own_municipality):
    config.role_mapping_create(
        user=collab_admin, municipality=own_municipality, value="urn:x", role=Role.KONSULENT
    )

    with pytest.raises(ValidationError, match="allerede tilknyttet"):
        config.role_mapping_create(
            user=collab_admin, municipality=own_municipality, value=" urn:x ", role=Role.LAESER
        )


def test_oidc_client_secret_is_kept_when_left_empty_and_never_audited(
    collab_admin, own_municipality
):
    provider = config.oidc_provider_create(
        user=collab_admin,
        municipality=own_municipality,
        name="Entra",
        issuer="https://login.example/t/v2.0",
        client_id="c",
        client_secret="hemmelig",
        claim="roles",
    )

    config.oidc_provider_update(
        user=collab_admin, provider=provider, lock_version=0, name="Entra ID", client_secret=""
    )

    provider.refresh_from_db()
    assert (provider.name, provider.client_secret) == ("Entra ID", "hemmelig")
    for entry in AuditEntry.objects.filter(object_type="identity.OidcProvider"):
        assert "hemmelig" not in str(entry.before) + str(entry.after)


# --- pages ------------------------------------------------------------------------------------


def test_admin_page_lists_configuration_and_the_metadata_url(
    client, collab_admin, own_municipality
):
    SamlProviderFactory(municipality=own_municipality, name="Helsingør Kommunes login")
    RoleMappingFactory(municipality=own_municipality, value="urn:procesbank:konsulent")
    client.force_login(collab_admin)

    response = client.get("/sso/opsaetning/")

    text = response.content.decode()
    assert response.status_code == 200
    assert "http://testserver/sso/saml/metadata/" in text
    assert "Helsingør Kommunes login" in text
    assert "urn:procesbank:konsulent" in text


def test_admin_page_is_refused_to_a_municipal_admin(client, make_user):
    client.force_login(make_user(Role.KOMMUNEADMIN))

    assert client.get("/sso/opsaetning/").status_code == 403


def test_admin_page_hides_another_collaborations_rows(client, collab_admin, foreign_municipality):
    SamlProviderFactory(municipality=foreign_municipality, name="Fremmed login")
    client.force_login(collab_admin)

    response = client.get("/sso/opsaetning/")

    assert "Fremmed login" not in response.content.decode()


def test_provider_of_another_collaboration_is_404(client, collab_admin, foreign_municipality):
    provider = SamlProviderFactory(municipality=foreign_municipality)
    client.force_login(collab_admin)

    assert client.get(f"/sso/opsaetning/saml/{provider.pk}/").status_code == 404


def test_saml_provider_form_uploads_metadata(client, collab_admin, own_municipality):
    client.force_login(collab_admin)

    response = client.post(
        "/sso/opsaetning/saml/ny/",
        {
            "municipality": own_municipality.pk,
            "name": "Helsingør Kommunes login",
            "cvr": "64502018",
            "metadata_file": SimpleUploadedFile("idp.xml", IDP_METADATA, "text/xml"),
            "min_nsis_level": "Substantial",
            "enabled": "on",
            "lock_version": "0",
        },
    )

    assert response.status_code == 302
    assert SamlProvider.objects.get().entity_id == KOMBIT


def test_saml_provider_form_shows_a_bad_file_on_the_form(client, collab_admin, own_municipality):
    client.force_login(collab_admin)

    response = client.post(
        "/sso/opsaetning/saml/ny/",
        {
            "municipality": own_municipality.pk,
            "name": "Helsingør",
            "cvr": "64502018",
            "metadata_file": SimpleUploadedFile("idp.xml", b"<nope", "text/xml"),
            "min_nsis_level": "Substantial",
        },
    )

    assert response.status_code == 200
    assert "Metadata er ikke gyldig XML (linje 1)" in response.content.decode()
    assert not SamlProvider.objects.exists()


def test_role_mapping_is_added_and_deleted_from_the_page(client, collab_admin, own_municipality):
    client.force_login(collab_admin)

    client.post(
        "/sso/opsaetning/roller/",
        {"municipality": own_municipality.pk, "value": "urn:x", "role": Role.KONSULENT},
    )
    mapping = RoleMapping.objects.get()
    client.post(f"/sso/opsaetning/roller/{mapping.pk}/slet/")

    assert not RoleMapping.objects.exists()
    assert list(
        AuditEntry.objects.filter(object_type="identity.RoleMapping")
        .order_by("id")
        .values_list("action", flat=True)
    ) == ["create", "delete"]


def test_access_selectors_find_own_collaborations_providers_only(
    collab_admin, own_municipality, foreign_municipality
):
    own_saml = SamlProviderFactory(municipality=own_municipality)
    own_oidc = OidcProviderFactory(municipality=own_municipality)
    foreign_saml = SamlProviderFactory(municipality=foreign_municipality)
    foreign_oidc = OidcProviderFactory(municipality=foreign_municipality)

    assert selectors.access_saml_provider(user=collab_admin, provider_id=own_saml.pk) == own_saml
    assert selectors.access_oidc_provider(user=collab_admin, provider_id=own_oidc.pk) == own_oidc
    with pytest.raises(Http404):
        selectors.access_saml_provider(user=collab_admin, provider_id=foreign_saml.pk)
    with pytest.raises(Http404):
        selectors.access_oidc_provider(user=collab_admin, provider_id=foreign_oidc.pk)
