"""Importing an existing process catalogue: every row becomes a process of the user's
municipality with a one-task as-is map carrying the minutes per case. All or nothing."""

from __future__ import annotations

from xml.sax.saxutils import quoteattr

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from procesbank.catalogue.engine.importing import (
    ROW_KLE,
    ImportRow,
    RowError,
    parse_rows,
    read_table,
)
from procesbank.core.errors import UserError
from procesbank.organisations.models import User
from procesbank.organisations.permissions import require_edit
from procesbank.organisations.selectors import own_municipality
from procesbank.processes import services as process_services
from procesbank.processes.engine.bpmn import TaskMeasurements, serialize_bpmn, set_task_measurements
from procesbank.processes.engine.kle import validate_kle_code
from procesbank.processes.models import Phase, Process, Visibility
from procesbank.processes.selectors import kle_plan
from procesbank.processes.services.common import parse_upload


def catalogue_import_check(*, user: User, data: bytes, filename: str) -> list[ImportRow]:
    """Read and check a file for the preview (nothing is written)."""
    municipality = own_municipality(user=user)
    require_edit(user, municipality)
    existing = {
        name.lower()
        for name in Process.objects.filter(municipality=municipality).values_list("name", flat=True)
    }
    phases = {str(label): value for value, label in Phase.choices}
    rows = parse_rows(read_table(data, filename), phases=phases, existing_names=existing)
    plan = kle_plan()
    for row in rows:
        if row.kle_code and not any(e.message == ROW_KLE for e in row.errors):
            try:
                row.kle_code = validate_kle_code(row.kle_code, plan=plan)
            except UserError as error:
                params = {k: v for k, v in error.params.items() if k != "field"}
                row.errors.append(RowError(error.message, params))
    return rows


def _one_task_bpmn(row: ImportRow) -> bytes:
    task = _("Behandling af sagen")
    xml = f"""<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
  xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"
  id="Definitions_1" targetNamespace="https://procesbank.dk/bpmn">
  <bpmn:process id="Process_1" name={quoteattr(row.name)} isExecutable="false">
    <bpmn:startEvent id="StartEvent_1" name="Start"/>
    <bpmn:userTask id="Task_1" name={quoteattr(task)}/>
    <bpmn:endEvent id="EndEvent_1" name="Slut"/>
    <bpmn:sequenceFlow id="Flow_1" sourceRef="StartEvent_1" targetRef="Task_1"/>
    <bpmn:sequenceFlow id="Flow_2" sourceRef="Task_1" targetRef="EndEvent_1"/>
  </bpmn:process>
  <bpmndi:BPMNDiagram id="BPMNDiagram_1">
    <bpmndi:BPMNPlane id="BPMNPlane_1" bpmnElement="Process_1">
      <bpmndi:BPMNShape id="StartEvent_1_di" bpmnElement="StartEvent_1">
        <dc:Bounds x="180" y="160" width="36" height="36"/>
      </bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="Task_1_di" bpmnElement="Task_1">
        <dc:Bounds x="270" y="138" width="100" height="80"/>
      </bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="EndEvent_1_di" bpmnElement="EndEvent_1">
        <dc:Bounds x="420" y="160" width="36" height="36"/>
      </bpmndi:BPMNShape>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>
""".encode()
    doc = parse_upload(xml)
    if row.minutes_per_case or row.it_system:
        minutes = row.minutes_per_case
        set_task_measurements(
            doc,
            "Task_1",
            TaskMeasurements(
                minutes_min=minutes,
                minutes_likely=minutes,
                minutes_max=minutes,
                it_system=row.it_system,
            ),
        )
    return serialize_bpmn(doc)


@transaction.atomic
def catalogue_import_save(*, user: User, rows: list[ImportRow]) -> list[Process]:
    """Create one process per row; refused entirely if any row has a problem."""
    if any(row.errors for row in rows):
        raise PermissionDenied
    created = []
    for row in rows:
        fields: dict[str, object] = {
            "kle_code": row.kle_code,
            "yearly_volume": row.yearly_volume,
            "it_systems": [row.it_system] if row.it_system else [],
            "visibility": Visibility.OWN,
        }
        if row.phase:
            fields["phase"] = row.phase
        created.append(
            process_services.process_create(
                user=user, name=row.name, bpmn_xml=_one_task_bpmn(row), **fields
            )
        )
    return created
