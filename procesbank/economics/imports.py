"""Reading back a business-case workbook exported by :mod:`procesbank.economics.exports` and
edited in a spreadsheet: the minimum, likely and maximum amounts of its lines.

The file comes from outside, so it is read defensively: a size limit, a zip whose members may
not unpack beyond a limit (a zip bomb), openpyxl in read-only mode with cached values only
(formulas are never evaluated here), and every refusal a Danish message naming the sheet and
cell. The caller compares the result with the case and shows a preview before anything is saved.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from io import BytesIO
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from procesbank.core.errors import UserError, gettext_noop

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
MAX_MEMBERS = 500
MAX_ROWS = 4000

MSG_TOO_LARGE = gettext_noop("Filen er for stor: højst 5 MB.")
MSG_NOT_WORKBOOK = gettext_noop(
    "Filen kan ikke læses som en Excel-projektmappe (.xlsx). Hent business casen som Excel, "
    "ret i den, og indlæs den igen."
)
MSG_MISSING_SHEET = gettext_noop("Projektmappen mangler arket “%(sheet)s”.")
MSG_OTHER_CASE = gettext_noop(
    "Projektmappen er hentet fra en anden business case og kan ikke indlæses her."
)
MSG_NO_VERSION = gettext_noop(
    "Projektmappen mangler business casens version i arket Stamdata (celle B11)."
)
MSG_NOT_A_NUMBER = gettext_noop(
    "Arket Linjer, celle %(cell)s: “%(value)s” er ikke et tal. Skriv et beløb i kroner."
)
MSG_BAD_ID = gettext_noop("Arket Linjer, celle %(cell)s: “%(value)s” er ikke et linje-id.")
MSG_INCOMPLETE = gettext_noop(
    "Linjen med id %(id)s mangler minimum, sandsynligt eller maksimum i arket Linjer."
)
MSG_STALE_WORKBOOK = gettext_noop(
    "Business casen er ændret, siden projektmappen blev hentet. Hent den som Excel igen, og "
    "indtast dine ændringer i den nye fil."
)
MSG_TOO_MANY_ROWS = gettext_noop("Arket Linjer har for mange rækker (højst 4000).")

# Stamdata B11 holds the case's version, B12 its id (written by the export).
LINES_SHEETS = ("Linjer", "Lines")
MASTER_SHEETS = ("Stamdata", "Master data")
AMOUNT_CODES = ("min", "likely", "max")


@dataclass
class ParsedWorkbook:
    """The case id and version the workbook was exported from, and per line id its amounts
    (DKK per year) by code: ``min``, ``likely``, ``max``."""

    case_id: int
    lock_version: int
    lines: dict[int, dict[str, list[Decimal]]] = field(default_factory=dict)


def _check_zip(data: bytes) -> None:
    if len(data) > MAX_UPLOAD_BYTES:
        raise UserError(MSG_TOO_LARGE)
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            members = archive.infolist()
            if len(members) > MAX_MEMBERS:
                raise UserError(MSG_NOT_WORKBOOK)
            if sum(member.file_size for member in members) > MAX_UNPACKED_BYTES:
                raise UserError(MSG_TOO_LARGE)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise UserError(MSG_NOT_WORKBOOK) from None


def _sheet(book: Any, names: tuple[str, ...]) -> Any:
    for name in names:
        if name in book.sheetnames:
            return book[name]
    raise UserError(MSG_MISSING_SHEET, sheet=names[0])


def _integer(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


def _amount(value: object, cell: str) -> Decimal:
    if value is None or value == "":
        return Decimal(0)
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise UserError(MSG_NOT_A_NUMBER, cell=cell, value=str(value)[:40])
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        raise UserError(MSG_NOT_A_NUMBER, cell=cell, value=str(value)[:40]) from None
    if not number.is_finite():
        raise UserError(MSG_NOT_A_NUMBER, cell=cell, value=str(value)[:40])
    return number


def parse_workbook(data: bytes, *, years: int) -> ParsedWorkbook:
    """The amounts of ``years`` years per line of an exported workbook; raises UserError."""
    _check_zip(data)
    try:
        book = load_workbook(BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds on a malformed file
        raise UserError(MSG_NOT_WORKBOOK) from None
    try:
        return _read(book, years)
    except UserError:
        raise
    except Exception:
        raise UserError(MSG_NOT_WORKBOOK) from None
    finally:
        book.close()


def _read(book: Any, years: int) -> ParsedWorkbook:
    master = _sheet(book, MASTER_SHEETS)
    values = [
        row[1] if len(row) > 1 else None
        for row in master.iter_rows(min_row=11, max_row=12, max_col=2, values_only=True)
    ]
    values += [None] * (2 - len(values))
    version, case_id = _integer(values[0]), _integer(values[1])
    if version is None:
        raise UserError(MSG_NO_VERSION)
    if case_id is None:
        raise UserError(MSG_OTHER_CASE)
    parsed = ParsedWorkbook(case_id=case_id, lock_version=version)
    sheet = _sheet(book, LINES_SHEETS)
    first_year_column = 12
    for number, row in enumerate(
        sheet.iter_rows(min_row=2, max_col=first_year_column - 1 + years, values_only=True),
        start=2,
    ):
        if number > MAX_ROWS:
            raise UserError(MSG_TOO_MANY_ROWS)
        if not row or row[0] is None:
            continue
        code = row[10] if len(row) > 10 else None
        if code not in AMOUNT_CODES:
            continue
        line_id = _integer(row[0])
        if line_id is None:
            raise UserError(MSG_BAD_ID, cell=f"A{number}", value=str(row[0])[:40])
        amounts = []
        for offset in range(years):
            index = first_year_column - 1 + offset
            value = row[index] if index < len(row) else None
            cell = f"{get_column_letter(index + 1)}{number}"
            amounts.append(_amount(value, cell))
        parsed.lines.setdefault(line_id, {})[str(code)] = amounts
    for line_id, fields in parsed.lines.items():
        if set(fields) != set(AMOUNT_CODES):
            raise UserError(MSG_INCOMPLETE, id=line_id)
    return parsed
