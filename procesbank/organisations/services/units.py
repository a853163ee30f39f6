"""Writes to a municipality's organisational units: add, change or move, delete, and import
the whole tree from an HR system's export. Only the municipality's administrators write."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from functools import partial
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from procesbank.core.errors import UserError
from procesbank.core.tables import read_table
from procesbank.kit.locking import locked_update
from procesbank.organisations.audit import audit_record, audited, snapshot
from procesbank.organisations.engine.units import (
    UnitRow,
    creation_order,
    parse_unit_table,
    tree_order,
    would_cycle,
)
from procesbank.organisations.models import (
    AuditEntry,
    Municipality,
    OrganisationalUnit,
    UnitKind,
    User,
)
from procesbank.organisations.permissions import Action, can

IMPORT_MAX_BYTES = 5 * 1024 * 1024
IMPORT_MAX_ROWS = 5000


def _administered(user: User) -> Municipality:
    municipality = user.municipality
    if municipality is None or not can(user, Action.ADMINISTER_MUNICIPALITY, municipality):
        raise PermissionDenied
    return municipality


def _clean_name(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": _("Giv enheden et navn.")})
    return name


def _check_parent(
    municipality: Municipality, unit: OrganisationalUnit | None, parent: OrganisationalUnit | None
) -> None:
    if parent is None:
        return
    if parent.municipality_id != municipality.pk:
        raise ValidationError({"parent": _("Vælg en af kommunens egne enheder.")})
    if unit is not None and unit.pk is not None:
        parents = dict(
            OrganisationalUnit.objects.filter(municipality=municipality).values_list(
                "pk", "parent_id"
            )
        )
        if would_cycle(parents, unit.pk, parent.pk):
            raise ValidationError(
                {
                    "parent": _(
                        "En enhed kan ikke flyttes ind under sig selv eller sine underenheder."
                    )
                }
            )


def _check_unique(unit: OrganisationalUnit) -> None:
    siblings = OrganisationalUnit.objects.filter(
        municipality_id=unit.municipality_id, parent_id=unit.parent_id, name__iexact=unit.name
    ).exclude(pk=unit.pk)
    if siblings.exists():
        raise ValidationError({"name": _("Der er allerede en enhed med det navn samme sted.")})
    if (
        unit.external_id
        and OrganisationalUnit.objects.filter(
            municipality_id=unit.municipality_id, external_id=unit.external_id
        )
        .exclude(pk=unit.pk)
        .exists()
    ):
        raise ValidationError({"external_id": _("En anden enhed har allerede det enheds-id.")})


@transaction.atomic
def unit_create(
    *,
    user: User,
    name: str,
    kind: str = UnitKind.AFDELING,
    parent: OrganisationalUnit | None = None,
    external_id: str = "",
) -> OrganisationalUnit:
    """A new unit of the administrator's municipality, under ``parent`` (one of its own)."""
    municipality = _administered(user)
    _check_parent(municipality, None, parent)
    unit = OrganisationalUnit(
        municipality=municipality,
        parent=parent,
        name=_clean_name(name),
        kind=kind,
        external_id=external_id.strip(),
    )
    _check_unique(unit)
    unit.full_clean()
    unit.save()
    audit_record(
        user=user,
        action=AuditEntry.Action.CREATE,
        instance=unit,
        municipality=municipality,
        after=snapshot(unit),
    )
    return unit


def unit_update(
    *,
    user: User,
    unit: OrganisationalUnit,
    lock_version: int,
    name: str,
    kind: str,
    parent: OrganisationalUnit | None,
    external_id: str = "",
) -> OrganisationalUnit:
    """Rename, re-kind or move a unit (a new ``parent``; never under itself)."""
    municipality = _administered(user)
    if unit.municipality_id != municipality.pk:
        raise PermissionDenied
    _check_parent(municipality, unit, parent)
    return locked_update(
        user=user,
        instance=unit,
        lock_version=lock_version,
        changes={
            "name": _clean_name(name),
            "kind": kind,
            "parent": parent,
            "external_id": external_id.strip(),
        },
        audit=partial(audited, municipality=municipality),
        check=_check_unique,
    )


@transaction.atomic
def unit_delete(*, user: User, unit: OrganisationalUnit) -> None:
    """Delete a unit without units under it; its processes and people keep no unit."""
    municipality = _administered(user)
    if unit.municipality_id != municipality.pk:
        raise PermissionDenied
    if unit.children.exists():
        raise ValidationError(
            _(
                "%(name)s har underenheder. Flyt eller slet dem først, så ingen enhed mister "
                "sin plads i træet."
            )
            % {"name": unit.name}
        )
    before = snapshot(unit)
    audit_record(
        user=user,
        action=AuditEntry.Action.DELETE,
        instance=unit,
        municipality=municipality,
        before=before,
    )
    unit.delete()


# --- import --------------------------------------------------------------------------------
NEW = "new"
UPDATE = "update"
ERROR = "error"


@dataclass(frozen=True)
class UnitPreviewRow:
    """A row of the import preview: what saving would do with it, or why it cannot."""

    number: int
    name: str
    unit_id: str
    parent_id: str
    kind: str
    action: str  # NEW, UPDATE or ERROR
    errors: tuple[str, ...] = ()

    @property
    def kind_label(self) -> str:
        return str(UnitKind(self.kind).label) if self.kind in UnitKind.values else ""


