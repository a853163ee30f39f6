"""The review checklist on models built by hand (no database)."""

from __future__ import annotations

from procesbank.governance.engine.checklist import checklist_passes, review_checklist
from procesbank.processes.engine.bpmn import parse_bpmn
from procesbank.processes.tests.conftest import two_task_bpmn

HEAD = (
    '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" '
    'id="D" targetNamespace="t">'
)


def _doc(body: str):
    return parse_bpmn(
        f'{HEAD}<bpmn:process id="P">{body}</bpmn:process></bpmn:definitions>'.encode()
    )


def _failing(items):
    return {item.key: item.offenders for item in items if not item.ok}


def test_a_conventional_model_with_description_and_owner_passes():
    items = review_checklist(parse_bpmn(two_task_bpmn()), has_description=True, has_owner=True)

    assert checklist_passes(items)
    assert [item.key for item in items] == [
        "start_and_end",
        "tasks_named",
        "tasks_in_lanes",
        "all_reachable",
        "no_dead_ends",
        "description",
        "owner",
    ]


def test_missing_description_and_owner_fail_their_items():
    items = review_checklist(parse_bpmn(two_task_bpmn()), has_description=False, has_owner=False)

    assert _failing(items) == {"description": (), "owner": ()}


def test_unnamed_task_outside_lanes_unreachable_and_dead_end_are_named():
    # S -> T1 -> E; T2 (no name) hangs alone: unreachable and a dead end; no lanes at all.
    doc = _doc(
        '<bpmn:startEvent id="S"/><bpmn:task id="T1" name="Registrér"/><bpmn:task id="T2"/>'
        '<bpmn:endEvent id="E"/>'
        '<bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="T1"/>'
        '<bpmn:sequenceFlow id="F2" sourceRef="T1" targetRef="E"/>'
    )

    items = review_checklist(doc, has_description=True, has_owner=True)

    assert _failing(items) == {
        "tasks_named": ("T2",),
        "tasks_in_lanes": ("Registrér", "T2"),
        "all_reachable": ("T2",),
        "no_dead_ends": ("T2",),
    }


def test_a_model_without_end_event_fails_start_and_end():
    doc = _doc(
        '<bpmn:laneSet id="LS"><bpmn:lane id="L" name="Sagsbehandler">'
        "<bpmn:flowNodeRef>T1</bpmn:flowNodeRef></bpmn:lane></bpmn:laneSet>"
        '<bpmn:startEvent id="S"/><bpmn:task id="T1" name="Registrér"/>'
        '<bpmn:sequenceFlow id="F1" sourceRef="S" targetRef="T1"/>'
    )

    items = review_checklist(doc, has_description=True, has_owner=True)

    assert _failing(items) == {"start_and_end": (), "no_dead_ends": ("Registrér",)}
