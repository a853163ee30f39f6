"""Safe reading and lossless writing of BPMN 2.0 models, with Procesbank's measurements.

A municipality uploads a BPMN file drawn in any modeller; we read it into plain dataclasses
(:class:`BpmnDocument`) and keep the parsed lxml tree beside them, so that exporting writes back
every element, attribute, vendor extension and diagram shape of the upload. The only thing we
ever change in the tree is our own extension in the namespace :data:`PB_NS` (prefix ``pb``):

* ``<pb:measurements minutesMin= minutesLikely= minutesMax= executionsPerCase= waitingMinutes=
  itSystem= automationNote=/>`` on a task: the handling time in minutes (three-point estimate),
  how many times the task is done each time it is reached, the waiting time before it, the
  IT system used and a note on automation;
* ``<pb:branch probability=/>`` on a sequence flow (the chance a gateway takes it), a boundary
  event or an event sub-process (the chance it fires each time its host runs).

Both live in the element's ``bpmn:extensionElements``, where BPMN 2.0 lets tools keep their own
data, so other modellers keep them when they re-save the file.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from lxml import etree

from procesbank.core import safexml
from procesbank.core.errors import gettext_noop

# The pb: extension lives in its own module; its public names are re-exported from here.
from procesbank.processes.engine.bpmn_extension import (
    BPMN_NS,
    FIELD_LABELS,
    MEASUREMENT_MAX,
    MSG_BAD_CHARACTERS,
    MSG_BAD_MEASUREMENT,
    MSG_BAD_NUMBER,
    MSG_LIKELY_OVER_MAX,
    MSG_MIN_OVER_LIKELY,
    MSG_MISSING_ATTRIBUTE,
    MSG_NEGATIVE,
    MSG_NOT_FINITE,
    MSG_PROBABILITY,
    MSG_TOO_BIG,
    PB_NS,
    PB_PREFIX,
    BpmnError,
    TaskMeasurements,
    format_number,
    format_xml_number,
    measurement_attributes,
    read_measurements,
    read_probability,
    validate_probability,
    write_pb_element,
)

__all__ = [
    "BPMNDI_NS",
    "BPMN_NS",
    "FIELD_LABELS",
    "MEASUREMENT_MAX",
    "MSG_BAD_CHARACTERS",
    "MSG_BAD_MEASUREMENT",
    "MSG_BAD_NUMBER",
    "MSG_LIKELY_OVER_MAX",
    "MSG_MIN_OVER_LIKELY",
    "MSG_MISSING_ATTRIBUTE",
    "MSG_NEGATIVE",
    "MSG_NOT_FINITE",
    "MSG_PROBABILITY",
    "MSG_TOO_BIG",
    "PB_NS",
    "PB_PREFIX",
    "Association",
    "BpmnDocument",
    "BpmnError",
    "FlowNode",
    "Lane",
    "NodeCategory",
    "Participant",
    "Process",
    "SequenceFlow",
    "TaskMeasurements",
    "format_number",
    "parse_bpmn",
    "serialize_bpmn",
    "set_branch_probability",
    "set_task_measurements",
    "validate_probability",
]

BPMNDI_NS = "http://www.omg.org/spec/BPMN/20100524/DI"
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
#: Flow nodes and sequence flows one model may hold. A large municipal process has a few
#: hundred; the cap bounds what one import may cost (drawing 10,000 takes about 3 s, see
#: bench/bpmn_layout.py), whatever else the file holds.
DEFAULT_MAX_ELEMENTS = 10_000

# lxml ships no type hints, so its elements and trees are typed as Any in this module.
Element = Any

MSG_EMPTY = gettext_noop("Filen er tom")
MSG_TOO_LARGE = gettext_noop("Filen er for stor (%(size_mb)s MB); den må højst fylde %(max_mb)s MB")
MSG_INVALID_XML = gettext_noop("Filen er ikke gyldig XML (linje %(line)s): %(detail)s")
MSG_DOCTYPE = gettext_noop(
    "Filen indeholder en DOCTYPE-erklæring (DTD eller entiteter), som vi af sikkerhedshensyn "
    "ikke modtager"
)
MSG_NOT_BPMN = gettext_noop(
    "Filen er ikke en BPMN 2.0-model: rodelementet er %(root)s, men skal være definitions i "
    "navnerummet %(namespace)s"
)
MSG_TOO_MANY_ELEMENTS = gettext_noop(
    "Modellen har mere end %(limit)s elementer (opgaver, hændelser, gateways og "
    "sekvensflow); Procesbank tager højst %(limit)s i én model. Del processen op i flere "
    "modeller."
)
MSG_DUPLICATE_ID = gettext_noop("Modellen bruger id'et %(element_id)s til flere elementer")
MSG_UNKNOWN_TASK = gettext_noop("Opgaven %(task_id)s findes ikke i modellen")
MSG_NOT_A_TASK = gettext_noop("Elementet %(task_id)s er ikke en opgave")
MSG_UNKNOWN_FLOW = gettext_noop("Sekvensflowet %(flow_id)s findes ikke i modellen")
MSG_NO_PROBABILITY_HERE = gettext_noop(
    "Elementet %(flow_id)s kan ikke have en sandsynlighed; det kan kun sekvensflow, "
    "randhændelser og hændelsesunderprocesser"
)


class NodeCategory(StrEnum):
    """The four families of BPMN flow nodes; the element's own tag is kept in ``FlowNode.kind``."""

    TASK = "task"
    EVENT = "event"
    GATEWAY = "gateway"
    SUBPROCESS = "subprocess"


