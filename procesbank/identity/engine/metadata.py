"""Reading an identity provider's SAML metadata enough to know it is one: the XML (through
:mod:`procesbank.core.safexml`), an ``EntityDescriptor`` with an ``IDPSSODescriptor`` and a
single sign-on service, and its ``entityID``. pysaml2 reads the rest at login."""

from __future__ import annotations

from procesbank.core.errors import UserError, gettext_noop
from procesbank.core.safexml import XmlSyntaxError, has_doctype, parse

MD = "urn:oasis:names:tc:SAML:2.0:metadata"
#: Largest metadata file accepted (bytes); KOMBIT's is a few tens of kilobytes.
MAX_METADATA_BYTES = 2 * 1024 * 1024

MSG_TOO_LARGE = gettext_noop("Metadatafilen er for stor (højst 2 MB).")
MSG_NOT_XML = gettext_noop("Metadata er ikke gyldig XML (linje %(line)s): %(detail)s")
MSG_DOCTYPE = gettext_noop(
    "Metadata indeholder en DOCTYPE-erklæring (DTD), som Procesbank ikke læser af sikkerhedshensyn."
)
MSG_NOT_METADATA = gettext_noop(
    "Filen er ikke SAML-metadata for en identitetsudbyder (der mangler et EntityDescriptor med "
    "IDPSSODescriptor og SingleSignOnService)."
)
MSG_SEVERAL = gettext_noop(
    "Metadata beskriver flere identitetsudbydere (%(count)s); angiv hvilket entity id der skal "
    "bruges."
)
MSG_NOT_FOUND = gettext_noop(
    "Metadata beskriver ikke en identitetsudbyder med entity id %(entity)s."
)


def idp_entity_ids(data: bytes) -> list[str]:
    """The entity ids of the identity providers described in metadata ``data``."""
    if len(data) > MAX_METADATA_BYTES:
        raise UserError(MSG_TOO_LARGE)
    if has_doctype(data):
        raise UserError(MSG_DOCTYPE)
    try:
        root = parse(data, lossless=False)
    except XmlSyntaxError as error:
        raise UserError(MSG_NOT_XML, line=error.line, detail=error.detail) from None
    if root.tag == f"{{{MD}}}EntityDescriptor":
        candidates = [root]
    elif root.tag == f"{{{MD}}}EntitiesDescriptor":
        candidates = list(root.iter(f"{{{MD}}}EntityDescriptor"))
    else:
        candidates = []
    found = []
    for entity in candidates:
        for descriptor in entity.findall(f"{{{MD}}}IDPSSODescriptor"):
            if descriptor.find(f"{{{MD}}}SingleSignOnService") is not None and entity.get(
                "entityID"
            ):
                found.append(entity.get("entityID").strip())
                break
    if not found:
        raise UserError(MSG_NOT_METADATA)
    return found


def choose_entity_id(data: bytes, wanted: str) -> str:
    """The identity provider's entity id in ``data``: ``wanted`` when given (it must be there),
    else the only one."""
    ids = idp_entity_ids(data)
    if wanted:
        if wanted not in ids:
            raise UserError(MSG_NOT_FOUND, entity=wanted[:200])
        return wanted
    if len(ids) > 1:
        raise UserError(MSG_SEVERAL, count=len(ids))
    return ids[0]
