"""The native side of the plain XES reader: :mod:`_xesscan` (C, built by setup.py where a
compiler is found) scans the file; here its output becomes the frame the Polars reader of
:mod:`.xesfast` gives, column by column (see that module for the shape and the frame).

The scanner keeps each wanted key's distinct values once (int32 codes per event or trace),
so a column is typed on its distinct values and gathered; dates it reads itself in the
common ISO 8601 form. A plain file with a column the Polars reader decides on a sample (a
date in another form, a key whose XES type varies) raises :class:`ForPolars`.
"""

from __future__ import annotations

import mmap
import os
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import polars as pl

from procesbank.mining.engine import xesfast

try:
    from procesbank.mining.engine import _xesscan
except ImportError:  # no C compiler at install: xesfast's Polars reader reads
    _xesscan = None  # type: ignore[assignment]


def built() -> bool:
    """Whether the C extension was built (and not switched off by a test)."""
    return _xesscan is not None


class ForPolars(Exception):
    """The file is plain, but a column is one the Polars reader decides (a date in another
    form, a key whose XES type varies)."""


#: Absent instant in the scanner's date columns.
_NULL_DATE = np.iinfo(np.int64).min


def _scanner_keys(keys: Collection[str] | None) -> tuple[list[bytes] | None, list[bytes] | None]:
    """The raw event and trace keys the scanner keeps (None: all), as the Polars reader picks
    them: by the key's text as written in the file."""
    if keys is None:
        return None, None
    events = [key.encode() for key in keys if not key.startswith("case:")]
    traces = [key.removeprefix("case:").encode() for key in keys if key.startswith("case:")]
    return events, traces


def read_native(
    path: Path, max_bytes: int, keys: Collection[str] | None, progress: xesfast.Progress | None
) -> pl.DataFrame:
    """The frame, scanned by the C extension, which checks the shape and the characters in
    the same pass without the GIL: an uncompressed file straight from the page cache (mapped,
    not copied), a gzip file as zlib inflates it in another thread."""
    assert _xesscan is not None
    scanner = _xesscan.Scanner(*_scanner_keys(keys))
    try:
        with _mapped(path, max_bytes) as view:
            if view is None:
                _scan_pieces(
                    scanner, xesfast._xml_pieces(path, max_bytes, lambda piece: piece), progress
                )
            else:
                _scan_mapped(scanner, view, progress)
        result = scanner.finish()
    except _xesscan.ShapeError as exc:
        raise xesfast.NotPlain(str(exc)) from exc
    defaults: dict[str, dict[str, tuple[str, str]]] = {"trace": {}, "event": {}}
    for scope, xes_type, key, value in result["globals"]:
        defaults[scope][xesfast._unescape(key.decode())] = (
            xes_type,
            xesfast._unescape(value.decode()),
        )
    columns = _native_columns(result["event_keys"], defaults["event"], "")
    trace_columns = _native_columns(result["trace_keys"], defaults["trace"], "case:")
    if trace_columns:
        position = np.frombuffer(result["trace_of_event"], dtype=np.int32)
        for name, column in trace_columns.items():
            columns[name] = column.gather(position)
    return pl.DataFrame(list(columns.values()))


@contextmanager
def _mapped(path: Path, max_bytes: int) -> Iterator[memoryview | None]:
    """An uncompressed file mapped read-only (refused over ``max_bytes``); None for a gzip or
    empty file. Reading 16 MB pieces costs a copy of the file and, on a busy machine, as
    much time as the scan. The upload is ours and not written while it is read."""
    from procesbank.mining.engine.xes import GZIP_MAGIC

    with path.open("rb") as raw:
        size = os.fstat(raw.fileno()).st_size
        if raw.read(2) == GZIP_MAGIC or size == 0:
            yield None
            return
        xesfast._refuse_too_large(size, max_bytes)
        flags = mmap.MAP_SHARED | getattr(mmap, "MAP_POPULATE", 0)
        with mmap.mmap(raw.fileno(), size, flags=flags, prot=mmap.PROT_READ) as mapped:
            view = memoryview(mapped)
            try:
                yield view
            finally:
                view.release()


