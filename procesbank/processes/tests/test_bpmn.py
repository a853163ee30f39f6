"""Reading, refusing and losslessly writing BPMN files, on the MIWG reference models."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from lxml import etree

from procesbank.processes.engine.bpmn import (
    BPMN_NS,
    PB_NS,
    BpmnError,
    NodeCategory,
    TaskMeasurements,
    parse_bpmn,
    serialize_bpmn,
    set_branch_probability,
    set_task_measurements,
)

DATA = Path(__file__).resolve().parents[3] / "tests" / "data"
MIWG = sorted((DATA / "bpmn-miwg").glob("*.bpmn"))
ALL_MODELS = [
    *MIWG,
    DATA / "event-logs" / "receipt.bpmn",
    DATA / "event-logs" / "running-example.bpmn",
]
EXTENSION_ELEMENTS = f"{{{BPMN_NS}}}extensionElements"

MINIMAL = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d">\n'
    '  <bpmn:process id="p">\n'
    "{body}\n"
    "  </bpmn:process>\n"
    "</bpmn:definitions>\n"
)


def load(name: str):
    return parse_bpmn((DATA / "bpmn-miwg" / f"{name}.bpmn").read_bytes())


def minimal(body: str, encoding: str = "utf-8") -> bytes:
    return MINIMAL.format(body=body).encode(encoding)


def error_of(data: bytes, **kwargs) -> str:
    with pytest.raises(BpmnError) as caught:
        parse_bpmn(data, **kwargs)
    return str(caught.value)


def norm(text: str | None) -> str:
    return " ".join((text or "").split())


def assert_same_tree(a, b, path: str = "") -> None:
    """Tag, prefix, attributes, normalised text and tail, and children in order."""
    here = f"{path}/{a.tag if isinstance(a.tag, str) else type(a).__name__}"
    assert type(a) is type(b), here
    assert a.tag == b.tag, here
    if isinstance(a.tag, str):
        assert a.prefix == b.prefix, here
        assert dict(a.attrib) == dict(b.attrib), here
    assert norm(a.text) == norm(b.text), here
    assert norm(a.tail) == norm(b.tail), here
    assert len(a) == len(b), here
    for child_a, child_b in zip(a, b, strict=True):
        assert_same_tree(child_a, child_b, here)


def assert_same_document(a, b) -> None:
    """Also the comments and processing instructions beside the root (C.3.0 has one)."""
    siblings_a = list(a.getroottree().getroot().itersiblings(preceding=True))
    siblings_b = list(b.getroottree().getroot().itersiblings(preceding=True))
    assert [norm(s.text) for s in siblings_a] == [norm(s.text) for s in siblings_b]
    assert_same_tree(a.getroottree().getroot(), b.getroottree().getroot())


def plain_tree(data: bytes):
    return etree.fromstring(data, etree.XMLParser(resolve_entities=False, load_dtd=False))


# --- round trips over every reference model -------------------------------------------------


@pytest.mark.parametrize("path", ALL_MODELS, ids=lambda p: p.name)
def test_round_trip_keeps_every_element_attribute_and_text(path: Path) -> None:
    original = path.read_bytes()

    exported = serialize_bpmn(parse_bpmn(original))

    assert exported.startswith(b"<?xml version='1.0' encoding='UTF-8'")
    assert_same_document(plain_tree(original), plain_tree(exported))
    assert_same_document(plain_tree(exported), parse_bpmn(exported).tree.getroot())


@pytest.mark.parametrize("path", ALL_MODELS, ids=lambda p: p.name)
def test_round_trip_with_measurements_changes_only_our_elements(path: Path) -> None:
    original = path.read_bytes()
    doc = parse_bpmn(original)
    had_extension = {
        task.id for task in doc.tasks if doc.elements[task.id].find(EXTENSION_ELEMENTS) is not None
    } | {
        flow.id
        for flow in doc.flows.values()
        if doc.elements[flow.id].find(EXTENSION_ELEMENTS) is not None
    }

    for task in doc.tasks:
        set_task_measurements(doc, task.id, TaskMeasurements(2, 5, 11, it_system="ESDH æøå"))
    for flow in list(doc.flows.values())[::3]:
        set_branch_probability(doc, flow.id, 0.25)
    exported = serialize_bpmn(doc)

    tree = plain_tree(exported)
    written = tree.findall(f".//{{{PB_NS}}}*")
    assert len(written) == len(doc.tasks) + len(list(doc.flows)[::3])
    for element in written:
        extension = element.getparent()
        extension.remove(element)
        owner = extension.getparent()
        if owner.get("id") not in had_extension and len(extension) == 0:
            owner.remove(extension)
    assert_same_document(plain_tree(original), tree)


@pytest.mark.parametrize("name", ["A.1.0", "C.3.0", "C.4.0", "C.8.1"])
def test_measurements_written_are_read_back_identically(name: str) -> None:
    doc = load(name)
    measurements = {
        task.id: TaskMeasurements(
            minutes_min=index * 0.1,
            minutes_likely=index * 1.5 + 1 / 3,
            minutes_max=index * 7.25 + 1,
            executions_per_case=1 + index / 7,
            waiting_minutes=None if index % 2 else 1440.0,
            it_system="" if index % 3 else 'KMD Nova "ESDH" <&>',
            automation_note="Robot kan\nhente data fra CPR" if index % 2 else "",
        )
        for index, task in enumerate(doc.tasks)
    }
    flow_id = next(iter(doc.flows))

    for task_id, value in measurements.items():
        set_task_measurements(doc, task_id, value)
    set_branch_probability(doc, flow_id, 1 / 3)
    again = parse_bpmn(serialize_bpmn(doc))

    assert {t.id: t.measurements for t in again.tasks} == measurements
    assert {t.id: t.measurements for t in doc.tasks} == measurements
    assert again.flows[flow_id].probability == 1 / 3


# --- facts verified by reading the reference models ------------------------------------------


def test_a10_has_three_tasks_in_sequence() -> None:
    doc = load("A.1.0")

    assert [(t.name, t.kind, t.process_id) for t in doc.tasks] == [
        ("Task 1", "task", "WFP-6-"),
        ("Task 2", "task", "WFP-6-"),
        ("Task 3", "task", "WFP-6-"),
    ]
    assert [n.kind for n in doc.nodes.values()] == [
        "startEvent",
        "task",
        "task",
        "task",
        "endEvent",
    ]
    names = {n.id: n.name for n in doc.nodes.values()}
    assert [(names[f.source_id], names[f.target_id]) for f in doc.flows.values()] == [
        ("Start Event", "Task 1"),
        ("Task 1", "Task 2"),
        ("Task 2", "Task 3"),
        ("Task 3", "End Event"),
    ]
    assert doc.diagram_count == 1


def test_a40_lanes_become_roles_and_subprocess_tasks_inherit_them() -> None:
    doc = load("A.4.0")

    assert [(p.id, p.label) for p in doc.processes] == [("WFP-6-1", "Pool"), ("WFP-6-2", "WFP-6-2")]
    assert [lane.name for lane in doc.processes[1].lanes] == ["Lane 1", "Lane 2"]
    assert [(t.name, t.lane) for t in doc.tasks] == [
        ("Task 1", ""),
        ("Task 2", ""),
        ("Task 5", "Lane 1"),
        ("Task 4", "Lane 1"),
        ("Task 3", "Lane 1"),
        ("Task 6", "Lane 2"),
    ]
    sub_process = next(n for n in doc.nodes.values() if n.name == "Expanded Sub-Process 1")
    assert [n.name for n in doc.children(sub_process.id)] == [
        "Start Event 3",
        "Task 4",
        "End Event 3",
    ]


def test_a30_boundary_events_sit_on_the_collapsed_subprocess() -> None:
    doc = load("A.3.0")

    sub_process = next(n for n in doc.nodes.values() if n.kind == "subProcess")
    boundaries = [n for n in doc.nodes.values() if n.kind == "boundaryEvent"]

    assert sub_process.name == "Collapsed\nSub-Process"
    assert doc.children(sub_process.id) == ()
    assert [(b.attached_to, b.cancel_activity, b.event_definitions) for b in boundaries] == [
        (sub_process.id, False, ("message",)),
        (sub_process.id, True, ("escalation",)),
    ]


def test_b20_knows_every_kind_of_task_and_gateway() -> None:
    doc = load("B.2.0")

    kinds = [n.kind for n in doc.nodes.values()]

    assert {k: kinds.count(k) for k in sorted(set(kinds)) if "Task" in k or k == "task"} == {
        "receiveTask": 1,
        "sendTask": 1,
        "serviceTask": 4,
        "task": 22,
        "userTask": 5,
    }
    assert kinds.count("callActivity") == 3
    assert len(doc.tasks) == 36
    assert {k for k in kinds if doc.nodes and k.endswith("Gateway")} == {
        "exclusiveGateway",
        "parallelGateway",
        "inclusiveGateway",
        "eventBasedGateway",
    }
    assert len(doc.processes) == 4
    assert len(doc.flows) == 85


def test_c11_sequence_flows_keep_name_and_condition() -> None:
    doc = load("C.1.1")

    conditions = [(f.name, f.condition) for f in doc.flows.values() if f.condition]

    assert conditions == [
        ("yes", "bpmn:getDataObject('approved')"),
        ("no", "not(bpmn:getDataObject('approved'))"),
        ("yes", "bpmn:getDataObject('clarified') = 'yes'"),
        ("no", "bpmn:getDataObject('clarified') = 'no'"),
    ]


@pytest.mark.parametrize(
    ("name", "diagrams", "pools"),
    [
        ("C.4.0", 4, ["Money Bank", "IT", "Payroll", "Facilities"]),
        ("C.5.0", 2, ["Bank", "Check for connected clients"]),
    ],
)
def test_semantic_prefix_without_declaration_parses_with_every_diagram(
    name: str, diagrams: int, pools: list[str]
) -> None:
    raw = (DATA / "bpmn-miwg" / f"{name}.bpmn").read_bytes()

    doc = parse_bpmn(raw)

    assert raw.startswith(b"<semantic:definitions")
    assert doc.diagram_count == diagrams
    assert [p.label for p in doc.processes] == pools


def test_c40_has_22_tasks_in_four_pools() -> None:
    doc = load("C.4.0")

    assert len(doc.tasks) == 22
    assert sorted({t.lane for t in doc.tasks}) == ["", "HR Department", "Responsible Department"]


def test_c30_vendor_kpis_and_leading_comment_survive_measurements() -> None:
    doc = load("C.3.0")
    task = next(t for t in doc.tasks if t.name == "Analyse customer request")

    set_task_measurements(doc, task.id, TaskMeasurements(10, 20, 45))
    exported = serialize_bpmn(doc)

    assert exported.count(b'name="KPICost"') == (
        (DATA / "bpmn-miwg" / "C.3.0.bpmn").read_bytes().count(b'name="KPICost"')
    )
    assert b"<!--Created by Process Modeler 6 SR1" in exported
    element = parse_bpmn(exported).elements[task.id]
    extension = element.find(EXTENSION_ELEMENTS)
    assert extension[-1].tag == f"{{{PB_NS}}}measurements"
    assert len(extension) > 1  # the vendor's own extensions are still there, before ours


def test_c30_new_extension_elements_go_right_after_documentation() -> None:
    raw = minimal(
        '    <bpmn:userTask id="t" name="Visitér">\n'
        "      <bpmn:documentation>Første</bpmn:documentation>\n"
        "      <bpmn:documentation>Anden</bpmn:documentation>\n"
        "      <bpmn:incoming>f</bpmn:incoming>\n"
        "    </bpmn:userTask>"
    )
    doc = parse_bpmn(raw)

    set_task_measurements(doc, "t", TaskMeasurements(1, 2, 3))

    children = [etree.QName(c).localname for c in parse_bpmn(serialize_bpmn(doc)).elements["t"]]
    assert children == ["documentation", "documentation", "extensionElements", "incoming"]


def test_iso_8859_1_names_are_decoded() -> None:
    raw = minimal('    <bpmn:task id="t" name="Sagsbehandler vurderer ansøgning"/>', "iso-8859-1")
    raw = raw.replace(b'encoding="UTF-8"', b'encoding="ISO-8859-1"')

    doc = parse_bpmn(raw)

    assert doc.tasks[0].name == "Sagsbehandler vurderer ansøgning"
    assert "ansøgning".encode() in serialize_bpmn(doc)


def test_nested_lanes_give_the_innermost_lane() -> None:
    raw = minimal(
        '    <bpmn:laneSet id="ls"><bpmn:lane id="l1" name=" Jobcenter ">\n'
        "      <bpmn:flowNodeRef>t1</bpmn:flowNodeRef><bpmn:flowNodeRef>t2</bpmn:flowNodeRef>\n"
        '      <bpmn:childLaneSet id="cls"><bpmn:lane id="l2" name="Sagsbehandler">\n'
        "        <bpmn:flowNodeRef>t2</bpmn:flowNodeRef>\n"
        "      </bpmn:lane></bpmn:childLaneSet>\n"
        "    </bpmn:lane></bpmn:laneSet>\n"
        '    <bpmn:task id="t1" name="Modtag"/><bpmn:manualTask id="t2" name="Ring op"/>'
    )

    doc = parse_bpmn(raw)

    assert [(t.id, t.kind, t.lane) for t in doc.tasks] == [
        ("t1", "task", "Jobcenter"),
        ("t2", "manualTask", "Sagsbehandler"),
    ]
    assert doc.processes[0].lanes[0].lanes[0].name == "Sagsbehandler"


def test_every_node_family_is_classified() -> None:
    raw = minimal(
        '    <bpmn:scriptTask id="a"/><bpmn:businessRuleTask id="b"/><bpmn:complexGateway id="c"/>'
        '<bpmn:transaction id="d"><bpmn:sendTask id="e"/></bpmn:transaction>'
        '<bpmn:adHocSubProcess id="f"><bpmn:task id="g"/></bpmn:adHocSubProcess>'
        '<bpmn:intermediateThrowEvent id="h"/>'
    )

    doc = parse_bpmn(raw)

    assert {n.id: (n.category, n.parent_id) for n in doc.nodes.values()} == {
        "a": (NodeCategory.TASK, "p"),
        "b": (NodeCategory.TASK, "p"),
        "c": (NodeCategory.GATEWAY, "p"),
        "d": (NodeCategory.SUBPROCESS, "p"),
        "e": (NodeCategory.TASK, "d"),
        "f": (NodeCategory.SUBPROCESS, "p"),
        "g": (NodeCategory.TASK, "f"),
        "h": (NodeCategory.EVENT, "p"),
    }


# --- refusals ---------------------------------------------------------------------------------

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL">
  <process id="p"><task id="t" name="&lol9;"/></process>
</definitions>
"""
DOCTYPE_MESSAGE = (
    "Filen indeholder en DOCTYPE-erklæring (DTD eller entiteter), som vi af sikkerhedshensyn "
    "ikke modtager"
)


