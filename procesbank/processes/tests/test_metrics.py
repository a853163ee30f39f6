"""Handling time, hours, FTE and cost, with every expected figure worked out by hand."""

from __future__ import annotations

from decimal import Decimal
from itertools import pairwise
from pathlib import Path

import pytest

from procesbank.core.errors import UserError
from procesbank.processes.engine.bpmn import (
    TaskMeasurements,
    parse_bpmn,
    set_branch_probability,
    set_task_measurements,
)
from procesbank.processes.engine.metrics import (
    FlowGraph,
    GraphEdge,
    GraphNode,
    ProcessModel,
    Routing,
    TaskInput,
    compare_metrics,
    expected_visits,
    local_visits,
    process_metrics,
    process_model_from_bpmn,
    three_point_minutes,
)

DATA = Path(__file__).resolve().parents[3] / "tests" / "data"
RATE = Decimal("400")
HEAD = '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d">'


def bpmn(*processes: str) -> bytes:
    return (HEAD + "".join(processes) + "</bpmn:definitions>").encode()


def process(process_id: str, *elements: str) -> str:
    return f'<bpmn:process id="{process_id}">{"".join(elements)}</bpmn:process>'


def node(kind: str, node_id: str, name: str = "", inner: str = "", **attributes: str) -> str:
    extra = "".join(f' {key}="{value}"' for key, value in attributes.items())
    return f'<bpmn:{kind} id="{node_id}" name="{name}"{extra}>{inner}</bpmn:{kind}>'


def flow(source: str, target: str) -> str:
    return f'<bpmn:sequenceFlow id="{source}-{target}" sourceRef="{source}" targetRef="{target}"/>'


def flows(*path: str) -> str:
    return "".join(flow(a, b) for a, b in pairwise(path))


def metrics(source, volume: int = 1800, **kwargs):
    kwargs.setdefault("hourly_rate_by_role", {})
    kwargs.setdefault("default_hourly_rate", RATE)
    return process_metrics(source, yearly_volume=volume, **kwargs)


def fixed(minutes: float, **kwargs) -> TaskMeasurements:
    return TaskMeasurements(minutes, minutes, minutes, **kwargs)


def visits_of(doc) -> dict[str, float]:
    visits = expected_visits(process_model_from_bpmn(doc).graphs)
    return {n.name: round(visits[n.id], 12) for n in doc.nodes.values() if n.name}


def message_of(call, *args) -> str:
    with pytest.raises(UserError) as caught:
        call(*args)
    return str(caught.value)


# --- the core arithmetic ------------------------------------------------------------------------


def test_three_point_is_the_pert_mean() -> None:
    # (5 + 4 × 10 + 25) / 6 = 70 / 6 = 11.6667 minutes
    assert three_point_minutes(5, 10, 25) == pytest.approx(70 / 6)


def test_single_task_gives_hours_fte_and_cost() -> None:
    task = TaskInput("t", "Behandl ansøgning", measurements=TaskMeasurements(5, 10, 25))

    result = metrics([task])

    # 70/6 = 11.6667 min/case; × 1800 cases / 60 = 350 h/year; 350 / 1924 = 0.18191 FTE;
    # 350 h × 400 kr/h = 140,000.00 kr
    assert result.minutes_per_case == pytest.approx(11.666667, abs=1e-6)
    assert result.hours_per_year == pytest.approx(350.0)
    assert result.fte == pytest.approx(0.181913, abs=1e-6)
    assert result.cost_per_year == Decimal("140000.00")
    assert result.tasks[0].visits == 1.0
    assert result.unmeasured_task_ids == ()


def test_executions_per_case_and_waiting_time() -> None:
    task = TaskInput(
        "t", "Ring borger op", measurements=fixed(4, executions_per_case=2.5, waiting_minutes=2880)
    )

    result = metrics([task], volume=600)

    # 2.5 executions × 4 min = 10 min/case; × 600 / 60 = 100 h; waiting counts once per visit
    assert result.minutes_per_case == 10.0
    assert result.hours_per_year == 100.0
    assert result.waiting_minutes_per_case == 2880.0