_TASK_KINDS = (
    "task userTask serviceTask manualTask scriptTask businessRuleTask sendTask receiveTask "
    "callActivity"
)
_EVENT_KINDS = (
    "startEvent endEvent intermediateCatchEvent intermediateThrowEvent boundaryEvent "
    "implicitThrowEvent"
)
_GATEWAY_KINDS = (
    "exclusiveGateway parallelGateway inclusiveGateway eventBasedGateway complexGateway"
)
NODE_CATEGORIES: dict[str, NodeCategory] = {
    **dict.fromkeys(_TASK_KINDS.split(), NodeCategory.TASK),
    **dict.fromkeys(_EVENT_KINDS.split(), NodeCategory.EVENT),
    **dict.fromkeys(_GATEWAY_KINDS.split(), NodeCategory.GATEWAY),
    **dict.fromkeys(("subProcess", "transaction", "adHocSubProcess"), NodeCategory.SUBPROCESS),
}


def _bpmn(local: str) -> str:
    return f"{{{BPMN_NS}}}{local}"


def _pb(local: str) -> str:
    return f"{{{PB_NS}}}{local}"


@dataclass(frozen=True)
class Lane:
    """A lane (a role or unit); ``lanes`` are the lanes nested inside it."""

    id: str
    name: str
    flow_node_ids: tuple[str, ...]
    lanes: tuple[Lane, ...] = ()


@dataclass(frozen=True)
class Participant:
    """A pool of a collaboration; ``process_id`` is empty for a black-box pool."""

    id: str
    name: str
    process_id: str


@dataclass(frozen=True)
class Process:
    """A ``bpmn:process``; a pool's name, when it has one, is what users call it."""

    id: str
    name: str
    participant_id: str = ""
    participant_name: str = ""
    lanes: tuple[Lane, ...] = ()

    @property
    def label(self) -> str:
        """The name to show: the pool's, else the process's, else its id."""
        return self.participant_name or self.name or self.id


@dataclass(frozen=True)
class FlowNode:
    """A task, event, gateway or sub-process.

    ``parent_id`` is the process or the sub-process that directly contains the node; ``lane`` the
    innermost lane that lists it (or, inside a sub-process, the sub-process's lane): its role.
    ``probability`` is our ``pb:branch`` on a boundary event or event sub-process.
    """

    id: str
    name: str
    kind: str
    category: NodeCategory
    process_id: str
    parent_id: str
    lane: str = ""
    measurements: TaskMeasurements | None = None
    probability: float | None = None
    attached_to: str = ""
    cancel_activity: bool = True
    event_definitions: tuple[str, ...] = ()
    link_name: str = ""
    triggered_by_event: bool = False
    is_for_compensation: bool = False
    called_element: str = ""

    @property
    def label(self) -> str:
        """The name to show in messages: the node's name, else its id."""
        return self.name or self.id


@dataclass(frozen=True)
class SequenceFlow:
    """A sequence flow; ``condition`` is the text of its condition expression, if any."""

    id: str
    source_id: str
    target_id: str
    name: str
    condition: str
    process_id: str
    parent_id: str
    probability: float | None = None


