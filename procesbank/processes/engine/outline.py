"""A BPMN diagram as structured text, for readers who cannot see the drawing (WCAG 1.1.1).

The outline walks the sequence flows from the start events, breadth first, and lists every
flow node once with its role (lane) and where each of its outgoing flows leads (with the
flow's name or condition, e.g. "ja" / "nej" after a gateway). The main path is the walk from
the first start event along single outgoing flows up to the first branching node, which the
page shows as one line: "Start → Modtag ansøgning (Sagsbehandler) → Gateway: Komplet? …".
Labels such as "Start" or "Gateway" are the page's to translate; this module only orders.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from procesbank.processes.engine.bpmn import BpmnDocument, FlowNode, NodeCategory


@dataclass(frozen=True)
class OutlineNode:
    """One flow node: ``kind`` is the BPMN tag (startEvent, exclusiveGateway, userTask ...)."""

    id: str
    name: str
    kind: str
    category: NodeCategory
    lane: str


@dataclass(frozen=True)
class OutlineBranch:
    """An outgoing sequence flow: its label (name, else condition) and its target."""

    label: str
    target: OutlineNode
    probability: float | None = None

    @property
    def percent(self) -> float | None:
        """The branch probability in per cent (0-100), if the consultant gave one."""
        return None if self.probability is None else self.probability * 100


@dataclass(frozen=True)
class OutlineStep:
    node: OutlineNode
    branches: tuple[OutlineBranch, ...]
    attached_to: OutlineNode | None = None


@dataclass(frozen=True)
class OutlineLane:
    """A lane (a role) and the tasks and sub-processes in it, in walking order."""

    name: str
    nodes: tuple[OutlineNode, ...]

    @property
    def names(self) -> str:
        """The lane's tasks as one line: "Modtag ansøgning, Bed om oplysninger"."""
        return ", ".join(node.name or node.id for node in self.nodes)


@dataclass(frozen=True)
class Outline:
    steps: tuple[OutlineStep, ...]
    main_path: tuple[OutlineStep, ...]
    lanes: tuple[OutlineLane, ...]

    @property
    def main_path_complete(self) -> bool:
        """True when the main path reaches an end (no branch or loop cut it short)."""
        return bool(self.main_path) and not self.main_path[-1].branches


def _node(node: FlowNode) -> OutlineNode:
    return OutlineNode(
        id=node.id,
        name=" ".join(node.name.split()),
        kind=node.kind,
        category=node.category,
        lane=node.lane,
    )


def bpmn_outline(doc: BpmnDocument) -> Outline:
    """The flow nodes of ``doc`` in walking order, with their branches, main path and lanes."""
    outgoing: dict[str, list[OutlineBranch]] = {node_id: [] for node_id in doc.nodes}
    for flow in doc.flows.values():
        if flow.source_id not in doc.nodes or flow.target_id not in doc.nodes:
            continue
        label = (flow.name or flow.condition).strip()
        target = _node(doc.nodes[flow.target_id])
        outgoing[flow.source_id].append(OutlineBranch(label, target, flow.probability))

    starts = [
        node_id
        for node_id, node in doc.nodes.items()
        if node.kind == "startEvent" and not node.triggered_by_event
    ]
    order: list[str] = []
    seen: set[str] = set()
    queue = deque(starts)
    while queue:
        node_id = queue.popleft()
        if node_id in seen:
            continue
        seen.add(node_id)
        order.append(node_id)
        queue.extend(branch.target.id for branch in outgoing[node_id])
        # Boundary events on this node lead on from it.
        queue.extend(other.id for other in doc.nodes.values() if other.attached_to == node_id)
    order.extend(node_id for node_id in doc.nodes if node_id not in seen)

    steps = {
        node_id: OutlineStep(
            node=_node(doc.nodes[node_id]),
            branches=tuple(outgoing[node_id]),
            attached_to=_node(doc.nodes[doc.nodes[node_id].attached_to])
            if doc.nodes[node_id].attached_to in doc.nodes
            else None,
        )
        for node_id in order
    }

    main: list[OutlineStep] = []
    walking: str | None = starts[0] if starts else None
    visited: set[str] = set()
    while walking is not None and walking not in visited:
        visited.add(walking)
        step = steps[walking]
        main.append(step)
        walking = step.branches[0].target.id if len(step.branches) == 1 else None

    # Per lane (role), the work done there: its tasks and sub-processes.
    lanes: dict[str, list[OutlineNode]] = {}
    for node_id in order:
        node = steps[node_id].node
        if node.lane and node.category in (NodeCategory.TASK, NodeCategory.SUBPROCESS):
            lanes.setdefault(node.lane, []).append(node)
    return Outline(
        steps=tuple(steps[node_id] for node_id in order),
        main_path=tuple(main),
        lanes=tuple(OutlineLane(name, tuple(nodes)) for name, nodes in lanes.items()),
    )
