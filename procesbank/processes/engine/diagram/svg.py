"""A BPMN diagram as vector graphics, drawn from the file's own diagram interchange (BPMN DI).

Three steps, so that the SVG (for the PDF report) and the PNG (for Word, see
:mod:`procesbank.processes.engine.diagram.png`) show the very same drawing:

1. :func:`read_diagram` reads the shapes (bounds in pixels) and edges (waypoints) of the first
   ``BPMNDiagram`` (the one a modeller opens first) and what each one shows: its BPMN tag, name,
   event definitions, whether a pool is horizontal, a sub-process expanded.
2. :func:`draw` turns them into a few plain primitives (:class:`Rect`, :class:`Circle`,
   :class:`Polygon`, :class:`Line`, :class:`Text`): tasks as rounded boxes, events as circles
   (thin start, double intermediate, thick end), gateways as diamonds with their marker, pools
   and lanes with their names turned on the left, sequence flows with filled arrowheads,
   message flows dashed with an open arrowhead, associations dotted, data objects and stores,
   annotations; names wrapped into their shape or label bounds (:func:`wrap_label`).
3. :func:`render_svg` writes the primitives as one SVG document.

Pure: lxml and the parsed model of :mod:`procesbank.processes.engine.bpmn`, no Django.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

from procesbank.processes.engine.bpmn import BPMN_NS, BPMNDI_NS, BpmnDocument

DC_NS = "http://www.omg.org/spec/DD/20100524/DC"
DI_NS = "http://www.omg.org/spec/DD/20100524/DI"
FONT_SIZE = 12.0  # pixels, as bpmn-js writes names
SMALL_FONT_SIZE = 11.0
CHAR_WIDTH = 0.56  # average width of a character of DejaVu Sans / Arial, in font sizes
LINE_HEIGHT = 1.2  # in font sizes
EXTERNAL_LABEL_WIDTH = 90.0  # bpmn-js wraps an event's or gateway's name below it at 90 px
MARGIN = 10.0  # around the drawing, pixels
ARROW_LENGTH = 10.0
ARROW_HALF_WIDTH = 4.0
STROKE = "#1f2933"

Point = tuple[float, float]
BoundsF = tuple[float, float, float, float]  # x, y, width, height in pixels

_CONTAINERS = {"participant", "lane"}
_EXPANDABLE = {"subProcess", "transaction", "adHocSubProcess"}
_TASKS = {
    "task",
    "userTask",
    "serviceTask",
    "manualTask",
    "scriptTask",
    "businessRuleTask",
    "sendTask",
    "receiveTask",
    "callActivity",
}
_EVENTS = {
    "startEvent",
    "endEvent",
    "intermediateCatchEvent",
    "intermediateThrowEvent",
    "boundaryEvent",
    "implicitThrowEvent",
}
_GATEWAYS = {
    "exclusiveGateway",
    "parallelGateway",
    "inclusiveGateway",
    "eventBasedGateway",
    "complexGateway",
}
_ARROWED_ASSOCIATIONS = {"dataInputAssociation", "dataOutputAssociation"}


@dataclass(frozen=True)
class DiShape:
    """A ``BPMNShape``: the element it shows (by BPMN tag) and its bounds in pixels;
    ``label`` the bounds of its external label, when the file gives them."""

    element_id: str
    kind: str
    name: str
    bounds: BoundsF
    horizontal: bool = True
    expanded: bool = True
    marker_visible: bool = False
    event_definitions: tuple[str, ...] = ()
    interrupting: bool = True
    label: BoundsF | None = None


@dataclass(frozen=True)
class DiEdge:
    """A ``BPMNEdge``: the element it shows (``sequenceFlow``, ``messageFlow``,
    ``association``, ``dataInputAssociation`` ...) through ``points`` in pixels."""

    element_id: str
    kind: str
    name: str
    points: tuple[Point, ...]
    label: BoundsF | None = None
    directed: bool = False  # an association with an arrow (associationDirection)


@dataclass(frozen=True)
class Diagram:
    """The shapes and edges of one diagram, in the order the file lists them."""

    shapes: tuple[DiShape, ...]
    edges: tuple[DiEdge, ...]

    def extent(self) -> BoundsF:
        """The smallest box (x, y, width, height in pixels) around every shape, edge point
        and label; (0, 0, 0, 0) for an empty diagram."""
        xs: list[float] = []
        ys: list[float] = []
        for shape in self.shapes:
            for box in (shape.bounds, shape.label):
                if box is not None:
                    xs += [box[0], box[0] + box[2]]
                    ys += [box[1], box[1] + box[3]]
            if shape.kind in _EVENTS | _GATEWAYS and shape.label is None and shape.name:
                x, y, width, height = shape.bounds
                xs += [x + width / 2 - EXTERNAL_LABEL_WIDTH / 2, x + width / 2 + 45]
                ys.append(y + height + 5 + 3 * FONT_SIZE * LINE_HEIGHT)
        for edge in self.edges:
            xs += [p[0] for p in edge.points]
            ys += [p[1] for p in edge.points]
            if edge.label is not None:
                xs += [edge.label[0], edge.label[0] + edge.label[2]]
                ys += [edge.label[1], edge.label[1] + edge.label[3]]
        if not xs:
            return (0.0, 0.0, 0.0, 0.0)
        return (min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))


def _local(tag: object) -> str:
    return str(tag).rsplit("}", 1)[-1]


def _float(value: object) -> float:
    try:
        number = float(str(value))
    except ValueError:
        return 0.0
    return number if math.isfinite(number) else 0.0


def _bounds(element: object) -> BoundsF | None:
    found = element.find(f"{{{DC_NS}}}Bounds")  # type: ignore[attr-defined]
    if found is None:
        return None
    return (
        _float(found.get("x", 0)),
        _float(found.get("y", 0)),
        max(_float(found.get("width", 0)), 0.0),
        max(_float(found.get("height", 0)), 0.0),
    )


def _label_bounds(element: object) -> BoundsF | None:
    label = element.find(f"{{{BPMNDI_NS}}}BPMNLabel")  # type: ignore[attr-defined]
    if label is None:
        return None
    bounds = _bounds(label)
    if bounds is None or bounds[2] <= 0 or bounds[3] <= 0:
        return None
    return bounds


def read_diagram(doc: BpmnDocument) -> Diagram | None:
    """The first diagram of the file (the one a modeller opens), or None when the file has no
    diagram interchange or its first diagram shows nothing."""
    root = doc.tree.getroot()
    diagram = root.find(f"{{{BPMNDI_NS}}}BPMNDiagram")
    if diagram is None:
        return None
    plane = diagram.find(f"{{{BPMNDI_NS}}}BPMNPlane")
    if plane is None:
        return None
    semantic = {
        str(el.get("id")): el
        for el in root.iter()
        if isinstance(el.tag, str) and el.tag.startswith(f"{{{BPMN_NS}}}") and el.get("id")
    }
    shapes: list[DiShape] = []
    edges: list[DiEdge] = []
    for item in plane.iterchildren():
        tag = _local(item.tag) if isinstance(item.tag, str) else ""
        element = semantic.get(str(item.get("bpmnElement", "")))
        if element is None:
            continue
        kind = _local(element.tag)
        name = " ".join(
            str(element.get("name", "") or element.findtext(f"{{{BPMN_NS}}}text") or "").split()
        )
        if tag == "BPMNShape":
            bounds = _bounds(item)
            if bounds is None:
                continue
            definitions = tuple(
                _local(child.tag).removesuffix("EventDefinition")
                for child in element.iterchildren()
                if isinstance(child.tag, str) and child.tag.endswith("EventDefinition")
            )
            shapes.append(
                DiShape(
                    element_id=str(element.get("id")),
                    kind=kind,
                    name=name,
                    bounds=bounds,
                    horizontal=item.get("isHorizontal", "true") != "false",
                    expanded=item.get("isExpanded", "true" if kind in _EXPANDABLE else "false")
                    == "true",
                    marker_visible=item.get("isMarkerVisible", "false") == "true",
                    event_definitions=definitions,
                    interrupting=element.get("cancelActivity", "true") != "false"
                    and element.get("isInterrupting", "true") != "false",
                    label=_label_bounds(item),
                )
            )
        elif tag == "BPMNEdge":
            points = tuple(
                (_float(point.get("x", 0)), _float(point.get("y", 0)))
                for point in item.iterchildren(f"{{{DI_NS}}}waypoint")
            )
            if len(points) < 2:
                continue
            edges.append(
                DiEdge(
                    element_id=str(element.get("id")),
                    kind=kind,
                    name=name,
                    points=points,
                    label=_label_bounds(item),
                    directed=element.get("associationDirection", "None") in {"One", "Both"},
                )
            )
    if not shapes and not edges:
        return None
    return Diagram(shapes=tuple(shapes), edges=tuple(edges))


# --- Primitives ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float
    radius: float = 0.0
    stroke_width: float = 1.5
    dash: tuple[float, ...] = ()
    fill: str = "#ffffff"


@dataclass(frozen=True)
class Circle:
    cx: float
    cy: float
    r: float
    stroke_width: float = 1.5
    dash: tuple[float, ...] = ()
    fill: str = "#ffffff"


@dataclass(frozen=True)
class Polygon:
    points: tuple[Point, ...]
    stroke_width: float = 1.5
    fill: str = "#ffffff"


@dataclass(frozen=True)
class Line:
    points: tuple[Point, ...]
    stroke_width: float = 1.5
    dash: tuple[float, ...] = ()


@dataclass(frozen=True)
class Text:
    """Lines of text centred on (x, y) (``anchor`` "middle") or starting at x
    (``anchor`` "start"), the first line's middle at y; ``vertical``: turned 90° to the left
    around (x, y), as a pool's or lane's name."""

    x: float
    y: float
    lines: tuple[str, ...]
    size: float = FONT_SIZE
    anchor: str = "middle"
    vertical: bool = False


Primitive = Rect | Circle | Polygon | Line | Text


@dataclass
class Drawing:
    """The primitives of a diagram in drawing order, and the area they cover (pixels)."""

    primitives: list[Primitive] = field(default_factory=list)
    x: float = 0.0
    y: float = 0.0
    width: float = 0.0
    height: float = 0.0


def wrap_label(text: str, width: float, size: float = FONT_SIZE) -> tuple[str, ...]:
    """``text`` broken into lines that fit ``width`` pixels at font size ``size`` (pixels),
    at spaces; a word longer than a line is cut. Widths are estimated from an average
    character width, since the PDF and the PNG measure with different fonts."""
    per_line = max(int(width / (size * CHAR_WIDTH)), 1)
    lines: list[str] = []
    current = ""
    for word in text.split():
        while len(word) > per_line:
            if current:
                lines.append(current)
                current = ""
            lines.append(word[:per_line])
            word = word[per_line:]
        candidate = f"{current} {word}" if current else word
        if len(candidate) <= per_line:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    return tuple(lines)


def draw(diagram: Diagram) -> Drawing:
    """The primitives that show ``diagram``: pools and lanes first, then expanded
    sub-processes, then the flows, then the other shapes above them, then flow names."""
    drawing = Drawing()
    x, y, width, height = diagram.extent()
    drawing.x, drawing.y = x - MARGIN, y - MARGIN
    drawing.width, drawing.height = width + 2 * MARGIN, height + 2 * MARGIN
    out = drawing.primitives
    containers = [s for s in diagram.shapes if s.kind in _CONTAINERS]
    expanded = [s for s in diagram.shapes if s.kind in _EXPANDABLE and s.expanded]
    groups = [s for s in diagram.shapes if s.kind == "group"]
    others = [
        s
        for s in diagram.shapes
        if s.kind not in _CONTAINERS
        and not (s.kind in _EXPANDABLE and s.expanded)
        and s.kind != "group"
    ]
    # Participants before lanes, so a lane's band lies on its pool.
    for shape in sorted(containers, key=lambda s: s.kind != "participant"):
        _container(out, shape)
    for shape in expanded:
        _activity(out, shape)
    for shape in groups:
        bx, by, bw, bh = shape.bounds
        out.append(Rect(bx, by, bw, bh, radius=10, stroke_width=1, dash=(8, 3, 1, 3), fill=""))
        if shape.name:
            out.append(Text(bx + bw / 2, by + 10, wrap_label(shape.name, bw), SMALL_FONT_SIZE))
    for edge in diagram.edges:
        _edge(out, edge)
    for shape in others:
        if shape.kind in _TASKS or shape.kind in _EXPANDABLE:
            _activity(out, shape)
        elif shape.kind in _EVENTS:
            _event(out, shape)
        elif shape.kind in _GATEWAYS:
            _gateway(out, shape)
        elif shape.kind in {"dataObjectReference", "dataObject", "dataInput", "dataOutput"}:
            _data_object(out, shape)
        elif shape.kind == "dataStoreReference":
            _data_store(out, shape)
        elif shape.kind == "textAnnotation":
            _annotation(out, shape)
        else:
            bx, by, bw, bh = shape.bounds
            out.append(Rect(bx, by, bw, bh, radius=4, stroke_width=1, dash=(4, 2)))
    for edge in diagram.edges:
        if edge.name:
            _edge_label(out, edge)
    return drawing


def _container(out: list[Primitive], shape: DiShape) -> None:
    x, y, width, height = shape.bounds
    fill = "#ffffff" if shape.kind == "participant" else ""
    out.append(Rect(x, y, width, height, stroke_width=1.5, fill=fill))
    if not shape.name:
        return
    if shape.horizontal:
        lines = wrap_label(shape.name, max(height - 10, 20))
        out.append(Text(x + 15, y + height / 2, lines[:2], vertical=True))
        if shape.kind == "participant":
            out.append(Line(((x + 30, y), (x + 30, y + height)), stroke_width=1.5))
    else:
        lines = wrap_label(shape.name, max(width - 10, 20))
        out.append(Text(x + width / 2, y + 15, lines[:2]))
        if shape.kind == "participant":
            out.append(Line(((x, y + 30), (x + width, y + 30)), stroke_width=1.5))


def _activity(out: list[Primitive], shape: DiShape) -> None:
    x, y, width, height = shape.bounds
    thick = 4.0 if shape.kind == "callActivity" else 1.5
    out.append(Rect(x, y, width, height, radius=10, stroke_width=thick))
    if shape.kind == "transaction":
        out.append(Rect(x + 3, y + 3, width - 6, height - 6, radius=8, stroke_width=1, fill=""))
    if shape.kind in _EXPANDABLE and shape.expanded:
        if shape.name:
            out.append(Text(x + 8, y + 14, wrap_label(shape.name, width - 16)[:2], anchor="start"))
        return
    if shape.kind in _EXPANDABLE:  # collapsed: the "+" marker at the bottom
        mx, my = x + width / 2 - 7, y + height - 18
        out.append(Rect(mx, my, 14, 14, stroke_width=1))
        out.append(Line(((mx + 3, my + 7), (mx + 11, my + 7)), stroke_width=1))
        out.append(Line(((mx + 7, my + 3), (mx + 7, my + 11)), stroke_width=1))
    _task_marker(out, shape)
    if shape.name:
        lines = wrap_label(shape.name, max(width - 10, 10))
        fit = max(int((height - 8) / (FONT_SIZE * LINE_HEIGHT)), 1)
        if len(lines) > fit:
            lines = (*lines[: fit - 1], lines[fit - 1][: max(len(lines[fit - 1]) - 1, 1)] + "…")
        top = y + height / 2 - (len(lines) - 1) * FONT_SIZE * LINE_HEIGHT / 2
        out.append(Text(x + width / 2, top, lines))


def _task_marker(out: list[Primitive], shape: DiShape) -> None:
    """A small sign of the task's type in its top left corner (a person, a cog, a hand ...
    drawn as the kind's initial glyph in a box keeps the two renderers identical)."""
    glyphs = {
        "userTask": "♙",
        "serviceTask": "⚙",
        "manualTask": "✋",
        "scriptTask": "≡",
        "businessRuleTask": "▦",
        "sendTask": "✉",
        "receiveTask": "✉",
    }
    glyph = glyphs.get(shape.kind)
    if glyph:
        x, y = shape.bounds[0], shape.bounds[1]
        out.append(Text(x + 12, y + 12, (glyph,), SMALL_FONT_SIZE))


