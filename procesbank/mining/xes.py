"""Read XES event logs (IEEE 1849, ``.xes`` or gzip-compressed ``.xes.gz``) into a raw frame.

The raw frame has one row per event in file order, the event's attributes under their XES keys
(``concept:name``, ``time:timestamp`` ...) and its trace's attributes prefixed ``case:``, as
PM4Py names them. :mod:`procesbank.mining.eventlog` turns it into the normalised log.

Two readers produce it:

* rustxes (a Rust XES parser returning Polars frames), fast; it drops nested (meta)
  attributes, keeps the value of the outer one, fills in the defaults that ``<global>``
  declares, and reads dates without an offset as UTC.
* a streaming lxml reader (``iterparse``, entities unresolved, no network, every finished
  element cleared so memory holds one trace at a time, never the whole tree) that gives the
  same frame. It is used when rustxes fails on a file (it then says where the file is
  broken), and when rustxes wrote placeholders: rustxes 0.2 renders list and container
  attributes as debug text and an ``id`` that is no UUID as the nil UUID. It keeps
  top-level attributes only; list and container attributes are left out.

Before either reader sees a file, it is checked: its size after decompression against a limit
(a gzip file is decompressed once in chunks, so a gzip bomb stops early and a truncated
download fails with a clear message), and the absence of a DOCTYPE (XES needs none; a DTD is
how entity expansion and external-entity attacks get in, so it is refused outright).
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, cast

import polars as pl
from lxml import etree

from procesbank.core.errors import UserError, gettext_noop
from procesbank.mining.timestamps import detect_timestamp_formats, parse_timestamps

Progress = Callable[[float], None]

GZIP_MAGIC = b"\x1f\x8b"
CHUNK_BYTES = 4 * 1024 * 1024
#: Share of the progress bar given to the integrity scan; the parse takes the rest.
SCAN_SHARE = 0.25
PROGRESS_EVERY_EVENTS = 20_000

_ATTRIBUTE_TAGS = frozenset(
    {"string", "date", "int", "float", "boolean", "id", "list", "container"}
)
TIME_KEY = "time:timestamp"
_REFUSED_MARKERS = (b"<!DOCTYPE", b"<!ENTITY")
#: How rustxes 0.2 renders what it cannot represent: list and container attributes as Rust
#: debug text, and an ``id`` that is no UUID as the nil UUID.
_RUSTXES_LIST_PREFIX = "[Attribute {"
_RUSTXES_NIL_UUID = "00000000-0000-0000-0000-000000000000"

MSG_TOO_LARGE = gettext_noop("Filen er for stor: %(size_mb)d MB. Grænsen er %(limit_mb)d MB.")
MSG_TOO_LARGE_UNPACKED = gettext_noop(
    "Filen er for stor: udpakket fylder den mere end grænsen på %(limit_mb)d MB."
)
MSG_TRUNCATED_GZIP = gettext_noop(
    "Den komprimerede fil (gzip) er afkortet eller beskadiget og kan ikke pakkes ud. "
    "Hent eller eksportér filen igen."
)
MSG_DOCTYPE = gettext_noop(
    "XES-filen indeholder en DOCTYPE-erklæring eller entiteter. Det afvises af "
    "sikkerhedshensyn; en XES-fil har ikke brug for dem."
)
MSG_BROKEN_XML = gettext_noop(
    "XES-filen er ikke gyldig XML (linje %(line)d, kolonne %(column)d): %(detail)s"
)
MSG_NOT_XES = gettext_noop(
    "Filen er ikke en XES-hændelseslog: rodelementet er <%(root)s> og ikke <log>."
)


@dataclass(frozen=True)
class XesScan:
    """What the integrity scan learnt about a file."""

    gzipped: bool
    #: Size of the XML after decompression, in bytes.
    xml_bytes: int


def is_gzip(path: Path) -> bool:
    """True when the file starts with the gzip magic bytes, whatever its name."""
    with path.open("rb") as handle:
        return handle.read(2) == GZIP_MAGIC


def _open_xml(path: Path, gzipped: bool) -> tuple[IO[bytes], IO[bytes]]:
    """The decompressed stream and the raw file under it (whose position measures progress)."""
    raw = path.open("rb")
    if not gzipped:
        return raw, raw
    return cast(IO[bytes], gzip.GzipFile(fileobj=raw, mode="rb")), raw


def _check_prolog(head: bytes) -> None:
    """Refuse a DOCTYPE (and so any entity declaration), which may only stand before the root
    element: XML allows it nowhere else, so the prolog is all that needs reading."""
    root = head.find(b"<log")
    prolog = head if root < 0 else head[:root]
    if any(marker in prolog for marker in _REFUSED_MARKERS):
        raise UserError(MSG_DOCTYPE)


def scan_xes(path: Path, max_bytes: int, progress: Progress | None = None) -> XesScan:
    """Check a file before it is parsed; raise :class:`UserError` if it must not be.

    Refuses files larger than ``max_bytes`` after decompression (a gzip file is decompressed
    once, in chunks, to know), truncated or corrupt gzip, and a DOCTYPE declaration.
    """
    gzipped = is_gzip(path)
    file_bytes = max(path.stat().st_size, 1)
    if not gzipped:
        if file_bytes > max_bytes:
            raise UserError(MSG_TOO_LARGE, size_mb=file_bytes // 2**20, limit_mb=max_bytes // 2**20)
        with path.open("rb") as handle:
            _check_prolog(handle.read(CHUNK_BYTES))
        return XesScan(gzipped=False, xml_bytes=file_bytes)
    stream, raw = _open_xml(path, gzipped)
    xml_bytes = 0
    try:
        with stream, raw:
            while chunk := stream.read(CHUNK_BYTES):
                if xml_bytes == 0:
                    _check_prolog(chunk)
                xml_bytes += len(chunk)
                if xml_bytes > max_bytes:
                    raise UserError(MSG_TOO_LARGE_UNPACKED, limit_mb=max_bytes // 2**20)
                if progress is not None:
                    progress(SCAN_SHARE * raw.tell() / file_bytes)
    except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
        raise UserError(MSG_TRUNCATED_GZIP) from exc
    return XesScan(gzipped=True, xml_bytes=xml_bytes)


def _rustxes_was_lossy(frame: pl.DataFrame) -> bool:
    """True when some text column holds what rustxes writes for values it cannot read."""
    text = [name for name, dtype in frame.schema.items() if dtype == pl.String]
    if not text:
        return False
    checks = frame.select(
        (pl.col(name).str.starts_with(_RUSTXES_LIST_PREFIX) | (pl.col(name) == _RUSTXES_NIL_UUID))
        .any()
        .alias(name)
        for name in text
    )
    return any(checks.row(0))


def read_xes_rustxes(path: Path) -> pl.DataFrame | None:
    """The raw frame read by rustxes, or None when rustxes cannot read the file faithfully.

    rustxes reports errors by panicking (``pyo3_runtime.PanicException``, a
    ``BaseException``); any of those means "try the streaming reader", which then either
    reads the file or says exactly where it is broken. So does a frame in which rustxes
    wrote placeholders for list, container or non-UUID id attributes, or left dates empty.
    """
    import rustxes

    try:
        frame, _log_attributes = rustxes.import_xes(str(path))
    except Exception:
        return None
    except BaseException as exc:
        if type(exc).__name__ != "PanicException":
            raise
        return None
    if _rustxes_was_lossy(frame):
        return None
    # rustxes leaves a date it cannot read empty; the streaming reader keeps its text, so that
    # the user is told which value is wrong rather than that it is missing.
    if TIME_KEY in frame.columns and frame.get_column(TIME_KEY).null_count():
        return None
    # rustxes hands back naive datetimes that are UTC instants, in nanoseconds.
    return frame.with_columns(
        pl.col(pl.Datetime).dt.replace_time_zone("UTC").dt.cast_time_unit("us")
    )


def _local(tag: Any) -> str:
    text = tag if isinstance(tag, str) else ""
    return text.rpartition("}")[2]


@dataclass
class _Columns:
    """Column-wise accumulation of rows whose keys vary from row to row."""

    values: dict[str, list[str | None]]
    types: dict[str, set[str]]
    rows: int = 0

    def add(self, row: dict[str, tuple[str, str | None]]) -> None:
        for key, (xes_type, value) in row.items():
            column = self.values.get(key)
            if column is None:
                column = self.values[key] = [None] * self.rows
                self.types[key] = set()
            column.append(value)
            self.types[key].add(xes_type)
        self.rows += 1
        for column in self.values.values():
            if len(column) < self.rows:
                column.append(None)


def _typed(values: list[str | None], xes_types: set[str]) -> pl.Series:
    """A column with the XES type of its values; text when the type varies between events."""
    text = pl.Series(values, dtype=pl.String)
    if len(xes_types) != 1:
        return text
    (xes_type,) = xes_types
    if xes_type == "int":
        return text.cast(pl.Int64, strict=False)
    if xes_type == "float":
        return text.cast(pl.Float64, strict=False)
    if xes_type == "boolean":
        return text.str.to_lowercase() == "true"
    if xes_type == "date":
        # xs:dateTime without an offset is read as UTC, as rustxes does.
        formats = detect_timestamp_formats(text)
        parsed = pl.select(parse_timestamps(pl.lit(text), formats, "UTC")).to_series()
        # A value that does not parse leaves the column as text, so that the timestamp
        # reader later names the value and the event.
        return text if parsed.null_count() > text.null_count() else parsed
    return text


def _clear(element: Any) -> None:
    element.clear(keep_tail=False)
    while element.getprevious() is not None:
        del element.getparent()[0]


class _XesHandler:
    """State of the streaming parse: the trace and event being read."""

    def __init__(self) -> None:
        self.columns = _Columns(values={}, types={})
        self.trace: dict[str, tuple[str, str | None]] | None = None
        self.event: dict[str, tuple[str, str | None]] | None = None
        self.trace_events: list[dict[str, tuple[str, str | None]]] = []
        #: Default values declared by <global scope="trace|event">, applied as rustxes does.
        self.defaults: dict[str, dict[str, tuple[str, str | None]]] = {"trace": {}, "event": {}}
        self.global_scope: str | None = None
        #: Columns some trace or event sets itself; a default nobody sets makes no column.
        self.explicit: set[str] = set()
        self.attribute_depth = 0
        self.depth = 0
        self.events = 0

    def start(self, tag: str, element: Any) -> None:
        self.depth += 1
        if self.depth == 1 and tag != "log":
            raise UserError(MSG_NOT_XES, root=tag)
        if tag in _ATTRIBUTE_TAGS:
            self.attribute_depth += 1
            target = self._target()
            # Nested (meta) attributes describe their parent attribute, not the event.
            if (
                self.attribute_depth == 1
                and target is not None
                and tag not in ("list", "container")
            ):
                key = element.get("key", "")
                target[key] = (tag, element.get("value"))
                if self.event is not None:
                    self.explicit.add(key)
                elif self.trace is not None:
                    self.explicit.add(f"case:{key}")
        elif tag == "trace":
            self.trace, self.trace_events = {}, []
        elif tag == "event" and self.trace is not None:
            self.event = {}
        elif tag == "global" and self.depth == 2:
            self.global_scope = element.get("scope", "event")

    def _target(self) -> dict[str, tuple[str, str | None]] | None:
        if self.event is not None:
            return self.event
        if self.trace is not None:
            return self.trace
        if self.global_scope is not None:
            return self.defaults.setdefault(self.global_scope, {})
        return None

    def end(self, tag: str, element: Any) -> None:
        self.depth -= 1
        if tag in _ATTRIBUTE_TAGS:
            self.attribute_depth -= 1
        elif tag == "event" and self.event is not None:
            self.trace_events.append(self.event)
            self.event = None
            self.events += 1
        elif tag == "trace" and self.trace is not None:
            trace = {**self.defaults["trace"], **self.trace}
            case = {f"case:{key}": value for key, value in trace.items()}
            for event in self.trace_events:
                self.columns.add({**case, **self.defaults["event"], **event})
            self.trace, self.trace_events = None, []
        elif tag == "global":
            self.global_scope = None
        if self.depth == 1:
            _clear(element)

    def frame(self) -> pl.DataFrame:
        columns = self.columns
        return pl.DataFrame(
            [
                _typed(values, columns.types[key]).alias(key)
                for key, values in columns.values.items()
                if key in self.explicit
            ]
        )


def read_xes_streaming(path: Path, gzipped: bool, progress: Progress | None = None) -> pl.DataFrame:
    """The raw frame read with lxml ``iterparse``, one trace in memory at a time.

    Raises :class:`UserError` with line and column for malformed XML, and for truncated gzip.
    """
    handler = _XesHandler()
    file_bytes = max(path.stat().st_size, 1)
    stream, raw = _open_xml(path, gzipped)
    try:
        with stream, raw:
            parser = etree.iterparse(
                stream,
                events=("start", "end"),
                resolve_entities=False,
                no_network=True,
                load_dtd=False,
                huge_tree=False,
                remove_comments=True,
                remove_pis=True,
            )
            for action, element in parser:
                tag = _local(element.tag)
                if action == "start":
                    handler.start(tag, element)
                    continue
                handler.end(tag, element)
                if (
                    progress is not None
                    and tag == "event"
                    and handler.events % PROGRESS_EVERY_EVENTS == 0
                ):
                    progress(SCAN_SHARE + (1 - SCAN_SHARE) * raw.tell() / file_bytes)
    except etree.XMLSyntaxError as exc:
        line, column = exc.position if exc.position else (0, 0)
        raise UserError(MSG_BROKEN_XML, line=line, column=column, detail=exc.msg) from exc
    except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
        raise UserError(MSG_TRUNCATED_GZIP) from exc
    return handler.frame()


def read_xes_raw(path: Path, max_bytes: int, progress: Progress | None = None) -> pl.DataFrame:
    """The raw frame of an XES file: scanned, then read by rustxes or the streaming reader."""
    scan = scan_xes(path, max_bytes, progress)
    frame = None
    # rustxes decides on decompression by the file name; a gzip file named otherwise (an
    # upload's temporary name) goes to the streaming reader.
    named_right = path.name.lower().endswith(".gz") == scan.gzipped
    if named_right:
        frame = read_xes_rustxes(path)
    if frame is None:
        frame = read_xes_streaming(path, scan.gzipped, progress)
    if progress is not None:
        progress(0.9)
    return frame
