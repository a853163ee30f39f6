"""A fast XES reader for the plain shape in which tools write XES, checked as it reads.

XES files are written by a handful of libraries (OpenXES, PM4Py, rustxes, Rust4PM) in one
plain shape: UTF-8, every attribute as ``<type key="..." value="..."/>`` with double quotes,
no comments, CDATA or processing instructions after the root. In that shape every ``<``
starts a tag and every ``"`` delimits a name or a value, so the file is a CSV whose lines end
at ``<`` and whose fields are separated by ``"``. Polars' CSV parser (Rust, both cores) splits
it into one row per tag, and vectorised expressions then check the structure and gather the
values: about four times less CPU than rustxes, which builds every attribute of every event
as an object and holds the GIL while it does.

The reader accepts only that shape, and checks it completely on the way (every row is a known
tag with the expected fields; events inside traces, traces and globals never nested in
themselves, nested attributes balanced and closed by their own type, the document closed by
``</log>``). Anything else, a DOCTYPE, a comment inside the log, a file cut off, an entity
that is not one of XML's five, another encoding, raises :class:`NotPlain`, and the caller
reads the file with the careful readers of :mod:`procesbank.mining.engine.xes`, whose
integrity scan (libxml2) refuses what must be refused and says where a file is broken. The
size limit is applied while the file is decompressed, so a gzip bomb stops early.

Where the optional C extension :mod:`_xesscan` is built (``setup.py``; Debian's gcc and
python3-dev), :mod:`.xesnative` reads instead: the C code does the same in one pass over the
bytes without the GIL (a state machine checks every tag, the characters: UTF-8, no control
character, only XML's entities, and the nesting) and keeps the wanted keys' values
dictionary-encoded, dates in the common ISO 8601 form as instants; about five times faster
than the Polars reading. It refuses at least what the Polars reading refuses; a plain file
with a column it does not decide itself (a date in another form, a key whose type varies)
is read again by Polars.

The frame is the one the streaming reader gives: events in file order, top-level attributes
only (nested meta attributes and list or container attributes left out), trace attributes
prefixed ``case:``, ``<global>`` defaults filled in for events that lack a key some event
sets, and each column typed by its XES type (text when the type varies). ``keys`` projects
it: only those event keys (and ``case:`` keys) are built, the rest of the file is checked but
not converted.
"""

from __future__ import annotations

import logging
import re
import threading
import zlib
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from queue import Queue

import numpy as np
import polars as pl

from procesbank.core.errors import UserError

logger = logging.getLogger(__name__)

#: Bytes inflated per step: the size limit is checked after each.
INFLATE_STEP = 16 * 1024 * 1024
#: Bytes of a gzip file read at a time.
COMPRESSED_STEP = 1024 * 1024
#: The prolog and the root's start tag must lie within the first this many bytes.
PROLOG_BYTES = 1024 * 1024
#: Fields per tag: ``<extension name=".." prefix=".." uri=".."/>`` has seven; a tag with more
#: is not in the plain shape (Polars then refuses the row and the careful reader runs).
FIELDS = 7
#: Nested attributes are matched open to close in Python; more than this many means a shape
#: the careful readers handle as well and this one gains nothing on.
MAX_NESTED_ROWS = 200_000

#: Up to this many keys, each key's rows are filtered out on their own; beyond, partitioned.
FEW_KEYS = 8

VALUE_TYPES = ("string", "date", "int", "float", "boolean", "id")
CONTAINER_TYPES = ("list", "container")

