"""Demo processes: ten municipal processes as a process consultant maps them, as BPMN 2.0.

Each :class:`ProcessSpec` describes one process the way a consultant in a North Zealand
municipality would register it: name, description and purpose in Danish, KLE number and
handlingsfacet, legal basis, the roles (lanes) and the tasks with three-point handling times in
minutes, the IT system of each task, the exclusive gateways with branch probabilities and the
yearly number of cases per 10,000 inhabitants. Most specs also say how the process looks after
digitalisation (:class:`ToBeSpec`): tasks that a system takes over, tasks that go, and gateways
whose odds improve.

:func:`build_bpmn` writes a spec as a BPMN 2.0 file with a complete diagram (a pool, its lanes,
every node and every flow laid out left to right, so bpmn-js shows it without overlaps) and our
``pb:measurements`` / ``pb:branch`` extensions, written through
:mod:`procesbank.processes.engine.bpmn`.
:func:`municipality_variant` makes the same process differ from municipality to municipality,
deterministically, so that the demo's cross-municipal comparison has something to compare.

The KLE topic numbers were set from working knowledge of KLE; the form and main group are
checked here, but check each number against kle-online.dk before the demo is shown as reference
material.
"""

from __future__ import annotations

import hashlib
import itertools
import math
import re
from collections import defaultdict
from dataclasses import dataclass, replace
from enum import StrEnum

from lxml import etree

from procesbank.core.errors import UserError, gettext_noop
from procesbank.processes.engine import diagram
from procesbank.processes.engine.bpmn import (
    BPMN_NS,
    BPMNDI_NS,
    TaskMeasurements,
    parse_bpmn,
    serialize_bpmn,
    set_branch_probability,
    set_task_measurements,
)
from procesbank.processes.engine.kle import validate_handlingsfacet, validate_kle_code

TARGET_NAMESPACE = "https://procesbank.dk/demo"

DAY = 24 * 60  # minutes in a calendar day, for waiting times
MAX_TIME_VARIATION = 0.20  # how far a municipality's task times may lie from the spec's

MSG_NO_TO_BE = gettext_noop("Processen »%(process)s« har ingen skal-være-model")
MSG_POPULATION = gettext_noop("Indbyggertallet skal være et positivt helt tal (fik %(value)s)")
MSG_MUNICIPALITY = gettext_noop("Kommunen skal angives med sit korte navn (slug)")

# Diagram geometry in pixels, as bpmn-js draws by default.

_KEY = re.compile(r"[a-z][a-z0-9]*(_[a-z0-9]+)*")  # no "__": flow ids join two keys with it
_SLUG = re.compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)*")


class Variant(StrEnum):
    """Which map of a process; the values are those of ``VersionKind``."""

    AS_IS = "as_is"
    TO_BE = "to_be"


class TaskKind(StrEnum):
    """The BPMN task types the demo uses: done by a person in a system, by a system, by hand."""

    USER = "userTask"
    SERVICE = "serviceTask"
    MANUAL = "manualTask"


@dataclass(frozen=True)
class LaneSpec:
    """A lane: a role, whose name is what hourly rates are looked up by."""

    key: str
    name: str


@dataclass(frozen=True)
class EventSpec:
    """A start or end event."""

    key: str
    name: str
    lane: str


@dataclass(frozen=True)
class GatewaySpec:
    """An exclusive gateway; its name is the question it asks."""

    key: str
    name: str
    lane: str


@dataclass(frozen=True)
class TaskSpec:
    """A task; ``minutes`` is the three-point estimate (min, likely, max) of one execution.

    ``waiting_minutes`` is the calendar time in minutes the case waits before the task (e.g. for
    the citizen's answer); ``executions_per_case`` how often the task is done per visit.
    """

    key: str
    name: str
    lane: str
    minutes: tuple[float, float, float]
    it_system: str = ""
    kind: TaskKind = TaskKind.USER
    executions_per_case: float = 1.0
    waiting_minutes: float | None = None
    automation_note: str = ""

    def measurements(self) -> TaskMeasurements:
        """The task's figures as the ``pb:measurements`` of the BPMN file (minutes)."""
        minutes_min, minutes_likely, minutes_max = self.minutes
        return TaskMeasurements(
            minutes_min=minutes_min,
            minutes_likely=minutes_likely,
            minutes_max=minutes_max,
            executions_per_case=self.executions_per_case,
            waiting_minutes=self.waiting_minutes,
            it_system=self.it_system,
            automation_note=self.automation_note,
        )


@dataclass(frozen=True)
class FlowSpec:
    """A sequence flow; out of a gateway it has a name (the answer) and a probability (0-1)."""

    source: str
    target: str
    name: str = ""
    probability: float | None = None


@dataclass(frozen=True)
class Automation:
    """A task a system takes over in the to-be: it becomes a service task with ``minutes``."""

    task: str
    note: str
    minutes: tuple[float, float, float] = (0.0, 0.5, 2.0)


@dataclass(frozen=True)
class ToBeSpec:
    """How the to-be differs from the as-is.

    ``removed`` tasks must have a single outgoing flow; their incoming flows are led to its
    target. ``probabilities`` are new (gateway, target, probability) odds.
    """

    description: str
    automations: tuple[Automation, ...] = ()
    removed: tuple[str, ...] = ()
    probabilities: tuple[tuple[str, str, float], ...] = ()


@dataclass(frozen=True)
class ProcessSpec:
    """A demo process; ``volume_per_10000`` is cases per year per 10,000 inhabitants.

    ``municipality`` (a slug) and ``population`` are set by :func:`municipality_variant`; the
    spec as written describes a municipality of 10,000 inhabitants.
    """

    slug: str
    name: str
    description: str
    purpose: str
    # A number of the demo's KLE plan (demo/data/kle-emneplan-demo.xml): a topic where the plan
    # has it, else the main group (the verified numbers of engine/kle_groups.py).
    kle_code: str
    handlingsfacet: str
    legal_basis: tuple[str, ...]
    lanes: tuple[LaneSpec, ...]
    start: EventSpec
    tasks: tuple[TaskSpec, ...]
    gateways: tuple[GatewaySpec, ...]
    ends: tuple[EventSpec, ...]
    flows: tuple[FlowSpec, ...]
    volume_per_10000: float
    to_be: ToBeSpec | None = None
    municipality: str = ""
    population: int = 10_000

    @property
    def yearly_volume(self) -> int:
        """Cases per year in a municipality of ``population`` inhabitants (rounded half up)."""
        return math.floor(self.volume_per_10000 * self.population / 10_000 + 0.5)

    @property
    def nodes(self) -> tuple[EventSpec | TaskSpec | GatewaySpec, ...]:
        """Start, tasks, gateways and ends, in that order."""
        return (self.start, *self.tasks, *self.gateways, *self.ends)

    @property
    def it_systems(self) -> tuple[str, ...]:
        """The IT systems the tasks use, in the order they first appear."""
        return tuple(dict.fromkeys(t.it_system for t in self.tasks if t.it_system))

    def task(self, key: str) -> TaskSpec:
        """The task with this key."""
        return next(task for task in self.tasks if task.key == key)


def _chain(*keys: str) -> tuple[FlowSpec, ...]:
    return tuple(FlowSpec(source, target) for source, target in itertools.pairwise(keys))


# --- variants -----------------------------------------------------------------------------------


