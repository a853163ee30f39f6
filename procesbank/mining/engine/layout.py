"""Left-to-right positions for a directed graph (a process map), by longest-path layering.

Cycles are broken first: edges that close a cycle in a depth-first walk from the sources
(nodes in the order given, so the start activities come first) are ignored for layering. Each
node's layer is then the length of the longest path to it, and nodes of a layer are stacked
in the order of their weight (most frequent at the top). Positions are in pixels.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

LAYER_WIDTH = 240.0
ROW_HEIGHT = 90.0


@dataclass(frozen=True)
class Position:
    """Where a node sits: ``layer`` (0 = leftmost), ``x`` and ``y`` in pixels."""

    layer: int
    x: float
    y: float


def _back_edges(nodes: Sequence[str], edges: Sequence[tuple[str, str]]) -> set[tuple[str, str]]:
    successors: dict[str, list[str]] = {node: [] for node in nodes}
    for source, target in edges:
        successors.setdefault(source, []).append(target)
        successors.setdefault(target, [])
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    back: set[tuple[str, str]] = set()
    for root in successors:
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


def layered_layout(
    nodes: Sequence[str],
    edges: Sequence[tuple[str, str]],
    weights: dict[str, float] | None = None,
) -> dict[str, Position]:
    """Positions of ``nodes`` so that edges point left to right, except those closing cycles.

    ``nodes`` in priority order (sources first keeps the layering stable); ``weights`` order
    the nodes within a layer, heaviest on top (default: the given order).
    """
    back = _back_edges(nodes, edges)
    forward = [(s, t) for s, t in edges if (s, t) not in back and s != t]
    incoming: dict[str, list[str]] = {node: [] for node in nodes}
    for source, target in forward:
        incoming.setdefault(target, []).append(source)
        incoming.setdefault(source, [])
    layer: dict[str, int] = {}

    def depth(node: str) -> int:
        # Iterative longest path over the acyclic forward edges.
        stack = [node]
        while stack:
            current = stack[-1]
            pending = [p for p in incoming[current] if p not in layer]
            if pending:
                stack.extend(pending)
                continue
            stack.pop()
            if current not in layer:
                layer[current] = max((layer[p] + 1 for p in incoming[current]), default=0)
        return layer[node]

    for node in incoming:
        depth(node)
    order = {node: index for index, node in enumerate(incoming)}
    weight = weights or {}
    by_layer: dict[int, list[str]] = {}
    for node in sorted(incoming, key=lambda n: (-weight.get(n, 0.0), order[n])):
        by_layer.setdefault(layer[node], []).append(node)
    tallest = max((len(column) for column in by_layer.values()), default=0)
    positions: dict[str, Position] = {}
    for index, column in by_layer.items():
        offset = (tallest - len(column)) * ROW_HEIGHT / 2
        for row, node in enumerate(column):
            positions[node] = Position(index, index * LAYER_WIDTH, offset + row * ROW_HEIGHT)
    return positions
