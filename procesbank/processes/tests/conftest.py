from __future__ import annotations

from pathlib import Path

import pytest

from procesbank.organisations.models import Role
from procesbank.processes import services
from procesbank.processes.models import Process

DATA = Path(__file__).resolve().parents[3] / "tests" / "data"
MIWG = DATA / "bpmn-miwg"


def two_task_bpmn(first: str = "Registrér ansøgning", second: str = "Træf afgørelse") -> bytes:
    """Start -> first (lane Sagsbehandler) -> second (lane Økonomi) -> end."""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  id="D" targetNamespace="t">
  <bpmn:process id="P" name="Enkeltydelse">
    <bpmn:laneSet id="LS">
      <bpmn:lane id="L1" name="Sagsbehandler"><bpmn:flowNodeRef>T1</bpmn:flowNodeRef></bpmn:lane>
      <bpmn:lane id="L2" name="Økonomi"><bpmn:flowNodeRef>T2</bpmn:flowNodeRef></bpmn:lane>
    </bpmn:laneSet>
    <bpmn:startEvent id="S"/>
    <bpmn:userTask id="T1" name="{first}"/>
    <bpmn:userTask id="T2" name="{second}"/>
    <bpmn:endEvent id="E"/>
    <bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="T1"/>
    <bpmn:sequenceFlow id="F2" sourceRef="T1" targetRef="T2"/>
    <bpmn:sequenceFlow id="F3" sourceRef="T2" targetRef="E"/>
  </bpmn:process>
</bpmn:definitions>""".encode()


@pytest.fixture
def make_process(konsulent):
    def make(user=None, name: str = "Behandling af ansøgning om enkeltydelse", **fields) -> Process:
        fields.setdefault("bpmn_xml", two_task_bpmn())
        return services.process_create(user=user or konsulent, name=name, **fields)

    return make


@pytest.fixture
def laeser(make_user):
    return make_user(Role.LAESER, username="laeser.helsingoer")
