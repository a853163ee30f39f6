"""Every read of process mining, on behalf of an acting user.

A user sees the event logs of their own municipality and those another municipality of the
same collaboration shared with the collaboration (as with processes). The figures of the
analysis pages are computed here from the stored Parquet file by the pure engine modules,
after the filters the user chose. The loaded file is kept in a small in-process cache
(:mod:`procesbank.mining.logcache`), reached only with a log the user was allowed to see.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

import polars as pl
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from procesbank.mining import discovery
from procesbank.mining.eventlog import (
    ACTIVITY,
    CASE_ID,
    RESOURCE,
    START_TIMESTAMP,
    TIMESTAMP,
    load_log,
)
from procesbank.mining.filters import Filter, apply_filters
from procesbank.mining.layout import layered_layout
from procesbank.mining.logcache import LOG_CACHE
from procesbank.mining.models import EventLog
from procesbank.organisations.models import User
from procesbank.organisations.permissions import Action, can
from procesbank.processes.selectors import visible_to

START_NODE = "▶"
END_NODE = "■"


def eventlog_list(*, user: User) -> QuerySet[EventLog]:
    """The logs the user may read, newest first."""
    return EventLog.objects.filter(visible_to(user)).select_related("municipality", "process")


def access_eventlog(*, user: User, eventlog_id: int) -> EventLog:
    """One log the user may read; 404 for one they may not."""
    eventlog = eventlog_list(user=user).filter(pk=eventlog_id).first()
    if eventlog is None:
        raise Http404
    return eventlog


def access_eventlog_for_edit(*, user: User, eventlog_id: int) -> EventLog:
    """One log the user may change: their municipality's, and the role allows it."""
    eventlog = access_eventlog(user=user, eventlog_id=eventlog_id)
    if not can(user, Action.EDIT, eventlog.municipality):
        raise PermissionDenied
    return eventlog


def can_edit(*, user: User, eventlog: EventLog) -> bool:
    return can(user, Action.EDIT, eventlog.municipality)


def eventlog_events(*, eventlog: EventLog) -> pl.DataFrame:
    """All of the log's events, from the process's cache when a page read them lately.

    ``eventlog`` must come from :func:`access_eventlog` (or the list), which checked that the
    user may read it: the cache itself does not check.
    """
    LOG_CACHE.resize(
        max_logs=settings.PROCESBANK_LOG_CACHE_LOGS,
        max_bytes=settings.PROCESBANK_LOG_CACHE_MB * 1024**2,
    )
    return LOG_CACHE.get(eventlog.pk, eventlog.path, load_log)


def eventlog_frame(*, eventlog: EventLog, rules: Sequence[Filter] = ()) -> pl.DataFrame:
    """The log's events after the filters, in order."""
    return apply_filters(eventlog_events(eventlog=eventlog), rules)


def activity_names(*, eventlog: EventLog) -> list[str]:
    """The activities of the whole (unfiltered) log, most frequent first (ties by name, as
    :func:`discovery.activity_stats` orders them; counting events only is much cheaper)."""
    counts = (
        eventlog_events(eventlog=eventlog)
        .lazy()
        .group_by(ACTIVITY)
        .agg(pl.len().alias("frequency"))
        .with_columns(pl.col(ACTIVITY).cast(pl.String))
        .sort(["frequency", ACTIVITY], descending=[True, False])
        .collect()
    )
    return counts.get_column(ACTIVITY).to_list()


def _days(seconds: float | None) -> float | None:
    return None if seconds is None else seconds / 86400


def log_overview(log: pl.DataFrame) -> dict[str, Any]:
    """Headline figures and the lead-time distribution (days) of a (filtered) log."""
    figures = discovery.summary(log)
    stats = discovery.case_duration_stats(log, percentiles=(25, 75, 90))
    durations = discovery.case_durations(log).get_column("duration_seconds") / 86400
    return {
        "summary": figures,
        "stats": {key: _days(value) for key, value in stats.items()},
        "histogram": _histogram(durations),
        "start_activities": discovery.start_activities(log),
        "end_activities": discovery.end_activities(log),
    }


def _histogram(values: pl.Series, bins: int = 20) -> dict[str, list[Any]]:
    if values.len() == 0:
        return {"labels": [], "counts": []}
    low, high = float(values.min()), float(values.max())  # type: ignore[arg-type]
    width = (high - low) / bins or 1.0
    counts = [0] * bins
    for value in values.to_list():
        counts[min(int((value - low) / width), bins - 1)] += 1
    labels = [f"{low + i * width:.1f}–{low + (i + 1) * width:.1f}" for i in range(bins)]
    return {"labels": labels, "counts": counts}


