"""A real SAML 2.0 identity provider for the tests: pysaml2's ``Server`` with throwaway keys
(``tests/data/saml/``), playing KOMBIT's Context Handler. It reads Procesbank's AuthnRequest
from the redirect URL, checks its signature, and builds signed responses with OIOSAML 3
attributes."""

from __future__ import annotations

import base64
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path
from unittest import mock
from urllib.parse import parse_qs, unquote, urlsplit

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding
from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
from saml2.config import IdPConfig
from saml2.metadata import entity_descriptor
from saml2.saml import NAME_FORMAT_URI, NAMEID_FORMAT_PERSISTENT, NameID
from saml2.server import Server

DATA = Path(__file__).resolve().parents[3] / "tests" / "data" / "saml"
SP_KEY = DATA / "sp.key"
SP_CERT = DATA / "sp.crt"
IDP_ENTITY_ID = "https://idp.test.procesbank.dk/saml"
IDP_SSO_URL = "https://idp.test.procesbank.dk/sso"
IDP_SLO_URL = "https://idp.test.procesbank.dk/slo"

ATTR_CVR = "https://data.gov.dk/model/core/eid/cvr"
ATTR_NAME = "https://data.gov.dk/model/core/eid/fullName"
ATTR_EMAIL = "https://data.gov.dk/model/core/eid/email"
ATTR_NSIS = "https://data.gov.dk/concept/core/nsis/loa"
ATTR_PRIVILEGES = "http://digst.dk/oiosaml/basic_privilege_profile"


def privileges_attribute(groups: dict[str, list[str]]) -> str:
    """A base64 OIO-BPP PrivilegeList: ``{cvr: [privilege URIs]}``."""
    body = "".join(
        f'<PrivilegeGroup Scope="urn:dk:gov:saml:cvrNumberIdentifier:{cvr}">'
        + "".join(f"<Privilege>{uri}</Privilege>" for uri in uris)
        + "</PrivilegeGroup>"
        for cvr, uris in groups.items()
    )
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<bpp:PrivilegeList xmlns:bpp="http://digst.dk/oiosaml/basic_privilege_profile" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"{body}</bpp:PrivilegeList>"
    )
    return base64.b64encode(xml.encode()).decode()


@contextmanager
def clock_shifted(shift: timedelta) -> Iterator[None]:
    """pysaml2's clock moved by ``shift`` (the IdP stamps its times from it)."""
    real_gmtime = time.gmtime

    def gmtime(seconds: float | None = None) -> time.struct_time:
        return real_gmtime(time.time() + shift.total_seconds() if seconds is None else seconds)

    class ShiftedDatetime(datetime):
        @classmethod
        def now(cls, tz=None):  # type: ignore[override]
            return datetime.now(tz) + shift

    with (
        mock.patch("saml2.time_util.time.gmtime", gmtime),
        mock.patch("saml2.time_util.datetime", ShiftedDatetime),
    ):
        yield


