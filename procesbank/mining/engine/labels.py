"""What names an activity: the log's own activity column (XES ``concept:name``, the CSV
column chosen at import), another event attribute (BPIC15's readable ``activityNameEN``
beside codes like ``01_HOOFD_010``), or the name with its lifecycle transition. Every figure
follows, because the relabelled log is a log like any other."""

from __future__ import annotations

import polars as pl

from procesbank.mining.engine.normalise import ACTIVITY, CORE_COLUMNS, LIFECYCLE

#: The choice that names an activity by its own name and its lifecycle ("A (start)").
WITH_LIFECYCLE = "+lifecycle"
#: An attribute with more distinct values than this is an identifier, not a name.
MAX_NAMES = 5000


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


def relabel(log: pl.DataFrame, attribute: str) -> pl.DataFrame:
    """The log with its activities named by ``attribute`` (one of
    :func:`activity_attributes`); an event without a value keeps its own name. Raises
    ``ValueError`` for any other attribute."""
    if attribute not in activity_attributes(log):
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