def process_map(
    log: pl.DataFrame, *, activity_share: float = 1.0, path_share: float = 1.0
) -> dict[str, Any]:
    """The directly-follows graph with start and end, reduced as Disco does, laid out.

    ``activity_share`` (0..1) keeps that share of the activities, most frequent first (at
    least one); ``path_share`` keeps that share of the edges among them, most frequent first,
    but always each kept activity's most frequent incoming and outgoing edge so that no
    activity floats unconnected. Times are in seconds.
    """
    stats = discovery.activity_stats(log)
    names = [str(name) for name in stats.get_column(ACTIVITY).to_list()]
    frequency = dict(zip(names, stats.get_column("frequency").to_list(), strict=True))
    keep = set(names[: max(1, round(len(names) * activity_share))]) if names else set()
    edges = [
        row
        for row in discovery.dfg(log).to_dicts()
        if row["source"] in keep and row["target"] in keep
    ]
    for activity, cases in discovery.start_activities(log).items():
        if activity in keep:
            edges.append(_boundary_edge(START_NODE, activity, cases))
    for activity, cases in discovery.end_activities(log).items():
        if activity in keep:
            edges.append(_boundary_edge(activity, END_NODE, cases))
    edges.sort(key=lambda row: (-row["frequency"], row["source"], row["target"]))
    chosen = edges[: max(1, round(len(edges) * path_share))] if edges else []
    for activity in keep:
        for side in ("source", "target"):
            best = next((row for row in edges if row[side] == activity), None)
            if best is not None and best not in chosen:
                chosen.append(best)
    order = [START_NODE, *[name for name in names if name in keep], END_NODE]
    positions = layered_layout(
        order, [(row["source"], row["target"]) for row in chosen], weights=frequency
    )
    nodes = [
        {
            "name": name,
            "frequency": frequency.get(name, 0),
            "x": positions[name].x,
            "y": positions[name].y,
            "kind": "boundary" if name in (START_NODE, END_NODE) else "activity",
        }
        for name in order
        if name in positions
    ]
    return {"nodes": nodes, "edges": chosen, "activities_total": len(names)}


def _boundary_edge(source: str, target: str, cases: int) -> dict[str, Any]:
    return {
        "source": source,
        "target": target,
        "frequency": cases,
        "case_frequency": cases,
        "mean_seconds": None,
        "median_seconds": None,
        "max_seconds": None,
    }


def variant_rows(log: pl.DataFrame, limit: int = 200) -> list[dict[str, Any]]:
    """Variants, most frequent first: activities, cases, share, mean and median days."""
    rows = discovery.variants(log).head(limit).to_dicts()
    for position, row in enumerate(rows):
        row["position"] = position + 1
        row["share_percent"] = row["share"] * 100
        row["mean_days"] = _days(row["mean_seconds"])
        row["median_days"] = _days(row["median_seconds"])
    return rows


def slowest_transitions(log: pl.DataFrame, limit: int = 15) -> list[dict[str, Any]]:
    """Directly-follows steps by median time between the two events, slowest first."""
    edges = discovery.dfg(log).sort("median_seconds", descending=True, nulls_last=True)
    rows = edges.head(limit).to_dicts()
    for row in rows:
        row["median_days"] = _days(row["median_seconds"])
        row["mean_days"] = _days(row["mean_seconds"])
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
        row["days"] = _days(row["duration_seconds"])
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


def log_comparison(*, user: User, limit: int = 12) -> list[dict[str, Any]]:
    """Lead times (days) and variety of the logs the user may read, side by side."""
    rows = []
    for eventlog in eventlog_list(user=user)[:limit]:
        log = eventlog_events(eventlog=eventlog)
        stats = discovery.case_duration_stats(log, percentiles=(90,))
        top = discovery.activity_stats(log).head(5)
        rows.append(
            {
                "eventlog": eventlog,
                "median_days": _days(stats["median"]),
                "p90_days": _days(stats["p90"]),
                "variants_per_100": 100 * eventlog.variants / eventlog.cases
                if eventlog.cases
                else 0,
                "events_per_case": eventlog.events / eventlog.cases if eventlog.cases else 0,
                "top_activities": [
                    (str(name), int(count))
                    for name, count in zip(
                        top.get_column(ACTIVITY), top.get_column("frequency"), strict=True
                    )
                ],
            }
        )
    return rows
