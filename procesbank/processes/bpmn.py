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
import re
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from lxml import etree

from procesbank.core import safexml
from procesbank.core.errors import UserError, gettext_noop

BPMN_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL"
BPMNDI_NS = "http://www.omg.org/spec/BPMN/20100524/DI"
PB_NS = "https://procesbank.dk/schema/bpmn/1.0"
PB_PREFIX = "pb"
DEFAULT_MAX_BYTES = 10 * 1024 * 1024

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
MSG_DUPLICATE_ID = gettext_noop("Modellen bruger id'et %(element_id)s til flere elementer")
MSG_UNKNOWN_TASK = gettext_noop("Opgaven %(task_id)s findes ikke i modellen")
MSG_NOT_A_TASK = gettext_noop("Elementet %(task_id)s er ikke en opgave")
MSG_UNKNOWN_FLOW = gettext_noop("Sekvensflowet %(flow_id)s findes ikke i modellen")
MSG_NO_PROBABILITY_HERE = gettext_noop(
    "Elementet %(flow_id)s kan ikke have en sandsynlighed; det kan kun sekvensflow, "
    "randhændelser og hændelsesunderprocesser"
)
MSG_NEGATIVE = gettext_noop("Feltet »%(label)s« må ikke være negativt (fik %(value)s)")
MSG_NOT_FINITE = gettext_noop("Feltet »%(label)s« skal være et endeligt tal (fik %(value)s)")
MSG_TOO_BIG = gettext_noop("Feltet »%(label)s« må højst være %(max)s (fik %(value)s)")
MSG_MIN_OVER_LIKELY = gettext_noop(
    "Mindste tid (%(minutes_min)s min) må ikke være større end den mest sandsynlige tid "
    "(%(minutes_likely)s min)"
)
MSG_LIKELY_OVER_MAX = gettext_noop(
    "Den mest sandsynlige tid (%(minutes_likely)s min) må ikke være større end største tid "
    "(%(minutes_max)s min)"
)
MSG_BAD_CHARACTERS = gettext_noop("Feltet »%(label)s« indeholder tegn, som ikke kan gemmes i XML")
MSG_PROBABILITY = gettext_noop("Sandsynligheden skal ligge mellem 0 og 1 (fik %(value)s)")
MSG_MISSING_ATTRIBUTE = gettext_noop("Målingen på %(element_id)s mangler attributten %(attribute)s")
MSG_BAD_NUMBER = gettext_noop(
    "Målingen på %(element_id)s har en ugyldig værdi i %(attribute)s: »%(value)s«"
)
MSG_BAD_MEASUREMENT = gettext_noop("Målingen på %(element_id)s er ugyldig: %(detail)s")

FIELD_LABELS = {
    "minutes_min": gettext_noop("mindste tid (minutter)"),
    "minutes_likely": gettext_noop("mest sandsynlige tid (minutter)"),
    "minutes_max": gettext_noop("største tid (minutter)"),
    "executions_per_case": gettext_noop("udførelser pr. sag"),
    "waiting_minutes": gettext_noop("ventetid (minutter)"),
    "it_system": gettext_noop("it-system"),
    "automation_note": gettext_noop("note om automatisering"),
}


class BpmnError(UserError):
    """A BPMN file or measurement we refuse; ``params["field"]`` names the offending field."""


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

# Characters that XML 1.0 cannot carry, even escaped; lxml would raise on them.
_NON_XML_CHARS = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# xsd:double without INF/NaN; Python's float() also takes "1_000" and "nan", which we refuse.
_XSD_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def _bpmn(local: str) -> str:
    return f"{{{BPMN_NS}}}{local}"


def _pb(local: str) -> str:
    return f"{{{PB_NS}}}{local}"


def format_number(value: float) -> str:
    """A number as Danish users write it (decimal comma), for messages; ``value`` in any unit."""
    return f"{value:.10g}".replace(".", ",")


