"""Handling time, hours, FTE and cost of a process map, and what changes between two versions.

The formulas, by the names the UI shows them under:

* three-point time (PERT): ``(min + 4 × likely + max) / 6`` minutes per execution;
* expected visits: how many times a case passes a task, from the sequence flows and the branch
  probabilities (see :func:`local_visits`);
* minutes per case of a task: ``visits × executions per case × three-point time``;
* hours per year: ``minutes per case × yearly volume / 60``;
* FTE (årsværk): ``hours per year / annual hours per FTE``; the default 1924 h is 37 h × 52 weeks;
* cost per year: the sum over tasks of ``hours per year × hourly rate of the task's role`` in
  kroner (DKK), each task rounded to øre so the table adds up to the total.

Everything here works on plain dataclasses (:class:`TaskInput`, :class:`FlowGraph`), so it can be
tested and benchmarked without XML; :func:`process_model_from_bpmn` builds them from a document.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from procesbank.core.errors import UserError, gettext_noop
from procesbank.processes.engine.bpmn import (
    BpmnDocument,
    FlowNode,
    NodeCategory,
    TaskMeasurements,
    format_number,
    validate_probability,
)

DEFAULT_ANNUAL_HOURS_PER_FTE = 1924.0  # 37 hours a week × 52 weeks

MSG_CHOICE_OVER_ONE = gettext_noop(
    "Sandsynlighederne for flowene ud af %(element)s summer til %(total)s, hvilket er mere end 1"
)
MSG_CHOICE_UNDER_ONE = gettext_noop(
    "Sandsynlighederne for flowene ud af %(element)s summer til %(total)s; når alle flowene har "
    "en sandsynlighed, skal de summe til 1"
)
MSG_BOUNDARY_OVER_ONE = gettext_noop(
    "Sandsynlighederne for de afbrydende randhændelser på %(element)s summer til %(total)s, "
    "hvilket er mere end 1"
)
MSG_ENDLESS_LOOP = gettext_noop(
    "Løkken ved %(element)s forlades aldrig, så antallet af gennemløb bliver uendeligt; giv "
    "vejen ud af løkken en sandsynlighed over 0"
)
MSG_RECURSIVE_CALL = gettext_noop(
    "Processen %(element)s kalder sig selv, direkte eller gennem andre processer, så antallet "
    "af gennemløb kan ikke beregnes"
)
MSG_NEGATIVE_VOLUME = gettext_noop("Den årlige sagsmængde må ikke være negativ (fik %(value)s)")
MSG_BAD_FTE_HOURS = gettext_noop("Timer pr. årsværk skal være et positivt tal (fik %(value)s)")
MSG_NEGATIVE_RATE = gettext_noop(
    "Timeprisen for rollen »%(role)s« må ikke være negativ (fik %(value)s)"
)

_TOLERANCE = 1e-9
# A pivot this small means the expected number of visits is (practically) infinite.
_PIVOT_EPSILON = 1e-9
_ORE = Decimal("0.01")


def three_point_minutes(minutes_min: float, minutes_likely: float, minutes_max: float) -> float:
    """PERT expected time in minutes: ``(min + 4 × likely + max) / 6``, all in minutes."""
    return (minutes_min + 4 * minutes_likely + minutes_max) / 6


class Routing(StrEnum):
    """How a node passes on the visits it receives.

    THROUGH: tasks, events, sub-processes: incoming visits add up; every outgoing flow is taken each
    time (times its probability when it has one). CHOICE: exclusive, inclusive, complex and
    event-based gateways: one share per flow, see :func:`local_visits`. PARALLEL: a parallel
    gateway: a join fires once per set of incoming visits, a split takes every branch.
    """

    THROUGH = "through"
    CHOICE = "choice"
    PARALLEL = "parallel"


@dataclass(frozen=True)
class GraphNode:
    """A node of a :class:`FlowGraph`.

    ``trigger`` is the number of visits the node gets per visit of its graph without any flow
    reaching it (1.0 for a start event), or None. ``attached_to`` makes it a boundary event that
    fires with ``probability`` per visit of that host (default 0); an ``interrupting`` one takes
    that share away from the host's normal outgoing flows.
    """

    id: str
    name: str = ""
    routing: Routing = Routing.THROUGH
    trigger: float | None = None
    attached_to: str = ""
    probability: float | None = None
    interrupting: bool = True

    @property
    def label(self) -> str:
        """The name to show in messages: the node's name, else its id."""
        return self.name or self.id


