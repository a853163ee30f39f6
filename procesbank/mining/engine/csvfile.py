"""Open CSV exports of event logs: detect encoding and delimiter, preview, suggest a mapping.

Exports from Danish case systems and spreadsheets come as UTF-8 (with or without a byte-order
mark), Windows-1252 (Excel's "CSV (semikolonsepareret)"), Latin-1 or UTF-16 ("Unicode-tekst"),
separated by comma, semicolon, tab or bar. Detection looks at the first :data:`SAMPLE_BYTES`;
Polars then reads UTF-8 directly, and other encodings are transcoded to UTF-8 first.
"""

from __future__ import annotations

import codecs
import csv
import io
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from procesbank.core.errors import UserError, gettext_noop
from procesbank.mining.engine.timestamps import detect_timestamp_formats

DELIMITERS = (",", ";", "\t", "|")
SAMPLE_BYTES = 1024 * 1024
SNIFF_LINES = 50
ROLES = ("case_id", "activity", "timestamp", "start_timestamp", "resource", "lifecycle")

#: Column names recognised for each role, after lower-casing and dropping everything but
#: letters and digits; earlier names win when a file has several.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "case_id": (
        "caseconceptname", "caseid", "casenumber", "case", "sagsnummer", "sagsnr", "sagsid",
        "sagid", "sagnummer", "sag", "journalnummer", "journalnr",
    ),
    "activity": (
        "conceptname", "activity", "activityname", "aktivitet", "aktivitetsnavn", "handling",
        "hændelse", "hændelsesnavn", "eventname", "event", "task", "opgave", "trin",
    ),
    "timestamp": (
        "timetimestamp", "timestamp", "completetimestamp", "endtimestamp", "tidspunkt",
        "tidsstempel", "sluttidspunkt", "endtime", "eventtime", "datetime", "tid", "time",
        "dato", "date",
    ),
    "start_timestamp": (
        "starttimestamp", "timestarttimestamp", "starttime", "starttidspunkt", "startdato",
        "startdate", "start",
    ),
    "resource": (
        "orgresource", "resource", "ressource", "sagsbehandler", "medarbejder", "bruger",
        "user", "performer", "udfører",
    ),
    "lifecycle": ("lifecycletransition", "lifecycle", "transition", "livscyklus"),
}  # fmt: skip

MSG_TOO_LARGE = gettext_noop("Filen er for stor: %(size_mb)d MB. Grænsen er %(limit_mb)d MB.")
logger = logging.getLogger(__name__)
MSG_UNREADABLE = gettext_noop(
    "CSV-filen kan ikke læses: tjek, at anførselstegn står parvis, og at alle rækker har lige "
    "mange kolonner."
)
#: More columns than any event log has; the mapping page offers each in four lists.
MAX_COLUMNS = 1000
MSG_TOO_WIDE = gettext_noop(
    "Filens første linje har mere end %(max)d kolonner; Procesbank læser højst %(max)d. Er "
    "det den rigtige fil, og er skilletegnet rigtigt?"
)
MSG_FIELD_TOO_LONG = gettext_noop(
    "Et felt i filens første linjer er længere end %(max)d tegn. En hændelseslog i CSV har én "
    "hændelse pr. linje; er det den rigtige fil?"
)
MSG_NOT_TEXT = gettext_noop(
    "Filen ligner ikke en CSV-fil: dens første linjer er ikke tekst med kolonner. Gem "
    "hændelsesloggen som CSV (UTF-8) og prøv igen."
)
MSG_EMPTY_FILE = gettext_noop("CSV-filen er tom: den har hverken overskrifter eller rækker.")
MSG_BAD_ENCODING = gettext_noop("Filen kan ikke læses som tekst med tegnsættet %(encoding)s.")
MSG_RAGGED_ROW = gettext_noop(
    "Række %(row)d har %(found)d felter, men overskriften har %(expected)d. Tjek "
    "skilletegnet ('%(delimiter)s') og anførselstegnene i rækken."
)


def _normalised_name(name: str) -> str:
    return re.sub(r"[^0-9a-zæøå]", "", name.lower())