@dataclass(frozen=True)
class TaskMeasurements:
    """What a municipality measured about one task; all times in minutes.

    ``minutes_min``/``minutes_likely``/``minutes_max`` are the three-point estimate of the
    handling time of one execution; ``executions_per_case`` how many times the task is done each
    time the flow reaches it; ``waiting_minutes`` the calendar time the case waits before it.
    """

    minutes_min: float
    minutes_likely: float
    minutes_max: float
    executions_per_case: float = 1.0
    waiting_minutes: float | None = None
    it_system: str = ""
    automation_note: str = ""

    def __post_init__(self) -> None:
        for name in ("minutes_min", "minutes_likely", "minutes_max", "executions_per_case"):
            _check_non_negative(name, getattr(self, name))
        if self.waiting_minutes is not None:
            _check_non_negative("waiting_minutes", self.waiting_minutes)
        if self.minutes_min > self.minutes_likely:
            raise BpmnError(
                MSG_MIN_OVER_LIKELY,
                field="minutes_min",
                minutes_min=format_number(self.minutes_min),
                minutes_likely=format_number(self.minutes_likely),
            )
        if self.minutes_likely > self.minutes_max:
            raise BpmnError(
                MSG_LIKELY_OVER_MAX,
                field="minutes_max",
                minutes_likely=format_number(self.minutes_likely),
                minutes_max=format_number(self.minutes_max),
            )
        for name in ("it_system", "automation_note"):
            if _NON_XML_CHARS.search(getattr(self, name)):
                raise BpmnError(MSG_BAD_CHARACTERS, field=name, label=FIELD_LABELS[name])


# A million minutes is almost two years of one execution, a thousand executions of one task
# per case more than any process has; above these a typing slip (1e300) overflowed the cost
# in DKK, a Decimal of 28 digits, and the modeler answered with a server error.
MEASUREMENT_MAX = {
    "minutes_min": 1_000_000.0,
    "minutes_likely": 1_000_000.0,
    "minutes_max": 1_000_000.0,
    "waiting_minutes": 1_000_000.0,
    "executions_per_case": 1_000.0,
}


def _check_non_negative(name: str, value: float) -> None:
    if not math.isfinite(value):
        raise BpmnError(
            MSG_NOT_FINITE, field=name, label=FIELD_LABELS[name], value=format_number(value)
        )
    if value < 0:
        raise BpmnError(
            MSG_NEGATIVE, field=name, label=FIELD_LABELS[name], value=format_number(value)
        )
    if value > MEASUREMENT_MAX[name]:
        raise BpmnError(
            MSG_TOO_BIG,
            field=name,
            label=FIELD_LABELS[name],
            max=f"{MEASUREMENT_MAX[name]:,.0f}".replace(",", "."),
            value=format_number(value),
        )


def validate_probability(probability: float) -> float:
    """Return ``probability`` (a fraction, 0 to 1) or raise :class:`BpmnError` naming the field."""
    if not math.isfinite(probability) or not 0.0 <= probability <= 1.0:
        raise BpmnError(MSG_PROBABILITY, field="probability", value=format_number(probability))
    return probability


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

    @property
    def tasks(self) -> tuple[FlowNode, ...]:
        """Every task of every process and sub-process, in document order."""
        return tuple(n for n in self.nodes.values() if n.category is NodeCategory.TASK)

    def children(self, parent_id: str) -> tuple[FlowNode, ...]:
        """The nodes directly inside the process or sub-process ``parent_id``."""
        return tuple(n for n in self.nodes.values() if n.parent_id == parent_id)


