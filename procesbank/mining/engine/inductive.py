"""The Inductive Miner (IM) and its infrequent variant (IMf): a block-structured, sound process
tree discovered from a log's variants.

Written from the published algorithm (S. J. J. Leemans, D. Fahland, W. M. P. van der Aalst:
"Discovering block-structured process models from event logs" (Petri Nets 2013) and "...
containing infrequent behaviour" (BPM Workshops 2013)); PM4Py's implementation is the test
oracle only (AGPL), never imported here.

The log is a multiset of traces (variant -> cases). Recursively: a base case (no events, or
one activity), else a *cut* of the directly-follows graph (in this order: exclusive choice,
sequence, parallel, loop) splits the activities into parts, the log is split accordingly and
each part mined on its own; when no cut exists a *fall-through* (an empty trace, an activity
once per trace, a concurrent activity, a tau loop, finally the flower model) makes progress.

IMf (``noise`` > 0): when no cut is found on the full graph, the graph is filtered (an arc is
dropped when it is rarer than ``noise`` times the most frequent arc leaving its source, a start
or end activity when rarer than ``noise`` times the most frequent one) and the cuts are tried
again; splitting then drops the events that do not fit the cut, and empty traces rarer than
``noise`` of the log are dropped. The model fits the log less and is simpler.

Every node carries ``frequency``: how many (sub)traces reached it. The BPMN conversion takes
branch probabilities from it.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property

Log = Counter[tuple[str, ...]]


class Operator(StrEnum):
    ACTIVITY = "activity"
    TAU = "tau"
    SEQUENCE = "sequence"
    XOR = "xor"
    PARALLEL = "parallel"
    LOOP = "loop"  # children: the do part, then the redo part


@dataclass(frozen=True)
class Tree:
    operator: Operator
    label: str = ""
    children: tuple[Tree, ...] = ()
    frequency: int = 0  # (sub)traces that reached the node
    redo_count: int = 0  # LOOP only: how often the redo part was taken

    @cached_property
    def alphabet(self) -> frozenset[str]:
        """The activities in the tree (computed once per node)."""
        if self.operator is Operator.ACTIVITY:
            return frozenset({self.label})
        return frozenset().union(*(child.alphabet for child in self.children))

    def __str__(self) -> str:
        """PM4Py's notation, children sorted for XOR and parallel (their order is free)."""
        if self.operator is Operator.ACTIVITY:
            return f"'{self.label}'"
        if self.operator is Operator.TAU:
            return "tau"
        symbols = {
            Operator.SEQUENCE: "->",
            Operator.XOR: "X",
            Operator.PARALLEL: "+",
            Operator.LOOP: "*",
        }
        parts = [str(child) for child in self.children]
        if self.operator in (Operator.XOR, Operator.PARALLEL):
            parts.sort()
        return f"{symbols[self.operator]}( {', '.join(parts)} )"


def tau(frequency: int = 0) -> Tree:
    return Tree(Operator.TAU, frequency=frequency)


def discover_tree(variants: Mapping[tuple[str, ...], int], noise: float = 0.0) -> Tree:
    """The process tree of the variants (activity sequence -> cases); ``noise`` in 0..1."""
    if not 0.0 <= noise <= 1.0:
        raise ValueError("noise must be within 0..1")
    log: Log = Counter({tuple(trace): int(cases) for trace, cases in variants.items() if cases})
    return _Miner(noise).mine(log)


