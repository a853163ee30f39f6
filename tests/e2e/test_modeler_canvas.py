"""The modeler's canvas: figures on the tasks, room made for a dropped task, minimap, full
screen, the model check in Danish, and the duration rule in the browser."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from procesbank.demo.organisations import load_organisations
from procesbank.organisations.models import User
from procesbank.processes import services
from procesbank.processes.models import ProcessVersion
from tests.e2e.conftest import check_accessibility, login, shot

pytestmark = pytest.mark.django_db(transaction=True)

# The canvas loads bpmn-js, its plugins and the figures: give a busy test machine time.
WAIT = 20_000

# Start -> A -> B -> End, with 50 px between A and B: too little for a 100 px task.
# A: (10 + 4 x 20 + 30) / 6 = 20 min. per execution, once per case.
# B: (60 + 4 x 90 + 180) / 6 = 100 min. per execution, once per case.
CHAIN = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
  xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"
  xmlns:di="http://www.omg.org/spec/DD/20100524/DI"
  xmlns:pb="https://procesbank.dk/schema/bpmn/1.0"
  id="Definitions_1" targetNamespace="https://procesbank.dk/bpmn">
  <bpmn:process id="Process_1" isExecutable="false">
    <bpmn:startEvent id="StartEvent_1" name="Start">
      <bpmn:outgoing>Flow_1</bpmn:outgoing>
    </bpmn:startEvent>
    <bpmn:task id="Task_A" name="Modtag ansøgning">
      <bpmn:incoming>Flow_1</bpmn:incoming>
      <bpmn:outgoing>Flow_2</bpmn:outgoing>
      <bpmn:extensionElements>
        <pb:measurements minutesMin="10" minutesLikely="20" minutesMax="30" executionsPerCase="1"/>
      </bpmn:extensionElements>
    </bpmn:task>
    <bpmn:task id="Task_B" name="Træf afgørelse">
      <bpmn:incoming>Flow_2</bpmn:incoming>
      <bpmn:outgoing>Flow_3</bpmn:outgoing>
      <bpmn:extensionElements>
        <pb:measurements minutesMin="60" minutesLikely="90" minutesMax="180" executionsPerCase="1"/>
      </bpmn:extensionElements>
    </bpmn:task>
    <bpmn:endEvent id="EndEvent_1" name="Slut">
      <bpmn:incoming>Flow_3</bpmn:incoming>
    </bpmn:endEvent>
    <bpmn:sequenceFlow id="Flow_1" sourceRef="StartEvent_1" targetRef="Task_A"/>
    <bpmn:sequenceFlow id="Flow_2" sourceRef="Task_A" targetRef="Task_B"/>
    <bpmn:sequenceFlow id="Flow_3" sourceRef="Task_B" targetRef="EndEvent_1"/>
  </bpmn:process>
  <bpmndi:BPMNDiagram id="BPMNDiagram_1">
    <bpmndi:BPMNPlane id="BPMNPlane_1" bpmnElement="Process_1">
      <bpmndi:BPMNShape id="StartEvent_1_di" bpmnElement="StartEvent_1">
        <dc:Bounds x="100" y="122" width="36" height="36"/>
      </bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="Task_A_di" bpmnElement="Task_A">
        <dc:Bounds x="190" y="100" width="100" height="80"/>
      </bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="Task_B_di" bpmnElement="Task_B">
        <dc:Bounds x="340" y="100" width="100" height="80"/>
      </bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="EndEvent_1_di" bpmnElement="EndEvent_1">
        <dc:Bounds x="490" y="122" width="36" height="36"/>
      </bpmndi:BPMNShape>
      <bpmndi:BPMNEdge id="Flow_1_di" bpmnElement="Flow_1">
        <di:waypoint x="136" y="140"/><di:waypoint x="190" y="140"/>
      </bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="Flow_2_di" bpmnElement="Flow_2">
        <di:waypoint x="290" y="140"/><di:waypoint x="340" y="140"/>
      </bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="Flow_3_di" bpmnElement="Flow_3">
        <di:waypoint x="440" y="140"/><di:waypoint x="490" y="140"/>
      </bpmndi:BPMNEdge>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>
"""


