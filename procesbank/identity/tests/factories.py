from __future__ import annotations

import factory

from procesbank.identity.models import OidcProvider, RoleMapping, SamlProvider
from procesbank.organisations.models import Role
from procesbank.organisations.tests.factories import MunicipalityFactory

# Helsingør Kommune's CVR number (the fixture's own municipality); Gribskov's for "another".
CVR_HELSINGOER = "64502018"
CVR_GRIBSKOV = "29189919"
PRIVILEGE_KONSULENT = "http://procesbank.dk/roles/usersystemrole/konsulent/1"
PRIVILEGE_LAESER = "http://procesbank.dk/roles/usersystemrole/laeser/1"


class SamlProviderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SamlProvider

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.LazyAttribute(lambda o: f"{o.municipality.name} Kommunes login")
    entity_id = "https://idp.test.procesbank.dk/saml"
    cvr = CVR_HELSINGOER
    enabled = True


class OidcProviderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OidcProvider

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.LazyAttribute(lambda o: f"{o.municipality.name} Entra ID")
    issuer = "https://login.test.procesbank.dk/tenant-1/v2.0"
    client_id = "procesbank-client"
    client_secret = "test-secret"
    enabled = True


class RoleMappingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleMapping

    municipality = factory.SubFactory(MunicipalityFactory)
    value = PRIVILEGE_KONSULENT
    role = Role.KONSULENT