def apply_variant(spec: ProcessSpec, variant: Variant) -> ProcessSpec:
    """The spec of the as-is (``spec`` itself) or of the to-be, with its changes applied."""
    if variant is Variant.AS_IS:
        return spec
    to_be = spec.to_be
    if to_be is None:
        raise UserError(MSG_NO_TO_BE, process=spec.name)
    automations = {automation.task: automation for automation in to_be.automations}
    task_keys = {task.key for task in spec.tasks}
    pairs = {(flow.source, flow.target) for flow in spec.flows}
    unknown = (set(automations) | set(to_be.removed)) - task_keys
    unknown |= {f"{s}->{t}" for s, t, _ in to_be.probabilities if (s, t) not in pairs}
    if unknown:
        raise ValueError(f"{spec.slug}: the to-be names unknown tasks or flows {sorted(unknown)}")
    tasks = []
    for task in spec.tasks:
        if task.key in to_be.removed:
            continue
        automation = automations.get(task.key)
        if automation is not None:
            task = replace(
                task,
                kind=TaskKind.SERVICE,
                minutes=automation.minutes,
                automation_note=automation.note,
            )
        tasks.append(task)
    flows = list(spec.flows)
    for removed in to_be.removed:
        leaving = [flow for flow in flows if flow.source == removed]
        if len(leaving) != 1:
            raise ValueError(f"{spec.slug}: a removed task needs one outgoing flow: {removed}")
        outgoing = leaving[0]
        flows = [
            replace(flow, target=outgoing.target) if flow.target == removed else flow
            for flow in flows
            if flow is not outgoing
        ]
    odds = {(source, target): p for source, target, p in to_be.probabilities}
    flows = [
        replace(flow, probability=odds.get((flow.source, flow.target), flow.probability))
        for flow in flows
    ]
    return replace(
        spec,
        description=to_be.description,
        tasks=tuple(tasks),
        flows=tuple(flows),
        to_be=None,
    )


def municipality_variant(spec: ProcessSpec, slug: str, population: int) -> ProcessSpec:
    """The process as municipality ``slug`` with ``population`` inhabitants runs it.

    The yearly volume follows the population; each task's times (and the to-be's remaining
    times) are scaled by a factor between 0.8 and 1.2 that depends only on the municipality,
    the process and the task, so the same call gives the same spec in every run, and adding a
    task leaves the other tasks' factors alone. Times are rounded to 0.1 minute.
    """
    if not slug.strip():
        raise UserError(MSG_MUNICIPALITY)
    if isinstance(population, bool) or not isinstance(population, int) or population <= 0:
        raise UserError(MSG_POPULATION, value=population)

    def scaled(key: str, minutes: tuple[float, float, float]) -> tuple[float, float, float]:
        factor = _variation(slug, spec.slug, key)
        # One factor for all three keeps min <= likely <= max, also after rounding.
        low, likely, high = (round(m * factor, 1) for m in minutes)
        return (low, likely, high)

    tasks = tuple(replace(t, minutes=scaled(t.key, t.minutes)) for t in spec.tasks)
    to_be = spec.to_be
    if to_be is not None:
        to_be = replace(
            to_be,
            automations=tuple(
                replace(a, minutes=scaled(a.task, a.minutes)) for a in to_be.automations
            ),
        )
    return replace(spec, tasks=tasks, to_be=to_be, municipality=slug, population=population)


def _variation(municipality: str, process: str, task: str) -> float:
    # sha256, not hash(): Python salts str hashes per run, and the demo must not change.
    digest = hashlib.sha256(f"{municipality}/{process}/{task}".encode()).digest()
    fraction = int.from_bytes(digest[:8], "big") / 2**64
    return 1 - MAX_TIME_VARIATION + 2 * MAX_TIME_VARIATION * fraction


# --- checking a spec ----------------------------------------------------------------------------


def check_spec(spec: ProcessSpec) -> None:
    """Raise ``ValueError`` when a spec cannot make a sound map (a bug in the spec, not input).

    Keys are unique lower-case identifiers; lanes and flow ends exist; the start has one
    outgoing and no incoming flow, tasks one outgoing, ends none; a gateway has two or more
    outgoing flows whose probabilities add up to 1; every node lies on a path from the start to
    an end. The KLE number and handlingsfacet must pass :mod:`procesbank.processes.engine.kle`.
    """
    validate_kle_code(spec.kle_code)
    validate_handlingsfacet(spec.handlingsfacet)
    if not _SLUG.fullmatch(spec.slug):
        raise ValueError(f"{spec.slug!r}: slug must be lower-case words joined by '-'")
    lanes = {lane.key for lane in spec.lanes}
    kinds = _node_kinds(spec)
    keys = [node.key for node in spec.nodes]
    for key in [*keys, *lanes]:
        if not _KEY.fullmatch(key):
            raise ValueError(f"{spec.slug}: {key!r} is not a valid key")
    if len(set(keys)) != len(keys) or len(lanes) != len(spec.lanes):
        raise ValueError(f"{spec.slug}: keys must be unique")
    for node in spec.nodes:
        if node.lane not in lanes:
            raise ValueError(f"{spec.slug}: {node.key} is in unknown lane {node.lane!r}")
    outgoing: dict[str, list[FlowSpec]] = defaultdict(list)
    incoming: dict[str, list[FlowSpec]] = defaultdict(list)
    for flow in spec.flows:
        if flow.source not in kinds or flow.target not in kinds:
            raise ValueError(f"{spec.slug}: flow {flow.source}->{flow.target} has an unknown end")
        outgoing[flow.source].append(flow)
        incoming[flow.target].append(flow)
    if len({(f.source, f.target) for f in spec.flows}) != len(spec.flows):
        raise ValueError(f"{spec.slug}: two flows join the same two nodes")
    for key, kind in kinds.items():
        _check_node_flows(spec.slug, key, kind, outgoing[key], incoming[key])
    reachable = _reachable(spec.start.key, {k: [f.target for f in v] for k, v in outgoing.items()})
    ends = {end.key for end in spec.ends}
    backwards = {k: [f.source for f in v] for k, v in incoming.items()}
    reaches_end = set().union(*(_reachable(end, backwards) for end in ends))
    if set(kinds) - reachable or set(kinds) - reaches_end:
        stray = sorted((set(kinds) - reachable) | (set(kinds) - reaches_end))
        raise ValueError(f"{spec.slug}: {stray} not on a path from the start to an end")


def _node_kinds(spec: ProcessSpec) -> dict[str, str]:
    kinds = {spec.start.key: "startEvent"}
    kinds.update({task.key: str(task.kind) for task in spec.tasks})
    kinds.update({gateway.key: "exclusiveGateway" for gateway in spec.gateways})
    kinds.update({end.key: "endEvent" for end in spec.ends})
    return kinds


def _check_node_flows(
    slug: str, key: str, kind: str, outgoing: list[FlowSpec], incoming: list[FlowSpec]
) -> None:
    if kind == "exclusiveGateway":
        probabilities = [flow.probability for flow in outgoing]
        if len(outgoing) < 2 or None in probabilities:
            raise ValueError(f"{slug}: gateway {key} needs 2+ outgoing flows with probabilities")
        if not math.isclose(sum(p for p in probabilities if p is not None), 1.0):
            raise ValueError(f"{slug}: the probabilities out of {key} do not add up to 1")
        return
    if any(flow.probability is not None for flow in outgoing):
        raise ValueError(f"{slug}: only flows out of a gateway have a probability")
    expected = 0 if kind == "endEvent" else 1
    if len(outgoing) != expected or (kind == "startEvent" and incoming):
        raise ValueError(f"{slug}: {key} has {len(outgoing)} outgoing flows, not {expected}")