@dataclass(frozen=True)
class Association:
    """An association between two elements (a compensation handler hangs on one)."""

    id: str
    source_id: str
    target_id: str


@dataclass
class BpmnDocument:
    """A parsed BPMN file: the lxml ``tree`` (for lossless export) and a model read from it.

    ``nodes`` and ``flows`` are keyed by element id, in document order. The set_* functions of
    this module change the tree and these dictionaries together.
    """

    tree: Element
    processes: tuple[Process, ...]
    participants: tuple[Participant, ...]
    nodes: dict[str, FlowNode]
    flows: dict[str, SequenceFlow]
    associations: tuple[Association, ...]
    diagram_count: int
    elements: dict[str, Element] = field(repr=False, default_factory=dict)
    name: str = ""  # the definitions' name attribute: what most tools call the file's model

    @property
    def tasks(self) -> tuple[FlowNode, ...]:
        """Every task of every process and sub-process, in document order."""
        return tuple(n for n in self.nodes.values() if n.category is NodeCategory.TASK)

    def children(self, parent_id: str) -> tuple[FlowNode, ...]:
        """The nodes directly inside the process or sub-process ``parent_id``."""
        return tuple(n for n in self.nodes.values() if n.parent_id == parent_id)


def parse_bpmn(
    data: bytes,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_elements: int = DEFAULT_MAX_ELEMENTS,
) -> BpmnDocument:
    """Parse an uploaded BPMN 2.0 file (``max_bytes`` in bytes), refusing anything unsafe.

    Refused with a :class:`BpmnError`: an empty or too large file, a DOCTYPE (and with it every
    entity trick: billion laughs, external entities), XML that does not parse, XML whose root
    is not ``definitions`` in the BPMN 2.0 model namespace, and a model of more than
    ``max_elements`` flow nodes and sequence flows.
    """
    if len(data) > max_bytes:
        raise BpmnError(
            MSG_TOO_LARGE,
            # Rounded up, so a file just over the limit never reads as equal to it.
            size_mb=format_number(math.ceil(len(data) / 1024 / 1024 * 10) / 10),
            max_mb=format_number(round(max_bytes / 1024 / 1024, 1)),
        )
    if not data.strip():
        raise BpmnError(MSG_EMPTY)
    _refuse_doctype(data)
    root = _parse_xml(data)
    tree = root.getroottree()
    # Defence in depth: the probe above should already have stopped any DOCTYPE.
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise BpmnError(MSG_DOCTYPE)
    if root.tag != _bpmn("definitions"):
        raise BpmnError(MSG_NOT_BPMN, root=str(root.tag), namespace=BPMN_NS)
    return _read_document(tree, max_elements)


def _refuse_doctype(data: bytes) -> None:
    if safexml.has_doctype(data):
        raise BpmnError(MSG_DOCTYPE)


def _parse_xml(data: bytes) -> Element:
    try:
        return safexml.parse(data, lossless=True)
    except safexml.XmlSyntaxError as error:
        raise BpmnError(MSG_INVALID_XML, line=error.line, detail=error.detail) from None


def serialize_bpmn(doc: BpmnDocument) -> bytes:
    """The document as UTF-8 XML bytes with a declaration: the upload plus our ``pb`` changes."""
    # lxml reports an undeclared flag as False, and standalone="no" means the same as none.
    options = {"standalone": True} if doc.tree.docinfo.standalone is True else {}
    return bytes(etree.tostring(doc.tree, xml_declaration=True, encoding="UTF-8", **options))


def set_task_measurements(
    doc: BpmnDocument, task_id: str, measurements: TaskMeasurements | None
) -> None:
    """Write (or with ``None`` remove) the ``pb:measurements`` of a task, in tree and model."""
    node = doc.nodes.get(task_id)
    if node is None:
        raise BpmnError(MSG_UNKNOWN_TASK, task_id=task_id)
    if node.category is not NodeCategory.TASK:
        raise BpmnError(MSG_NOT_A_TASK, task_id=task_id)
    attributes = None if measurements is None else measurement_attributes(measurements)
    write_pb_element(doc.elements[task_id], "measurements", attributes)
    doc.nodes[task_id] = replace(node, measurements=measurements)


