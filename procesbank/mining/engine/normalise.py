"""The normalised event log: one Polars frame, whatever file it came from.

The normalised log has one row per event and these columns:

========================  ================================================================
``case_id``               String: the case (sag) the event belongs to
``activity``              Categorical (string values): what happened
``timestamp``             Datetime("us", "UTC"): when it happened (completed)
``start_timestamp``       Datetime("us", "UTC"), only when mapped: when it started
``resource``              String, when present: who did it
``lifecycle``             String, when present: XES lifecycle transition
(other attributes)        the file's other columns, in name order, under their own names (one
                          whose name clashes with the names here gets ``_raw`` appended)
``event_index``           UInt32, last: the event's position in the file, from 0
========================  ================================================================

Activities are dictionary encoded because discovery groups by them, and variants are lists of
their codes; case ids are not, since a log has millions of them and a dictionary would only
grow. Encoding resources too cost more at import (0.4 s of CPU on 5 million events) than it
saved in the one table that groups by them.

Order. Events are grouped by case, cases in the order of their first event in the file; within
a case they are ordered by timestamp, and events with the same timestamp keep their file order
(``event_index``), as PM4Py does. PM4Py instead puts cases in case-id order; no figure depends
on the order of cases, and first appearance avoids a sort on text, the most expensive step of
an import.

Lifecycle. By default every event counts, whatever its lifecycle transition, as PM4Py does by
default; ``complete_only=True`` keeps events whose transition is ``complete`` (in any case)
and events without one.

:func:`normalise` turns a raw frame in file order (from any reader of
:mod:`procesbank.mining.engine.eventlog`) into that log. Errors a user can fix raise
:class:`~procesbank.core.errors.UserError` with a Danish message that says what is wrong and
where (row, line, value, column).
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np
import polars as pl

from procesbank.core.errors import UserError, gettext_noop
from procesbank.mining.engine.timestamps import (
    DEFAULT_TIME_ZONE,
    IsoLayout,
    describe_formats,
    detect_timestamp_formats,
    iso_layout,
    parse_timestamps,
)

CASE_ID = "case_id"
ACTIVITY = "activity"
TIMESTAMP = "timestamp"
START_TIMESTAMP = "start_timestamp"
RESOURCE = "resource"
LIFECYCLE = "lifecycle"
EVENT_INDEX = "event_index"
CORE_COLUMNS = (CASE_ID, ACTIVITY, TIMESTAMP, START_TIMESTAMP, RESOURCE, LIFECYCLE, EVENT_INDEX)

#: Rows sampled to detect a timestamp format.
FORMAT_SAMPLE_ROWS = 2000

MSG_EMPTY = gettext_noop("Hændelsesloggen er tom: filen indeholder ingen hændelser.")
MSG_NO_COMPLETE = gettext_noop(
    "Ingen hændelser har livscyklus 'complete', så der er intet tilbage at analysere."
)
MSG_MISSING_COLUMN = gettext_noop(
    "Kolonnen '%(column)s' findes ikke i filen. Filens kolonner er: %(columns)s."
)
MSG_MISSING_VALUE_ROW = gettext_noop("Række %(row)d mangler en værdi i kolonnen '%(column)s'.")
MSG_MISSING_VALUE_EVENT = gettext_noop(
    "Hændelse nr. %(row)d i filen mangler en værdi for '%(column)s'."
)
MSG_BAD_TIMESTAMP_ROW = gettext_noop(
    "Tidspunktet '%(value)s' i række %(row)d (kolonnen '%(column)s') kan ikke læses. "
    "Forventet format: %(format)s."
)
MSG_BAD_TIMESTAMP_EVENT = gettext_noop(
    "Tidspunktet '%(value)s' i hændelse nr. %(row)d (attributten '%(column)s') kan ikke "
    "læses. Forventet format: %(format)s."
)
MSG_NONEXISTENT_TIME_ROW = gettext_noop(
    "Tidspunktet '%(value)s' i række %(row)d findes ikke i tidszonen %(zone)s: det ligger i "
    "den time, der springes over ved skift til sommertid."
)
MSG_UNKNOWN_FORMAT = gettext_noop(
    "Tidspunkterne i kolonnen '%(column)s' har et format, der ikke genkendes (fx "
    "'%(value)s' i række %(row)d). Angiv formatet."
)
MSG_UNKNOWN_FORMAT_EVENT = gettext_noop(
    "Tidspunkterne i attributten '%(column)s' har et format, der ikke genkendes (fx "
    "'%(value)s' i hændelse nr. %(row)d)."
)
MSG_BAD_TYPE = gettext_noop(
    "Kolonnen '%(column)s' skal indeholde tidspunkter, men indeholder %(dtype)s."
)


@dataclass(frozen=True)
class ColumnMapping:
    """Which source column holds each part of an event (names as in the file)."""

    case_id: str
    activity: str
    timestamp: str
    start_timestamp: str | None = None
    resource: str | None = None
    lifecycle: str | None = None

    def roles(self) -> dict[str, str]:
        """Normalised column name -> source column, for the roles that are mapped."""
        return {f.name: value for f in fields(self) if (value := getattr(self, f.name))}


#: The standard XES keys; resource and lifecycle are used when the log has them.
XES_MAPPING = ColumnMapping(
    case_id="case:concept:name",
    activity="concept:name",
    timestamp="time:timestamp",
    resource="org:resource",
    lifecycle="lifecycle:transition",
)

_OPTIONAL_ROLES = (START_TIMESTAMP, RESOURCE, LIFECYCLE)


@dataclass(frozen=True)
class _Source:
    """Where rows come from, for messages: CSV rows count from the header line as row 1."""

    is_csv: bool

    def row(self, event_index: int) -> int:
        return event_index + 2 if self.is_csv else event_index + 1


def _check_columns(
    mapping: ColumnMapping, columns: list[str], optional_may_miss: bool
) -> ColumnMapping:
    """The mapping, less optional roles the file lacks when ``optional_may_miss``."""
    present = {}
    for role, column in mapping.roles().items():
        if column in columns:
            present[role] = column
        elif not (optional_may_miss and role in _OPTIONAL_ROLES):
            raise UserError(MSG_MISSING_COLUMN, column=column, columns=", ".join(columns))
    return ColumnMapping(**present)


@dataclass(frozen=True)
class _TimePlan:
    """How each text timestamp column is read: its formats, and the fixed-width ISO layout
    for columns that qualify for the fast path."""

    formats: dict[str, tuple[str, ...]]
    layouts: dict[str, IsoLayout]

    def general(self) -> _TimePlan:
        """The same formats without the fast path, for a column that strays from its layout."""
        return _TimePlan(self.formats, {})


def _time_expr(column: str, dtype: pl.DataType, plan: _TimePlan, naive_time_zone: str) -> pl.Expr:
    expr = pl.col(column)
    if dtype == pl.String:
        layout = plan.layouts.get(column)
        if layout is not None:
            return layout.expr(expr, naive_time_zone)
        return parse_timestamps(expr, plan.formats.get(column, ()), naive_time_zone)
    if isinstance(dtype, pl.Datetime):
        if dtype.time_zone is None:
            expr = expr.dt.replace_time_zone(
                naive_time_zone, ambiguous="earliest", non_existent="null"
            )
        return expr.dt.convert_time_zone("UTC").dt.cast_time_unit("us")
    if dtype == pl.Date:
        return (
            expr.cast(pl.Datetime("us"))
            .dt.replace_time_zone(naive_time_zone, ambiguous="earliest", non_existent="null")
            .dt.convert_time_zone("UTC")
        )
    raise UserError(MSG_BAD_TYPE, column=column, dtype=str(dtype))


def _selection(
    schema: pl.Schema,
    mapping: ColumnMapping,
    plan: _TimePlan,
    naive_time_zone: str,
    keep_other: bool = True,
) -> list[pl.Expr]:
    roles = mapping.roles()
    selection = [pl.col(roles[CASE_ID]).cast(pl.String).alias(CASE_ID)]
    # Dictionary-encoded while reading: the text column is never held whole.
    activity = pl.col(roles[ACTIVITY]).cast(pl.String).cast(pl.Categorical)
    selection.append(activity.alias(ACTIVITY))
    for role in (TIMESTAMP, START_TIMESTAMP):
        if role in roles:
            column = roles[role]
            expr = _time_expr(column, schema[column], plan, naive_time_zone)
            selection.append(expr.alias(role))
    for role in (RESOURCE, LIFECYCLE):
        if role in roles:
            selection.append(pl.col(roles[role]).cast(pl.String).alias(role))
    if not keep_other:
        return [*selection, pl.col(EVENT_INDEX)]
    mapped = set(roles.values())
    # Name order: rustxes returns attributes in no fixed order, and a log should not change
    # shape with the reader that read it.
    for column in sorted(schema.names()):
        if column in mapped or column == EVENT_INDEX:
            continue
        name = f"{column}_raw" if column in CORE_COLUMNS else column
        selection.append(pl.col(column).alias(name))
    selection.append(pl.col(EVENT_INDEX))
    return selection


def complete_filter() -> pl.Expr:
    """True for events whose lifecycle transition is ``complete`` (any case) or missing."""
    lifecycle = pl.col(LIFECYCLE).cast(pl.String)
    return lifecycle.is_null() | (lifecycle.str.to_lowercase() == "complete")


def sort_events(frame: pl.DataFrame) -> pl.DataFrame:
    """Cases in order of first appearance, events by timestamp, ties in file order.

    Rows in file order are grouped by a 64-bit hash of the case id, groups in order of first
    appearance, rows within a group in file order (sorting text is several times slower, and
    this is a third of a two-key sort's work). Exports list each case's events in time order,
    so that is usually the answer; a case whose events are not, or a hash collision that
    merged two cases, is detected afterwards and sorted by :func:`_lexsorted`.
    """
    return _sorted_columns(frame.get_columns())


def _sorted_columns(columns: list[pl.Series]) -> pl.DataFrame:
    """:func:`sort_events` of the frame made of ``columns`` (in any number of chunks), which
    it empties: each column is put in order (one chunk) and its unsorted self let go before
    the next, so that a caller holding no other reference never holds the log twice (on 5
    million events a third less peak memory than sorting the whole frame at once)."""
    unsorted = {column.name: column for column in columns}
    names = list(unsorted)
    columns.clear()
    if not unsorted[EVENT_INDEX].is_sorted():
        return _lexsorted(_frame(list(unsorted.values())).rechunk())
    by_case = (
        pl.DataFrame([unsorted[CASE_ID]])
        .lazy()
        .select(pl.int_range(pl.len(), dtype=pl.UInt32).alias("row"), pl.col(CASE_ID).hash())
        .group_by(CASE_ID, maintain_order=True)
        .agg("row")
        .collect()
    )
    rows = by_case.get_column("row").explode()
    # The order is checked on the case ids and timestamps before the other columns move.
    ordered = {name: unsorted[name].rechunk().gather(rows) for name in (CASE_ID, TIMESTAMP)}
    new_case = pl.col(CASE_ID) != pl.col(CASE_ID).shift(1)
    check = (
        pl.DataFrame(list(ordered.values()))
        .select(
            ((pl.col(TIMESTAMP).diff() >= pl.duration()) | new_case).all().alias("in_time"),
            new_case.sum().alias("cases"),
        )
        .row(0, named=True)
    )
    if not check["in_time"] or check["cases"] + 1 != by_case.height:
        return _lexsorted(_frame(list(unsorted.values())).rechunk())
    for name in names:
        column = unsorted.pop(name)
        if name not in ordered:
            ordered[name] = column.rechunk().gather(rows)
        del column
    return _frame([ordered[name] for name in names])


def _frame(columns: list[pl.Series]) -> pl.DataFrame:
    """The columns as a frame under their own names (Polars renames a column named "")."""
    frame = pl.DataFrame(columns)
    frame.columns = [column.name for column in columns]
    return frame


def _lexsorted(frame: pl.DataFrame) -> pl.DataFrame:
    """:func:`sort_events` for any input: cases keyed by their first event index under a
    64-bit hash of the case id, a collision detected afterwards and answered with the exact,
    slower key; numpy's stable lexsort on integers, which on two cores beat Polars'
    multi-key sort by half."""
    key = frame.select(pl.col(EVENT_INDEX).min().over(pl.col(CASE_ID).hash())).to_series()
    columns = [key.to_numpy(), frame.get_column(TIMESTAMP).to_physical().to_numpy()]
    if not frame.get_column(EVENT_INDEX).is_sorted():
        # A stable sort keeps ties in input order; only input out of file order needs the
        # file position as a third key.
        columns.append(frame.get_column(EVENT_INDEX).to_numpy())
    order = np.lexsort(columns[::-1])
    ordered = frame[order]
    key = key.gather(order)
    case = ordered.get_column(CASE_ID)
    if not ((key == key.shift(1)) & (case != case.shift(1))).any():
        return ordered
    exact = pl.col(EVENT_INDEX).min().over(CASE_ID)
    return frame.sort(exact, TIMESTAMP, EVENT_INDEX)


def _unread(frame: pl.DataFrame, raw: pl.LazyFrame, role: str, column: str) -> pl.DataFrame:
    """(event_index, value) of events whose ``column`` has a value that did not parse."""
    if role not in frame.columns or frame.get_column(role).null_count() == 0:
        return pl.DataFrame(schema={EVENT_INDEX: pl.UInt32, "value": pl.String})
    nulls = frame.filter(pl.col(role).is_null()).select(EVENT_INDEX)
    values = raw.select(EVENT_INDEX, pl.col(column).cast(pl.String).alias("value"))
    return (
        nulls.lazy()
        .join(values, on=EVENT_INDEX)
        .filter(pl.col("value").is_not_null() & (pl.col("value") != ""))
        .sort(EVENT_INDEX)
        .collect()
    )


def _fail_on_nulls(
    frame: pl.DataFrame,
    raw: pl.LazyFrame,
    mapping: ColumnMapping,
    formats: dict[str, tuple[str, ...]],
    source: _Source,
    naive_time_zone: str,
) -> None:
    """Raise for the first event that lacks a case, activity or timestamp, or whose timestamp
    cannot be read. A missing start timestamp is allowed: the event is then instantaneous."""
    roles = mapping.roles()
    for role in (CASE_ID, ACTIVITY, TIMESTAMP):
        if frame.get_column(role).null_count() == 0:
            continue
        index = frame.filter(pl.col(role).is_null()).get_column(EVENT_INDEX).min()
        value = raw.filter(pl.col(EVENT_INDEX) == index).select(roles[role]).collect().item()
        if value is None or value == "":
            message = MSG_MISSING_VALUE_ROW if source.is_csv else MSG_MISSING_VALUE_EVENT
            raise UserError(message, row=source.row(int(index)), column=roles[role])  # type: ignore[arg-type]
    for role in (TIMESTAMP, START_TIMESTAMP):
        if role not in roles:
            continue
        column = roles[role]
        unread = _unread(frame, raw, role, column)
        if unread.height == 0:
            continue
        index, value = unread.row(0)
        row = source.row(index)
        column_formats = formats.get(column, ())
        in_utc = pl.select(parse_timestamps(pl.lit(value), column_formats, "UTC")).item()
        if in_utc is not None and source.is_csv:
            raise UserError(MSG_NONEXISTENT_TIME_ROW, value=value, row=row, zone=naive_time_zone)
        message = MSG_BAD_TIMESTAMP_ROW if source.is_csv else MSG_BAD_TIMESTAMP_EVENT
        raise UserError(
            message, value=value, row=row, column=column, format=describe_formats(column_formats)
        )


def _text_time_columns(schema: pl.Schema, mapping: ColumnMapping) -> list[tuple[str, str]]:
    roles = mapping.roles()
    return [
        (role, roles[role])
        for role in (TIMESTAMP, START_TIMESTAMP)
        if role in roles and schema[roles[role]] == pl.String
    ]


def _time_sample(raw: pl.LazyFrame, column: str) -> pl.DataFrame:
    """(event_index, value) of the first present values; the head is read first, since a
    full scan for a sample would cost as much as the import."""
    present = pl.col(column).is_not_null() & (pl.col(column) != "")
    query = raw.select(EVENT_INDEX, column)
    sample = query.head(FORMAT_SAMPLE_ROWS * 10).filter(present).head(FORMAT_SAMPLE_ROWS)
    found = sample.collect()
    if found.height == 0:
        found = query.filter(present).head(FORMAT_SAMPLE_ROWS).collect()
    return found


def _plan_times(
    raw: pl.LazyFrame,
    schema: pl.Schema,
    mapping: ColumnMapping,
    source: _Source,
    given: tuple[str, ...] | None,
    naive_time_zone: str,
) -> _TimePlan:
    """Formats (given, or detected on a sample) and fast layouts of the text time columns."""
    formats, layouts = {}, {}
    for _role, column in _text_time_columns(schema, mapping):
        sample = _time_sample(raw, column)
        values = sample.get_column(column)
        found = given or detect_timestamp_formats(values)
        if not found and sample.height:
            # Name the first value no candidate reads, so the user sees what is meant.
            for index, value in sample.iter_rows():
                if not detect_timestamp_formats(pl.Series([value])):
                    message = MSG_UNKNOWN_FORMAT if source.is_csv else MSG_UNKNOWN_FORMAT_EVENT
                    raise UserError(message, column=column, value=value, row=source.row(index))
        formats[column] = found
        layout = iso_layout(values, found, naive_time_zone)
        if layout is not None:
            layouts[column] = layout
    return _TimePlan(formats, layouts)


def _more_formats(
    frame: pl.DataFrame,
    raw: pl.LazyFrame,
    schema: pl.Schema,
    mapping: ColumnMapping,
    formats: dict[str, tuple[str, ...]],
) -> dict[str, tuple[str, ...]] | None:
    """Formats extended to read values the sample did not show (a file whose format changes
    midway), or None when there is nothing more to read."""
    extended = dict(formats)
    for role, column in _text_time_columns(schema, mapping):
        unread = _unread(frame, raw, role, column)
        more = detect_timestamp_formats(unread.get_column("value")) if unread.height else ()
        new = tuple(f for f in more if f not in formats[column])
        if new:
            extended[column] = formats[column] + new
    return extended if extended != formats else None


def _has_time_nulls(frame: pl.DataFrame) -> bool:
    return any(
        frame.get_column(role).null_count()
        for role in (TIMESTAMP, START_TIMESTAMP)
        if role in frame.columns
    )


def normalise(
    raw: pl.LazyFrame | pl.DataFrame,
    mapping: ColumnMapping,
    *,
    complete_only: bool = False,
    timestamp_formats: tuple[str, ...] | None = None,
    naive_time_zone: str = DEFAULT_TIME_ZONE,
    optional_may_miss: bool = False,
    is_csv: bool = False,
    indexed: bool = False,
    keep_other: bool = True,
) -> pl.DataFrame:
    """The normalised, sorted log (see the module docstring) from a raw frame in file order.

    ``timestamp_formats`` (chrono syntax) is used for text timestamps; detected when None.
    ``naive_time_zone`` is the IANA zone of timestamps without an offset. With
    ``optional_may_miss`` a start timestamp, resource or lifecycle column that the frame lacks
    is left out instead of refused. ``indexed``: ``raw`` already numbers its rows from 0 in an
    ``event_index`` column (the CSV reader does it while parsing, more cheaply).
    ``keep_other`` False leaves out the attributes that are not mapped (a lazy source then
    does not even convert them).
    """
    lazy = raw.lazy()
    if not indexed:
        if EVENT_INDEX in lazy.collect_schema().names():
            # A file that has the name already (a saved log exported and imported again)
            # keeps its column under another name; positions are this file's.
            lazy = lazy.rename({EVENT_INDEX: f"{EVENT_INDEX}_raw"})
        lazy = lazy.with_row_index(EVENT_INDEX)
    schema = lazy.collect_schema()
    source = _Source(is_csv=is_csv)
    columns = [column for column in schema.names() if column != EVENT_INDEX]
    mapping = _check_columns(mapping, columns, optional_may_miss)
    plan = _plan_times(lazy, schema, mapping, source, timestamp_formats, naive_time_zone)

    def collect(plan: _TimePlan) -> pl.DataFrame:
        query = lazy.select(_selection(schema, mapping, plan, naive_time_zone, keep_other))
        # In many chunks: the sort below makes each column one chunk as it moves it.
        return query.collect(engine="streaming")

    frame = collect(plan)
    if frame.height == 0:
        raise UserError(MSG_EMPTY)
    if _has_time_nulls(frame) and plan.layouts:
        plan = plan.general()
        frame = collect(plan)
    if _has_time_nulls(frame) and timestamp_formats is None:
        extended = _more_formats(frame, lazy, schema, mapping, plan.formats)
        if extended is not None:
            plan = _TimePlan(extended, {})
            frame = collect(plan)
    formats = plan.formats
    _fail_on_nulls(frame, lazy, mapping, formats, source, naive_time_zone)
    if complete_only and LIFECYCLE in frame.columns:
        frame = frame.filter(complete_filter())
        if frame.height == 0:
            raise UserError(MSG_NO_COMPLETE)
    unsorted = frame.get_columns()
    del frame  # the sort lets each unsorted column go once its sorted copy is made
    return _sorted_columns(unsorted)
