"""Per-case views of a normalised event log, shared by discovery and filters.

A normalised log is sorted with each case's events together, so a case is a run of rows and a
dense case number is a run-length id: no hashing of case ids is needed to group by case.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from procesbank.mining.engine.normalise import ACTIVITY, CASE_ID, START_TIMESTAMP, TIMESTAMP

#: Column holding the dense case number (0, 1, 2 ... in log order).
CASE = "_case"
#: Column of :func:`per_case` (with ``keyed``) holding a case's variant as one value that
#: groups, joins and sorts as its sequence of activity names does: the names' lexicographic
#: ranks as bytes (Binary) in a log of at most 256 activities, else as a list of ranks.
KEY = "key"
MICROSECONDS = 1_000_000.0
#: Largest dictionary code looked up through a table (4 MB at most); Polars' codes are
#: process-wide, so a long-running worker may have handed out more.
MAX_TABLE_CODE = 2**20


def seconds(expr: pl.Expr) -> pl.Expr:
    """A duration expression in seconds, as float."""
    return expr.dt.total_microseconds().cast(pl.Float64) / MICROSECONDS


def event_start(log: pl.DataFrame) -> pl.Expr:
    """When each event started: its start timestamp if known, else its completion."""
    if START_TIMESTAMP in log.columns:
        return pl.coalesce(START_TIMESTAMP, TIMESTAMP)
    return pl.col(TIMESTAMP)


def numbered_cases(log: pl.DataFrame) -> pl.LazyFrame:
    """The log with a dense case number: cases are contiguous runs in a sorted log. A log
    numbered already (by a caller asking for several figures) keeps its numbers."""
    if CASE in log.columns:
        return log.lazy()
    return log.lazy().with_columns(pl.col(CASE_ID).rle_id().set_sorted().alias(CASE))


def per_case(log: pl.DataFrame, *, keyed: bool = False) -> pl.LazyFrame:
    """One row per case, in log order: its activity codes in order, first start, last
    completion; with ``keyed`` also its variant as one comparable value (:data:`KEY`)."""
    if START_TIMESTAMP in log.columns:
        start = pl.coalesce(START_TIMESTAMP, TIMESTAMP).min()
    else:
        # Events are in time order within a case: the first is the earliest.
        start = pl.col(TIMESTAMP).first()
    figures = [
        pl.col(CASE_ID).first(),
        pl.col(ACTIVITY).to_physical().alias("codes"),
        start.alias("start"),
        pl.col(TIMESTAMP).last().alias("end"),
    ]
    cases = numbered_cases(log)
    if keyed:
        ranks = activity_ranks(log, activity_names(log))
        key = pl.col(KEY).cast(pl.Binary) if ranks.dtype == pl.UInt8 else pl.col(KEY)
        cases = cases.with_columns(ranks.alias(KEY))
        figures.append(pl.col(KEY))
        return cases.group_by(CASE, maintain_order=True).agg(figures).with_columns(key)
    return cases.group_by(CASE, maintain_order=True).agg(figures)


def activity_names(log: pl.DataFrame) -> pl.DataFrame:
    """The log's activities in lexicographic order: ``rank``, dictionary ``code``, name."""
    names = log.select(pl.col(ACTIVITY).unique())
    return (
        names.select(pl.col(ACTIVITY).to_physical().alias("code"), pl.col(ACTIVITY).cast(pl.String))
        .sort(ACTIVITY)
        .with_row_index("rank")
    )


def activity_ranks(log: pl.DataFrame, names: pl.DataFrame) -> pl.Series:
    """Each event's activity as its lexicographic rank in ``names`` (:func:`activity_names`),
    in the smallest unsigned integer type that holds them all."""
    count = names.height
    dtype, numpy_dtype = (
        (pl.UInt8, np.uint8)
        if count <= 2**8
        else (pl.UInt16, np.uint16)
        if count <= 2**16
        else (pl.UInt32, np.uint32)
    )
    codes = log.get_column(ACTIVITY).to_physical()
    code_of_rank = names.get_column("code")
    top = int(code_of_rank.max() or 0)  # type: ignore[arg-type]
    if top > MAX_TABLE_CODE or codes.null_count():
        return codes.replace_strict(code_of_rank, names.get_column("rank"), return_dtype=dtype)
    # A table indexed by code: a tenth of the cost of looking each code up in a hash map.
    table = np.zeros(top + 1, dtype=numpy_dtype)
    table[code_of_rank.to_numpy()] = names.get_column("rank").to_numpy()
    return pl.Series(table[codes.to_numpy()], dtype=dtype)


def ranked_variants(log: pl.DataFrame, cases: pl.LazyFrame) -> pl.DataFrame:
    """Variants in rank order: ``position`` (0 = most frequent), ``key`` (as in
    ``per_case(log, keyed=True)``, which ``cases`` must be), ``ranks`` (the list of
    lexicographic ranks of its activities), cases, share and lead times."""
    lead_time = seconds(pl.col("end") - pl.col("start"))
    per_variant = (
        cases.group_by(KEY)
        .agg(
            pl.len().cast(pl.Int64).alias("cases"),
            lead_time.mean().alias("mean_seconds"),
            lead_time.median().alias("median_seconds"),
        )
        .with_columns((pl.col("cases") / pl.col("cases").sum()).alias("share"))
        # The key sorts as the lists of names would: bytes or lists of lexicographic ranks.
        .sort(["cases", KEY], descending=True)
        .with_row_index("position")
        .collect()
    )
    key = pl.col(KEY)
    ranks = key.cast(pl.List(pl.UInt8)) if per_variant.schema[KEY] == pl.Binary else key
    return per_variant.with_columns(ranks.alias("ranks"))