def test_billion_laughs_is_refused() -> None:
    assert error_of(BILLION_LAUGHS) == DOCTYPE_MESSAGE


@pytest.mark.parametrize(
    "doctype",
    [
        b'<!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
        b'<!DOCTYPE d [<!ENTITY % xxe SYSTEM "file:///etc/passwd"> %xxe;]>',
        b'<!DOCTYPE definitions SYSTEM "file:///etc/passwd">',
        b'<!DOCTYPE d [<!ENTITY xxe SYSTEM "http://127.0.0.1:9/secret">]>',
    ],
    ids=["general-entity", "parameter-entity", "external-subset", "network"],
)
def test_external_entities_are_refused_and_never_read(doctype: bytes) -> None:
    raw = (
        b'<?xml version="1.0"?>' + doctype + b'<definitions xmlns="' + BPMN_NS.encode() + b'">'
        b'<process id="p"><task id="t" name="&xxe;"><documentation>&xxe;</documentation>'
        b"</task></process></definitions>"
    )
    if b"ENTITY" not in doctype:
        raw = raw.replace(b"&xxe;", b"")

    message = error_of(raw)

    assert message == DOCTYPE_MESSAGE
    assert "root:" not in message


def test_empty_file_is_refused() -> None:
    assert error_of(b"") == "Filen er tom"
    assert error_of(b" \n\t ") == "Filen er tom"