def test_roles_use_their_own_rate_and_others_the_default() -> None:
    tasks = [
        TaskInput("a", "Visitér", role="Sagsbehandler", measurements=fixed(30)),
        TaskInput("b", "Godkend", role="Leder", measurements=fixed(6)),
        TaskInput("c", "Scan post", role="Servicecenter", measurements=fixed(3)),
        TaskInput("d", "Arkivér", role="Sagsbehandler"),
    ]
    rates = {"Sagsbehandler": Decimal("410.50"), "Leder": Decimal("600")}

    result = metrics(tasks, volume=1000, hourly_rate_by_role=rates)

    # a: 30 min × 1000 / 60 = 500 h × 410.50 = 205,250.00
    # b: 6 min → 100 h × 600 = 60,000.00;  c: 3 min → 50 h × default 400 = 20,000.00
    # d: unmeasured, 0 min → 0.00.  Total 285,250.00 kr, 650 h, 39 min/case
    assert [t.cost_per_year for t in result.tasks] == [
        Decimal("205250.00"),
        Decimal("60000.00"),
        Decimal("20000.00"),
        Decimal("0.00"),
    ]
    assert result.cost_per_year == Decimal("285250.00")
    assert result.hours_per_year == pytest.approx(650.0)
    assert result.minutes_per_case == 39.0
    assert result.unmeasured_task_ids == ("d",)
    assert result.tasks[3].measured is False


def test_cost_is_rounded_to_ore_per_task() -> None:
    task = TaskInput("t", "Kort opgave", measurements=fixed(1))

    result = metrics([task], volume=7, default_hourly_rate=Decimal("333.33"))

    # 1 min × 7 / 60 = 0.116667 h × 333.33 = 38.8885 → 38.89 kr
    assert result.cost_per_year == Decimal("38.89")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"volume": -1}, "Den årlige sagsmængde må ikke være negativ (fik -1)"),
        ({"annual_hours_per_fte": 0.0}, "Timer pr. årsværk skal være et positivt tal (fik 0)"),
        (
            {"hourly_rate_by_role": {"Leder": Decimal("-1")}},
            "Timeprisen for rollen »Leder« må ikke være negativ (fik -1)",
        ),
    ],
)
def test_bad_inputs_are_refused(kwargs, message: str) -> None:
    with pytest.raises(UserError) as caught:
        metrics([TaskInput("t", "x")], **kwargs)

    assert str(caught.value) == message


# --- expected visits on plain graphs --------------------------------------------------------------


def start(node_id: str = "S") -> GraphNode:
    return GraphNode(node_id, trigger=1.0)


def choice(node_id: str) -> GraphNode:
    return GraphNode(node_id, node_id, Routing.CHOICE)


def parallel(node_id: str) -> GraphNode:
    return GraphNode(node_id, node_id, Routing.PARALLEL)


def edge(source: str, target: str, probability: float | None = None) -> GraphEdge:
    return GraphEdge(source, target, probability)


def solve(nodes, edges) -> dict[str, float]:
    return {
        k: round(v, 12) for k, v in local_visits(FlowGraph("g", tuple(nodes), tuple(edges))).items()
    }


def test_xor_split_uses_stated_probabilities() -> None:
    nodes = [start(), GraphNode("A"), choice("X"), GraphNode("B"), GraphNode("C"), GraphNode("D")]
    edges = [edge("S", "A"), edge("A", "X"), edge("X", "B", 0.3), edge("X", "C", 0.7)]
    edges += [edge("B", "D"), edge("C", "D")]

    visits = solve(nodes, edges)

    # B 0.3, C 0.7, and the XOR merge in D adds them back to 1
    assert visits == {"S": 1.0, "A": 1.0, "X": 1.0, "B": 0.3, "C": 0.7, "D": 1.0}


def test_flows_without_probability_share_the_remainder() -> None:
    nodes = [start(), choice("X"), GraphNode("B"), GraphNode("C"), GraphNode("D")]
    edges = [edge("S", "X"), edge("X", "B", 0.4), edge("X", "C"), edge("X", "D")]

    visits = solve(nodes, edges)

    # (1 - 0.4) / 2 = 0.3 each
    assert (visits["B"], visits["C"], visits["D"]) == (0.4, 0.3, 0.3)


