"""The figures of the mining pages, computed from a (filtered) log: overview, variants,
statistics, cases and one case's timeline. Times in the rows are days, hours or minutes as
their keys say; the log's own columns are seconds."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import polars as pl

from procesbank.mining.engine import discovery
from procesbank.mining.engine.eventlog import (
    ACTIVITY,
    CASE_ID,
    RESOURCE,
    START_TIMESTAMP,
    TIMESTAMP,
)


def seconds_to_days(seconds: float | None) -> float | None:
    """Seconds as days (None stays None)."""
    return None if seconds is None else seconds / 86400


def log_overview(log: pl.DataFrame) -> dict[str, Any]:
    """Headline figures and the lead-time distribution (days) of a (filtered) log."""
    figures = discovery.summary(log)
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
    counts = [0] * bins
    for value in values.to_list():
        counts[min(int((value - low) / width), bins - 1)] += 1
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


def slowest_transitions(log: pl.DataFrame, limit: int = 15) -> list[dict[str, Any]]:
    """Directly-follows steps by median time between the two events, slowest first."""
    edges = discovery.dfg(log).sort("median_seconds", descending=True, nulls_last=True)
    rows = edges.head(limit).to_dicts()
    for row in rows:
        row["median_days"] = seconds_to_days(row["median_seconds"])
        row["mean_days"] = seconds_to_days(row["mean_seconds"])
    return rows


def statistics(log: pl.DataFrame) -> dict[str, Any]:
    """Per activity, per resource and rework tables, and the slowest transitions."""
    activities = discovery.activity_stats(log).to_dicts()
    for row in activities:
        row["median_minutes"] = (
            None if row["median_seconds"] is None else row["median_seconds"] / 60
        )
    return {
        "activities": activities,
        "resources": discovery.resource_stats(log).head(100).to_dicts(),
        "rework": discovery.rework(log).to_dicts(),
        "transitions": slowest_transitions(log),
    }


def case_list(log: pl.DataFrame, limit: int = 100) -> list[dict[str, Any]]:
    """The longest cases first (a timeline is most telling for them)."""
    durations = discovery.case_durations(log).sort("duration_seconds", descending=True)
    rows = durations.head(limit).to_dicts()
    for row in rows:
        row["days"] = seconds_to_days(row["duration_seconds"])
    return rows


def case_timeline(log: pl.DataFrame, case_id: str) -> list[dict[str, Any]] | None:
    """The events of one case in order (None when the case is not in the log)."""
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
        if RESOURCE in row and row[RESOURCE] is not None:
            row[RESOURCE] = str(row[RESOURCE])
    return rows