def _reachable(start: str, successors: dict[str, list[str]]) -> set[str]:
    seen = {start}
    stack = [start]
    while stack:
        for successor in successors.get(stack.pop(), []):
            if successor not in seen:
                seen.add(successor)
                stack.append(successor)
    return seen


# --- layout ---------------------------------------------------------------------------------------


def _layout(spec: ProcessSpec) -> diagram.Layout:
    """The spec laid out left to right by :func:`diagram.layout`, a band per role (lane)."""
    ids = _element_ids(spec)
    kinds = _node_kinds(spec)
    nodes = [
        diagram.Node(ids[node.key], kinds[node.key], node.name, f"Lane_{node.lane}")
        for node in spec.nodes
    ]
    flows = [diagram.Flow(_flow_id(f), ids[f.source], ids[f.target]) for f in spec.flows]
    lanes = [f"Lane_{lane.key}" for lane in spec.lanes]
    return diagram.layout(nodes, flows, lanes)


# --- BPMN ---------------------------------------------------------------------------------------


def build_bpmn(spec: ProcessSpec, *, variant: Variant = Variant.AS_IS) -> bytes:
    """The spec's as-is or to-be as a BPMN 2.0 file (UTF-8 bytes), diagram and measurements
    included. The same spec gives the same bytes: ids come from the keys, nothing from time."""
    spec = apply_variant(spec, variant)
    check_spec(spec)
    layout = _layout(spec)
    doc = parse_bpmn(_bpmn_xml(spec, layout))
    for task in spec.tasks:
        set_task_measurements(doc, f"Task_{task.key}", task.measurements())
    for flow in spec.flows:
        if flow.probability is not None:
            set_branch_probability(doc, _flow_id(flow), flow.probability)
    return serialize_bpmn(doc)


def _flow_id(flow: FlowSpec) -> str:
    return f"Flow_{flow.source}__{flow.target}"


def _element_ids(spec: ProcessSpec) -> dict[str, str]:
    ids = {spec.start.key: f"StartEvent_{spec.start.key}"}
    ids.update({task.key: f"Task_{task.key}" for task in spec.tasks})
    ids.update({gateway.key: f"Gateway_{gateway.key}" for gateway in spec.gateways})
    ids.update({end.key: f"EndEvent_{end.key}" for end in spec.ends})
    return ids


def _bpmn(local: str) -> str:
    return f"{{{BPMN_NS}}}{local}"


def _sub(parent: etree._Element, namespace: str, local: str, **attributes: str) -> etree._Element:
    return etree.SubElement(parent, f"{{{namespace}}}{local}", attributes)


def _bpmn_xml(spec: ProcessSpec, layout: diagram.Layout) -> bytes:
    nsmap = {"bpmn": BPMN_NS, "bpmndi": BPMNDI_NS, "dc": diagram.DC_NS, "di": diagram.DI_NS}
    root = etree.Element(
        _bpmn("definitions"),
        {
            "id": f"Definitions_{spec.slug}",
            "targetNamespace": f"{TARGET_NAMESPACE}/{spec.slug}",
            "exporter": "Procesbank",
            "exporterVersion": "1.0",
        },
        nsmap=nsmap,
    )
    collaboration = _sub(root, BPMN_NS, "collaboration", id=f"Collaboration_{spec.slug}")
    participant_id = f"Participant_{spec.slug}"
    process_id = f"Process_{spec.slug}"
    _sub(
        collaboration,
        BPMN_NS,
        "participant",
        id=participant_id,
        name=spec.name,
        processRef=process_id,
    )
    process = _sub(root, BPMN_NS, "process", id=process_id, name=spec.name, isExecutable="false")
    _sub(process, BPMN_NS, "documentation").text = _documentation(spec)
    ids = _element_ids(spec)
    # Nodes in reading order (left to right, top to bottom), so the file reads like the map.
    order = sorted(ids, key=lambda k: (layout.boxes[ids[k]].cell_left, layout.boxes[ids[k]].y))
    lane_set = _sub(process, BPMN_NS, "laneSet", id=f"LaneSet_{spec.slug}")
    lane_of = {node.key: node.lane for node in spec.nodes}
    for lane in spec.lanes:
        if f"Lane_{lane.key}" in layout.lanes:
            element = _sub(lane_set, BPMN_NS, "lane", id=f"Lane_{lane.key}", name=lane.name)
            for key in order:
                if lane_of[key] == lane.key:
                    _sub(element, BPMN_NS, "flowNodeRef").text = ids[key]
    names = {node.key: node.name for node in spec.nodes}
    kinds = _node_kinds(spec)
    for key in order:
        node = _sub(process, BPMN_NS, kinds[key], id=ids[key], name=names[key])
        for flow in spec.flows:
            if flow.target == key:
                _sub(node, BPMN_NS, "incoming").text = _flow_id(flow)
        for flow in spec.flows:
            if flow.source == key:
                _sub(node, BPMN_NS, "outgoing").text = _flow_id(flow)
    for flow in spec.flows:
        attributes = {"id": _flow_id(flow), "sourceRef": ids[flow.source]}
        attributes["targetRef"] = ids[flow.target]
        if flow.name:
            attributes["name"] = flow.name
        _sub(process, BPMN_NS, "sequenceFlow", **attributes)
    plane = _sub(
        _sub(root, BPMNDI_NS, "BPMNDiagram", id=f"BPMNDiagram_{spec.slug}"),
        BPMNDI_NS,
        "BPMNPlane",
        id=f"BPMNPlane_{spec.slug}",
        bpmnElement=f"Collaboration_{spec.slug}",
    )
    diagram.write_layout(plane, layout, pool_id=participant_id)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))


def _documentation(spec: ProcessSpec) -> str:
    lines = [
        spec.description,
        "",
        f"Formål: {spec.purpose}",
        f"KLE: {spec.kle_code}"
        + (f", handlingsfacet {spec.handlingsfacet}" if spec.handlingsfacet else ""),
        "Lovgrundlag: " + "; ".join(spec.legal_basis),
        "It-systemer: " + ", ".join(spec.it_systems),
    ]
    return "\n".join(lines)


# --- the demo processes -------------------------------------------------------------------------

_KY = "KY (Kommunernes Ydelsessystem)"
_OPUS = "KMD Opus Økonomi"