def set_branch_probability(doc: BpmnDocument, flow_id: str, probability: float | None) -> None:
    """Write (or with ``None`` remove) ``pb:branch``: a fraction 0 to 1.

    ``flow_id`` names a sequence flow (the chance it is taken when its source is left), a
    boundary event or an event sub-process (the chance it fires each time its host runs).
    """
    if probability is not None:
        validate_probability(probability)
    attributes = None if probability is None else {"probability": format_xml_number(probability)}
    if flow_id in doc.flows:
        write_pb_element(doc.elements[flow_id], "branch", attributes)
        doc.flows[flow_id] = replace(doc.flows[flow_id], probability=probability)
        return
    node = doc.nodes.get(flow_id)
    if node is None:
        raise BpmnError(MSG_UNKNOWN_FLOW, flow_id=flow_id)
    if not (node.kind == "boundaryEvent" or node.triggered_by_event):
        raise BpmnError(MSG_NO_PROBABILITY_HERE, flow_id=flow_id)
    write_pb_element(doc.elements[flow_id], "branch", attributes)
    doc.nodes[flow_id] = replace(node, probability=probability)


def _read_document(tree: Element, max_elements: int = DEFAULT_MAX_ELEMENTS) -> BpmnDocument:
    root = tree.getroot()
    participants = tuple(
        Participant(_attr(el, "id"), _attr(el, "name"), _attr(el, "processRef"))
        for el in root.iter(_bpmn("participant"))
    )
    reader = _ModelReader(max_elements)
    processes = []
    pools: dict[str, Participant] = {}
    for participant in participants:
        if participant.process_id:
            pools.setdefault(participant.process_id, participant)
    for process in root.iterchildren(_bpmn("process")):
        process_id = _attr(process, "id")
        pool = pools.get(process_id)
        processes.append(
            Process(
                id=process_id,
                name=_attr(process, "name"),
                participant_id=pool.id if pool else "",
                participant_name=pool.name if pool else "",
                lanes=tuple(_read_lanes(process)),
            )
        )
        first = len(reader.node_order)
        reader.read_container(process, process_id, process_id)
        reader.assign_lanes(process, reader.node_order[first:])
    return BpmnDocument(
        tree=tree,
        processes=tuple(processes),
        participants=participants,
        nodes=reader.nodes,
        flows=reader.flows,
        associations=tuple(reader.associations),
        diagram_count=len(list(root.iterchildren(f"{{{BPMNDI_NS}}}BPMNDiagram"))),
        elements=reader.elements,
        name=_attr(root, "name").strip(),
    )


def suggested_name(doc: BpmnDocument, filename: str) -> str:
    """The name an imported file's process gets when the user typed none: the definitions'
    name, else the first process's name, else its pool's, else the file name without its
    extension ("" when there is none). A pool names one participant ("Team-Assistant" in the
    MIWG C.1.0 file), not the model, so it comes after the process's own name. At most 200
    characters."""
    candidates = [doc.name]
    candidates += [p.name for p in doc.processes] + [p.participant_name for p in doc.processes]
    base = filename.rsplit("/", 1)[-1]
    for suffix in (".bpmn20.xml", ".bpmn", ".xml"):
        if base.lower().endswith(suffix):
            base = base[: -len(suffix)]
            break
    candidates.append(base)
    return next((c.strip()[:200] for c in candidates if c.strip()), "")


def _attr(element: Element, name: str) -> str:
    return str(element.get(name, ""))


def _read_lanes(container: Element) -> list[Lane]:
    lanes = []
    for lane_set in container.iterchildren(_bpmn("laneSet"), _bpmn("childLaneSet")):
        for lane in lane_set.iterchildren(_bpmn("lane")):
            refs = tuple(
                (ref.text or "").strip() for ref in lane.iterchildren(_bpmn("flowNodeRef"))
            )
            lanes.append(
                Lane(_attr(lane, "id"), _attr(lane, "name").strip(), refs, tuple(_read_lanes(lane)))
            )
    return lanes


