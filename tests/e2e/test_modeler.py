"""A consultant draws and measures a process in the modeler (bpmn-js) and saves it."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from procesbank.demo.organisations import load_organisations
from procesbank.organisations.models import User
from procesbank.processes import services
from procesbank.processes.models import Process, ProcessVersion, TaskMeasurement
from tests.e2e.conftest import check_accessibility, login, shot

pytestmark = pytest.mark.django_db(transaction=True)

TASK = '#modeler-canvas g.djs-shape[data-element-id^="Activity_"]'


@pytest.fixture
def version(transactional_db) -> ProcessVersion:
    load_organisations(password="demo")
    user = User.objects.get(username="konsulent.helsingoer")
    process = services.process_create(user=user, name="Enkeltydelse, modeller", yearly_volume=1800)
    return process.versions.get()


def open_modeler(page: Page, version: ProcessVersion) -> None:
    page.goto(reverse("processes:version_modeler", args=[version.pk]))
    expect(page.locator('#modeler-canvas g[data-element-id="StartEvent_1"]')).to_be_visible()


def append_task(page: Page, name: str) -> None:
    """Select the start event, append a task from its context pad and name it."""
    page.locator('#modeler-canvas g[data-element-id="StartEvent_1"]').click()
    page.get_by_title("Tilføj opgave").click()  # the context pad, in Danish
    page.keyboard.type(name)
    box = page.locator("#modeler-canvas").bounding_box()
    assert box
    page.mouse.click(box["x"] + box["width"] * 0.7, box["y"] + box["height"] * 0.85)
    expect(page.locator(TASK)).to_have_count(1)


def test_draw_measure_save_and_reload(page: Page, version: ProcessVersion):
    login(page, "konsulent.helsingoer", "demo")
    open_modeler(page, version)
    panel = page.locator("#task-panel")
    expect(panel.get_by_text("Vælg en opgave i diagrammet")).to_be_visible()

    append_task(page, "Behandl ansøgning")
    page.locator(TASK).click()
    expect(page.locator("#task-form")).to_be_visible()
    expect(page.locator("[data-task-name]")).to_have_text("Behandl ansøgning")

    # The browser refuses an impossible estimate before it reaches the model.
    page.get_by_label("Mindst").fill("30")
    page.get_by_label("Mest sandsynlig").fill("10")
    page.get_by_label("Højst").fill("25")
    expect(page.locator("[data-task-error]")).to_have_text("Mindst ≤ mest sandsynlig ≤ højst.")

    page.get_by_label("Mindst").fill("5")
    page.get_by_label("It-system").fill("KMD Nexus")
    expect(page.locator("[data-task-error]")).to_be_hidden()
    # (5 + 4 × 10 + 25) / 6 = 11.67 minutes, recalculated on the server before saving
    metrics = page.locator("#modeler-metrics")
    expect(metrics).to_contain_text(re.compile(r"Behandlingstid pr\. sag\s+11,7 min"))
    expect(page.locator("#save-status")).to_have_text(re.compile("Ikke gemte ændringer"))
    check_accessibility(page)
    shot(page, "modeler-01-measured")

    page.get_by_label("Kommentar til ændringen").fill("Første opgave")
    page.get_by_role("button", name="Gem").click()
    expect(page.locator("#save-status")).to_have_text("Gemt som udgave 2.")
    expect(page.locator("#modeler")).to_have_attribute("data-revision", "2")

    row = TaskMeasurement.objects.get(version=version)
    assert (row.name, row.minutes_min, row.minutes_likely, row.minutes_max) == (
        "Behandl ansøgning",
        5,
        10,
        25,
    )
    assert (row.executions_per_case, row.waiting_minutes, row.it_system) == (1, None, "KMD Nexus")

    page.reload()
    expect(page.locator(TASK)).to_have_count(1)
    expect(page.locator("#modeler-metrics")).to_contain_text(
        re.compile(r"Behandlingstid pr\. sag\s+11,7 min")
    )
    page.locator(TASK).click()
    expect(page.get_by_label("Mindst")).to_have_value("5")
    expect(page.get_by_label("Mest sandsynlig")).to_have_value("10")
    expect(page.get_by_label("Højst")).to_have_value("25")
    expect(page.get_by_label("It-system")).to_have_value("KMD Nexus")
    shot(page, "modeler-02-reloaded")


@pytest.mark.expected_console("status of 409")
def test_stale_save_keeps_the_work_and_offers_a_download(page: Page, version: ProcessVersion):
    login(page, "konsulent.helsingoer", "demo")
    open_modeler(page, version)

    # Meanwhile a colleague saves the same version.
    colleague = User.objects.get(username="admin.helsingoer")
    services.version_save_bpmn(
        user=colleague,
        version=version,
        data=version.bpmn_xml.encode("utf-8"),
        base_revision=version.revision,
        comment="Kollegas ændring",
    )

    append_task(page, "Min opgave")
    page.get_by_role("button", name="Gem").click()

    status = page.locator("#save-status")
    expect(status).to_contain_text("Jesper Dahl")
    download_link = status.get_by_role("link", name="Download din udgave")
    expect(download_link).to_be_visible()
    with page.expect_download() as download_info:
        download_link.click()
    download = download_info.value
    assert download.suggested_filename == "enkeltydelse-modeller-som-er.bpmn"
    with open(download.path(), encoding="utf-8") as saved:
        assert 'name="Min opgave"' in saved.read()

    # Nothing was overwritten, and the user's drawing is still on the canvas.
    current = Process.objects.get(pk=version.process_id).versions.get()
    assert current.revision == 2
    assert "Min opgave" not in current.bpmn_xml
    expect(page.locator(TASK)).to_have_count(1)
    expect(page.locator("#modeler")).to_have_attribute("data-revision", "1")
    shot(page, "modeler-03-stale")
