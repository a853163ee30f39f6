"""The process map's reduction, checked by hand on a three-case log (no database)."""

import copy
from pathlib import Path

import polars as pl
import pytest

from procesbank.mining.engine import discovery, eventlog
from procesbank.mining.engine.processmap import (
    END_NODE,
    START_NODE,
    default_activity_percent,
    map_figures,
    process_map,
    reduced_map,
)


@pytest.fixture
def abc_log(tmp_path: Path) -> pl.DataFrame:
    # Cases 1 and 2 run A, B, C; case 3 runs A, C. Directly-follows by hand: A->B 2, B->C 2,
    # A->C 1; every case starts with A (3) and ends with C (3).
    rows = ["case:concept:name,concept:name,time:timestamp"]
    for case, trace in (("1", "ABC"), ("2", "ABC"), ("3", "AC")):
        for minute, activity in enumerate(trace):
            rows.append(f"{case},{activity},2026-01-0{case}T10:0{minute}:00+00:00")
    path = tmp_path / "abc.csv"
    path.write_text("\n".join(rows) + "\n")
    return eventlog.read_csv(path)


def _edges(graph: dict) -> set[tuple[str, str, int]]:
    return {(edge["source"], edge["target"], edge["frequency"]) for edge in graph["edges"]}


def test_full_map_has_every_path_and_the_boundaries(abc_log):
    graph = process_map(abc_log)

    assert _edges(graph) == {
        (START_NODE, "A", 3),
        ("A", "B", 2),
        ("B", "C", 2),
        ("A", "C", 1),
        ("C", END_NODE, 3),
    }
    assert [node["name"] for node in graph["nodes"]] == [START_NODE, "A", "C", "B", END_NODE]
    assert graph["activities_total"] == 3


def test_half_the_paths_keeps_each_activitys_strongest_edges(abc_log):
    # round(5 x 0.5) = 2 paths by frequency (C->end 3 and start->A 3); then each kept
    # activity's most frequent outgoing and incoming edge joins: A->B and B->C. A->C (1) goes.
    graph = process_map(abc_log, path_share=0.5)

    assert ("A", "C", 1) not in _edges(graph)
    assert len(graph["edges"]) == 4


def test_a_third_of_the_activities_keeps_the_most_frequent_one(abc_log):
    # A and C occur 3 times, B twice; ties by name: A is kept, alone with start and end.
    graph = process_map(abc_log, activity_share=1 / 3)

    assert [node["name"] for node in graph["nodes"]] == [START_NODE, "A", END_NODE]
    assert _edges(graph) == {(START_NODE, "A", 3)}


def test_nodes_carry_the_figures_a_click_shows(abc_log):
    graph = process_map(abc_log)
    b = next(node for node in graph["nodes"] if node["name"] == "B")

    # B: two events in cases 1 and 2, never repeated; no start times, so no durations.
    assert b == {
        "name": "B",
        "kind": "activity",
        "frequency": 2,
        "cases": 2,
        "median_seconds": None,
        "mean_seconds": None,
        "max_seconds": None,
        "rework_cases": 0,
        "repetitions": 0,
    }
    assert graph["nodes"][0] == {"name": START_NODE, "kind": "start", "frequency": 3, "cases": 3}


def test_the_map_says_what_the_reduction_hid(abc_log):
    graph = process_map(abc_log, activity_share=1 / 3, path_share=0.5)

    # B and C hidden: 2 + 3 of the 8 events; among A, start and end only start->A (3) and
    # A->end (0: no case ends with A) could remain, so one path of one.
    assert graph["activities_hidden"] == 2
    assert graph["hidden_events"] == 5
    assert graph["events"] == 8
    assert (graph["paths_total"], graph["paths_hidden"]) == (1, 0)


@pytest.mark.parametrize(
    ("activities", "percent"),
    [(3, 100), (25, 100), (26, 96), (398, 6), (400, 6), (2000, 1)],
)
def test_first_view_shows_at_most_25_activities(activities, percent):
    # 398 x 6 % = 23.88, rounds to 24 (7 % would be 27.86 -> 28); 26 x 96 % = 24.96 -> 25.
    assert default_activity_percent(activities) == percent
    assert round(activities * percent / 100) <= 25 or percent == 1


def test_reducing_leaves_the_figures_as_they_were(abc_log):
    # The page keeps a log's map figures for every slider position and labels what it got.
    figured = map_figures(abc_log)
    before = copy.deepcopy(figured)

    graph = reduced_map(figured, path_share=0.5)
    for item in [*graph["edges"], *graph["nodes"]]:
        item["label"] = "changed"

    assert figured == before


def test_figures_given_by_the_caller_are_used(abc_log):
    # The statistics page has the DFG and the activity tables already; the map takes them.
    edges = discovery.dfg(abc_log).filter(pl.col("source") == "A")

    graph = reduced_map(map_figures(abc_log, edges=edges))

    assert _edges(graph) == {(START_NODE, "A", 3), ("A", "B", 2), ("A", "C", 1), ("C", END_NODE, 3)}
