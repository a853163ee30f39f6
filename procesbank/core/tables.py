"""Reading a spreadsheet a user uploads (Excel .xlsx or CSV) into rows of cells, safely.

Shared by the importers that take other systems' exports (KITOS' IT systems, OS2autoproces'
processes). The cells keep their types from Excel (numbers, dates, text); a CSV gives text.
Refused with a :class:`UserError`: a file over ``max_bytes``, an .xlsx that unpacks to more
than :data:`MAX_UNCOMPRESSED` (a zip bomb), more than ``max_rows`` rows, and anything that
does not read as either format.
"""

from __future__ import annotations

import csv
import zipfile
from io import BytesIO, StringIO
from typing import Any

from openpyxl import load_workbook

from procesbank.core.errors import UserError, gettext_noop

MAX_UNCOMPRESSED = 30 * 1024 * 1024

MSG_TOO_LARGE = gettext_noop("Filen er for stor: højst %(max_mb)s MB.")
MSG_EMPTY_FILE = gettext_noop("Filen er tom.")
MSG_UNREADABLE = gettext_noop(
    "Filen kunne ikke læses. Brug en Excel-fil (.xlsx) eller en CSV-fil med semikolon eller "
    "komma og en overskriftsrække."
)
MSG_ZIP_BOMB = gettext_noop("Filen pakker sig ud til mere end 30 MB og afvises.")
MSG_TOO_MANY_ROWS = gettext_noop("Filen har mere end %(max)s rækker.")

Cell = Any  # str, int, float, bool, datetime, date or None


def read_table(
    data: bytes, filename: str, *, max_bytes: int, max_rows: int, sheet: str = ""
) -> list[list[Cell]]:
    """The rows of the sheet named ``sheet`` (else the first sheet), or of the CSV, header row
    first. Text cells are stripped; empty cells are ``None`` in Excel and ``""`` in CSV."""
    if len(data) > max_bytes:
        raise UserError(MSG_TOO_LARGE, max_mb=max_bytes // (1024 * 1024))
    if not data.strip():
        raise UserError(MSG_EMPTY_FILE)
    if data[:2] == b"PK" or filename.lower().endswith(".xlsx"):
        return _read_xlsx(data, max_rows, sheet)
    return _read_csv(data, max_rows)


def _read_xlsx(data: bytes, max_rows: int, sheet_name: str) -> list[list[Cell]]:
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_UNCOMPRESSED:
                raise UserError(MSG_ZIP_BOMB)
        book = load_workbook(BytesIO(data), read_only=True, data_only=True)
        sheet = book[sheet_name] if sheet_name in book.sheetnames else book.worksheets[0]
        rows: list[list[Cell]] = []
        for row in sheet.iter_rows(values_only=True):
            if len(rows) > max_rows:
                raise UserError(MSG_TOO_MANY_ROWS, max=max_rows)
            rows.append([value.strip() if isinstance(value, str) else value for value in row])
        book.close()
    except UserError:
        raise
    except Exception as error:  # openpyxl and zipfile raise many kinds on broken files
        raise UserError(MSG_UNREADABLE) from error
    return rows


def _read_csv(data: bytes, max_rows: int) -> list[list[Cell]]:
    if b"\x00" in data:
        raise UserError(MSG_UNREADABLE)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    rows: list[list[Cell]] = []
    try:
        for row in csv.reader(StringIO(text), delimiter=delimiter):
            if len(rows) > max_rows:
                raise UserError(MSG_TOO_MANY_ROWS, max=max_rows)
            rows.append([cell.strip() for cell in row])
    except csv.Error as error:
        raise UserError(MSG_UNREADABLE) from error
    return rows


def text(value: Cell) -> str:
    """A cell as text ("" for an empty cell; a whole float without its ".0")."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