def _event(out: list[Primitive], shape: DiShape) -> None:
    x, y, width, height = shape.bounds
    cx, cy, r = x + width / 2, y + height / 2, min(width, height) / 2
    dash = () if shape.interrupting else (5, 3)
    if shape.kind == "endEvent":
        out.append(Circle(cx, cy, r, stroke_width=4))
    elif shape.kind == "startEvent":
        out.append(Circle(cx, cy, r, stroke_width=1.5, dash=dash))
    else:
        out.append(Circle(cx, cy, r, stroke_width=1.5, dash=dash))
        out.append(Circle(cx, cy, r - 3, stroke_width=1.5, dash=dash, fill=""))
    for definition in shape.event_definitions[:1]:
        _event_marker(
            out, definition, cx, cy, r, filled=shape.kind in {"endEvent", "intermediateThrowEvent"}
        )
    _external_label(out, shape)


def _event_marker(
    out: list[Primitive], definition: str, cx: float, cy: float, r: float, *, filled: bool
) -> None:
    fill = STROKE if filled else "#ffffff"
    s = r * 0.5
    if definition == "message":
        out.append(Rect(cx - s, cy - s * 0.7, 2 * s, 1.4 * s, stroke_width=1, fill=fill))
        stroke = 1.0
        out.append(Line(((cx - s, cy - s * 0.7), (cx, cy), (cx + s, cy - s * 0.7)), stroke))
    elif definition == "timer":
        out.append(Circle(cx, cy, r * 0.6, stroke_width=1))
        out.append(Line(((cx, cy), (cx, cy - r * 0.45), (cx, cy), (cx + r * 0.3, cy)), 1))
    elif definition == "terminate":
        out.append(Circle(cx, cy, r * 0.6, stroke_width=1, fill=STROKE))
    elif definition == "error":
        out.append(
            Polygon(
                (
                    (cx - s, cy + s),
                    (cx - s * 0.4, cy - s),
                    (cx + s * 0.2, cy + s * 0.2),
                    (cx + s, cy - s),
                    (cx + s * 0.4, cy + s),
                    (cx - s * 0.2, cy - s * 0.2),
                ),
                stroke_width=1,
                fill=fill,
            )
        )
    elif definition == "signal":
        out.append(Polygon(((cx, cy - s), (cx + s, cy + s * 0.7), (cx - s, cy + s * 0.7)), 1, fill))
    elif definition == "escalation":
        out.append(
            Polygon(
                ((cx, cy - s), (cx + s * 0.7, cy + s), (cx, cy + s * 0.3), (cx - s * 0.7, cy + s)),
                1,
                fill,
            )
        )
    elif definition == "conditional":
        out.append(Rect(cx - s * 0.7, cy - s, 1.4 * s, 2 * s, stroke_width=1))
        for i in range(1, 4):
            yy = cy - s + i * s / 2
            out.append(Line(((cx - s * 0.45, yy), (cx + s * 0.45, yy)), 1))
    elif definition == "link":
        out.append(
            Polygon(
                (
                    (cx - s, cy - s * 0.4),
                    (cx, cy - s * 0.4),
                    (cx, cy - s),
                    (cx + s, cy),
                    (cx, cy + s),
                    (cx, cy + s * 0.4),
                    (cx - s, cy + s * 0.4),
                ),
                1,
                fill,
            )
        )
    elif definition in {"compensate", "cancel"}:
        out.append(Text(cx, cy, ("«" if definition == "compensate" else "×",), r))


