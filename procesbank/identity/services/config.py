"""The collaboration admin's writes: identity providers of the municipalities in their
collaboration and the table mapping privileges/groups to roles. Each is one transaction with
an audit row; edits are optimistically locked (``kit.locking``)."""

from __future__ import annotations

from functools import partial
from typing import Any

import requests
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from procesbank.core.errors import UserError, gettext_noop
from procesbank.identity.engine.metadata import MAX_METADATA_BYTES, choose_entity_id
from procesbank.identity.models import OidcProvider, RoleMapping, SamlProvider
from procesbank.identity.selectors import administered_municipalities
from procesbank.kit.locking import locked_update
from procesbank.organisations.audit import audit_record, audited, snapshot
from procesbank.organisations.models import AuditEntry, Municipality, User

MSG_FETCH = gettext_noop("Metadata kunne ikke hentes fra %(url)s: %(reason)s")
MSG_NO_METADATA = gettext_noop("Upload identitetsudbyderens metadatafil eller angiv dens URL.")


def _require_admin(user: User, municipality: Municipality) -> None:
    if not administered_municipalities(user=user).filter(pk=municipality.pk).exists():
        raise PermissionDenied


def fetch_metadata(url: str) -> bytes:
    """The metadata at ``url`` (at most 2 MB, 10 seconds)."""
    try:
        with requests.get(url, timeout=10, stream=True) as response:
            response.raise_for_status()
            data = b""
            for chunk in response.iter_content(64 * 1024):
                data += chunk
                if len(data) > MAX_METADATA_BYTES:
                    raise UserError(MSG_FETCH, url=url, reason=_("filen er over 2 MB"))
            return data
    except requests.RequestException as error:
        reason = type(error).__name__
        status = getattr(getattr(error, "response", None), "status_code", None)
        raise UserError(MSG_FETCH, url=url, reason=f"HTTP {status}" if status else reason) from None


def _metadata_fields(
    *, metadata_file: bytes | None, metadata_url: str, entity_id: str, current_xml: str
) -> dict[str, str]:
    if metadata_file is not None:
        data = metadata_file
    elif metadata_url:
        data = fetch_metadata(metadata_url)
    elif current_xml:
        data = current_xml.encode()
    else:
        raise UserError(MSG_NO_METADATA, field="metadata_file")
    chosen = choose_entity_id(data, entity_id.strip())
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise UserError(MSG_NO_METADATA, field="metadata_file") from None
    return {"entity_id": chosen, "metadata_xml": text}


def saml_provider_create(
    *,
    user: User,
    municipality: Municipality,
    metadata_file: bytes | None = None,
    metadata_url: str = "",
    entity_id: str = "",
    **fields: Any,
) -> SamlProvider:
    """A new SAML identity provider for ``municipality``, its metadata from the uploaded file
    or fetched from ``metadata_url``."""
    _require_admin(user, municipality)
    metadata = _metadata_fields(
        metadata_file=metadata_file, metadata_url=metadata_url, entity_id=entity_id, current_xml=""
    )
    with transaction.atomic():
        provider = SamlProvider(
            municipality=municipality, metadata_url=metadata_url, **metadata, **fields
        )
        _check_unique_entity(provider)
        provider.full_clean()
        provider.save()
        audit_record(
            user=user,
            action=AuditEntry.Action.CREATE,
            instance=provider,
            municipality=municipality,
            after=snapshot(provider),
        )
    return provider


def _check_unique_entity(provider: SamlProvider) -> None:
    clash = SamlProvider.objects.filter(
        municipality_id=provider.municipality_id, entity_id=provider.entity_id
    ).exclude(pk=provider.pk)
    if clash.exists():
        raise ValidationError(
            {"entity_id": _("Kommunen har allerede en identitetsudbyder med dette entity id.")}
        )


def saml_provider_update(
    *,
    user: User,
    provider: SamlProvider,
    lock_version: int,
    metadata_file: bytes | None = None,
    metadata_url: str = "",
    entity_id: str = "",
    **fields: Any,
) -> SamlProvider:
    """Change a provider; new metadata from an uploaded file or the URL (fetched again)."""
    _require_admin(user, provider.municipality)
    metadata = _metadata_fields(
        metadata_file=metadata_file,
        metadata_url=metadata_url,
        entity_id=entity_id,
        current_xml="" if metadata_url else provider.metadata_xml,
    )
    return locked_update(
        user=user,
        instance=provider,
        lock_version=lock_version,
        changes={"metadata_url": metadata_url, **metadata, **fields},
        audit=partial(audited, municipality=provider.municipality),
        check=_check_unique_entity,
    )


def oidc_provider_create(*, user: User, municipality: Municipality, **fields: Any) -> OidcProvider:
    _require_admin(user, municipality)
    with transaction.atomic():
        provider = OidcProvider(municipality=municipality, **fields)
        provider.full_clean()
        provider.save()
        audit_record(
            user=user,
            action=AuditEntry.Action.CREATE,
            instance=provider,
            municipality=municipality,
            after=snapshot(provider),
        )
    return provider


def oidc_provider_update(
    *, user: User, provider: OidcProvider, lock_version: int, **fields: Any
) -> OidcProvider:
    """Change a provider; an empty client secret keeps the stored one."""
    _require_admin(user, provider.municipality)
    if not fields.get("client_secret"):
        fields.pop("client_secret", None)
    return locked_update(
        user=user,
        instance=provider,
        lock_version=lock_version,
        changes=fields,
        audit=partial(audited, municipality=provider.municipality),
    )


@transaction.atomic
def role_mapping_create(
    *, user: User, municipality: Municipality, value: str, role: str
) -> RoleMapping:
    """Map a privilege URI or group/app role to a Procesbank role in ``municipality``."""
    _require_admin(user, municipality)
    value = value.strip()
    if RoleMapping.objects.filter(municipality=municipality, value=value).exists():
        raise ValidationError(
            {"value": _("Denne rettighed eller gruppe er allerede tilknyttet en rolle.")}
        )
    mapping = RoleMapping(municipality=municipality, value=value, role=role)
    mapping.full_clean()
    mapping.save()
    audit_record(
        user=user,
        action=AuditEntry.Action.CREATE,
        instance=mapping,
        municipality=municipality,
        after=snapshot(mapping),
    )
    return mapping


@transaction.atomic
def role_mapping_delete(*, user: User, mapping: RoleMapping) -> None:
    _require_admin(user, mapping.municipality)
    before = snapshot(mapping)
    audit_record(
        user=user,
        action=AuditEntry.Action.DELETE,
        instance=mapping,
        municipality=mapping.municipality,
        before=before,
    )
    mapping.delete()
