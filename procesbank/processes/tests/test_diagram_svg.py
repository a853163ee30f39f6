"""The diagram drawn from BPMN DI as SVG (and PNG from the same primitives), checked on the
MIWG reference models: every shape the file lays out is drawn, with the right figure."""

from __future__ import annotations

import pytest
from lxml import etree

from procesbank.processes.engine.bpmn import parse_bpmn
from procesbank.processes.engine.diagram.png import render_png
from procesbank.processes.engine.diagram.svg import (
    Circle,
    Drawing,
    Polygon,
    Rect,
    Text,
    diagram_svg,
    draw,
    read_diagram,
    render_svg,
    tiles,
    wrap_label,
)
from procesbank.processes.tests.conftest import MIWG, two_task_bpmn

SVG = "{http://www.w3.org/2000/svg}"
MODELS = sorted(MIWG.glob("*.bpmn"))


def test_the_miwg_corpus_is_there():
    assert len(MODELS) == 21


@pytest.mark.parametrize("path", MODELS, ids=lambda p: p.stem)
def test_every_miwg_model_renders_to_well_formed_svg(path):
    doc = parse_bpmn(path.read_bytes())

    svg = diagram_svg(doc, title=path.stem)

    assert svg is not None
    root = etree.fromstring(svg.encode())
    assert root.tag == f"{SVG}svg"
    assert root.find(f"{SVG}title").text == path.stem
    width, height = (float(v) for v in root.get("viewBox").split()[2:])
    assert width > 0
    assert height > 0


def test_c_1_0_draws_tasks_events_gateways_lanes_and_flows():
    doc = parse_bpmn((MIWG / "C.1.0.bpmn").read_bytes())
    diagram = read_diagram(doc)

    kinds = [shape.kind for shape in diagram.shapes]
    drawing = draw(diagram)

    # Counted on the drawing bpmn.io shows of the file: 2 pools, 4 lanes (the upper pool's
    # one lane, without a name, fills it), 9 tasks, 9 events, 3 gateways; 10 + 10 sequence
    # flows and 5 message flows between the pools.
    assert kinds.count("participant") == 2
    assert kinds.count("lane") == 4
    assert sum(kind.endswith("Task") or kind == "task" for kind in kinds) == 9
    assert sum(kind.endswith("Event") for kind in kinds) == 9
    assert sum(kind.endswith("Gateway") for kind in kinds) == 3
    edge_kinds = [edge.kind for edge in diagram.edges]
    assert edge_kinds.count("sequenceFlow") == 20
    assert edge_kinds.count("messageFlow") == 5
    # Tasks are rounded boxes with their names; a pool's and a lane's name is turned.
    task_boxes = [p for p in drawing.primitives if isinstance(p, Rect) and p.radius == 10]
    assert len(task_boxes) == 9
    texts = [p for p in drawing.primitives if isinstance(p, Text)]
    assert ("Scan Invoice",) in [t.lines for t in texts]
    vertical = {" ".join(t.lines) for t in texts if t.vertical}
    assert {"Team-Assistant", "Approver", "Accountant"} <= vertical


def test_gateways_are_diamonds_and_events_circles():
    doc = parse_bpmn((MIWG / "A.2.0.bpmn").read_bytes())
    drawing = draw(read_diagram(doc))

    diamonds = [p for p in drawing.primitives if isinstance(p, Polygon) and len(p.points) == 4]
    circles = [p for p in drawing.primitives if isinstance(p, Circle)]

    assert diamonds
    # An end event's circle is drawn thick (4 px), a start event's thin.
    assert {c.stroke_width for c in circles} >= {1.5, 4}


def test_sequence_flows_end_in_a_filled_arrowhead_at_the_last_waypoint():
    doc = parse_bpmn((MIWG / "A.1.0.bpmn").read_bytes())
    diagram = read_diagram(doc)
    flow = next(e for e in diagram.edges if e.kind == "sequenceFlow")

    drawing = draw(diagram)

    heads = [
        p
        for p in drawing.primitives
        if isinstance(p, Polygon) and len(p.points) == 3 and p.points[0] == flow.points[-1]
    ]
    assert len(heads) == 1
    assert heads[0].fill != "#ffffff"


def test_a_model_without_diagram_interchange_has_no_drawing():
    doc = parse_bpmn(two_task_bpmn())

    assert read_diagram(doc) is None
    assert diagram_svg(doc) is None


def test_names_are_escaped_in_the_svg():
    xml = (
        (MIWG / "A.1.0.bpmn").read_bytes().replace(b'name="Task 1"', b'name="A &lt;b&gt; &amp; c"')
    )
    doc = parse_bpmn(xml)

    svg = diagram_svg(doc)

    assert "A &lt;b&gt; &amp; c" in svg
    etree.fromstring(svg.encode())


def test_wrap_label_breaks_at_spaces_and_cuts_long_words():
    # 12 px font, 0.56 × 12 = 6.72 px a character: 90 px hold 13 characters.
    assert wrap_label("Registrér ansøgning om enkeltydelse", 90) == (
        "Registrér",
        "ansøgning om",
        "enkeltydelse",
    )
    # 32 characters cut into 13 + 13 + 6.
    assert wrap_label("Sagsbehandlingssystemintegration", 90) == (
        "Sagsbehandlin",
        "gssysteminteg",
        "ration",
    )


def test_png_is_drawn_from_the_same_drawing():
    doc = parse_bpmn((MIWG / "C.1.0.bpmn").read_bytes())
    drawing = draw(read_diagram(doc))

    png, scale = render_png(drawing)

    assert png.startswith(b"\x89PNG")
    assert scale == 2.0
    width = int.from_bytes(png[16:20], "big")
    assert width == int(-(-drawing.width * 2 // 1))


def test_a_wide_drawing_is_cut_into_equal_page_strips():
    # 5000 × 500 px: a strip is at least max(500 × 1.65, 1600) = 1600 px wide, so
    # ceil(5000 / 1600) = 4 strips of 1250 px.
    drawing = Drawing(x=-10, y=0, width=5000, height=500)

    assert tiles(drawing) == [
        (-10, 0, 1250, 500),
        (1240, 0, 1250, 500),
        (2490, 0, 1250, 500),
        (3740, 0, 1250, 500),
    ]


def test_a_drawing_that_fits_a_page_is_one_strip():
    # 1800 px is within 1600 × 1.15 = 1840 px.
    drawing = Drawing(x=0, y=0, width=1800, height=400)

    assert tiles(drawing) == [(0, 0, 1800, 400)]


def test_a_strip_writes_only_what_lies_in_it():
    drawing = Drawing(
        primitives=[Rect(0, 0, 100, 80), Rect(3000, 0, 100, 80)], x=0, y=0, width=4000, height=100
    )
    first, *_ = tiles(drawing)

    svg = render_svg(drawing, view=first)

    assert svg.count("<rect") == 1
