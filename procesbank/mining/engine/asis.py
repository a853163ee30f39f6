"""An as-is BPMN model discovered from an event log by the Inductive Miner.

Which model. :mod:`procesbank.mining.engine.inductive` finds a block-structured process tree
(IMf with the user's noise threshold; 0 is plain IM, whose model allows every case), and
:mod:`procesbank.mining.engine.treebpmn` writes it as BPMN with exclusive and parallel
gateways and the share of cases each branch took; the library's layout draws it. How well it
fits is measured on the whole log: the cases whose exact sequence the model allows, and the
token-replay fitness of :mod:`procesbank.mining.engine.conformance`.

Times (minutes). With start timestamps a task's handling time is measured from the events:
the 10th percentile, median and 90th percentile of (completion - start) as the three-point
estimate, waiting time the median of (start - previous completion in the case), executions
per case = events / cases containing the activity. Without start timestamps the time between
two events mixes waiting and handling, so no handling time can honestly be derived: the tasks
are left unmeasured (the library shows them as such) and only the lead time is reported.

Yearly volume: the cases of the log divided by the years its time span covers.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from procesbank.mining.engine import discovery
from procesbank.mining.engine.conformance import replay
from procesbank.mining.engine.inductive import accepts, discover_tree
from procesbank.mining.engine.normalise import ACTIVITY, CASE_ID, START_TIMESTAMP, TIMESTAMP
from procesbank.mining.engine.petrinet import petri_net
from procesbank.mining.engine.treebpmn import tree_to_bpmn
from procesbank.processes.engine.bpmn import (
    TaskMeasurements,
    parse_bpmn,
    serialize_bpmn,
    set_branch_probability,
    set_task_measurements,
)
from procesbank.processes.engine.diagram import add_diagram


def _measurements(log: pl.DataFrame) -> dict[str, TaskMeasurements]:
    if START_TIMESTAMP not in log.columns:
        return {}
    minutes = (pl.col(TIMESTAMP) - pl.col(START_TIMESTAMP)).dt.total_seconds() / 60
    previous = pl.col(TIMESTAMP).shift(1).over(CASE_ID)
    waiting = (pl.col(START_TIMESTAMP) - previous).dt.total_seconds() / 60
    stats = (
        log.with_columns(minutes.alias("m"), waiting.clip(lower_bound=0).alias("w"))
        .group_by(ACTIVITY)
        .agg(
            pl.col("m").quantile(0.1).alias("low"),
            pl.col("m").median().alias("likely"),
            pl.col("m").quantile(0.9).alias("high"),
            pl.col("w").median().alias("wait"),
            (pl.len() / pl.col(CASE_ID).n_unique()).alias("per_case"),
        )
        .with_columns(pl.col(ACTIVITY).cast(pl.String))
    )
    result: dict[str, TaskMeasurements] = {}
    for row in stats.to_dicts():
        low, likely, high = (max(row[key] or 0.0, 0.0) for key in ("low", "likely", "high"))
        result[row[ACTIVITY]] = TaskMeasurements(
            minutes_min=round(min(low, likely), 2),
            minutes_likely=round(likely, 2),
            minutes_max=round(max(high, likely), 2),
            executions_per_case=round(row["per_case"], 3),
            waiting_minutes=None if row["wait"] is None else round(row["wait"], 1),
        )
    return result


def yearly_volume(log: pl.DataFrame) -> int:
    """Cases per year over the log's time span (at least one year's worth: short logs are not
    extrapolated beyond their count)."""
    figures = discovery.summary(log)
    if figures.start is None or figures.end is None:
        return 0
    years = max((figures.end - figures.start).total_seconds() / (365.25 * 86400), 1.0)
    return round(figures.cases / years)


@dataclass(frozen=True)
class DiscoveredModel:
    """The Inductive Miner's model of a log, and how well it fits the log it came from."""

    bpmn_xml: bytes
    yearly_volume: int
    noise: float
    fitness: float  # token-based replay of the whole log on the model (0..1)
    fitting_cases: int  # cases the model replays without a missing or remaining token
    covered_cases: int  # cases whose exact sequence the model allows (the tree's language)
    cases: int
    activities: int  # tasks in the model
    measured: bool


def discover_inductive(log: pl.DataFrame, *, name: str, noise: float = 0.2) -> DiscoveredModel:
    """A sound, block-structured as-is model by the Inductive Miner (IMf with ``noise`` in
    0..1; 0 is plain IM, which replays every case), with the log's measurements in its tasks
    and the branch probabilities the cases took, and its fitness measured by replaying the
    whole log on it (:mod:`procesbank.mining.engine.conformance`)."""
    variants = {
        tuple(row["variant"]): int(row["cases"]) for row in discovery.variants(log).to_dicts()
    }
    tree = discover_tree(variants, noise)
    made = tree_to_bpmn(tree, name=name)
    doc = parse_bpmn(made.xml)
    add_diagram(doc)
    measurements = _measurements(log)
    for activity, task_id in made.tasks.items():
        if activity in measurements:
            set_task_measurements(doc, task_id, measurements[activity])
    for flow_id, probability in made.probabilities.items():
        set_branch_probability(doc, flow_id, probability)
    checked = replay(petri_net(doc), list(variants.items()))
    return DiscoveredModel(
        bpmn_xml=serialize_bpmn(doc),
        yearly_volume=yearly_volume(log),
        noise=noise,
        fitness=checked.fitness,
        fitting_cases=checked.fitting_cases,
        covered_cases=sum(cases for trace, cases in variants.items() if accepts(tree, trace)),
        cases=checked.cases,
        activities=len(made.tasks),
        measured=bool(measurements),
    )
