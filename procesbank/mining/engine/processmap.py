"""The process map: the directly-follows graph with start and end, reduced as Disco does (a
share of the activities and a share of the paths), with the figures a click on a box or an arc
shows. The layout is the browser's (dagre's layered algorithm on the measured boxes): only the
browser knows how wide a wrapped name is."""

from __future__ import annotations

import math
from typing import Any

import polars as pl

from procesbank.mining.engine import discovery
from procesbank.mining.engine.eventlog import ACTIVITY, START_TIMESTAMP, TIMESTAMP
from procesbank.mining.engine.percase import CASE, numbered_cases, seconds

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


def _activity_figures(
    log: pl.DataFrame, stats: pl.DataFrame, rework_table: pl.DataFrame
) -> dict[str, dict[str, Any]]:
    """Per activity: events, cases, durations (seconds; None without start times) and rework
    (cases that repeat it, repetitions beyond the first), from the log's
    :func:`discovery.activity_stats` and :func:`discovery.rework` tables."""
    rework = {row[ACTIVITY]: row for row in rework_table.to_dicts()}
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
    """The directly-follows graph with start and end, reduced as Disco does: the
    :func:`reduced_map` of the log's :func:`map_figures`."""
    return reduced_map(map_figures(log), activity_share=activity_share, path_share=path_share)


def map_figures(
    log: pl.DataFrame,
    *,
    edges: pl.DataFrame | None = None,
    stats: pl.DataFrame | None = None,
    rework: pl.DataFrame | None = None,
) -> dict[str, Any]:
    """What the map shows of the log at any reduction: ``figures`` (per activity, most
    frequent first), ``edges`` (directly-follows, start and end edges), ``cases`` and
    ``events``. The log's :func:`discovery.dfg`, :func:`discovery.activity_stats` and
    :func:`discovery.rework` are computed unless given (a caller that has them already, for
    the statistics page, saves the time). Every slider position reduces these few rows."""
    # Numbered once for the tables below, which would each number the cases again.
    log = numbered_cases(log).collect()
    if stats is None or rework is None:
        stats, rework = discovery.activity_tables(log)
    edges = discovery.dfg(log) if edges is None else edges
    rows = edges.to_dicts()
    rows += [
        _boundary_edge(START_NODE, activity, cases)
        for activity, cases in discovery.start_activities(log).items()
    ]
    rows += [
        _boundary_edge(activity, END_NODE, cases)
        for activity, cases in discovery.end_activities(log).items()
    ]
    rows.sort(key=lambda row: (-row["frequency"], row["source"], row["target"]))
    return {
        "figures": _activity_figures(log, stats, rework),
        "edges": rows,
        # Cases are numbered 0, 1, 2 ... in log order: the last number counts them.
        "cases": int(log.get_column(CASE)[-1]) + 1 if log.height else 0,
        "events": log.height,
    }


def reduced_map(
    figured: dict[str, Any], *, activity_share: float = 1.0, path_share: float = 1.0
) -> dict[str, Any]:
    """The map of a log's :func:`map_figures` (not changed), reduced as Disco does.

    ``activity_share`` (0..1) keeps that share of the activities, most frequent first (at
    least one); ``path_share`` keeps that share of the edges among them, most frequent first,
    but always each kept activity's most frequent incoming and outgoing edge so that no
    activity floats unconnected. Times are in seconds. Besides ``nodes`` and ``edges`` the
    result tells what the reduction hid: ``activities_total``, ``activities_hidden``,
    ``hidden_events`` (events of the hidden activities), ``events``, ``paths_total`` (edges
    among the kept activities) and ``paths_hidden``.
    """
    figures = figured["figures"]
    names = list(figures)
    keep = set(names[: max(1, round(len(names) * activity_share))]) if names else set()
    # Sorted already (most frequent first, then by name): the kept ones stay in that order.
    sources, targets = keep | {START_NODE}, keep | {END_NODE}
    edges = [
        dict(row)
        for row in figured["edges"]
        if row["source"] in sources and row["target"] in targets
    ]
    chosen = edges[: max(1, round(len(edges) * path_share))] if edges else []
    chosen_keys = {(row["source"], row["target"]) for row in chosen}
    for activity in [name for name in names if name in keep]:
        for side in ("source", "target"):
            best = next((row for row in edges if row[side] == activity), None)
            if best is not None and (best["source"], best["target"]) not in chosen_keys:
                chosen.append(best)
                chosen_keys.add((best["source"], best["target"]))
    cases = figured["cases"]
    nodes = [{"name": START_NODE, "kind": "start", "frequency": cases, "cases": cases}]
    nodes += [{"name": name, "kind": "activity", **figures[name]} for name in names if name in keep]
    nodes.append({"name": END_NODE, "kind": "end", "frequency": cases, "cases": cases})
    return {
        "nodes": nodes,
        "edges": chosen,
        "activities_total": len(names),
        "activities_hidden": len(names) - len(keep),
        "events": figured["events"],
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
