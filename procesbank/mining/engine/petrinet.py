"""A BPMN model as a Petri net, built the way PM4Py's ``convert_to_petri_net`` builds it.

Token replay (:mod:`procesbank.mining.engine.conformance`) counts the tokens that transitions
consume and produce, so its figures depend on the exact shape of the net; to give the same
fitness as PM4Py, the reference tool, the net is built as PM4Py builds it:

* a place ``source`` (initial marking) and ``sink`` (final marking), and a place per
  sequence flow, named by the flow's id;
* each task, start and end event and gateway gets an entry place ``ent_<id>``, an exit place
  ``exi_<id>`` and a transition between them (named by the node's id), labelled with the
  task's name; every other transition is silent;
* a start event is fed from ``source``, an end event feeds ``sink``;
* a parallel (and an inclusive) gateway with several outgoing flows gets a silent split
  transition that puts a token on each; with several incoming flows a silent join transition
  that waits for all; an exclusive gateway lets one flow in and one out;
* a flow leaving a node through a place gets a silent transition ``sfl_<flow>``, a flow
  entering a node through a place one ``tfl_<flow>``;
* finally silent transitions with one input (output) place that nobody else uses are merged
  into their neighbour (PM4Py's ``apply_simple_reduction``).

Beyond PM4Py, which drops them with their flows, intermediate events and event-based and
complex gateways pass the token on like an exclusive gateway, and an embedded sub-process
starts its inner start events and is left when an inner end event is reached. Boundary
events are still dropped (their path can only be replayed with missing tokens). For an
inclusive gateway PM4Py adds a silent skip from each split branch to the nearest join flow;
that is done here with a breadth-first search, whose choice among equally near joins may
differ from PM4Py's.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

from procesbank.processes.engine.bpmn import BpmnDocument, NodeCategory

SOURCE = "source"
SINK = "sink"
MAX_SILENT_PATH = 50  # PM4Py's MAX_REC_DEPTH for shortest silent paths

_PASS_THROUGH = {
    "exclusiveGateway",
    "eventBasedGateway",
    "complexGateway",
    "intermediateCatchEvent",
    "intermediateThrowEvent",
    "implicitThrowEvent",
}
_JOINING = {"parallelGateway", "inclusiveGateway"}


@dataclass(frozen=True)
class Transition:
    """A transition: ``label`` None for a silent one; an input (output) place is listed once
    per arc, as an arc may be doubled by the reduction."""

    name: str
    label: str | None
    consumes: tuple[str, ...]
    produces: tuple[str, ...]


@dataclass(frozen=True)
class PetriNet:
    """A Petri net with one token on ``source`` initially and one on ``sink`` at the end."""

    transitions: tuple[Transition, ...]
    places: tuple[str, ...]

    def labels(self) -> set[str]:
        """The activities the model knows (labels of visible transitions)."""
        return {t.label for t in self.transitions if t.label is not None}


@dataclass
class _Builder:
    """A mutable net: transition name -> [label, input places, output places]."""

    places: set[str] = field(default_factory=lambda: {SOURCE, SINK})
    transitions: dict[str, tuple[str | None, list[str], list[str]]] = field(default_factory=dict)

    def add(self, name: str, label: str | None, consumes: list[str], produces: list[str]) -> str:
        self.places.update(consumes)
        self.places.update(produces)
        self.transitions[name] = (label, list(consumes), list(produces))
        return name

    def feeders(self, place: str) -> list[str]:
        """Transitions with an arc into ``place``, once per arc."""
        return [n for n, (_, _, outs) in self.transitions.items() for p in outs if p == place]

    def takers(self, place: str) -> list[str]:
        """Transitions with an arc out of ``place``, once per arc."""
        return [n for n, (_, ins, _) in self.transitions.items() for p in ins if p == place]


def petri_net(doc: BpmnDocument) -> PetriNet:
    """The Petri net of all processes of the document (see the module docstring)."""
    builder = _Builder()
    entering, exiting = _add_nodes(doc, builder)
    for flow in doc.flows.values():
        if flow.source_id not in exiting or flow.target_id not in entering:
            continue
        source_kind, source = exiting[flow.source_id]
        target_kind, target = entering[flow.target_id]
        place = flow.id
        if source_kind == "place":
            source = builder.add(f"sfl_{flow.id}", None, [source], [])
        if target_kind == "place":
            target = builder.add(f"tfl_{flow.id}", None, [], [target])
        builder.transitions[source][2].append(place)
        builder.transitions[target][1].append(place)
        builder.places.add(place)
    _add_inclusive_skips(doc, builder)
    _reduce(builder)
    used = {p for _, ins, outs in builder.transitions.values() for p in (*ins, *outs)}
    return PetriNet(
        transitions=tuple(
            Transition(name, label, tuple(ins), tuple(outs))
            for name, (label, ins, outs) in sorted(builder.transitions.items())
        ),
        places=tuple(sorted(p for p in builder.places if p in used or p in (SOURCE, SINK))),
    )


def _flow_counts(doc: BpmnDocument) -> tuple[dict[str, int], dict[str, int]]:
    outgoing: dict[str, int] = {}
    incoming: dict[str, int] = {}
    for flow in doc.flows.values():
        outgoing[flow.source_id] = outgoing.get(flow.source_id, 0) + 1
        incoming[flow.target_id] = incoming.get(flow.target_id, 0) + 1
    return outgoing, incoming


def _add_nodes(
    doc: BpmnDocument, builder: _Builder
) -> tuple[dict[str, tuple[str, str]], dict[str, tuple[str, str]]]:
    """Each convertible node's transition; returns per node id how a flow enters and leaves
    it: ("place", entry/exit place) or ("transition", split/join transition)."""
    outgoing, incoming = _flow_counts(doc)
    entering: dict[str, tuple[str, str]] = {}
    exiting: dict[str, tuple[str, str]] = {}
    for node in doc.nodes.values():
        kind = node.kind
        top_level = node.parent_id == node.process_id
        convertible = (
            node.category is NodeCategory.TASK
            or node.category is NodeCategory.SUBPROCESS
            or kind in _PASS_THROUGH
            or kind in _JOINING
            or kind in ("startEvent", "endEvent")
        )
        if not convertible:
            continue
        entry, exit_ = f"ent_{node.id}", f"exi_{node.id}"
        label = None
        if node.category is NodeCategory.TASK:
            label = node.name.replace("\r", "").replace("\n", "").strip() or None
        builder.add(node.id, label, [entry], [exit_])
        entering[node.id] = ("place", entry)
        exiting[node.id] = ("place", exit_)
        if kind in _JOINING:
            if outgoing.get(node.id, 0) > 1:
                exiting[node.id] = (
                    "transition",
                    builder.add(f"split_{node.id}", None, [exit_], []),
                )
            if incoming.get(node.id, 0) > 1:
                entering[node.id] = (
                    "transition",
                    builder.add(f"join_{node.id}", None, [], [entry]),
                )
        if kind == "startEvent":
            start_place = SOURCE if top_level else f"ent_{node.parent_id}_inner"
            builder.add(f"start_{node.id}", None, [start_place], [entry])
        elif kind == "endEvent":
            end_place = SINK if top_level else f"exi_{node.parent_id}"
            builder.add(f"end_{node.id}", None, [exit_], [end_place])
    _wire_subprocesses(doc, builder)
    return entering, exiting


def _wire_subprocesses(doc: BpmnDocument, builder: _Builder) -> None:
    """A sub-process with inner start events hands its token to them instead of leaving at
    once; its inner end events lead to its exit place."""
    for node in doc.nodes.values():
        if node.category is not NodeCategory.SUBPROCESS:
            continue
        inner = f"ent_{node.id}_inner"
        if any(inner in ins for _, ins, _ in builder.transitions.values()):
            label, ins, _outs = builder.transitions[node.id]
            builder.transitions[node.id] = (label, ins, [inner])
            builder.places.add(inner)


def _add_inclusive_skips(doc: BpmnDocument, builder: _Builder) -> None:
    """A silent skip from each branch of an inclusive split to the nearest inclusive join
    flow, so that a branch not taken need not be replayed (PM4Py's OR-gateway rule)."""
    outgoing, incoming = _flow_counts(doc)
    inclusive = {n.id for n in doc.nodes.values() if n.kind == "inclusiveGateway"}
    exits = {
        f.id for f in doc.flows.values() if f.source_id in inclusive and outgoing[f.source_id] > 1
    }
    entries = {
        f.id for f in doc.flows.values() if f.target_id in inclusive and incoming[f.target_id] > 1
    }
    exits, entries = exits - entries, entries - exits
    if not exits or not entries:
        return
    successors: dict[str, set[str]] = {}
    for _, ins, outs in builder.transitions.values():
        for place in ins:
            successors.setdefault(place, set()).update(outs)
    for branch in sorted(exits):
        nearest = _nearest(branch, entries, successors)
        if nearest is not None:
            builder.add(f"skip_{branch}", None, [branch], [nearest])


def _nearest(origin: str, targets: set[str], successors: dict[str, set[str]]) -> str | None:
    seen = {origin}
    queue = deque([origin])
    while queue:
        place = queue.popleft()
        if place in targets and place != origin:
            return place
        for following in sorted(successors.get(place, ())):
            if following not in seen:
                seen.add(following)
                queue.append(following)
    return None


def _reduce(builder: _Builder) -> None:
    """Merge silent transitions into a neighbour while the net shrinks (PM4Py's simple
    reduction): one whose only input place has one feeder and no other taker is folded into
    that feeder; one whose only output place has one taker and no other feeder into that
    taker."""
    changed = True
    while changed:
        before = (len(builder.transitions), len(builder.places))
        while _merge_single_entry(builder):
            pass
        while _merge_single_exit(builder):
            pass
        changed = len(builder.transitions) < before[0] or len(builder.places) < before[1]


def _merge_single_entry(builder: _Builder) -> bool:
    for name, (label, ins, outs) in sorted(builder.transitions.items()):
        if label is not None or len(ins) != 1:
            continue
        place = ins[0]
        feeders = builder.feeders(place)
        if len(feeders) == 1 and set(builder.takers(place)) == {name}:
            del builder.transitions[name]
            builder.places.discard(place)
            _strip(builder, place)
            builder.transitions[feeders[0]][2].extend(outs)
            return True
    return False


def _merge_single_exit(builder: _Builder) -> bool:
    for name, (label, ins, outs) in sorted(builder.transitions.items()):
        if label is not None or len(outs) != 1:
            continue
        place = outs[0]
        takers = builder.takers(place)
        if len(takers) == 1 and set(builder.feeders(place)) == {name}:
            del builder.transitions[name]
            builder.places.discard(place)
            _strip(builder, place)
            builder.transitions[takers[0]][1].extend(ins)
            return True
    return False


def _strip(builder: _Builder, place: str) -> None:
    """Remove the arcs of a removed place."""
    for _, ins, outs in builder.transitions.values():
        ins[:] = [p for p in ins if p != place]
        outs[:] = [p for p in outs if p != place]


def silent_paths(net: PetriNet) -> dict[str, dict[str, tuple[int, ...]]]:
    """For each place, the shortest chains of silent transitions (indices into
    ``net.transitions``) whose firing carries a token to each other place, found by PM4Py's
    depth-first search (at most :data:`MAX_SILENT_PATH` steps)."""
    takers: dict[str, list[int]] = {}
    for index, transition in enumerate(net.transitions):
        if transition.label is None:
            for place in transition.consumes:
                takers.setdefault(place, []).append(index)
    paths: dict[str, dict[str, tuple[int, ...]]] = {}
    for origin in net.places:
        found: dict[str, tuple[int, ...]] = {}
        _explore(net, takers, origin, (), found)
        paths[origin] = found
    return paths


def _explore(
    net: PetriNet,
    takers: dict[str, list[int]],
    place: str,
    path: tuple[int, ...],
    found: dict[str, tuple[int, ...]],
) -> None:
    if len(path) > MAX_SILENT_PATH:
        return
    for index in takers.get(place, ()):
        for target in net.transitions[index].produces:
            known = found.get(target)
            if known is None or len(path) + 1 < len(known):
                found[target] = (*path, index)
                _explore(net, takers, target, found[target], found)
