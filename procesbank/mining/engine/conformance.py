"""Conformance of an event log to a BPMN model by token-based replay, as PM4Py does it.

The model becomes a Petri net as PM4Py converts it (:mod:`procesbank.mining.engine.petrinet`). Each
variant is replayed once on the net and weighted by its cases; the replay follows PM4Py's
``token_replay`` step by step, so that both give the same figures:

* An event whose activity the model lacks is left out of the replay (and reported).
* Otherwise a transition with that label is fired. When none is enabled, silent transitions
  are tried first: the shortest silent paths from the marked places to the places that lack
  a token are fired where enabled, round-robin, and once more one level deeper (PM4Py's
  ``apply_hidden_trans``). If the transition is still not enabled, the lacking tokens are
  added and counted as *missing*.
* At the end silent paths towards the final place ``sink`` are fired where enabled (five
  rounds each of PM4Py's two strategies); a lacking sink token is missing, every other token
  *remaining*.

The fitness of a trace is ½ (1 − missing/consumed) + ½ (1 − remaining/produced); the log
fitness uses the sums of the four counts over all cases. A trace fits when it has neither
missing nor remaining tokens (activities outside the model do not count, as in PM4Py).

Where PM4Py's choice depends on the memory addresses of its objects (which of several equally
short silent paths is taken, which of two enabled transitions with the same label fires),
this module decides by name; on the reference models (running-example and receipt) the
figures agree with PM4Py to the last digit, which the tests check.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from procesbank.mining.engine.petrinet import SINK, SOURCE, PetriNet, silent_paths

FINAL_ROUNDS = 5  # PM4Py's MAX_IT_FINAL1 and MAX_IT_FINAL2
HIDDEN_DEPTH = 2  # PM4Py's MAX_REC_DEPTH_HIDTRANSENABL
_ROUND_LIMIT = 10_000_000

Marking = dict[str, int]


@dataclass
class TraceResult:
    """Token counts of one replay and what deviated (activity -> times)."""

    missing: int = 0
    consumed: int = 0
    remaining: int = 0
    produced: int = 0
    fits: bool = True
    out_of_order: Counter[str] = field(default_factory=Counter)  # fired with missing tokens
    skipped: Counter[str] = field(default_factory=Counter)  # a token still waited for it
    unknown: Counter[str] = field(default_factory=Counter)  # not in the model
    out_of_order_steps: list[int] = field(default_factory=list)  # positions in the trace

    @property
    def fitness(self) -> float:
        """½ (1 − missing/consumed) + ½ (1 − remaining/produced), 1.0 with nothing counted."""
        return fitness(self.missing, self.consumed, self.remaining, self.produced)

    @property
    def deviates(self) -> bool:
        return not self.fits or bool(self.unknown)


@dataclass(frozen=True)
class VariantResult:
    activities: tuple[str, ...]
    cases: int
    result: TraceResult


@dataclass(frozen=True)
class ActivityDeviation:
    """Per activity, counted over cases: fired where the model did not allow it, waited for
    by the model but never done, and done although the model lacks it."""

    activity: str
    out_of_order: int
    skipped: int
    unknown: int


@dataclass(frozen=True)
class Conformance:
    """The replay of a log: log fitness, fitting cases, deviations per activity and variant."""

    fitness: float
    average_trace_fitness: float
    fitting_cases: int
    cases: int
    missing: int
    consumed: int
    remaining: int
    produced: int
    activities: list[ActivityDeviation]
    deviating_variants: list[VariantResult]

    @property
    def fitting_share(self) -> float:
        return self.fitting_cases / self.cases if self.cases else 1.0


def fitness(missing: int, consumed: int, remaining: int, produced: int) -> float:
    """PM4Py's token-replay fitness of the counts (1.0 when nothing was consumed/produced)."""
    if consumed <= 0 or produced <= 0:
        return 1.0
    return 0.5 * (1 - missing / consumed) + 0.5 * (1 - remaining / produced)