# The specs are tables of data: kept at two lines a task they read as a consultant's sheet,
# which the formatter's one-argument-a-line style would spread over a thousand lines.
# fmt: off
ENKELTYDELSE = ProcessSpec(
    slug="enkeltydelse",
    name="Behandling af ansøgning om enkeltydelse",
    description=(
        "Borgeren søger om hjælp til en enkeltudgift, fx tandbehandling, briller eller et "
        "nødvendigt køleskab. Ydelsesteamet oplyser sagen, vurderer betingelserne i aktivloven, "
        "partshører ved påtænkt afslag og sender en begrundet afgørelse med klagevejledning."
    ),
    purpose=(
        "At borgere, der ikke selv kan betale en nødvendig og uforudset udgift, får en lovlig og "
        "hurtig afgørelse, så udgiften ikke forringer deres mulighed for at klare sig selv."
    ),
    kle_code="32.18.08",
    handlingsfacet="G01",
    legal_basis=(
        "Lov om aktiv socialpolitik § 81 (rimeligt begrundede enkeltudgifter)",
        "Lov om aktiv socialpolitik § 82 (sygebehandling, medicin, tandbehandling m.v.)",
        "Forvaltningsloven §§ 19, 22 og 24 (partshøring og begrundelse)",
    ),
    lanes=(LaneSpec("ydelse", "Ydelsessagsbehandler"), LaneSpec("leder", "Teamleder")),
    start=EventSpec("modtaget", "Ansøgning modtaget", "ydelse"),
    tasks=(
        TaskSpec("journaliser", "Registrér og journalisér ansøgningen", "ydelse",
                 (2, 4, 8), "SBSYS"),
        TaskSpec("vurder_oplysning", "Vurdér om sagen er tilstrækkeligt oplyst", "ydelse",
                 (5, 10, 20), _KY),
        TaskSpec("indhent", "Bed borgeren om manglende oplysninger", "ydelse",
                 (5, 10, 20), "Digital Post"),
        TaskSpec("registrer_svar", "Registrér de modtagne oplysninger", "ydelse",
                 (2, 3, 5), "SBSYS", waiting_minutes=7 * DAY),
        TaskSpec("vurder_betingelser", "Vurdér betingelserne (social begivenhed, økonomi)",
                 "ydelse", (15, 25, 50), _KY),
        TaskSpec("bevilg", "Bevilg og sæt udbetalingen i gang", "ydelse",
                 (5, 8, 15), _KY),
        TaskSpec("partshoer", "Partshør borgeren om påtænkt afslag", "ydelse",
                 (10, 15, 30), "Digital Post"),
        # The wait is the borger's time to answer the partshøring.
        TaskSpec("godkend_afslag", "Godkend afslaget", "leder",
                 (5, 10, 20), "SBSYS", waiting_minutes=8 * DAY),
        TaskSpec("send_afgoerelse", "Send afgørelse med begrundelse og klagevejledning", "ydelse",
                 (5, 8, 15), "Digital Post"),
    ),
    gateways=(
        GatewaySpec("gw_oplyst", "Sagen oplyst?", "ydelse"),
        GatewaySpec("gw_betingelser", "Betingelserne opfyldt?", "ydelse"),
    ),
    ends=(EventSpec("afgjort", "Afgørelse sendt", "ydelse"),),
    flows=(
        *_chain("modtaget", "journaliser", "vurder_oplysning", "gw_oplyst"),
        FlowSpec("gw_oplyst", "vurder_betingelser", "Ja", 0.7),
        FlowSpec("gw_oplyst", "indhent", "Nej", 0.3),
        *_chain("indhent", "registrer_svar", "vurder_oplysning"),
        FlowSpec("vurder_betingelser", "gw_betingelser"),
        FlowSpec("gw_betingelser", "bevilg", "Ja", 0.65),
        FlowSpec("gw_betingelser", "partshoer", "Nej", 0.35),
        *_chain("partshoer", "godkend_afslag", "send_afgoerelse", "afgjort"),
        FlowSpec("bevilg", "send_afgoerelse"),
    ),
    volume_per_10000=220,
    to_be=ToBeSpec(
        description=(
            "Borgeren søger i en selvbetjeningsløsning med obligatoriske felter og bilag, så "
            "færre sager mangler oplysninger; sagen journaliseres automatisk, og afgørelsen "
            "dannes i KY og sendes automatisk med Digital Post."
        ),
        automations=(
            Automation("journaliser", "Selvbetjeningen opretter og journaliserer sagen i SBSYS"),
            Automation("registrer_svar", "Svar fra borgeren journaliseres automatisk på sagen"),
            Automation("send_afgoerelse", "Afgørelsesbrevet flettes i KY og sendes automatisk",
                       minutes=(0, 1, 3)),
        ),
        probabilities=(("gw_oplyst", "vurder_betingelser", 0.85), ("gw_oplyst", "indhent", 0.15)),
    ),
)

BYGGETILLADELSE = ProcessSpec(
    slug="byggetilladelse-enfamiliehus",
    name="Ansøgning om byggetilladelse (enfamiliehus)",
    description=(
        "Ansøgningen om byggetilladelse til et nyt enfamiliehus kommer ind via Byg og Miljø. "
        "Byggesagsbehandleren kontrollerer, at den er fuldt oplyst, vurderer projektet i forhold "
        "til lokalplan og bygningsreglement, orienterer naboerne ved dispensation og meddeler "
        "tilladelsen; byggeriet registreres i BBR."
    ),
    purpose=(
        "At bygherren får en byggetilladelse inden for servicemålet, og at byggeriet lever op "
        "til lokalplanen og bygningsreglementet."
    ),
    kle_code="02.34.02",
    handlingsfacet="G01",
    legal_basis=(
        "Byggeloven § 16 (byggetilladelse)",
        "Bygningsreglement 2018 (BR18), kapitel 2 (byggesagsbehandling)",
        "Planloven § 18 (lokalplanens bindende virkning)",
        "Planloven §§ 19-20 (dispensation og naboorientering)",
    ),
    lanes=(LaneSpec("adm", "Administrativ medarbejder"), LaneSpec("byg", "Byggesagsbehandler")),
    start=EventSpec("modtaget", "Ansøgning modtaget i Byg og Miljø", "adm"),
    tasks=(
        TaskSpec("visiter", "Visitér ansøgningen og opret sag", "adm",
                 (5, 10, 20), "Acadre"),
        TaskSpec("kontroller", "Kontrollér om ansøgningen er fuldt oplyst", "byg",
                 (15, 30, 60), "Byg og Miljø"),
        TaskSpec("anmod", "Bed ansøger om supplerende materiale", "byg",
                 (10, 20, 40), "Byg og Miljø"),
        TaskSpec("modtag_materiale", "Journalisér det supplerende materiale", "adm",
                 (3, 5, 10), "Acadre", waiting_minutes=14 * DAY),
        TaskSpec("vurder", "Vurdér projektet efter lokalplan og bygningsreglement", "byg",
                 (60, 120, 240), "Byg og Miljø"),
        TaskSpec("naboorienter", "Orientér naboerne om ansøgningen", "byg",
                 (20, 40, 90), "Acadre"),
        TaskSpec("bemaerkninger", "Vurdér naboernes bemærkninger", "byg",
                 (15, 30, 60), "Acadre", waiting_minutes=14 * DAY),
        TaskSpec("tilladelse", "Udarbejd byggetilladelse med vilkår", "byg",
                 (30, 60, 120), "Byg og Miljø"),
        TaskSpec("bbr", "Registrér byggeriet i BBR", "adm",
                 (10, 15, 30), "BBR"),
    ),
    gateways=(
        GatewaySpec("gw_oplyst", "Fuldt oplyst?", "byg"),
        GatewaySpec("gw_dispensation", "Kræver projektet dispensation?", "byg"),
    ),
    ends=(EventSpec("meddelt", "Byggetilladelse meddelt", "adm"),),
    flows=(
        *_chain("modtaget", "visiter", "kontroller", "gw_oplyst"),
        FlowSpec("gw_oplyst", "vurder", "Ja", 0.55),
        FlowSpec("gw_oplyst", "anmod", "Nej", 0.45),
        *_chain("anmod", "modtag_materiale", "kontroller"),
        FlowSpec("vurder", "gw_dispensation"),
        FlowSpec("gw_dispensation", "naboorienter", "Ja", 0.25),
        FlowSpec("gw_dispensation", "tilladelse", "Nej", 0.75),
        *_chain("naboorienter", "bemaerkninger", "tilladelse", "bbr", "meddelt"),
    ),
    volume_per_10000=18,
    to_be=ToBeSpec(
        description=(
            "Sagen oprettes automatisk fra Byg og Miljø, en digital tjekliste og forhåndsdialog "
            "giver flere fuldt oplyste ansøgninger, og BBR opdateres automatisk."
        ),
        automations=(
            Automation("visiter", "Integration fra Byg og Miljø opretter sagen i Acadre"),
            Automation("modtag_materiale", "Materiale fra Byg og Miljø journaliseres automatisk"),
            Automation("bbr", "Robot opdaterer BBR ud fra oplysningerne i Byg og Miljø",
                       minutes=(0, 1, 5)),
        ),
        probabilities=(("gw_oplyst", "vurder", 0.7), ("gw_oplyst", "anmod", 0.3)),
    ),
)