def _gateway(out: list[Primitive], shape: DiShape) -> None:
    x, y, width, height = shape.bounds
    cx, cy = x + width / 2, y + height / 2
    out.append(Polygon(((cx, y), (x + width, cy), (cx, y + height), (x, cy)), stroke_width=1.5))
    s = min(width, height) / 5
    if shape.kind == "exclusiveGateway" and shape.marker_visible:
        out.append(Line(((cx - s, cy - s), (cx + s, cy + s)), stroke_width=3))
        out.append(Line(((cx - s, cy + s), (cx + s, cy - s)), stroke_width=3))
    elif shape.kind == "parallelGateway":
        out.append(Line(((cx - s * 1.2, cy), (cx + s * 1.2, cy)), stroke_width=3))
        out.append(Line(((cx, cy - s * 1.2), (cx, cy + s * 1.2)), stroke_width=3))
    elif shape.kind == "inclusiveGateway":
        out.append(Circle(cx, cy, s * 1.2, stroke_width=2.5))
    elif shape.kind == "eventBasedGateway":
        out.append(Circle(cx, cy, s * 1.4, stroke_width=1))
        out.append(Circle(cx, cy, s * 1.15, stroke_width=1, fill=""))
        pentagon = tuple(
            (
                cx + s * 0.7 * math.sin(2 * math.pi * i / 5),
                cy - s * 0.7 * math.cos(2 * math.pi * i / 5),
            )
            for i in range(5)
        )
        out.append(Polygon(pentagon, stroke_width=1))
    elif shape.kind == "complexGateway":
        for angle in (0, 45, 90, 135):
            dx = s * 1.2 * math.cos(math.radians(angle))
            dy = s * 1.2 * math.sin(math.radians(angle))
            out.append(Line(((cx - dx, cy - dy), (cx + dx, cy + dy)), stroke_width=3))
    _external_label(out, shape)


