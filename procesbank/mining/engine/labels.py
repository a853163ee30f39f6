"""What names an activity: the log's own activity column (XES ``concept:name``, the CSV
column chosen at import), another event attribute (BPIC15's readable ``activityNameEN``
beside codes like ``01_HOOFD_010``), or the name with its lifecycle transition. Every figure
follows, because the relabelled log is a log like any other."""

from __future__ import annotations

import polars as pl

from procesbank.mining.engine.normalise import (
    ACTIVITY,
    CASE_ID,
    CORE_COLUMNS,
    LIFECYCLE,
    RESOURCE,
)

#: The choice that names an activity by its own name and its lifecycle ("A (start)").
WITH_LIFECYCLE = "+lifecycle"
#: An attribute with more distinct values than this is an identifier, not a name.
MAX_NAMES = 5000
#: An attribute offered as a filter has at most this many values (a list one can pick from).
MAX_FILTER_VALUES = 200
#: Between an attribute and its value in a filter choice ("case:kommune=Gribskov").
ATTRIBUTE_SEPARATOR = "="


def activity_attributes(log: pl.DataFrame) -> list[str]:
    """Event attributes that can name activities: text columns other than the core ones and
    the case attributes, with 2 to :data:`MAX_NAMES` distinct values; then
    :data:`WITH_LIFECYCLE` when the log has more than one lifecycle transition."""
    choices = [
        column
        for column, dtype in log.schema.items()
        if column not in CORE_COLUMNS
        and not column.startswith("case:")
        and dtype == pl.String
        and 1 < log.get_column(column).n_unique() <= MAX_NAMES
    ]
    if LIFECYCLE in log.columns and log.get_column(LIFECYCLE).n_unique() > 1:
        choices.append(WITH_LIFECYCLE)
    return choices


def _is_event_text(log: pl.DataFrame, attribute: str) -> bool:
    """Whether ``attribute`` is a text column of the events (not a core or case column): the
    schema's answer, which costs nothing. Which of them are worth offering is
    :func:`activity_attributes`' question, a scan of every value (a second on two million
    events), asked once per log by the caller rather than on every relabelling."""
    return (
        attribute not in CORE_COLUMNS
        and not attribute.startswith("case:")
        and log.schema.get(attribute) == pl.String
    )


def relabel(log: pl.DataFrame, attribute: str) -> pl.DataFrame:
    """The log with its activities named by ``attribute`` (one of
    :func:`activity_attributes`); an event without a value keeps its own name. Raises
    ``ValueError`` for an attribute that is no text attribute of the events."""
    if attribute == WITH_LIFECYCLE:
        if LIFECYCLE not in log.columns:
            raise ValueError("the log has no lifecycle column")
    elif not _is_event_text(log, attribute):
        raise ValueError(f"not an activity attribute: {attribute!r}")
    own = pl.col(ACTIVITY).cast(pl.String)
    if attribute == WITH_LIFECYCLE:
        name = (
            pl.when(pl.col(LIFECYCLE).is_null())
            .then(own)
            .otherwise(pl.concat_str(own, pl.lit(" ("), pl.col(LIFECYCLE), pl.lit(")")))
        )
    else:
        name = pl.coalesce(pl.col(attribute), own)
    return log.with_columns(name.cast(pl.Categorical).alias(ACTIVITY))


def resource_attributes(log: pl.DataFrame) -> list[str]:
    """Event attributes that can name who did an event instead of the log's own resource
    column (XES ``org:resource``, the CSV column mapped as resource): ``org:group`` beside the
    person, BPIC15's ``monitoringResource``. The same text columns as
    :func:`activity_attributes` (a name per event, 2 to :data:`MAX_NAMES` values)."""
    return [key for key in activity_attributes(log) if key != WITH_LIFECYCLE]


def with_resource(log: pl.DataFrame, attribute: str) -> pl.DataFrame:
    """The log with its resources taken from ``attribute`` (one of
    :func:`resource_attributes`): every figure and filter by resource follows. An event
    without a value has no resource. Raises ``ValueError`` for an attribute that is no text
    attribute of the events."""
    if not _is_event_text(log, attribute):
        raise ValueError(f"not a resource attribute: {attribute!r}")
    return log.with_columns(pl.col(attribute).cast(pl.String).alias(RESOURCE))


def case_attributes(log: pl.DataFrame) -> list[tuple[str, int]]:
    """The case attributes found in the log, by name, with their number of distinct values
    (missing values not counted): the ``case:...`` columns of an XES file; in a file that
    marks none (a CSV), any other column whose value never changes within a case."""
    declared = [column for column in log.columns if column.startswith("case:")]
    # Where the file marks its case attributes, an unmarked column is an event's, even one
    # that happens to be constant (BPIC15's rare dateStop).
    others = [] if declared else [c for c in log.columns if c not in CORE_COLUMNS]
    constant: list[str] = []
    if others and log.height:
        # One pass over the cases for all candidates: at most one value per case.
        most = log.group_by(CASE_ID).agg(pl.col(others).drop_nulls().n_unique()).max()
        constant = [column for column in others if most.get_column(column)[0] <= 1]
    found = [
        (column, log.get_column(column).drop_nulls().n_unique())
        for column in [*declared, *constant]
    ]
    # An attribute no case has is no attribute the user can look at.
    return sorted(
        ((column, count) for column, count in found if count), key=lambda item: item[0].lower()
    )


def resources(log: pl.DataFrame) -> list[str]:
    """The log's resources, sorted; empty when it has none (or only one: nothing to choose)."""
    if RESOURCE not in log.columns:
        return []
    values = log.get_column(RESOURCE).drop_nulls().unique().sort().to_list()
    return values if len(values) > 1 else []


def filter_attributes(log: pl.DataFrame) -> dict[str, list[str]]:
    """Attributes a user can filter cases by, with their sorted values: text columns other
    than the core ones with 2 to :data:`MAX_FILTER_VALUES` values, case attributes
    (``case:...``) first. A case matches a value when any of its events has it, which for a
    case attribute is the case's own value."""
    found: dict[str, list[str]] = {}
    columns = sorted(
        (column for column, dtype in log.schema.items() if dtype == pl.String),
        key=lambda column: (not column.startswith("case:"), column),
    )
    for column in columns:
        if not column or column in CORE_COLUMNS or ATTRIBUTE_SEPARATOR in column:
            continue
        series = log.get_column(column)
        distinct = series.n_unique()
        # A value per event (a row number, an event id) is an identifier, not a property.
        if 1 < distinct <= MAX_FILTER_VALUES + 1 and distinct * 2 <= log.height:
            values = series.drop_nulls().unique().sort().to_list()
            if 1 < len(values) <= MAX_FILTER_VALUES:
                found[column] = values
    return found


def filter_choices(
    log: pl.DataFrame, resource_key: str = ""
) -> tuple[list[str], dict[str, list[str]]]:
    """The log's :func:`resources` (named by ``resource_key`` when it is one of its
    :func:`resource_attributes`) and :func:`filter_attributes`: what the filter form offers."""
    if resource_key and resource_key in resource_attributes(log):
        log = with_resource(log, resource_key)
    return resources(log), filter_attributes(log)