@dataclass(frozen=True)
class GraphEdge:
    """A sequence flow (or a link or compensation hand-over); ``probability`` a fraction 0-1."""

    source: str
    target: str
    probability: float | None = None


@dataclass(frozen=True)
class FlowGraph:
    """The flow of one process or sub-process.

    The graph runs once per case when ``parent_ids`` is empty, else once per visit of each of
    those nodes (the sub-process node itself, or the call activities that call this process).
    """

    id: str
    nodes: tuple[GraphNode, ...]
    edges: tuple[GraphEdge, ...] = ()
    parent_ids: tuple[str, ...] = ()
    name: str = ""


@dataclass(frozen=True)
class TaskInput:
    """A task to cost: its id (a node id in one of the graphs), name, role (lane) and times."""

    id: str
    name: str
    role: str = ""
    measurements: TaskMeasurements | None = None


@dataclass(frozen=True)
class ProcessModel:
    """The tasks to cost and the graphs their visits come from; no graphs: 1 visit each."""

    tasks: tuple[TaskInput, ...]
    graphs: tuple[FlowGraph, ...] = ()


@dataclass(frozen=True)
class TaskMetrics:
    """One task's figures: minutes per case, hours per year, cost per year in DKK."""

    task_id: str
    name: str
    role: str
    measured: bool
    visits: float
    executions_per_case: float
    minutes_per_execution: float
    minutes_per_case: float
    waiting_minutes_per_case: float
    hours_per_year: float
    hourly_rate: Decimal
    cost_per_year: Decimal


@dataclass(frozen=True)
class ProcessMetrics:
    """A process's totals per case and per year; ``cost_per_year`` in DKK."""

    tasks: tuple[TaskMetrics, ...]
    yearly_volume: int
    annual_hours_per_fte: float
    minutes_per_case: float
    waiting_minutes_per_case: float
    hours_per_year: float
    fte: float
    cost_per_year: Decimal
    unmeasured_task_ids: tuple[str, ...]


@dataclass(frozen=True)
class TaskChange:
    """A task found in both versions; ``matched_by`` is "id" or "name"; deltas are after-before."""

    before: TaskMetrics
    after: TaskMetrics
    matched_by: str

    @property
    def minutes_per_case_delta(self) -> float:
        """Change in minutes per case (negative: time saved)."""
        return self.after.minutes_per_case - self.before.minutes_per_case

    @property
    def hours_per_year_delta(self) -> float:
        """Change in hours per year (negative: hours saved)."""
        return self.after.hours_per_year - self.before.hours_per_year

    @property
    def cost_per_year_delta(self) -> Decimal:
        """Change in cost per year in DKK (negative: money saved)."""
        return self.after.cost_per_year - self.before.cost_per_year


@dataclass(frozen=True)
class MetricsDiff:
    """What a new version saves (positive) or adds (negative) against the old one."""

    minutes_saved_per_case: float
    waiting_minutes_saved_per_case: float
    hours_saved_per_year: float
    fte_saved: float
    cost_saved_per_year: Decimal
    changes: tuple[TaskChange, ...]
    added: tuple[TaskMetrics, ...]
    removed: tuple[TaskMetrics, ...]