def _scan_mapped(
    scanner: _xesscan.Scanner, view: memoryview, progress: xesfast.Progress | None
) -> None:
    prolog = bytes(view[: xesfast.PROLOG_BYTES])
    start = xesfast._body_start(prolog)
    xesfast._xml_characters_only(prolog[:start])
    while start < len(view):
        stop = min(start + xesfast.INFLATE_STEP, len(view))
        scanner.feed(view, start, stop)
        start = stop
        if progress is not None:
            progress(0.8 * stop / len(view))


def _scan_pieces(
    scanner: _xesscan.Scanner,
    pieces: Iterator[tuple[bytes, float]],
    progress: xesfast.Progress | None,
) -> None:
    pieces = xesfast._prefetched(pieces)
    buffer = b""
    for piece, _fraction in pieces:
        buffer += piece
        if len(buffer) >= xesfast.PROLOG_BYTES:
            break
    start = xesfast._body_start(buffer)
    xesfast._xml_characters_only(buffer[:start])
    scanner.feed(buffer, start)
    del buffer
    for piece, fraction in pieces:
        scanner.feed(piece)
        if progress is not None:
            progress(0.8 * fraction)


def _native_columns(
    entries: list[_xesscan.KeyValues], defaults: dict[str, tuple[str, str]], prefix: str
) -> dict[str, pl.Series]:
    """One typed column per key the scanner kept, as :func:`_columns` builds it."""
    columns = {}
    for raw, type_bits, codes, uniques, dates, date_failed in entries:
        name = xesfast._unescape(raw.decode())
        types = {
            xes_type for bit, xes_type in enumerate(xesfast.VALUE_TYPES) if type_bits >> bit & 1
        }
        if date_failed or (dates is not None and codes is not None):
            raise ForPolars(f"the values of {name!r}")
        default = defaults.get(name)
        if dates is not None:
            column = _date_column(np.frombuffer(dates, dtype=np.int64), default)
        else:
            assert codes is not None
            column = _text_column(np.frombuffer(codes, dtype=np.int32), uniques, types, default)
        columns[f"{prefix}{name}"] = column.alias(f"{prefix}{name}")
    return columns


def _date_column(instants: np.ndarray, default: tuple[str, str] | None) -> pl.Series:
    """Instants (microseconds, UTC) as the Polars reader types a date column."""
    missing = instants == _NULL_DATE
    if default is not None and missing.any():
        assert _xesscan is not None
        value = _xesscan.parse_date(default[1]) if default[0] == "date" else None
        if value is None:
            raise ForPolars("a global default")
        instants = np.where(missing, value, instants)
        missing[:] = False
    column = pl.Series(instants).cast(pl.Datetime("us")).dt.replace_time_zone("UTC")
    if missing.any():
        column = column.scatter(np.flatnonzero(missing), None)
    return column


def _text_column(
    codes: np.ndarray, uniques: list[str], types: set[str], default: tuple[str, str] | None
) -> pl.Series:
    """The distinct values typed once each, then gathered per event (or trace)."""
    values = xesfast._unescaped(pl.Series(uniques, dtype=pl.String))
    missing = codes < 0
    if default is not None and missing.any():
        values = values.append(pl.Series([default[1]], dtype=pl.String))
        codes = np.where(missing, values.len() - 1, codes)
        missing = codes < 0
        types = types | {default[0]}
    if types == {"date"}:
        # A date column is read by its formats found on a sample, not value by value.
        raise ForPolars("dates typed as text")
    typed = xesfast._typed(values, types)
    if missing.any():
        typed = typed.append(pl.Series([None], dtype=typed.dtype))
        codes = np.where(missing, typed.len() - 1, codes)
    return typed.gather(codes)
