"""Reading an existing process catalogue from Excel (.xlsx) or CSV, row by row (pure: no
Django).

Columns (header names in Danish or English, any order, case ignored): navn/name, KLE,
sager pr. år/volume, minutter pr. sag/minutes per case, it-system/IT system, fase/phase.
Every row is checked and every problem reported with its row number, so the user can fix the
file and try again; nothing is saved unless every row is valid (the service does that part).
"""

from __future__ import annotations

import csv
import re
import zipfile
from dataclasses import dataclass, field
from io import BytesIO, StringIO

from openpyxl import load_workbook

from procesbank.core.errors import UserError, gettext_noop

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 2000
MAX_UNCOMPRESSED = 20 * 1024 * 1024
KLE = re.compile(r"^\d{2}(\.\d{2}){0,2}$")
THOUSANDS = re.compile(r"^\d{1,3}(\.\d{3})+$")

COLUMNS = {
    "name": ("navn", "name", "proces", "process"),
    "kle_code": ("kle", "kle-nummer", "kle nummer", "kle number"),
    "yearly_volume": ("sager pr. år", "sager pr år", "volumen", "volume", "yearly volume"),
    "minutes_per_case": ("minutter pr. sag", "minutter pr sag", "minutes per case", "minutter"),
    "it_system": ("it-system", "it system", "it-systemer", "system"),
    "phase": ("fase", "phase"),
}
REQUIRED = ("name",)

MSG_TOO_LARGE = gettext_noop("Filen er for stor: højst 2 MB.")
MSG_UNREADABLE = gettext_noop(
    "Filen kunne ikke læses. Brug en Excel-fil (.xlsx) eller en CSV-fil med semikolon eller "
    "komma og en overskriftsrække."
)
MSG_ZIP_BOMB = gettext_noop("Filen pakker sig ud til mere end 20 MB og afvises.")
MSG_TOO_MANY_ROWS = gettext_noop("Filen har mere end %(max)s rækker.")
MSG_NO_NAME_COLUMN = gettext_noop("Filen mangler kolonnen “navn”.")
MSG_EMPTY = gettext_noop("Filen har ingen rækker under overskriften.")
ROW_NAME_MISSING = gettext_noop("Navn mangler.")
ROW_NAME_TOO_LONG = gettext_noop("Navnet er længere end 200 tegn.")
ROW_NAME_REPEATED = gettext_noop("Navnet “%(name)s” står også i række %(row)s.")
ROW_NAME_EXISTS = gettext_noop("Din kommune har allerede en proces med navnet “%(name)s”.")
ROW_KLE = gettext_noop("KLE-nummeret “%(value)s” skal have formen NN.NN.NN.")
# The bounds are in the messages: "a number of 0 or more" puzzled whoever wrote 2000000.
ROW_VOLUME = gettext_noop(
    "Sager pr. år skal være et helt tal fra 0 til 1.000.000.000, ikke “%(value)s”."
)
ROW_MINUTES = gettext_noop(
    "Minutter pr. sag skal være et tal fra 0 til 1.000.000, ikke “%(value)s”."
)
ROW_PHASE = gettext_noop("Fasen “%(value)s” findes ikke. Brug en af: %(phases)s.")


@dataclass(frozen=True)
class RowError:
    message: str
    params: dict[str, object] = field(default_factory=dict)


@dataclass
class ImportRow:
    """One row: the raw texts, the parsed values and its problems."""

    number: int
    name: str = ""
    kle_code: str = ""
    yearly_volume: int = 0
    minutes_per_case: float = 0.0
    it_system: str = ""
    phase: str = ""
    errors: list[RowError] = field(default_factory=list)


def read_table(data: bytes, filename: str) -> list[list[str]]:
    """The cells of the first sheet (or the CSV) as text, header row first."""
    if len(data) > MAX_BYTES:
        raise UserError(MSG_TOO_LARGE)
    if data[:2] == b"PK" or filename.lower().endswith(".xlsx"):
        return _read_xlsx(data)
    return _read_csv(data)


def _read_xlsx(data: bytes) -> list[list[str]]:
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_UNCOMPRESSED:
                raise UserError(MSG_ZIP_BOMB)
        book = load_workbook(BytesIO(data), read_only=True, data_only=True)
        sheet = book.worksheets[0]
        rows: list[list[str]] = []
        for row in sheet.iter_rows(values_only=True):
            if len(rows) > MAX_ROWS + 1:
                raise UserError(MSG_TOO_MANY_ROWS, max=MAX_ROWS)
            rows.append(["" if value is None else str(value).strip() for value in row])
        book.close()
    except UserError:
        raise
    except Exception as error:  # openpyxl raises many kinds on broken files
        raise UserError(MSG_UNREADABLE) from error
    return rows