def local_visits(graph: FlowGraph) -> dict[str, float]:
    """Expected visits (a count) of each node per single run of ``graph``.

    Visits flow from the triggered nodes along the edges; every node gets the sum of what flows
    into it, a parallel join that sum divided by its number of incoming flows. A CHOICE node
    gives each outgoing flow its stated probability and shares the remainder equally among the
    flows without one. Loops make this a linear system, solved exactly; a loop that is never left
    raises a :class:`UserError`. Nodes that no trigger reaches count 1 visit each: many
    hand-drawn maps have tasks without flows, and each drawn task is presumably done once.
    """
    nodes = {node.id: node for node in graph.nodes}
    outgoing: dict[str, list[GraphEdge]] = defaultdict(list)
    for edge in graph.edges:
        if edge.source in nodes and edge.target in nodes:
            outgoing[edge.source].append(edge)
    boundaries: dict[str, list[GraphNode]] = defaultdict(list)
    for node in graph.nodes:
        if node.attached_to in nodes:
            boundaries[node.attached_to].append(node)
    order = _reachable_order(graph.nodes, outgoing, boundaries)
    inflow: dict[str, dict[str, float]] = {node_id: {} for node_id in order}
    in_degree: dict[str, int] = defaultdict(int)
    for source in order:
        for target, factor in _outflow(nodes[source], outgoing[source], boundaries[source]):
            inflow[target][source] = inflow[target].get(source, 0.0) + factor
            in_degree[target] += 1
    rows: dict[str, dict[str, float]] = {}
    for node_id in order:
        node = nodes[node_id]
        joins = node.routing is Routing.PARALLEL and in_degree[node_id] > 1
        scale = 1.0 / in_degree[node_id] if joins else 1.0
        row = {source: -factor * scale for source, factor in inflow[node_id].items()}
        row[node_id] = row.get(node_id, 0.0) + 1.0
        rows[node_id] = row
    rhs = {node_id: nodes[node_id].trigger or 0.0 for node_id in order}
    visits = _solve(order, rows, rhs, nodes)
    return {node.id: visits.get(node.id, 1.0) for node in graph.nodes}


def _reachable_order(
    nodes: Sequence[GraphNode],
    outgoing: Mapping[str, list[GraphEdge]],
    boundaries: Mapping[str, list[GraphNode]],
) -> list[str]:
    # Breadth-first from the triggers: also a good elimination order (little fill-in).
    order = [node.id for node in nodes if node.trigger is not None]
    seen = set(order)
    for node_id in order:
        successors = [e.target for e in outgoing.get(node_id, [])]
        successors += [b.id for b in boundaries.get(node_id, [])]
        for successor in successors:
            if successor not in seen:
                seen.add(successor)
                order.append(successor)
    return order


def _outflow(
    node: GraphNode, edges: list[GraphEdge], boundaries: list[GraphNode]
) -> list[tuple[str, float]]:
    fired = [(b, validate_probability(b.probability or 0.0)) for b in boundaries]
    interrupted = sum(p for b, p in fired if b.interrupting)
    if interrupted > 1.0 + _TOLERANCE:
        raise UserError(MSG_BOUNDARY_OVER_ONE, element=node.label, total=format_number(interrupted))
    remaining = max(0.0, 1.0 - interrupted)
    if node.routing is Routing.CHOICE:
        shares = _choice_shares(node, edges)
    else:
        shares = [
            1.0 if e.probability is None else validate_probability(e.probability) for e in edges
        ]
    flows = [(edge.target, share * remaining) for edge, share in zip(edges, shares, strict=True)]
    return flows + [(b.id, p) for b, p in fired]


def _choice_shares(node: GraphNode, edges: list[GraphEdge]) -> list[float]:
    stated = [validate_probability(e.probability) for e in edges if e.probability is not None]
    total = sum(stated)
    unstated = len(edges) - len(stated)
    if total > 1.0 + _TOLERANCE:
        raise UserError(MSG_CHOICE_OVER_ONE, element=node.label, total=format_number(total))
    if edges and not unstated and total < 1.0 - _TOLERANCE:
        raise UserError(MSG_CHOICE_UNDER_ONE, element=node.label, total=format_number(total))
    share = max(0.0, 1.0 - total) / unstated if unstated else 0.0
    return [share if e.probability is None else e.probability for e in edges]


