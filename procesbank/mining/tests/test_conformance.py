"""Token replay (conformance.py, petrinet.py) against PM4Py, computed here on the same files.

PM4Py (AGPL) is imported in this test only, as the independent reference; the modules under
test never import it. Both sides read the same BPMN file and XES log: PM4Py converts the
BPMN to a Petri net with ``convert_to_petri_net`` and replays it with its token-based replay;
ours parses the BPMN with procesbank.processes.engine.bpmn and the log with our XES reader.
"""

from __future__ import annotations

import warnings
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from procesbank.mining.engine import discovery
from procesbank.mining.engine.conformance import Replayer, replay, replay_trace
from procesbank.mining.engine.eventlog import read_xes
from procesbank.mining.engine.petrinet import petri_net
from procesbank.processes.engine.bpmn import parse_bpmn

DATA = Path(__file__).resolve().parents[3] / "tests" / "data" / "event-logs"
MODELS = [("running-example.bpmn", "running-example.xes"), ("receipt.bpmn", "receipt.xes.gz")]
warnings.filterwarnings("ignore", module="pm4py")


@cache
def _pm4py_replay(model: str, log_name: str):
    """PM4Py's net, per-trace diagnostics (with the case's activities) and log fitness."""
    import pm4py

    net, initial, final = pm4py.convert_to_petri_net(pm4py.read_bpmn(str(DATA / model)))
    log = pm4py.convert_to_event_log(
        pm4py.read_xes(str(DATA / log_name), variant="iterparse", show_progress_bar=False)
    )
    diagnostics = pm4py.conformance_diagnostics_token_based_replay(log, net, initial, final)
    traces = [tuple(event["concept:name"] for event in trace) for trace in log]
    summary = pm4py.fitness_token_based_replay(log, net, initial, final)
    return net, list(zip(traces, diagnostics, strict=True)), summary


@cache
def _our_net(model: str):
    return petri_net(parse_bpmn((DATA / model).read_bytes()))


def _our_variants(log_name: str) -> list[tuple[list[str], int]]:
    log = read_xes(DATA / log_name)
    return [(row["variant"], row["cases"]) for row in discovery.variants(log).to_dicts()]


@pytest.mark.parametrize(("model", "log_name"), MODELS)
def test_petri_net_is_the_one_pm4py_converts(model, log_name):
    pm4py_net = _pm4py_replay(model, log_name)[0]

    theirs = Counter(
        (
            t.label or "",
            tuple(sorted(a.source.name for a in t.in_arcs)),
            tuple(sorted(a.target.name for a in t.out_arcs)),
        )
        for t in pm4py_net.transitions
    )
    ours = Counter(
        (t.label or "", tuple(sorted(t.consumes)), tuple(sorted(t.produces)))
        for t in _our_net(model).transitions
    )

    assert ours == theirs
    assert sorted(_our_net(model).places) == sorted(p.name for p in pm4py_net.places)


@pytest.mark.parametrize(("model", "log_name"), MODELS)
def test_every_trace_replays_with_pm4py_token_counts(model, log_name):
    replayer = Replayer(_our_net(model))
    traces = _pm4py_replay(model, log_name)[1]

    mismatches = []
    for activities, expected in traces:
        ours = replayer.replay_trace(activities)
        got = (ours.missing, ours.consumed, ours.remaining, ours.produced, ours.fits)
        wanted = (
            expected["missing_tokens"],
            expected["consumed_tokens"],
            expected["remaining_tokens"],
            expected["produced_tokens"],
            expected["trace_is_fit"],
        )
        if got != wanted or abs(ours.fitness - expected["trace_fitness"]) > 1e-12:
            mismatches.append((activities, got, wanted))

    assert len(traces) == {"running-example.xes": 6, "receipt.xes.gz": 1434}[log_name]
    assert mismatches == []


@pytest.mark.parametrize(("model", "log_name"), MODELS)
def test_log_fitness_equals_pm4py(model, log_name):
    expected = _pm4py_replay(model, log_name)[2]

    result = replay(_our_net(model), _our_variants(log_name))

    assert abs(result.fitness - expected["log_fitness"]) < 1e-12
    assert abs(result.average_trace_fitness - expected["average_trace_fitness"]) < 1e-12
    assert result.fitting_share * 100 == pytest.approx(expected["perc_fit_traces"], abs=1e-12)


