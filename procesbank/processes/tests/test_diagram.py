"""Drawing a diagram: the layered layout, and the DI for an imported file that had none.

The MIWG reference files (tests/data/bpmn-miwg) are stripped of their BPMN DI, as a tool that
exports only the semantics would write them, and drawn again.
"""

from __future__ import annotations

import itertools

import pytest
from lxml import etree

from procesbank.processes import services
from procesbank.processes.engine import diagram
from procesbank.processes.engine.bpmn import BPMN_NS, BPMNDI_NS, parse_bpmn, serialize_bpmn
from procesbank.processes.engine.diagram import Flow, Node
from procesbank.processes.tests.conftest import MIWG, two_task_bpmn

DC = "{http://www.omg.org/spec/DD/20100524/DC}"
DI = "{http://www.omg.org/spec/DD/20100524/DI}"
MIWG_FILES = sorted(path.name for path in MIWG.glob("*.bpmn"))


def without_di(data: bytes) -> bytes:
    """The file as a semantics-only exporter writes it: every BPMNDiagram removed."""
    root = etree.fromstring(data)
    for element in root.findall(f"{{{BPMNDI_NS}}}BPMNDiagram"):
        root.remove(element)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))


def drawn(name: str) -> tuple[bytes, bytes]:
    """The stripped MIWG file and the same file with the diagram Procesbank drew."""
    stripped = without_di((MIWG / name).read_bytes())
    doc = parse_bpmn(stripped)
    assert diagram.add_diagram(doc) is True
    return stripped, serialize_bpmn(doc)


def canonical(data: bytes) -> bytes:
    parser = etree.XMLParser(remove_blank_text=True)
    return bytes(etree.tostring(etree.fromstring(data, parser)))


def shapes(data: bytes) -> dict[str, tuple[float, float, float, float]]:
    """Element id -> (x, y, width, height) of its shape, over every plane."""
    root = etree.fromstring(data)
    result = {}
    for shape in root.iter(f"{{{BPMNDI_NS}}}BPMNShape"):
        bounds = shape.find(f"{DC}Bounds")
        assert bounds is not None
        values = (float(bounds.get(k, "0")) for k in ("x", "y", "width", "height"))
        result[shape.get("bpmnElement", "")] = tuple(values)
    return result  # type: ignore[return-value]


def edges(data: bytes) -> dict[str, list[tuple[float, float]]]:
    root = etree.fromstring(data)
    return {
        edge.get("bpmnElement", ""): [
            (float(p.get("x", "0")), float(p.get("y", "0"))) for p in edge.iter(f"{DI}waypoint")
        ]
        for edge in root.iter(f"{{{BPMNDI_NS}}}BPMNEdge")
    }


# --- the layout ---------------------------------------------------------------------------------


def test_layout_places_a_chain_left_to_right_in_columns_of_150_px():
    nodes = [Node("S", "startEvent"), Node("T", "userTask", "Registrér"), Node("E", "endEvent")]
    flows = [Flow("F1", "S", "T"), Flow("F2", "T", "E")]

    drawn_layout = diagram.layout(nodes, flows)

    # Content starts at 160 + 30 (pool label) + 30 (lane label) + 20 (padding) = 240 px; a
    # node is centred in its 150 px column and 140 px row: the event at 240 + (150 - 36) / 2.
    boxes = drawn_layout.boxes
    assert (boxes["S"].x, boxes["S"].y) == (297, 132)
    assert (boxes["T"].x, boxes["T"].y) == (415, 110)
    assert (boxes["E"].x, boxes["E"].y) == (597, 132)
    assert drawn_layout.waypoints["F1"] == [(333, 150), (415, 150)]
    # Pool: 80 px of labels and padding, three columns of 150, 20 px padding; one row high.
    assert drawn_layout.pool == (160, 80, 80 + 450 + 20, 140)