def _external_label(out: list[Primitive], shape: DiShape) -> None:
    """An event's or gateway's name in its label bounds, else centred below it (bpmn-js)."""
    if not shape.name:
        return
    if shape.label is not None:
        lx, ly, lw, _ = shape.label
        lines = wrap_label(shape.name, max(lw, EXTERNAL_LABEL_WIDTH), SMALL_FONT_SIZE)
        out.append(Text(lx + lw / 2, ly + SMALL_FONT_SIZE * 0.6, lines, SMALL_FONT_SIZE))
        return
    x, y, width, height = shape.bounds
    lines = wrap_label(shape.name, EXTERNAL_LABEL_WIDTH, SMALL_FONT_SIZE)
    out.append(Text(x + width / 2, y + height + 5 + SMALL_FONT_SIZE * 0.6, lines, SMALL_FONT_SIZE))


def _data_object(out: list[Primitive], shape: DiShape) -> None:
    x, y, width, height = shape.bounds
    fold = min(width, height) * 0.3
    out.append(
        Polygon(
            (
                (x, y),
                (x + width - fold, y),
                (x + width, y + fold),
                (x + width, y + height),
                (x, y + height),
            ),
            stroke_width=1.5,
        )
    )
    out.append(
        Line(((x + width - fold, y), (x + width - fold, y + fold), (x + width, y + fold)), 1)
    )
    _external_label(out, shape)