class _ModelReader:
    """Collects the flow elements of processes into dictionaries, recursing into sub-processes."""

    def __init__(self, max_elements: int = DEFAULT_MAX_ELEMENTS) -> None:
        self.max_elements = max_elements
        self.nodes: dict[str, FlowNode] = {}
        self.flows: dict[str, SequenceFlow] = {}
        self.associations: list[Association] = []
        self.elements: dict[str, Element] = {}
        #: Node ids in document order, so each process's nodes are a slice of it.
        self.node_order: list[str] = []

    def read_container(self, container: Element, process_id: str, parent_id: str) -> None:
        for child in container.iterchildren(tag=etree.Element):
            tag = str(child.tag)
            if not tag.startswith(f"{{{BPMN_NS}}}"):
                continue
            local = tag.rsplit("}", 1)[1]
            element_id = _attr(child, "id")
            if local == "association":
                source, target = _attr(child, "sourceRef"), _attr(child, "targetRef")
                self.associations.append(Association(element_id, source, target))
            elif local == "sequenceFlow" and element_id:
                self._remember(element_id, child)
                self.flows[element_id] = _read_flow(child, process_id, parent_id)
            elif local in NODE_CATEGORIES and element_id:
                # A node without an id cannot be referenced by a flow or a measurement; skip it.
                self._remember(element_id, child)
                self.nodes[element_id] = _read_node(child, local, process_id, parent_id)
                self.node_order.append(element_id)
                if NODE_CATEGORIES[local] is NodeCategory.SUBPROCESS:
                    self.read_container(child, process_id, element_id)

    def _remember(self, element_id: str, element: Element) -> None:
        # Measurements are stored by id, so two elements sharing one would corrupt them.
        if element_id in self.elements:
            raise BpmnError(MSG_DUPLICATE_ID, element_id=element_id)
        if len(self.elements) >= self.max_elements:
            raise BpmnError(MSG_TOO_MANY_ELEMENTS, limit=format_number(self.max_elements))
        self.elements[element_id] = element

    def assign_lanes(self, process: Element, node_ids: list[str]) -> None:
        """Give each node of ``process`` (``node_ids``, read from it in document order) its
        innermost lane, or its sub-process's lane."""
        depth_and_name: dict[str, tuple[int, str]] = {}
        for lane in process.iter(_bpmn("lane")):
            depth = sum(1 for a in lane.iterancestors(_bpmn("lane")))
            for ref in lane.iterchildren(_bpmn("flowNodeRef")):
                node_id = (ref.text or "").strip()
                if depth >= depth_and_name.get(node_id, (-1, ""))[0]:
                    # Trimmed: the lane name is the role that hourly rates are looked up by.
                    depth_and_name[node_id] = (depth, _attr(lane, "name").strip())
        # Nodes are in document order, so a sub-process comes before its children.
        for node_id in node_ids:
            node = self.nodes[node_id]
            lane = depth_and_name.get(node_id, (0, ""))[1]
            parent = self.nodes.get(node.parent_id)
            if not lane and parent is not None:
                lane = parent.lane
            if lane:
                self.nodes[node_id] = replace(node, lane=lane)


def _read_flow(element: Element, process_id: str, parent_id: str) -> SequenceFlow:
    condition = element.find(_bpmn("conditionExpression"))
    return SequenceFlow(
        id=_attr(element, "id"),
        source_id=_attr(element, "sourceRef"),
        target_id=_attr(element, "targetRef"),
        name=_attr(element, "name"),
        condition="" if condition is None else "".join(condition.itertext()).strip(),
        process_id=process_id,
        parent_id=parent_id,
        probability=read_probability(element),
    )


def _read_node(element: Element, local: str, process_id: str, parent_id: str) -> FlowNode:
    definitions = [
        str(child.tag).rsplit("}", 1)[1].removesuffix("EventDefinition")
        for child in element.iterchildren(tag=etree.Element)
        if str(child.tag).startswith(f"{{{BPMN_NS}}}")
        and str(child.tag).endswith("EventDefinition")
    ]
    link = element.find(_bpmn("linkEventDefinition"))
    category = NODE_CATEGORIES[local]
    return FlowNode(
        id=_attr(element, "id"),
        name=_attr(element, "name"),
        kind=local,
        category=category,
        process_id=process_id,
        parent_id=parent_id,
        measurements=read_measurements(element) if category is NodeCategory.TASK else None,
        probability=read_probability(element),
        attached_to=_attr(element, "attachedToRef"),
        cancel_activity=element.get("cancelActivity", "true").strip() != "false",
        event_definitions=tuple(definitions),
        link_name="" if link is None else _attr(link, "name"),
        triggered_by_event=element.get("triggeredByEvent", "false").strip() == "true",
        is_for_compensation=element.get("isForCompensation", "false").strip() == "true",
        called_element=_attr(element, "calledElement"),
    )
