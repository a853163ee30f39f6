"""The portal's reading of a model: steps with documentation and links, and the BPMN without
Procesbank's measurements."""

from __future__ import annotations

from procesbank.governance.engine.guide import element_names, guide_steps, public_bpmn
from procesbank.processes.engine.bpmn import (
    TaskMeasurements,
    parse_bpmn,
    serialize_bpmn,
    set_task_measurements,
)
from procesbank.processes.tests.conftest import two_task_bpmn

DOCUMENTED = two_task_bpmn().replace(
    b'<bpmn:userTask id="T1" name="Registr\xc3\xa9r ans\xc3\xb8gning"/>',
    '<bpmn:userTask id="T1" name="Registrér ansøgning"><bpmn:documentation>Opret sagen. '
    "Se https://intranet.example.dk/enkeltydelse.</bpmn:documentation></bpmn:userTask>".encode(),
)


def test_steps_carry_role_documentation_and_links():
    steps = guide_steps(parse_bpmn(DOCUMENTED))

    assert [(s.name, s.role) for s in steps] == [
        ("Registrér ansøgning", "Sagsbehandler"),
        ("Træf afgørelse", "Økonomi"),
    ]
    assert steps[0].documentation == "Opret sagen. Se https://intranet.example.dk/enkeltydelse."
    # The sentence's full stop is not part of the address.
    assert steps[0].links == ("https://intranet.example.dk/enkeltydelse",)


def test_public_bpmn_has_no_measurements_but_keeps_the_it_system_step():
    doc = parse_bpmn(two_task_bpmn())
    set_task_measurements(
        doc,
        "T1",
        TaskMeasurements(
            minutes_min=5,
            minutes_likely=10,
            minutes_max=20,
            it_system="SBSYS",
            automation_note="Intern note",
        ),
    )
    measured = serialize_bpmn(doc)
    steps = guide_steps(parse_bpmn(measured))

    public = public_bpmn(parse_bpmn(measured))

    assert b"Intern note" in measured
    assert b"Intern note" not in public
    assert b"procesbank.dk/schema" not in public
    assert steps[0].it_system == "SBSYS"
    assert parse_bpmn(public).nodes.keys() == parse_bpmn(measured).nodes.keys()


def test_element_names_cover_nodes_and_flows():
    names = element_names(parse_bpmn(two_task_bpmn()))

    assert names["T1"] == "Registrér ansøgning"
    assert names["S"] == "S"  # unnamed: its id
    assert names["F1"] == "F1"
