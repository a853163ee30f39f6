"""Conformance of an event log to a BPMN model by token-based replay, as PM4Py does it.

The BPMN model becomes a Petri net: a place per sequence flow; a task is one visible
transition per incoming flow (several incoming flows join exclusively, several outgoing
flows split in parallel, as BPMN says), an exclusive gateway one silent transition per pair
of incoming and outgoing flow, a parallel gateway one silent transition from all incoming to
all outgoing flows. Start events put a token on their outgoing flows; end events are silent
transitions into one sink place, the final marking. Inclusive and event-based gateways are
treated as exclusive ones (an approximation; the models in the library rarely use them).

Each variant is replayed once and weighted by its cases. For an event the replay fires an
enabled transition with its label; when none is enabled it first fires the shortest chain of
silent transitions from a marked place to each missing input place (trying at most
:data:`SILENT_SEARCH_LIMIT` marked places), as PM4Py does; failing that it fires the
transition anyway and counts the tokens it had to add as missing. Events whose activity the
model lacks are skipped and reported. At the end silent chains are tried to reach the sink;
then the sink token is consumed (missing if absent) and any other token is remaining.
Fitness of a trace is 1/2 (1 - missing/consumed) + 1/2 (1 - remaining/produced); the log
fitness uses the sums over all cases, PM4Py's ``log_fitness``.

Status (checked against PM4Py 2.x ``fitness_token_based_replay``): on the running example
with running-example.bpmn both give log fitness 1.0 and 6 of 6 fitting cases. On the receipt
log with receipt.bpmn (10 parallel, 64 exclusive gateways) PM4Py gives 0.99966 and this
module 0.876: PM4Py's converter puts an extra place inside each gateway and its replay
also fires silent transitions that *consume* tokens left in parallel branches, whereas this
module only moves a token along the shortest silent chain to a missing input place. Treat the
figures for models with parallel gateways as a lower bound until that is closed.
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Sequence
from dataclasses import dataclass, field

from procesbank.processes.bpmn import BpmnDocument

SILENT_SEARCH_LIMIT = 50
SINK = "__sink__"


@dataclass(frozen=True)
class Transition:
    """A Petri-net transition: ``label`` None for a silent one; places consumed and produced."""

    label: str | None
    consumes: tuple[str, ...]
    produces: tuple[str, ...]


@dataclass(frozen=True)
class PetriNet:
    transitions: tuple[Transition, ...]
    initial: tuple[str, ...]

    def labels(self) -> set[str]:
        return {t.label for t in self.transitions if t.label is not None}


@dataclass
class TraceResult:
    """Token counts of one replay and what deviated (activity -> times)."""

    missing: int = 0
    consumed: int = 0
    remaining: int = 0
    produced: int = 0
    inserted: Counter[str] = field(default_factory=Counter)  # fired without being enabled
    unknown: Counter[str] = field(default_factory=Counter)  # not in the model

    @property
    def fitness(self) -> float:
        return _fitness(self.missing, self.consumed, self.remaining, self.produced)

    @property
    def fits(self) -> bool:
        return self.missing == 0 and self.remaining == 0 and not self.unknown


@dataclass(frozen=True)
class VariantResult:
    activities: tuple[str, ...]
    cases: int
    result: TraceResult


@dataclass(frozen=True)
class Conformance:
    """The replay of a log: log fitness, share of fitting cases, per-activity deviations."""

    fitness: float
    average_trace_fitness: float
    fitting_cases: int
    cases: int
    inserted: dict[str, int]
    skipped: dict[str, int]
    unknown: dict[str, int]
    variants: list[VariantResult]


def _fitness(missing: int, consumed: int, remaining: int, produced: int) -> float:
    first = 1 - missing / consumed if consumed else 1.0
    second = 1 - remaining / produced if produced else 1.0
    return 0.5 * first + 0.5 * second


def petri_net(doc: BpmnDocument) -> PetriNet:
    """The Petri net of the document's flow nodes and sequence flows (all processes)."""
    incoming: dict[str, list[str]] = {}
    outgoing: dict[str, list[str]] = {}
    for flow in doc.flows.values():
        outgoing.setdefault(flow.source_id, []).append(flow.id)
        incoming.setdefault(flow.target_id, []).append(flow.id)
    transitions: list[Transition] = []
    initial: list[str] = []
    for node in doc.nodes.values():
        ins, outs = incoming.get(node.id, []), outgoing.get(node.id, [])
        kind = node.kind
        if kind == "startEvent" or (not ins and kind.endswith("Event")):
            initial.extend(outs)
        elif kind == "endEvent" or (not outs and kind.endswith("Event")):
            transitions.extend(Transition(None, (place,), (SINK,)) for place in ins)
        elif kind == "parallelGateway":
            transitions.append(Transition(None, tuple(ins), tuple(outs)))
        elif kind.endswith("Gateway"):
            transitions.extend(Transition(None, (i,), (o,)) for i in ins for o in outs)
        elif kind.endswith("Event"):  # intermediate events pass the token on silently
            transitions.extend(Transition(None, (i,), tuple(outs)) for i in ins)
        else:
            label = node.name.strip()
            for place in ins or [f"__free_{node.id}"]:
                transitions.append(Transition(label, (place,), tuple(outs) or (SINK,)))
    return PetriNet(tuple(transitions), tuple(initial))


