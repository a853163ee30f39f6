"""Per-case views of a normalised event log, shared by discovery and filters.

A normalised log is sorted with each case's events together, so a case is a run of rows and a
dense case number is a run-length id: no hashing of case ids is needed to group by case.
"""

from __future__ import annotations

import polars as pl

from procesbank.mining.engine.normalise import ACTIVITY, CASE_ID, START_TIMESTAMP, TIMESTAMP

#: Column holding the dense case number (0, 1, 2 ... in log order).
CASE = "_case"
MICROSECONDS = 1_000_000.0


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


def per_case(log: pl.DataFrame) -> pl.LazyFrame:
    """One row per case, in log order: its activity codes in order, first start, last
    completion."""
    if START_TIMESTAMP in log.columns:
        start = pl.coalesce(START_TIMESTAMP, TIMESTAMP).min()
    else:
        # Events are in time order within a case: the first is the earliest.
        start = pl.col(TIMESTAMP).first()
    return (
        numbered_cases(log)
        .group_by(CASE, maintain_order=True)
        .agg(
            pl.col(CASE_ID).first(),
            pl.col(ACTIVITY).to_physical().alias("codes"),
            start.alias("start"),
            pl.col(TIMESTAMP).last().alias("end"),
        )
    )


def activity_names(log: pl.DataFrame) -> pl.DataFrame:
    """The log's activities in lexicographic order: ``rank``, dictionary ``code``, name."""
    names = log.select(pl.col(ACTIVITY).unique())
    return (
        names.select(pl.col(ACTIVITY).to_physical().alias("code"), pl.col(ACTIVITY).cast(pl.String))
        .sort(ACTIVITY)
        .with_row_index("rank")
    )


def ranked_variants(log: pl.DataFrame, cases: pl.LazyFrame) -> pl.DataFrame:
    """Variants in rank order: ``position`` (0 = most frequent), ``codes`` (dictionary codes
    as in ``per_case``), ``ranks`` (lexicographic ranks), cases, share and lead times."""
    lead_time = seconds(pl.col("end") - pl.col("start"))
    per_variant = (
        cases.group_by("codes")
        .agg(
            pl.len().cast(pl.Int64).alias("cases"),
            lead_time.mean().alias("mean_seconds"),
            lead_time.median().alias("median_seconds"),
        )
        .with_columns((pl.col("cases") / pl.col("cases").sum()).alias("share"))
        .collect()
    )
    names = activity_names(log)
    # Lists of lexicographic ranks sort as the lists of names would, at a fraction of the cost.
    to_rank = dict(zip(names.get_column("code"), names.get_column("rank"), strict=True))
    ranks = per_variant.get_column("codes").list.eval(
        pl.element().replace_strict(to_rank, return_dtype=pl.UInt32)
    )
    return (
        per_variant.with_columns(ranks.alias("ranks"))
        .sort(["cases", "ranks"], descending=True)
        .with_row_index("position")
    )