def _data_store(out: list[Primitive], shape: DiShape) -> None:
    x, y, width, height = shape.bounds
    ry = min(height * 0.15, 8)
    # A cylinder from a box, its top ellipse drawn as a flattened polygon (both renderers).
    out.append(Rect(x, y + ry, width, height - 2 * ry, stroke_width=1.5))
    top = tuple(
        (x + width / 2 + width / 2 * math.cos(t), y + ry + ry * math.sin(t))
        for t in (2 * math.pi * i / 24 for i in range(24))
    )
    bottom = tuple(
        (x + width / 2 + width / 2 * math.cos(t), y + height - ry + ry * math.sin(t))
        for t in (math.pi * i / 12 for i in range(13))
    )
    out.append(Line(bottom, 1.5))
    out.append(Polygon(top, stroke_width=1.5))
    _external_label(out, shape)


def _annotation(out: list[Primitive], shape: DiShape) -> None:
    x, y, width, height = shape.bounds
    out.append(Line(((x + 10, y), (x, y), (x, y + height), (x + 10, y + height)), 1.5))
    if shape.name:
        lines = wrap_label(shape.name, max(width - 10, 20), SMALL_FONT_SIZE)
        fit = max(int(height / (SMALL_FONT_SIZE * LINE_HEIGHT)), 1)
        out.append(
            Text(x + 5, y + SMALL_FONT_SIZE * 0.9, lines[:fit], SMALL_FONT_SIZE, anchor="start")
        )