def test_too_large_file_is_refused_with_sizes_in_mb() -> None:
    raw = b" " * (3 * 1024 * 1024 - 1)

    message = error_of(raw, max_bytes=2 * 1024 * 1024)

    assert message == "Filen er for stor (3 MB); den må højst fylde 2 MB"
    assert error_of(raw, max_bytes=len(raw)) == "Filen er tom"


def test_default_limit_is_ten_mb() -> None:
    raw = minimal("") + b" " * (10 * 1024 * 1024)

    # 10 MB plus the few hundred bytes of the model, rounded up to a tenth of a MB
    assert error_of(raw) == "Filen er for stor (10,1 MB); den må højst fylde 10 MB"


def test_truncated_xml_names_the_line() -> None:
    raw = (DATA / "bpmn-miwg" / "A.1.0.bpmn").read_bytes()
    truncated = b"\n".join(raw.splitlines()[:12])

    message = error_of(truncated)

    assert message == (
        "Filen er ikke gyldig XML (linje 12): filen slutter, før <task> fra linje 11 er lukket"
    )


def test_broken_tag_names_the_line() -> None:
    raw = b'<?xml version="1.0"?>\n<definitions>\n  <process id="p">\n  </proces>\n</definitions>'

    message = error_of(raw)

    assert message == (
        "Filen er ikke gyldig XML (linje 4): "
        "sluttagget </proces> passer ikke til starttagget <process> i linje 3"
    )


