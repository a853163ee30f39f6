"""What drawing a diagram may cost: near-linear work in the size of the model, and a cap on
the elements of one model. Work is counted (rectangle tests, free-row probes), never timed;
the seconds are in bench/bpmn_layout.py and the README."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from procesbank.processes.engine import diagram
from procesbank.processes.engine.bpmn import BpmnError, parse_bpmn
from procesbank.processes.engine.diagram import Flow, Node, grid
from procesbank.processes.models import Process
from procesbank.processes.tests.conftest import two_task_bpmn


def chain(tasks: int) -> tuple[list[Node], list[Flow]]:
    """Start, ``tasks`` tasks in three lanes with a split and join around every tenth pair and
    a loop back every 50 tasks, end: the shape of bench/bpmn_layout.py."""
    nodes = [Node("start", "startEvent", "Start", "L0")]
    flows: list[Flow] = []
    previous = "start"
    for index in range(tasks):
        key = f"t{index}"
        nodes.append(Node(key, "userTask", f"Opgave {index}", f"L{index % 3}"))
        if index % 10 == 0:
            nodes.append(Node(f"g{index}", "exclusiveGateway", "Godkendt?", f"L{index % 3}"))
            flows += [Flow(f"a{index}", previous, f"g{index}"), Flow(f"b{index}", f"g{index}", key)]
        else:
            flows.append(Flow(f"a{index}", previous, key))
        if index % 50 == 49:
            flows.append(Flow(f"loop{index}", key, f"t{index - 20}"))
        previous = key
    nodes.append(Node("end", "endEvent", "Slut", "L0"))
    flows.append(Flow("last", previous, "end"))
    return nodes, flows


def fan_out(targets: int) -> tuple[list[Node], list[Flow]]:
    """One gateway with ``targets`` outgoing flows: they all share one column."""
    nodes = [Node("g", "exclusiveGateway", "Hvilken?")]
    nodes += [Node(f"t{i}", "userTask", f"Opgave {i}") for i in range(targets)]
    return nodes, [Flow(f"f{i}", "g", f"t{i}") for i in range(targets)]


def work(monkeypatch, nodes: list[Node], flows: list[Flow]) -> int:
    """Rectangle tests made while drawing: the inner loop of routing."""
    calls = 0
    crosses = grid._crosses

    def counted(*args):
        nonlocal calls
        calls += 1
        return crosses(*args)

    monkeypatch.setattr(grid, "_crosses", counted)
    diagram.layout(nodes, flows, ["L0", "L1", "L2"])
    return calls


@pytest.mark.parametrize("shape", [chain, fan_out], ids=["chain", "fan-out"])
def test_four_times_the_model_costs_about_four_times_the_work(monkeypatch, shape):
    small = work(monkeypatch, *shape(300))
    large = work(monkeypatch, *shape(1200))

    # Every route used to be tested against every node: 16 times the work for 4 times the
    # model. Now a route sees only the grid cells it passes through, at most ROUTE_CHECK_CELLS.
    assert large <= 4.5 * small


def test_rows_in_a_crowded_column_are_found_without_rescanning():
    nodes, flows = fan_out(2000)

    boxes = diagram.layout(nodes, flows).boxes

    # 2,000 tasks in one column, one per row: row k's top at 80 + 140 k.
    assert sorted({box.row_top for key, box in boxes.items() if key != "g"}) == [
        80 + 140 * k for k in range(2000)
    ]


def test_a_flow_from_a_node_that_does_not_exist_is_drawn_without_it():
    data = two_task_bpmn().replace(b'sourceRef="T1"', b'sourceRef="Findes-ikke"')
    doc = parse_bpmn(data)

    assert diagram.add_diagram(doc) is True


def test_a_model_over_the_element_cap_is_refused_in_danish():
    # two_task_bpmn: start, two tasks, end and three flows = 7 elements.
    with pytest.raises(BpmnError) as refused:
        parse_bpmn(two_task_bpmn(), max_elements=6)

    assert str(refused.value) == (
        "Modellen har mere end 6 elementer (opgaver, hændelser, gateways og sekvensflow); "
        "Procesbank tager højst 6 i én model. Del processen op i flere modeller."
    )


def test_the_import_page_refuses_10001_tasks_and_saves_nothing(client, konsulent):
    tasks = "".join(f'<userTask id="t{i}"/>' for i in range(10_001))
    data = (
        '<?xml version="1.0"?><definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"'
        f' id="d" targetNamespace="t"><process id="p">{tasks}</process></definitions>'
    ).encode()
    client.force_login(konsulent)
    before = Process.objects.count()

    response = client.post(
        "/processer/importer/", {"file": SimpleUploadedFile("stor.bpmn", data), "name": "Stor"}
    )

    assert response.status_code == 200
    assert "Modellen har mere end 10000 elementer" in response.content.decode()
    assert Process.objects.count() == before
