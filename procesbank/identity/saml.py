"""The SAML 2.0 service provider on pysaml2 and djangosaml2: the configuration built per
request from the identity providers the municipalities enabled, and the reading of an
OIOSAML 3 assertion (already checked by pysaml2: signature, audience, lifetime, the request
it answers) into an :class:`~procesbank.identity.services.login.SsoIdentity`.

The service provider's key and certificate come from the environment
(``PROCESBANK_SAML_KEY_FILE``, ``PROCESBANK_SAML_CERT_FILE``); the entity id is
``PROCESBANK_SAML_ENTITY_ID`` or else the metadata URL.
"""

from __future__ import annotations

from typing import Any

import saml2
from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from saml2.config import SPConfig
from saml2.saml import NAMEID_FORMAT_PERSISTENT
from saml2.xmldsig import DIGEST_SHA256, SIG_RSA_SHA256

from procesbank.core.errors import UserError, gettext_noop
from procesbank.identity.engine.privileges import parse_privileges, privileges_for
from procesbank.identity.models import NSIS_ORDER, SamlProvider
from procesbank.identity.services.login import SsoIdentity

# OIOSAML 3 attribute names (the OIO-BPP privilege attribute also under its older names).
ATTR_CVR = (
    "https://data.gov.dk/model/core/eid/cvr",
    "https://data.gov.dk/model/core/eid/professional/cvr",
)
ATTR_FULL_NAME = ("https://data.gov.dk/model/core/eid/fullName",)
ATTR_FIRST_NAME = ("https://data.gov.dk/model/core/eid/firstName",)
ATTR_LAST_NAME = ("https://data.gov.dk/model/core/eid/lastName",)
ATTR_EMAIL = ("https://data.gov.dk/model/core/eid/email",)
ATTR_NSIS = ("https://data.gov.dk/concept/core/nsis/loa",)
ATTR_PRIVILEGES = (
    "http://digst.dk/oiosaml/basic_privilege_profile",
    "https://data.gov.dk/model/core/eid/privilegesIntermediate",
    "dk:gov:saml:attribute:Privileges_intermediate",
)

MSG_NOT_CONFIGURED = gettext_noop(
    "Single sign-on med SAML er ikke sat op på denne installation (serviceudbyderens nøgle og "
    "certifikat mangler)."
)
MSG_NO_CVR = gettext_noop(
    "Identitetsudbyderen sendte ikke dit CVR-nummer, så Procesbank kan ikke se, hvilken kommune "
    "du hører til."
)
MSG_WRONG_CVR = gettext_noop(
    "Du er logget ind som medarbejder i en anden organisation (CVR %(cvr)s) end "
    "%(municipality)s. Brug din egen kommunes login."
)
MSG_NSIS = gettext_noop(
    "Dit login har sikringsniveau “%(level)s”, men %(municipality)s kræver mindst "
    "“%(required)s” (NSIS). Log ind med et stærkere login, fx MitID Erhverv."
)


class SamlNotConfigured(UserError):
    pass


def sp_key_files() -> tuple[str, str]:
    key = getattr(settings, "PROCESBANK_SAML_KEY_FILE", "") or ""
    cert = getattr(settings, "PROCESBANK_SAML_CERT_FILE", "") or ""
    if not key or not cert:
        raise SamlNotConfigured(MSG_NOT_CONFIGURED)
    return key, cert


def sp_entity_id(request: HttpRequest) -> str:
    configured = getattr(settings, "PROCESBANK_SAML_ENTITY_ID", "") or ""
    return configured or request.build_absolute_uri(reverse("identity:saml_metadata"))


def _metadata(providers: list[SamlProvider]) -> list[str]:
    """The inline metadata of the enabled providers, once per entity id (several
    municipalities behind the same Context Handler share one)."""
    seen: dict[str, str] = {}
    for provider in providers:
        if provider.metadata_xml and provider.entity_id not in seen:
            seen[provider.entity_id] = provider.metadata_xml
    return list(seen.values())


