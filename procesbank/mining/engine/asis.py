"""An as-is BPMN model discovered from an event log: the most frequent paths, laid out.

Which paths. The variants are taken most frequent first while each covers at least
``min_share`` of the cases (the most frequent one always). The model is the directly-follows
graph of those variants: one task per activity, an exclusive (XOR) gateway wherever an
element has more than one successor (split) or predecessor (join), branch probabilities on
the split's flows from how often the cases took them. The model may allow more paths than the
kept variants (as any directly-follows model does); it never misses one of them.

Times (minutes). With start timestamps a task's handling time is measured from the events:
the 10th percentile, median and 90th percentile of (completion - start) as the three-point
estimate, waiting time the median of (start - previous completion in the case), executions
per case = events / cases containing the activity. Without start timestamps the time between
two events mixes waiting and handling, so no handling time can honestly be derived: the tasks
are left unmeasured (the library shows them as such) and only the lead time is reported.

Yearly volume: the cases of the log divided by the years its time span covers.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import polars as pl
from lxml import etree

from procesbank.mining.engine import discovery
from procesbank.mining.engine.layout import layered_layout
from procesbank.mining.engine.normalise import ACTIVITY, CASE_ID, START_TIMESTAMP, TIMESTAMP
from procesbank.processes.engine.bpmn import (
    TaskMeasurements,
    parse_bpmn,
    serialize_bpmn,
    set_branch_probability,
    set_task_measurements,
)

BPMN_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL"
BPMNDI_NS = "http://www.omg.org/spec/BPMN/20100524/DI"
DC_NS = "http://www.omg.org/spec/DD/20100524/DC"
DI_NS = "http://www.omg.org/spec/DD/20100524/DI"
START, END = "__start__", "__end__"
SIZES = {"task": (120, 70), "event": (36, 36), "gateway": (50, 50)}


@dataclass(frozen=True)
class AsIsModel:
    """The discovered model: BPMN bytes, the yearly volume and what it covers."""

    bpmn_xml: bytes
    yearly_volume: int
    variants: int
    covered_cases: int
    measured: bool


def _kept_variants(log: pl.DataFrame, min_share: float) -> list[tuple[list[str], int]]:
    rows = discovery.variants(log).to_dicts()
    kept = [rows[0]] + [row for row in rows[1:] if row["share"] >= min_share] if rows else []
    return [(list(row["variant"]), int(row["cases"])) for row in kept]


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


def discover_asis(log: pl.DataFrame, *, name: str, min_share: float = 0.05) -> AsIsModel:
    """The as-is model of the variants covering at least ``min_share`` (0..1) of the cases."""
    kept = _kept_variants(log, min_share)
    counts: dict[tuple[str, str], int] = {}
    for activities, cases in kept:
        path = [START, *activities, END]
        for source, target in itertools.pairwise(path):
            counts[(source, target)] = counts.get((source, target), 0) + cases
    activities = list(dict.fromkeys(a for variant, _ in kept for a in variant))
    ids = {START: "StartEvent_1", END: "EndEvent_1"}
    ids.update({activity: f"Task_{index + 1}" for index, activity in enumerate(activities)})
    kinds = {ids[START]: "event", ids[END]: "event"}
    kinds.update({ids[a]: "task" for a in activities})
    outs: dict[str, list[str]] = {}
    ins: dict[str, list[str]] = {}
    for source, target in counts:
        outs.setdefault(source, []).append(target)
        ins.setdefault(target, []).append(source)
    outlet = {node: ids[node] for node in ids}
    inlet = {node: ids[node] for node in ids}
    flows: list[tuple[str, str, str, float | None]] = []  # id, source, target, probability
    for node in ids:
        if len(outs.get(node, [])) > 1:
            outlet[node] = f"Gateway_split_{ids[node]}"
            kinds[outlet[node]] = "gateway"
            flows.append((f"Flow_{len(flows) + 1}", ids[node], outlet[node], None))
        if len(ins.get(node, [])) > 1:
            inlet[node] = f"Gateway_join_{ids[node]}"
            kinds[inlet[node]] = "gateway"
            flows.append((f"Flow_{len(flows) + 1}", inlet[node], ids[node], None))
    for (source, target), cases in counts.items():
        total = sum(counts[(source, t)] for t in outs[source])
        probability = cases / total if len(outs[source]) > 1 else None
        flows.append((f"Flow_{len(flows) + 1}", outlet[source], inlet[target], probability))
    order = [ids[START], *[ids[a] for a in activities], ids[END]]
    order += [element for element in kinds if element not in order]
    positions = layered_layout(order, [(s, t) for _, s, t, _ in flows])
    names = {ids[a]: a for a in activities}
    xml = _xml(name, kinds, names, flows, positions)
    doc = parse_bpmn(xml)
    measurements = _measurements(log)
    for activity in activities:
        if activity in measurements:
            set_task_measurements(doc, ids[activity], measurements[activity])
    # Rounded shares must still sum to exactly 1 per gateway: the last flow takes the rest.
    assigned: dict[str, float] = {}
    last: dict[str, str] = {}
    for flow_id, source, _target, probability in flows:
        if probability is not None:
            share = round(probability, 4)
            assigned[source] = assigned.get(source, 0.0) + share
            last[source] = flow_id
            set_branch_probability(doc, flow_id, share)
    for source, flow_id in last.items():
        final = next(p for f, _s, _t, p in flows if f == flow_id) or 0.0
        rest = round(1.0 - (assigned[source] - round(final, 4)), 6)
        set_branch_probability(doc, flow_id, rest)
    return AsIsModel(
        bpmn_xml=serialize_bpmn(doc),
        yearly_volume=yearly_volume(log),
        variants=len(kept),
        covered_cases=sum(cases for _, cases in kept),
        measured=bool(measurements),
    )


def _xml(
    name: str,
    kinds: dict[str, str],
    names: dict[str, str],
    flows: list[tuple[str, str, str, float | None]],
    positions: dict,
) -> bytes:
    nsmap = {"bpmn": BPMN_NS, "bpmndi": BPMNDI_NS, "dc": DC_NS, "di": DI_NS}
    root = etree.Element(
        f"{{{BPMN_NS}}}definitions",
        {"id": "Definitions_1", "targetNamespace": "https://procesbank.dk/mining"},
        nsmap=nsmap,
    )
    process = etree.SubElement(
        root, f"{{{BPMN_NS}}}process", {"id": "Process_1", "name": name, "isExecutable": "false"}
    )
    tags = {"task": "task", "gateway": "exclusiveGateway"}
    for element, kind in kinds.items():
        if kind == "event":
            tag = "startEvent" if element.startswith("Start") else "endEvent"
        else:
            tag = tags[kind]
        attributes = {"id": element}
        if element in names:
            attributes["name"] = names[element]
        etree.SubElement(process, f"{{{BPMN_NS}}}{tag}", attributes)
    for flow_id, source, target, _ in flows:
        etree.SubElement(
            process,
            f"{{{BPMN_NS}}}sequenceFlow",
            {"id": flow_id, "sourceRef": source, "targetRef": target},
        )
    diagram = etree.SubElement(root, f"{{{BPMNDI_NS}}}BPMNDiagram", {"id": "Diagram_1"})
    plane = etree.SubElement(
        diagram, f"{{{BPMNDI_NS}}}BPMNPlane", {"id": "Plane_1", "bpmnElement": "Process_1"}
    )
    centres: dict[str, tuple[float, float]] = {}
    for element, kind in kinds.items():
        width, height = SIZES[kind]
        x, y = 100 + positions[element].x * 0.75, 100 + positions[element].y * 1.2
        centres[element] = (x + 60, y + 35)
        shape = etree.SubElement(
            plane,
            f"{{{BPMNDI_NS}}}BPMNShape",
            {"id": f"{element}_di", "bpmnElement": element},
        )
        etree.SubElement(
            shape,
            f"{{{DC_NS}}}Bounds",
            {
                "x": f"{x + 60 - width / 2:.0f}",
                "y": f"{y + 35 - height / 2:.0f}",
                "width": str(width),
                "height": str(height),
            },
        )
    for flow_id, source, target, _ in flows:
        edge = etree.SubElement(
            plane, f"{{{BPMNDI_NS}}}BPMNEdge", {"id": f"{flow_id}_di", "bpmnElement": flow_id}
        )
        for element in (source, target):
            cx, cy = centres[element]
            etree.SubElement(edge, f"{{{DI_NS}}}waypoint", {"x": f"{cx:.0f}", "y": f"{cy:.0f}"})
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