def parse_bpmn(data: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES) -> BpmnDocument:
    """Parse an uploaded BPMN 2.0 file (``max_bytes`` in bytes), refusing anything unsafe.

    Refused with a :class:`BpmnError`: an empty or too large file, a DOCTYPE (and with it every
    entity trick: billion laughs, external entities), XML that does not parse, and XML whose root
    is not ``definitions`` in the BPMN 2.0 model namespace.
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
    return _read_document(tree)


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
    attributes = None if measurements is None else _measurement_attributes(measurements)
    _write_pb_element(doc.elements[task_id], "measurements", attributes)
    doc.nodes[task_id] = replace(node, measurements=measurements)


def set_branch_probability(doc: BpmnDocument, flow_id: str, probability: float | None) -> None:
    """Write (or with ``None`` remove) ``pb:branch``: a fraction 0 to 1.

    ``flow_id`` names a sequence flow (the chance it is taken when its source is left), a
    boundary event or an event sub-process (the chance it fires each time its host runs).
    """
    if probability is not None:
        validate_probability(probability)
    attributes = None if probability is None else {"probability": _format_xml_number(probability)}
    if flow_id in doc.flows:
        _write_pb_element(doc.elements[flow_id], "branch", attributes)
        doc.flows[flow_id] = replace(doc.flows[flow_id], probability=probability)
        return
    node = doc.nodes.get(flow_id)
    if node is None:
        raise BpmnError(MSG_UNKNOWN_FLOW, flow_id=flow_id)
    if not (node.kind == "boundaryEvent" or node.triggered_by_event):
        raise BpmnError(MSG_NO_PROBABILITY_HERE, flow_id=flow_id)
    _write_pb_element(doc.elements[flow_id], "branch", attributes)
    doc.nodes[flow_id] = replace(node, probability=probability)


def _measurement_attributes(m: TaskMeasurements) -> dict[str, str]:
    attributes = {
        "minutesMin": _format_xml_number(m.minutes_min),
        "minutesLikely": _format_xml_number(m.minutes_likely),
        "minutesMax": _format_xml_number(m.minutes_max),
        "executionsPerCase": _format_xml_number(m.executions_per_case),
    }
    if m.waiting_minutes is not None:
        attributes["waitingMinutes"] = _format_xml_number(m.waiting_minutes)
    if m.it_system:
        attributes["itSystem"] = m.it_system
    if m.automation_note:
        attributes["automationNote"] = m.automation_note
    return attributes


def _format_xml_number(value: float) -> str:
    # repr() is the shortest text that reads back to the same float; "10.0" becomes "10".
    text = repr(float(value))
    return text[:-2] if text.endswith(".0") else text


def _write_pb_element(owner: Element, local: str, attributes: dict[str, str] | None) -> None:
    extension = owner.find(_bpmn("extensionElements"))
    existing = None if extension is None else extension.find(_pb(local))
    if attributes is None:
        if existing is not None:
            extension.remove(existing)
        return
    # Declared on our element itself: adding a namespace to the root would mean rebuilding it.
    element = etree.Element(_pb(local), nsmap={PB_PREFIX: PB_NS})
    for name, value in attributes.items():
        element.set(name, value)
    if existing is not None:
        element.tail = existing.tail
        extension.replace(existing, element)
        return
    if extension is None:
        extension = _insert_extension_elements(owner)
    extension.append(element)


def _insert_extension_elements(owner: Element) -> Element:
    # The schema puts extensionElements right after the documentation elements of tBaseElement.
    position = 0
    for index, child in enumerate(owner):
        if child.tag == _bpmn("documentation"):
            position = index + 1
        elif isinstance(child.tag, str):
            break
    extension = etree.Element(_bpmn("extensionElements"), nsmap=None)
    # Reuse the indentation already there so the exported file stays readable.
    extension.tail = owner.text if position == 0 else owner[position - 1].tail
    owner.insert(position, extension)
    return extension


def _read_document(tree: Element) -> BpmnDocument:
    root = tree.getroot()
    participants = tuple(
        Participant(_attr(el, "id"), _attr(el, "name"), _attr(el, "processRef"))
        for el in root.iter(_bpmn("participant"))
    )
    reader = _ModelReader()
    processes = []
    for process in root.iterchildren(_bpmn("process")):
        process_id = _attr(process, "id")
        pool = next((p for p in participants if p.process_id == process_id and process_id), None)
        processes.append(
            Process(
                id=process_id,
                name=_attr(process, "name"),
                participant_id=pool.id if pool else "",
                participant_name=pool.name if pool else "",
                lanes=tuple(_read_lanes(process)),
            )
        )
        reader.read_container(process, process_id, process_id)
        reader.assign_lanes(process)
    return BpmnDocument(
        tree=tree,
        processes=tuple(processes),
        participants=participants,
        nodes=reader.nodes,
        flows=reader.flows,
        associations=tuple(reader.associations),
        diagram_count=len(list(root.iterchildren(f"{{{BPMNDI_NS}}}BPMNDiagram"))),
        elements=reader.elements,
    )


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

    def __init__(self) -> None:
        self.nodes: dict[str, FlowNode] = {}
        self.flows: dict[str, SequenceFlow] = {}
        self.associations: list[Association] = []
        self.elements: dict[str, Element] = {}

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
                if NODE_CATEGORIES[local] is NodeCategory.SUBPROCESS:
                    self.read_container(child, process_id, element_id)

    def _remember(self, element_id: str, element: Element) -> None:
        # Measurements are stored by id, so two elements sharing one would corrupt them.
        if element_id in self.elements:
            raise BpmnError(MSG_DUPLICATE_ID, element_id=element_id)
        self.elements[element_id] = element

    def assign_lanes(self, process: Element) -> None:
        """Give each node of ``process`` its innermost lane, or its sub-process's lane."""
        depth_and_name: dict[str, tuple[int, str]] = {}
        for lane in process.iter(_bpmn("lane")):
            depth = sum(1 for a in lane.iterancestors(_bpmn("lane")))
            for ref in lane.iterchildren(_bpmn("flowNodeRef")):
                node_id = (ref.text or "").strip()
                if depth >= depth_and_name.get(node_id, (-1, ""))[0]:
                    # Trimmed: the lane name is the role that hourly rates are looked up by.
                    depth_and_name[node_id] = (depth, _attr(lane, "name").strip())
        process_id = _attr(process, "id")
        # Nodes are in document order, so a sub-process comes before its children.
        for node_id, node in self.nodes.items():
            if node.process_id != process_id:
                continue
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
        probability=_read_probability(element),
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
        measurements=_read_measurements(element) if category is NodeCategory.TASK else None,
        probability=_read_probability(element),
        attached_to=_attr(element, "attachedToRef"),
        cancel_activity=element.get("cancelActivity", "true").strip() != "false",
        event_definitions=tuple(definitions),
        link_name="" if link is None else _attr(link, "name"),
        triggered_by_event=element.get("triggeredByEvent", "false").strip() == "true",
        is_for_compensation=element.get("isForCompensation", "false").strip() == "true",
        called_element=_attr(element, "calledElement"),
    )