class Replayer:
    """Token replay on one net; the silent paths are computed once and variants cached."""

    def __init__(self, net: PetriNet) -> None:
        self.net = net
        self.transitions = net.transitions
        self.paths = silent_paths(net)
        self.by_label: dict[str, int] = {}
        self.with_label: dict[str, list[int]] = {}
        for index, transition in enumerate(net.transitions):
            if transition.label is not None:
                # The last by name wins, as in PM4Py's trans_map (the net is sorted by name).
                self.by_label[transition.label] = index
                self.with_label.setdefault(transition.label, []).append(index)
        self.waiting_for = self._visible_successors()

    def _visible_successors(self) -> dict[str, tuple[str, ...]]:
        """Per place, the activities a token on it waits for: the visible transitions taking
        from it, else those behind the shortest silent paths from it."""
        direct: dict[str, set[str]] = {}
        for transition in self.transitions:
            if transition.label is not None:
                for place in transition.consumes:
                    direct.setdefault(place, set()).add(transition.label)
        waiting: dict[str, tuple[str, ...]] = {}
        for place in self.net.places:
            if place in direct:
                waiting[place] = tuple(sorted(direct[place]))
                continue
            reachable = [(len(p), q) for q, p in self.paths.get(place, {}).items() if q in direct]
            if reachable:
                nearest = min(length for length, _ in reachable)
                labels = {a for length, q in reachable if length == nearest for a in direct[q]}
                waiting[place] = tuple(sorted(labels))
        return waiting

    # --- the Petri net semantics, as PM4Py's Marking (a Counter) behaves -----------------

    def enabled(self, index: int, marking: Marking) -> bool:
        return all(marking.get(place, 0) >= 1 for place in self.transitions[index].consumes)

    def fire(self, index: int, marking: Marking) -> Marking:
        after = dict(marking)
        transition = self.transitions[index]
        for place in transition.consumes:
            after[place] = after.get(place, 0) - 1
            if after[place] == 0:
                del after[place]
        for place in transition.produces:
            after[place] = after.get(place, 0) + 1
        return after

    def _count(self, index: int, result: TraceResult) -> None:
        result.consumed += len(self.transitions[index].consumes)
        result.produced += len(self.transitions[index].produces)

    # --- silent transitions ---------------------------------------------------------------

    def _paths_towards(self, marking: Marking, targets: Iterable[str]) -> list[tuple[int, ...]]:
        """Shortest silent paths from each marked place to each target, shortest first."""
        found: list[tuple[int, ...]] = []
        ordered_targets = sorted(targets)
        for origin in sorted(marking):
            reachable = self.paths.get(origin, {})
            found.extend(reachable[t] for t in ordered_targets if t in reachable)
        return sorted(found, key=len)

    def _fire_round_robin(
        self,
        marking: Marking,
        fired: list[int],
        visited: set[int],
        groups: list[tuple[int, ...]],
        goal: int,
    ) -> Marking:
        """Fire the enabled transitions of the paths in turn until ``goal`` is enabled or a
        path's turn fires nothing (PM4Py's ``enable_hidden_transitions``)."""
        positions = [0] * len(groups)
        for turn in range(_ROUND_LIMIT):
            group = turn % len(groups)
            changed = False
            while positions[group] < len(groups[group]):
                candidate = groups[group][positions[group]]
                if (
                    candidate != goal
                    and self.enabled(candidate, marking)
                    and candidate not in visited
                ):
                    marking = self.fire(candidate, marking)
                    fired.append(candidate)
                    visited.add(candidate)
                    changed = True
                positions[group] += 1
                if self.enabled(goal, marking):
                    break
            if self.enabled(goal, marking) or not changed:
                break
        return marking

    def _enable_silently(
        self, goal: int, marking: Marking, fired: list[int], depth: int, visited: set[int]
    ) -> Marking:
        """Try to enable ``goal`` by firing silent transitions (PM4Py's
        ``apply_hidden_trans``); returns the marking reached."""
        if depth >= HIDDEN_DEPTH or goal in visited:
            return marking
        visited.add(goal)
        lacking = {p for p in self.transitions[goal].consumes if marking.get(p, 0) < 1}
        groups = self._paths_towards(marking, lacking)
        if not groups:
            return marking
        marking = self._fire_round_robin(marking, fired, visited, groups, goal)
        if self.enabled(goal, marking):
            return marking
        for group in self._paths_towards(marking, lacking):
            for step in group:
                if step == goal or step in visited:
                    continue
                if not self.enabled(step, marking):
                    marking = self._enable_silently(step, marking, fired, depth + 1, visited)
                if self.enabled(step, marking):
                    marking = self.fire(step, marking)
                    fired.append(step)
                    visited.add(step)
        # PM4Py then calls itself once more for ``goal``, which returns at once (visited).
        return marking

    def _toward_sink(self, marking: Marking, result: TraceResult) -> Marking:
        """Fire silent paths towards the sink where enabled (PM4Py's two final strategies)."""
        for _ in range(FINAL_ROUNDS):
            if SINK in marking:
                return marking
            for group in self._paths_towards(marking, [SINK]):
                for step in group:
                    if self.enabled(step, marking):
                        marking = self.fire(step, marking)
                        self._count(step, result)
                if SINK in marking:
                    break
        if SINK in marking:
            return marking
        connections = sorted(
            (path[SINK] for place in marking if SINK in (path := self.paths.get(place, {}))),
            key=len,
        )
        for _ in range(FINAL_ROUNDS):
            for chain in connections:
                for step in chain:
                    if not self.enabled(step, marking):
                        break
                    marking = self.fire(step, marking)
                    self._count(step, result)
        return marking

    # --- one trace --------------------------------------------------------------------------

    def _replay_event(self, activity: str, marking: Marking, result: TraceResult) -> Marking:
        enabled_now = [i for i in self.with_label[activity] if self.enabled(i, marking)]
        goal = enabled_now[0] if enabled_now else self.by_label[activity]
        if not self.enabled(goal, marking):
            fired: list[int] = []
            marking = self._enable_silently(goal, dict(marking), fired, 0, set())
            for step in fired:
                self._count(step, result)
        if not self.enabled(goal, marking):
            result.out_of_order[activity] += 1
            marking = dict(marking)
            for place in self.transitions[goal].consumes:
                if marking.get(place, 0) < 1:
                    result.missing += 1
                    marking[place] = marking.get(place, 0) + 1
        self._count(goal, result)
        if self.enabled(goal, marking):
            marking = self.fire(goal, marking)
        return marking

    def replay_trace(self, activities: Sequence[str]) -> TraceResult:
        """Replay one sequence of activities on the net."""
        result = TraceResult(produced=1)
        marking: Marking = {SOURCE: 1}
        for position, activity in enumerate(activities):
            if activity in self.by_label:
                missing_before = result.missing
                marking = self._replay_event(activity, marking, result)
                if result.missing > missing_before:
                    result.out_of_order_steps.append(position)
            else:
                result.unknown[activity] += 1
        marking = self._toward_sink(marking, result)
        lacking_sink = max(0, 1 - marking.get(SINK, 0))
        for place, tokens in marking.items():
            left = max(0, tokens - 1) if place == SINK else tokens
            result.remaining += left
            for activity in self.waiting_for.get(place, ()) if left > 0 else ():
                result.skipped[activity] += left
        result.fits = result.missing == 0 and result.remaining == 0
        result.consumed += 1
        result.missing += lacking_sink
        return result


