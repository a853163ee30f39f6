"""The figures of the mining pages, computed from a (filtered) log: overview, variants,
statistics, cases and one case's timeline. Times in the rows are days, hours or minutes as
their keys say; the log's own columns are seconds."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from typing import Any

import numpy as np
import polars as pl

from procesbank.mining.engine import discovery, processmap
from procesbank.mining.engine.eventlog import (
    ACTIVITY,
    CASE_ID,
    RESOURCE,
    START_TIMESTAMP,
    TIMESTAMP,
)
from procesbank.mining.engine.percase import CASE, numbered_cases


def seconds_to_days(seconds: float | None) -> float | None:
    """Seconds as days (None stays None)."""
    return None if seconds is None else seconds / 86400


def log_overview(log: pl.DataFrame) -> dict[str, Any]:
    """Headline figures and the lead-time distribution (days) of a (filtered) log: ``summary``
    (the fields of :class:`discovery.Summary` as a dict, so that it can be kept as JSON),
    ``stats``, ``histogram``, ``start_activities`` and ``end_activities``."""
    log = numbered_cases(log).collect() if CASE not in log.columns else log
    figures = dataclasses.asdict(discovery.summary(log))
    stats = discovery.case_duration_stats(log, percentiles=(25, 75, 90))
    durations = discovery.case_durations(log).get_column("duration_seconds") / 86400
    return {
        "summary": figures,
        "stats": {key: seconds_to_days(value) for key, value in stats.items()},
        "histogram": _histogram(durations),
        "start_activities": discovery.start_activities(log),
        "end_activities": discovery.end_activities(log),
    }


def _histogram(values: pl.Series, bins: int = 20) -> dict[str, list[Any]]:
    # Bin edges in days (bins + 1 of them); the page labels them in its language.
    if values.len() == 0:
        return {"edges": [], "counts": []}
    low, high = float(values.min()), float(values.max())  # type: ignore[arg-type]
    width = (high - low) / bins or 1.0
    # Bin numbers counted in Polars: a Python loop took a quarter second on 500,000 cases.
    binned = ((values - low) / width).cast(pl.Int64).clip(upper_bound=bins - 1)
    found = binned.value_counts()
    counts = [0] * bins
    for number, count in found.iter_rows():
        counts[number] = count
    return {"edges": [low + i * width for i in range(bins + 1)], "counts": counts}


def variant_rows(log: pl.DataFrame, limit: int = 200) -> list[dict[str, Any]]:
    """Variants, most frequent first: activities, cases, share, mean and median days."""
    rows = discovery.variants(log).head(limit).to_dicts()
    for position, row in enumerate(rows):
        row["position"] = position + 1
        row["share_percent"] = row["share"] * 100
        row["mean_days"] = seconds_to_days(row["mean_seconds"])
        row["median_days"] = seconds_to_days(row["median_seconds"])
    return rows


VARIANTS_PER_PAGE = 25
COVERAGE_TOP = 20
COVERAGE_TARGETS = (50, 80, 90)
GOLDEN_ANGLE = 137.508


def activity_hues(log: pl.DataFrame) -> dict[str, int]:
    """A colour hue (degrees) per activity: the most frequent first, each a golden angle on
    from the one before, so that the common activities get well-separated colours."""
    counts = (
        log.group_by(ACTIVITY)
        .len()
        .with_columns(pl.col(ACTIVITY).cast(pl.String))
        .sort(["len", ACTIVITY], descending=[True, False])
    )
    names = counts.get_column(ACTIVITY).to_list()
    return {str(name): round(rank * GOLDEN_ANGLE) % 360 for rank, name in enumerate(names)}


def variant_page(
    log: pl.DataFrame,
    *,
    page: int = 1,
    per_page: int = VARIANTS_PER_PAGE,
    picked: tuple[int, ...] = (),
) -> dict[str, Any]:
    """One page of the variants, most frequent first, with cumulative coverage.

    Rows: ``position`` (1 = most frequent), ``cases``, ``share_percent``,
    ``cumulative_percent`` (of the cases covered by this and every more frequent variant),
    ``median_days``, ``mean_days`` (lead time), ``length`` (events) and ``steps`` (activity
    ``name`` and colour ``hue``). Besides: ``page`` (clamped to 1..``pages``), ``pages``,
    ``variants``, ``cases``, ``top`` and ``top_percent`` (how much of the cases the ``top``
    most frequent variants cover, ``top`` = at most 20), ``needed`` (for 50, 80 and 90 %
    of the cases, how many of the most frequent variants it takes) and ``picked_cases`` (the
    cases of the variants at the ``picked`` positions).
    """
    return variant_page_of(
        discovery.variants(log), activity_hues(log), page=page, per_page=per_page, picked=picked
    )


def variant_page_of(
    table: pl.DataFrame | pl.LazyFrame,
    hues: dict[str, int],
    *,
    page: int = 1,
    per_page: int = VARIANTS_PER_PAGE,
    picked: tuple[int, ...] = (),
) -> dict[str, Any]:
    """:func:`variant_page` from a log's :func:`discovery.variants` and :func:`activity_hues`,
    which every page of the variants shares. ``table`` may be a LazyFrame over a kept file:
    then only its counts and the page's rows are read (the activity lists of 200,000 variants
    are most of the table)."""
    table = table.lazy()
    counts = table.select("cases").collect().get_column("cases")
    total = counts.len()
    cases = int(counts.sum()) if total else 0
    # Cases covered by each variant and all more frequent ones (nondecreasing): a 5M-event log
    # has 200,000 variants, too many to walk in Python on every page.
    cumulative = counts.cum_sum().to_numpy()
    pages = max(1, -(-total // per_page))
    page = min(max(1, page), pages)
    first = (page - 1) * per_page
    rows = table.slice(first, per_page).collect().to_dicts()
    for offset, row in enumerate(rows):
        position = first + offset
        row["position"] = position + 1
        row["share_percent"] = row["share"] * 100
        row["cumulative_percent"] = 100 * int(cumulative[position]) / cases
        row["mean_days"] = seconds_to_days(row["mean_seconds"])
        row["median_days"] = seconds_to_days(row["median_seconds"])
        row["length"] = len(row["variant"])
        row["steps"] = [{"name": name, "hue": hues[name]} for name in row["variant"]]
    top = min(COVERAGE_TOP, total)
    needed = {}
    for target in COVERAGE_TARGETS if total else ():
        # The first position whose coverage reaches the target.
        needed[target] = int(np.searchsorted(cumulative * 100, target * cases, side="left")) + 1
    return {
        "rows": rows,
        "page": page,
        "pages": pages,
        "per_page": per_page,
        "variants": total,
        "cases": cases,
        "top": top,
        "top_percent": 100 * int(cumulative[top - 1]) / cases if total else 0.0,
        "needed": needed,
        "picked_cases": sum(int(counts[p - 1]) for p in picked if 1 <= p <= total),
    }


def slowest_transitions(
    log: pl.DataFrame, limit: int = 15, min_frequency: int = 1
) -> list[dict[str, Any]]:
    """Directly-follows steps that occur at least ``min_frequency`` times, by median time
    between the two events, slowest first."""
    return transitions_of(discovery.dfg(log), limit, min_frequency)


def transitions_of(
    edges: pl.DataFrame, limit: int = 15, min_frequency: int = 1
) -> list[dict[str, Any]]:
    """:func:`slowest_transitions` from a log's :func:`discovery.dfg`."""
    edges = edges.filter(pl.col("frequency") >= min_frequency).sort(
        "median_seconds", descending=True, nulls_last=True
    )
    rows = edges.head(limit).to_dicts()
    for row in rows:
        row["median_days"] = seconds_to_days(row["median_seconds"])
        row["mean_days"] = seconds_to_days(row["mean_seconds"])
    return rows


