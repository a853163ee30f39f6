"""The layered grid layout of one process (or sub-process), in pixels.

A node's column is its longest distance from a start over the flows that do not close a loop
(so columns follow the topological order), its band is its lane, and nodes that share a band
and a column get a row each. Flows run orthogonally around the nodes and their labels; flows
that close a loop run below (or above) the nodes of a row.
"""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

TASK_SIZE = (100, 80)
EVENT_SIZE = (36, 36)
GATEWAY_SIZE = (50, 50)
COLUMN_WIDTH = 150  # a node is centred in its column; the gaps between columns stay free
ROW_HEIGHT = 140  # a lane has rows; 30+ px above and below a node stay free (see EDGE_MARGIN)
EDGE_MARGIN = 8  # loops pass a row's nodes this far inside its edge, detours twice as far
LABEL_WIDTH = 90  # bpmn-js writes an event's or gateway's name below it, wrapped at 90 px
LABEL_CHARS = 16  # about this many characters to a line of such a label
POOL_ORIGIN = (160, 80)
POOL_LABEL_WIDTH = 30  # bpmn-js draws the pool's name in a 30 px band on its left
LANE_LABEL_WIDTH = 30  # and each lane's name in a 30 px band on the lane's left
CONTENT_PADDING = 20

Rect = tuple[int, int, int, int]  # left, top, right, bottom in pixels
Point = tuple[int, int]
Bounds = tuple[int, int, int, int]  # x, y, width, height in pixels


@dataclass(frozen=True)
class Node:
    """A flow node to place: ``kind`` is its BPMN tag (``userTask``, ``startEvent`` ...),
    ``lane`` the key of its band ("" for none), ``attached_to`` the host of a boundary event."""

    id: str
    kind: str
    name: str = ""
    lane: str = ""
    attached_to: str = ""


@dataclass(frozen=True)
class Flow:
    """A sequence flow between two nodes, by their ids."""

    id: str
    source: str
    target: str


@dataclass(frozen=True)
class Box:
    """A node's bounds and the grid cell (column, lane row) it is centred in; in pixels."""

    x: int
    y: int
    width: int
    height: int
    cell_left: int
    cell_right: int
    row_top: int
    row_bottom: int
    kind: str  # "task", "event" or "gateway"
    label_lines: int  # lines of the name bpmn-js writes below an event or gateway; 0: none

    @property
    def right(self) -> int:
        return self.x + self.width

    @property
    def bottom(self) -> int:
        return self.y + self.height

    @property
    def cx(self) -> int:
        return self.x + self.width // 2

    @property
    def cy(self) -> int:
        return self.y + self.height // 2

    @property
    def rect(self) -> Rect:
        return (self.x, self.y, self.right, self.bottom)

    @property
    def label_rect(self) -> Rect | None:
        if not self.label_lines:
            return None
        half = LABEL_WIDTH // 2
        return (
            self.cx - half,
            self.bottom,
            self.cx + half,
            self.bottom + 6 + 14 * self.label_lines,
        )


@dataclass(frozen=True)
class Layout:
    """Where everything goes: the pool's and each drawn lane's bounds, each node's box and
    each flow's waypoints (by flow id); pixels."""

    pool: Bounds
    lanes: dict[str, Bounds]
    boxes: dict[str, Box]
    waypoints: dict[str, list[Point]]


def shape_kind(kind: str) -> str:
    """ "event", "gateway" or "task" (any activity, a collapsed sub-process too) for a BPMN tag."""
    if kind.endswith("Event"):
        return "event"
    return "gateway" if kind.endswith("Gateway") else "task"