ANSAETTELSE = ProcessSpec(
    slug="ansaettelse-ny-medarbejder",
    name="Ansættelse af ny medarbejder",
    description=(
        "Fra en stilling er godkendt til genbesættelse, til den nye medarbejder er oprettet i "
        "løn og har it-adgange på første arbejdsdag. Lederen skriver opslaget og holder "
        "samtaler, HR indhenter attester og udarbejder kontrakten, Løn opretter medarbejderen, "
        "og It bestiller adgange og udstyr."
    ),
    purpose="At nye medarbejdere ansættes lovligt og ensartet og kan gå i gang fra første dag.",
    kle_code="81",
    handlingsfacet="G01",
    legal_basis=(
        "Ansættelsesbevisloven (lov om ansættelsesbeviser og visse arbejdsvilkår)",
        "Forvaltningsloven §§ 3-6 (inhabilitet i ansættelsesudvalget)",
        "Bekendtgørelse om indhentelse af børneattest",
        "Databeskyttelsesforordningen art. 6 og 9 (ansøgeres oplysninger)",
    ),
    lanes=(
        LaneSpec("leder", "Leder"),
        LaneSpec("hr", "HR-konsulent"),
        LaneSpec("loen", "Lønkonsulent"),
        LaneSpec("it", "It-supporter"),
    ),
    start=EventSpec("godkendt", "Stilling godkendt til besættelse", "leder"),
    tasks=(
        TaskSpec("opslag", "Skriv stillingsopslaget", "leder",
                 (30, 60, 120), "Emply Hire"),
        TaskSpec("annoncer", "Annoncér stillingen", "hr",
                 (10, 20, 30), "Emply Hire"),
        # The wait is the application period.
        TaskSpec("samtaler", "Udvælg kandidater og gennemfør samtaler", "leder",
                 (300, 480, 900), "Emply Hire", waiting_minutes=21 * DAY),
        TaskSpec("attester", "Indhent referencer, straffe- og børneattest", "hr",
                 (15, 30, 60), "politi.dk (børneattest)", waiting_minutes=5 * DAY),
        TaskSpec("kontrakt", "Udarbejd og send ansættelseskontrakten", "hr",
                 (30, 45, 90), "Emply Hire"),
        TaskSpec("loen", "Opret medarbejderen i lønsystemet", "loen",
                 (15, 25, 45), "SD Løn"),
        TaskSpec("adgange", "Bestil it-adgange og udstyr", "it",
                 (20, 30, 60), "OS2rollekatalog"),
    ),
    gateways=(GatewaySpec("gw_attester", "Referencer og attester i orden?", "hr"),),
    ends=(EventSpec("klar", "Medarbejderen er klar til første arbejdsdag", "it"),),
    flows=(
        *_chain("godkendt", "opslag", "annoncer", "samtaler", "attester", "gw_attester"),
        FlowSpec("gw_attester", "kontrakt", "Ja", 0.95),
        FlowSpec("gw_attester", "samtaler", "Nej", 0.05),
        *_chain("kontrakt", "loen", "adgange", "klar"),
    ),
    volume_per_10000=110,
    to_be=ToBeSpec(
        description=(
            "Opslaget sendes automatisk til Jobnet og hjemmesiden, kontrakten fører automatisk "
            "til oprettelse i lønsystemet, og adgange tildeles automatisk ud fra stillingen."
        ),
        automations=(
            Automation("annoncer", "Emply Hire annoncerer på Jobnet og hjemmesiden"),
            Automation("loen", "Integration fra Emply Hire opretter medarbejderen i SD Løn"),
            Automation("adgange", "OS2rollekatalog tildeler adgange ud fra stilling og enhed"),
        ),
    ),
)

BEBOERINDSKUDSLAAN = ProcessSpec(
    slug="beboerindskudslaan",
    name="Ansøgning om beboerindskudslån",
    description=(
        "Borgere med lav indkomst kan låne indskuddet til en almen bolig af kommunen. "
        "Borgerservice kontrollerer lejekontrakten og husstandsindkomsten og udarbejder "
        "lånedokumentet; Økonomi udbetaler indskuddet til boligorganisationen og registrerer "
        "lånet til senere afdrag."
    ),
    purpose=(
        "At borgere med lav indkomst kan flytte i en passende bolig, og at lånet registreres "
        "rigtigt til tilbagebetaling."
    ),
    kle_code="03",
    handlingsfacet="G01",
    legal_basis=(
        "Lov om individuel boligstøtte § 54 ff. (lån til beboerindskud)",
        "Forvaltningsloven § 22 (begrundelse ved afslag)",
    ),
    lanes=(LaneSpec("bs", "Borgerservicemedarbejder"), LaneSpec("okonomi", "Økonomimedarbejder")),
    start=EventSpec("modtaget", "Ansøgning modtaget", "bs"),
    tasks=(
        TaskSpec("kontroller", "Kontrollér lejekontrakt og indskudsbeløb", "bs",
                 (5, 10, 20), "SBSYS"),
        TaskSpec("indkomst", "Beregn husstandsindkomsten", "bs",
                 (10, 15, 30), "eIndkomst"),
        TaskSpec("laanedokument", "Udarbejd lånedokument til digital underskrift", "bs",
                 (10, 15, 25), "KMD Opus Debitor"),
        # The wait is the time the borger takes to sign.
        TaskSpec("udbetal", "Udbetal indskuddet til boligorganisationen", "okonomi",
                 (5, 10, 15), _OPUS, waiting_minutes=5 * DAY),
        TaskSpec("registrer", "Registrér lånet til afdrag", "okonomi",
                 (5, 8, 15), "KMD Opus Debitor"),
        TaskSpec("afslag", "Send afslag med begrundelse og klagevejledning", "bs",
                 (10, 15, 25), "Digital Post"),
    ),
    gateways=(GatewaySpec("gw_indkomst", "Indkomst under grænsen?", "bs"),),
    ends=(
        EventSpec("udbetalt", "Lånet er udbetalt", "okonomi"),
        EventSpec("afvist", "Afslag sendt", "bs"),
    ),
    flows=(
        *_chain("modtaget", "kontroller", "indkomst", "gw_indkomst"),
        FlowSpec("gw_indkomst", "laanedokument", "Ja", 0.8),
        FlowSpec("gw_indkomst", "afslag", "Nej", 0.2),
        *_chain("laanedokument", "udbetal", "registrer", "udbetalt"),
        FlowSpec("afslag", "afvist"),
    ),
    volume_per_10000=40,
    to_be=ToBeSpec(
        description=(
            "Husstandsindkomsten hentes og beregnes automatisk, og lånet oprettes automatisk i "
            "debitorsystemet ved udbetalingen."
        ),
        automations=(
            Automation("indkomst", "Robot henter indkomsten i eIndkomst og beregner grænsen"),
            Automation("registrer", "Lånet oprettes automatisk i Opus Debitor ved udbetaling"),
        ),
    ),
)

