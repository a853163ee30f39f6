"""Single sign-on's part of the role matrix. The set-up pages are the collaboration admin's
only; another collaboration's rows are never found. The sign-on endpoints themselves are
public (a person arrives there before logging in) and are tested end to end in test_saml.py
and test_oidc.py. ``COVERED_ROUTES`` is read by the central completeness test in
procesbank/organisations/tests/test_permissions.py."""

from __future__ import annotations

import pytest
from django.urls import reverse

from procesbank.identity.tests.factories import (
    OidcProviderFactory,
    RoleMappingFactory,
    SamlProviderFactory,
)
from procesbank.organisations.models import Role
from procesbank.organisations.tests.factories import CollaborationFactory, MunicipalityFactory
from procesbank.organisations.tests.roles import NONE, ROLES
from procesbank.organisations.tests.roles import ok_for as _ok_for

pytestmark = pytest.mark.django_db

COLLAB = {Role.SAMARBEJDSADMIN}
VIEW_MATRIX = [
    ("identity:admin", "get", None, _ok_for(COLLAB, 200)),
    ("identity:saml_provider_create", "get", None, _ok_for(COLLAB, 200)),
    ("identity:saml_provider_edit", "get", "own_saml", _ok_for(COLLAB, 200)),
    ("identity:saml_provider_edit", "get", "foreign_saml", _ok_for(NONE, 0, 0)),
    ("identity:oidc_provider_create", "get", None, _ok_for(COLLAB, 200)),
    ("identity:oidc_provider_edit", "get", "own_oidc", _ok_for(COLLAB, 200)),
    ("identity:oidc_provider_edit", "get", "foreign_oidc", _ok_for(NONE, 0, 0)),
    ("identity:role_mapping_create", "post", None, _ok_for(COLLAB, 302)),
    ("identity:role_mapping_delete", "post", "own_mapping", _ok_for(COLLAB, 302)),
    ("identity:role_mapping_delete", "post", "foreign_mapping", _ok_for(NONE, 0, 0)),
]
PUBLIC = {
    "identity:saml_metadata",
    "identity:saml_acs",
    "identity:saml_sls",
    "identity:saml_login",
    "identity:oidc_login",
    "identity:oidc_callback",
    "identity:logout",
}
COVERED_ROUTES = {name for name, *_ in VIEW_MATRIX} | PUBLIC


def _kwargs(key, own_municipality):
    if key is None:
        return {}
    place, kind = key.split("_")
    municipality = (
        own_municipality
        if place == "own"
        else MunicipalityFactory(collaboration=CollaborationFactory(name="Andet samarbejde"))
    )
    if kind == "saml":
        return {"provider_id": SamlProviderFactory(municipality=municipality).pk}
    if kind == "oidc":
        return {"provider_id": OidcProviderFactory(municipality=municipality).pk}
    return {"mapping_id": RoleMappingFactory(municipality=municipality).pk}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "method", "key", "statuses"), VIEW_MATRIX)
def test_view_matrix(client, make_user, own_municipality, role, name, method, key, statuses):
    client.force_login(make_user(role))
    url = reverse(name, kwargs=_kwargs(key, own_municipality))
    data = (
        {"municipality": own_municipality.pk, "value": "urn:x", "role": Role.LAESER}
        if name == "identity:role_mapping_create"
        else {}
    )

    response = getattr(client, method)(url, data)

    expected = statuses[role]
    if expected == 0:
        assert response.status_code in {403, 404}
    else:
        assert response.status_code == expected


@pytest.mark.parametrize(("name", "method", "key", "statuses"), VIEW_MATRIX)
def test_anonymous_is_sent_to_login(client, own_municipality, name, method, key, statuses):
    url = reverse(name, kwargs=_kwargs(key, own_municipality))

    response = getattr(client, method)(url)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("organisations:login"))