def replay_trace(net: PetriNet, activities: Sequence[str]) -> TraceResult:
    """Replay one sequence of activities on the net (see :class:`Replayer`)."""
    return Replayer(net).replay_trace(activities)


def replay(net: PetriNet, variants: Sequence[tuple[Sequence[str], int]]) -> Conformance:
    """Replay each variant (activities, cases) once and sum the counts over the cases."""
    replayer = Replayer(net)
    totals = Counter[str]()
    per_activity: dict[str, Counter[str]] = {
        "out_of_order": Counter(),
        "skipped": Counter(),
        "unknown": Counter(),
    }
    results: list[VariantResult] = []
    fitness_sum = 0.0
    for activities, cases in variants:
        result = replayer.replay_trace(activities)
        results.append(VariantResult(tuple(activities), cases, result))
        totals.update(
            {
                "missing": result.missing * cases,
                "consumed": result.consumed * cases,
                "remaining": result.remaining * cases,
                "produced": result.produced * cases,
                "cases": cases,
                "fitting": cases if result.fits else 0,
            }
        )
        for kind, counter in per_activity.items():
            for activity, times in getattr(result, kind).items():
                counter[activity] += times * cases
        fitness_sum += result.fitness * cases
    return Conformance(
        fitness=fitness(
            totals["missing"], totals["consumed"], totals["remaining"], totals["produced"]
        ),
        average_trace_fitness=fitness_sum / totals["cases"] if totals["cases"] else 1.0,
        fitting_cases=totals["fitting"],
        cases=totals["cases"],
        missing=totals["missing"],
        consumed=totals["consumed"],
        remaining=totals["remaining"],
        produced=totals["produced"],
        activities=_activity_table(per_activity),
        deviating_variants=sorted(
            (v for v in results if v.result.deviates), key=lambda v: (-v.cases, v.activities)
        ),
    )


def _activity_table(per_activity: dict[str, Counter[str]]) -> list[ActivityDeviation]:
    """One row per activity with any deviation, the most deviating first."""
    names = set().union(*per_activity.values())
    rows = [
        ActivityDeviation(
            activity=name,
            out_of_order=per_activity["out_of_order"][name],
            skipped=per_activity["skipped"][name],
            unknown=per_activity["unknown"][name],
        )
        for name in names
    ]
    return sorted(rows, key=lambda r: (-(r.out_of_order + r.skipped + r.unknown), r.activity))
