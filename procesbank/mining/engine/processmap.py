"""The process map: the directly-follows graph with start and end, reduced as Disco does (a
share of the activities and a share of the paths) and laid out in layers."""

from __future__ import annotations

from typing import Any

import polars as pl

from procesbank.mining.engine import discovery
from procesbank.mining.engine.eventlog import ACTIVITY
from procesbank.mining.engine.layout import layered_layout

START_NODE = "▶"
END_NODE = "■"


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
