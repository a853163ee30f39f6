"""Event logs: read XES, CSV and Parquet into one normalised Polars frame, store it as Parquet.

The readers here find the file's columns (XES keys, a CSV's header, a Parquet schema) and
hand a raw frame to :func:`procesbank.mining.engine.normalise.normalise`, whose docstring describes
the normalised log: its columns, its order and its lifecycle rule. The names of that module
(the column names, :class:`ColumnMapping`, :data:`XES_MAPPING`) are importable from here too.

Errors a user can fix raise :class:`~procesbank.core.errors.UserError` with a Danish message
that says what is wrong and where (row, line, value, column).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import polars as pl

from procesbank.core.errors import UserError, gettext_noop
from procesbank.mining.engine import csvfile, xes
from procesbank.mining.engine.csvfile import CsvPreview, csv_preview
from procesbank.mining.engine.normalise import (
    ACTIVITY,
    CASE_ID,
    CORE_COLUMNS,
    EVENT_INDEX,
    LIFECYCLE,
    MSG_EMPTY,
    RESOURCE,
    START_TIMESTAMP,
    TIMESTAMP,
    XES_MAPPING,
    ColumnMapping,
    complete_filter,
    normalise,
    sort_events,
)
from procesbank.mining.engine.timestamps import DEFAULT_TIME_ZONE

__all__ = [
    "ACTIVITY",
    "CASE_ID",
    "CORE_COLUMNS",
    "EVENT_INDEX",
    "LIFECYCLE",
    "MSG_EMPTY",
    "RESOURCE",
    "START_TIMESTAMP",
    "TIMESTAMP",
    "XES_MAPPING",
    "ColumnMapping",
    "CsvPreview",
    "csv_preview",
    "load_log",
    "normalise",
    "read_csv",
    "read_log",
    "read_parquet",
    "read_xes",
    "save_log",
    "sort_events",
]

#: Largest file read, in bytes (after decompression for XES).
DEFAULT_MAX_BYTES = 2 * 1024**3

Progress = Callable[[float], None]

MSG_NO_CASE_COLUMN = gettext_noop(
    "Der er ingen kolonne med sags-id (fx 'case:concept:name' eller 'sagsnummer'). Vælg "
    "kolonnen selv. Filens kolonner er: %(columns)s."
)
MSG_NO_ACTIVITY_COLUMN = gettext_noop(
    "Der er ingen kolonne med aktivitet (fx 'concept:name' eller 'aktivitet'). Vælg "
    "kolonnen selv. Filens kolonner er: %(columns)s."
)
MSG_NO_TIMESTAMP_COLUMN = gettext_noop(
    "Der er ingen kolonne med tidspunkt (fx 'time:timestamp' eller 'tidspunkt'). Vælg "
    "kolonnen selv. Filens kolonner er: %(columns)s."
)
MSG_UNREADABLE_PARQUET = gettext_noop(
    "Parquet-filen kan ikke læses: den er beskadiget, afkortet eller ikke en Parquet-fil."
)
MSG_NOT_A_LOG = gettext_noop(
    "Filen er ikke en gemt hændelseslog: kolonnen '%(column)s' mangler eller har forkert type."
)
MSG_UNSUPPORTED = gettext_noop(
    "Filtypen '%(suffix)s' understøttes ikke. Brug XES (.xes, .xes.gz), CSV eller Parquet."
)


def _suggested(columns: list[str]) -> ColumnMapping:
    suggestion = csvfile.suggest_mapping(columns)
    listed = ", ".join(columns)
    for role, message in (
        (CASE_ID, MSG_NO_CASE_COLUMN),
        (ACTIVITY, MSG_NO_ACTIVITY_COLUMN),
        (TIMESTAMP, MSG_NO_TIMESTAMP_COLUMN),
    ):
        if suggestion[role] is None:
            raise UserError(message, columns=listed)
    return ColumnMapping(**suggestion)  # type: ignore[arg-type]


def _report(progress: Progress | None, fraction: float) -> None:
    if progress is not None:
        progress(fraction)


def read_xes(
    path: str | Path,
    mapping: ColumnMapping | None = None,
    *,
    complete_only: bool = False,
    progress: Progress | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    mapped_only: bool = False,
) -> pl.DataFrame:
    """Read an XES log (``.xes`` or gzip-compressed) into the normalised frame.

    ``mapping`` defaults to :data:`XES_MAPPING`. ``progress`` receives fractions from 0 to 1.
    ``max_bytes`` limits the XML size after decompression. ``mapped_only``: the log gets the
    mapped attributes only (what the figures of ``procesbank mine`` need), and the reader
    converts nothing else.
    """
    _report(progress, 0.0)
    optional_may_miss = mapping is None
    mapping = mapping or XES_MAPPING
    keys = list(mapping.roles().values()) if mapped_only else None
    raw = xes.read_xes_raw(Path(path), max_bytes, progress, keys)
    if raw.height == 0:
        raise UserError(MSG_EMPTY)
    log = normalise(
        raw,
        mapping,
        complete_only=complete_only,
        naive_time_zone="UTC",
        optional_may_miss=optional_may_miss,
        keep_other=not mapped_only,
    )
    _report(progress, 1.0)
    return log


def read_csv(
    data_or_path: bytes | str | Path,
    mapping: ColumnMapping | None = None,
    *,
    delimiter: str | None = None,
    encoding: str | None = None,
    timestamp_format: str | None = None,
    naive_time_zone: str = DEFAULT_TIME_ZONE,
    complete_only: bool = False,
    progress: Progress | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    mapped_only: bool = False,
) -> pl.DataFrame:
    """Read a CSV log into the normalised frame.

    What is not given is detected: the delimiter among , ; tab |, the encoding (UTF-8 with or
    without BOM, UTF-16, Windows-1252, Latin-1), the mapping from the column names (see
    :func:`csv_preview`) and the timestamp format (chrono syntax, e.g. ``%d-%m-%Y %H:%M``).
    Attributes other than the mapped ones are kept as text. Rows are numbered as a
    spreadsheet shows them: the header is row 1. ``mapped_only``: only the columns the
    figures need are kept (and converted): case, activity, timestamps, and the lifecycle
    with ``complete_only``.
    """
    _report(progress, 0.0)
    opened = csvfile.open_csv(data_or_path, max_bytes, encoding, delimiter)
    if not opened.columns:
        raise UserError(MSG_EMPTY)
    mapping = mapping or _suggested(opened.columns)
    if mapped_only:
        # Two text columns fewer to hold and reorder: a sixth of the time on 5 million events.
        lifecycle = mapping.lifecycle if complete_only else None
        mapping = replace(mapping, resource=None, lifecycle=lifecycle)
    _report(progress, 0.1)

    def read(opened: csvfile.OpenedCsv) -> pl.DataFrame:
        indexed = EVENT_INDEX not in opened.columns
        return normalise(
            opened.scan(row_index=EVENT_INDEX if indexed else None),
            mapping,
            complete_only=complete_only,
            timestamp_formats=(timestamp_format,) if timestamp_format else None,
            naive_time_zone=naive_time_zone,
            is_csv=True,
            indexed=indexed,
            keep_other=not mapped_only,
        )

    try:
        try:
            log = read(opened)
        except pl.exceptions.ComputeError as exc:
            # Detection saw only the first megabyte; a Windows-1252 byte further on shows
            # that the whole file is not UTF-8 after all.
            if encoding is not None or "utf-8" not in str(exc):
                raise
            log = read(csvfile.reopen_detecting_whole_file(opened, data_or_path))
    except pl.exceptions.PolarsError as exc:
        raise csvfile.explain_error(opened, exc) from exc
    _report(progress, 1.0)
    return log


def read_parquet(
    path: str | Path,
    mapping: ColumnMapping | None = None,
    *,
    complete_only: bool = False,
    naive_time_zone: str = DEFAULT_TIME_ZONE,
    progress: Progress | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    mapped_only: bool = False,
) -> pl.DataFrame:
    """Read a Parquet file: a log saved by :func:`save_log`, or any event table with a mapping
    (suggested from the column names when None)."""
    path = Path(path)
    size = path.stat().st_size
    if size > max_bytes:
        raise UserError(csvfile.MSG_TOO_LARGE, size_mb=size // 2**20, limit_mb=max_bytes // 2**20)
    _report(progress, 0.0)
    try:
        lazy = pl.scan_parquet(path)
        columns = lazy.collect_schema().names()
    except pl.exceptions.PolarsError as exc:
        raise UserError(MSG_UNREADABLE_PARQUET) from exc
    if mapping is None and {CASE_ID, ACTIVITY, TIMESTAMP, EVENT_INDEX} <= set(columns):
        log = load_log(path)
        if complete_only and LIFECYCLE in log.columns:
            log = log.filter(complete_filter())
    else:
        log = normalise(
            lazy,
            mapping or _suggested(columns),
            complete_only=complete_only,
            naive_time_zone=naive_time_zone,
            keep_other=not mapped_only,
        )
    _report(progress, 1.0)
    return log


def read_log(
    path: str | Path,
    mapping: ColumnMapping | None = None,
    *,
    complete_only: bool = False,
    progress: Progress | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    mapped_only: bool = False,
) -> pl.DataFrame:
    """Read a log file of any supported kind, chosen by its name, else by its first bytes.

    ``mapped_only``: keep only the mapped attributes (case, activity, times, resource,
    lifecycle; a CSV only those the figures need, see :func:`read_csv`), for figures that
    need no others; the readers then skip converting the rest.
    """
    path = Path(path)
    name = path.name.lower()
    with path.open("rb") as handle:
        magic = handle.read(8)
    reader: Callable[..., pl.DataFrame]
    if name.endswith((".parquet", ".pq")) or magic.startswith(b"PAR1"):
        reader = read_parquet
    elif name.endswith((".xes", ".xes.gz")) or magic.startswith(
        (xes.GZIP_MAGIC, b"<?xml", b"<log")
    ):
        reader = read_xes
    elif name.endswith((".csv", ".tsv", ".txt")):
        reader = read_csv
    else:
        raise UserError(MSG_UNSUPPORTED, suffix=path.suffix)
    return reader(
        path,
        mapping,
        complete_only=complete_only,
        progress=progress,
        max_bytes=max_bytes,
        mapped_only=mapped_only,
    )


def save_log(log: pl.DataFrame, path: str | Path) -> None:
    """Store a normalised log as Parquet (zstd); :func:`load_log` reads it back unchanged."""
    log.write_parquet(Path(path), compression="zstd", statistics=True)


_REQUIRED_DTYPES: dict[str, tuple[type[pl.DataType], ...]] = {
    CASE_ID: (pl.String,),
    ACTIVITY: (pl.Categorical, pl.String),
    TIMESTAMP: (pl.Datetime,),
    EVENT_INDEX: (pl.UInt32, pl.UInt64, pl.Int64),
}


def load_log(path: str | Path) -> pl.DataFrame:
    """A log stored by :func:`save_log`, checked to have the normalised core columns."""
    try:
        log = pl.read_parquet(Path(path))
    except pl.exceptions.PolarsError as exc:
        raise UserError(MSG_UNREADABLE_PARQUET) from exc
    for column, dtypes in _REQUIRED_DTYPES.items():
        if column not in log.columns or not isinstance(log.schema[column], dtypes):
            raise UserError(MSG_NOT_A_LOG, column=column)
    if log.schema[ACTIVITY] == pl.String:
        log = log.with_columns(pl.col(ACTIVITY).cast(pl.Categorical))
    return log