def test_text_that_is_not_xml_is_refused() -> None:
    assert error_of(b"Hej med dig") == (
        "Filen er ikke gyldig XML (linje 1): dokumentet er tomt eller begynder ikke med et tag"
    )


@pytest.mark.parametrize(
    ("raw", "root"),
    [
        (
            b'<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/"/>',
            "{https://www.omg.org/spec/DMN/20191111/MODEL/}definitions",
        ),
        (b"<definitions/>", "definitions"),
        (
            b'<process xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"/>',
            "{http://www.omg.org/spec/BPMN/20100524/MODEL}process",
        ),
    ],
    ids=["dmn", "no-namespace", "wrong-root"],
)
def test_xml_that_is_not_bpmn_is_refused(raw: bytes, root: str) -> None:
    assert error_of(raw) == (
        f"Filen er ikke en BPMN 2.0-model: rodelementet er {root}, men skal være definitions i "
        "navnerummet http://www.omg.org/spec/BPMN/20100524/MODEL"
    )


def test_duplicate_ids_are_refused() -> None:
    raw = minimal('    <bpmn:task id="t"/><bpmn:userTask id="t"/>')

    assert error_of(raw) == "Modellen bruger id'et t til flere elementer"


def test_invalid_stored_measurement_names_task_and_attribute() -> None:
    raw = minimal(
        '    <bpmn:task id="t"><bpmn:extensionElements>'
        '<pb:measurements xmlns:pb="https://procesbank.dk/schema/bpmn/1.0" minutesMin="1"'
        ' minutesLikely="2" minutesMax="nan"/></bpmn:extensionElements></bpmn:task>'
    )

    assert error_of(raw) == "Målingen på t har en ugyldig værdi i minutesMax: »nan«"
    assert error_of(raw.replace(b' minutesMax="nan"', b"")) == (
        "Målingen på t mangler attributten minutesMax"
    )


