"""Drawing BPMN diagrams: a left-to-right layered layout and the BPMN DI that records it.

:func:`layout` places the nodes of one process (or sub-process) on a grid, in pixels: a
node's column is its longest distance from a start over the flows that do not close a loop
(so columns follow the topological order), its band is its lane, and nodes that share a band
and a column get a row each. Flows run orthogonally around the nodes and their labels; flows
that close a loop run below (or above) the nodes of a row. The demo processes are drawn with
it (:mod:`procesbank.demo.bpmn_models`), and so is an imported file that came without a
diagram (:func:`add_diagram`), since bpmn-js can show only what has DI.

Pure: lxml and the parsed model of :mod:`procesbank.processes.engine.bpmn`, no Django.
"""

from procesbank.processes.engine.diagram.di import (
    DC_NS,
    DI_NS,
    add_diagram,
    sub,
    write_edge,
    write_layout,
    write_shape,
)
from procesbank.processes.engine.diagram.grid import Box, Flow, Layout, Node, layout, shape_kind

__all__ = [
    "DC_NS",
    "DI_NS",
    "Box",
    "Flow",
    "Layout",
    "Node",
    "add_diagram",
    "layout",
    "shape_kind",
    "sub",
    "write_edge",
    "write_layout",
    "write_shape",
]