def _solve(
    order: list[str],
    rows: dict[str, dict[str, float]],
    rhs: dict[str, float],
    nodes: Mapping[str, GraphNode],
) -> dict[str, float]:
    """Solve ``rows · v = rhs`` by sparse Gaussian elimination in ``order``, without pivoting.

    The matrix is I - A with A >= 0 (the flow factors). Its pivots are all positive exactly when
    the expected visits are finite (I - A is then a non-singular M-matrix, for which elimination
    without pivoting is stable); a pivot of 0 or below means a loop that is never left, or one
    that multiplies its visits (a parallel split feeding back), and we name the node.
    """
    position = {node_id: index for index, node_id in enumerate(order)}
    column_rows: dict[str, set[str]] = defaultdict(set)
    for row_id, row in rows.items():
        for column in row:
            column_rows[column].add(row_id)
    for pivot_id in order:
        pivot_row = rows[pivot_id]
        pivot = pivot_row.get(pivot_id, 0.0)
        if pivot <= _PIVOT_EPSILON:
            raise UserError(MSG_ENDLESS_LOOP, element=nodes[pivot_id].label)
        for row_id in sorted(column_rows[pivot_id], key=position.__getitem__):
            if position[row_id] <= position[pivot_id]:
                continue
            row = rows[row_id]
            factor = row.pop(pivot_id) / pivot
            for column, value in pivot_row.items():
                if column != pivot_id:
                    row[column] = row.get(column, 0.0) - factor * value
                    column_rows[column].add(row_id)
            rhs[row_id] -= factor * rhs[pivot_id]
    visits: dict[str, float] = {}
    for node_id in reversed(order):
        row = rows[node_id]
        known = sum(v * visits[c] for c, v in row.items() if position[c] > position[node_id])
        # Clamp rounding noise such as -1e-17 on a node that is never reached.
        visits[node_id] = max(0.0, (rhs[node_id] - known) / row[node_id])
    return visits


def expected_visits(graphs: Sequence[FlowGraph]) -> dict[str, float]:
    """Expected visits (a count) per case of every node of ``graphs``.

    A graph's own result is multiplied by the visits of its parents (the sub-process or the call
    activities); a graph without parents (a pool or top-level process) runs once per case, so the
    figures of several processes in one file add up.
    """
    local = {graph.id: local_visits(graph) for graph in graphs}
    owner = {node.id: graph.id for graph in graphs for node in graph.nodes}
    by_id = {graph.id: graph for graph in graphs}
    runs: dict[str, float] = {}

    def graph_runs(graph_id: str, stack: tuple[str, ...]) -> float:
        if graph_id in runs:
            return runs[graph_id]
        graph = by_id[graph_id]
        if graph_id in stack:
            raise UserError(MSG_RECURSIVE_CALL, element=graph.name or graph.id)
        parents = [p for p in graph.parent_ids if p in owner]
        runs[graph_id] = (
            sum(node_visits(p, (*stack, graph_id)) for p in parents) if parents else 1.0
        )
        return runs[graph_id]

    def node_visits(node_id: str, stack: tuple[str, ...]) -> float:
        graph_id = owner[node_id]
        return local[graph_id][node_id] * graph_runs(graph_id, stack)

    return {node_id: node_visits(node_id, ()) for node_id in owner}


def process_model_from_bpmn(doc: BpmnDocument) -> ProcessModel:
    """The tasks and flow graphs of a parsed BPMN document, ready for :func:`process_metrics`.

    Decisions: each start event of a process or sub-process fires once per run (a map with two
    start events is read as two triggers that both happen; draw one start and a gateway for
    alternatives). A scope without start events starts at every node without incoming flow, as
    BPMN prescribes. Event sub-processes and boundary events fire with their ``pb:branch``
    probability (default 0: exceptions count only when someone states how often they happen);
    a compensation handler runs when its compensation boundary event fires. Link events are
    joined by name. Loop markers on a task are not expanded: ``executionsPerCase`` says that.
    """
    process_ids = {process.id for process in doc.processes}
    callers: dict[str, list[str]] = defaultdict(list)
    for node in doc.nodes.values():
        called = node.called_element.rsplit(":", 1)[-1]
        if node.kind == "callActivity" and called in process_ids:
            callers[called].append(node.id)
    graphs = [
        _scope_graph(doc, process.id, process.label, tuple(callers[process.id]))
        for process in doc.processes
    ]
    graphs += [
        _scope_graph(doc, node.id, node.label, (node.id,))
        for node in doc.nodes.values()
        if node.category is NodeCategory.SUBPROCESS
    ]
    tasks = tuple(TaskInput(t.id, t.name, t.lane, t.measurements) for t in doc.tasks)
    return ProcessModel(tasks=tasks, graphs=tuple(graphs))


