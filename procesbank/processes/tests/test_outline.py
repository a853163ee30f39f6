"""The BPMN diagram as structured text (WCAG 1.1.1): order, branches, lanes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from django.urls import reverse

from procesbank.organisations.models import Role
from procesbank.processes.engine.bpmn import parse_bpmn
from procesbank.processes.engine.outline import bpmn_outline
from procesbank.processes.tests.conftest import two_task_bpmn

MIWG = Path(__file__).resolve().parents[3] / "tests" / "data" / "bpmn-miwg"

APPLICATION = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
    xmlns:pb="https://procesbank.dk/schema/bpmn/1.0" id="d" targetNamespace="t">
  <bpmn:process id="p" isExecutable="false">
    <bpmn:laneSet id="ls">
      <bpmn:lane id="l1" name="Sagsbehandler">
        <bpmn:flowNodeRef>start</bpmn:flowNodeRef>
        <bpmn:flowNodeRef>receive</bpmn:flowNodeRef>
        <bpmn:flowNodeRef>complete</bpmn:flowNodeRef>
        <bpmn:flowNodeRef>ask</bpmn:flowNodeRef>
      </bpmn:lane>
      <bpmn:lane id="l2" name="Leder">
        <bpmn:flowNodeRef>decide</bpmn:flowNodeRef>
        <bpmn:flowNodeRef>end</bpmn:flowNodeRef>
      </bpmn:lane>
    </bpmn:laneSet>
    <bpmn:startEvent id="start" name="Ansøgning"/>
    <bpmn:task id="receive" name="Modtag  ansøgning"/>
    <bpmn:exclusiveGateway id="complete" name="Komplet?"/>
    <bpmn:task id="ask" name="Bed om oplysninger"/>
    <bpmn:task id="decide" name="Træf afgørelse"/>
    <bpmn:endEvent id="end"/>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="receive"/>
    <bpmn:sequenceFlow id="f2" sourceRef="receive" targetRef="complete"/>
    <bpmn:sequenceFlow id="f3" name="ja" sourceRef="complete" targetRef="decide">
      <bpmn:extensionElements><pb:branch probability="0.8"/></bpmn:extensionElements>
    </bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="f4" name="nej" sourceRef="complete" targetRef="ask"/>
    <bpmn:sequenceFlow id="f5" sourceRef="ask" targetRef="receive"/>
    <bpmn:sequenceFlow id="f6" sourceRef="decide" targetRef="end"/>
  </bpmn:process>
</bpmn:definitions>""".encode()


def test_outline_walks_from_start_through_the_gateway_branches():
    outline = bpmn_outline(parse_bpmn(APPLICATION))

    assert [step.node.id for step in outline.steps] == [
        "start", "receive", "complete", "decide", "ask", "end",
    ]  # fmt: skip
    gateway = outline.steps[2]
    assert [(b.label, b.target.name, b.percent) for b in gateway.branches] == [
        ("ja", "Træf afgørelse", 80.0),
        ("nej", "Bed om oplysninger", None),
    ]
    # The name's doubled space is read once; the role is the lane.
    assert (outline.steps[1].node.name, outline.steps[1].node.lane) == (
        "Modtag ansøgning",
        "Sagsbehandler",
    )


def test_main_path_stops_at_the_first_branching_node():
    outline = bpmn_outline(parse_bpmn(APPLICATION))

    assert [step.node.id for step in outline.main_path] == ["start", "receive", "complete"]
    assert not outline.main_path_complete


def test_lanes_list_their_tasks_in_walking_order():
    outline = bpmn_outline(parse_bpmn(APPLICATION))

    # Only the work in each lane: events and gateways are not a role's tasks.
    assert [(lane.name, [n.id for n in lane.nodes]) for lane in outline.lanes] == [
        ("Sagsbehandler", ["receive", "ask"]),
        ("Leder", ["decide"]),
    ]
    assert outline.lanes[0].names == "Modtag ansøgning, Bed om oplysninger"


def test_a_straight_process_has_a_complete_main_path():
    # MIWG A.4.0: Start Event 1 -> Task 1 -> Task 2 -> End Event 1 in the first pool.
    outline = bpmn_outline(parse_bpmn((MIWG / "A.4.0.bpmn").read_bytes()))

    assert [step.node.name for step in outline.main_path] == [
        "Start Event 1", "Task 1", "Task 2", "End Event 1",
    ]  # fmt: skip
    assert outline.main_path_complete


def test_nodes_no_start_reaches_are_still_listed():
    # MIWG A.2.0: every one of its 8 flow nodes appears once.
    doc = parse_bpmn((MIWG / "A.2.0.bpmn").read_bytes())

    outline = bpmn_outline(doc)

    assert sorted(step.node.id for step in outline.steps) == sorted(doc.nodes)


def _text(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


@pytest.mark.django_db
def test_process_page_gives_the_diagram_as_text(client, konsulent, make_process):
    process = make_process()
    client.force_login(konsulent)

    response = client.get(reverse("processes:process_detail", args=[process.pk]))

    assert response.status_code == 200
    # two_task_bpmn: S -> T1 (lane Sagsbehandler) -> T2 (lane Økonomi) -> E, no branch.
    assert (
        "Hovedforløb: Start → Registrér ansøgning (Sagsbehandler) → Træf afgørelse (Økonomi) → Slut"
    ) in _text(response)


@pytest.mark.django_db
def test_modeler_figures_carry_the_outline_of_the_unsaved_model(client, konsulent, make_process):
    version = make_process().versions.get()
    client.force_login(konsulent)
    renamed = two_task_bpmn(first="Modtag ansøgning", second="Bevilg")

    response = client.post(
        reverse("processes:version_calculate", args=[version.pk]),
        json.dumps({"xml": renamed.decode()}),
        content_type="application/json",
    )

    assert response.status_code == 200
    assert "Start → Modtag ansøgning (Sagsbehandler) → Bevilg (Økonomi) → Slut" in _text(response)


@pytest.mark.django_db
def test_another_municipality_gets_no_outline_of_a_private_version(
    client, make_process, other_municipality, make_user
):
    version = make_process().versions.get()
    stranger = make_user(Role.KONSULENT, municipality=other_municipality, username="fremmed")
    client.force_login(stranger)

    response = client.post(
        reverse("processes:version_calculate", args=[version.pk]),
        json.dumps({"xml": two_task_bpmn().decode()}),
        content_type="application/json",
    )

    assert response.status_code == 404