_XML_DECLARATION = re.compile(rb"<\?xml\s[^>]*?\?>")
_ENCODING = re.compile(rb"""encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_ROOT = re.compile(rb"""<log(?:\s+[A-Za-z_][\w.:-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*\s*>""")
_ENTITY = re.compile(r"&(#x[0-9A-Fa-f]+|#[0-9]+|lt|gt|amp|quot|apos);")
_PREDEFINED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}


class NotPlain(Exception):
    """The file is not in the plain shape; the careful readers must read it."""


#: The control characters XML 1.0 does not allow anywhere (tab, line feed and carriage return
#: it does). In UTF-8 these bytes stand only for themselves, never inside another character.
_NOT_XML = bytes(code for code in range(0x20) if code not in (0x9, 0xA, 0xD))


def _xml_characters_only(piece: bytes) -> bytes:
    """``piece``, if it holds no character XML forbids; else the careful readers must read the
    file (libxml2 then says where the character is, as for any other invalid XML). Deleting
    the forbidden bytes and comparing lengths costs about 12 ms per 16 MB."""
    if len(piece.translate(None, _NOT_XML)) != len(piece):
        raise NotPlain("a character XML does not allow")
    return piece


# Row kinds.
(
    OTHER,
    ATTRIBUTE,  # <string key=".." value="../>  (or ...">  opening nested attributes)
    CONTAINER,  # <list key="..">  /  <list key=".."/>
    CLOSE_ATTRIBUTE,  # </string>, </list> ...
    VALUES,  # <values>, </values>, <values/> inside a list
    EVENT,
    END_EVENT,
    TRACE,
    END_TRACE,
    GLOBAL,
    END_GLOBAL,
    HEADER,  # <extension .../>, <classifier .../>
    END_LOG,
) = range(13)


def _kind_of(head: str) -> int:
    """The kind of a row from its first field (the tag up to the first quote)."""
    text = head.strip()
    name, _, rest = text.partition(" ")
    if rest in ("key=",) and name in VALUE_TYPES:
        return ATTRIBUTE
    if rest == "key=" and name in CONTAINER_TYPES:
        return CONTAINER
    if not rest and name.startswith("/") and name[1:-1] in VALUE_TYPES + CONTAINER_TYPES:
        return CLOSE_ATTRIBUTE if name.endswith(">") else OTHER
    if text in ("values>", "/values>", "values/>"):
        return VALUES
    simple = {
        "event>": EVENT,
        "/event>": END_EVENT,
        "trace>": TRACE,
        "/trace>": END_TRACE,
        "global>": GLOBAL,
        "/global>": END_GLOBAL,
        "/log>": END_LOG,
    }
    if text in simple:
        return simple[text]
    if text == "global scope=":
        return GLOBAL
    if name in ("extension", "classifier") and rest.endswith("="):
        return HEADER
    return OTHER


Progress = Callable[[float], None]


def _xml_pieces(
    path: Path, max_bytes: int, characters: Callable[[bytes], bytes] | None = None
) -> Iterator[tuple[bytes, float]]:
    """The XML in pieces of at most ``INFLATE_STEP`` bytes, decompressed if gzip, each with
    the share of the file read so far; refused beyond ``max_bytes``. ``characters`` checks
    each piece (the native scanner checks the characters itself, in the same pass)."""
    check = _xml_characters_only if characters is None else characters
    from procesbank.mining.engine.xes import (
        GZIP_MAGIC,
        MSG_TOO_LARGE_UNPACKED,
        MSG_TRUNCATED_GZIP,
    )

    size = max(path.stat().st_size, 1)
    with path.open("rb") as raw:
        gzipped = raw.read(2) == GZIP_MAGIC
        raw.seek(0)
        if not gzipped:
            _refuse_too_large(size, max_bytes)
            while piece := raw.read(INFLATE_STEP):
                yield check(piece), raw.tell() / size
            return
        inflater = zlib.decompressobj(wbits=31)
        total = 0
        try:
            while compressed := raw.read(COMPRESSED_STEP):
                pending = compressed
                while pending:
                    # At most INFLATE_STEP out of each call, so a gzip bomb stops early.
                    part = inflater.decompress(pending, INFLATE_STEP)
                    pending = inflater.unconsumed_tail
                    if inflater.eof and inflater.unused_data:
                        # Another gzip member follows (concatenated gzip files are valid).
                        pending = inflater.unused_data
                        inflater = zlib.decompressobj(wbits=31)
                    total += len(part)
                    if total > max_bytes:
                        raise UserError(MSG_TOO_LARGE_UNPACKED, limit_mb=max_bytes // 2**20)
                    if part:
                        yield check(part), raw.tell() / size
        except zlib.error as exc:
            raise UserError(MSG_TRUNCATED_GZIP) from exc
        if not inflater.eof:
            raise UserError(MSG_TRUNCATED_GZIP)


def _refuse_too_large(size: int, max_bytes: int) -> None:
    from procesbank.mining.engine.xes import MSG_TOO_LARGE

    if size > max_bytes:
        raise UserError(MSG_TOO_LARGE, size_mb=size // 2**20, limit_mb=max_bytes // 2**20)


def _prefetched(items: Iterator[tuple[bytes, float]]) -> Iterator[tuple[bytes, float]]:
    """The same items, produced by a thread one step ahead: zlib inflates without the GIL
    while Polars parses the piece before."""
    queue: Queue[tuple[bytes, float] | BaseException | None] = Queue(maxsize=2)
    stop = threading.Event()

    def produce() -> None:
        try:
            for item in items:
                if stop.is_set():
                    return
                queue.put(item)
            queue.put(None)
        except BaseException as exc:  # handed to the reading thread, which raises it
            queue.put(exc)

    worker = threading.Thread(target=produce, daemon=True)
    worker.start()
    try:
        while (item := queue.get()) is not None:
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        while worker.is_alive():
            # Unblock a producer waiting on a full queue.
            while not queue.empty():
                queue.get_nowait()
            worker.join(timeout=0.05)


def _body_start(data: bytes) -> int:
    """Where the rows begin: just after the ``<`` that follows the root's start tag. The
    prolog before the root must be plain (declaration, comments, whitespace) and declare no
    other encoding than UTF-8. A DOCTYPE is not plain."""
    position = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    declaration = _XML_DECLARATION.match(data, position)
    if declaration:
        encoding = _ENCODING.search(declaration.group())
        if encoding and encoding.group(1).lower() not in (b"utf-8", b"utf8"):
            raise NotPlain("encoding")
        position = declaration.end()
    while True:
        while position < len(data) and data[position] in b" \t\r\n":
            position += 1
        if data.startswith(b"<!--", position):
            end = data.find(b"-->", position + 4)
            if end < 0:
                raise NotPlain("comment")
            position = end + 3
            continue
        break
    root = _ROOT.match(data, position)
    if root is None:
        raise NotPlain("root")
    start = data.find(b"<", root.end())
    if start < 0 or data[root.end() : start].strip():
        raise NotPlain("text after root")
    return start + 1


def _tag_chunks(pieces: Iterator[tuple[bytes, float]]) -> Iterator[tuple[bytes, float]]:
    """The body in chunks of whole tags: each chunk holds the text after one ``<`` up to the
    ``<`` that the next chunk follows."""
    buffer = b""
    for piece, _fraction in pieces:
        buffer += piece
        if len(buffer) >= PROLOG_BYTES:
            break
    carry = buffer[_body_start(buffer) :]
    for piece, fraction in pieces:
        buffer = carry + piece
        cut = buffer.rfind(b"<")
        if cut < 0:
            carry = buffer
            continue
        yield buffer[:cut], fraction
        carry = buffer[cut + 1 :]
    yield carry, 1.0


def _rows(body: bytes) -> pl.DataFrame:
    """One row per tag: the fields between its double quotes, as text."""
    names = [f"f{i}" for i in range(FIELDS)]
    try:
        return pl.read_csv(
            body,
            has_header=False,
            separator='"',
            eol_char="<",
            quote_char=None,
            schema=dict.fromkeys(names, pl.String),
            truncate_ragged_lines=False,
            missing_columns="insert",
            low_memory=False,
        )
    except pl.exceptions.PolarsError as exc:
        # Too many attributes in a tag, or bytes that are not UTF-8.
        raise NotPlain(str(exc).splitlines()[0]) from exc


def _codes(column: pl.Series, code_of: Callable[[str], int]) -> pl.Series:
    """Small integer codes of a text column with few distinct values (tag heads, closings),
    decided once per distinct value. Through a dictionary encoding and a lookup table: a
    hash replacement of the text costs three times as much."""
    encoded = column.cast(pl.Categorical)
    distinct = encoded.unique().drop_nulls()
    physical = distinct.to_physical().to_numpy()
    table = np.zeros(int(physical.max()) + 2 if physical.size else 1, dtype=np.int8)
    table[physical] = [code_of(text) for text in distinct.cast(pl.String).to_list()]
    # Nulls (a missing field) get the last slot, which stays 0.
    codes = encoded.to_physical().fill_null(table.size - 1).to_numpy()
    return pl.Series(column.name, table[codes])


def _closing_code(text: str) -> int:
    """1 for ``/>`` (self-closing), 2 for ``>`` (opening), 3 for `` value=``; else 0."""
    if text == " value=":
        return 3
    return {"/>": 1, ">": 2}.get(text.strip(), 0)


def _checked_shape(rows: pl.DataFrame, state: _State) -> pl.DataFrame:
    """Per row of one chunk its kind, the event/trace/global it is in and its attribute
    nesting level (carried over from the chunks before in ``state``); raise
    :class:`NotPlain` when the rows do not continue a plain, well-formed XES document.

    Every check compares small integer codes: the few distinct tag heads and closings are
    decided once each in Python, not per row.
    """
    kind = _codes(rows.get_column("f0"), _kind_of).alias("kind")
    is_attribute = kind == ATTRIBUTE
    closing = rows.get_column("f4")
    # The distinct closings of attribute tags: "/>" or ">" and whitespace, nothing else.
    closings = closing.filter(is_attribute).unique().to_list()
    if any(text is None or _closing_code(text) not in (1, 2) for text in closings):
        raise NotPlain("attribute closing")
    k = pl.col("kind")
    present = pl.DataFrame([kind, *(rows.get_column(f).is_not_null() for f in ("f1", "f3", "f5"))])
    problems = present.select(
        (k == OTHER).any().alias("unknown"),
        (((k == ATTRIBUTE) & ~pl.col("f1")) | ((k != HEADER) & pl.col("f5"))).any().alias("fields"),
        (k.is_in([CONTAINER, GLOBAL]) & pl.col("f3")).any().alias("container fields"),
        (
            k.is_in([CLOSE_ATTRIBUTE, VALUES, EVENT, END_EVENT, TRACE, END_TRACE, END_LOG])
            & pl.col("f1")
        )
        .any()
        .alias("extra"),
    ).row(0, named=True)
    problems["value"] = bool((is_attribute & (rows.get_column("f2") != " value=")).any())
    if any(problems.values()):
        raise NotPlain(", ".join(name for name, bad in problems.items() if bad))
    containers_open = _check_few(rows, kind)
    opens = (is_attribute & closing.str.starts_with(">")).fill_null(False).alias("opens")
    if containers_open is not None:
        opens = opens | containers_open
    nest = opens.cast(pl.Int32) - (kind == CLOSE_ATTRIBUTE).cast(pl.Int32)

    def running(up: int, down: int, start: int) -> pl.Expr:
        step = (k == up).cast(pl.Int32) - (k == down).cast(pl.Int32)
        return step.cum_sum() + start

    shape = pl.DataFrame(
        [kind, rows.get_column("f0").alias("head"), rows.get_column("f1"),
         rows.get_column("f3"), opens, nest.alias("nest")]
    ).select(
        "kind",
        "head",
        "f1",
        "f3",
        "opens",
        running(EVENT, END_EVENT, state.in_event).alias("in_event"),
        running(TRACE, END_TRACE, state.in_trace).alias("in_trace"),
        running(GLOBAL, END_GLOBAL, state.in_global).alias("in_global"),
        (pl.col("nest").cum_sum() - pl.col("nest") + state.level).alias("level"),
        ((k == EVENT).cum_sum().cast(pl.Int64) - 1 + state.events).alias("event"),
        ((k == TRACE).cum_sum().cast(pl.Int64) - 1 + state.traces).alias("trace"),
        "nest",
    )  # fmt: skip
    _check_nesting(shape, state)
    return shape


def _check_few(rows: pl.DataFrame, kind: pl.Series) -> pl.Series | None:
    """Rows there are few of (globals, extensions, classifiers, lists and containers),
    checked one by one. Returns which rows open a list or container (None: there are none)."""
    few = rows.filter(kind.is_in([GLOBAL, HEADER]))
    for row in few.iter_rows():
        head = row[0].strip()
        fields = [field for field in row if field is not None]
        if head == "global scope=":
            if row[1] not in ("trace", "event") or (row[2] or "").strip() != ">":
                raise NotPlain("global")
        elif head != "global>" and (len(fields) % 2 == 0 or fields[-1].strip() != "/>"):
            raise NotPlain("header")
    is_container = kind == CONTAINER
    if not is_container.any():
        return None
    closing = rows.get_column("f2").filter(is_container).to_list()
    if any(text is None or _closing_code(text) not in (1, 2) for text in closing):
        raise NotPlain("container")
    return (is_container & rows.get_column("f2").str.starts_with(">")).fill_null(False)


def _check_nesting(shape: pl.DataFrame, state: _State) -> None:
    """Events inside traces, nothing nested in itself, headers and globals outside traces,
    the end of the log last; then carry the counters over to the next chunk."""
    kind = pl.col("kind")
    in_event, in_trace, in_global, level = (
        pl.col("in_event"),
        pl.col("in_trace"),
        pl.col("in_global"),
        pl.col("level"),
    )
    outside = (in_event == 0) & (in_trace == 0) & (in_global == 0) & (level == 0)
    bad = shape.select(
        (~in_event.is_between(0, 1) | ~in_trace.is_between(0, 1) | ~in_global.is_between(0, 1))
        .any()
        .alias("counters"),
        (level < 0).any().alias("level"),
        ((kind == EVENT) & ((in_trace != 1) | (in_global != 0) | (level != 0))).any().alias("e"),
        ((kind == END_EVENT) & (level != 0)).any().alias("ee"),
        ((kind == TRACE) & ((in_event != 0) | (in_global != 0) | (level != 0))).any().alias("t"),
        ((kind == END_TRACE) & ((in_event != 0) | (level != 0))).any().alias("et"),
        ((kind == GLOBAL) & ((in_trace != 0) | (level != 0))).any().alias("g"),
        ((kind == END_GLOBAL) & (level != 0)).any().alias("eg"),
        ((kind == HEADER) & ~outside).any().alias("h"),
        ((kind == VALUES) & (level < 1)).any().alias("v"),
        ((kind == END_LOG).sum() > int(shape.get_column("kind")[-1] == END_LOG)).alias("end"),
    ).row(0, named=True)
    if state.ended and shape.height:
        bad["after end"] = True
    if any(bad.values()):
        raise NotPlain(", ".join(name for name, wrong in bad.items() if wrong))
    last = shape.row(shape.height - 1, named=True)
    state.in_event, state.in_trace, state.in_global = (
        last["in_event"],
        last["in_trace"],
        last["in_global"],
    )
    state.level = last["level"] + last["nest"]
    state.events = last["event"] + 1
    state.traces = last["trace"] + 1
    if last["kind"] == END_LOG:
        if state.in_event or state.in_trace or state.in_global or state.level:
            raise NotPlain("end")
        state.ended = True
    _check_nested_types(shape, state.stack)


def _check_nested_types(shape: pl.DataFrame, stack: list[str]) -> None:
    """Each nested attribute is closed by an end tag of its own type (``<string ...>`` by
    ``</string>``), matched in order with a stack (kept from chunk to chunk): there are few
    such rows."""
    nested = shape.filter(pl.col("opens") | (pl.col("kind") == CLOSE_ATTRIBUTE))
    if nested.height > MAX_NESTED_ROWS:
        raise NotPlain("many nested attributes")
    for opens, head in nested.select("opens", "head").iter_rows():
        name = head.strip().split(" ")[0]
        if opens:
            stack.append(name)
        elif not stack or stack.pop() != name.strip("/>"):
            raise NotPlain("nested attribute closed by another type")


def _unescape(text: str) -> str:
    """XML's five entities and character references replaced; whitespace normalised as an
    XML parser does in attribute values."""

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if not name.startswith("#"):
            return _PREDEFINED[name]
        code = int(name[2:], 16) if name.startswith("#x") else int(name[1:])
        if not (code in (0x9, 0xA, 0xD) or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0x10FFFF):
            raise NotPlain("character reference")
        return chr(code)

    text = text.replace("\r\n", " ").replace("\r", " ").replace("\n", " ").replace("\t", " ")
    if "&" in _ENTITY.sub("", text):
        raise NotPlain("entity")
    return _ENTITY.sub(replace, text)


def _unescaped(values: pl.Series) -> pl.Series:
    special = values.str.contains(r"[&\t\r\n]")
    if not special.any():
        return values
    mapping = {value: _unescape(value) for value in values.filter(special).unique().to_list()}
    return values.replace(mapping)


def _typed(text: pl.Series, xes_types: set[str]) -> pl.Series:
    from procesbank.mining.engine.xes import typed_column

    return typed_column(text, xes_types)


def _by_key(chosen: pl.DataFrame, keys: list[str]) -> dict[str, pl.DataFrame]:
    """The rows of each key: a filter per key for a few keys (a projection), one partition by
    a numbered key for many."""
    column = chosen.get_column("key")
    if len(keys) <= FEW_KEYS:
        return {key: chosen.filter(column == key) for key in keys}
    number = {key: position for position, key in enumerate(keys)}
    codes = column.replace_strict(number, default=-1, return_dtype=pl.Int32)
    parts = chosen.with_columns(codes.alias("code")).partition_by(
        "code", as_dict=True, maintain_order=True, include_key=False
    )
    return {key: parts[(number[key],)] for key in keys}


def _columns(
    chosen: pl.DataFrame, count: int, defaults: dict[str, tuple[str, str]], prefix: str
) -> dict[str, pl.Series]:
    """One column per attribute key of a scope (events or traces) from its rows (``owner``,
    ``head``, ``key``, ``value``): ``count`` rows, defaults filled in, typed."""
    raw_keys = chosen.get_column("key")
    names = {raw: _unescape(raw) for raw in raw_keys.unique(maintain_order=True).to_list()}
    parts = _by_key(chosen, list(names))
    columns = {}
    for raw, name in names.items():
        part = parts[raw]
        # The last value of a key repeated in one element wins, as in a dict.
        position = np.full(count, part.height, dtype=np.int64)
        position[part.get_column("owner").to_numpy()] = np.arange(part.height)
        values = _unescaped(part.get_column("value").fill_null(""))
        column = values.append(pl.Series([None], dtype=pl.String)).gather(position)
        types = {head.strip().split(" ")[0] for head in part.get_column("head").unique().to_list()}
        if name in defaults and column.null_count():
            xes_type, default = defaults[name]
            column = column.fill_null(default)
            types.add(xes_type)
        columns[f"{prefix}{name}"] = _typed(column, types).alias(f"{prefix}{name}")
    return columns


@dataclass
class _State:
    """What the chunks read so far leave open, and what they found."""

    in_event: int = 0
    in_trace: int = 0
    in_global: int = 0
    level: int = 0
    events: int = 0
    traces: int = 0
    ended: bool = False
    stack: list[str] = field(default_factory=list)
    global_scope: str = "event"
    defaults: dict[str, dict[str, tuple[str, str]]] = field(
        default_factory=lambda: {"trace": {}, "event": {}}
    )
    event_rows: list[pl.DataFrame] = field(default_factory=list)
    trace_rows: list[pl.DataFrame] = field(default_factory=list)
    trace_of_event: list[pl.Series] = field(default_factory=list)


def _collect_defaults(shape: pl.DataFrame, state: _State) -> None:
    """``<global scope="trace|event">`` defaults: key -> (XES type, value)."""
    rows = shape.filter(
        ((pl.col("in_global") == 1) & (pl.col("level") == 0))
        & pl.col("kind").is_in([GLOBAL, ATTRIBUTE])
    )
    for kind, key, value, head in rows.select("kind", "f1", "f3", "head").iter_rows():
        if kind == GLOBAL:
            state.global_scope = key or "event"
        else:
            xes_type = head.strip().split(" ")[0]
            state.defaults[state.global_scope][_unescape(key)] = (
                xes_type,
                _unescape(value or ""),
            )


def _read_chunk(chunk: bytes, state: _State, keys: set[str] | None) -> None:
    """Check one chunk of tags and keep the top-level attributes of its events and traces
    (those in ``keys``, trace keys prefixed ``case:``; all when None)."""
    rows = _rows(chunk)
    if rows.height == 0:
        return
    shape = _checked_shape(rows, state)
    del rows
    _collect_defaults(shape, state)
    top = (pl.col("kind") == ATTRIBUTE) & (pl.col("level") == 0)
    for scope, where, owner, prefix in (
        (state.event_rows, pl.col("in_event") == 1, "event", ""),
        (state.trace_rows, (pl.col("in_trace") == 1) & (pl.col("in_event") == 0), "trace", "case:"),
    ):
        condition = top & where
        if keys is not None:
            wanted = [key.removeprefix(prefix) for key in keys if key.startswith(prefix)]
            if prefix == "":
                wanted = [key for key in keys if not key.startswith("case:")]
            condition = condition & pl.col("f1").is_in(wanted)
        scope.append(
            shape.filter(condition).select(
                pl.col(owner).alias("owner"),
                "head",
                pl.col("f1").alias("key"),
                pl.col("f3").alias("value"),
            )
        )
    state.trace_of_event.append(shape.filter(pl.col("kind") == EVENT).get_column("trace"))


def read_plain_xes(
    path: Path,
    max_bytes: int,
    keys: Collection[str] | None = None,
    progress: Progress | None = None,
) -> pl.DataFrame:
    """The raw frame of a plain XES file (see the module docstring), or :class:`NotPlain`.

    ``keys``: the event attributes to build (trace attributes are asked for with their
    ``case:`` prefix); all when None. Raises :class:`UserError` for a file over the size
    limit or a broken gzip stream. The file is read in chunks as it is decompressed, so the
    XML is never in memory whole. The native scanner reads it when it is built; a file it
    leaves to Polars (an unusual date, a key whose type varies) is read again by Polars.
    """
    from procesbank.mining.engine import xesnative

    if xesnative.built():
        try:
            return xesnative.read_native(path, max_bytes, keys, progress)
        except xesnative.ForPolars as exc:
            logger.debug("%s: Polars reads it (%s)", path.name, exc)
    else:
        _log_missing_scanner()
    return _read_polars(path, max_bytes, keys, progress)


_missing_logged = False


def _log_missing_scanner() -> None:
    global _missing_logged
    if not _missing_logged:
        _missing_logged = True
        logger.info("The native XES scanner is not built (no C compiler at install); Polars reads")


def _read_polars(
    path: Path,
    max_bytes: int,
    keys: Collection[str] | None = None,
    progress: Progress | None = None,
) -> pl.DataFrame:
    """The Polars reader (see the module docstring)."""
    state = _State()
    wanted = None if keys is None else set(keys)
    for chunk, fraction in _tag_chunks(_prefetched(_xml_pieces(path, max_bytes))):
        _read_chunk(chunk, state, wanted)
        if progress is not None:
            progress(0.8 * fraction)
    if not state.ended:
        raise NotPlain("no </log>")
    if state.events == 0:
        raise NotPlain("no events")
    event_columns = _columns(pl.concat(state.event_rows), state.events, state.defaults["event"], "")
    trace_columns = _columns(
        pl.concat(state.trace_rows), state.traces, state.defaults["trace"], "case:"
    )
    position = pl.concat(state.trace_of_event).to_numpy()
    for name, column in trace_columns.items():
        event_columns[name] = column.gather(position)
    return pl.DataFrame(list(event_columns.values()))