# --- the directly-follows graph ---------------------------------------------------------------
@dataclass
class Graph:
    activities: set[str]
    arcs: Counter[tuple[str, str]] = field(default_factory=Counter)
    starts: Counter[str] = field(default_factory=Counter)
    ends: Counter[str] = field(default_factory=Counter)

    @classmethod
    def of(cls, log: Log) -> Graph:
        graph = cls({a for trace in log for a in trace})
        for trace, cases in log.items():
            if not trace:
                continue
            graph.starts[trace[0]] += cases
            graph.ends[trace[-1]] += cases
            for pair in itertools.pairwise(trace):
                graph.arcs[pair] += cases
        return graph

    def filtered(self, noise: float) -> Graph:
        """IMf's filter: arcs and start/end activities rarer than ``noise`` times the most
        frequent of their kind (arcs: leaving the same activity) are dropped."""
        strongest: Counter[str] = Counter()
        for (source, _), count in self.arcs.items():
            strongest[source] = max(strongest[source], count)
        arcs = Counter({(s, t): c for (s, t), c in self.arcs.items() if c >= noise * strongest[s]})
        top_start = max(self.starts.values(), default=0)
        top_end = max(self.ends.values(), default=0)
        starts = Counter({a: c for a, c in self.starts.items() if c >= noise * top_start})
        ends = Counter({a: c for a, c in self.ends.items() if c >= noise * top_end})
        return Graph(set(self.activities), arcs, starts, ends)

    def successors(self) -> dict[str, set[str]]:
        result: dict[str, set[str]] = {a: set() for a in self.activities}
        for source, target in self.arcs:
            result[source].add(target)
        return result


def _components(nodes: Iterable[str], edges: Iterable[tuple[str, str]]) -> list[set[str]]:
    """Connected components of the undirected graph (union-find), in first-seen order."""
    parent = {node: node for node in nodes}

    def find(node: str) -> str:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for a, b in edges:
        if a in parent and b in parent:
            parent[find(a)] = find(b)
    groups: dict[str, set[str]] = {}
    for node in parent:
        groups.setdefault(find(node), set()).add(node)
    return list(groups.values())


def _reachable(successors: dict[str, set[str]]) -> dict[str, set[str]]:
    """For each activity, the activities reachable from it by one or more arcs."""
    result: dict[str, set[str]] = {}
    for origin in successors:
        seen: set[str] = set()
        stack = list(successors[origin])
        while stack:
            node = stack.pop()
            if node not in seen:
                seen.add(node)
                stack.extend(successors[node] - seen)
        result[origin] = seen
    return result


# --- cuts -------------------------------------------------------------------------------------
def xor_cut(graph: Graph) -> list[set[str]] | None:
    parts = _components(sorted(graph.activities), graph.arcs)
    return parts if len(parts) > 1 else None


def sequence_cut(graph: Graph) -> list[set[str]] | None:
    """Parts ordered so that every activity of an earlier part reaches every activity of a
    later one and none of a later part reaches an earlier one (as many parts as possible).

    The strongly connected components are put in topological order; a boundary between two
    neighbours in that order is a cut point when everything before it reaches everything after
    it. Reachability is kept as bit sets of components, so a graph of a few hundred activities
    costs milliseconds."""
    components = _strongly_connected(graph)
    if len(components) < 2:
        return None
    owner = {a: i for i, component in enumerate(components) for a in component}
    successors: list[set[int]] = [set() for _ in components]
    for a, b in graph.arcs:
        if owner[a] != owner[b]:
            successors[owner[a]].add(owner[b])
    # Tarjan's algorithm returns the components in reverse topological order.
    reach = [0] * len(components)
    for index in range(len(components)):
        for successor in successors[index]:
            reach[index] |= (1 << successor) | reach[successor]
    order = list(range(len(components) - 1, -1, -1))  # topological
    parts: list[set[str]] = []
    current: set[str] = set()
    common = -1  # components reached by every component so far (all bits set)
    remaining = (1 << len(components)) - 1
    for position, index in enumerate(order):
        current |= components[index]
        common &= reach[index]
        remaining &= ~(1 << index)
        if position + 1 < len(order) and common & remaining == remaining:
            parts.append(current)
            current = set()
            common = -1
    parts.append(current)
    if len(parts) < 2:
        return None
    return _strict(parts, graph)


def _skippable(k: int, index: dict[str, int], after: dict[str, set[int]], graph: Graph) -> bool:
    """Whether some arc (or a trace's start) jumps over part ``k``."""
    return any(index[a] < k < max(after[a], default=k) for a in index) or any(
        index[a] > k for a in graph.starts
    )