def test_probabilities_over_one_name_the_gateway() -> None:
    nodes = [start(), GraphNode("X", "Godkendt?", Routing.CHOICE), GraphNode("B"), GraphNode("C")]
    edges = [edge("S", "X"), edge("X", "B", 0.6), edge("X", "C", 0.5)]

    assert message_of(solve, nodes, edges) == (
        "Sandsynlighederne for flowene ud af Godkendt? summer til 1,1, hvilket er mere end 1"
    )


def test_stated_probabilities_under_one_are_refused() -> None:
    nodes = [start(), choice("X"), GraphNode("B"), GraphNode("C")]
    edges = [edge("S", "X"), edge("X", "B", 0.3), edge("X", "C", 0.3)]

    assert message_of(solve, nodes, edges) == (
        "Sandsynlighederne for flowene ud af X summer til 0,6; når alle flowene har en "
        "sandsynlighed, skal de summe til 1"
    )


def test_parallel_split_visits_every_branch_and_join_fires_once() -> None:
    nodes = [
        start(),
        parallel("P1"),
        GraphNode("A"),
        GraphNode("B"),
        parallel("P2"),
        GraphNode("C"),
    ]
    edges = [edge("S", "P1"), edge("P1", "A"), edge("P1", "B"), edge("A", "P2"), edge("B", "P2")]
    edges += [edge("P2", "C")]

    visits = solve(nodes, edges)

    # A and B once each; the join: (1 + 1) / 2 = 1
    assert visits == {"S": 1.0, "P1": 1.0, "A": 1.0, "B": 1.0, "P2": 1.0, "C": 1.0}


def test_parallel_block_inside_a_branch() -> None:
    nodes = [start(), choice("X"), parallel("P1"), GraphNode("A"), GraphNode("B"), parallel("P2")]
    nodes += [GraphNode("E")]
    edges = [edge("S", "X"), edge("X", "P1", 0.25), edge("X", "E", 0.75), edge("P1", "A")]
    edges += [edge("P1", "B"), edge("A", "P2"), edge("B", "P2"), edge("P2", "E")]

    visits = solve(nodes, edges)

    # both branches 0.25; join (0.25 + 0.25) / 2 = 0.25; E = 0.75 + 0.25 = 1
    assert (visits["A"], visits["B"], visits["P2"], visits["E"]) == (0.25, 0.25, 0.25, 1.0)


def test_rework_loop_with_probability_two_tenths() -> None:
    nodes = [start(), GraphNode("A"), choice("X"), GraphNode("E")]
    edges = [edge("S", "A"), edge("A", "X"), edge("X", "A", 0.2), edge("X", "E")]

    visits = solve(nodes, edges)

    # v_A = 1 + 0.2 v_A  →  v_A = 1 / (1 - 0.2) = 1.25; E is reached once: 1.25 × 0.8 = 1
    assert visits == {"S": 1.0, "A": 1.25, "X": 1.25, "E": 1.0}


def test_nested_loops_multiply() -> None:
    nodes = [start(), GraphNode("A"), GraphNode("B"), choice("Inner"), choice("Outer")]
    nodes += [GraphNode("E")]
    edges = [edge("S", "A"), edge("A", "B"), edge("B", "Inner"), edge("Inner", "B", 0.5)]
    edges += [edge("Inner", "Outer"), edge("Outer", "A", 0.2), edge("Outer", "E")]

    visits = solve(nodes, edges)

    # outer loop: A = 1 / 0.8 = 1.25; inner loop doubles each pass: B = 1.25 / 0.5 = 2.5
    assert (visits["A"], visits["B"], visits["E"]) == (1.25, 2.5, 1.0)


def test_loop_that_is_never_left_is_refused() -> None:
    nodes = [start(), GraphNode("A"), GraphNode("X", "Fejl i sagen?", Routing.CHOICE)]
    nodes += [GraphNode("E")]
    edges = [edge("S", "A"), edge("A", "X"), edge("X", "A", 1.0), edge("X", "E")]

    assert message_of(solve, nodes, edges) == (
        "Løkken ved Fejl i sagen? forlades aldrig, så antallet af gennemløb bliver uendeligt; "
        "giv vejen ud af løkken en sandsynlighed over 0"
    )


def test_loop_without_any_exit_is_refused() -> None:
    nodes = [start(), GraphNode("A", "Vent"), GraphNode("B", "Tjek")]
    edges = [edge("S", "A"), edge("A", "B"), edge("B", "A")]

    assert message_of(solve, nodes, edges).startswith("Løkken ved Tjek forlades aldrig")