def _edge(out: list[Primitive], edge: DiEdge) -> None:
    points = edge.points
    if edge.kind == "messageFlow":
        out.append(Line(points, stroke_width=1.5, dash=(6, 4)))
        out.append(Circle(points[0][0], points[0][1], 4, stroke_width=1.5))
        out.append(Polygon(_arrowhead(points[-2], points[-1]), stroke_width=1.5))
    elif edge.kind in _ARROWED_ASSOCIATIONS or edge.kind == "association":
        out.append(Line(points, stroke_width=1.2, dash=(2, 3)))
        if edge.kind in _ARROWED_ASSOCIATIONS or edge.directed:
            head = _arrowhead(points[-2], points[-1])
            out.append(Line((head[1], head[0], head[2]), stroke_width=1.2))
    else:
        out.append(Line(points, stroke_width=1.5))
        out.append(Polygon(_arrowhead(points[-2], points[-1]), stroke_width=1, fill=STROKE))


def _arrowhead(before: Point, tip: Point) -> tuple[Point, Point, Point]:
    """The triangle of an arrow ending at ``tip`` coming from ``before``: tip, then the two
    back corners."""
    dx, dy = tip[0] - before[0], tip[1] - before[1]
    length = math.hypot(dx, dy) or 1.0
    ux, uy = dx / length, dy / length
    bx, by = tip[0] - ux * ARROW_LENGTH, tip[1] - uy * ARROW_LENGTH
    return (
        tip,
        (bx - uy * ARROW_HALF_WIDTH, by + ux * ARROW_HALF_WIDTH),
        (bx + uy * ARROW_HALF_WIDTH, by - ux * ARROW_HALF_WIDTH),
    )