class TestIdP:
    """The identity provider, configured with the service provider's metadata."""

    __test__ = False

    def __init__(self, sp_metadata: str) -> None:
        conf = IdPConfig()
        conf.load(
            {
                "entityid": IDP_ENTITY_ID,
                "xmlsec_binary": "/usr/bin/xmlsec1",
                "key_file": str(DATA / "idp.key"),
                "cert_file": str(DATA / "idp.crt"),
                "allow_unknown_attributes": True,
                "service": {
                    "idp": {
                        "endpoints": {
                            "single_sign_on_service": [(IDP_SSO_URL, BINDING_HTTP_REDIRECT)],
                            "single_logout_service": [
                                (IDP_SLO_URL, BINDING_HTTP_REDIRECT),
                                (IDP_SLO_URL, BINDING_HTTP_POST),
                            ],
                        },
                        "name_id_format": [NAMEID_FORMAT_PERSISTENT],
                        "policy": {
                            "default": {
                                "lifetime": {"minutes": 15},
                                "attribute_restrictions": None,
                                "name_form": NAME_FORMAT_URI,
                            }
                        },
                    }
                },
                "metadata": {"inline": [sp_metadata]},
            }
        )
        self.config = conf
        self.server = Server(config=conf)

    def metadata(self) -> str:
        return str(entity_descriptor(self.config))

    def read_request(self, location: str) -> tuple[str, str, str]:
        """(request id, ACS URL, relay state) of the AuthnRequest in a redirect URL, after
        checking its RSA-SHA256 signature against the SP certificate with ``cryptography``
        (independently of pysaml2)."""
        query = urlsplit(location).query
        raw = dict(part.split("=", 1) for part in query.split("&"))
        signed = "&".join(
            f"{name}={raw[name]}" for name in ("SAMLRequest", "RelayState", "SigAlg") if name in raw
        )
        certificate = x509.load_pem_x509_certificate(SP_CERT.read_bytes())
        certificate.public_key().verify(  # type: ignore[union-attr,call-arg]
            base64.b64decode(unquote(raw["Signature"])),
            signed.encode(),
            padding.PKCS1v15(),  # type: ignore[arg-type]
            hashes.SHA256(),  # type: ignore[arg-type]
        )
        values = {key: items[0] for key, items in parse_qs(query).items()}
        request = self.server.parse_authn_request(values["SAMLRequest"], BINDING_HTTP_REDIRECT)
        message = request.message
        return message.id, message.assertion_consumer_service_url, values.get("RelayState", "")

    def response(
        self,
        *,
        in_response_to: str,
        acs_url: str,
        audience: str,
        subject: str,
        attributes: dict[str, list[str]],
    ) -> str:
        """A signed SAML response (the assertion signed), base64 for the POST binding."""
        xml = self.server.create_authn_response(
            identity=attributes,
            in_response_to=in_response_to,
            destination=acs_url,
            sp_entity_id=audience,
            name_id=NameID(format=NAMEID_FORMAT_PERSISTENT, text=subject),
            authn={
                "class_ref": "https://data.gov.dk/concept/core/nsis/loa/Substantial",
                "authn_auth": IDP_ENTITY_ID,
            },
            sign_assertion=True,
            sign_response=False,
        )
        return base64.b64encode(str(xml).encode()).decode()


def logout_response_location(idp: TestIdP, location: str) -> str:
    """The IdP's answer to the SP's LogoutRequest in redirect URL ``location``: the URL it
    sends the browser back to (the SP's single logout service, signed LogoutResponse)."""
    values = {key: items[0] for key, items in parse_qs(urlsplit(location).query).items()}
    request = idp.server.parse_logout_request(values["SAMLRequest"], BINDING_HTTP_REDIRECT)
    response = idp.server.create_logout_response(request.message, [BINDING_HTTP_REDIRECT])
    destination = idp.server.metadata.single_logout_service(
        request.message.issuer.text, BINDING_HTTP_REDIRECT, "spsso"
    )[0]["location"]
    http_info = idp.server.apply_binding(
        BINDING_HTTP_REDIRECT,
        str(response),
        destination,
        values.get("RelayState", ""),
        response=True,
        sign=True,
        sigalg="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
    )
    return dict(http_info["headers"])["Location"]


def idp_logout_request_location(idp: TestIdP, subject: str) -> str:
    """An IdP-initiated single logout: the redirect URL of a signed LogoutRequest for
    ``subject`` to the SP's single logout service."""
    sp_entity = next(iter(idp.server.metadata.service_providers()))
    destination = idp.server.metadata.single_logout_service(
        sp_entity, BINDING_HTTP_REDIRECT, "spsso"
    )[0]["location"]
    _request_id, request = idp.server.create_logout_request(
        destination,
        IDP_ENTITY_ID,
        name_id=NameID(format=NAMEID_FORMAT_PERSISTENT, text=subject),
        sign=False,
    )
    http_info = idp.server.apply_binding(
        BINDING_HTTP_REDIRECT,
        str(request),
        destination,
        "",
        sign=True,
        sigalg="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
    )
    return dict(http_info["headers"])["Location"]
