"""The organisational unit tree of a municipality, and reading it from an HR system's export.

Works on plain values: a unit is an id (the database's) with its parent's id; an import row is
the cells of a spreadsheet row. A municipality's tree is small (tens to a few hundred units),
so the walks here are plain loops.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from procesbank.core.errors import UserError, gettext_noop

#: Header names accepted for each column (lower case), Danish first.
COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("navn", "enhedsnavn", "enhed", "name", "unit name"),
    "unit_id": ("enheds-id", "enhedsid", "enheds id", "id", "unit id", "unit_id"),
    "parent_id": (
        "overordnet enheds-id",
        "overordnet enhedsid",
        "overordnet enheds id",
        "overordnet id",
        "forælder-id",
        "parent unit id",
        "parent_id",
        "parent id",
    ),
    "kind": ("type", "niveau", "kind"),
}
#: The kinds (``UnitKind`` values) by the words an export may use for them.
KIND_WORDS: dict[str, str] = {
    "forvaltning": "forvaltning",
    "afdeling": "afdeling",
    "team": "team",
    "andet": "andet",
    "directorate": "forvaltning",
    "department": "afdeling",
    "other": "andet",
}
#: The kind a unit gets from its depth when the file has no type column.
KIND_BY_DEPTH = ("forvaltning", "afdeling", "team")
MAX_NAME = 200
MAX_ID = 64

MSG_EMPTY = gettext_noop("Filen har ingen enheder.")
MSG_COLUMNS = gettext_noop(
    "Filen mangler kolonnerne “navn” og “enheds-id” i overskriftsrækken (og gerne "
    "“overordnet enheds-id”)."
)
MSG_NO_NAME = gettext_noop("Navnet mangler.")
MSG_NAME_LONG = gettext_noop("Navnet er længere end 200 tegn.")
MSG_NO_ID = gettext_noop("Enheds-id mangler.")
MSG_ID_LONG = gettext_noop("Enheds-id er længere end 64 tegn.")
MSG_DUPLICATE_ID = gettext_noop("Enheds-id %(unit_id)s står også i række %(row)s.")
MSG_UNKNOWN_PARENT = gettext_noop(
    "Den overordnede enhed %(parent_id)s findes hverken i filen eller i kommunen."
)
MSG_OWN_PARENT = gettext_noop("En enhed kan ikke ligge under sig selv.")
MSG_CYCLE = gettext_noop("Enheden ville komme til at ligge under sig selv (via %(path)s).")
MSG_KIND = gettext_noop("Ukendt type “%(kind)s”: brug forvaltning, afdeling, team eller andet.")


@dataclass
class UnitRow:
    """One row of an import file as checked: ``errors`` are (message, parameters) pairs."""

    number: int  # the row's number in the file (the header is row 1)
    name: str = ""
    unit_id: str = ""
    parent_id: str = ""
    kind: str = ""
    errors: list[tuple[str, dict[str, Any]]] = field(default_factory=list)


def tree_order(
    parents: Mapping[int, int | None], names: Mapping[int, str]
) -> list[tuple[int, int]]:
    """The units as (id, depth) in the order a tree is read: each unit followed by its
    children, siblings by name. A unit whose parent is missing from ``parents`` is a root."""
    children: dict[int | None, list[int]] = {}
    for unit, parent in parents.items():
        key = parent if parent in parents else None
        children.setdefault(key, []).append(unit)
    for siblings in children.values():
        siblings.sort(key=lambda unit: (names.get(unit, "").casefold(), unit))
    result: list[tuple[int, int]] = []
    stack = [(unit, 0) for unit in reversed(children.get(None, []))]
    seen: set[int] = set()
    while stack:
        unit, depth = stack.pop()
        if unit in seen:  # a cycle cannot be stored, but never loop on one
            continue
        seen.add(unit)
        result.append((unit, depth))
        stack.extend((child, depth + 1) for child in reversed(children.get(unit, [])))
    return result


def descendants(parents: Mapping[int, int | None], root: int) -> set[int]:
    """``root`` and every unit below it."""
    children: dict[int | None, list[int]] = {}
    for unit, parent in parents.items():
        children.setdefault(parent, []).append(unit)
    found = {root}
    stack = [root]
    while stack:
        for child in children.get(stack.pop(), []):
            if child not in found:
                found.add(child)
                stack.append(child)
    return found


def top_units(parents: Mapping[int, int | None]) -> dict[int, int]:
    """Each unit's top-level unit (its forvaltning): the ancestor without a parent; a unit
    whose parent is not among ``parents`` counts as top-level itself."""
    tops: dict[int, int] = {}
    for unit in parents:
        path = [unit]
        current = unit
        while current not in tops:
            parent = parents.get(current)
            if parent is None or parent not in parents or parent in path:
                tops[current] = current
                break
            path.append(parent)
            current = parent
        for step in path:
            tops[step] = tops[current]
    return tops


def would_cycle(parents: Mapping[int, int | None], unit: int, new_parent: int | None) -> bool:
    """Whether putting ``unit`` under ``new_parent`` would put it under itself."""
    return new_parent is not None and new_parent in descendants(parents, unit)


def _column_map(header: list[Any]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, title in enumerate(header):
        key = str(title or "").strip().casefold()
        for column, aliases in COLUMNS.items():
            if key in aliases and column not in found:
                found[column] = index
                break
    return found


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # Excel keeps numeric ids as numbers: 1200.0 is id "1200"
    return " ".join(str(value).split())


def parse_unit_table(table: list[list[Any]], *, existing: Mapping[str, str]) -> list[UnitRow]:
    """Check every row of an export (header row first) with the columns name, unit id and
    parent unit id (and optionally type). ``existing`` maps the municipality's stored unit ids
    to their parents' unit ids ("" for a top unit). A row's unit id that is stored already
    updates that unit. Each row gets its kind: the type column's, else by its depth."""
    if not table:
        raise UserError(MSG_EMPTY)
    columns = _column_map(table[0])
    if "name" not in columns or "unit_id" not in columns:
        raise UserError(MSG_COLUMNS)
    rows: list[UnitRow] = []
    for number, cells in enumerate(table[1:], start=2):
        if not any(_text(cell) for cell in cells):
            continue

        def cell(column: str, cells: list[Any] = cells) -> str:
            index = columns.get(column)
            return _text(cells[index]) if index is not None and index < len(cells) else ""

        row = UnitRow(number=number, name=cell("name"), unit_id=cell("unit_id"))
        row.parent_id = cell("parent_id")
        _check_row(row, cell("kind"))
        rows.append(row)
    if not rows:
        raise UserError(MSG_EMPTY)
    _check_ids(rows, existing)
    return rows