FLYTNING = ProcessSpec(
    slug="anmeldelse-af-flytning",
    name="Anmeldelse af flytning (Borgerservice)",
    description=(
        "Borgeren anmelder flytningen på borger.dk. Borgerservice kontrollerer anmeldelsen, "
        "afklarer uoverensstemmelser om husstanden med borger og udlejer og sender sager med "
        "mistanke om fiktiv adresse til kontrolteamet, før flytningen registreres i CPR."
    ),
    purpose=(
        "At adresserne i CPR er rigtige, så borgerne får post, ydelser og valgkort det rigtige "
        "sted, og at fiktive adresser opdages."
    ),
    kle_code="23",
    handlingsfacet="G01",
    legal_basis=(
        "CPR-loven § 10 (pligt til at anmelde flytning)",
        "Forvaltningsloven § 19 (partshøring før registrering mod borgerens anmeldelse)",
    ),
    lanes=(LaneSpec("bs", "Borgerservicemedarbejder"), LaneSpec("kontrol", "Kontrolmedarbejder")),
    start=EventSpec("anmeldt", "Flytning anmeldt på borger.dk", "bs"),
    tasks=(
        TaskSpec("kontroller", "Kontrollér anmeldelsen (adresse, husstand, fuldmagt)", "bs",
                 (2, 4, 8), "CPR-systemet"),
        TaskSpec("afklar", "Afklar uoverensstemmelser med borger og udlejer", "bs",
                 (10, 20, 40), "Digital Post"),
        TaskSpec("undersoeg", "Undersøg bopælsforholdene", "kontrol",
                 (60, 120, 240), "SBSYS", waiting_minutes=3 * DAY),
        TaskSpec("registrer", "Registrér flytningen i CPR", "bs",
                 (2, 3, 6), "CPR-systemet"),
        TaskSpec("bekraeft", "Send bekræftelse og information om lægevalg", "bs",
                 (1, 2, 4), "Digital Post"),
    ),
    gateways=(
        GatewaySpec("gw_manuel", "Kræver anmeldelsen manuel behandling?", "bs"),
        GatewaySpec("gw_fiktiv", "Mistanke om fiktiv adresse?", "bs"),
    ),
    ends=(EventSpec("registreret", "Flytningen er registreret", "bs"),),
    flows=(
        *_chain("anmeldt", "kontroller", "gw_manuel"),
        FlowSpec("gw_manuel", "afklar", "Ja", 0.25),
        FlowSpec("gw_manuel", "registrer", "Nej", 0.75),
        FlowSpec("afklar", "gw_fiktiv"),
        FlowSpec("gw_fiktiv", "undersoeg", "Ja", 0.08),
        FlowSpec("gw_fiktiv", "registrer", "Nej", 0.92),
        *_chain("undersoeg", "registrer", "bekraeft", "registreret"),
    ),
    volume_per_10000=1300,
    to_be=ToBeSpec(
        description=(
            "Flytteløsningen kontrollerer adresse og husstand automatisk mod CPR og BBR, og "
            "flytninger uden uoverensstemmelser registreres og bekræftes uden manuel behandling."
        ),
        automations=(
            Automation("kontroller", "Flytteløsningen kontrollerer mod CPR og BBR"),
            Automation("registrer", "Flytninger uden uoverensstemmelser registreres automatisk",
                       minutes=(0, 0.2, 1)),
            Automation("bekraeft", "Bekræftelsen sendes automatisk med Digital Post",
                       minutes=(0, 0, 0.5)),
        ),
    ),
)

BEBOERPARKERING = ProcessSpec(
    slug="beboerparkeringslicens",
    name="Ansøgning om beboerparkeringslicens",
    description=(
        "Beboere i zoner med betalingsparkering kan søge om en licens til at parkere i deres "
        "zone. Parkeringsmedarbejderen kontrollerer bopæl og køretøj, Økonomi opkræver "
        "betalingen, og licensen udstedes digitalt på nummerpladen."
    ),
    purpose="At beboerne kan parkere nær deres bolig, og at kun de berettigede får en licens.",
    kle_code="05",
    handlingsfacet="G01",
    legal_basis=(
        "Færdselsloven § 92 (kommunens regulering af parkering)",
        "Kommunens parkeringsbekendtgørelse (regler for beboerlicenser)",
    ),
    lanes=(LaneSpec("park", "Parkeringsmedarbejder"), LaneSpec("okonomi", "Økonomimedarbejder")),
    start=EventSpec("modtaget", "Ansøgning modtaget", "park"),
    tasks=(
        TaskSpec("bopael", "Kontrollér bopæl i licenszonen", "park",
                 (3, 5, 10), "Serviceplatformen (CPR-opslag)"),
        TaskSpec("koeretoej", "Kontrollér køretøjets registrering og ejerforhold", "park",
                 (2, 4, 8), "Motorregistret (DMR)"),
        TaskSpec("opkraev", "Opkræv betaling for licensen", "okonomi",
                 (3, 5, 10), "KMD Opus Debitor"),
        # The wait is the time the borger takes to pay.
        TaskSpec("udsted", "Udsted digital licens på nummerpladen", "park",
                 (2, 3, 6), "Parkeringssystemets licensmodul", waiting_minutes=4 * DAY),
        TaskSpec("afslag", "Send afslag med begrundelse", "park",
                 (5, 8, 15), "Digital Post"),
    ),
    gateways=(
        GatewaySpec("gw_zone", "Bor ansøgeren i zonen?", "park"),
        GatewaySpec("gw_betalt", "Betaling modtaget?", "okonomi"),
    ),
    ends=(
        EventSpec("udstedt", "Licensen er udstedt", "park"),
        EventSpec("afvist", "Afslag sendt", "park"),
    ),
    flows=(
        *_chain("modtaget", "bopael", "gw_zone"),
        FlowSpec("gw_zone", "koeretoej", "Ja", 0.9),
        FlowSpec("gw_zone", "afslag", "Nej", 0.1),
        *_chain("koeretoej", "opkraev", "gw_betalt"),
        FlowSpec("gw_betalt", "udsted", "Ja", 0.95),
        FlowSpec("gw_betalt", "opkraev", "Nej", 0.05),
        FlowSpec("udsted", "udstedt"),
        FlowSpec("afslag", "afvist"),
    ),
    volume_per_10000=35,
    to_be=ToBeSpec(
        description=(
            "Selvbetjeningen slår bopæl og køretøj op automatisk, og borgeren betaler med "
            "betalingskort i ansøgningen, så licensen kan udstedes med det samme."
        ),
        automations=(
            Automation("bopael", "Bopæl og zone slås op i CPR via Serviceplatformen"),
            Automation("koeretoej", "Køretøjet kontrolleres automatisk mod Motorregistret"),
            Automation("opkraev", "Borgeren betaler med betalingskort i selvbetjeningen"),
        ),
        probabilities=(("gw_betalt", "udsted", 0.99), ("gw_betalt", "opkraev", 0.01)),
    ),
)

