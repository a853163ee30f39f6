"""The process map's reduction, checked by hand on a three-case log (no database)."""

from pathlib import Path

import polars as pl
import pytest

from procesbank.mining.engine import eventlog
from procesbank.mining.engine.processmap import END_NODE, START_NODE, process_map


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


def test_nodes_are_laid_out_left_to_right_in_flow_order(abc_log):
    graph = process_map(abc_log)
    x = {node["name"]: node["x"] for node in graph["nodes"]}

    assert x[START_NODE] < x["A"] < x["B"] < x["C"] < x[END_NODE]
