"""The pure parts: the OIO-BPP privileges attribute, the role a set of values grants, and
identity provider metadata."""

from __future__ import annotations

import base64

import pytest

from procesbank.core.errors import UserError
from procesbank.identity.engine.metadata import choose_entity_id, idp_entity_ids
from procesbank.identity.engine.privileges import (
    Privilege,
    granted_role,
    parse_privileges,
    privileges_for,
)

ORDER = ["laeser", "konsulent", "kommuneadmin", "samarbejdsadmin"]

BPP = b"""<?xml version="1.0" encoding="UTF-8"?>
<bpp:PrivilegeList xmlns:bpp="http://digst.dk/oiosaml/basic_privilege_profile">
  <PrivilegeGroup Scope="urn:dk:gov:saml:cvrNumberIdentifier:64502018">
    <Privilege>http://procesbank.dk/roles/usersystemrole/konsulent/1</Privilege>
    <Privilege> http://procesbank.dk/roles/usersystemrole/laeser/1 </Privilege>
  </PrivilegeGroup>
  <PrivilegeGroup Scope="urn:dk:gov:saml:cvrNumberIdentifier:29189919">
    <Privilege>http://procesbank.dk/roles/usersystemrole/kommuneadmin/1</Privilege>
  </PrivilegeGroup>
</bpp:PrivilegeList>"""


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def test_privileges_are_read_with_their_cvr_scope():
    assert parse_privileges(b64(BPP)) == [
        Privilege("http://procesbank.dk/roles/usersystemrole/konsulent/1", "64502018"),
        Privilege("http://procesbank.dk/roles/usersystemrole/laeser/1", "64502018"),
        Privilege("http://procesbank.dk/roles/usersystemrole/kommuneadmin/1", "29189919"),
    ]


def test_only_privileges_scoped_to_the_municipality_apply():
    privileges = parse_privileges(b64(BPP))

    assert privileges_for(privileges, "29189919") == [
        "http://procesbank.dk/roles/usersystemrole/kommuneadmin/1"
    ]


def test_base64_split_over_lines_is_read():
    text = b64(BPP)
    wrapped = "\n".join(text[i : i + 76] for i in range(0, len(text), 76))

    assert len(parse_privileges(wrapped)) == 3


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("not base64!", "ikke gyldig base64"),
        (b64(b"<PrivilegeList><unclosed></PrivilegeList>"), "ikke gyldig XML"),
        (b64(b"<Other/>"), "ikke en PrivilegeList"),
        (
            b64(
                b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><PrivilegeList>&e;</PrivilegeList>'
            ),
            "DOCTYPE-erklæring",
        ),
        ("A" * 300_000, "for stor"),
    ],
)
def test_bad_privileges_attribute_is_refused_in_danish(value, message):
    with pytest.raises(UserError) as caught:
        parse_privileges(value)

    assert message in str(caught.value)


def test_highest_mapped_role_wins():
    mapping = {"a": "laeser", "b": "kommuneadmin", "c": "konsulent"}

    assert granted_role(["a", "c", "b", "unknown"], mapping, ORDER) == "kommuneadmin"
    assert granted_role(["a"], mapping, ORDER) == "laeser"
    assert granted_role(["unknown"], mapping, ORDER) is None
    assert granted_role([], mapping, ORDER) is None


IDP_METADATA = b"""<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata"
    entityID="https://saml.adgangsstyring.stoettesystemerne.dk">
  <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"
        Location="https://n2adgangsstyring.stoettesystemerne.dk/runtime/saml2/issue.idp"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>"""


def test_metadata_gives_the_idp_entity_id():
    assert idp_entity_ids(IDP_METADATA) == ["https://saml.adgangsstyring.stoettesystemerne.dk"]
    assert choose_entity_id(IDP_METADATA, "") == "https://saml.adgangsstyring.stoettesystemerne.dk"


def test_metadata_of_a_service_provider_is_refused():
    sp_only = IDP_METADATA.replace(b"IDPSSODescriptor", b"SPSSODescriptor")

    with pytest.raises(UserError, match="ikke SAML-metadata for en identitetsudbyder"):
        idp_entity_ids(sp_only)


def test_metadata_without_the_wanted_entity_id_is_refused():
    with pytest.raises(UserError, match="med entity id https://other"):
        choose_entity_id(IDP_METADATA, "https://other")


def test_metadata_that_is_not_xml_names_the_line():
    with pytest.raises(UserError, match=r"ikke gyldig XML \(linje 2\)"):
        idp_entity_ids(b"<a>\n<b></a>")
