"""BPMN DI: the shapes and edges that record a layout, and a whole diagram for an imported
file that came without one (bpmn-js can show only what has DI)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from lxml import etree

from procesbank.processes.engine.bpmn import (
    BPMN_NS,
    BPMNDI_NS,
    BpmnDocument,
    FlowNode,
    Lane,
    NodeCategory,
)
from procesbank.processes.engine.diagram.grid import (
    POOL_ORIGIN,
    Bounds,
    Flow,
    Layout,
    Node,
    Point,
    Rect,
    layout,
    simplify,
)

DC_NS = "http://www.omg.org/spec/DD/20100524/DC"
DI_NS = "http://www.omg.org/spec/DD/20100524/DI"
POOL_GAP = 60  # between pools stacked on top of each other, where message flows run
BLACK_BOX_HEIGHT = 100  # a pool without a process inside
SUBPROCESS_KINDS = ("subProcess", "transaction", "adHocSubProcess")


def sub(parent: etree._Element, namespace: str, local: str, **attributes: str) -> etree._Element:
    """A new child element ``namespace:local`` with these attributes."""
    return etree.SubElement(parent, f"{{{namespace}}}{local}", attributes)


def write_shape(
    plane: etree._Element, element_id: str, bounds: Bounds, **extra: str
) -> etree._Element:
    """A ``BPMNShape`` for ``element_id`` with its bounds (x, y, width, height in pixels)."""
    shape = sub(
        plane, BPMNDI_NS, "BPMNShape", id=f"{element_id}_di", bpmnElement=element_id, **extra
    )
    x, y, width, height = bounds
    sub(shape, DC_NS, "Bounds", x=str(x), y=str(y), width=str(width), height=str(height))
    return shape


def write_edge(plane: etree._Element, element_id: str, points: Sequence[Point]) -> None:
    """A ``BPMNEdge`` for ``element_id`` through ``points`` (pixels)."""
    edge = sub(plane, BPMNDI_NS, "BPMNEdge", id=f"{element_id}_di", bpmnElement=element_id)
    for x, y in points:
        sub(edge, DI_NS, "waypoint", x=str(x), y=str(y))


def write_layout(
    plane: etree._Element,
    drawn: Layout,
    *,
    pool_id: str = "",
    kinds: dict[str, str] | None = None,
) -> None:
    """The shapes and edges of a layout: the pool (when ``pool_id``), the lanes, the nodes
    (``kinds`` by id tells gateways, and sub-processes drawn collapsed) and the flows."""
    if pool_id:
        write_shape(plane, pool_id, drawn.pool, isHorizontal="true")
    for lane_id, bounds in drawn.lanes.items():
        write_shape(plane, lane_id, bounds, isHorizontal="true")
    for node_id, box in drawn.boxes.items():
        kind = (kinds or {}).get(node_id, "")
        extra = {"isMarkerVisible": "true"} if box.kind == "gateway" else {}
        if kind in SUBPROCESS_KINDS:
            extra = {"isExpanded": "false"}
        write_shape(plane, node_id, (box.x, box.y, box.width, box.height), **extra)
    for flow_id, points in drawn.waypoints.items():
        write_edge(plane, flow_id, points)


# --- A diagram for an imported file without one -------------------------------------------------


def add_diagram(doc: BpmnDocument) -> bool:
    """Give a file without BPMN DI a diagram; False (and nothing changed) when it has one or
    has no process. The semantic part stays as it was: only ``BPMNDiagram`` elements are
    appended to the definitions.

    One diagram shows the collaboration's pools stacked top to bottom (the lanes of a pool
    when they are not nested) with the message flows between them, or, without a
    collaboration, the process. Each sub-process is drawn collapsed, and its content gets a
    diagram of its own that bpmn-js opens from it. Data objects, annotations and associations
    are not drawn.
    """
    root = doc.tree.getroot()
    if doc.diagram_count or not doc.processes:
        return False
    contents = _Contents(doc)
    collaboration = root.find(f"{{{BPMN_NS}}}collaboration")
    if collaboration is not None and collaboration.get("id") and doc.participants:
        plane = _new_plane(root, str(collaboration.get("id")))
        _write_pools(doc, contents, plane, collaboration)
    else:
        for process in doc.processes:
            _write_container(contents, _new_plane(root, process.id), process.id, pool_id="")
    for node in doc.nodes.values():
        if node.category is NodeCategory.SUBPROCESS:
            _write_container(contents, _new_plane(root, node.id), node.id, pool_id="")
    doc.diagram_count = len(root.findall(f"{{{BPMNDI_NS}}}BPMNDiagram"))
    return True


class _Contents:
    """The nodes, flows and lanes of each process and sub-process, gathered in one pass (a
    model with many sub-processes or pools must not be walked once per container)."""

    def __init__(self, doc: BpmnDocument) -> None:
        self.children: dict[str, list[FlowNode]] = defaultdict(list)
        for node in doc.nodes.values():
            self.children[node.parent_id].append(node)
        self.flows: dict[str, list[Flow]] = defaultdict(list)
        for flow in doc.flows.values():
            self.flows[flow.parent_id].append(Flow(flow.id, flow.source_id, flow.target_id))
        self.lanes: dict[str, tuple[Lane, ...]] = {}
        for process in doc.processes:
            self.lanes.setdefault(process.id, process.lanes)


def _new_plane(root: etree._Element, element_id: str) -> etree._Element:
    diagram = etree.SubElement(
        root,
        f"{{{BPMNDI_NS}}}BPMNDiagram",
        {"id": f"BPMNDiagram_{element_id}"},
        nsmap={"bpmndi": BPMNDI_NS, "dc": DC_NS, "di": DI_NS},
    )
    diagram.tail = "\n"
    return sub(
        diagram, BPMNDI_NS, "BPMNPlane", id=f"BPMNPlane_{element_id}", bpmnElement=element_id
    )


def _write_container(
    contents: _Contents,
    plane: etree._Element,
    container_id: str,
    *,
    pool_id: str,
    y: int = POOL_ORIGIN[1],
) -> Layout:
    """Lay out and write the nodes and flows directly inside a process or sub-process."""
    children = contents.children.get(container_id, [])
    process_lanes = contents.lanes.get(container_id, ())
    lane_of = _simple_lanes(process_lanes, children) if pool_id else {}
    lanes = [lane.id for lane in process_lanes] if lane_of else []
    nodes = [
        Node(child.id, child.kind, child.name, lane_of.get(child.id, ""), child.attached_to)
        for child in children
    ]
    flows = contents.flows.get(container_id, [])
    drawn = layout(nodes, flows, lanes, origin=(POOL_ORIGIN[0], y), empty_lanes=True)
    write_layout(plane, drawn, pool_id=pool_id, kinds={child.id: child.kind for child in children})
    return drawn


def _simple_lanes(lanes: tuple[Lane, ...], children: list[FlowNode]) -> dict[str, str]:
    """Node id -> lane id when the process's lanes are one level deep and hold every node
    (boundary events go with their host); else none, and the pool is drawn without lanes."""
    if not lanes or any(lane.lanes for lane in lanes):
        return {}
    lane_of: dict[str, str] = {}
    for lane in lanes:
        for node_id in lane.flow_node_ids:
            lane_of.setdefault(node_id, lane.id)
    placed = [child for child in children if not child.attached_to]
    return lane_of if all(child.id in lane_of for child in placed) else {}


def _write_pools(
    doc: BpmnDocument, contents: _Contents, plane: etree._Element, collaboration: etree._Element
) -> None:
    """The pools one below the other, then the message flows between them."""
    boxes: dict[str, Rect] = {}
    y = POOL_ORIGIN[1]
    widest = 0
    black_boxes = []
    for participant in doc.participants:
        if participant.process_id and participant.process_id in contents.lanes:
            drawn = _write_container(
                contents, plane, participant.process_id, pool_id=participant.id, y=y
            )
            boxes.update({key: box.rect for key, box in drawn.boxes.items()})
            x, _, width, height = drawn.pool
            widest = max(widest, width)
        else:
            black_boxes.append((participant.id, y))
            x, width, height = POOL_ORIGIN[0], 0, BLACK_BOX_HEIGHT
        boxes[participant.id] = (x, y, x + width, y + height)
        y += height + POOL_GAP
    referenced = {participant.process_id for participant in doc.participants}
    for process in doc.processes:
        if process.id not in referenced:
            # bpmn-js shows a process outside every pool on the collaboration's plane too.
            drawn = _write_container(contents, plane, process.id, pool_id="", y=y)
            boxes.update({key: box.rect for key, box in drawn.boxes.items()})
            y += drawn.pool[3] + POOL_GAP
    for participant_id, top in black_boxes:  # as wide as the widest pool
        bounds = (POOL_ORIGIN[0], top, max(widest, 600), BLACK_BOX_HEIGHT)
        write_shape(plane, participant_id, bounds, isHorizontal="true")
        boxes[participant_id] = (bounds[0], top, bounds[0] + bounds[2], top + bounds[3])
    for message in collaboration.iterchildren(f"{{{BPMN_NS}}}messageFlow"):
        source = boxes.get(str(message.get("sourceRef", "")))
        target = boxes.get(str(message.get("targetRef", "")))
        if source and target and message.get("id"):
            write_edge(plane, str(message.get("id")), _message_route(source, target))


def _message_route(source: Rect, target: Rect) -> list[Point]:
    """Vertically out of the source towards the target, across to it in the middle, and in."""
    s_left, s_top, s_right, s_bottom = source
    t_left, t_top, t_right, t_bottom = target
    sx, tx = (s_left + s_right) // 2, (t_left + t_right) // 2
    if t_left < sx < t_right:
        tx = sx  # a pool straight above or below: one straight line
    elif s_left < tx < s_right:
        sx = tx
    if t_top >= s_bottom:
        start, end = (sx, s_bottom), (tx, t_top)
    else:
        start, end = (sx, s_top), (tx, t_bottom)
    middle = (start[1] + end[1]) // 2
    return simplify([start, (sx, middle), (tx, middle), end])