def test_parallel_split_feeding_back_multiplies_without_bound() -> None:
    nodes = [start(), GraphNode("A"), GraphNode("P", "Del op", Routing.PARALLEL)]
    edges = [edge("S", "A"), edge("A", "P"), edge("P", "A"), edge("P", "A")]

    assert message_of(solve, nodes, edges).startswith("Løkken ved Del op forlades aldrig")


def test_each_start_event_counts_once() -> None:
    nodes = [start("S1"), start("S2"), GraphNode("A")]
    edges = [edge("S1", "A"), edge("S2", "A")]

    assert solve(nodes, edges)["A"] == 2.0


def test_nodes_no_trigger_reaches_count_once() -> None:
    nodes = [
        start(),
        GraphNode("A"),
        GraphNode("Loose"),
        GraphNode("Island1"),
        GraphNode("Island2"),
    ]
    edges = [edge("S", "A"), edge("Island1", "Island2"), edge("Island2", "Island1")]

    visits = solve(nodes, edges)

    assert (visits["A"], visits["Loose"], visits["Island1"], visits["Island2"]) == (1, 1, 1, 1)


def test_boundary_events_fire_with_their_probability() -> None:
    nodes = [start(), GraphNode("A"), GraphNode("B"), GraphNode("C"), GraphNode("D")]
    nodes += [GraphNode("Timeout", attached_to="A", probability=0.1)]
    nodes += [GraphNode("Reminder", attached_to="A", probability=0.25, interrupting=False)]
    edges = [edge("S", "A"), edge("A", "B"), edge("Timeout", "C"), edge("Reminder", "D")]

    visits = solve(nodes, edges)

    # the interrupting timer takes 10 % from the normal path; the reminder takes nothing
    assert (visits["B"], visits["C"], visits["D"]) == (0.9, 0.1, 0.25)


def test_graph_runs_as_often_as_its_parent() -> None:
    outer_nodes = (start(), choice("X"), GraphNode("Sub"), GraphNode("E"))
    outer_edges = (edge("S", "X"), edge("X", "Sub", 0.4), edge("X", "E"), edge("Sub", "E"))
    outer = FlowGraph("p", outer_nodes, outer_edges)
    inner = FlowGraph("Sub", (start("S2"), GraphNode("T")), (edge("S2", "T"),), ("Sub",))

    visits = expected_visits([outer, inner])

    assert (visits["Sub"], visits["T"], visits["E"]) == (0.4, 0.4, 1.0)


def test_process_model_without_graphs_counts_one_visit_each() -> None:
    model = ProcessModel(tasks=(TaskInput("a", "A", measurements=fixed(6)),))

    assert metrics(model).tasks[0].visits == 1.0


# --- from BPMN files ----------------------------------------------------------------------------


def test_xor_probability_written_in_the_file_drives_the_visits() -> None:
    doc = parse_bpmn(
        bpmn(
            process(
                "p",
                node("startEvent", "s"),
                node("userTask", "a", "Modtag"),
                node("exclusiveGateway", "x", "Komplet?"),
                node("userTask", "b", "Indhent oplysninger"),
                node("userTask", "c", "Afgør sag"),
                flows("s", "a", "x", "b", "c"),
                flow("x", "c"),
            )
        )
    )
    for task_id, minutes in (("a", 5), ("b", 20), ("c", 30)):
        set_task_measurements(doc, task_id, fixed(minutes))
    set_branch_probability(doc, "x-b", 0.3)

    result = metrics(parse_bpmn(doc_bytes(doc)))

    # a 5 + b 0.3 × 20 + c (0.3 + 0.7) × 30 = 5 + 6 + 30 = 41 min; × 1800 / 60 = 1230 h
    assert [t.visits for t in result.tasks] == [1.0, pytest.approx(0.3), pytest.approx(1.0)]
    assert result.minutes_per_case == pytest.approx(41.0)
    assert result.hours_per_year == pytest.approx(1230.0)


def doc_bytes(doc) -> bytes:
    from procesbank.processes.engine.bpmn import serialize_bpmn

    return serialize_bpmn(doc)