def layout(
    nodes: Sequence[Node],
    flows: Sequence[Flow],
    lanes: Sequence[str] = (),
    *,
    origin: Point = POOL_ORIGIN,
    empty_lanes: bool = False,
) -> Layout:
    """Lay nodes out left to right, in bands for ``lanes`` (in that order, top to bottom).

    ``nodes`` in priority order: the depth-first walk that finds loops starts at the nodes
    without incoming flows, in this order. A lane without nodes gets a band only with
    ``empty_lanes``. Boundary events sit on their host's lower edge and are laid out as
    their host. Everything in pixels, the pool's top left corner at ``origin``.
    """
    placed = [node for node in nodes if not node.attached_to]
    host = {node.id: node.attached_to for node in nodes if node.attached_to}
    grid_flows = [(host.get(f.source, f.source), host.get(f.target, f.target)) for f in flows]
    keys = [node.id for node in placed]
    back = _back_edges(keys, grid_flows)
    order = _topological_order(keys, [pair for pair in grid_flows if pair not in back])
    # Each node's sources, in the order of the flows: one pass, so the layout stays linear.
    incoming: dict[str, list[str]] = defaultdict(list)
    for source, target in grid_flows:
        incoming[target].append(source)
    column: dict[str, int] = {}
    for key in order:
        sources = [s for s in incoming[key] if s != key and (s, key) not in back and s in column]
        column[key] = max((column[source] + 1 for source in sources), default=0)
    band = {node.id: node.lane if node.lane in lanes else "" for node in placed}
    row = _rows(order, band, column, incoming)
    pool_x, pool_y = origin
    content_left = pool_x + POOL_LABEL_WIDTH + LANE_LABEL_WIDTH + CONTENT_PADDING
    pool_width = content_left - pool_x + (1 + max(column.values(), default=0)) * COLUMN_WIDTH
    pool_width += CONTENT_PADDING
    band_top: dict[str, int] = {}
    drawn_lanes: dict[str, Bounds] = {}
    lane_y = pool_y
    deepest: dict[str, int] = {}
    for key in order:
        deepest[band[key]] = max(deepest.get(band[key], 0), row[key])
    for lane in [*lanes, ""]:
        if lane in deepest or (empty_lanes and lane):
            height = (1 + deepest.get(lane, 0)) * ROW_HEIGHT
            band_top[lane] = lane_y
            if lane:
                bounds = (pool_x + POOL_LABEL_WIDTH, lane_y, pool_width - POOL_LABEL_WIDTH, height)
                drawn_lanes[lane] = bounds
            lane_y += height
    boxes = {}
    names = {node.id: node.name for node in placed}
    kinds = {node.id: node.kind for node in placed}
    for key in order:
        cell_left = content_left + column[key] * COLUMN_WIDTH
        boxes[key] = _box(
            kinds[key], names[key], cell_left, band_top[band[key]] + row[key] * ROW_HEIGHT
        )
    boxes.update(_boundary_boxes(nodes, boxes))
    waypoints = _routes(flows, grid_flows, back, boxes)
    height = max(lane_y - pool_y, ROW_HEIGHT)
    return Layout((pool_x, pool_y, pool_width, height), drawn_lanes, boxes, waypoints)


def _rows(
    order: list[str],
    band: dict[str, str],
    column: dict[str, int],
    incoming: dict[str, list[str]],
) -> dict[str, int]:
    row: dict[str, int] = {}
    # Per cell (lane, column): taken row -> a row at or below it that may be free, a
    # union-find with path halving, so finding the first free row costs O(log n) amortised.
    taken: dict[tuple[str, int], dict[int, int]] = defaultdict(dict)
    for key in order:
        lane = band[key]
        # Prefer the row of a predecessor in the same lane: the flow between them stays straight.
        first = next((row[s] for s in incoming[key] if s in row and band[s] == lane), 0)
        cell = taken[(lane, column[key])]
        free = first
        while free in cell:
            cell[free] = cell.get(cell[free], cell[free])
            free = cell[free]
        row[key] = free
        cell[free] = free + 1
    return row


def _box(kind_tag: str, name: str, cell_left: int, row_top: int) -> Box:
    kind = shape_kind(kind_tag)
    width, height = {"task": TASK_SIZE, "event": EVENT_SIZE, "gateway": GATEWAY_SIZE}[kind]
    return Box(
        x=cell_left + (COLUMN_WIDTH - width) // 2,
        y=row_top + (ROW_HEIGHT - height) // 2,
        width=width,
        height=height,
        cell_left=cell_left,
        cell_right=cell_left + COLUMN_WIDTH,
        row_top=row_top,
        row_bottom=row_top + ROW_HEIGHT,
        kind=kind,
        label_lines=0 if kind == "task" or not name else math.ceil(len(name) / LABEL_CHARS),
    )