def test_stored_measurement_breaking_the_rules_names_the_task() -> None:
    raw = minimal(
        '    <bpmn:task id="t"><bpmn:extensionElements>'
        '<pb:measurements xmlns:pb="https://procesbank.dk/schema/bpmn/1.0" minutesMin="12"'
        ' minutesLikely="10" minutesMax="20"/></bpmn:extensionElements></bpmn:task>'
    )

    assert error_of(raw) == (
        "Målingen på t er ugyldig: Mindste tid (12 min) må ikke være større end den mest "
        "sandsynlige tid (10 min)"
    )


# --- writing measurements ---------------------------------------------------------------------


def test_unknown_task_is_refused() -> None:
    doc = load("A.1.0")

    with pytest.raises(BpmnError) as caught:
        set_task_measurements(doc, "nope", TaskMeasurements(1, 2, 3))

    assert str(caught.value) == "Opgaven nope findes ikke i modellen"


def test_measurements_on_an_event_are_refused() -> None:
    doc = load("A.1.0")

    with pytest.raises(BpmnError) as caught:
        set_task_measurements(
            doc, "_93c466ab-b271-4376-a427-f4c353d55ce8", TaskMeasurements(1, 2, 3)
        )

    assert str(caught.value) == "Elementet _93c466ab-b271-4376-a427-f4c353d55ce8 er ikke en opgave"


def test_unknown_flow_and_probability_on_a_task_are_refused() -> None:
    doc = load("A.1.0")

    with pytest.raises(BpmnError) as unknown:
        set_branch_probability(doc, "nope", 0.5)
    with pytest.raises(BpmnError) as on_task:
        set_branch_probability(doc, doc.tasks[0].id, 0.5)

    assert str(unknown.value) == "Sekvensflowet nope findes ikke i modellen"
    assert str(on_task.value) == (
        f"Elementet {doc.tasks[0].id} kan ikke have en sandsynlighed; det kan kun sekvensflow, "
        "randhændelser og hændelsesunderprocesser"
    )