def _scope_graph(
    doc: BpmnDocument, scope_id: str, name: str, parent_ids: tuple[str, ...]
) -> FlowGraph:
    members = doc.children(scope_id)
    edges = [
        GraphEdge(flow.source_id, flow.target_id, flow.probability)
        for flow in doc.flows.values()
        if flow.parent_id == scope_id
    ]
    edges += _link_edges(members) + _compensation_edges(doc, members)
    targets = {edge.target for edge in edges}
    has_start = any(node.kind == "startEvent" for node in members)
    nodes = tuple(_graph_node(node, has_start, node.id in targets) for node in members)
    return FlowGraph(scope_id, nodes, tuple(edges), parent_ids, name)


def _link_edges(members: Sequence[FlowNode]) -> list[GraphEdge]:
    def links(kind: str) -> list[FlowNode]:
        return [n for n in members if n.kind == kind and "link" in n.event_definitions]

    return [
        GraphEdge(throw.id, catch.id)
        for throw in links("intermediateThrowEvent")
        for catch in links("intermediateCatchEvent")
        if throw.link_name and throw.link_name == catch.link_name
    ]


def _compensation_edges(doc: BpmnDocument, members: Sequence[FlowNode]) -> list[GraphEdge]:
    ids = {node.id for node in members}
    edges = []
    for association in doc.associations:
        source = doc.nodes.get(association.source_id)
        target = doc.nodes.get(association.target_id)
        if source is None or target is None or source.id not in ids:
            continue
        if "compensate" in source.event_definitions and target.is_for_compensation:
            edges.append(GraphEdge(source.id, target.id))
    return edges


_ROUTING = {
    "exclusiveGateway": Routing.CHOICE,
    "inclusiveGateway": Routing.CHOICE,
    "complexGateway": Routing.CHOICE,
    "eventBasedGateway": Routing.CHOICE,
    "parallelGateway": Routing.PARALLEL,
}


def _graph_node(node: FlowNode, has_start: bool, has_incoming: bool) -> GraphNode:
    trigger: float | None = None
    if node.triggered_by_event:
        trigger = node.probability or 0.0
    elif node.is_for_compensation:
        trigger = 0.0
    elif node.kind == "startEvent" or not (has_start or has_incoming or node.attached_to):
        trigger = 1.0
    return GraphNode(
        id=node.id,
        name=node.label,
        routing=_ROUTING.get(node.kind, Routing.THROUGH),
        trigger=trigger,
        attached_to=node.attached_to,
        probability=node.probability,
        # A compensation event fires after its host finished, so it takes nothing from it.
        interrupting=node.cancel_activity and "compensate" not in node.event_definitions,
    )


def process_metrics(
    source: BpmnDocument | ProcessModel | Sequence[TaskInput],
    *,
    yearly_volume: int,
    annual_hours_per_fte: float = DEFAULT_ANNUAL_HOURS_PER_FTE,
    hourly_rate_by_role: Mapping[str, Decimal],
    default_hourly_rate: Decimal,
) -> ProcessMetrics:
    """Minutes per case, hours and FTE per year and cost per year (DKK) of a process.

    ``yearly_volume`` is cases per year; ``annual_hours_per_fte`` hours; rates DKK per hour, by
    role (lane name), ``default_hourly_rate`` for a role without one. A plain task list counts
    one visit per task. Tasks without measurements count 0 minutes and are listed as unmeasured.
    """
    _check_inputs(yearly_volume, annual_hours_per_fte, hourly_rate_by_role, default_hourly_rate)
    if isinstance(source, BpmnDocument):
        model = process_model_from_bpmn(source)
    elif isinstance(source, ProcessModel):
        model = source
    else:
        model = ProcessModel(tasks=tuple(source))
    visits = expected_visits(model.graphs)
    tasks = tuple(
        _task_metrics(
            task,
            visits.get(task.id, 1.0),
            yearly_volume,
            hourly_rate_by_role.get(task.role, default_hourly_rate),
        )
        for task in model.tasks
    )
    minutes_per_case = sum(t.minutes_per_case for t in tasks)
    hours_per_year = minutes_per_case * yearly_volume / 60
    return ProcessMetrics(
        tasks=tasks,
        yearly_volume=yearly_volume,
        annual_hours_per_fte=annual_hours_per_fte,
        minutes_per_case=minutes_per_case,
        waiting_minutes_per_case=sum(t.waiting_minutes_per_case for t in tasks),
        hours_per_year=hours_per_year,
        fte=hours_per_year / annual_hours_per_fte,
        cost_per_year=sum((t.cost_per_year for t in tasks), Decimal("0.00")),
        unmeasured_task_ids=tuple(t.task_id for t in tasks if not t.measured),
    )