@pytest.fixture
def version(transactional_db) -> ProcessVersion:
    load_organisations(password="demo")
    user = User.objects.get(username="konsulent.helsingoer")
    process = services.process_create(user=user, name="Boligstøtte, lærred", yearly_volume=1200)
    version = process.versions.get()
    return services.version_save_bpmn(
        user=user, version=version, data=CHAIN.encode(), base_revision=version.revision
    )


def open_modeler(page: Page, version: ProcessVersion) -> None:
    page.set_default_navigation_timeout(WAIT * 3)
    login(page, "konsulent.helsingoer", "demo")
    page.goto(reverse("processes:version_modeler", args=[version.pk]))
    expect(page.locator('#modeler-canvas g[data-element-id="Task_A"]')).to_be_visible(timeout=WAIT)


def figures_of(page: Page, task_id: str):
    return page.locator(f'.djs-overlays[data-container-id="{task_id}"] .pb-figures')


def test_tasks_show_time_per_case_and_hours_per_year(page: Page, version: ProcessVersion):
    open_modeler(page, version)

    # A: 20 min. per case; 20 x 1,200 cases / 60 = 400 hours a year.
    expect(figures_of(page, "Task_A")).to_have_text("20 min. pr. sag400 timer/år", timeout=WAIT)
    # B: 100 min. = 1.67 hours -> "1,7 timer"; 100 x 1,200 / 60 = 2,000 hours a year.
    expect(figures_of(page, "Task_B")).to_have_text("1,7 timer pr. sag2.000 timer/år", timeout=WAIT)
    shot(page, "modeler-figures")

    page.get_by_role("button", name="Tider på opgaverne").click()

    expect(page.locator(".pb-figures")).to_have_count(0)
    expect(page.get_by_role("button", name="Tider på opgaverne")).to_have_attribute(
        "aria-pressed", "false"
    )


def test_figures_follow_a_new_measurement(page: Page, version: ProcessVersion):
    open_modeler(page, version)
    page.locator('#task-list [data-element-id="Task_A"]').click()

    page.get_by_label("Mindst").fill("30")
    page.get_by_label("Mest sandsynlig").fill("45")
    page.get_by_label("Højst").fill("120")

    # (30 + 4 x 45 + 120) / 6 = 55 min.; 55 x 1,200 / 60 = 1,100 hours a year.
    expect(figures_of(page, "Task_A")).to_have_text("55 min. pr. sag1.100 timer/år", timeout=WAIT)


def _boxes(page: Page) -> dict[str, dict[str, float]]:
    """The diagram's shapes (no labels, no root) in diagram coordinates."""
    return page.evaluate(
        """() => {
            const boxes = {};
            for (const node of document.querySelectorAll("#modeler-canvas g.djs-shape")) {
              const id = node.dataset.elementId;
              if (id.endsWith("_label")) continue;
              const rect = node.querySelector(".djs-hit") || node;
              const box = rect.getBBox();
              const matrix = node.transform.baseVal.consolidate()?.matrix;
              boxes[id] = {x: box.x + (matrix ? matrix.e : 0), y: box.y + (matrix ? matrix.f : 0),
                           width: box.width, height: box.height};
            }
            return boxes;
        }"""
    )


def _overlap(a: dict[str, float], b: dict[str, float]) -> bool:
    return (
        a["x"] < b["x"] + b["width"]
        and b["x"] < a["x"] + a["width"]
        and a["y"] < b["y"] + b["height"]
        and b["y"] < a["y"] + a["height"]
    )


def test_task_dropped_on_a_flow_makes_room(page: Page, version: ProcessVersion):
    open_modeler(page, version)
    entry = page.locator('.djs-palette [data-action="create.task"]')
    flow = page.locator('#modeler-canvas g.djs-connection[data-element-id="Flow_2"]')
    start = entry.bounding_box()
    line = flow.bounding_box()
    assert start
    assert line

    page.mouse.move(start["x"] + start["width"] / 2, start["y"] + start["height"] / 2)
    page.mouse.down()
    target_x, target_y = line["x"] + line["width"] / 2, line["y"] + line["height"] / 2
    page.mouse.move(target_x - 40, target_y - 40, steps=5)
    page.mouse.move(target_x, target_y, steps=5)
    page.mouse.up()

    # The new task sits between A and B in the flow (the task list follows the flow) ...
    items = page.locator("#task-list [data-element-id]")
    expect(items).to_have_count(3, timeout=WAIT)
    ids = items.evaluate_all("nodes => nodes.map(node => node.dataset.elementId)")
    assert ids[0] == "Task_A"
    assert ids[2] == "Task_B"
    # ... and no shape lies on another.
    boxes = _boxes(page)
    assert len(boxes) == 5, boxes
    overlaps = [
        (first, second)
        for first in boxes
        for second in boxes
        if first < second and _overlap(boxes[first], boxes[second])
    ]
    assert overlaps == []
    new = boxes[ids[1]]
    assert boxes["Task_A"]["x"] + 100 < new["x"] < boxes["Task_B"]["x"] - 100
    shot(page, "modeler-dropped-on-flow")

    # One undo takes the task and the room away together.
    page.get_by_role("application", name="Tegneflade for BPMN-diagrammet").focus()
    page.keyboard.press("Control+z")
    expect(items).to_have_count(2)
    assert _boxes(page)["Task_B"]["x"] == 340


