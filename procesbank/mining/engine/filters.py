"""Filter an event log before discovery: each filter is a small frozen dataclass, a list of them
is applied in order by :func:`apply_filters`, and the result is a log frame like the input
(same columns, same order) on which every figure of :mod:`procesbank.mining.engine.discovery` is
computed as on a whole log.

Semantics, chosen to match what a consultant means and, where one exists, PM4Py's filter:

* Case filters keep or drop whole cases; only :class:`AttributeValues` with
  ``level="event"`` removes single events (and so changes the cases' variants).
* :class:`TimeWindow` compares each case's span, from its first start (or completion) to its
  last completion, with the half-open window ``[start, end)``. ``started`` (the default)
  keeps cases that began in the window: each case then belongs to exactly one of a series of
  consecutive windows, and its lead time is not cut off as ``contained`` would cut off every
  long case. ``contained`` keeps cases wholly inside, ``intersecting`` cases that were open at
  some moment in it.
* :class:`TopVariants` and :class:`VariantCoverage` rank variants as
  :func:`~procesbank.mining.engine.discovery.variants` does (most cases first, ties by reverse
  lexicographic sequence, like PM4Py's ``filter_variants_top_k``). Coverage is cumulative:
  the fewest top variants whose cases together make at least the given percentage.
* :class:`LeadTime` bounds are inclusive seconds, like PM4Py's ``filter_case_performance``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

import polars as pl

from procesbank.mining.engine.normalise import ACTIVITY, CASE_ID
from procesbank.mining.engine.percase import (
    CASE,
    KEY,
    numbered_cases,
    per_case,
    ranked_variants,
    seconds,
)


@dataclass(frozen=True)
class TimeWindow:
    """Cases whose span relates to ``[start, end)`` as ``mode`` says (aware datetimes)."""

    start: datetime
    end: datetime
    mode: Literal["started", "contained", "intersecting"] = "started"


@dataclass(frozen=True)
class TopVariants:
    """Cases of the ``k`` most frequent variants."""

    k: int


@dataclass(frozen=True)
class VariantCoverage:
    """Cases of the most frequent variants that together cover ``percent`` % of the cases."""

    percent: float


@dataclass(frozen=True)
class VariantPositions:
    """Cases of the variants at ``positions`` (1 = the most frequent, ranked as
    :func:`~procesbank.mining.engine.discovery.variants` ranks them on the log the filter
    sees)."""

    positions: tuple[int, ...]


@dataclass(frozen=True)
class ActivityPresence:
    """Cases that contain any of ``activities`` (``present``), or none of them."""

    activities: tuple[str, ...]
    present: bool = True


@dataclass(frozen=True)
class AttributeValues:
    """Events or cases by the value of an attribute column (``resource``, ``case:...``).

    ``level="case"``: keep the cases with at least one event whose value is in ``values``
    (``keep``), or drop them. ``level="event"``: keep or drop the matching events only.
    """

    column: str
    values: tuple[Any, ...]
    level: Literal["case", "event"] = "case"
    keep: bool = True


@dataclass(frozen=True)
class LeadTime:
    """Cases whose lead time, in seconds, is within the inclusive bounds given."""

    min_seconds: float | None = None
    max_seconds: float | None = None


@dataclass(frozen=True)
class StartActivities:
    """Cases that begin with one of ``activities`` (``keep``), or the others."""

    activities: tuple[str, ...]
    keep: bool = True


@dataclass(frozen=True)
class EndActivities:
    """Cases that end with one of ``activities`` (``keep``), or the others."""

    activities: tuple[str, ...]
    keep: bool = True


@dataclass(frozen=True)
class DirectlyFollows:
    """Cases in which ``target`` directly follows ``source`` at least once (``present``), or
    never (PM4Py's ``filter_directly_follows_relation``)."""

    source: str
    target: str
    present: bool = True


@dataclass(frozen=True)
class EventuallyFollows:
    """Cases in which ``target`` comes somewhere after ``source`` (any events between) at
    least once (``present``), or never (PM4Py's ``filter_eventually_follows_relation``)."""

    source: str
    target: str
    present: bool = True


Filter = (
    TimeWindow
    | TopVariants
    | VariantCoverage
    | VariantPositions
    | ActivityPresence
    | AttributeValues
    | LeadTime
    | StartActivities
    | EndActivities
    | DirectlyFollows
    | EventuallyFollows
)


def _keep_cases(log: pl.DataFrame, per_case_mask: pl.LazyFrame) -> pl.DataFrame:
    """The events of the cases whose ``keep`` is true in a (``_case``, ``keep``) frame."""
    kept = per_case_mask.filter(pl.col("keep")).select(CASE)
    kept_events = numbered_cases(log).join(kept, on=CASE, how="semi", maintain_order="left")
    return kept_events.drop(CASE).collect()


def _case_spans(log: pl.DataFrame) -> pl.LazyFrame:
    return per_case(log).select(CASE, "start", "end")


def _time_window(log: pl.DataFrame, window: TimeWindow) -> pl.DataFrame:
    if window.start.tzinfo is None or window.end.tzinfo is None:
        raise ValueError("TimeWindow needs time-zone-aware datetimes")
    start, end = pl.lit(window.start), pl.lit(window.end)
    began, ended = pl.col("start"), pl.col("end")
    if window.mode == "started":
        keep = (began >= start) & (began < end)
    elif window.mode == "contained":
        keep = (began >= start) & (ended < end)
    else:
        keep = (began < end) & (ended >= start)
    return _keep_cases(log, _case_spans(log).select(CASE, keep.alias("keep")))


def _variant_positions(log: pl.DataFrame) -> tuple[pl.LazyFrame, pl.DataFrame]:
    cases = per_case(log, keyed=True)
    return cases, ranked_variants(log, cases).select(KEY, "position", "cases")


def _top_variants(log: pl.DataFrame, k: int) -> pl.DataFrame:
    cases, ranked = _variant_positions(log)
    chosen = ranked.filter(pl.col("position") < k).select(KEY, pl.lit(True).alias("keep"))
    mask = cases.join(chosen.lazy(), on=KEY, how="inner").select(CASE, "keep")
    return _keep_cases(log, mask)


def _variant_coverage(log: pl.DataFrame, percent: float) -> pl.DataFrame:
    _cases, ranked = _variant_positions(log)
    counts = ranked.get_column("cases")
    total = int(counts.sum())
    covered_before = counts.cum_sum() - counts
    # A variant is needed while the ones before it cover less than the target.
    needed = ranked.filter(covered_before * 100 < percent * total).height
    return _top_variants(log, needed)


def _variant_pick(log: pl.DataFrame, positions: tuple[int, ...]) -> pl.DataFrame:
    cases, ranked = _variant_positions(log)
    wanted = [position - 1 for position in positions]
    chosen = ranked.filter(pl.col("position").is_in(wanted)).select(KEY, pl.lit(True).alias("keep"))
    mask = cases.join(chosen.lazy(), on=KEY, how="inner").select(CASE, "keep")
    return _keep_cases(log, mask)


def _activity_presence(log: pl.DataFrame, rule: ActivityPresence) -> pl.DataFrame:
    has = pl.col(ACTIVITY).cast(pl.String).is_in(list(rule.activities)).any()
    mask = numbered_cases(log).group_by(CASE).agg(has.alias("has"))
    keep = pl.col("has") if rule.present else ~pl.col("has")
    return _keep_cases(log, mask.select(CASE, keep.alias("keep")))


def _values_match(column: str, values: tuple[Any, ...], dtype: pl.DataType) -> pl.Expr:
    expr = pl.col(column)
    if isinstance(dtype, pl.Categorical | pl.Enum):
        expr = expr.cast(pl.String)
    return expr.is_in(list(values)).fill_null(False)


def _attribute_values(log: pl.DataFrame, rule: AttributeValues) -> pl.DataFrame:
    matches = _values_match(rule.column, rule.values, log.schema[rule.column])
    if rule.level == "event":
        return log.filter(matches if rule.keep else ~matches)
    mask = numbered_cases(log).group_by(CASE).agg(matches.any().alias("has"))
    keep = pl.col("has") if rule.keep else ~pl.col("has")
    return _keep_cases(log, mask.select(CASE, keep.alias("keep")))


def _lead_time(log: pl.DataFrame, rule: LeadTime) -> pl.DataFrame:
    lead_time = seconds(pl.col("end") - pl.col("start"))
    keep = pl.lit(True)
    if rule.min_seconds is not None:
        keep = keep & (lead_time >= rule.min_seconds)
    if rule.max_seconds is not None:
        keep = keep & (lead_time <= rule.max_seconds)
    return _keep_cases(log, _case_spans(log).select(CASE, keep.alias("keep")))


def _boundary(
    log: pl.DataFrame, activities: tuple[str, ...], keep: bool, first: bool
) -> pl.DataFrame:
    pick = pl.col(ACTIVITY).first() if first else pl.col(ACTIVITY).last()
    has = pick.cast(pl.String).is_in(list(activities))
    mask = numbered_cases(log).group_by(CASE).agg(has.alias("has"))
    wanted = pl.col("has") if keep else ~pl.col("has")
    return _keep_cases(log, mask.select(CASE, wanted.alias("keep")))


def _directly_follows(log: pl.DataFrame, rule: DirectlyFollows) -> pl.DataFrame:
    name = pl.col(ACTIVITY).cast(pl.String)
    step = (
        (pl.col(CASE) == pl.col(CASE).shift(-1))
        & (name == rule.source)
        & (name.shift(-1) == rule.target)
    )
    mask = (
        numbered_cases(log)
        .with_columns(step.fill_null(False).alias("step"))
        .group_by(CASE)
        .agg(pl.col("step").any().alias("has"))
    )
    keep = pl.col("has") if rule.present else ~pl.col("has")
    return _keep_cases(log, mask.select(CASE, keep.alias("keep")))


def _eventually_follows(log: pl.DataFrame, rule: EventuallyFollows) -> pl.DataFrame:
    # A case qualifies when its first ``source`` comes before its last ``target``: then some
    # target follows some source, and if the first source is not earlier than the last
    # target, no source precedes any target. Two aggregates per case, no pairs.
    name = pl.col(ACTIVITY).cast(pl.String)
    position = pl.int_range(pl.len())
    mask = (
        numbered_cases(log)
        .group_by(CASE)
        .agg(
            position.filter(name == rule.source).min().alias("first_source"),
            position.filter(name == rule.target).max().alias("last_target"),
        )
        .select(
            CASE,
            (pl.col("first_source") < pl.col("last_target")).fill_null(False).alias("has"),
        )
    )
    keep = pl.col("has") if rule.present else ~pl.col("has")
    return _keep_cases(log, mask.select(CASE, keep.alias("keep")))


def apply_filter(log: pl.DataFrame, rule: Filter) -> pl.DataFrame:
    """The log after one filter; see the module docstring for each filter's meaning."""
    if isinstance(rule, TimeWindow):
        return _time_window(log, rule)
    if isinstance(rule, TopVariants):
        return _top_variants(log, rule.k)
    if isinstance(rule, VariantCoverage):
        return _variant_coverage(log, rule.percent)
    if isinstance(rule, VariantPositions):
        return _variant_pick(log, rule.positions)
    if isinstance(rule, ActivityPresence):
        return _activity_presence(log, rule)
    if isinstance(rule, AttributeValues):
        return _attribute_values(log, rule)
    if isinstance(rule, LeadTime):
        return _lead_time(log, rule)
    if isinstance(rule, StartActivities):
        return _boundary(log, rule.activities, rule.keep, first=True)
    if isinstance(rule, EndActivities):
        return _boundary(log, rule.activities, rule.keep, first=False)
    if isinstance(rule, DirectlyFollows):
        return _directly_follows(log, rule)
    if isinstance(rule, EventuallyFollows):
        return _eventually_follows(log, rule)
    raise TypeError(f"not a filter: {rule!r}")


def apply_filters(log: pl.DataFrame, rules: Sequence[Filter]) -> pl.DataFrame:
    """The log after each filter in turn; later filters see what earlier ones left."""
    for rule in rules:
        log = apply_filter(log, rule)
    return log


def case_ids(log: pl.DataFrame) -> list[str]:
    """The log's case ids in log order (handy to show what a filter kept)."""
    return log.get_column(CASE_ID).unique(maintain_order=True).to_list()
