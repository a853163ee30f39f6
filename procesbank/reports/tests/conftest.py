from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from django.http import HttpResponse

from procesbank.jobs.models import Job
from procesbank.processes import services
from procesbank.processes.engine.bpmn import parse_bpmn, serialize_bpmn
from procesbank.processes.engine.diagram import add_diagram
from procesbank.processes.models import Process, RoleRate

MIWG = Path(__file__).resolve().parents[3] / "tests" / "data" / "bpmn-miwg"

# Forvaltning (lanes Sagsbehandler, Økonomi) and the citizen as a black-box pool. The citizen
# sends the application to "Registrér ansøgning" and gets the decision from "Træf afgørelse";
# "Registrér ansøgning" writes the case file that "Udbetal ydelse" reads.
SOCIAL_BENEFIT = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:pb="https://procesbank.dk/schema/bpmn/1.0" id="D" targetNamespace="t">
  <bpmn:collaboration id="C">
    <bpmn:participant id="PF" name="Forvaltning" processRef="P"/>
    <bpmn:participant id="PB" name="Borger"/>
    <bpmn:messageFlow id="M1" sourceRef="PB" targetRef="T1"/>
    <bpmn:messageFlow id="M2" sourceRef="T2" targetRef="PB"/>
  </bpmn:collaboration>
  <bpmn:process id="P" name="Enkeltydelse">
    <bpmn:laneSet id="LS">
      <bpmn:lane id="L1" name="Sagsbehandler">
        <bpmn:flowNodeRef>S</bpmn:flowNodeRef><bpmn:flowNodeRef>T1</bpmn:flowNodeRef>
        <bpmn:flowNodeRef>T2</bpmn:flowNodeRef>
      </bpmn:lane>
      <bpmn:lane id="L2" name="Økonomi">
        <bpmn:flowNodeRef>T3</bpmn:flowNodeRef><bpmn:flowNodeRef>E</bpmn:flowNodeRef>
      </bpmn:lane>
    </bpmn:laneSet>
    <bpmn:dataObject id="DO"/>
    <bpmn:dataObjectReference id="DOR" name="Sagsakt" dataObjectRef="DO"/>
    <bpmn:startEvent id="S" name="Ansøgning modtaget"/>
    <bpmn:userTask id="T1" name="Registrér ansøgning">
      <bpmn:extensionElements>
        <pb:measurements minutesMin="10" minutesLikely="10" minutesMax="10" itSystem="Acadre"/>
      </bpmn:extensionElements>
      <bpmn:dataOutputAssociation id="DA1">
        <bpmn:targetRef>DOR</bpmn:targetRef>
      </bpmn:dataOutputAssociation>
    </bpmn:userTask>
    <bpmn:userTask id="T2" name="Træf afgørelse">
      <bpmn:documentation>Afgørelsen skrives i fagsystemet.</bpmn:documentation>
      <bpmn:extensionElements>
        <pb:measurements minutesMin="4" minutesLikely="7" minutesMax="16"/>
      </bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:serviceTask id="T3" name="Udbetal ydelse">
      <bpmn:dataInputAssociation id="DA2">
        <bpmn:sourceRef>DOR</bpmn:sourceRef>
      </bpmn:dataInputAssociation>
    </bpmn:serviceTask>
    <bpmn:endEvent id="E" name="Ydelse udbetalt"/>
    <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="T1"/>
    <bpmn:sequenceFlow id="F2" sourceRef="T1" targetRef="T2"/>
    <bpmn:sequenceFlow id="F3" sourceRef="T2" targetRef="T3"/>
    <bpmn:sequenceFlow id="F4" sourceRef="T3" targetRef="E"/>
  </bpmn:process>