HJEMMEHJAELP = ProcessSpec(
    slug="visitation-hjemmehjaelp",
    name="Visitation til hjemmehjælp (personlig og praktisk hjælp)",
    description=(
        "En borger, en pårørende eller hospitalet henvender sig om behov for hjælp i hjemmet. "
        "Visitator afdækker behovet ved et besøg og vurderer, om et rehabiliteringsforløb kan "
        "gøre borgeren selvhjulpen, før der træffes afgørelse, og hjemmeplejen planlægger "
        "hjælpen."
    ),
    purpose=(
        "At borgerne får den hjælp, de har brug for, og at de, der kan genvinde deres "
        "funktionsevne, først får et rehabiliteringsforløb."
    ),
    kle_code="27.36",
    handlingsfacet="G01",
    legal_basis=(
        "Serviceloven § 83 (personlig og praktisk hjælp)",
        "Serviceloven § 83 a (rehabiliteringsforløb)",
        "Ældreloven (helhedspleje, fra 1. juli 2025)",
        "Retssikkerhedsloven § 10 (kommunens pligt til at oplyse sagen)",
    ),
    lanes=(
        LaneSpec("visitator", "Visitator"),
        LaneSpec("terapeut", "Terapeut"),
        LaneSpec("planlaegger", "Planlægger i hjemmeplejen"),
    ),
    start=EventSpec("henvendelse", "Henvendelse om behov for hjælp", "visitator"),
    tasks=(
        TaskSpec("registrer", "Registrér henvendelsen og indhent helbredsoplysninger",
                 "visitator", (10, 20, 40), "Nexus"),
        TaskSpec("besoeg", "Aflæg visitationsbesøg i hjemmet", "visitator",
                 (60, 90, 150), "Nexus", waiting_minutes=3 * DAY),
        TaskSpec("rehab", "Gennemfør rehabiliteringsforløb", "terapeut",
                 (180, 300, 600), "Nexus"),
        # The wait is the course of about eight weeks.
        TaskSpec("revurder", "Revurdér behovet efter forløbet", "visitator",
                 (20, 30, 60), "Nexus", waiting_minutes=56 * DAY),
        TaskSpec("afgoer", "Træf afgørelse og bestil hjælpen", "visitator",
                 (20, 30, 60), "Nexus"),
        TaskSpec("planlaeg", "Planlæg besøgene i kørelisten", "planlaegger",
                 (10, 15, 30), "Nexus"),
    ),
    gateways=(
        GatewaySpec("gw_rehab", "Potentiale for rehabilitering?", "visitator"),
        GatewaySpec("gw_behov", "Stadig behov for hjælp?", "visitator"),
    ),
    ends=(
        EventSpec("ivaerksat", "Hjælpen er iværksat", "planlaegger"),
        EventSpec("selvhjulpen", "Borgeren er selvhjulpen", "visitator"),
    ),
    flows=(
        *_chain("henvendelse", "registrer", "besoeg", "gw_rehab"),
        FlowSpec("gw_rehab", "rehab", "Ja", 0.55),
        FlowSpec("gw_rehab", "afgoer", "Nej", 0.45),
        *_chain("rehab", "revurder", "gw_behov"),
        FlowSpec("gw_behov", "afgoer", "Ja", 0.6),
        FlowSpec("gw_behov", "selvhjulpen", "Nej", 0.4),
        *_chain("afgoer", "planlaeg", "ivaerksat"),
    ),
    volume_per_10000=70,
)

FRIPLADS = ProcessSpec(
    slug="oekonomisk-friplads",
    name="Ansøgning om økonomisk friplads i dagtilbud",
    description=(
        "Forældre søger digitalt om økonomisk fripladstilskud til forældrebetalingen i "
        "dagtilbud. Pladsanvisningen beregner tilskuddet ud fra husstandsindkomsten, registrerer "
        "det og sender afgørelsen; Økonomi regulerer forældrebetalingen."
    ),
    purpose=(
        "At familier med lav indkomst kan have deres børn i dagtilbud, og at tilskuddet er "
        "rigtigt fra start."
    ),
    kle_code="28",
    handlingsfacet="G01",
    legal_basis=(
        "Dagtilbudsloven § 43 (økonomisk fripladstilskud)",
        "Forvaltningsloven § 22 (begrundelse ved afslag)",
    ),
    lanes=(
        LaneSpec("pladsanvisning", "Pladsanvisningsmedarbejder"),
        LaneSpec("okonomi", "Økonomimedarbejder"),
    ),
    start=EventSpec("modtaget", "Ansøgning modtaget", "pladsanvisning"),
    tasks=(
        TaskSpec("kontroller", "Kontrollér ansøgningen og husstandens sammensætning",
                 "pladsanvisning", (3, 5, 10), "KMD Institution"),
        TaskSpec("beregn", "Beregn tilskuddet ud fra husstandsindkomsten", "pladsanvisning",
                 (5, 10, 20), "eIndkomst"),
        TaskSpec("registrer", "Registrér fripladstilskuddet", "pladsanvisning",
                 (3, 5, 10), "KMD Institution"),
        TaskSpec("reguler", "Regulér forældrebetalingen", "okonomi",
                 (3, 5, 10), "KMD Opus Debitor"),
        TaskSpec("afgoerelse", "Send afgørelsen", "pladsanvisning",
                 (2, 4, 8), "Digital Post"),
    ),
    gateways=(GatewaySpec("gw_ret", "Ret til tilskud?", "pladsanvisning"),),
    ends=(EventSpec("afgjort", "Afgørelse sendt", "pladsanvisning"),),
    flows=(
        *_chain("modtaget", "kontroller", "beregn", "gw_ret"),
        FlowSpec("gw_ret", "registrer", "Ja", 0.75),
        FlowSpec("gw_ret", "afgoerelse", "Nej", 0.25),
        *_chain("registrer", "reguler", "afgoerelse", "afgjort"),
    ),
    volume_per_10000=55,
    to_be=ToBeSpec(
        description=(
            "KMD Institution beregner tilskuddet automatisk med indkomsten fra eIndkomst, "
            "forældrebetalingen reguleres automatisk, og afgørelsen sendes automatisk."
        ),
        automations=(
            Automation("beregn", "Tilskuddet beregnes automatisk med indkomst fra eIndkomst"),
            Automation("reguler", "Integration til Opus Debitor regulerer betalingen"),
            Automation("afgoerelse", "Afgørelsen dannes og sendes automatisk med Digital Post"),
        ),
    ),
)