def test_layout_puts_lanes_in_bands_and_sends_a_loop_back_below():
    nodes = [
        Node("S", "startEvent", lane="A"),
        Node("T1", "task", lane="A"),
        Node("T2", "task", lane="B"),
        Node("G", "exclusiveGateway", lane="B"),
        Node("E", "endEvent", lane="B"),
    ]
    flows = [
        Flow("F1", "S", "T1"),
        Flow("F2", "T1", "T2"),
        Flow("F3", "T2", "G"),
        Flow("back", "G", "T1"),
        Flow("F4", "G", "E"),
    ]

    drawn_layout = diagram.layout(nodes, flows, ["A", "B"])

    columns = {key: (box.x - 240) // 150 for key, box in drawn_layout.boxes.items()}
    assert columns == {"S": 0, "T1": 1, "T2": 2, "G": 3, "E": 4}
    # Pool 80 + 5 x 150 + 20 = 850 px wide; a lane leaves out the pool's 30 px label band.
    assert drawn_layout.lanes == {"A": (190, 80, 820, 140), "B": (190, 220, 820, 140)}
    loop = drawn_layout.waypoints["back"]
    assert loop[0][0] > loop[-1][0]  # it runs from the gateway back to T1


def test_boundary_event_sits_on_its_hosts_lower_edge():
    nodes = [Node("T", "task"), Node("B", "boundaryEvent", attached_to="T")]

    boxes = diagram.layout(nodes, []).boxes

    assert boxes["B"].y + boxes["B"].height // 2 == boxes["T"].bottom
    assert boxes["T"].x < boxes["B"].x < boxes["T"].right


# --- DI for a file without a diagram ------------------------------------------------------------


@pytest.mark.parametrize("name", MIWG_FILES)
def test_drawing_keeps_the_semantic_part_unchanged(name):
    stripped, with_diagram = drawn(name)

    assert canonical(without_di(with_diagram)) == canonical(stripped)


@pytest.mark.parametrize("name", MIWG_FILES)
def test_every_flow_node_gets_a_shape_and_every_flow_an_edge(name):
    stripped, with_diagram = drawn(name)
    doc = parse_bpmn(stripped)
    root = etree.fromstring(stripped)
    # A message flow to a node inside a sub-process is not drawn: that node is on the
    # sub-process's own diagram, not on the pools' one.
    on_top = {p.id for p in doc.participants} | {
        node.id for node in doc.nodes.values() if node.parent_id == node.process_id
    }
    message_flows = {
        el.get("id")
        for el in root.iter(f"{{{BPMN_NS}}}messageFlow")
        if el.get("sourceRef") in on_top and el.get("targetRef") in on_top
    }

    drawn_shapes, drawn_edges = shapes(with_diagram), edges(with_diagram)

    assert set(doc.nodes) <= set(drawn_shapes)
    assert {p.id for p in doc.participants} <= set(drawn_shapes)
    assert set(doc.flows) | message_flows == set(drawn_edges)
    assert all(len(points) >= 2 for points in drawn_edges.values())


@pytest.mark.parametrize("name", MIWG_FILES)
def test_no_two_nodes_of_a_diagram_overlap(name):
    stripped, with_diagram = drawn(name)
    doc = parse_bpmn(stripped)
    root = etree.fromstring(with_diagram)

    for plane in root.iter(f"{{{BPMNDI_NS}}}BPMNPlane"):
        plane_xml = etree.tostring(plane)
        boxes = [
            bounds
            for element_id, bounds in shapes(b"<x>" + plane_xml + b"</x>").items()
            if element_id in doc.nodes and not doc.nodes[element_id].attached_to
        ]
        for (ax, ay, aw, ah), (bx, by, bw, bh) in itertools.combinations(boxes, 2):
            assert ax + aw <= bx or bx + bw <= ax or ay + ah <= by or by + bh <= ay


def test_flows_run_left_to_right_except_the_loop():
    stripped, with_diagram = drawn("C.1.0.bpmn")
    doc = parse_bpmn(stripped)
    drawn_shapes = shapes(with_diagram)

    backwards = [
        flow.id
        for flow in doc.flows.values()
        if drawn_shapes[flow.target_id][0] <= drawn_shapes[flow.source_id][0]
    ]

    # C.1.0 has one loop, closed by one flow; every other flow goes to a column further right.
    assert len(backwards) == 1


def test_pools_lanes_and_message_flows_of_a_collaboration_are_drawn():
    stripped, with_diagram = drawn("C.1.0.bpmn")
    doc = parse_bpmn(stripped)
    root = etree.fromstring(with_diagram)

    [plane] = root.iter(f"{{{BPMNDI_NS}}}BPMNPlane")
    collaboration = root.find(f"{{{BPMN_NS}}}collaboration")
    lanes = [lane.id for process in doc.processes for lane in process.lanes]
    drawn_shapes = shapes(with_diagram)

    assert collaboration is not None
    assert plane.get("bpmnElement") == collaboration.get("id")
    assert len(lanes) == 4
    assert set(lanes) <= set(drawn_shapes)
    first, second = (drawn_shapes[p.id] for p in doc.participants)
    assert first[1] + first[3] < second[1]  # stacked, the second pool below the first


def test_sub_process_is_drawn_collapsed_with_its_content_on_a_diagram_of_its_own():
    stripped, with_diagram = drawn("A.4.0.bpmn")
    doc = parse_bpmn(stripped)
    root = etree.fromstring(with_diagram)
    sub_processes = [n.id for n in doc.nodes.values() if n.kind == "subProcess"]

    planes = {plane.get("bpmnElement") for plane in root.iter(f"{{{BPMNDI_NS}}}BPMNPlane")}
    collapsed = {
        shape.get("bpmnElement")
        for shape in root.iter(f"{{{BPMNDI_NS}}}BPMNShape")
        if shape.get("isExpanded") == "false"
    }

    assert len(sub_processes) == 2
    assert set(sub_processes) <= planes
    assert set(sub_processes) == collapsed


def test_a_file_with_a_diagram_is_left_alone():
    data = (MIWG / "A.2.0.bpmn").read_bytes()
    doc = parse_bpmn(data)

    assert diagram.add_diagram(doc) is False
    assert serialize_bpmn(doc) == serialize_bpmn(parse_bpmn(data))


# --- the import ---------------------------------------------------------------------------------


def test_import_without_diagram_draws_one_and_says_so(konsulent):
    stripped = without_di((MIWG / "C.1.0.bpmn").read_bytes())

    result = services.process_import_bpmn(user=konsulent, data=stripped, name="Uden diagram")

    stored = result.process.versions.get().bpmn_xml.encode("utf-8")
    assert result.drew_diagram is True
    assert result.notices == ["Filen havde intet diagram; Procesbank har tegnet et."]
    assert parse_bpmn(stored).diagram_count == 1
    assert canonical(without_di(stored)) == canonical(stripped)


def test_import_with_diagram_says_nothing_about_it(konsulent):
    result = services.process_import_bpmn(
        user=konsulent, data=(MIWG / "C.1.0.bpmn").read_bytes(), name="Med diagram"
    )

    assert (result.drew_diagram, result.notices) == (False, [])


def test_import_page_tells_the_user_that_a_diagram_was_drawn(client, konsulent):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(konsulent)
    upload = SimpleUploadedFile("uden-di.bpmn", two_task_bpmn())

    response = client.post("/processer/importer/", {"file": upload, "name": ""}, follow=True)

    assert "Filen havde intet diagram; Procesbank har tegnet et." in response.content.decode()


def test_api_import_lists_the_notice(client, konsulent):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(konsulent)

    response = client.post(
        "/api/v1/processes/import", {"file": SimpleUploadedFile("uden-di.bpmn", two_task_bpmn())}
    )

    assert response.status_code == 201
    assert response.json()["notices"] == ["Filen havde intet diagram; Procesbank har tegnet et."]