def test_subprocess_children_run_as_often_as_the_subprocess() -> None:
    sub = node(
        "subProcess",
        "sub",
        "Behandling",
        node("startEvent", "s2")
        + node("task", "t1", "Vurdér")
        + node("task", "t2", "Skriv afgørelse")
        + flows("s2", "t1", "t2"),
    )
    doc = parse_bpmn(
        bpmn(
            process(
                "p",
                node("startEvent", "s"),
                node("exclusiveGateway", "x", "Behandles?"),
                sub,
                node("endEvent", "e"),
                flows("s", "x", "sub", "e"),
                flow("x", "e"),
            )
        )
    )

    visits = visits_of(doc)

    # two unlabelled flows out of x: 0.5 each; the sub-process and its tasks run 0.5 times
    assert (visits["Behandling"], visits["Vurdér"], visits["Skriv afgørelse"]) == (0.5, 0.5, 0.5)


def test_subprocess_without_start_event_starts_at_each_node_without_incoming_flow() -> None:
    sub = node(
        "adHocSubProcess",
        "sub",
        "Tjekliste",
        node("task", "a", "Ring") + node("task", "b", "Skriv"),
    )
    doc = parse_bpmn(bpmn(process("p", node("startEvent", "s"), sub, flows("s", "sub"))))

    assert (visits_of(doc)["Ring"], visits_of(doc)["Skriv"]) == (1.0, 1.0)


def test_loose_tasks_without_flows_count_once() -> None:
    doc = parse_bpmn(
        bpmn(
            process(
                "p",
                node("startEvent", "s"),
                node("task", "a", "I flowet"),
                node("task", "l", "Tegnet løst"),
                flows("s", "a"),
            ),
            process("q", node("task", "m", "Kun opgaver"), node("task", "n", "Ingen pile")),
        )
    )

    visits = visits_of(doc)

    assert (visits["I flowet"], visits["Tegnet løst"]) == (1.0, 1.0)
    assert (visits["Kun opgaver"], visits["Ingen pile"]) == (1.0, 1.0)


def test_several_pools_add_up() -> None:
    doc = parse_bpmn(
        bpmn(
            process(
                "p", node("startEvent", "s"), node("task", "a", "Borger søger"), flows("s", "a")
            ),
            process(
                "q",
                node("startEvent", "s2"),
                node("task", "b", "Kommune behandler"),
                flows("s2", "b"),
            ),
        )
    )
    set_task_measurements(doc, "a", fixed(6))
    set_task_measurements(doc, "b", fixed(9))

    # 6 + 9 = 15 min/case; × 1800 / 60 = 450 h
    assert metrics(doc).minutes_per_case == 15.0
    assert metrics(doc).hours_per_year == 450.0


def test_called_process_runs_as_often_as_its_call_activity() -> None:
    doc = parse_bpmn(
        bpmn(
            process(
                "main",
                node("startEvent", "s"),
                node("exclusiveGateway", "x"),
                node("callActivity", "call", "Kald kontrol", calledElement="check"),
                node("endEvent", "e"),
                flows("s", "x", "call", "e"),
                flow("x", "e"),
            ),
            process(
                "check", node("startEvent", "s2"), node("task", "t", "Kontrol"), flows("s2", "t")
            ),
        )
    )

    assert visits_of(doc)["Kontrol"] == 0.5


def test_boundary_and_event_subprocess_probabilities_from_the_file() -> None:
    doc = parse_bpmn(
        bpmn(
            process(
                "p",
                node("startEvent", "s"),
                node("userTask", "a", "Afvent svar"),
                node("task", "b", "Behandl svar"),
                node("boundaryEvent", "timer", "Frist", attachedToRef="a"),
                node("task", "c", "Rykker"),
                node(
                    "subProcess",
                    "ev",
                    "Klage",
                    node("startEvent", "s3")
                    + node("task", "k", "Behandl klage")
                    + flows("s3", "k"),
                    triggeredByEvent="true",
                ),
                flows("s", "a", "b"),
                flow("timer", "c"),
            )
        )
    )
    before = visits_of(doc)
    set_branch_probability(doc, "timer", 0.2)
    set_branch_probability(doc, "ev", 0.05)

    after = visits_of(doc)

    # without a probability an exception path counts 0; with 0.2 the timer takes 20 %
    assert (before["Behandl svar"], before["Rykker"], before["Behandl klage"]) == (1.0, 0.0, 0.0)
    assert (after["Behandl svar"], after["Rykker"], after["Behandl klage"]) == (0.8, 0.2, 0.05)


