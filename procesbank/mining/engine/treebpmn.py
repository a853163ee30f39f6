"""A process tree (:mod:`procesbank.mining.engine.inductive`) as block-structured BPMN.

Each node becomes a fragment with one way in and one way out: an activity a task, a sequence
its children in a row, a choice an exclusive gateway pair, parallel branches a parallel gateway
pair, a loop an exclusive join before the do part and an exclusive split after it (one way out,
one way back through the redo part). A silent step (tau) is a plain flow. Because every
fragment is well nested, the model is sound: every case can finish and no token is left.

The split flows carry branch probabilities from the tree's frequencies (how many traces took
each branch when the log was split), so the library's figures start from the log. The
semantic part is written here; the drawing is added by the library's own layered layout
(:func:`procesbank.processes.engine.diagram.add_diagram`).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from xml.sax.saxutils import quoteattr

from procesbank.mining.engine.inductive import Operator, Tree

BPMN_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL"


@dataclass
class _Builder:
    elements: list[str] = field(default_factory=list)
    flows: list[tuple[str, str, str]] = field(default_factory=list)  # id, source, target
    probabilities: dict[str, float] = field(default_factory=dict)  # flow id -> share
    tasks: dict[str, str] = field(default_factory=dict)  # activity -> task id
    leaving: dict[str, float] = field(default_factory=dict)  # loop split -> share of leaving
    counter: int = 0

    def new_id(self, prefix: str) -> str:
        self.counter += 1
        return f"{prefix}_{self.counter}"

    def flow(self, source: str, target: str, probability: float | None = None) -> None:
        flow_id = self.new_id("Flow")
        self.flows.append((flow_id, source, target))
        if probability is None:
            probability = self.leaving.pop(source, None)
        if probability is not None:
            self.probabilities[flow_id] = probability

    def element(self, tag: str, prefix: str, name: str = "") -> str:
        element_id = self.new_id(prefix)
        label = f" name={quoteattr(name)}" if name else ""
        self.elements.append(f'<{tag} id="{element_id}"{label}/>')
        return element_id


@dataclass(frozen=True)
class TreeBpmn:
    xml: bytes
    tasks: dict[str, str]  # activity -> task id
    probabilities: dict[str, float]  # flow id -> branch probability


def tree_to_bpmn(tree: Tree, *, name: str) -> TreeBpmn:
    """The BPMN 2.0 XML (without a diagram) of the tree, with start and end events."""
    builder = _Builder()
    start = builder.element("startEvent", "StartEvent")
    fragment = _fragment(builder, tree)
    end = builder.element("endEvent", "EndEvent")
    if fragment is None:
        builder.flow(start, end)
    else:
        builder.flow(start, fragment[0])
        builder.flow(fragment[1], end)
    body = "".join(builder.elements) + "".join(
        f'<sequenceFlow id="{f}" sourceRef="{s}" targetRef="{t}"/>' for f, s, t in builder.flows
    )
    xml = (
        f'<?xml version="1.0" encoding="UTF-8"?><definitions xmlns="{BPMN_NS}" '
        'id="Definitions_1" targetNamespace="https://procesbank.dk/mining">'
        f'<process id="Process_1" name={quoteattr(name)} isExecutable="false">{body}</process>'
        "</definitions>"
    )
    return TreeBpmn(xml.encode("utf-8"), dict(builder.tasks), dict(builder.probabilities))


def _shares(counts: list[int]) -> list[float]:
    """Shares of ``counts`` rounded to four places that add up to exactly 1 (the last takes
    the rest); equal shares when nothing was counted."""
    total = sum(counts)
    if total <= 0:
        counts, total = [1] * len(counts), len(counts)
    shares = [round(count / total, 4) for count in counts[:-1]]
    return [*shares, round(1.0 - sum(shares), 4)]


Fragment = tuple[str, str] | None  # (first element, last element); None: nothing (tau)


def _fragment(builder: _Builder, node: Tree) -> Fragment:
    if node.operator is Operator.TAU:
        return None
    if node.operator is Operator.ACTIVITY:
        task = builder.element("task", "Task", node.label)
        builder.tasks.setdefault(node.label, task)
        return task, task
    if node.operator is Operator.SEQUENCE:
        parts = [f for f in (_fragment(builder, child) for child in node.children) if f]
        for before, after in itertools.pairwise(parts):
            builder.flow(before[1], after[0])
        return (parts[0][0], parts[-1][1]) if parts else None
    if node.operator in (Operator.XOR, Operator.PARALLEL):
        tag = "exclusiveGateway" if node.operator is Operator.XOR else "parallelGateway"
        split = builder.element(tag, "Gateway")
        join = builder.element(tag, "Gateway")
        shares = _shares([child.frequency for child in node.children])
        for child, share in zip(node.children, shares, strict=True):
            probability = share if node.operator is Operator.XOR else None
            inner = _fragment(builder, child)
            if inner is None:
                builder.flow(split, join, probability)
            else:
                builder.flow(split, inner[0], probability)
                builder.flow(inner[1], join)
        return split, join
    # LOOP: in -> join -> do -> split -> out, and split -> redo -> join
    do, redo = node.children
    join = builder.element("exclusiveGateway", "Gateway")
    split = builder.element("exclusiveGateway", "Gateway")
    inner = _fragment(builder, do)
    if inner is None:
        builder.flow(join, split)
    else:
        builder.flow(join, inner[0])
        builder.flow(inner[1], split)
    # Each pass through the do part ends at the split: it leaves or goes round again.
    passes = node.frequency + node.redo_count
    leave, again = _shares([passes - node.redo_count, node.redo_count])
    back = _fragment(builder, redo)
    if back is None:
        builder.flow(split, join, again)
    else:
        builder.flow(split, back[0], again)
        builder.flow(back[1], join)
    builder.leaving[split] = leave  # taken by the flow that leaves the loop
    return join, split