def _boundary_boxes(nodes: Sequence[Node], boxes: dict[str, Box]) -> dict[str, Box]:
    """Boundary events on the lower edge of their host, from the right, one beside another."""
    result: dict[str, Box] = {}
    per_host: dict[str, int] = {}
    width, height = EVENT_SIZE
    for node in nodes:
        host = boxes.get(node.attached_to)
        if host is None:
            continue
        index = per_host.get(node.attached_to, 0)
        per_host[node.attached_to] = index + 1
        x = host.right - width - 4 - index * (width + 4)
        result[node.id] = Box(
            x=x,
            y=host.bottom - height // 2,
            width=width,
            height=height,
            cell_left=host.cell_left,
            cell_right=host.cell_right,
            row_top=host.row_top,
            row_bottom=host.row_bottom,
            kind="event",
            label_lines=0,  # a label there would cover the flows leaving the host
        )
    return result


class _Buckets:
    """What routes must avoid, filed by the grid cells (COLUMN_WIDTH x ROW_HEIGHT pixels) it
    touches, so a route looks only at what lies in the cells it passes through: the node and
    label rectangles, and the flows drawn so far."""

    def __init__(self, boxes: dict[str, Box]) -> None:
        self.rects: dict[tuple[int, int], list[tuple[str, Rect]]] = defaultdict(list)
        self.segments: dict[tuple[int, int], list[tuple[Point, Point]]] = defaultdict(list)
        for key, box in boxes.items():
            for cell in _cells(box.rect):
                self.rects[cell].append((key, box.rect))
            label = box.label_rect
            if label is not None:
                for cell in _cells(label):
                    self.rects[cell].append(("", label))

    def obstacles(self, a: Point, b: Point, exclude: tuple[str, str]) -> Iterator[Rect]:
        """The rectangles near segment a-b, but for the nodes ``exclude`` (their labels stay)."""
        for cell in _cells(_span(a, b)):
            for key, rect in self.rects.get(cell, ()):
                if not key or key not in exclude:
                    yield rect

    def drawn_near(self, a: Point, b: Point) -> Iterator[tuple[Point, Point]]:
        for cell in _cells(_span(a, b)):
            yield from self.segments.get(cell, ())

    def draw(self, points: list[Point]) -> None:
        for a, b in itertools.pairwise(points):
            if _cell_count(_span(a, b)) <= ROUTE_CHECK_CELLS:
                for cell in _cells(_span(a, b)):
                    self.segments[cell].append((a, b))


#: A route through more grid cells than this is not checked against the nodes, labels and
#: flows near it (the last candidate, which crosses no node, is taken), and a flow segment
#: longer than this is not avoided by later flows: it bounds the work per flow, so drawing
#: stays linear in the size of the model even when many flows span the whole diagram.
ROUTE_CHECK_CELLS = 400


def _span(a: Point, b: Point) -> Rect:
    return (min(a[0], b[0]), min(a[1], b[1]), max(a[0], b[0]), max(a[1], b[1]))


