"""Process discovery on a normalised event log (see :mod:`procesbank.mining.engine.normalise`).

Every function takes the log frame (sorted: cases grouped, events by timestamp, ties in file
order) and returns plain values or small Polars frames. The figures equal PM4Py's on the same
log: directly-follows pairs are consecutive events of a case, a variant is a case's sequence of
activities, a case's duration is its last event's timestamp minus its first.

Conventions:

* Durations are in seconds (float).
* Percentiles use linear interpolation between closest ranks, numpy's default
  (``numpy.percentile(..., method="linear")``): p90 of n sorted values is the value at
  rank 0.9 * (n - 1), interpolated. The median is the 50th percentile by the same rule.
* With start timestamps, a directly-follows edge's time is from the source's completion to the
  target's start (never negative, as PM4Py counts it), and a case lasts from its earliest
  start to its last completion; without them both use completion timestamps only.
* Variants and the top-k filter rank variants by number of cases, ties broken by the
  activity sequence in reverse lexicographic order, as PM4Py does, so both keep the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import numpy as np
import polars as pl

from procesbank.mining.engine.normalise import (
    ACTIVITY,
    CASE_ID,
    RESOURCE,
    START_TIMESTAMP,
    TIMESTAMP,
)
from procesbank.mining.engine.percase import (
    CASE,
    KEY,
    activity_names,
    event_start,
    numbered_cases,
    per_case,
    ranked_variants,
    seconds,
)

#: Dictionary codes are 32-bit: source * PAIR_BASE + target numbers a directly-follows pair.
PAIR_BASE = 2**32


@dataclass(frozen=True)
class Summary:
    """Size and time span of a log."""

    cases: int
    events: int
    activities: int
    #: Distinct resources; 0 when the log has no resource column.
    resources: int
    variants: int
    #: First start or completion in the log (UTC); None for an empty log.
    start: datetime | None
    #: Last completion in the log (UTC); None for an empty log.
    end: datetime | None


def summary(log: pl.DataFrame) -> Summary:
    """Counts of cases, events, activities, resources and variants, and the time span."""
    resources = pl.col(RESOURCE).drop_nulls().n_unique() if RESOURCE in log.columns else pl.lit(0)
    # Cases and variants from the per-case rows: counting distinct case ids hashes every event.
    cases = per_case(log, keyed=True).select(KEY).collect().get_column(KEY)
    row = log.select(
        pl.len().alias("events"),
        pl.col(ACTIVITY).n_unique().alias("activities"),
        resources.alias("resources"),
        event_start(log).min().alias("start"),
        pl.col(TIMESTAMP).max().alias("end"),
    ).row(0, named=True)
    return Summary(cases=cases.len(), variants=cases.n_unique(), **row)


def dfg(log: pl.DataFrame) -> pl.DataFrame:
    """The directly-follows graph: one row per edge, most frequent first.

    Columns: ``source``, ``target``, ``frequency`` (times the target directly followed the
    source in a case), ``case_frequency`` (cases with that step), ``mean_seconds``,
    ``median_seconds`` and ``max_seconds`` (time between the two events).
    """
    return _edges(
        log,
        pl.len().cast(pl.Int64).alias("frequency"),
        pl.col(CASE).n_unique().cast(pl.Int64).alias("case_frequency"),
        pl.col("s").mean().alias("mean_seconds"),
        pl.col("s").median().alias("median_seconds"),
        pl.col("s").max().alias("max_seconds"),
    )


def _edges(log: pl.DataFrame, *figures: pl.Expr) -> pl.DataFrame:
    """Directly-follows edges with the given aggregations of their steps (``s``: seconds
    between the two events, ``_case``: the case), sorted as :func:`dfg` sorts them."""
    code = pl.col(ACTIVITY).to_physical().cast(pl.UInt64)
    if START_TIMESTAMP in log.columns:
        # To the next event's start, but never before this one ended (as PM4Py counts).
        wait = pl.max_horizontal(event_start(log).shift(-1), TIMESTAMP) - pl.col(TIMESTAMP)
    else:
        wait = pl.col(TIMESTAMP).shift(-1) - pl.col(TIMESTAMP)
    steps = (
        numbered_cases(log)
        .select(
            pl.col(CASE),
            # One integer per (source, target): grouping on it beats grouping on two keys.
            (code * PAIR_BASE + code.shift(-1)).alias("pair"),
            # Text, not the case number: a summary that needs no case number skips it.
            (pl.col(CASE_ID) == pl.col(CASE_ID).shift(-1)).alias("same_case"),
            seconds(wait).alias("s"),
        )
        .filter(pl.col("same_case"))
    )
    edges = steps.group_by("pair").agg(*figures)
    names = activity_names(log)
    name = {"old": names.get_column("code").cast(pl.UInt64), "new": names.get_column(ACTIVITY)}
    return (
        edges.select(
            (pl.col("pair") // PAIR_BASE)
            .replace_strict(**name, return_dtype=pl.String)
            .alias("source"),
            (pl.col("pair") % PAIR_BASE)
            .replace_strict(**name, return_dtype=pl.String)
            .alias("target"),
            pl.exclude("pair"),
        )
        .sort(["frequency", "source", "target"], descending=[True, False, False])
        .collect()
    )


def start_activities(log: pl.DataFrame) -> dict[str, int]:
    """Activity -> number of cases that begin with it, most cases first."""
    return _boundary_activities(log, first=True)


def end_activities(log: pl.DataFrame) -> dict[str, int]:
    """Activity -> number of cases that end with it, most cases first."""
    return _boundary_activities(log, first=False)


def _boundary_activities(log: pl.DataFrame, first: bool) -> dict[str, int]:
    # A case's first (last) event is where the case number changes from the row before
    # (after): one comparison per event instead of grouping every event by case.
    case = pl.col(CASE)
    boundary = case != case.shift(1 if first else -1)
    counts = (
        numbered_cases(log)
        .filter(boundary.fill_null(True))
        .group_by(pl.col(ACTIVITY).cast(pl.String).alias("activity"))
        .len()
        .sort(["len", "activity"], descending=[True, False])
        .collect()
    )
    return dict(zip(counts.get_column("activity"), counts.get_column("len"), strict=True))


def variant_count(log: pl.DataFrame) -> int:
    """Number of distinct variants (activity sequences of cases)."""
    return int(per_case(log, keyed=True).select(pl.col(KEY).n_unique()).collect().item())


def variants(log: pl.DataFrame) -> pl.DataFrame:
    """Variants, most frequent first (ties: reverse lexicographic sequence, as PM4Py).

    Columns: ``variant`` (list of activities), ``cases``, ``share`` (of all cases, 0..1),
    ``mean_seconds`` and ``median_seconds`` (lead time of its cases). The row number is the
    variant's position used by :func:`case_variants`.
    """
    ranked = ranked_variants(log, per_case(log, keyed=True))
    names = activity_names(log)
    variant = ranked.get_column("ranks").list.eval(
        pl.element().replace_strict(
            names.get_column("rank"), names.get_column(ACTIVITY), return_dtype=pl.String
        )
    )
    return ranked.with_columns(variant.alias("variant")).select(
        "variant", "cases", "share", "mean_seconds", "median_seconds"
    )


def case_variants(log: pl.DataFrame) -> pl.DataFrame:
    """Which variant each case follows: ``case_id`` and ``variant``, the variant's row in
    :func:`variants` (0 = most frequent)."""
    cases = per_case(log, keyed=True)
    ranked = ranked_variants(log, cases).select(KEY, "position")
    return (
        cases.join(ranked.lazy(), on=KEY, how="left", maintain_order="left")
        .select(CASE_ID, pl.col("position").alias("variant"))
        .collect()
    )


def case_durations(log: pl.DataFrame) -> pl.DataFrame:
    """One row per case, in log order: ``case_id``, ``start``, ``end`` (UTC) and
    ``duration_seconds``."""
    return (
        per_case(log)
        .select(
            CASE_ID,
            "start",
            "end",
            seconds(pl.col("end") - pl.col("start")).alias("duration_seconds"),
        )
        .collect()
    )


def case_duration_stats(
    log: pl.DataFrame, percentiles: tuple[float, ...] = (90,)
) -> dict[str, float | None]:
    """``min``, ``median``, ``mean``, ``max`` and ``p<q>`` for each percentile, in seconds.

    Percentiles interpolate linearly between ranks (numpy's default): ``p90`` is the value at
    rank 0.9 * (n - 1) of the sorted durations. All are None for an empty log.
    """
    return _duration_stats(case_durations(log).get_column("duration_seconds"), percentiles)


def _duration_stats(
    durations: pl.Series, percentiles: tuple[float, ...]
) -> dict[str, float | None]:
    frame = durations.to_frame("d")
    stats = frame.select(
        pl.col("d").min().alias("min"),
        pl.col("d").median().alias("median"),
        pl.col("d").mean().alias("mean"),
        *[
            pl.col("d").quantile(q / 100, interpolation="linear").alias(f"p{q:g}")
            for q in percentiles
        ],
        pl.col("d").max().alias("max"),
    ).row(0, named=True)
    return {key: None if value is None else float(value) for key, value in stats.items()}


def activity_stats(log: pl.DataFrame, pairs: pl.DataFrame | None = None) -> pl.DataFrame:
    """Per activity: ``frequency`` (events), ``cases`` (cases with it) and
    ``median_seconds`` (median time from start to completion; null without start
    timestamps), most frequent first. ``pairs``: the log's :func:`case_activity_pairs`, when
    the caller has them (see :func:`activity_tables`)."""
    if START_TIMESTAMP in log.columns:
        duration = seconds(pl.col(TIMESTAMP) - pl.col(START_TIMESTAMP)).median()
    else:
        duration = pl.lit(None, dtype=pl.Float64)
    pairs = case_activity_pairs(log) if pairs is None else pairs
    cases = pairs.group_by("code").agg(pl.len().cast(pl.Int64).alias("cases"))
    return (
        log.lazy()
        .group_by(ACTIVITY)
        .agg(pl.len().cast(pl.Int64).alias("frequency"), duration.alias("median_seconds"))
        .with_columns(pl.col(ACTIVITY).to_physical().alias("code"))
        .join(cases.lazy(), on="code")
        .select(pl.col(ACTIVITY).cast(pl.String), "frequency", "cases", "median_seconds")
        .sort(["frequency", ACTIVITY], descending=[True, False])
        .collect()
    )


def activity_tables(log: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """:func:`activity_stats` and :func:`rework` of the log, which the map and the statistics
    page both show: the (case, activity) pairs both count are sorted once."""
    pairs = case_activity_pairs(log)
    return activity_stats(log, pairs), rework(log, pairs)


def case_activity_pairs(log: pl.DataFrame) -> pl.DataFrame:
    """One row per (case, activity) pair of the log: the activity's dictionary ``code`` and
    ``events``, how often it occurs in the case.

    Each pair is one integer (case number * :data:`PAIR_BASE` + code); sorting those and
    counting runs is a third of the cost of grouping them by hash, since the sorted log
    has them nearly in order already.
    """
    code = pl.col(ACTIVITY).to_physical().cast(pl.UInt64)
    pairs = numbered_cases(log).select(pl.col(CASE).cast(pl.UInt64) * PAIR_BASE + code).collect()
    runs = pl.Series("pair", np.sort(pairs.to_series().to_numpy())).rle().struct.unnest()
    return runs.select(
        (pl.col("value") % PAIR_BASE).cast(pl.UInt32).alias("code"),
        pl.col("len").cast(pl.Int64).alias("events"),
    )


def resource_stats(log: pl.DataFrame) -> pl.DataFrame:
    """Per resource: ``frequency`` (events), ``cases`` and ``activities`` (distinct ones they
    did), most active first; empty when the log has no resource column."""
    if RESOURCE not in log.columns:
        return pl.DataFrame(
            schema={"resource": pl.String, "frequency": pl.Int64, "cases": pl.Int64,
                    "activities": pl.Int64}
        )  # fmt: skip
    return (
        numbered_cases(log)
        .filter(pl.col(RESOURCE).is_not_null())
        .group_by(RESOURCE)
        .agg(
            pl.len().cast(pl.Int64).alias("frequency"),
            pl.col(CASE).n_unique().cast(pl.Int64).alias("cases"),
            pl.col(ACTIVITY).to_physical().n_unique().cast(pl.Int64).alias("activities"),
        )
        .with_columns(pl.col(RESOURCE).cast(pl.String))
        .sort(["frequency", RESOURCE], descending=[True, False])
        .collect()
    )


def rework(log: pl.DataFrame, pairs: pl.DataFrame | None = None) -> pl.DataFrame:
    """Activities done more than once in a case: ``cases`` (cases where it is repeated) and
    ``repetitions`` (occurrences beyond the first, summed over cases), most cases first.
    ``pairs``: the log's :func:`case_activity_pairs`, when the caller has them."""
    names = activity_names(log)
    pairs = case_activity_pairs(log) if pairs is None else pairs
    return (
        pairs.filter(pl.col("events") > 1)
        .group_by("code")
        .agg(
            pl.len().cast(pl.Int64).alias("cases"),
            (pl.col("events") - 1).sum().cast(pl.Int64).alias("repetitions"),
        )
        .select(
            pl.col("code")
            .replace_strict(names.get_column("code"), names.get_column(ACTIVITY))
            .alias(ACTIVITY),
            "cases",
            "repetitions",
        )
        .sort(["cases", ACTIVITY], descending=[True, False])
    )


def summary_json(log: pl.DataFrame) -> dict[str, Any]:
    """The headline figures as JSON-ready values (counts, seconds, activity names).

    Keys: ``cases``, ``events``, ``activities``, ``variants``, ``dfg`` (list of
    ``{"source", "target", "frequency", "median_seconds"}``), ``start_activities`` and
    ``end_activities`` (name -> cases), ``case_duration_seconds`` (``min``, ``median``,
    ``mean``, ``p90``, ``max``).

    The per-case rows are built once and every figure is read from them: on 5 million events
    that halves the time of calling the functions above one by one.
    """
    edges = _edges(
        log,
        pl.len().cast(pl.Int64).alias("frequency"),
        pl.col("s").median().alias("median_seconds"),
    )
    cases = per_case(log, keyed=True).select("codes", KEY, "start", "end").collect()
    names = activity_names(log)
    durations = seconds(pl.col("end") - pl.col("start"))
    return {
        "cases": cases.height,
        "events": log.height,
        "activities": names.height,
        "variants": cases.get_column(KEY).n_unique(),
        "dfg": edges.to_dicts(),
        "start_activities": _boundary_counts(cases, names, first=True),
        "end_activities": _boundary_counts(cases, names, first=False),
        "case_duration_seconds": _duration_stats(
            cases.select(durations).to_series(), percentiles=(90,)
        ),
    }


def _boundary_counts(cases: pl.DataFrame, names: pl.DataFrame, first: bool) -> dict[str, int]:
    """Activity -> cases that begin (``first``) or end with it, from :func:`per_case` rows."""
    codes = pl.col("codes")
    pick = codes.list.first() if first else codes.list.last()
    name = {"old": names.get_column("code"), "new": names.get_column(ACTIVITY)}
    counts = (
        cases.select(pick.replace_strict(**name, return_dtype=pl.String).alias("activity"))
        .group_by("activity")
        .len()
        .sort(["len", "activity"], descending=[True, False])
    )
    return dict(zip(counts.get_column("activity"), counts.get_column("len"), strict=True))
