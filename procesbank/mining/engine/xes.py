"""Read XES event logs (IEEE 1849, ``.xes`` or gzip-compressed ``.xes.gz``) into a raw frame.

The raw frame has one row per event in file order, the event's attributes under their XES keys
(``concept:name``, ``time:timestamp`` ...) and its trace's attributes prefixed ``case:``, as
PM4Py names them. :mod:`procesbank.mining.engine.eventlog` turns it into the normalised log.

Three readers produce it. The first that can read a file does:

* :mod:`procesbank.mining.engine.xesfast`, for files in the plain shape that XES libraries
  write (nearly all): Polars' CSV parser splits the XML at ``<`` and ``"``, and vectorised
  checks accept the file only when it is plain, well-formed XES throughout; anything else
  (a DOCTYPE, a comment inside the log, a file cut off) goes on to the two below, with the
  integrity scan described further down in front of them. It reads about twice as fast as
  rustxes and can read only the attributes asked for.

* rustxes (a Rust XES parser returning Polars frames), fast; it drops nested (meta)
  attributes, keeps the value of the outer one, fills in the defaults that ``<global>``
  declares, and reads dates without an offset as UTC.
* a streaming lxml reader (``iterparse``, entities unresolved, no network, every finished
  element cleared so memory holds one trace at a time, never the whole tree) that gives the
  same frame. It is used when rustxes fails on a file (it then says where the file is
  broken), and when rustxes wrote placeholders: rustxes 0.2 renders list and container
  attributes as debug text and an ``id`` that is no UUID as the nil UUID. It keeps
  top-level attributes only; list and container attributes are left out. rustxes reports a
  file it cannot read by panicking, and Rust prints a panic (with a backtrace when
  ``RUST_BACKTRACE`` is set) on the process's stderr; that report is caught at the file
  descriptor and logged at debug level, since the streaming reader then says what is wrong.

Before either reader sees a file, it is checked: its size after decompression against a limit
(a gzip file is decompressed once in chunks, so a gzip bomb stops early and a truncated
download fails with a clear message), and the absence of a DOCTYPE (XES needs none; a DTD is
how entity expansion and external-entity attacks get in, so it is refused outright). The
DOCTYPE is looked for by libxml2 itself (:class:`procesbank.core.safexml.DoctypeProbe`), over
the whole file: a byte scan of the prolog was fooled by a ``<log`` inside a comment and by a
comment longer than the bytes it read, and rustxes accepts a DOCTYPE even inside ``<log>``. A
file that the probe finds not well-formed goes to the streaming reader, which says where. It
costs a C-speed parse, about 2.5 s per 100 MB. The scan
also looks at how the XML ends: a file that does not close its ``<log>`` was cut off (an
interrupted download or export). rustxes would read such a file up to the cut without a word,
as a shorter or even empty log, so it goes to the streaming reader, which names the line and
byte where the file stops.
"""

from __future__ import annotations

import gzip
import logging
import os
import re
import sys
import tempfile
import threading
import zlib
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, cast

import polars as pl
from lxml import etree

from procesbank.core.errors import UserError, gettext_noop
from procesbank.core.safexml import DoctypeFound, DoctypeProbe, describe
from procesbank.mining.engine import xesfast
from procesbank.mining.engine.timestamps import (
    detect_timestamp_formats,
    iso_layout,
    parse_timestamps,
)

logger = logging.getLogger(__name__)

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
#: How rustxes 0.2 renders what it cannot represent: list and container attributes as Rust
#: debug text, and an ``id`` that is no UUID as the nil UUID.
_RUSTXES_LIST_PREFIX = "[Attribute {"
_RUSTXES_NIL_UUID = "00000000-0000-0000-0000-000000000000"
#: Bytes at the end of a file in which its closing ``</log>`` is looked for.
TAIL_BYTES = 64 * 1024
#: The end tag of the root element, with or without a namespace prefix.
_LOG_END_TAG = re.compile(rb"</(?:[A-Za-z_][\w.-]*:)?log\s*>\Z")
#: libxml2's code for "Premature end of data in tag": the input ended inside an element.
_XML_ERR_TAG_NOT_FINISHED = 77

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
MSG_TRUNCATED_XML = gettext_noop(
    "XES-filen er afkortet: den stopper midt i loggen i linje %(line)d, efter %(size)d byte, "
    "uden det afsluttende </log>. Hent eller eksportér filen igen."
)
MSG_EMPTY_FILE = gettext_noop("XES-filen er tom.")
MSG_NOT_XES = gettext_noop(
    "Filen er ikke en XES-hændelseslog: rodelementet er <%(root)s> og ikke <log>."
)