def test_probability_on_a_boundary_event_is_stored() -> None:
    doc = load("A.3.0")
    boundary = next(n for n in doc.nodes.values() if n.kind == "boundaryEvent")

    set_branch_probability(doc, boundary.id, 0.1)

    assert parse_bpmn(serialize_bpmn(doc)).nodes[boundary.id].probability == 0.1


def test_measurements_replace_and_remove_cleanly() -> None:
    doc = load("A.1.0")
    task_id = doc.tasks[0].id

    set_task_measurements(doc, task_id, TaskMeasurements(1, 2, 3))
    set_task_measurements(doc, task_id, TaskMeasurements(4, 5, 6))
    twice = serialize_bpmn(doc)
    set_task_measurements(doc, task_id, None)
    removed = parse_bpmn(serialize_bpmn(doc))

    assert twice.count(b"pb:measurements") == 1
    assert b'minutesMin="4" minutesLikely="5" minutesMax="6" executionsPerCase="1"' in twice
    assert removed.nodes[task_id].measurements is None
    assert doc.nodes[task_id].measurements is None


@pytest.mark.parametrize(
    ("kwargs", "message", "field"),
    [
        (
            {"minutes_min": -1},
            "Feltet »mindste tid (minutter)« må ikke være negativt (fik -1)",
            "minutes_min",
        ),
        (
            {"executions_per_case": -0.5},
            "Feltet »udførelser pr. sag« må ikke være negativt (fik -0,5)",
            "executions_per_case",
        ),
        (
            {"waiting_minutes": -2},
            "Feltet »ventetid (minutter)« må ikke være negativt (fik -2)",
            "waiting_minutes",
        ),
        (
            {"minutes_max": math.inf},
            "Feltet »største tid (minutter)« skal være et endeligt tal (fik inf)",
            "minutes_max",
        ),
        (
            {"minutes_min": 12.5},
            "Mindste tid (12,5 min) må ikke være større end den mest sandsynlige tid (10 min)",
            "minutes_min",
        ),
        (
            {"minutes_max": 9},
            "Den mest sandsynlige tid (10 min) må ikke være større end største tid (9 min)",
            "minutes_max",
        ),
        (
            {"it_system": "KMD\x00"},
            "Feltet »it-system« indeholder tegn, som ikke kan gemmes i XML",
            "it_system",
        ),
    ],
)
def test_measurement_validation_names_the_field(kwargs, message: str, field: str) -> None:
    values = {"minutes_min": 5.0, "minutes_likely": 10.0, "minutes_max": 25.0, **kwargs}

    with pytest.raises(BpmnError) as caught:
        TaskMeasurements(**values)

    assert str(caught.value) == message
    assert caught.value.params["field"] == field


@pytest.mark.parametrize(("value", "shown"), [(1.5, "1,5"), (-0.1, "-0,1"), (math.nan, "nan")])
def test_probability_outside_zero_to_one_is_refused(value: float, shown: str) -> None:
    doc = load("A.1.0")

    with pytest.raises(BpmnError) as caught:
        set_branch_probability(doc, next(iter(doc.flows)), value)

    assert str(caught.value) == f"Sandsynligheden skal ligge mellem 0 og 1 (fik {shown})"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-7"])
def test_doctype_hidden_in_another_encoding_is_refused(encoding: str) -> None:
    body = f'<!DOCTYPE d [<!ENTITY x "y">]><definitions xmlns="{BPMN_NS}">&x;</definitions>'
    declaration = f'<?xml version="1.0" encoding="{encoding.upper()}"?>'
    # UTF-7 needs its declaration in plain ASCII; UTF-16 is encoded whole, with one BOM.
    raw = (
        declaration.encode() + body.encode(encoding)
        if encoding == "utf-7"
        else (declaration + body).encode(encoding)
    )

    assert error_of(raw) == DOCTYPE_MESSAGE


def test_utf16_model_parses() -> None:
    raw = minimal('    <bpmn:task id="t" name="Bevilling af hjælpemiddel"/>').decode()
    raw = raw.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16")

    doc = parse_bpmn(raw)

    assert doc.tasks[0].name == "Bevilling af hjælpemiddel"
    assert serialize_bpmn(doc).startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