def _check_inputs(
    yearly_volume: int,
    annual_hours_per_fte: float,
    rates: Mapping[str, Decimal],
    default_rate: Decimal,
) -> None:
    if yearly_volume < 0:
        raise UserError(MSG_NEGATIVE_VOLUME, value=yearly_volume)
    if not math.isfinite(annual_hours_per_fte) or annual_hours_per_fte <= 0:
        raise UserError(MSG_BAD_FTE_HOURS, value=format_number(annual_hours_per_fte))
    for role, rate in {**rates, "": default_rate}.items():
        if not rate.is_finite() or rate < 0:
            raise UserError(MSG_NEGATIVE_RATE, role=role, value=rate)


def _task_metrics(task: TaskInput, visits: float, volume: int, rate: Decimal) -> TaskMetrics:
    m = task.measurements
    per_execution = (
        0.0 if m is None else three_point_minutes(m.minutes_min, m.minutes_likely, m.minutes_max)
    )
    executions = 1.0 if m is None else m.executions_per_case
    # Waiting happens once per visit, however many times the task is then repeated.
    waiting = 0.0 if m is None or m.waiting_minutes is None else visits * m.waiting_minutes
    minutes_per_case = visits * executions * per_execution
    hours_per_year = minutes_per_case * volume / 60
    cost = (Decimal(repr(hours_per_year)) * rate).quantize(_ORE, rounding=ROUND_HALF_UP)
    return TaskMetrics(
        task_id=task.id,
        name=task.name,
        role=task.role,
        measured=m is not None,
        visits=visits,
        executions_per_case=executions,
        minutes_per_execution=per_execution,
        minutes_per_case=minutes_per_case,
        waiting_minutes_per_case=waiting,
        hours_per_year=hours_per_year,
        hourly_rate=rate,
        cost_per_year=cost,
    )


def compare_metrics(before: ProcessMetrics, after: ProcessMetrics) -> MetricsDiff:
    """What ``after`` saves against ``before``: minutes per case, hours, FTE and DKK per year.

    Tasks are matched by BPMN element id first, then by name (case and spacing ignored; among
    equal names in document order); the rest are added or removed. Savings are before - after.
    """
    changes, unmatched_before, used = _match_by_id(before.tasks, after.tasks)
    by_name: dict[str, list[int]] = defaultdict(list)
    for index, task in enumerate(after.tasks):
        if index not in used and _name_key(task.name):
            by_name[_name_key(task.name)].append(index)
    removed = []
    for task in unmatched_before:
        candidates = by_name.get(_name_key(task.name))
        if candidates:
            index = candidates.pop(0)
            used.add(index)
            changes.append(TaskChange(task, after.tasks[index], "name"))
        else:
            removed.append(task)
    return MetricsDiff(
        minutes_saved_per_case=before.minutes_per_case - after.minutes_per_case,
        waiting_minutes_saved_per_case=(
            before.waiting_minutes_per_case - after.waiting_minutes_per_case
        ),
        hours_saved_per_year=before.hours_per_year - after.hours_per_year,
        fte_saved=before.fte - after.fte,
        cost_saved_per_year=before.cost_per_year - after.cost_per_year,
        changes=tuple(changes),
        added=tuple(t for i, t in enumerate(after.tasks) if i not in used),
        removed=tuple(removed),
    )


def _match_by_id(
    before: Sequence[TaskMetrics], after: Sequence[TaskMetrics]
) -> tuple[list[TaskChange], list[TaskMetrics], set[int]]:
    after_index: dict[str, int] = {}
    for index, task in enumerate(after):
        after_index.setdefault(task.task_id, index)
    changes, unmatched, used = [], [], set()
    for task in before:
        match = after_index.get(task.task_id)
        if match is None or match in used:
            unmatched.append(task)
        else:
            used.add(match)
            changes.append(TaskChange(task, after[match], "id"))
    return changes, unmatched, used


def _name_key(name: str) -> str:
    return " ".join(name.casefold().split())
