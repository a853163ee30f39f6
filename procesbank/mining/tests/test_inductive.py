"""The Inductive Miner (engine/inductive.py) against PM4Py's (the test oracle, AGPL, imported
only here), and the BPMN it becomes (engine/treebpmn.py)."""

from __future__ import annotations

import contextlib
import io
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

from procesbank.mining.engine import discovery
from procesbank.mining.engine.asis import discover_inductive
from procesbank.mining.engine.conformance import replay
from procesbank.mining.engine.eventlog import read_xes
from procesbank.mining.engine.inductive import Operator, Tree, accepts, discover_tree
from procesbank.mining.engine.petrinet import petri_net
from procesbank.mining.engine.treebpmn import tree_to_bpmn
from procesbank.processes.engine.bpmn import parse_bpmn

DATA = Path(__file__).resolve().parents[3] / "tests" / "data" / "event-logs"

#: Small logs whose IM trees PM4Py computes: skips, repeats, concurrency, loops, and the
#: strict sequence cut (a skippable part is merged with a neighbour that only leads into it).
SMALL_LOGS = [
    {("a", "b", "c"): 5, ("a",): 2, ("a", "c"): 1},
    {("a", "b", "c"): 5, ("a", "c"): 1, ("a", "b"): 1},
    {("a", "b"): 5, ("b", "a"): 3},
    {("a", "b", "c", "d"): 3, ("a", "c", "b", "d"): 2, ("a", "e", "d"): 2},
    {("a", "b", "c", "b", "c", "d"): 3, ("a", "b", "c", "d"): 2},
    {("a", "b", "a", "b", "c"): 3, ("a", "b", "c"): 2, ("c",): 1},
    {("x", "y", "z"): 5, ("z",): 2, ("x", "y"): 3, ("x",): 1},
    {("x", "y", "z"): 5, ("x", "z"): 2, ("x", "y"): 3, ("y", "z"): 1},
    {("x", "y", "z"): 5, ("x", "z"): 2, ("x",): 3, ("w", "x", "y"): 1},
    {("x", "y", "z"): 5, ("z",): 2, ("x", "y"): 3},
    {("x", "y", "z"): 5, ("x",): 2, ("y", "z"): 3, ("x", "z"): 1},
    {("w", "x", "y", "z"): 5, ("w",): 2, ("w", "x", "y"): 3, ("w", "z"): 1},
    {("a", "x", "y", "z", "b"): 5, ("a", "b"): 2, ("a", "x", "y", "b"): 3},
]


def _pm4py():
    with contextlib.redirect_stdout(io.StringIO()):  # its licence banner
        import pm4py
    return pm4py


def _pm4py_tree(frame: pd.DataFrame, noise: float = 0.0) -> str:
    """PM4Py's IM tree in our notation (children of X and + sorted)."""
    from pm4py.objects.process_tree.obj import Operator as PmOperator

    symbols = {
        PmOperator.SEQUENCE: "->",
        PmOperator.XOR: "X",
        PmOperator.PARALLEL: "+",
        PmOperator.LOOP: "*",
    }

    def text(node) -> str:
        if node.operator is None:
            return "tau" if node.label is None else f"'{node.label}'"
        parts = [text(child) for child in node.children]
        if node.operator in (PmOperator.XOR, PmOperator.PARALLEL):
            parts.sort()
        return f"{symbols[node.operator]}( {', '.join(parts)} )"

    return text(_pm4py().discover_process_tree_inductive(frame, noise_threshold=noise))


def _frame(log: dict[tuple[str, ...], int]) -> pd.DataFrame:
    rows, case = [], 0
    for trace, cases in log.items():
        for _ in range(cases):
            case += 1
            for position, activity in enumerate(trace):
                rows.append({
                    "case:concept:name": str(case),
                    "concept:name": activity,
                    "time:timestamp": pd.Timestamp("2026-01-05") + pd.Timedelta(minutes=position),
                })  # fmt: skip
    return pd.DataFrame(rows)


