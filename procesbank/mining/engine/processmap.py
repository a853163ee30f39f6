"""The process map: the directly-follows graph with start and end, reduced as Disco does (a
share of the activities and a share of the paths), with the figures a click on a box or an arc
shows. The layout is the browser's (dagre's layered algorithm on the measured boxes): only the
browser knows how wide a wrapped name is."""

from __future__ import annotations

import math
from typing import Any

import polars as pl

from procesbank.mining.engine import discovery
from procesbank.mining.engine.eventlog import ACTIVITY, CASE_ID, START_TIMESTAMP, TIMESTAMP
from procesbank.mining.engine.percase import seconds

START_NODE = "▶"
END_NODE = "■"
#: The first view of a log shows at most this many activities, the most frequent ones.
DEFAULT_ACTIVITIES = 25
DEFAULT_PATH_PERCENT = 10


def default_activity_percent(activity_count: int, limit: int = DEFAULT_ACTIVITIES) -> int:
    """The largest whole percentage (1..100) of ``activity_count`` activities that keeps at
    most ``limit`` of them on the map (at least one is always kept)."""
    if activity_count <= limit:
        return 100
    percent = math.floor(100 * limit / activity_count)
    # round() in process_map may round up: step down until the count fits.
    while percent > 1 and round(activity_count * percent / 100) > limit:
        percent -= 1
    return max(1, percent)


def _activity_figures(log: pl.DataFrame) -> dict[str, dict[str, Any]]:
    """Per activity: events, cases, durations (seconds; None without start times) and rework
    (cases that repeat it, repetitions beyond the first)."""
    stats = discovery.activity_stats(log)
    rework = {row[ACTIVITY]: row for row in discovery.rework(log).to_dicts()}
    if START_TIMESTAMP in log.columns:
        duration = seconds(pl.col(TIMESTAMP) - pl.col(START_TIMESTAMP))
        times = {
            row[ACTIVITY]: row
            for row in log.lazy()
            .group_by(ACTIVITY)
            .agg(
                duration.mean().alias("mean_seconds"),
                duration.max().alias("max_seconds"),
            )
            .with_columns(pl.col(ACTIVITY).cast(pl.String))
            .collect()
            .to_dicts()
        }
    else:
        times = {}
    figures: dict[str, dict[str, Any]] = {}
    for row in stats.to_dicts():
        name = str(row[ACTIVITY])
        repeated = rework.get(name, {})
        timed = times.get(name, {})
        figures[name] = {
            "frequency": row["frequency"],
            "cases": row["cases"],
            "median_seconds": row["median_seconds"],
            "mean_seconds": timed.get("mean_seconds"),
            "max_seconds": timed.get("max_seconds"),
            "rework_cases": repeated.get("cases", 0),
            "repetitions": repeated.get("repetitions", 0),
        }
    return figures


def process_map(
    log: pl.DataFrame, *, activity_share: float = 1.0, path_share: float = 1.0
) -> dict[str, Any]:
    """The directly-follows graph with start and end, reduced as Disco does.

    ``activity_share`` (0..1) keeps that share of the activities, most frequent first (at
    least one); ``path_share`` keeps that share of the edges among them, most frequent first,
    but always each kept activity's most frequent incoming and outgoing edge so that no
    activity floats unconnected. Times are in seconds. Besides ``nodes`` and ``edges`` the
    result tells what the reduction hid: ``activities_total``, ``activities_hidden``,
    ``hidden_events`` (events of the hidden activities), ``events``, ``paths_total`` (edges
    among the kept activities) and ``paths_hidden``.
    """
    figures = _activity_figures(log)
    names = list(figures)
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
    chosen_keys = {(row["source"], row["target"]) for row in chosen}
    for activity in [name for name in names if name in keep]:
        for side in ("source", "target"):
            best = next((row for row in edges if row[side] == activity), None)
            if best is not None and (best["source"], best["target"]) not in chosen_keys:
                chosen.append(best)
                chosen_keys.add((best["source"], best["target"]))
    cases = log.get_column(CASE_ID).n_unique() if log.height else 0
    nodes = [{"name": START_NODE, "kind": "start", "frequency": cases, "cases": cases}]
    nodes += [{"name": name, "kind": "activity", **figures[name]} for name in names if name in keep]
    nodes.append({"name": END_NODE, "kind": "end", "frequency": cases, "cases": cases})
    return {
        "nodes": nodes,
        "edges": chosen,
        "activities_total": len(names),
        "activities_hidden": len(names) - len(keep),
        "events": log.height,
        "hidden_events": sum(figures[name]["frequency"] for name in names if name not in keep),
        "paths_total": len(edges),
        "paths_hidden": len(edges) - len(chosen),
    }


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