def _check_row(row: UnitRow, kind: str) -> None:
    if not row.name:
        row.errors.append((MSG_NO_NAME, {}))
    elif len(row.name) > MAX_NAME:
        row.errors.append((MSG_NAME_LONG, {}))
    if not row.unit_id:
        row.errors.append((MSG_NO_ID, {}))
    elif len(row.unit_id) > MAX_ID or len(row.parent_id) > MAX_ID:
        row.errors.append((MSG_ID_LONG, {}))
    if kind:
        row.kind = KIND_WORDS.get(kind.casefold(), "")
        if not row.kind:
            row.errors.append((MSG_KIND, {"kind": kind[:40]}))
    if row.unit_id and row.parent_id == row.unit_id:
        row.errors.append((MSG_OWN_PARENT, {}))


def _check_ids(rows: list[UnitRow], existing: Mapping[str, str]) -> None:
    first_row: dict[str, int] = {}
    for row in rows:
        if not row.unit_id:
            continue
        if row.unit_id in first_row:
            row.errors.append(
                (MSG_DUPLICATE_ID, {"unit_id": row.unit_id, "row": first_row[row.unit_id]})
            )
        else:
            first_row[row.unit_id] = row.number
    # The tree as it will be: the stored units, with the file's rows laid over them.
    parent_of = dict(existing)
    parent_of.update({row.unit_id: row.parent_id for row in rows if row.unit_id})
    for row in rows:
        if row.parent_id and row.parent_id not in parent_of:
            row.errors.append((MSG_UNKNOWN_PARENT, {"parent_id": row.parent_id}))
        elif row.unit_id and row.parent_id != row.unit_id:
            path = _cycle_path(parent_of, row.unit_id)
            if path:
                row.errors.append((MSG_CYCLE, {"path": " > ".join(path)}))
        if not row.kind and not row.errors:
            depth = _depth(parent_of, row.unit_id)
            row.kind = KIND_BY_DEPTH[depth] if depth < len(KIND_BY_DEPTH) else "andet"


def _cycle_path(parent_of: Mapping[str, str], start: str) -> list[str]:
    """The ids from ``start`` up to ``start`` again if following parents loops back to it."""
    path = [start]
    current = parent_of.get(start, "")
    while current and current in parent_of and len(path) <= len(parent_of):
        if current == start:
            return [*path, start]
        if current in path:
            return []  # a loop above this unit; reported on the units in it
        path.append(current)
        current = parent_of.get(current, "")
    return []


def _depth(parent_of: Mapping[str, str], unit_id: str) -> int:
    depth = 0
    current = parent_of.get(unit_id, "")
    while current and depth <= len(parent_of):
        depth += 1
        current = parent_of.get(current, "")
    return depth


def creation_order(rows: Iterable[UnitRow]) -> list[UnitRow]:
    """The rows with every parent before its children (the file may list them any way)."""
    pending = {row.unit_id: row for row in rows}
    ordered: list[UnitRow] = []
    placed: set[str] = set()
    while pending:
        ready = [
            row
            for row in pending.values()
            if not row.parent_id or row.parent_id in placed or row.parent_id not in pending
        ]
        if not ready:  # only a cycle is left; parse_unit_table has refused it already
            raise UserError(MSG_CYCLE, path="…")
        for row in sorted(ready, key=lambda row: row.number):
            ordered.append(row)
            placed.add(row.unit_id)
            del pending[row.unit_id]
    return ordered