@pytest.mark.parametrize(
    "path",
    [*sorted((DATA / "bpmn-miwg").glob("*.bpmn")), *sorted((DATA / "event-logs").glob("*.bpmn"))],
    ids=lambda p: p.name,
)
def test_every_reference_model_gives_finite_non_negative_visits(path: Path) -> None:
    doc = parse_bpmn(path.read_bytes())

    visits = expected_visits(process_model_from_bpmn(doc).graphs)

    assert set(visits) == set(doc.nodes)
    assert all(0.0 <= v < 100 for v in visits.values())


def test_running_example_loop_doubles_the_examination() -> None:
    doc = parse_bpmn((DATA / "event-logs" / "running-example.bpmn").read_bytes())

    visits = visits_of(doc)

    # "reinitiate request" loops back with 0.5 by equal sharing: 1 / (1 - 0.5) = 2 rounds
    assert visits["register request"] == 1.0
    assert visits["decide"] == 2.0
    assert visits["reinitiate request"] == 1.0


# --- comparing versions -------------------------------------------------------------------------


def test_as_is_against_to_be_with_two_tasks_automated() -> None:
    as_is = [
        TaskInput("t1", "Modtag ansøgning", measurements=TaskMeasurements(5, 10, 25)),
        TaskInput("t2", "Registrer i ESDH", measurements=fixed(6)),
        TaskInput("t3", "Journaliser", measurements=fixed(3)),
        TaskInput("t4", "Send svar", measurements=TaskMeasurements(10, 12, 20)),
        TaskInput("t5", "Arkivér", measurements=TaskMeasurements(1, 2, 3)),
    ]
    to_be = [
        TaskInput("t1", "Modtag ansøgning", measurements=TaskMeasurements(5, 10, 25)),
        TaskInput("t2", "Registrer i ESDH", measurements=fixed(0, automation_note="Robot")),
        TaskInput("t3", "Journaliser", measurements=fixed(0)),
        TaskInput("n4", "send  Svar", measurements=TaskMeasurements(10, 12, 20)),
        TaskInput("t6", "Robotkontrol", measurements=TaskMeasurements(0, 1, 2)),
    ]

    diff = compare_metrics(metrics(as_is), metrics(to_be))

    # as-is: 70/6 + 6 + 3 + 78/6 + 2 = 214/6 = 35.667 min → × 1800/60 = 1070 h, 428,000 kr
    # to-be: 70/6 + 0 + 0 + 78/6 + 1 = 154/6 = 25.667 min → 770 h, 308,000 kr
    # saved: 10 min/case, 300 h, 300 / 1924 = 0.155925 FTE, 120,000 kr
    assert diff.minutes_saved_per_case == pytest.approx(10.0)
    assert diff.hours_saved_per_year == pytest.approx(300.0)
    assert diff.fte_saved == pytest.approx(0.155925, abs=1e-6)
    assert diff.cost_saved_per_year == Decimal("120000.00")
    by_name = {c.before.name: c for c in diff.changes}
    # Registrer: 6 min × 1800 / 60 = 180 h × 400 = 72,000 kr; Journaliser: 90 h, 36,000 kr
    assert by_name["Registrer i ESDH"].minutes_per_case_delta == -6.0
    assert by_name["Registrer i ESDH"].hours_per_year_delta == pytest.approx(-180.0)
    assert by_name["Registrer i ESDH"].cost_per_year_delta == Decimal("-72000.00")
    assert by_name["Journaliser"].cost_per_year_delta == Decimal("-36000.00")
    assert (by_name["Send svar"].matched_by, by_name["Send svar"].after.task_id) == ("name", "n4")
    assert by_name["Send svar"].minutes_per_case_delta == 0.0
    assert [(c.before.task_id, c.matched_by) for c in diff.changes] == [
        ("t1", "id"),
        ("t2", "id"),
        ("t3", "id"),
        ("t4", "name"),
    ]
    assert [t.task_id for t in diff.added] == ["t6"]
    assert [t.task_id for t in diff.removed] == ["t5"]