def _edge_label(out: list[Primitive], edge: DiEdge) -> None:
    if edge.label is not None:
        lx, ly, lw, _ = edge.label
        lines = wrap_label(edge.name, max(lw, 60), SMALL_FONT_SIZE)
        out.append(Text(lx + lw / 2, ly + SMALL_FONT_SIZE * 0.6, lines, SMALL_FONT_SIZE))
        return
    # No label bounds: beside the middle of the edge's middle segment.
    middle = len(edge.points) // 2
    (x1, y1), (x2, y2) = edge.points[middle - 1], edge.points[middle]
    lines = wrap_label(edge.name, EXTERNAL_LABEL_WIDTH, SMALL_FONT_SIZE)
    out.append(Text((x1 + x2) / 2 + 4, (y1 + y2) / 2 - 8, lines, SMALL_FONT_SIZE, anchor="start"))


# --- SVG -------------------------------------------------------------------------------------


def _n(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _stroke(width: float, dash: Sequence[float]) -> str:
    attributes = f' stroke="{STROKE}" stroke-width="{_n(width)}"'
    if dash:
        attributes += f' stroke-dasharray="{" ".join(_n(d) for d in dash)}"'
    return attributes


def _fill(fill: str) -> str:
    return f' fill="{fill or "none"}"'


def _points(points: Iterable[Point]) -> str:
    return " ".join(f"{_n(x)},{_n(y)}" for x, y in points)


#: A page tile of a wide diagram is at least this wide (pixels of the diagram), so a printed
#: task box stays about 2 cm wide; and at least as wide as a landscape A4 page's proportion
#: (1.65 : 1) allows at the diagram's height.
MIN_TILE_WIDTH = 1600.0
PAGE_ASPECT = 1.65


def tiles(drawing: Drawing) -> list[BoundsF]:
    """The drawing cut into strips of equal width (x, y, width, height in pixels), left to
    right, one per printed page, so that a wide diagram (a process of hundreds of tasks is
    tens of thousands of pixels wide) stays readable; one strip when it fits a page."""
    width = max(drawing.height * PAGE_ASPECT, MIN_TILE_WIDTH)
    if drawing.width <= width * 1.15:
        return [(drawing.x, drawing.y, drawing.width, drawing.height)]
    count = math.ceil(drawing.width / width)
    step = drawing.width / count
    return [(drawing.x + i * step, drawing.y, step, drawing.height) for i in range(count)]


def extent_of(item: Primitive) -> tuple[float, float]:
    """The leftmost and rightmost x of a primitive (pixels); a text's is estimated."""
    if isinstance(item, Rect):
        return item.x, item.x + item.width
    if isinstance(item, Circle):
        return item.cx - item.r, item.cx + item.r
    if isinstance(item, Polygon | Line):
        xs = [p[0] for p in item.points]
        return min(xs), max(xs)
    if item.vertical:
        half = len(item.lines) * item.size * LINE_HEIGHT / 2
        return item.x - half, item.x + half
    longest = max((len(line) for line in item.lines), default=0) * item.size * CHAR_WIDTH
    if item.anchor == "middle":
        return item.x - longest / 2, item.x + longest / 2
    return item.x, item.x + longest


def render_svg(drawing: Drawing, *, title: str = "", view: BoundsF | None = None) -> str:
    """The drawing as a standalone SVG document (UTF-8 text); user units are the diagram's
    pixels, and ``width``/``height`` are left to the page (viewBox only), so it scales.
    ``view`` (a tile of :func:`tiles`) shows that part only, and writes only what lies in it."""
    x, y, width, height = view or (drawing.x, drawing.y, drawing.width, drawing.height)
    parts = [
        '<svg xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="{_n(x)} {_n(y)} {_n(width)} {_n(height)}" '
        'font-family="DejaVu Sans, Arial, sans-serif" role="img">'
    ]
    if title:
        parts.append(f"<title>{escape(title)}</title>")
    for item in drawing.primitives:
        if view is not None:
            left, right = extent_of(item)
            if right < x or left > x + width:
                continue
        parts.append(_svg_primitive(item))
    parts.append("</svg>")
    return "\n".join(parts)


def _svg_primitive(item: Primitive) -> str:
    if isinstance(item, Rect):
        return (
            f'<rect x="{_n(item.x)}" y="{_n(item.y)}" width="{_n(item.width)}" '
            f'height="{_n(item.height)}" rx="{_n(item.radius)}"'
            f"{_fill(item.fill)}{_stroke(item.stroke_width, item.dash)}/>"
        )
    if isinstance(item, Circle):
        return (
            f'<circle cx="{_n(item.cx)}" cy="{_n(item.cy)}" r="{_n(item.r)}"'
            f"{_fill(item.fill)}{_stroke(item.stroke_width, item.dash)}/>"
        )
    if isinstance(item, Polygon):
        return (
            f'<polygon points="{_points(item.points)}"{_fill(item.fill)}'
            f"{_stroke(item.stroke_width, ())}/>"
        )
    if isinstance(item, Line):
        return (
            f'<polyline points="{_points(item.points)}" fill="none"'
            f'{_stroke(item.stroke_width, item.dash)} stroke-linejoin="round"/>'
        )
    return _svg_text(item)


def _svg_text(item: Text) -> str:
    step = item.size * LINE_HEIGHT
    # A vertical text is turned around (x, y), so its lines stack along x: centre them on y
    # before turning; a horizontal one starts its first line at y.
    first = item.y - (len(item.lines) - 1) * step / 2 if item.vertical else item.y
    transform = f' transform="rotate(-90 {_n(item.x)} {_n(item.y)})"' if item.vertical else ""
    spans = "".join(
        f'<tspan x="{_n(item.x)}" y="{_n(first + i * step + item.size * 0.35)}">'
        f"{escape(line)}</tspan>"
        for i, line in enumerate(item.lines)
    )
    return (
        f"<text font-size={quoteattr(_n(item.size))} text-anchor={quoteattr(item.anchor)} "
        f'fill="{STROKE}"{transform}>{spans}</text>'
    )


def diagram_svg(doc: BpmnDocument, *, title: str = "") -> str | None:
    """The first diagram of ``doc`` as an SVG document, or None when it has no diagram."""
    diagram = read_diagram(doc)
    if diagram is None:
        return None
    return render_svg(draw(diagram), title=title)