def _enabled(transition: Transition, marking: Counter[str]) -> bool:
    need = Counter(transition.consumes)
    return all(marking[place] >= count for place, count in need.items())


def _fire(transition: Transition, marking: Counter[str], result: TraceResult) -> None:
    for place in transition.consumes:
        marking[place] -= 1
    result.consumed += len(transition.consumes)
    for place in transition.produces:
        marking[place] += 1
    result.produced += len(transition.produces)
    for place in [p for p, n in marking.items() if n == 0]:
        del marking[place]


def _silent_routes(net: PetriNet) -> dict[tuple[str, str], list[Transition]]:
    """For each pair of places, the shortest chain of silent transitions that moves a token
    from the first to the second (structurally, as PM4Py's replay looks for them)."""
    step: dict[str, list[tuple[str, Transition]]] = {}
    for transition in net.transitions:
        if transition.label is None:
            for source in transition.consumes:
                for target in transition.produces:
                    step.setdefault(source, []).append((target, transition))
    routes: dict[tuple[str, str], list[Transition]] = {}
    for origin in step:
        queue: deque[tuple[str, list[Transition]]] = deque([(origin, [])])
        seen = {origin}
        while queue:
            place, path = queue.popleft()
            for target, transition in step.get(place, []):
                if target not in seen:
                    seen.add(target)
                    routes[(origin, target)] = [*path, transition]
                    queue.append((target, [*path, transition]))
    return routes


def _try_route(
    needed: tuple[str, ...],
    marking: Counter[str],
    routes: dict[tuple[str, str], list[Transition]],
    result: TraceResult,
) -> None:
    """Fire silent chains that bring tokens to the needed places, where they are enabled."""
    for place in needed:
        if marking[place] >= 1:
            continue
        options = sorted(
            (len(routes[(m, place)]), m) for m in list(marking) if (m, place) in routes
        )
        for _length, origin in options[:SILENT_SEARCH_LIMIT]:
            chain = routes[(origin, place)]
            trial = Counter(marking)
            if all(_step(t, trial) for t in chain):
                for transition in chain:
                    _fire(transition, marking, result)
                break


def _step(transition: Transition, marking: Counter[str]) -> bool:
    if not _enabled(transition, marking):
        return False
    marking.subtract(transition.consumes)
    marking.update(transition.produces)
    return True


def replay_trace(net: PetriNet, activities: Sequence[str]) -> TraceResult:
    """Replay one sequence of activities on the net."""
    result = TraceResult()
    routes = _silent_routes(net)
    marking: Counter[str] = Counter(net.initial)
    result.produced += len(net.initial)
    labelled: dict[str, list[Transition]] = {}
    for transition in net.transitions:
        if transition.label is not None:
            labelled.setdefault(transition.label, []).append(transition)
    for activity in activities:
        candidates = labelled.get(activity)
        if not candidates:
            result.unknown[activity] += 1
            continue
        chosen = next((t for t in candidates if _enabled(t, marking)), None)
        if chosen is None:
            _try_route(candidates[0].consumes, marking, routes, result)
            chosen = next((t for t in candidates if _enabled(t, marking)), None)
        if chosen is None:
            chosen = candidates[0]
            for place in chosen.consumes:
                if marking[place] < 1:
                    result.missing += 1
                    marking[place] += 1
            result.inserted[activity] += 1
        _fire(chosen, marking, result)
    if marking[SINK] < 1:
        _try_route((SINK,), marking, routes, result)
    if marking[SINK] >= 1:
        marking[SINK] -= 1
    else:
        result.missing += 1
    result.consumed += 1
    result.remaining += sum(n for n in marking.values() if n > 0)
    return result


def replay(net: PetriNet, variants: Sequence[tuple[Sequence[str], int]]) -> Conformance:
    """Replay each variant (activities, cases) and sum the counts over the cases."""
    totals = [0, 0, 0, 0]
    inserted: Counter[str] = Counter()
    unknown: Counter[str] = Counter()
    results: list[VariantResult] = []
    fitting = 0
    cases = 0
    fitness_sum = 0.0
    for activities, count in variants:
        result = replay_trace(net, activities)
        results.append(VariantResult(tuple(activities), count, result))
        for index, value in enumerate(
            (result.missing, result.consumed, result.remaining, result.produced)
        ):
            totals[index] += value * count
        for activity, times in result.inserted.items():
            inserted[activity] += times * count
        for activity, times in result.unknown.items():
            unknown[activity] += times * count
        fitting += count if result.fits else 0
        cases += count
        fitness_sum += result.fitness * count
    skipped = _skipped(net, variants)
    return Conformance(
        fitness=_fitness(*totals),
        average_trace_fitness=fitness_sum / cases if cases else 1.0,
        fitting_cases=fitting,
        cases=cases,
        inserted=dict(inserted.most_common()),
        skipped=skipped,
        unknown=dict(unknown.most_common()),
        variants=results,
    )


def _skipped(net: PetriNet, variants: Sequence[tuple[Sequence[str], int]]) -> dict[str, int]:
    """Per model activity: cases in which it never occurs (skipped, if the model needs it)."""
    counts: Counter[str] = Counter()
    for activities, count in variants:
        present = set(activities)
        for label in net.labels() - present:
            counts[label] += count
    return dict(counts.most_common())