@dataclass(frozen=True)
class XesScan:
    """What the integrity scan learnt about a file."""

    gzipped: bool
    #: Size of the XML after decompression, in bytes.
    xml_bytes: int
    #: The XML closes its root element: the file was not cut off.
    complete: bool = True
    #: libxml2 parsed the whole XML without an error (and found no DOCTYPE).
    well_formed: bool = True


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


def ends_complete(tail: bytes) -> bool:
    """True when the last bytes of an XML document close its ``<log>`` root element, followed
    only by what XML allows after the root: whitespace, comments, processing instructions."""
    end = tail.rstrip()
    # Peel trailing comments and instructions from the end (linear: no backtracking regex).
    while end.endswith((b"-->", b"?>")):
        start = end.rfind(b"<!--" if end.endswith(b"-->") else b"<?")
        if start < 0:
            return False
        end = end[:start].rstrip()
    return _LOG_END_TAG.search(end[-256:]) is not None


def scan_xes(path: Path, max_bytes: int, progress: Progress | None = None) -> XesScan:
    """Check a file before it is parsed; raise :class:`UserError` if it must not be.

    Refuses files larger than ``max_bytes`` after decompression (a gzip file is decompressed
    once, in chunks, to know), truncated or corrupt gzip, and a DOCTYPE declaration wherever it
    stands; notes whether the XML ends by closing its root (see :func:`ends_complete`) and
    whether libxml2 found it well-formed.
    """
    gzipped = is_gzip(path)
    file_bytes = max(path.stat().st_size, 1)
    if not gzipped and file_bytes > max_bytes:
        raise UserError(MSG_TOO_LARGE, size_mb=file_bytes // 2**20, limit_mb=max_bytes // 2**20)
    probe = DoctypeProbe()
    stream, raw = _open_xml(path, gzipped)
    xml_bytes = 0
    tail = b""
    try:
        with stream, raw:
            while chunk := stream.read(CHUNK_BYTES):
                xml_bytes += len(chunk)
                tail = (tail + chunk[-TAIL_BYTES:])[-TAIL_BYTES:]
                if xml_bytes > max_bytes:
                    raise UserError(MSG_TOO_LARGE_UNPACKED, limit_mb=max_bytes // 2**20)
                probe.feed(chunk)
                if progress is not None:
                    progress(SCAN_SHARE * raw.tell() / file_bytes)
            probe.close()
    except DoctypeFound:
        raise UserError(MSG_DOCTYPE) from None
    except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
        raise UserError(MSG_TRUNCATED_GZIP) from exc
    if not tail.strip():
        raise UserError(MSG_EMPTY_FILE)
    complete = ends_complete(tail)
    if probe.error is not None and complete:
        # Broken inside a file that was not cut off: libxml2's full parse says where. (The
        # streaming reader, with entities unresolved, reports an undefined one at line 0.)
        raise _xml_error(probe.error, path, gzipped, complete)
    return XesScan(
        gzipped=gzipped,
        xml_bytes=xml_bytes,
        complete=complete,
        well_formed=probe.well_formed,
    )


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


_STDERR_LOCK = threading.Lock()


@contextmanager
def _stderr_captured() -> Iterator[list[bytes]]:
    """Send what is written to the process's stderr (file descriptor 2, where Rust prints)
    to a temporary file while the block runs; the list yielded receives it afterwards.

    A lock keeps two threads from swapping the descriptor at once. What other threads write
    meanwhile is captured too; the caller writes it back unless it drops rustxes' report.
    """
    with _STDERR_LOCK, tempfile.TemporaryFile() as sink:
        captured: list[bytes] = []
        sys.stderr.flush()
        saved = os.dup(2)
        os.dup2(sink.fileno(), 2)
        try:
            yield captured
        finally:
            sys.stderr.flush()
            os.dup2(saved, 2)
            os.close(saved)
            sink.seek(0)
            captured.append(sink.read())


def _import_rustxes(path: Path) -> tuple[pl.DataFrame | None, str, bytes]:
    """rustxes' frame (None when it failed), why it failed, and what it wrote to stderr."""
    import rustxes

    with _stderr_captured() as captured:
        try:
            frame, _log_attributes = rustxes.import_xes(str(path))
        except Exception as exc:
            frame, failure = None, str(exc)
        except BaseException as exc:
            # rustxes reports errors by panicking: pyo3's PanicException is a BaseException.
            if type(exc).__name__ != "PanicException":
                raise
            frame, failure = None, str(exc)
        else:
            failure = ""
    return frame, failure, b"".join(captured)


def read_xes_rustxes(path: Path) -> pl.DataFrame | None:
    """The raw frame read by rustxes, or None when rustxes cannot read the file faithfully.

    Any error (rustxes panics) means "try the streaming reader", which then either reads the
    file or says exactly where it is broken. So does a frame in which rustxes wrote
    placeholders for list, container or non-UUID id attributes, or left dates empty. What
    rustxes printed on stderr is logged at debug level when its frame is not used (it is
    the noise of a failure the streaming reader explains) and written back otherwise.
    """
    frame, failure, printed = _import_rustxes(path)
    if frame is None:
        reason = failure.splitlines()[0] if failure else "error"
    elif _rustxes_was_lossy(frame):
        reason = "placeholders for list, container or id attributes"
    # rustxes leaves a date it cannot read empty; the streaming reader keeps its text, so that
    # the user is told which value is wrong rather than that it is missing.
    elif TIME_KEY in frame.columns and frame.get_column(TIME_KEY).null_count():
        reason = "unreadable dates"
    else:
        reason = ""
    if reason:
        # Debug level: falling back is routine, and the streaming reader reports real errors.
        logger.debug("rustxes did not read %s (%s); the streaming reader does", path.name, reason)
        if printed:
            logger.debug("rustxes wrote: %s", printed.decode(errors="replace"))
        return None
    if printed:
        os.write(2, printed)
    assert frame is not None
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
    return typed_column(pl.Series(values, dtype=pl.String), xes_types)


def typed_column(text: pl.Series, xes_types: set[str]) -> pl.Series:
    """Text values as a column of their XES type; text when the type varies between events."""
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
        if not formats:
            # No value reads as a date: text, as below (reading with no format gives one
            # null, not a column).
            return text
        layout = iso_layout(text, formats, "UTC")
        if layout is not None:
            # The fixed-width reading, about ten times faster; checked on a sample against
            # the general one, and every value it misses is read the general way.
            fast = pl.select(layout.expr(pl.lit(text), "UTC")).to_series()
            if fast.null_count() == text.null_count():
                return fast
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


def _lines_and_bytes(path: Path, gzipped: bool) -> tuple[int, int]:
    """Lines and bytes of the XML (decompressed), read again in chunks."""
    lines, size = 1, 0
    stream, raw = _open_xml(path, gzipped)
    with stream, raw:
        while chunk := stream.read(CHUNK_BYTES):
            lines += chunk.count(b"\n")
            size += len(chunk)
    return lines, size


def _xml_error(exc: etree.XMLSyntaxError, path: Path, gzipped: bool, complete: bool) -> UserError:
    """Say where the XML is broken; a file that ends inside an open element was cut off."""
    line, column = exc.position if exc.position else (0, 0)
    if not complete:
        last_line, size = _lines_and_bytes(path, gzipped)
        if exc.code == _XML_ERR_TAG_NOT_FINISHED or line >= last_line:
            return UserError(MSG_TRUNCATED_XML, line=last_line, size=size)
    return UserError(MSG_BROKEN_XML, line=line, column=column, detail=describe(exc))


def read_xes_streaming(
    path: Path, gzipped: bool, progress: Progress | None = None, *, complete: bool = True
) -> pl.DataFrame:
    """The raw frame read with lxml ``iterparse``, one trace in memory at a time.

    Raises :class:`UserError` with line and column for malformed XML, with the last line and
    the size for a file that is cut off (``complete`` False: the scan found no closing
    ``</log>``), and for truncated gzip.
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
        raise _xml_error(exc, path, gzipped, complete) from exc
    except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
        raise UserError(MSG_TRUNCATED_GZIP) from exc
    return handler.frame()


def read_xes_raw(
    path: Path,
    max_bytes: int,
    progress: Progress | None = None,
    keys: Collection[str] | None = None,
) -> pl.DataFrame:
    """The raw frame of an XES file: read by the plain-shape reader when the file is in that
    shape (it checks the shape completely), else scanned, then read by rustxes or the
    streaming reader. ``keys`` limits the columns to those attributes (all when None)."""
    try:
        plain = xesfast.read_plain_xes(path, max_bytes, keys, progress)
    except xesfast.NotPlain as exc:
        logger.debug("%s is not plain XES (%s); the careful readers read it", path.name, exc)
    else:
        if progress is not None:
            progress(0.9)
        return plain
    scan = scan_xes(path, max_bytes, progress)
    frame = None
    # rustxes decides on decompression by the file name; a gzip file named otherwise (an
    # upload's temporary name) goes to the streaming reader, as does a file that was cut off
    # or is otherwise not well-formed (rustxes reads some such files without a word).
    named_right = path.name.lower().endswith(".gz") == scan.gzipped
    if named_right and scan.complete and scan.well_formed:
        frame = read_xes_rustxes(path)
    if frame is None:
        frame = read_xes_streaming(path, scan.gzipped, progress, complete=scan.complete)
    if keys is not None:
        frame = frame.select(name for name in frame.columns if name in set(keys))
    if progress is not None:
        progress(0.9)
    return frame
