"""OIO-BPP (OIO Basic Privilege Profile): the privileges attribute KOMBIT's Context Handler
sends, a base64-encoded XML ``PrivilegeList`` of ``PrivilegeGroup`` elements, each scoped to an
organisation (``urn:dk:gov:saml:cvrNumberIdentifier:<CVR>``) and holding ``Privilege`` URIs:

    <bpp:PrivilegeList xmlns:bpp="http://digst.dk/oiosaml/basic_privilege_profile">
      <PrivilegeGroup Scope="urn:dk:gov:saml:cvrNumberIdentifier:64502018">
        <Privilege>http://procesbank.dk/roles/usersystemrole/konsulent/1</Privilege>
      </PrivilegeGroup>
    </bpp:PrivilegeList>

The XML is read only through :mod:`procesbank.core.safexml` (no DTDs, no entities, no
network), like every other XML the platform reads.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from procesbank.core.errors import UserError, gettext_noop
from procesbank.core.safexml import XmlSyntaxError, has_doctype, parse

#: Largest privileges attribute read (base64 text); a real one is a few kilobytes.
MAX_ATTRIBUTE_CHARS = 256 * 1024
_CVR_SCOPE = re.compile(r"^urn:dk:gov:saml:cvrNumberIdentifier:(\d{8})$")

MSG_NOT_BASE64 = gettext_noop(
    "Rettighedsattributten (OIO-BPP) fra identitetsudbyderen er ikke gyldig base64."
)
MSG_NOT_XML = gettext_noop(
    "Rettighedsattributten (OIO-BPP) fra identitetsudbyderen er ikke gyldig XML."
)
MSG_TOO_LARGE = gettext_noop(
    "Rettighedsattributten (OIO-BPP) fra identitetsudbyderen er for stor til at blive læst."
)
MSG_DOCTYPE = gettext_noop(
    "Rettighedsattributten (OIO-BPP) fra identitetsudbyderen indeholder en DOCTYPE-erklæring "
    "(DTD), som Procesbank ikke læser af sikkerhedshensyn."
)
MSG_NOT_PRIVILEGE_LIST = gettext_noop(
    "Rettighedsattributten (OIO-BPP) fra identitetsudbyderen er ikke en PrivilegeList."
)


@dataclass(frozen=True)
class Privilege:
    """One privilege URI and the CVR number of the organisation it is scoped to (``None``
    when the group has no CVR scope)."""

    uri: str
    cvr: str | None


def _local(tag: object) -> str:
    return tag.split("}", 1)[-1] if isinstance(tag, str) else ""


def parse_privileges(value: str) -> list[Privilege]:
    """The privileges in a base64-encoded OIO-BPP ``PrivilegeList``.

    Raises :class:`UserError` with a Danish message when the value is not base64, not XML or
    not a privilege list."""
    if len(value) > MAX_ATTRIBUTE_CHARS:
        raise UserError(MSG_TOO_LARGE)
    try:
        data = base64.b64decode("".join(value.split()), validate=True)
    except (binascii.Error, ValueError):
        raise UserError(MSG_NOT_BASE64) from None
    if has_doctype(data):
        raise UserError(MSG_DOCTYPE)
    try:
        root = parse(data, lossless=False)
    except XmlSyntaxError:
        raise UserError(MSG_NOT_XML) from None
    if _local(root.tag) != "PrivilegeList":
        raise UserError(MSG_NOT_PRIVILEGE_LIST)
    found: list[Privilege] = []
    for group in root:
        if _local(group.tag) != "PrivilegeGroup":
            continue
        match = _CVR_SCOPE.match((group.get("Scope") or "").strip())
        cvr = match.group(1) if match else None
        for element in group:
            if _local(element.tag) == "Privilege" and (element.text or "").strip():
                found.append(Privilege(uri=element.text.strip(), cvr=cvr))
    return found


def privileges_for(privileges: Iterable[Privilege], cvr: str) -> list[str]:
    """The privilege URIs that apply in the organisation with CVR number ``cvr``: those scoped
    to it and those without a scope. A privilege scoped to another organisation grants
    nothing here."""
    return [item.uri for item in privileges if item.cvr in (None, cvr)]


def granted_role(
    values: Iterable[str], mapping: Mapping[str, str], order: Sequence[str]
) -> str | None:
    """The highest role (by ``order``, lowest first) that any of ``values`` (privilege URIs,
    group ids or role names) maps to in ``mapping``; ``None`` when none is mapped."""
    ranks = {role: index for index, role in enumerate(order)}
    roles = {mapping[value] for value in values if value in mapping}
    known = [role for role in roles if role in ranks]
    return max(known, key=ranks.__getitem__) if known else None