def suggest_mapping(columns: list[str]) -> dict[str, str | None]:
    """The column suggested for each role (:data:`ROLES`), or None where no name fits.

    Matches common names (``case:concept:name``, ``Case ID``, ``sagsnummer``,
    ``concept:name``, ``aktivitet``, ``time:timestamp``, ``tidspunkt`` ...); a column serves
    at most one role.
    """
    by_name: dict[str, str] = {}
    for column in columns:
        by_name.setdefault(_normalised_name(column), column)
    taken: set[str] = set()
    suggestion: dict[str, str | None] = {}
    for role in ROLES:
        suggestion[role] = None
        for synonym in SYNONYMS[role]:
            found = by_name.get(synonym)
            if found is not None and found not in taken:
                suggestion[role] = found
                taken.add(found)
                break
    return suggestion


def detect_encoding(sample: bytes, complete: bool) -> str:
    """The text encoding of a file from its first bytes (``complete``: the sample is all).

    Byte-order marks decide first; then UTF-8 if the sample decodes as such, else
    Windows-1252 if it does, else Latin-1 (which decodes anything).
    """
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        # A sample cut inside a multi-byte character is still UTF-8: final=False allows it.
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=complete)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        sample.decode("cp1252")
        return "cp1252"
    except UnicodeDecodeError:
        return "latin-1"


def _decode_sample(sample: bytes, encoding: str, complete: bool) -> str:
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    return decoder.decode(sample, final=complete)