def _cell_count(rect: Rect) -> int:
    left, top, right, bottom = rect
    columns = right // COLUMN_WIDTH - left // COLUMN_WIDTH + 1
    return columns * (bottom // ROW_HEIGHT - top // ROW_HEIGHT + 1)


def _cells(rect: Rect) -> Iterator[tuple[int, int]]:
    left, top, right, bottom = rect
    for x in range(left // COLUMN_WIDTH, right // COLUMN_WIDTH + 1):
        for y in range(top // ROW_HEIGHT, bottom // ROW_HEIGHT + 1):
            yield (x, y)


def _routes(
    flows: Sequence[Flow],
    grid_flows: list[tuple[str, str]],
    back: set[tuple[str, str]],
    boxes: dict[str, Box],
) -> dict[str, list[Point]]:
    # Forward flows first: they take the straight routes, loops go round them.
    buckets = _Buckets(boxes)
    waypoints: dict[str, list[Point]] = {}
    pending = [
        (flow, pair in back)
        for flow, pair in zip(flows, grid_flows, strict=True)
        if flow.source in boxes and flow.target in boxes
    ]
    for flow, is_back in sorted(pending, key=lambda item: item[1]):
        if flow.source == flow.target:
            waypoints[flow.id] = _self_loop(boxes[flow.source])
        else:
            waypoints[flow.id] = _route(flow.source, flow.target, is_back, boxes, buckets)
        buckets.draw(waypoints[flow.id])
    return {flow.id: waypoints[flow.id] for flow, _ in pending}


def _self_loop(box: Box) -> list[Point]:
    below = box.row_bottom - EDGE_MARGIN
    return [
        (box.cx + 10, box.bottom),
        (box.cx + 10, below),
        (box.cx - 10, below),
        (box.cx - 10, box.bottom),
    ]


def _back_edges(nodes: Sequence[str], edges: Sequence[tuple[str, str]]) -> set[tuple[str, str]]:
    """The flows that close a loop: in a depth-first walk from the nodes without incoming flows
    (then from any node not reached), the flows to a node still on the walk's path. Without
    them the flows form a DAG. Iterative, so a long chain does not exhaust Python's stack."""
    successors: dict[str, list[str]] = {node: [] for node in nodes}
    has_incoming: set[str] = set()
    for source, target in edges:
        if source in successors and target in successors:
            successors[source].append(target)
            has_incoming.add(target)
    roots = [n for n in nodes if n not in has_incoming] + [n for n in nodes if n in has_incoming]
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    back: set[tuple[str, str]] = set()
    for root in roots:
        if root in state:
            continue
        state[root] = 1
        stack = [(root, iter(successors[root]))]
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                state[node] = 2
                stack.pop()
            elif state.get(child) == 1:
                back.add((node, child))
            elif child not in state:
                state[child] = 1
                stack.append((child, iter(successors[child])))
    return back


def _topological_order(nodes: Sequence[str], forward: Sequence[tuple[str, str]]) -> list[str]:
    known = set(nodes)
    successors: dict[str, list[str]] = defaultdict(list)
    waiting = dict.fromkeys(nodes, 0)
    for source, target in forward:
        if source in known and target in known and source != target:
            successors[source].append(target)
            waiting[target] += 1
    order = [key for key, count in waiting.items() if count == 0]
    for key in order:  # grows while it is walked: Kahn's algorithm, in the given order
        for target in successors[key]:
            waiting[target] -= 1
            if waiting[target] == 0:
                order.append(target)
    return order


def _route(
    source: str,
    target: str,
    back: bool,
    boxes: dict[str, Box],
    buckets: _Buckets,
) -> list[Point]:
    """The first candidate route that crosses no other node and no label and does not run
    along a flow already drawn; failing that, the first that crosses no node and no label.
    The last candidate crosses no node in any case: it runs only through the gaps between
    columns and the margins of rows, which the grid keeps free of nodes. A candidate through
    more than ROUTE_CHECK_CELLS grid cells is not checked (and so not taken before the last)."""
    s, t = boxes[source], boxes[target]
    candidates = [simplify(c) for c in (_back_routes(s, t) if back else _forward_routes(s, t))]
    ends = (source, target)

    def checkable(points: list[Point]) -> bool:
        cells = sum(_cell_count(_span(a, b)) for a, b in itertools.pairwise(points))
        return cells <= ROUTE_CHECK_CELLS

    def clear(points: list[Point]) -> bool:
        segments = list(itertools.pairwise(points))
        # A flow leaves its source and enters its target; in between it must not cross them.
        inner = segments[1:-1]
        return not any(
            _crosses(a, b, rect) for a, b in segments for rect in buckets.obstacles(a, b, ends)
        ) and not any(_crosses(a, b, rect) for a, b in inner for rect in (s.rect, t.rect))

    def alone(points: list[Point]) -> bool:
        return not any(
            _overlaps((a, b), other)
            for a, b in itertools.pairwise(points)
            for other in buckets.drawn_near(a, b)
        )

    checked = [points for points in candidates if checkable(points)]
    for accept in (lambda p: clear(p) and alone(p), clear):
        for points in checked:
            if accept(points):
                return points
    return candidates[-1]


def _overlaps(a: tuple[Point, Point], b: tuple[Point, Point]) -> bool:
    """Whether two horizontal or vertical segments lie on one line and share a stretch."""
    (ax1, ay1), (ax2, ay2) = a
    (bx1, by1), (bx2, by2) = b
    if ay1 == ay2 == by1 == by2:
        return min(max(ax1, ax2), max(bx1, bx2)) > max(min(ax1, ax2), min(bx1, bx2))
    if ax1 == ax2 == bx1 == bx2:
        return min(max(ay1, ay2), max(by1, by2)) > max(min(ay1, ay2), min(by1, by2))
    return False


def _forward_routes(s: Box, t: Box) -> list[list[Point]]:
    routes = []
    if s.cy == t.cy:
        routes.append([(s.right, s.cy), (t.x, t.cy)])
        if s.kind == "gateway":
            # Over the nodes between them, out of the diamond's top corner.
            over = s.row_top + 2 * EDGE_MARGIN
            routes.append(
                [(s.cx, s.y), (s.cx, over), (t.cell_left, over), (t.cell_left, t.cy), (t.x, t.cy)]
            )
    else:
        if s.kind == "gateway":
            # Out of the corner facing the target, then along the target's row.
            corner = s.y if t.cy < s.cy else s.bottom
            routes.append([(s.cx, corner), (s.cx, t.cy), (t.x, t.cy)])
        for x in (s.cell_right, t.cell_left):
            routes.append([(s.right, s.cy), (x, s.cy), (x, t.cy), (t.x, t.cy)])
    # Detours run above the nodes of the target's row (below them when going up), one margin
    # further in than loops, so the two never share a line.
    margin = t.row_top + 2 * EDGE_MARGIN if t.cy >= s.cy else t.row_bottom - 2 * EDGE_MARGIN
    routes.append(
        [
            (s.right, s.cy),
            (s.cell_right, s.cy),
            (s.cell_right, margin),
            (t.cell_left, margin),
            (t.cell_left, t.cy),
            (t.x, t.cy),
        ]
    )
    return routes


def _back_routes(s: Box, t: Box) -> list[list[Point]]:
    routes = []
    for y in (
        s.row_bottom - EDGE_MARGIN,
        s.row_top + EDGE_MARGIN,
        t.row_bottom - EDGE_MARGIN,
        t.row_top + EDGE_MARGIN,
    ):
        leave = s.bottom if y > s.cy else s.y
        enter = t.bottom if y > t.cy else t.y
        routes.append([(s.cx, leave), (s.cx, y), (t.cx, y), (t.cx, enter)])
    below_source, below_target = s.row_bottom - EDGE_MARGIN, t.row_bottom - EDGE_MARGIN
    routes.append(
        [
            (s.cx, s.bottom),
            (s.cx, below_source),
            (s.cell_left, below_source),
            (s.cell_left, below_target),
            (t.cx, below_target),
            (t.cx, t.bottom),
        ]
    )
    return routes


def simplify(points: list[Point]) -> list[Point]:
    """Drop repeated points and the middle one of three in a line."""
    result: list[Point] = []
    for point in points:
        if result and result[-1] == point:
            continue
        if len(result) >= 2 and (
            result[-2][0] == result[-1][0] == point[0] or result[-2][1] == result[-1][1] == point[1]
        ):
            result[-1] = point
            continue
        result.append(point)
    return result


def _crosses(a: Point, b: Point, rect: Rect) -> bool:
    """Whether the horizontal or vertical segment a-b passes through the inside of ``rect``."""
    (x1, y1), (x2, y2) = a, b
    left, top, right, bottom = rect
    if y1 == y2:
        return top < y1 < bottom and min(x1, x2) < right and max(x1, x2) > left
    return left < x1 < right and min(y1, y2) < bottom and max(y1, y2) > top