AKTINDSIGT = ProcessSpec(
    slug="aktindsigt",
    name="Behandling af anmodning om aktindsigt",
    description=(
        "En borger, en journalist eller en virksomhed beder om aktindsigt. Sagsbehandleren "
        "finder dokumenterne, en jurist vurderer, hvad der skal undtages, og overstreger det, "
        "teamlederen godkender afgørelser med delvist afslag, og dokumenterne udleveres."
    ),
    purpose=(
        "At anmodninger om aktindsigt afgøres lovligt og inden for fristen på 7 arbejdsdage, så "
        "offentligheden kan følge forvaltningen."
    ),
    kle_code="00",
    handlingsfacet="G01",
    legal_basis=(
        "Offentlighedsloven § 7 (retten til aktindsigt)",
        "Offentlighedsloven § 36 (afgørelse inden 7 arbejdsdage)",
        "Forvaltningsloven § 9 (partsaktindsigt)",
        "Forvaltningsloven § 22 (begrundelse ved afslag)",
    ),
    lanes=(
        LaneSpec("sagsbehandler", "Sagsbehandler"),
        LaneSpec("jurist", "Jurist"),
        LaneSpec("leder", "Teamleder"),
    ),
    start=EventSpec("modtaget", "Anmodning om aktindsigt modtaget", "sagsbehandler"),
    tasks=(
        TaskSpec("kvitter", "Registrér anmodningen og send kvittering", "sagsbehandler",
                 (3, 5, 10), "Acadre"),
        TaskSpec("find", "Find og saml de relevante dokumenter", "sagsbehandler",
                 (20, 45, 120), "Acadre"),
        TaskSpec("gennemgaa", "Gennemgå dokumenterne for undtagelser", "jurist",
                 (30, 60, 180), "Acadre"),
        TaskSpec("overstreg", "Overstreg undtagne oplysninger og begrund afslaget", "jurist",
                 (30, 45, 120), "Adobe Acrobat Pro"),
        TaskSpec("godkend", "Godkend afgørelsen", "leder",
                 (5, 10, 20), "Acadre"),
        TaskSpec("udlever", "Udlevér dokumenterne", "sagsbehandler",
                 (5, 10, 20), "Digital Post"),
    ),
    gateways=(
        GatewaySpec("gw_undtag", "Skal oplysninger undtages?", "jurist"),
        GatewaySpec("gw_godkendt", "Godkendt?", "leder"),
    ),
    ends=(EventSpec("afgjort", "Aktindsigt afgjort", "sagsbehandler"),),
    flows=(
        *_chain("modtaget", "kvitter", "find", "gennemgaa", "gw_undtag"),
        FlowSpec("gw_undtag", "overstreg", "Ja", 0.35),
        FlowSpec("gw_undtag", "udlever", "Nej", 0.65),
        *_chain("overstreg", "godkend", "gw_godkendt"),
        FlowSpec("gw_godkendt", "udlever", "Ja", 0.9),
        FlowSpec("gw_godkendt", "overstreg", "Nej", 0.1),
        FlowSpec("udlever", "afgjort"),
    ),
    volume_per_10000=25,
    to_be=ToBeSpec(
        description=(
            "Anmodninger i den digitale postkasse registreres og kvitteres automatisk, og "
            "dokumentlisten trækkes automatisk fra Acadre, så sagsbehandleren kun tjekker den."
        ),
        automations=(
            Automation("kvitter", "Registrering og kvittering sker automatisk ved modtagelsen"),
            Automation("find", "Dokumentlisten trækkes automatisk fra Acadre og tjekkes",
                       minutes=(0, 2, 5)),
        ),
    ),
)

FAKTURA = ProcessSpec(
    slug="fakturahaandtering",
    name="Fakturahåndtering (kreditorer)",
    description=(
        "Elektroniske fakturaer kommer ind via NemHandel. Fakturaer, der matcher en "
        "indkøbsordre, bogføres direkte; de øvrige fordeler kreditorbogholderiet til den "
        "budgetansvarlige, der attesterer, og lederen godkender betalingen. Fejlbehæftede "
        "fakturaer afvises og kommer igen som kreditnota og ny faktura."
    ),
    purpose=(
        "At kommunens regninger betales rettidigt og korrekt med den kontrol, "
        "regnskabsregulativet kræver."
    ),
    kle_code="00",
    handlingsfacet="G01",
    legal_basis=(
        "Lov om offentlige betalinger m.v. (elektronisk fakturering)",
        "Bekendtgørelse om elektronisk afregning med offentlige myndigheder",
        "Kommunens regnskabsregulativ (attestation og godkendelse)",
    ),
    lanes=(
        LaneSpec("kreditor", "Kreditorbogholder"),
        LaneSpec("attestant", "Budgetansvarlig (attestant)"),
        LaneSpec("godkender", "Leder (godkender)"),
    ),
    start=EventSpec("modtaget", "Faktura modtaget via NemHandel", "kreditor"),
    tasks=(
        TaskSpec("kontroller", "Kontrollér fakturaen (EAN, ordrereference, moms)", "kreditor",
                 (1, 2, 5), _OPUS),
        TaskSpec("fordel", "Fordel fakturaen til attestant", "kreditor",
                 (1, 2, 4), _OPUS),
        TaskSpec("attester", "Attestér at varen eller ydelsen er leveret", "attestant",
                 (2, 3, 8), _OPUS),
        TaskSpec("afvis", "Afvis fakturaen og bed om kreditnota", "kreditor",
                 (5, 10, 20), "NemHandel"),
        TaskSpec("godkend", "Godkend betalingen", "godkender",
                 (1, 2, 4), _OPUS),
        TaskSpec("bogfoer", "Bogfør og frigiv til betaling", "kreditor",
                 (1, 2, 3), _OPUS),
    ),
    gateways=(
        GatewaySpec("gw_match", "Matcher fakturaen en indkøbsordre?", "kreditor"),
        GatewaySpec("gw_korrekt", "Er fakturaen korrekt?", "attestant"),
    ),
    ends=(EventSpec("frigivet", "Fakturaen er frigivet til betaling", "kreditor"),),
    flows=(
        *_chain("modtaget", "kontroller", "gw_match"),
        FlowSpec("gw_match", "bogfoer", "Ja", 0.55),
        FlowSpec("gw_match", "fordel", "Nej", 0.45),
        *_chain("fordel", "attester", "gw_korrekt"),
        FlowSpec("gw_korrekt", "godkend", "Ja", 0.92),
        FlowSpec("gw_korrekt", "afvis", "Nej", 0.08),
        FlowSpec("afvis", "kontroller"),
        *_chain("godkend", "bogfoer", "frigivet"),
    ),
    volume_per_10000=17_000,
    to_be=ToBeSpec(
        description=(
            "En regelmotor kontrollerer og fordeler fakturaerne, flere indkøb sker med "
            "ordrenummer via e-handel, og bogføringen sker automatisk efter godkendelse."
        ),
        automations=(
            Automation("kontroller", "Regelmotor kontrollerer EAN, ordrereference og moms",
                       minutes=(0, 0.1, 0.5)),
            Automation("fordel", "Fakturaen fordeles efter kontering og leverandøraftale",
                       minutes=(0, 0.1, 0.5)),
            Automation("bogfoer", "Robot bogfører og frigiver efter godkendelse",
                       minutes=(0, 0.1, 0.5)),
        ),
        probabilities=(("gw_match", "bogfoer", 0.75), ("gw_match", "fordel", 0.25)),
    ),
)
# fmt: on

DEMO_PROCESSES: tuple[ProcessSpec, ...] = (
    ENKELTYDELSE,
    BYGGETILLADELSE,
    ANSAETTELSE,
    BEBOERINDSKUDSLAAN,
    FLYTNING,
    BEBOERPARKERING,
    HJEMMEHJAELP,
    FRIPLADS,
    AKTINDSIGT,
    FAKTURA,
)


def demo_process(slug: str) -> ProcessSpec:
    """The demo process with this slug; ``KeyError`` if there is none."""
    for spec in DEMO_PROCESSES:
        if spec.slug == slug:
            return spec
    raise KeyError(slug)


def variants_of(spec: ProcessSpec) -> tuple[Variant, ...]:
    """The variants the spec has: the as-is, and the to-be when it describes one."""
    return (Variant.AS_IS, Variant.TO_BE) if spec.to_be is not None else (Variant.AS_IS,)