def sniff_delimiter(text: str) -> str:
    """The delimiter among , ; tab | that splits the first lines into most equal-width rows.

    Scores each candidate by the share of rows as wide as the header, then by that width;
    quoted fields are respected. Falls back to comma.
    """
    lines = text.splitlines()[: SNIFF_LINES + 1]
    if len(lines) > 1:
        lines = lines[:-1]  # the last sampled line may be cut short
    best, best_score = ",", (0.0, 1)
    for delimiter in DELIMITERS:
        try:
            rows = [row for row in csv.reader(lines, delimiter=delimiter) if row]
        except csv.Error:  # a field past csv's limit, or binary: not this delimiter
            continue
        if not rows or len(rows[0]) < 2:
            continue
        width = len(rows[0])
        score = (sum(len(row) == width for row in rows) / len(rows), width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


@dataclass(frozen=True)
class CsvPreview:
    """What the upload form shows before the import: the detected layout and the first rows."""

    delimiter: str
    encoding: str
    columns: list[str]
    rows: list[list[str]]
    #: Suggested column per role (:data:`ROLES`); None where no column name fits.
    suggested_mapping: dict[str, str | None]
    #: Formats read from the suggested timestamp column's preview values (chrono syntax).
    timestamp_formats: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class OpenedCsv:
    """A CSV source ready for Polars: UTF-8 bytes or a UTF-8 file, and its detected layout."""

    source: Path | bytes
    delimiter: str
    encoding: str
    columns: list[str]

    def scan(self, row_index: str | None = None) -> pl.LazyFrame:
        """Every column as text (the mapping decides what gets parsed, and how), with the
        row's position from 0 in a ``row_index`` column if named."""
        return pl.scan_csv(
            self.source,
            separator=self.delimiter,
            infer_schema=False,
            encoding="utf8",
            quote_char='"',
            row_index_name=row_index,
        )


def _read_head(source: Path | bytes) -> tuple[bytes, bool]:
    if isinstance(source, bytes):
        return source[:SAMPLE_BYTES], len(source) <= SAMPLE_BYTES
    with source.open("rb") as handle:
        head = handle.read(SAMPLE_BYTES + 1)
    return head[:SAMPLE_BYTES], len(head) <= SAMPLE_BYTES


def _size(source: Path | bytes) -> int:
    return len(source) if isinstance(source, bytes) else source.stat().st_size


def _not_csv(error: csv.Error) -> UserError:
    """Python's csv module refuses binary garbage (a NUL, a bare carriage return) and fields
    longer than its limit; say which in Danish."""
    if "field larger than field limit" in str(error):
        return UserError(MSG_FIELD_TOO_LONG, max=csv.field_size_limit())
    return UserError(MSG_NOT_TEXT)


def _check_width(columns: list[str]) -> None:
    if len(columns) > MAX_COLUMNS:
        raise UserError(MSG_TOO_WIDE, max=MAX_COLUMNS)


def _header(text: str, delimiter: str) -> list[str]:
    try:
        for row in csv.reader(io.StringIO(text), delimiter=delimiter):
            _check_width(row)
            return row
    except csv.Error as error:
        raise _not_csv(error) from error
    raise UserError(MSG_EMPTY_FILE)


def as_source(data_or_path: bytes | str | Path) -> Path | bytes:
    """Bytes stay bytes; a string or path names a file."""
    return data_or_path if isinstance(data_or_path, bytes) else Path(data_or_path)


def open_csv(
    data_or_path: bytes | str | Path,
    max_bytes: int,
    encoding: str | None = None,
    delimiter: str | None = None,
) -> OpenedCsv:
    """Check the size, detect what is not given, and transcode to UTF-8 where needed."""
    source = as_source(data_or_path)
    size = _size(source)
    if size > max_bytes:
        raise UserError(MSG_TOO_LARGE, size_mb=size // 2**20, limit_mb=max_bytes // 2**20)
    head, complete = _read_head(source)
    encoding = encoding or detect_encoding(head, complete)
    text = _decode_sample(head, encoding, complete)
    delimiter = delimiter or sniff_delimiter(text)
    columns = _header(text.lstrip("\ufeff"), delimiter)
    if encoding not in ("utf-8", "utf-8-sig"):
        source = transcode(source, encoding)
    return OpenedCsv(source=source, delimiter=delimiter, encoding=encoding, columns=columns)


def transcode(source: Path | bytes, encoding: str) -> bytes:
    """The whole file as UTF-8 bytes (Polars reads UTF-8 only)."""
    data = source if isinstance(source, bytes) else source.read_bytes()
    try:
        return data.decode(encoding).encode("utf-8")
    except UnicodeDecodeError as exc:
        raise UserError(MSG_BAD_ENCODING, encoding=encoding) from exc


def csv_preview(data_or_path: bytes | str | Path, n: int = 20) -> CsvPreview:
    """The detected delimiter and encoding, the header, the first ``n`` rows as text and a
    suggested column mapping, read from the first :data:`SAMPLE_BYTES` of the file only."""
    source = as_source(data_or_path)
    head, complete = _read_head(source)
    encoding = detect_encoding(head, complete)
    text = _decode_sample(head, encoding, complete).lstrip("\ufeff")
    delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    rows: list[list[str]] = []
    try:
        columns = next(reader, None)
        if columns is None:
            raise UserError(MSG_EMPTY_FILE)
        _check_width(columns)
        for row in reader:
            if len(rows) == n:
                break
            rows.append(row)
    except csv.Error as error:
        raise _not_csv(error) from error
    suggestion = suggest_mapping(columns)
    formats: tuple[str, ...] = ()
    timestamp_column = suggestion["timestamp"]
    if timestamp_column is not None:
        position = columns.index(timestamp_column)
        values = [row[position] for row in rows if len(row) > position]
        formats = detect_timestamp_formats(pl.Series(values, dtype=pl.String))
    return CsvPreview(
        delimiter=delimiter,
        encoding=encoding,
        columns=columns,
        rows=rows,
        suggested_mapping=suggestion,
        timestamp_formats=formats,
    )


def reopen_detecting_whole_file(opened: OpenedCsv, data_or_path: bytes | str | Path) -> OpenedCsv:
    """The same file with its encoding detected from all of it, transcoded to UTF-8."""
    data = as_source(data_or_path)
    whole = data if isinstance(data, bytes) else data.read_bytes()
    encoding = detect_encoding(whole, complete=True)
    source = whole if encoding in ("utf-8", "utf-8-sig") else transcode(whole, encoding)
    return OpenedCsv(source, opened.delimiter, encoding, opened.columns)


def _first_ragged_row(opened: OpenedCsv) -> tuple[int, int] | None:
    """(row, fields) of the first row wider than the header, rows numbered from the header
    as 1; read with Python's csv module, which is slow but runs only to explain an error."""
    data = opened.source if isinstance(opened.source, bytes) else opened.source.read_bytes()
    text = io.StringIO(data.decode("utf-8-sig", errors="replace"), newline="")
    for row_number, row in enumerate(csv.reader(text, delimiter=opened.delimiter), start=1):
        if len(row) > len(opened.columns):
            return row_number, len(row)
    return None


def explain_error(opened: OpenedCsv, error: Exception) -> UserError:
    """A user's account of why Polars could not read the file: the ragged row if there is
    one, else Polars' own first line."""
    ragged = _first_ragged_row(opened)
    if ragged is not None:
        return UserError(
            MSG_RAGGED_ROW,
            row=ragged[0],
            found=ragged[1],
            expected=len(opened.columns),
            delimiter=opened.delimiter,
        )
    # Polars explains in English only; its words go to the log, the user gets Danish.
    logger.info("Polars could not read a CSV file: %s", str(error).splitlines()[0])
    return UserError(MSG_UNREADABLE)
