"""Token replay (procesbank.mining.conformance) against PM4Py's figures."""

from __future__ import annotations

from pathlib import Path

from procesbank.mining import discovery
from procesbank.mining.conformance import petri_net, replay, replay_trace
from procesbank.mining.eventlog import read_xes
from procesbank.processes.bpmn import parse_bpmn

DATA = Path(__file__).resolve().parents[3] / "tests" / "data" / "event-logs"


def _net(name):
    return petri_net(parse_bpmn((DATA / name).read_bytes()))


def test_running_example_fits_its_model_as_in_pm4py():
    # PM4Py: fitness_token_based_replay -> log_fitness 1.0, 100 % fitting traces.
    log = read_xes(DATA / "running-example.xes")
    variants = [(row["variant"], row["cases"]) for row in discovery.variants(log).to_dicts()]

    result = replay(_net("running-example.bpmn"), variants)

    assert (result.fitness, result.fitting_cases, result.cases) == (1.0, 6, 6)


def test_unknown_activity_is_reported_and_trace_does_not_fit():
    net = _net("running-example.bpmn")

    result = replay_trace(
        net, ["register request", "examine casually", "check ticket", "lunch", "decide",
              "pay compensation"],
    )  # fmt: skip

    assert dict(result.unknown) == {"lunch": 1}
    assert not result.fits


def test_skipping_the_whole_middle_costs_tokens():
    # register request then pay compensation: the parallel split's two tokens remain and
    # pay compensation's input is missing, so the trace cannot score 1.
    result = replay_trace(_net("running-example.bpmn"), ["register request", "pay compensation"])

    assert result.missing >= 1
    assert result.remaining >= 1
    assert result.fitness < 1