def test_receipt_figures_by_hand_from_pm4py_counts():
    # PM4Py 2.7.23: 1420 of 1434 cases fit; missing 23, consumed 74985, remaining 28,
    # produced 74990 over all cases: ½(1 − 23/74985) + ½(1 − 28/74990) = 0.999659944434991.
    result = replay(_our_net("receipt.bpmn"), _our_variants("receipt.xes.gz"))

    assert (result.fitting_cases, result.cases) == (1420, 1434)
    assert (result.missing, result.consumed, result.remaining, result.produced) == (
        23,
        74985,
        28,
        74990,
    )
    assert result.fitness == pytest.approx(0.5 * (1 - 23 / 74985) + 0.5 * (1 - 28 / 74990))
    assert sum(v.cases for v in result.deviating_variants) == 14
    counts = [v.cases for v in result.deviating_variants]
    assert counts == sorted(counts, reverse=True)


def test_running_example_fits_its_model():
    result = replay(_our_net("running-example.bpmn"), _our_variants("running-example.xes"))

    assert (result.fitness, result.fitting_cases, result.cases) == (1.0, 6, 6)
    assert result.activities == []
    assert result.deviating_variants == []


def test_activity_outside_the_model_is_reported_but_does_not_cost_tokens():
    net = _our_net("running-example.bpmn")
    fitting = ["register request", "examine casually", "check ticket", "decide"]

    result = replay_trace(net, [*fitting[:3], "lunch", fitting[3], "pay compensation"])

    assert dict(result.unknown) == {"lunch": 1}
    assert (result.missing, result.remaining, result.fits) == (0, 0, True)
    assert result.deviates


def test_skipping_the_middle_is_out_of_order_and_leaves_the_branches_waiting():
    # register request leaves a token before the parallel split (examine … / check ticket);
    # pay compensation then finds its input place empty: one missing token. The token before
    # the split remains, waiting for what follows the split. PM4Py: missing 1, consumed 4,
    # remaining 1, produced 4 for this trace.
    result = replay_trace(
        _our_net("running-example.bpmn"), ["register request", "pay compensation"]
    )

    assert result.out_of_order == Counter({"pay compensation": 1})
    assert (result.missing, result.consumed, result.remaining, result.produced) == (1, 4, 1, 4)
    assert result.skipped == Counter(
        {"check ticket": 1, "examine casually": 1, "examine thoroughly": 1}
    )
    assert result.fitness == 0.5 * (1 - 1 / 4) + 0.5 * (1 - 1 / 4)
    assert not result.fits


BPMN_HEAD = (
    '<?xml version="1.0"?><definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" '
    'id="d"><process id="p">'
)


def test_intermediate_event_passes_the_token_on():
    # start → A → timer event → B → end: PM4Py drops the event with its flows; we let the
    # token pass, so A, B fits exactly (1 + 1 + 1 + 1 consumed as produced, nothing left).
    doc = parse_bpmn(
        (
            BPMN_HEAD + '<startEvent id="s"/><task id="a" name="A"/>'
            '<intermediateCatchEvent id="t"/><task id="b" name="B"/><endEvent id="e"/>'
            '<sequenceFlow id="f1" sourceRef="s" targetRef="a"/>'
            '<sequenceFlow id="f2" sourceRef="a" targetRef="t"/>'
            '<sequenceFlow id="f3" sourceRef="t" targetRef="b"/>'
            '<sequenceFlow id="f4" sourceRef="b" targetRef="e"/></process></definitions>'
        ).encode()
    )

    result = replay_trace(petri_net(doc), ["A", "B"])

    assert (result.missing, result.remaining, result.fits) == (0, 0, True)


def test_sub_process_is_entered_and_left():
    doc = parse_bpmn(
        (
            BPMN_HEAD + '<startEvent id="s"/><subProcess id="sp" name="Behandling">'
            '<startEvent id="s2"/><task id="a" name="A"/><endEvent id="e2"/>'
            '<sequenceFlow id="g1" sourceRef="s2" targetRef="a"/>'
            '<sequenceFlow id="g2" sourceRef="a" targetRef="e2"/></subProcess>'
            '<task id="b" name="B"/><endEvent id="e"/>'
            '<sequenceFlow id="f1" sourceRef="s" targetRef="sp"/>'
            '<sequenceFlow id="f2" sourceRef="sp" targetRef="b"/>'
            '<sequenceFlow id="f3" sourceRef="b" targetRef="e"/></process></definitions>'
        ).encode()
    )

    fitting = replay_trace(petri_net(doc), ["A", "B"])
    skipping = replay_trace(petri_net(doc), ["B"])

    assert (fitting.missing, fitting.remaining, fitting.fits) == (0, 0, True)
    assert skipping.out_of_order == Counter({"B": 1})
    assert skipping.skipped == Counter({"A": 1})


def test_out_of_order_steps_are_the_positions_that_lacked_a_token():
    result = replay_trace(
        _our_net("running-example.bpmn"),
        ["register request", "pay compensation", "lunch", "register request"],
    )

    assert result.out_of_order_steps == [1, 3]