def _strongly_connected(graph: Graph) -> list[set[str]]:
    """Tarjan's algorithm, iterative; components in reverse topological order."""
    successors = {a: sorted(targets) for a, targets in graph.successors().items()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    result: list[set[str]] = []
    counter = 0
    for root in sorted(graph.activities):
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            node, child = work.pop()
            if child == 0:
                index[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack.add(node)
            targets = successors[node]
            if child < len(targets):
                work.append((node, child + 1))
                target = targets[child]
                if target not in index:
                    work.append((target, 0))
                elif target in on_stack:
                    low[node] = min(low[node], index[target])
                continue
            for target in targets:
                if target in on_stack and index[target] > index[node]:
                    low[node] = min(low[node], low[target])
            if low[node] == index[node]:
                component: set[str] = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                result.append(component)
    return result


def _strict(parts: list[set[str]], graph: Graph) -> list[set[str]] | None:
    """Merge neighbouring parts where skipping one would allow a path the graph never shows
    (the strict sequence cut): a skippable part that its predecessor's activities only ever
    go into, or a part after a skippable one whose activities are only ever entered from it,
    is joined to that neighbour."""
    merged = True
    while merged and len(parts) > 1:
        merged = False
        index = {a: k for k, part in enumerate(parts) for a in part}
        last = len(parts)  # the end; -1 is the start
        after: dict[str, set[int]] = {a: set() for a in index}
        before: dict[str, set[int]] = {a: set() for a in index}
        for a, b in graph.arcs:
            after[a].add(index[b])
            before[b].add(index[a])
        for a in graph.ends:
            after[a].add(last)
        for a in graph.starts:
            before[a].add(-1)

        for k in range(1, len(parts)):
            into = [a for a in parts[k - 1] if k in after[a]]
            only_into = _skippable(k, index, after, graph) and all(max(after[a]) == k for a in into)
            entered = [b for b in parts[k] if k - 1 in before[b]]
            only_from = _skippable(k - 1, index, after, graph) and all(
                min(before[b]) == k - 1 for b in entered
            )
            if only_into or only_from:
                parts[k - 1] |= parts.pop(k)
                merged = True
                break
    return parts if len(parts) > 1 else None


def parallel_cut(graph: Graph) -> list[set[str]] | None:
    """Parts between which every pair of activities follows each other both ways; each part
    holds a start and an end activity."""
    both: dict[str, set[str]] = {a: set() for a in graph.activities}
    for a, b in graph.arcs:
        if a != b and (b, a) in graph.arcs:
            both[a].add(b)
    parts = _complement_components(sorted(graph.activities), both)
    if len(parts) < 2:
        return None
    complete = [p for p in parts if p & set(graph.starts) and p & set(graph.ends)]
    incomplete = [p for p in parts if p not in complete]
    if not complete:
        return None
    for part in incomplete:  # a part without a start or an end cannot stand alone
        complete[0] |= part
    return complete if len(complete) > 1 else None


def _complement_components(nodes: list[str], adjacent: dict[str, set[str]]) -> list[set[str]]:
    """Connected components of the complement of a graph (u and v joined when *not*
    adjacent), in O(V + E) with a shrinking set of unvisited nodes."""
    unvisited = dict.fromkeys(nodes)  # ordered
    parts: list[set[str]] = []
    while unvisited:
        root = next(iter(unvisited))
        del unvisited[root]
        part, queue = {root}, [root]
        while queue:
            node = queue.pop()
            reached = [other for other in unvisited if other not in adjacent[node]]
            for other in reached:
                del unvisited[other]
            part.update(reached)
            queue.extend(reached)
        parts.append(part)
    return parts


def loop_cut(graph: Graph) -> list[set[str]] | None:
    """The do part (start and end activities and what connects them) and redo parts: each
    redo part is entered only from end activities (all of them) and leaves only to start
    activities (all of them)."""
    starts, ends = set(graph.starts), set(graph.ends)
    do = starts | ends
    rest = graph.activities - do
    inner = [(a, b) for a, b in graph.arcs if a in rest and b in rest]
    candidates = _components(sorted(rest), inner)
    arcs = set(graph.arcs)
    redo: list[set[str]] = []
    for part in candidates:
        entered_from = {a for a, b in arcs if b in part and a not in part}
        leaves_to = {b for a, b in arcs if a in part and b not in part}
        if (
            entered_from <= ends
            and leaves_to <= starts
            and all(any((e, b) in arcs for b in part) for e in ends)
            and all(any((a, s) in arcs for a in part) for s in starts)
        ):
            redo.append(part)
        else:
            do |= part
    if not redo:
        return None
    return [do, *redo]


# --- splitting the log ------------------------------------------------------------------------
def _project(trace: tuple[str, ...], part: set[str]) -> tuple[str, ...]:
    return tuple(a for a in trace if a in part)


def split_xor(log: Log, parts: list[set[str]]) -> list[Log]:
    logs: list[Log] = [Counter() for _ in parts]
    for trace, cases in log.items():
        overlap = [sum(1 for a in trace if a in part) for part in parts]
        best = overlap.index(max(overlap))
        logs[best][_project(trace, parts[best])] += cases
    return logs


def split_sequence(log: Log, parts: list[set[str]]) -> list[Log]:
    """Each trace cut where it moves on to a later part. Where the trace goes back to an
    earlier part (IMf: the cut was found on the filtered graph), the fewest events are dropped
    that leave the parts in order: those outside a longest non-decreasing run of part numbers."""
    index = {a: i for i, part in enumerate(parts) for a in part}
    logs: list[Log] = [Counter() for _ in parts]
    for trace, cases in log.items():
        owners = [index[a] for a in trace]
        kept = _longest_non_decreasing(owners)
        pieces: list[list[str]] = [[] for _ in parts]
        for position in kept:
            pieces[owners[position]].append(trace[position])
        for i, piece in enumerate(pieces):
            logs[i][tuple(piece)] += cases
    return logs


def _longest_non_decreasing(values: list[int]) -> list[int]:
    """Positions of a longest non-decreasing subsequence (patience sorting, O(n log n));
    all positions when the values are already in order."""
    if all(a <= b for a, b in itertools.pairwise(values)):
        return list(range(len(values)))
    tails: list[int] = []  # tails[k]: position ending the best run of length k + 1
    previous = [-1] * len(values)
    for position, value in enumerate(values):
        low, high = 0, len(tails)
        while low < high:  # the first run whose tail is greater than value
            middle = (low + high) // 2
            if values[tails[middle]] <= value:
                low = middle + 1
            else:
                high = middle
        previous[position] = tails[low - 1] if low else -1
        if low == len(tails):
            tails.append(position)
        else:
            tails[low] = position
    result = []
    position = tails[-1]
    while position >= 0:
        result.append(position)
        position = previous[position]
    return result[::-1]


def split_parallel(log: Log, parts: list[set[str]]) -> list[Log]:
    logs: list[Log] = [Counter() for _ in parts]
    for trace, cases in log.items():
        for i, part in enumerate(parts):
            logs[i][_project(trace, part)] += cases
    return logs


def split_loop(log: Log, parts: list[set[str]]) -> tuple[list[Log], int]:
    """Each trace cut into do and redo pieces wherever it moves between parts; also how many
    times a redo part was taken. An event of a redo part at the very start or end of a trace
    (it cannot be there in a loop) is dropped (IMf)."""
    owner = {a: i for i, part in enumerate(parts) for a in part}
    logs: list[Log] = [Counter() for _ in parts]
    redos = 0
    for trace, cases in log.items():
        pieces: list[tuple[int, list[str]]] = []
        for activity in trace:
            part = owner[activity]
            if pieces and pieces[-1][0] == part:
                pieces[-1][1].append(activity)
            else:
                pieces.append((part, [activity]))
        while pieces and pieces[0][0] != 0:
            pieces.pop(0)
        while pieces and pieces[-1][0] != 0:
            pieces.pop()
        if not pieces:
            logs[0][()] += cases
            continue
        for position, (part, activities) in enumerate(pieces):
            logs[part][tuple(activities)] += cases
            # Two do pieces in a row (a redo piece dropped between) take an empty redo.
            if part == 0 and position + 1 < len(pieces) and pieces[position + 1][0] == 0:
                logs[1][()] += cases
        redos += cases * sum(1 for part, _ in pieces if part != 0)
        redos += cases * sum(1 for a, b in itertools.pairwise(pieces) if a[0] == 0 and b[0] == 0)
    return logs, redos


# --- the miner --------------------------------------------------------------------------------
CUTS = (
    (Operator.XOR, xor_cut),
    (Operator.SEQUENCE, sequence_cut),
    (Operator.PARALLEL, parallel_cut),
    (Operator.LOOP, loop_cut),
)


def find_cut(graph: Graph) -> tuple[Operator, list[set[str]]] | None:
    for operator, cut in CUTS:
        parts = cut(graph)
        if parts:
            return operator, parts
    return None


#: The "concurrent activity" fall-through tries removing each activity and looks for a cut: on
#: a log of hundreds of activities without structure that costs minutes (PM4Py's IM did not
#: finish BPIC15_1 in ten minutes here). It tries the activities found in the most traces only.
CONCURRENT_TRIALS = 25


class _Miner:
    def __init__(self, noise: float) -> None:
        self.noise = noise

    def mine(self, log: Log) -> Tree:
        total = sum(log.values())
        if total == 0 or all(not trace for trace in log):
            return tau(total)
        activities = {a for trace in log for a in trace}
        if len(activities) == 1 and all(len(trace) == 1 for trace in log):
            return Tree(Operator.ACTIVITY, next(iter(activities)), frequency=total)
        empty = log.get((), 0)
        if empty:  # before any cut: the empty trace is a choice to skip everything
            rest = Counter({t: c for t, c in log.items() if t})
            if empty < self.noise * total:  # IMf: rare empty traces are noise
                return self.mine(rest)
            return Tree(Operator.XOR, children=(self.mine(rest), tau(empty)), frequency=total)
        found = find_cut(Graph.of(log))
        if found is None and self.noise > 0:
            found = find_cut(Graph.of(log).filtered(self.noise))
        if found is not None:
            return self._split(log, total, *found)
        return self._fall_through(log, total)

    def _split(self, log: Log, total: int, operator: Operator, parts: list[set[str]]) -> Tree:
        if operator is Operator.LOOP:
            logs, redos = split_loop(log, parts)
            do = self.mine(logs[0])
            redo_trees = [self.mine(sub) for sub in logs[1:]]
            redo = (
                redo_trees[0]
                if len(redo_trees) == 1
                else Tree(Operator.XOR, children=tuple(redo_trees), frequency=redos)
            )
            return Tree(Operator.LOOP, children=(do, redo), frequency=total, redo_count=redos)
        splitters = {
            Operator.XOR: split_xor,
            Operator.SEQUENCE: split_sequence,
            Operator.PARALLEL: split_parallel,
        }
        children = tuple(self.mine(sub) for sub in splitters[operator](log, parts))
        return Tree(operator, children=children, frequency=total)

    def _fall_through(self, log: Log, total: int) -> Tree:
        activities = sorted({a for trace in log for a in trace})
        for activity in activities:  # once in every trace: parallel to the rest
            if all(trace.count(activity) == 1 for trace in log):
                return self._beside(log, activity, total)
        frequent = Counter(a for trace, cases in log.items() for a in set(trace) for _ in (0,))
        tried = sorted(activities, key=lambda a: -frequent[a])[:CONCURRENT_TRIALS]
        for activity in sorted(tried):  # removing it leaves a cut: parallel to the rest
            rest = _without(log, activity)
            if find_cut(Graph.of(rest)) is not None:
                return self._beside(log, activity, total)
        loop = self._tau_loop(log, total)
        if loop is not None:
            return loop
        events = Counter(a for trace, cases in log.items() for a in trace for _ in range(cases))
        flower = [Tree(Operator.ACTIVITY, a, frequency=events[a]) for a in activities]
        redo = Tree(Operator.XOR, children=tuple(flower), frequency=sum(events.values()))
        return Tree(
            Operator.LOOP,
            children=(tau(total), redo),
            frequency=total,
            redo_count=sum(events.values()),
        )

    def _beside(self, log: Log, activity: str, total: int) -> Tree:
        alone: Log = Counter()
        for trace, cases in log.items():
            alone[tuple(a for a in trace if a == activity)] += cases
        single = self.mine(alone)  # 'a', or skippable / repeated where the log says so
        rest = self.mine(_without(log, activity))
        return Tree(Operator.PARALLEL, children=(single, rest), frequency=total)

    def _tau_loop(self, log: Log, total: int) -> Tree | None:
        """Cut the traces where an end activity is followed by a start activity (strict tau
        loop), else before every start activity (tau loop): a loop back with nothing on it."""
        graph = Graph.of(log)
        for strict in (True, False):
            pieces: Log = Counter()
            splits = 0
            for trace, cases in log.items():
                start = 0
                for position in range(1, len(trace)):
                    here, before = trace[position], trace[position - 1]
                    if here in graph.starts and (not strict or before in graph.ends):
                        pieces[trace[start:position]] += cases
                        start = position
                        splits += cases
                pieces[trace[start:]] += cases
            if splits:
                body = self.mine(pieces)
                return Tree(
                    Operator.LOOP,
                    children=(body, tau(splits)),
                    frequency=total,
                    redo_count=splits,
                )
        return None


def _without(log: Log, activity: str) -> Log:
    result: Log = Counter()
    for trace, cases in log.items():
        result[tuple(a for a in trace if a != activity)] += cases
    return result


# --- the language of a tree -------------------------------------------------------------------
def accepts(tree: Tree, trace: tuple[str, ...]) -> bool:
    """Whether the tree allows the trace exactly (its "language" holds it).

    The children of a discovered tree have disjoint activities, so each event belongs to one
    child: a sequence's pieces, a choice's branch and a parallel node's interleaving follow
    from the events' owners; only a loop's pieces need a search (over the positions where a
    run of do or redo activities may be cut), which is memoised."""
    return _Matcher(trace).match(tree, 0, len(trace))


def _owner(node: Tree, activity: str) -> int:
    """The index of the child of ``node`` whose activities include ``activity``; -1: none."""
    return next((i for i, child in enumerate(node.children) if activity in child.alphabet), -1)


class _Matcher:
    def __init__(self, trace: tuple[str, ...]) -> None:
        self.trace = trace
        self.memo: dict[tuple[int, int, int], bool] = {}

    def match(self, node: Tree, start: int, end: int) -> bool:
        key = (id(node), start, end)
        if key not in self.memo:
            self.memo[key] = self._match(node, start, end)
        return self.memo[key]

    def _match(self, node: Tree, start: int, end: int) -> bool:
        if any(self.trace[i] not in node.alphabet for i in range(start, end)):
            return False
        operator = node.operator
        if operator is Operator.TAU:
            return start == end
        if operator is Operator.ACTIVITY:
            return end == start + 1
        if operator is Operator.XOR:
            if start == end:
                return any(self.match(child, start, end) for child in node.children)
            owners = {_owner(node, self.trace[i]) for i in range(start, end)}
            return len(owners) == 1 and self.match(node.children[owners.pop()], start, end)
        if operator is Operator.PARALLEL:
            piece = self.trace[start:end]
            return all(
                accepts(child, tuple(a for a in piece if a in child.alphabet))
                for child in node.children
            )
        if operator is Operator.SEQUENCE:
            return self._sequence(node, start, end)
        return self._loop(node, start, end)

    def _sequence(self, node: Tree, start: int, end: int) -> bool:
        owners = [_owner(node, self.trace[i]) for i in range(start, end)]
        if any(b < a for a, b in itertools.pairwise(owners)):
            return False
        position = start
        for index, child in enumerate(node.children):
            stop = position
            while stop < end and owners[stop - start] == index:
                stop += 1
            if not self.match(child, position, stop):
                return False
            position = stop
        return position == end

    def _run_end(self, alphabet: frozenset[str], begin: int, end: int) -> int:
        stop = begin
        while stop < end and self.trace[stop] in alphabet:
            stop += 1
        return stop

    def _loop(self, node: Tree, start: int, end: int) -> bool:
        do, redo = node.children
        after_do: set[int] = set()
        frontier, seen = {start}, set()
        while frontier:
            begin = frontier.pop()
            seen.add(begin)
            for stop in range(begin, self._run_end(do.alphabet, begin, end) + 1):
                if stop in after_do or not self.match(do, begin, stop):
                    continue
                after_do.add(stop)
                for again in range(stop, self._run_end(redo.alphabet, stop, end) + 1):
                    if again not in seen and self.match(redo, stop, again):
                        frontier.add(again)
        return end in after_do
