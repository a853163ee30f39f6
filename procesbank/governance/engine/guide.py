"""A published model as the staff portal shows it: what to do in each step, and a copy of the
BPMN without Procesbank's own measurements.

Each task gives its name, its role (the lane), the IT system the consultant noted, the
documentation written on it in the modeller (``bpmn:documentation``) and the web addresses in
that documentation as links. The portal shows nothing internal: :func:`public_bpmn` removes
every element and attribute in Procesbank's namespace (handling times, automation notes,
branch probabilities) from the XML the diagram viewer loads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from procesbank.processes.engine.bpmn import BpmnDocument, NodeCategory, serialize_bpmn
from procesbank.processes.engine.bpmn_extension import BPMN_NS, PB_NS

URL = re.compile(r"https?://[^\s<>\"')\]]+")


@dataclass(frozen=True)
class GuideStep:
    """One task: what to do, who does it, in which IT system, with which links."""

    element_id: str
    name: str
    role: str
    it_system: str
    documentation: str
    links: tuple[str, ...]


def _documentation(element: etree._Element | None) -> str:
    if element is None:
        return ""
    texts = [
        "".join(child.itertext()).strip()
        for child in element.iterchildren(f"{{{BPMN_NS}}}documentation")
    ]
    return "\n".join(text for text in texts if text)


def guide_steps(doc: BpmnDocument) -> tuple[GuideStep, ...]:
    """The tasks and sub-processes of ``doc`` in document order, for "what do I do here"."""
    steps = []
    for node in doc.nodes.values():
        if node.category not in (NodeCategory.TASK, NodeCategory.SUBPROCESS):
            continue
        documentation = _documentation(doc.elements.get(node.id))
        steps.append(
            GuideStep(
                element_id=node.id,
                name=" ".join(node.name.split()) or node.id,
                role=node.lane,
                it_system=node.measurements.it_system if node.measurements else "",
                documentation=documentation,
                # A sentence's full stop or comma after an address is not part of it.
                links=tuple(
                    dict.fromkeys(url.rstrip(".,;:!?") for url in URL.findall(documentation))
                ),
            )
        )
    return tuple(steps)


def element_names(doc: BpmnDocument) -> dict[str, str]:
    """Element id -> the name to show (flow nodes and named sequence flows), for comments."""
    names = {node.id: node.label for node in doc.nodes.values()}
    names.update({flow.id: flow.name or flow.id for flow in doc.flows.values()})
    return names


def public_bpmn(doc: BpmnDocument) -> bytes:
    """``doc`` serialised without anything in Procesbank's namespace (the tree is changed:
    pass a document parsed for this purpose only)."""
    tree = doc.tree
    for element in list(tree.iter(f"{{{PB_NS}}}*")):
        parent = element.getparent()
        if parent is not None:
            parent.remove(element)
    for element in tree.iter(etree.Element):
        for name in [n for n in element.attrib if str(n).startswith(f"{{{PB_NS}}}")]:
            del element.attrib[name]
    for extension in list(tree.iter(f"{{{BPMN_NS}}}extensionElements")):
        parent = extension.getparent()
        if parent is not None and len(extension) == 0 and not (extension.text or "").strip():
            parent.remove(extension)
    etree.cleanup_namespaces(tree)
    return serialize_bpmn(doc)