def config_for(request: HttpRequest) -> dict[str, Any]:
    key, cert = sp_key_files()
    acs = request.build_absolute_uri(reverse("identity:saml_acs"))
    sls = request.build_absolute_uri(reverse("identity:saml_sls"))
    providers = list(SamlProvider.objects.filter(enabled=True))
    return {
        "entityid": sp_entity_id(request),
        "xmlsec_binary": getattr(settings, "PROCESBANK_XMLSEC_BINARY", "/usr/bin/xmlsec1"),
        "key_file": key,
        "cert_file": cert,
        "encryption_keypairs": [{"key_file": key, "cert_file": cert}],
        "allow_unknown_attributes": True,
        "accepted_time_diff": 60,
        "service": {
            "sp": {
                "name": "Procesbank",
                "endpoints": {
                    "assertion_consumer_service": [(acs, saml2.BINDING_HTTP_POST)],
                    "single_logout_service": [
                        (sls, saml2.BINDING_HTTP_REDIRECT),
                        (sls, saml2.BINDING_HTTP_POST),
                    ],
                },
                "name_id_format": [NAMEID_FORMAT_PERSISTENT],
                "authn_requests_signed": True,
                "logout_requests_signed": True,
                "want_assertions_signed": True,
                "want_response_signed": False,
                "allow_unsolicited": False,
                "signing_algorithm": SIG_RSA_SHA256,
                "digest_algorithm": DIGEST_SHA256,
                "requested_attributes": [
                    {"name": ATTR_CVR[0], "required": True},
                    {"name": ATTR_PRIVILEGES[0], "required": True},
                    {"name": ATTR_NSIS[0], "required": False},
                    {"name": ATTR_FULL_NAME[0], "required": False},
                    {"name": ATTR_EMAIL[0], "required": False},
                ],
            }
        },
        "metadata": {"inline": _metadata(providers)},
    }


def config_loader(request: HttpRequest) -> SPConfig:
    """djangosaml2's ``SAML_CONFIG_LOADER``: the configuration for this request."""
    conf = SPConfig()
    conf.load(config_for(request))
    return conf


def _first(ava: dict[str, list[str]], names: tuple[str, ...]) -> str:
    for name in names:
        values = ava.get(name) or []
        if values and str(values[0]).strip():
            return str(values[0]).strip()
    return ""


def _all(ava: dict[str, list[str]], names: tuple[str, ...]) -> list[str]:
    return [str(value) for name in names for value in ava.get(name) or []]


def identity_from_assertion(
    *, provider: SamlProvider, issuer: str, name_id: str, ava: dict[str, list[str]]
) -> SsoIdentity:
    """The person in a checked assertion, refused (:class:`UserError`) when the CVR is not the
    provider's municipality's or the NSIS level is below what it requires."""
    municipality = provider.municipality.name
    cvr = _first(ava, ATTR_CVR)
    if not cvr:
        raise UserError(MSG_NO_CVR)
    if cvr != provider.cvr:
        raise UserError(MSG_WRONG_CVR, cvr=cvr[:20], municipality=municipality)
    level = _first(ava, ATTR_NSIS)
    ranks = {str(item): index for index, item in enumerate(NSIS_ORDER)}
    if ranks.get(level, -1) < ranks[provider.min_nsis_level]:
        raise UserError(
            MSG_NSIS,
            level=level[:20] or "-",
            required=provider.min_nsis_level,
            municipality=municipality,
        )
    privileges = []
    for value in _all(ava, ATTR_PRIVILEGES):
        privileges.extend(parse_privileges(value))
    full_name = _first(ava, ATTR_FULL_NAME)
    first = _first(ava, ATTR_FIRST_NAME)
    last = _first(ava, ATTR_LAST_NAME)
    if full_name and not (first or last):
        first, _space, last = full_name.rpartition(" ")
        if not first:
            first, last = last, ""
    return SsoIdentity(
        method="saml",
        issuer=issuer,
        subject=name_id,
        first_name=first,
        last_name=last,
        email=_first(ava, ATTR_EMAIL),
        nsis_level=level,
        values=privileges_for(privileges, cvr),
    )