def _read_csv(data: bytes) -> list[list[str]]:
    if b"\x00" in data:
        raise UserError(MSG_UNREADABLE)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    try:
        rows: list[list[str]] = []
        for row in csv.reader(StringIO(text), delimiter=delimiter):
            if len(rows) > MAX_ROWS + 1:
                raise UserError(MSG_TOO_MANY_ROWS, max=MAX_ROWS)
            rows.append([cell.strip() for cell in row])
    except csv.Error as error:
        raise UserError(MSG_UNREADABLE) from error
    return rows


def _column_map(header: list[str]) -> dict[str, int]:
    found = {}
    for index, title in enumerate(header):
        key = title.strip().lower()
        for column, aliases in COLUMNS.items():
            if key in aliases and column not in found:
                found[column] = index
    return found


def parse_rows(
    table: list[list[str]], *, phases: dict[str, str], existing_names: set[str]
) -> list[ImportRow]:
    """Check every row. ``phases`` maps each phase's label (as users write it, e.g. "Idé") to
    its stored value; ``existing_names`` are the municipality's process names (lower case)."""
    if not table:
        raise UserError(MSG_EMPTY)
    columns = _column_map(table[0])
    if "name" not in columns:
        raise UserError(MSG_NO_NAME_COLUMN)
    body = [(n, row) for n, row in enumerate(table[1:], start=2) if any(cell for cell in row)]
    if not body:
        raise UserError(MSG_EMPTY)
    seen: dict[str, int] = {}
    result = []
    for number, cells in body:

        def cell(column: str, cells: list[str] = cells) -> str:
            index = columns.get(column)
            return cells[index].strip() if index is not None and index < len(cells) else ""

        row = ImportRow(number=number)
        _check_name(row, cell("name"), seen, existing_names)
        _check_kle(row, cell("kle_code"))
        _check_volume(row, cell("yearly_volume"))
        _check_minutes(row, cell("minutes_per_case"))
        row.it_system = cell("it_system")[:200]
        _check_phase(row, cell("phase"), phases)
        result.append(row)
    return result


def _check_name(row: ImportRow, name: str, seen: dict[str, int], existing: set[str]) -> None:
    row.name = name
    if not name:
        row.errors.append(RowError(ROW_NAME_MISSING))
        return
    if len(name) > 200:
        row.errors.append(RowError(ROW_NAME_TOO_LONG))
    key = name.lower()
    if key in seen:
        row.errors.append(RowError(ROW_NAME_REPEATED, {"name": name, "row": seen[key]}))
    else:
        seen[key] = row.number
    if key in existing:
        row.errors.append(RowError(ROW_NAME_EXISTS, {"name": name}))


def _check_kle(row: ImportRow, value: str) -> None:
    row.kle_code = value
    if value and not KLE.match(value):
        row.errors.append(RowError(ROW_KLE, {"value": value}))


def _number(value: str) -> float:
    """A number written the Danish way ("1.413", "4,5") or the English way ("4.5")."""
    value = value.replace(" ", "").replace("\xa0", "")
    if THOUSANDS.match(value):
        return float(value.replace(".", ""))
    if "," in value:
        return float(value.replace(".", "").replace(",", "."))
    return float(value)


def _check_volume(row: ImportRow, value: str) -> None:
    if not value:
        return
    try:
        number = _number(value)
    except ValueError:
        number = -1
    if number < 0 or number != int(number) or number > 10**9:
        row.errors.append(RowError(ROW_VOLUME, {"value": value}))
        return
    row.yearly_volume = int(number)


def _check_minutes(row: ImportRow, value: str) -> None:
    if not value:
        return
    try:
        number = _number(value)
    except ValueError:
        number = -1
    if not 0 <= number <= 10**6:
        row.errors.append(RowError(ROW_MINUTES, {"value": value}))
        return
    row.minutes_per_case = number


def _check_phase(row: ImportRow, value: str, phases: dict[str, str]) -> None:
    if not value:
        return
    lookup = {label.lower(): v for label, v in phases.items()} | {v: v for v in phases.values()}
    phase = lookup.get(value.lower())
    if phase is None:
        row.errors.append(RowError(ROW_PHASE, {"value": value, "phases": ", ".join(phases)}))
        return
    row.phase = phase