def test_minimap_full_screen_and_model_check(page: Page, version: ProcessVersion):
    open_modeler(page, version)
    expect(page.locator("#modeler-canvas .djs-minimap")).to_be_visible(timeout=WAIT)
    expect(page.locator("#modeler-canvas .bjs-powered-by")).to_be_visible()
    # The rule set finds nothing wrong with a named chain from start to end.
    expect(page.locator("#modeler-canvas .bjsl-button")).to_have_text(
        re.compile("Ingen problemer"), timeout=WAIT
    )
    canvas = page.locator("#modeler-canvas")
    before = canvas.bounding_box()
    assert before

    page.get_by_role("button", name="Fuld skærm").click()

    after = canvas.bounding_box()
    assert after
    assert after["height"] > before["height"]
    assert after["width"] >= before["width"]
    expect(page.get_by_role("button", name="Fuld skærm")).to_have_attribute("aria-pressed", "true")
    shot(page, "modeler-full-screen")
    check_accessibility(page)

    page.get_by_role("button", name="Fuld skærm").click()

    assert canvas.bounding_box() == before


def test_model_check_speaks_danish(page: Page, version: ProcessVersion):
    page.set_default_navigation_timeout(WAIT * 3)
    login(page, "konsulent.helsingoer", "demo")
    user = User.objects.get(username="konsulent.helsingoer")
    blank = services.process_create(user=user, name="Tom proces", yearly_volume=10)
    page.goto(reverse("processes:version_modeler", args=[blank.versions.get().pk]))

    # A lone start event: no end event and connected to nothing (2 errors), and the flow
    # ends in mid-air (1 warning).
    expect(page.locator("#modeler-canvas .bjsl-button")).to_have_text(
        re.compile("Fejl: 2 · advarsler: 1"), timeout=WAIT
    )
    # The rules' messages in Danish, on the marks of the elements they concern.
    issues = page.locator("#modeler-canvas .bjsl-issues")
    expect(issues.filter(has_text="Processen mangler en sluthændelse")).to_have_count(1)
    expect(
        issues.filter(has_text="Elementet er ikke forbundet med resten af processen")
    ).to_have_count(1)


# The same table as procesbank/kit/tests/test_durations.py: one rule on both sides.
DURATIONS = [
    (21535, "15 dage", "15 days"),
    (45, "45 min.", "45 min."),
    (2.5, "2,5 min.", "2.5 min."),
    (11.7, "11,7 min.", "11.7 min."),
    (0, "0 min.", "0 min."),
    (59.96, "60 min.", "60 min."),
    (60, "1 time", "1 hour"),
    (90, "1,5 timer", "1.5 hours"),
    (120, "2 timer", "2 hours"),
    (15 * 60, "15 timer", "15 hours"),
    (1440, "1 dag", "1 day"),
    (3600, "2,5 dage", "2.5 days"),
    (1500 * 1440, "1.500 dage", "1,500 days"),
    (-90, "-1,5 timer", "-1.5 hours"),
    (None, "", ""),
    ("", "", ""),
    ("abc", "", ""),
]


def test_browser_durations_follow_the_server_rule(page: Page, version: ProcessVersion):
    open_modeler(page, version)

    shown = page.evaluate(
        """(values) => values.map((value) =>
             [window.procesbankDuration(value, "da"), window.procesbankDuration(value, "en")])""",
        [minutes for minutes, _da, _en in DURATIONS],
    )

    assert shown == [[danish, english] for _minutes, danish, english in DURATIONS]