def _existing_ids(municipality: Municipality) -> dict[str, str]:
    """The municipality's unit ids with their parents' unit ids ("" for none)."""
    units = OrganisationalUnit.objects.filter(municipality=municipality).values_list(
        "external_id", "parent__external_id"
    )
    return {unit_id: parent or "" for unit_id, parent in units if unit_id}


def _checked_rows(municipality: Municipality, table: list[list[Any]]) -> list[UnitPreviewRow]:
    existing = _existing_ids(municipality)
    rows = parse_unit_table(table, existing=existing)
    return [_preview_row(row, existing) for row in rows]


def _preview_row(row: UnitRow, existing: dict[str, str]) -> UnitPreviewRow:
    errors = tuple(_(message) % params if params else _(message) for message, params in row.errors)
    action = ERROR if errors else (UPDATE if row.unit_id in existing else NEW)
    return UnitPreviewRow(
        number=row.number,
        name=row.name[:200],
        unit_id=row.unit_id[:64],
        parent_id=row.parent_id[:64],
        kind=row.kind,
        action=action,
        errors=errors,
    )


def unit_import_preview(*, user: User, data: bytes, filename: str) -> list[UnitPreviewRow]:
    """Read and check an export (CSV or Excel: name, parent unit id, unit id); nothing is
    written. A file that cannot be read is refused with a ``UserError``."""
    municipality = _administered(user)
    table = read_table(data, filename, max_bytes=IMPORT_MAX_BYTES, max_rows=IMPORT_MAX_ROWS)
    return _checked_rows(municipality, table)


@dataclass(frozen=True)
class UnitImportResult:
    created: int
    updated: int


@transaction.atomic
def unit_import(*, user: User, rows: Iterable[dict[str, Any]]) -> UnitImportResult:
    """Save previewed rows (``asdict`` of :class:`UnitPreviewRow`), all or nothing: the rows are
    checked again against the tree as it is now, and any error saves none of them."""
    municipality = _administered(user)
    rows = list(rows)
    table: list[list[Any]] = [["navn", "enheds-id", "overordnet enheds-id", "type"]]
    table += [
        [row.get("name", ""), row.get("unit_id", ""), row.get("parent_id", ""), row.get("kind", "")]
        for row in rows
    ]
    checked = _checked_rows(municipality, table)
    bad = [row for row in checked if row.action == ERROR]
    if bad:
        # The checked table numbers its rows 2, 3, ...; name the row as the file numbered it.
        original = rows[bad[0].number - 2].get("number", bad[0].number)
        raise UserError(
            _("Række %(row)s (%(name)s): %(error)s")
            % {"row": original, "name": bad[0].name, "error": " ".join(bad[0].errors)}
        )
    by_id = {
        unit.external_id: unit
        for unit in OrganisationalUnit.objects.select_for_update().filter(municipality=municipality)
        if unit.external_id
    }
    created = updated = 0
    parsed = [
        UnitRow(number=row.number, name=row.name, unit_id=row.unit_id, parent_id=row.parent_id)
        for row in checked
    ]
    kinds = {row.unit_id: row.kind for row in checked}
    for row in creation_order(parsed):
        parent = by_id.get(row.parent_id) if row.parent_id else None
        unit = by_id.get(row.unit_id)
        if unit is None:
            unit = OrganisationalUnit(municipality=municipality, external_id=row.unit_id)
            before = None
            created += 1
        else:
            before = snapshot(unit)
            updated += 1
        unit.name = row.name
        unit.parent = parent
        unit.kind = kinds[row.unit_id]
        try:
            _check_unique(unit)
            unit.full_clean()
        except ValidationError as error:
            raise UserError(
                _("Enhed %(unit_id)s (%(name)s): %(error)s")
                % {"unit_id": row.unit_id, "name": row.name, "error": " ".join(error.messages)}
            ) from None
        if before is not None:
            unit.lock_version += 1
        unit.save()
        by_id[row.unit_id] = unit
        audit_record(
            user=user,
            action=AuditEntry.Action.CREATE if before is None else AuditEntry.Action.UPDATE,
            instance=unit,
            municipality=municipality,
            before=before,
            after=snapshot(unit),
        )
    _refuse_cycles(municipality)
    return UnitImportResult(created=created, updated=updated)


def _refuse_cycles(municipality: Municipality) -> None:
    """A last check of the whole tree (units without an id can close a loop the file's rows
    cannot see): every unit must be reachable from a top unit."""
    units = list(
        OrganisationalUnit.objects.filter(municipality=municipality).values_list(
            "pk", "parent_id", "name"
        )
    )
    parents = {pk: parent for pk, parent, _name in units}
    names = {pk: name for pk, _parent, name in units}
    if len(tree_order(parents, names)) < len(units):
        raise UserError(_("Importen ville lægge en enhed ind under sig selv. Intet er gemt."))


def preview_as_session(rows: list[UnitPreviewRow]) -> list[dict[str, Any]]:
    """The preview as the session keeps it (plain JSON) until the user confirms."""
    return [asdict(row) for row in rows]