def default_min_transitions(cases: int) -> int:
    """The least frequency of a transition ranked by time at first: 1 % of the cases, at
    least 2, so that one-off pairs do not crowd out the steps that matter."""
    return max(2, -(-cases // 100))


def statistics(log: pl.DataFrame, min_transitions: int = 1) -> dict[str, Any]:
    """Per activity, per resource and rework tables, and the slowest transitions (of those
    that occur at least ``min_transitions`` times)."""
    # Numbered once for the four tables below, which would each number the cases again.
    log = numbered_cases(log).collect()
    activities, rework = discovery.activity_tables(log)
    return statistics_of(
        activities=activities,
        resources=discovery.resource_stats(log),
        rework=rework,
        edges=discovery.dfg(log),
        min_transitions=min_transitions,
    )


def statistics_of(
    *,
    activities: pl.DataFrame,
    resources: pl.DataFrame,
    rework: pl.DataFrame,
    edges: pl.DataFrame,
    min_transitions: int = 1,
) -> dict[str, Any]:
    """:func:`statistics` from a log's :func:`discovery.activity_stats`,
    :func:`discovery.resource_stats`, :func:`discovery.rework` and :func:`discovery.dfg`
    (the map uses three of them too)."""
    activity_rows = activities.to_dicts()
    for row in activity_rows:
        row["median_minutes"] = (
            None if row["median_seconds"] is None else row["median_seconds"] / 60
        )
    transitions = transitions_of(edges, limit=100, min_frequency=min_transitions)
    return {
        "activities": activity_rows,
        "resources": resources.head(100).to_dicts(),
        "rework": rework.to_dicts(),
        "transitions": transitions,
        # The first 15 shown, the rest behind "show all" (an empty rest shows nothing).
        "transition_parts": [transitions[:15], transitions[15:]],
    }


def case_list(log: pl.DataFrame, limit: int = 100) -> list[dict[str, Any]]:
    """The longest cases first (a timeline is most telling for them)."""
    durations = discovery.case_durations(log).sort("duration_seconds", descending=True)
    rows = durations.head(limit).to_dicts()
    for row in rows:
        row["days"] = seconds_to_days(row["duration_seconds"])
    return rows


def case_timeline(log: pl.DataFrame, case_id: str) -> list[dict[str, Any]] | None:
    """The events of one case in order (None when the case is not in the log): activity,
    timestamps, resource, ``offset_days`` from the case's start, ``duration_hours``, and for
    the chart ``start_ms``/``end_ms`` (epoch milliseconds) and ``instant`` (no duration)."""
    events = log.filter(pl.col(CASE_ID) == case_id)
    if events.height == 0:
        return None
    columns = [ACTIVITY, TIMESTAMP]
    columns += [c for c in (START_TIMESTAMP, RESOURCE) if c in events.columns]
    rows = events.select(columns).with_columns(pl.col(ACTIVITY).cast(pl.String)).to_dicts()
    first: datetime = rows[0].get(START_TIMESTAMP) or rows[0][TIMESTAMP]
    for row in rows:
        begun = row.get(START_TIMESTAMP) or row[TIMESTAMP]
        row["offset_days"] = (begun - first).total_seconds() / 86400
        row["duration_hours"] = (row[TIMESTAMP] - begun).total_seconds() / 3600
        # For the chart: epoch milliseconds, and whether the event is an instant (a marker).
        row["start_ms"] = round(begun.timestamp() * 1000)
        row["end_ms"] = round(row[TIMESTAMP].timestamp() * 1000)
        row["instant"] = row["end_ms"] == row["start_ms"]
        if RESOURCE in row and row[RESOURCE] is not None:
            row[RESOURCE] = str(row[RESOURCE])
    return rows


def case_count(log: pl.DataFrame) -> int:
    """Cases of a log numbered by :func:`numbered_cases`: they are runs of the sorted log
    numbered 0, 1, 2 ..., so the last number counts them without hashing every case id."""
    log = numbered_cases(log).collect() if CASE not in log.columns else log
    return int(log.get_column(CASE)[-1]) + 1 if log.height else 0


def activity_count(log: pl.DataFrame) -> int:
    """Distinct activities of the log."""
    return log.get_column(ACTIVITY).n_unique()


def activities_by_frequency(log: pl.DataFrame) -> list[str]:
    """The log's activities, most frequent first (ties by name, as
    :func:`discovery.activity_stats` orders them; counting events only is much cheaper)."""
    counts = (
        log.lazy()
        .group_by(ACTIVITY)
        .agg(pl.len().alias("frequency"))
        .with_columns(pl.col(ACTIVITY).cast(pl.String))
        .sort(["frequency", ACTIVITY], descending=[True, False])
        .collect()
    )
    return counts.get_column(ACTIVITY).to_list()


#: The figures of an unfiltered log that :func:`first_view_figures` computes, by the names the
#: pages and the API keep them under: what the first view of the overview, the case list, the
#: map, the variants, the statistics and the API's summary, DFG and variants needs.
FIRST_VIEW = (
    "overview",
    "case_list",
    "cases",
    "activities",
    "dfg",
    "activity_tables",
    "map",
    "variants",
    "hues",
    "resource_stats",
    "summary_json",
)


def first_view_figures(log: pl.DataFrame) -> dict[str, Any]:
    """The :data:`FIRST_VIEW` figures of a (normally unfiltered) log, each equal to what the
    function the pages call for it returns (``map``: :func:`processmap.map_figures`), sharing
    the tables several of them need. Kept on disk by the import job (engine.figurestore)."""
    log = numbered_cases(log).collect()
    edges = discovery.dfg(log)
    tables = discovery.activity_tables(log)
    return {
        "overview": log_overview(log),
        "case_list": case_list(log),
        "cases": case_count(log),
        "activities": activity_count(log),
        "dfg": edges,
        "activity_tables": tables,
        "map": processmap.map_figures(log, edges=edges, stats=tables[0], rework=tables[1]),
        "variants": discovery.variants(log),
        "hues": activity_hues(log),
        "resource_stats": discovery.resource_stats(log),
        "summary_json": discovery.summary_json(log),
    }