def _variants(path: Path) -> Counter[tuple[str, ...]]:
    rows = discovery.variants(read_xes(path)).to_dicts()
    return Counter({tuple(row["variant"]): row["cases"] for row in rows})


@pytest.mark.parametrize("log", SMALL_LOGS, ids=lambda log: "|".join("".join(t) for t in log))
def test_the_tree_of_a_small_log_is_pm4pys(log):
    assert str(discover_tree(log)) == _pm4py_tree(_frame(log))


def test_the_tree_of_the_running_example_is_pm4pys():
    frame = _pm4py().read_xes(str(DATA / "running-example.xes"))

    assert str(discover_tree(_variants(DATA / "running-example.xes"))) == _pm4py_tree(frame)


@pytest.mark.parametrize("name", ["running-example.xes", "receipt.xes.gz"])
def test_im_allows_every_case_of_the_log(name):
    """IM's guarantee: the model's language holds every trace of the log. (On receipt PM4Py's
    tree differs in where a concurrent activity is placed, a free choice of the algorithm's
    fall-through; both allow every case.)"""
    variants = _variants(DATA / name)

    tree = discover_tree(variants)

    assert all(accepts(tree, trace) for trace in variants)


def test_a_noise_threshold_leaves_rare_behaviour_out():
    variants = _variants(DATA / "receipt.xes.gz")

    covered = {
        noise: sum(c for t, c in variants.items() if accepts(discover_tree(variants, noise), t))
        for noise in (0.0, 0.2)
    }

    assert covered[0.0] == 1434
    assert 1434 * 0.5 < covered[0.2] < 1434


def test_accepts_follows_each_operator():
    a, b, c = (Tree(Operator.ACTIVITY, x) for x in "abc")
    loop = Tree(Operator.LOOP, children=(a, b))
    tree = Tree(
        Operator.SEQUENCE,
        children=(loop, Tree(Operator.XOR, children=(c, Tree(Operator.TAU)))),
    )

    assert accepts(tree, ("a",))
    assert accepts(tree, ("a", "b", "a", "c"))
    assert not accepts(tree, ("a", "b"))
    assert not accepts(tree, ("b", "a"))
    assert accepts(Tree(Operator.PARALLEL, children=(a, b)), ("b", "a"))
    assert not accepts(Tree(Operator.PARALLEL, children=(a, b)), ("a",))


def test_the_bpmn_replays_every_case_im_allows():
    """The BPMN written from the tree is the same process: token replay of the running example
    on it fits all six cases, and each exclusive split's branch shares add up to 1."""
    variants = _variants(DATA / "running-example.xes")
    made = tree_to_bpmn(discover_tree(variants), name="Erstatning")

    doc = parse_bpmn(made.xml)
    result = replay(petri_net(doc), list(variants.items()))

    assert (result.fitting_cases, result.cases, result.fitness) == (6, 6, 1.0)
    assert sorted(made.tasks) == sorted({a for trace in variants for a in trace})
    by_source: dict[str, float] = {}
    for flow_id, source, _target in _flows(made.xml):
        if flow_id in made.probabilities:
            by_source[source] = by_source.get(source, 0.0) + made.probabilities[flow_id]
    assert by_source
    assert all(total == pytest.approx(1.0) for total in by_source.values())


def _flows(xml: bytes) -> list[tuple[str, str, str]]:
    from procesbank.core.safexml import parse

    root = parse(xml)
    return [
        (flow.get("id"), flow.get("sourceRef"), flow.get("targetRef"))
        for flow in root.iter("{http://www.omg.org/spec/BPMN/20100524/MODEL}sequenceFlow")
    ]


def test_the_discovered_model_states_its_fit_and_has_a_diagram():
    model = discover_inductive(read_xes(DATA / "receipt.xes.gz"), name="Modtagelse", noise=0.2)

    doc = parse_bpmn(model.bpmn_xml)
    assert doc.diagram_count == 1
    assert model.cases == 1434
    assert model.covered_cases < 1434
    assert 0.9 < model.fitness < 1.0
    assert model.activities == sum(1 for n in doc.nodes.values() if n.kind == "task")
