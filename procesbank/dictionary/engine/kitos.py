"""Reading IT systems from a KITOS export (pure: no Django).

KITOS, the municipalities' shared register of IT systems, exports its system catalogue and a
municipality's systems in use as Excel from its grids. The columns we read, matched by header
name (case and surrounding spaces ignored; any order; other columns ignored):

============  =========================================================================
what          header names accepted
============  =========================================================================
name          ``IT System``, ``It-system``, ``Systemnavn``, ``Navn``, ``Name``
vendor        ``Rettighedshaver``, ``Leverandør``, ``Vendor``, ``Rightsholder``
KITOS uuid    ``UUID``, ``KITOS UUID``, ``System UUID``
============  =========================================================================

A row without a name is an error; a uuid that is not a UUID is an error; the same system twice
(by uuid, else by folded name) is reported once with the row it repeats.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from procesbank.core.errors import UserError, gettext_noop
from procesbank.core.tables import Cell, text
from procesbank.dictionary.engine.names import fold, tidy

NAME_MAX = 100
COLUMNS = {
    "name": ("it system", "it-system", "systemnavn", "navn", "name"),
    "vendor": ("rettighedshaver", "leverandør", "vendor", "rightsholder"),
    "uuid": ("uuid", "kitos uuid", "system uuid"),
}

MSG_NO_NAME_COLUMN = gettext_noop(
    "Filen mangler en kolonne med systemets navn (fx “IT System” eller “Navn”)."
)
MSG_NO_ROWS = gettext_noop("Filen har ingen rækker under overskriften.")
ROW_NAME_MISSING = gettext_noop("Navnet mangler.")
ROW_NAME_TOO_LONG = gettext_noop("Navnet er længere end 100 tegn.")
ROW_BAD_UUID = gettext_noop("“%(value)s” er ikke et KITOS-uuid.")
ROW_REPEATED = gettext_noop("Systemet står også i række %(row)s.")


@dataclass
class KitosRow:
    number: int
    name: str = ""
    vendor: str = ""
    kitos_uuid: uuid.UUID | None = None
    errors: list[tuple[str, dict[str, object]]] = field(default_factory=list)


def parse_kitos(table: list[list[Cell]]) -> list[KitosRow]:
    """The rows of a KITOS export (header row first), each checked."""
    if not table:
        raise UserError(MSG_NO_ROWS)
    header = [text(cell).casefold() for cell in table[0]]
    columns: dict[str, int] = {}
    for index, title in enumerate(header):
        for key, names in COLUMNS.items():
            if title in names and key not in columns:
                columns[key] = index
    if "name" not in columns:
        raise UserError(MSG_NO_NAME_COLUMN)
    seen: dict[str, int] = {}
    rows = []
    for number, cells in enumerate(table[1:], start=2):
        if not any(text(cell) for cell in cells):
            continue

        def cell(key: str, cells: list[Cell] = cells) -> str:
            index = columns.get(key)
            return text(cells[index]) if index is not None and index < len(cells) else ""

        row = KitosRow(number=number, name=tidy(cell("name")), vendor=tidy(cell("vendor"))[:200])
        if not row.name:
            row.errors.append((ROW_NAME_MISSING, {}))
        elif len(row.name) > NAME_MAX:
            row.errors.append((ROW_NAME_TOO_LONG, {}))
        raw_uuid = cell("uuid")
        if raw_uuid:
            try:
                row.kitos_uuid = uuid.UUID(raw_uuid)
            except ValueError:
                row.errors.append((ROW_BAD_UUID, {"value": raw_uuid[:60]}))
        key = str(row.kitos_uuid) if row.kitos_uuid else fold(row.name)
        if key and key in seen:
            row.errors.append((ROW_REPEATED, {"row": seen[key]}))
        elif key:
            seen[key] = number
        rows.append(row)
    if not rows:
        raise UserError(MSG_NO_ROWS)
    return rows