</bpmn:definitions>"""


def with_diagram(xml: str | bytes) -> bytes:
    """The model with a diagram drawn by the house layout (a file as bpmn-js saves it)."""
    doc = parse_bpmn(xml.encode() if isinstance(xml, str) else xml)
    add_diagram(doc)
    return serialize_bpmn(doc)


@pytest.fixture
def benefit_process(konsulent) -> Process:
    RoleRate.objects.create(
        municipality=konsulent.municipality, role="Sagsbehandler", hourly_rate=Decimal("400")
    )
    return services.process_create(
        user=konsulent,
        name="Enkeltydelse",
        bpmn_xml=with_diagram(SOCIAL_BENEFIT),
        yearly_volume=1200,
        owner="Hanne Holm, afdelingschef",
        kle_code="32.18.08",
        phase="implementeret",
        description="Ansøgning om hjælp i særlige tilfælde.",
    )


def large_bpmn(tasks: int) -> bytes:
    """Start, ``tasks`` measured user tasks in a chain over three lanes, end; with a diagram."""
    lanes: dict[str, list[str]] = {"L0": ["S", "E"], "L1": [], "L2": []}
    nodes = ['<bpmn:startEvent id="S"/>', '<bpmn:endEvent id="E"/>']
    flows = []
    previous = "S"
    for index in range(tasks):
        key = f"T{index}"
        lanes[f"L{index % 3}"].append(key)
        nodes.append(
            f'<bpmn:userTask id="{key}" name="Opgave nummer {index}"><bpmn:extensionElements>'
            '<pb:measurements minutesMin="1" minutesLikely="2" minutesMax="3"/>'
            "</bpmn:extensionElements></bpmn:userTask>"
        )
        flows.append(f'<bpmn:sequenceFlow id="F{index}" sourceRef="{previous}" targetRef="{key}"/>')
        previous = key
    flows.append(f'<bpmn:sequenceFlow id="FE" sourceRef="{previous}" targetRef="E"/>')
    lane_xml = "".join(
        f'<bpmn:lane id="{lane}" name="Rolle {lane}">'
        + "".join(f"<bpmn:flowNodeRef>{key}</bpmn:flowNodeRef>" for key in keys)
        + "</bpmn:lane>"
        for lane, keys in lanes.items()
    )
    xml = (
        '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" '
        'xmlns:pb="https://procesbank.dk/schema/bpmn/1.0" id="D" targetNamespace="t">'
        '<bpmn:collaboration id="C"><bpmn:participant id="PP" name="Stor proces" '
        'processRef="P"/></bpmn:collaboration><bpmn:process id="P">'
        f'<bpmn:laneSet id="LS">{lane_xml}</bpmn:laneSet>{"".join(nodes)}{"".join(flows)}'
        "</bpmn:process></bpmn:definitions>"
    )
    return with_diagram(xml)


@pytest.fixture
def group_32(konsulent, other_konsulent, benefit_process):
    """Own: Enkeltydelse (32.18.08), Boligstøtte (32.01), Parkering (05, another group).
    Gribskov: Delt kontanthjælp (32.03, public) and Privat kontanthjælp (32.03, private)."""
    services.process_create(user=konsulent, name="Boligstøtte", kle_code="32.01")
    services.process_create(user=konsulent, name="Parkering", kle_code="05.13")
    services.process_create(
        user=other_konsulent, name="Delt kontanthjælp", kle_code="32.03", visibility="public"
    )
    services.process_create(user=other_konsulent, name="Privat kontanthjælp", kle_code="32.03")


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    """Reports made by jobs are written under MEDIA_ROOT: a fresh one per test."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def fetch_report(client, django_capture_on_commit_callbacks):
    """POST a report form (a version's, or the selection page's with its choice) as the logged-in
    user, let its job run (ImmediateBackend, once the job row is committed), and download
    what it made from the job page's link: the response of the download."""

    def fetch(url: str, query: dict[str, str] | None = None) -> HttpResponse:
        with django_capture_on_commit_callbacks(execute=True):
            started = client.post(url, query or {})
        assert started.status_code == 302, started.status_code
        page = client.get(started["Location"])
        job = Job.objects.get(pk=page.context["job"].pk)
        assert job.status == Job.Status.SUCCEEDED, job.error
        assert f'href="{job.result["download"]}"' in page.content.decode()
        response = client.get(job.result["download"])
        assert response.status_code == 200
        # The file is streamed from disk; the tests read it whole, as the browser saves it.
        downloaded = HttpResponse(response.getvalue(), content_type=response["Content-Type"])
        downloaded["Content-Disposition"] = response["Content-Disposition"]
        return downloaded

    return fetch