def _find_pb(owner: Element, local: str) -> Element:
    extension = owner.find(_bpmn("extensionElements"))
    return None if extension is None else extension.find(_pb(local))


def _read_probability(owner: Element) -> float | None:
    branch = _find_pb(owner, "branch")
    if branch is None:
        return None
    return validate_probability(_read_number(branch, "probability", _attr(owner, "id")))


def _read_measurements(owner: Element) -> TaskMeasurements | None:
    element = _find_pb(owner, "measurements")
    if element is None:
        return None
    owner_id = _attr(owner, "id")
    waiting = element.get("waitingMinutes")
    try:
        return _measurements_from(element, owner_id, waiting)
    except BpmnError as error:
        if error.message in (MSG_MISSING_ATTRIBUTE, MSG_BAD_NUMBER):
            raise
        # A file edited by hand can hold min > max; say which task, not just which field.
        raise BpmnError(MSG_BAD_MEASUREMENT, element_id=owner_id, detail=str(error)) from None


def _measurements_from(element: Element, owner_id: str, waiting: str | None) -> TaskMeasurements:
    return TaskMeasurements(
        minutes_min=_read_number(element, "minutesMin", owner_id),
        minutes_likely=_read_number(element, "minutesLikely", owner_id),
        minutes_max=_read_number(element, "minutesMax", owner_id),
        executions_per_case=(
            _read_number(element, "executionsPerCase", owner_id)
            if element.get("executionsPerCase") is not None
            else 1.0
        ),
        waiting_minutes=None
        if waiting is None
        else _read_number(element, "waitingMinutes", owner_id),
        it_system=_attr(element, "itSystem"),
        automation_note=_attr(element, "automationNote"),
    )


def _read_number(element: Element, attribute: str, owner_id: str) -> float:
    text = element.get(attribute)
    if text is None:
        raise BpmnError(MSG_MISSING_ATTRIBUTE, element_id=owner_id, attribute=attribute)
    if not _XSD_NUMBER.fullmatch(text.strip()):
        raise BpmnError(MSG_BAD_NUMBER, element_id=owner_id, attribute=attribute, value=text)
    return float(text)
