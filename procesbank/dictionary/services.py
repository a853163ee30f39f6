"""Writing the dictionary. IT systems are the collaboration administrator's (they are shared by
every municipality); roles are each municipality's administrators'. Every write is one
transaction with an audit row."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from procesbank.core.errors import UserError, gettext_noop
from procesbank.core.tables import read_table
from procesbank.dictionary.engine.kitos import parse_kitos
from procesbank.dictionary.engine.names import fold, tidy
from procesbank.dictionary.models import NAME_MAX, ItSystem, ItSystemAlias, Role
from procesbank.dictionary.usage import usages
from procesbank.kit.locking import locked_update
from procesbank.organisations.audit import audit_record, audited, snapshot
from procesbank.organisations.models import AuditEntry, Municipality, User
from procesbank.organisations.permissions import Action, can

KITOS_MAX_BYTES = 5 * 1024 * 1024
KITOS_MAX_ROWS = 10_000
MSG_KITOS_ROWS = gettext_noop(
    "Filen blev ikke indlæst, fordi %(count)s rækker har fejl. Første fejl: række %(row)s: "
    "%(error)s"
)


def _require_collaboration_admin(user: User) -> None:
    if not can(user, Action.ADMINISTER_COLLABORATION):
        raise PermissionDenied


def _require_municipality_admin(user: User) -> None:
    if not can(user, Action.ADMINISTER_MUNICIPALITY, user.municipality):
        raise PermissionDenied


def _taken_by(folded: str, *, exclude: ItSystem | None = None) -> ItSystem | None:
    systems = ItSystem.objects.filter(folded=folded)
    aliases = ItSystemAlias.objects.filter(folded=folded).select_related("it_system")
    if exclude is not None:
        systems = systems.exclude(pk=exclude.pk)
        aliases = aliases.exclude(it_system=exclude)
    found = systems.first()
    if found is not None:
        return found
    alias = aliases.first()
    return None if alias is None else alias.it_system


def _check_it_system(system: ItSystem) -> None:
    system.name = tidy(system.name)
    if not system.name:
        raise ValidationError({"name": _("Skriv systemets navn.")})
    if len(system.name) > NAME_MAX:
        raise ValidationError({"name": _("Et it-systems navn må højst have 100 tegn.")})
    system.folded = fold(system.name)
    clash = _taken_by(system.folded, exclude=system if system.pk else None)
    if clash is not None:
        raise ValidationError(
            {"name": _("Ordbogen har allerede “%(name)s”.") % {"name": clash.name}}
        )
    if system.kitos_uuid is not None:
        other = ItSystem.objects.filter(kitos_uuid=system.kitos_uuid).exclude(pk=system.pk).first()
        if other is not None:
            raise ValidationError(
                {
                    "kitos_uuid": _("KITOS-uuid'et hører allerede til “%(name)s”.")
                    % {"name": other.name}
                }
            )


def _rename_usages(mapping: dict[str, str]) -> int:
    """Rewrite the IT-system texts in use: {folded old text: new name}; rows changed."""
    mapping = {old: new for old, new in mapping.items() if old}
    return sum(usage.rename(mapping) for usage in usages()) if mapping else 0


@transaction.atomic
def it_system_create(
    *, user: User, name: str, vendor: str = "", kitos_uuid: uuid.UUID | None = None
) -> ItSystem:
    """A new IT system in the shared dictionary (the collaboration administrator)."""
    _require_collaboration_admin(user)
    system = ItSystem(name=name, vendor=tidy(vendor), kitos_uuid=kitos_uuid)
    _check_it_system(system)
    system.full_clean(exclude=["folded"])
    system.save()
    # Texts already typed with this name (any case) now read as the record.
    _rename_usages({system.folded: system.name})
    audit_record(
        user=user,
        action=AuditEntry.Action.CREATE,
        instance=system,
        municipality=user.municipality,
        after=snapshot(system),
    )
    return system


def it_system_update(
    *,
    user: User,
    it_system: ItSystem,
    lock_version: int,
    name: str,
    vendor: str = "",
    kitos_uuid: uuid.UUID | None = None,
) -> ItSystem:
    """Rename or describe an IT system; a new name is written where the old one was used."""
    _require_collaboration_admin(user)
    old = it_system.folded
    with transaction.atomic():
        updated = locked_update(
            user=user,
            instance=it_system,
            lock_version=lock_version,
            changes={"name": name, "vendor": tidy(vendor), "kitos_uuid": kitos_uuid},
            audit=partial(audited, municipality=user.municipality),
            check=_check_it_system,
            exclude=["folded"],
        )
        _rename_usages({old: updated.name, updated.folded: updated.name})
    return updated


@transaction.atomic
def it_system_merge(*, user: User, source: ItSystem, target: ItSystem) -> ItSystem:
    """Merge the duplicate ``source`` into ``target``: its name and spellings become spellings
    of ``target``, its uses are rewritten, and it is deleted."""
    _require_collaboration_admin(user)
    if source.pk == target.pk:
        raise ValidationError(_("Vælg to forskellige it-systemer."))
    with audited(user=user, instance=target, municipality=user.municipality):
        folded = [source.folded, *source.aliases.values_list("folded", flat=True)]
        texts = {source.folded: source.name} | dict(source.aliases.values_list("folded", "text"))
        if target.kitos_uuid is None and source.kitos_uuid is not None:
            target.kitos_uuid = source.kitos_uuid
        if not target.vendor:
            target.vendor = source.vendor
        audit_record(
            user=user,
            action=AuditEntry.Action.DELETE,
            instance=source,
            municipality=user.municipality,
            before=snapshot(source),
        )
        source.delete()
        target.save()
        for key in folded:
            ItSystemAlias.objects.create(it_system=target, folded=key, text=texts[key])
        _rename_usages({key: target.name for key in folded})
    return target


@transaction.atomic
def it_system_map_text(*, user: User, text: str, target: ItSystem) -> int:
    """Map a typed text onto a record ("SBsys " is SBSYS): remember the spelling and rewrite
    the text where it is used. Returns the number of rows rewritten."""
    _require_collaboration_admin(user)
    name = tidy(text)
    key = fold(name)
    if not key:
        raise ValidationError(_("Skriv den tekst, der skal kobles."))
    clash = _taken_by(key)
    if clash is not None and clash.pk != target.pk:
        raise ValidationError(
            _("“%(text)s” er allerede koblet til “%(name)s”.") % {"text": name, "name": clash.name}
        )
    if clash is None:
        alias = ItSystemAlias.objects.create(it_system=target, folded=key, text=name[:NAME_MAX])
        audit_record(
            user=user,
            action=AuditEntry.Action.CREATE,
            instance=alias,
            municipality=user.municipality,
            after=snapshot(alias),
        )
    return _rename_usages({key: target.name})


@transaction.atomic
def it_system_alias_delete(*, user: User, alias: ItSystemAlias) -> None:
    _require_collaboration_admin(user)
    audit_record(
        user=user,
        action=AuditEntry.Action.DELETE,
        instance=alias,
        municipality=user.municipality,
        before=snapshot(alias),
    )
    alias.delete()


@dataclass(frozen=True)
class KitosImportResult:
    created: int
    updated: int


@transaction.atomic
def kitos_import(*, user: User, data: bytes, filename: str) -> KitosImportResult:
    """Add or update IT systems from a KITOS export (engine/kitos.py has the columns): a row
    matches a record by KITOS uuid, else by name or a mapped spelling. All or nothing."""
    _require_collaboration_admin(user)
    table = read_table(data, filename, max_bytes=KITOS_MAX_BYTES, max_rows=KITOS_MAX_ROWS)
    rows = parse_kitos(table)
    failed = [row for row in rows if row.errors]
    if failed:
        message, params = failed[0].errors[0]
        raise UserError(
            MSG_KITOS_ROWS,
            count=len(failed),
            row=failed[0].number,
            error=_(message) % params if params else _(message),
        )
    created = updated = 0
    for row in rows:
        system = None
        if row.kitos_uuid is not None:
            system = ItSystem.objects.filter(kitos_uuid=row.kitos_uuid).first()
        if system is None:
            system = _taken_by(fold(row.name))
        if system is None:
            system = ItSystem(name=row.name, vendor=row.vendor, kitos_uuid=row.kitos_uuid)
            _check_it_system(system)
            system.save()
            _rename_usages({system.folded: system.name})
            audit_record(
                user=user,
                action=AuditEntry.Action.CREATE,
                instance=system,
                municipality=user.municipality,
                after=snapshot(system),
            )
            created += 1
            continue
        changed = False
        if row.kitos_uuid is not None and system.kitos_uuid != row.kitos_uuid:
            system.kitos_uuid = row.kitos_uuid
            changed = True
        if row.vendor and system.vendor != row.vendor:
            system.vendor = row.vendor
            changed = True
        if changed:
            with audited(user=user, instance=system, municipality=user.municipality):
                system.lock_version += 1
                system.save()
            updated += 1
    return KitosImportResult(created=created, updated=updated)


@transaction.atomic
def role_create(*, user: User, name: str, description: str = "") -> Role:
    """A role (job function) in the user's own municipality's dictionary."""
    _require_municipality_admin(user)
    role = Role(
        municipality=user.municipality,
        name=tidy(name)[:200],
        folded=fold(name)[:200],
        description=tidy(description)[:300],
    )
    if not role.name:
        raise ValidationError({"name": _("Skriv rollens navn.")})
    if Role.objects.filter(municipality=user.municipality, folded=role.folded).exists():
        raise ValidationError(
            {"name": _("Rollen “%(name)s” findes allerede.") % {"name": role.name}}
        )
    role.full_clean(exclude=["folded"])
    role.save()
    audit_record(
        user=user,
        action=AuditEntry.Action.CREATE,
        instance=role,
        municipality=role.municipality,
        after=snapshot(role),
    )
    return role


@transaction.atomic
def role_delete(*, user: User, role: Role) -> None:
    _require_municipality_admin(user)
    if role.municipality_id != user.municipality_id:
        raise PermissionDenied
    audit_record(
        user=user,
        action=AuditEntry.Action.DELETE,
        instance=role,
        municipality=role.municipality,
        before=snapshot(role),
    )
    role.delete()


def role_ensure(*, municipality: Municipality, name: str) -> Role:
    """The municipality's role named ``name`` (case and spaces aside), made if missing. For the
    services that already checked the user may change the municipality (an hourly rate)."""
    role, _created = Role.objects.get_or_create(
        municipality=municipality,
        folded=fold(name)[:200],
        defaults={"name": tidy(name)[:200]},
    )
    return role
