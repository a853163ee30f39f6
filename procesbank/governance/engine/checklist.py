"""The checklist a process version must pass before its owner approves it.

The modelling conventions are checked on the parsed BPMN (the processes app's reader and its
outline walk, which already lists every flow node reachable from a start event): a start and
an end event, every task named and placed in a lane (its role), every element reachable from a
start and none a dead end. Two facts of the process complete the list: a description, and an
owner who is a person. Labels are the Django layer's to translate: each item has a ``key``.
"""

from __future__ import annotations

from dataclasses import dataclass

from procesbank.processes.engine.bpmn import BpmnDocument, FlowNode, NodeCategory
from procesbank.processes.engine.outline import bpmn_outline


@dataclass(frozen=True)
class CheckItem:
    """One line of the checklist: ``ok`` or not, with the names (or ids) of what fails."""

    key: str
    ok: bool
    offenders: tuple[str, ...] = ()


CHECK_KEYS = (
    "start_and_end",
    "tasks_named",
    "tasks_in_lanes",
    "all_reachable",
    "no_dead_ends",
    "description",
    "owner",
)


def _exempt(doc: BpmnDocument, node: FlowNode) -> bool:
    """Nodes outside the normal flow: compensation handlers and event sub-processes (and what
    is inside them) are started by events, not reached along sequence flows; link events jump
    to their partner."""
    if node.is_for_compensation or node.triggered_by_event:
        return True
    if "link" in node.event_definitions:  # a link event jumps: the pair has no flow between
        return True
    parent = doc.nodes.get(node.parent_id)
    return parent is not None and _exempt(doc, parent)


def review_checklist(
    doc: BpmnDocument, *, has_description: bool, has_owner: bool
) -> tuple[CheckItem, ...]:
    """The checklist of one model, in the order of :data:`CHECK_KEYS`."""
    nodes = list(doc.nodes.values())
    top_level = {p.id for p in doc.processes}
    kinds = {n.kind for n in nodes if n.parent_id in top_level}
    tasks = [n for n in nodes if n.category is NodeCategory.TASK]
    unnamed = tuple(t.id for t in tasks if not t.name.strip())
    without_lane = tuple(t.label for t in tasks if not t.lane)

    walked: set[str] = set()
    outline = bpmn_outline(doc)
    starts = [s.node.id for s in outline.steps if s.node.kind == "startEvent"]
    # The outline lists reachable nodes first, then the rest: walk the flows again for the set.
    outgoing: dict[str, list[str]] = {n.id: [] for n in nodes}
    for flow in doc.flows.values():
        if flow.source_id in outgoing and flow.target_id in doc.nodes:
            outgoing[flow.source_id].append(flow.target_id)
    for node in nodes:  # a boundary event leads on from its host
        if node.attached_to in outgoing:
            outgoing[node.attached_to].append(node.id)
    queue = [s for s in starts if not doc.nodes[s].triggered_by_event]
    while queue:
        current = queue.pop()
        if current in walked:
            continue
        walked.add(current)
        queue.extend(outgoing[current])
        # A sub-process's inside starts at its own start events.
        queue.extend(n.id for n in nodes if n.parent_id == current and n.kind == "startEvent")
    unreachable = tuple(n.label for n in nodes if n.id not in walked and not _exempt(doc, n))
    dead_ends = tuple(
        n.label
        for n in nodes
        if not outgoing[n.id]
        and n.kind != "endEvent"
        and not _exempt(doc, n)
        # A compensation boundary event points at its handler by an association.
        and "compensate" not in n.event_definitions
    )
    return (
        CheckItem("start_and_end", "startEvent" in kinds and "endEvent" in kinds),
        CheckItem("tasks_named", bool(tasks) and not unnamed, unnamed),
        CheckItem("tasks_in_lanes", bool(tasks) and not without_lane, without_lane),
        CheckItem("all_reachable", not unreachable, unreachable),
        CheckItem("no_dead_ends", not dead_ends, dead_ends),
        CheckItem("description", has_description),
        CheckItem("owner", has_owner),
    )


def checklist_passes(items: tuple[CheckItem, ...]) -> bool:
    return all(item.ok for item in items)
