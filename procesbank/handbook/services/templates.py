"""Every write to the handbook's templates: a template with its first file, a new version of
its file, its description; one transaction and an audit row each."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from procesbank.handbook.engine.files import check_template_file
from procesbank.handbook.models import DocumentTemplate, TemplateVersion
from procesbank.kit.downloads import file_slug
from procesbank.kit.locking import claim_version, locked_update
from procesbank.organisations.audit import audit_record, audited, snapshot
from procesbank.organisations.models import AuditEntry, User
from procesbank.organisations.permissions import require_edit

EDITABLE_FIELDS = ("name", "kind", "section", "description", "visibility")


def limit_mb() -> int:
    """The most a template file may hold, in MB (``PROCESBANK_TEMPLATE_LIMIT_MB``, 10)."""
    return int(getattr(settings, "PROCESBANK_TEMPLATE_LIMIT_MB", 10))


def _check(template: DocumentTemplate) -> None:
    clash = DocumentTemplate.objects.filter(
        municipality_id=template.municipality_id, name=template.name
    )
    if template.pk:
        clash = clash.exclude(pk=template.pk)
    if clash.exists():
        raise ValidationError({"name": _("Kommunen har allerede en skabelon med det navn.")})


def _stored_name(file_name: str, extension: str) -> str:
    """The uploaded name without any path, ASCII, with its extension."""
    base = file_name.replace("\\", "/").rsplit("/", 1)[-1]
    stem = base.rsplit(".", 1)[0]
    return f"{file_slug(stem, 'skabelon')[:150]}.{extension}"


def _add_version(
    template: DocumentTemplate, *, user: User, file_name: str, content: bytes, note: str
) -> TemplateVersion:
    extension = check_template_file(file_name, content, limit_mb=limit_mb())
    latest = template.versions.aggregate(latest=Max("number"))["latest"] or 0
    version = TemplateVersion.objects.create(
        template=template,
        number=latest + 1,
        file_name=_stored_name(file_name, extension),
        extension=extension,
        size=len(content),
        content=content,
        note=note.strip()[:300],
        uploaded_by=user,
    )
    audit_record(
        user=user,
        action=AuditEntry.Action.CREATE,
        instance=version,
        municipality=template.municipality,
        after=snapshot(version),
    )
    return version


@transaction.atomic
def template_create(
    *, user: User, name: str, file_name: str, content: bytes, note: str = "", **fields: Any
) -> DocumentTemplate:
    """A new template of the user's municipality with its first file (checked first: a bad
    file leaves nothing behind)."""
    require_edit(user)
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"unknown template fields: {sorted(unknown)}")
    check_template_file(file_name, content, limit_mb=limit_mb())
    template = DocumentTemplate(
        municipality=user.municipality,
        name=name.strip(),
        created_by=user,
        updated_by=user,
        **fields,
    )
    template.full_clean(exclude=["municipality"])
    _check(template)
    template.save()
    audit_record(
        user=user,
        action=AuditEntry.Action.CREATE,
        instance=template,
        municipality=template.municipality,
        after=snapshot(template),
    )
    _add_version(template, user=user, file_name=file_name, content=content, note=note)
    return template


@transaction.atomic
def template_version_add(
    *,
    user: User,
    template: DocumentTemplate,
    lock_version: int,
    file_name: str,
    content: bytes,
    note: str = "",
) -> TemplateVersion:
    """A new file of the template; the earlier ones stay downloadable."""
    require_edit(user, template.municipality)
    check_template_file(file_name, content, limit_mb=limit_mb())
    current = claim_version(user=user, instance=template, version=lock_version)
    return _add_version(current, user=user, file_name=file_name, content=content, note=note)


@transaction.atomic
def template_update(
    *, user: User, template: DocumentTemplate, lock_version: int, **changes: Any
) -> DocumentTemplate:
    require_edit(user, template.municipality)
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"unknown template fields: {sorted(unknown)}")
    return locked_update(
        user=user,
        instance=template,
        lock_version=lock_version,
        changes=changes,
        check=_check,
        exclude=["municipality"],
        audit=partial(audited, municipality=template.municipality),
    )
