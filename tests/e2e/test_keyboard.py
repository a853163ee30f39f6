"""Keyboard-only use of the modeler, the process map and the business case (issue 19,
findings 3, 4 and the keyboard-only journey): only page.keyboard, never a mouse click."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from procesbank.demo.organisations import load_organisations
from procesbank.economics.tests.factories import four_year_case
from procesbank.mining.tests.test_models import import_log
from procesbank.organisations.models import User
from procesbank.processes import services
from procesbank.processes.engine.bpmn import parse_bpmn
from procesbank.processes.models import ProcessVersion, TaskMeasurement
from procesbank.processes.tests.conftest import two_task_bpmn
from procesbank.processes.tests.test_outline import APPLICATION
from tests.e2e.conftest import check_accessibility, shot

pytestmark = pytest.mark.django_db(transaction=True)

TASK = '#modeler-canvas g.djs-shape[data-element-id^="Activity_"]'


def tab_to(page: Page, selector: str, *, limit: int = 80, backwards: bool = False) -> None:
    """Press Tab (or Shift+Tab) until the element matching ``selector`` has focus."""
    for _ in range(limit):
        if page.evaluate("s => !!document.activeElement?.matches(s)", selector):
            return
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
    raise AssertionError(f"{selector} never got focus by Tab")


def follow(page: Page, selector: str, *, backwards: bool = False) -> None:
    """Tab to a link (or a submit button) and press Enter; wait for the new page."""
    tab_to(page, selector, backwards=backwards)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def focused(page: Page) -> str:
    return page.evaluate(
        "() => { const n = document.activeElement;"
        " return n.id || n.getAttribute('name') || n.dataset.elementId || n.tagName; }"
    )


@pytest.fixture
def version(transactional_db) -> ProcessVersion:
    load_organisations(password="demo")
    user = User.objects.get(username="konsulent.helsingoer")
    process = services.process_create(user=user, name="Enkeltydelse, tastatur", yearly_volume=600)
    return process.versions.get()


def keyboard_login(page: Page) -> None:
    page.goto("/konto/log-ind/")
    tab_to(page, "#id_username")
    page.keyboard.type("konsulent.helsingoer")
    page.keyboard.press("Tab")
    page.keyboard.type("demo")
    page.keyboard.press("Enter")
    expect(page).not_to_have_url(re.compile("log-ind"))


def test_the_task_list_adds_renames_measures_and_deletes_tasks(page: Page, version):
    keyboard_login(page)
    page.goto(reverse("processes:version_modeler", args=[version.pk]))
    expect(page.locator('#modeler-canvas g[data-element-id="StartEvent_1"]')).to_be_visible()
    # The canvas itself: the model check and colour picker add their own small svg icons.
    svg = page.locator('#modeler-canvas svg[role="application"]')
    expect(svg).to_have_attribute("aria-label", "Tegneflade for BPMN-diagrammet")
    expect(svg).to_have_attribute("aria-describedby", "modeler-instructions")
    expect(page.locator("[data-task-list-empty]")).to_be_visible()

    # Add two tasks: the second goes between the first and what followed it.
    tab_to(page, "#task-add")
    page.keyboard.press("Enter")
    expect(page.locator("#task-form [name=taskName]")).to_be_focused()
    page.keyboard.type("Modtag ansøgning")
    page.keyboard.press("Enter")
    tab_to(page, "[data-task-append]")
    page.keyboard.press("Enter")
    page.keyboard.type("Træf afgørelse")
    page.keyboard.press("Tab")
    expect(page.locator(TASK)).to_have_count(2)
    items = page.locator("#task-list .task-list__name")
    expect(items).to_have_text(["Modtag ansøgning", "Træf afgørelse"])

    # Select the first task through the list: it is selected on the canvas too.
    tab_to(page, "#task-list [data-element-id]", backwards=True)
    page.keyboard.press("Home")
    page.keyboard.press("Enter")
    first = page.locator("#task-list [data-element-id]").first
    expect(first).to_have_attribute("aria-current", "true")
    first_id = first.get_attribute("data-element-id")
    expect(
        page.locator(f'#modeler-canvas g.djs-element[data-element-id="{first_id}"]')
    ).to_have_class(re.compile("selected"))
    expect(page.locator("[data-task-name]")).to_have_text("Modtag ansøgning")

    # Measurements, as in the panel: (5 + 4 × 10 + 25) / 6 = 11.67 minutes per case.
    tab_to(page, "#task-form [name=minutesMin]")
    page.keyboard.type("5")
    page.keyboard.press("Tab")
    page.keyboard.type("10")
    page.keyboard.press("Tab")
    page.keyboard.type("25")
    tab_to(page, "#task-form [name=itSystem]")
    page.keyboard.type("KMD Nexus")
    page.keyboard.press("Tab")
    expect(page.locator("#modeler-metrics")).to_contain_text(
        re.compile(r"Behandlingstid pr\. sag\s+11,7 min")
    )
    expect(first.locator(".task-list__meta")).to_have_text("5–10–25 min. · KMD Nexus")

    # Change its type through bpmn-js's replace menu: search, Enter; focus comes back.
    tab_to(page, "[data-task-replace]")
    page.keyboard.press("Enter")
    expect(page.locator(".djs-popup-search input")).to_be_focused()
    page.keyboard.type("Brugeropgave")
    page.keyboard.press("Enter")
    expect(page.locator(".djs-popup")).to_have_count(0)
    expect(page.locator("[data-task-replace]")).to_be_focused()
    expect(first.locator(".task-list__name")).to_have_text("Modtag ansøgning")

    # Delete the second task: a dialog asks first; Escape keeps it, confirming removes it.
    tab_to(page, "#task-list [data-element-id]", backwards=True)
    page.keyboard.press("End")
    page.keyboard.press("Enter")
    tab_to(page, "[data-task-delete]")
    page.keyboard.press("Enter")
    dialog = page.locator("#task-delete-dialog")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("Opgaven “Træf afgørelse” og dens pile slettes.")
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(page.locator(TASK)).to_have_count(2)
    expect(page.locator("[data-task-delete]")).to_be_focused()
    page.keyboard.press("Enter")
    tab_to(page, "#task-delete-dialog [data-confirm]", backwards=True)
    page.keyboard.press("Enter")
    expect(page.locator(TASK)).to_have_count(1)
    expect(page.locator("#task-list-status")).to_contain_text(
        "Opgaven “Træf afgørelse” er slettet."
    )
    expect(items).to_have_text(["Modtag ansøgning"])

    # The shortcuts: "?" opens the help; Escape closes it.
    page.keyboard.press("Escape")
    tab_to(page, "#shortcuts-button", backwards=True)
    page.keyboard.press("?")
    expect(page.locator("#shortcuts-dialog")).to_be_visible()
    expect(page.locator("#shortcuts-dialog")).to_contain_text("Omdøb det valgte element")
    check_accessibility(page)
    shot(page, "keyboard-01-shortcuts")
    page.keyboard.press("Escape")
    expect(page.locator("#shortcuts-dialog")).to_be_hidden()

    # Save with Ctrl+S; the model on the server has the measured task and no deleted one.
    page.keyboard.press("Control+s")
    expect(page.locator("#save-status")).to_have_text("Gemt som udgave 2.")
    row = TaskMeasurement.objects.get(version=version)
    assert (
        row.kind,
        row.name,
        row.minutes_min,
        row.minutes_likely,
        row.minutes_max,
        row.it_system,
    ) == (
        "userTask",
        "Modtag ansøgning",
        5,
        10,
        25,
        "KMD Nexus",
    )
    check_accessibility(page)
    shot(page, "keyboard-02-modeler")


@pytest.fixture
def journey(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    load_organisations(password="demo")
    user = User.objects.get(username="konsulent.helsingoer")
    # Imported, so Procesbank draws the diagram the modeler shows (the XML has none).
    process = services.process_import_bpmn(user=user, data=two_task_bpmn(), name="Enkeltydelse")
    process = process.process
    return {
        "process": process,
        "eventlog": import_log(user, "running-example.xes", name="Eksempel"),
        "case": four_year_case(user, name="Digital ansøgning"),
    }


def test_keyboard_only_journey(page: Page, journey):
    """Log in, open a process, select a task in the modeler through the task list, enter
    measurements, save, use the map's controls, add a business-case line, log out: Tab,
    Enter, arrows and typing only."""
    process = journey["process"]
    eventlog = journey["eventlog"]
    project_id = journey["case"].project_id
    keyboard_login(page)

    # Open the process from the menu and the list, then its modeler.
    follow(page, 'a[href="/processer/"]')
    follow(page, f'a[href="/processer/{process.pk}/"]')
    expect(page.locator("h1")).to_contain_text("Enkeltydelse")
    follow(page, 'a[href*="/modeller/"]')
    expect(page.locator("#task-list [data-element-id]")).to_have_count(2)
    version = ProcessVersion.objects.get(pk=int(page.url.rstrip("/").split("/")[-2]))

    # The second task through the list; new measurements; Ctrl+S saves them.
    tab_to(page, "#task-list [data-element-id]")
    expect(page.locator("#task-list [data-element-id]").first).to_be_focused()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(page.locator("[data-task-name]")).to_have_text("Træf afgørelse")
    expect(page.locator('#modeler-canvas g.djs-element[data-element-id="T2"]')).to_have_class(
        re.compile("selected")
    )
    for name, value in (("minutesMin", "6"), ("minutesLikely", "12"), ("minutesMax", "30")):
        tab_to(page, f"#task-form [name={name}]")
        page.keyboard.press("Control+a")
        page.keyboard.type(value)
    page.keyboard.press("Tab")
    expect(page.locator("#save-status")).to_have_text(re.compile("Ikke gemte ændringer"))
    page.keyboard.press("Control+s")
    expect(page.locator("#save-status")).to_have_text(re.compile("Gemt som udgave"))
    row = TaskMeasurement.objects.get(version=version, element_id="T2")
    assert (row.minutes_min, row.minutes_likely, row.minutes_max) == (6, 12, 30)

    # The process map: an arrow key on the slider updates the map in place.
    follow(page, 'a[href="/procesanalyse/"]', backwards=True)
    follow(page, f'a[href="/procesanalyse/{eventlog.pk}/"]')
    follow(page, f'a[href^="/procesanalyse/{eventlog.pk}/kort/"]')
    expect(page.get_by_test_id("process-map")).to_have_attribute("data-ready", "true")
    tab_to(page, "#paths-slider")
    page.keyboard.press("ArrowLeft")
    expect(page.get_by_test_id("process-map")).to_have_attribute("data-version", "1")
    assert focused(page) == "paths-slider"

    # A line in the business case, from the project's page.
    follow(page, 'a[href="/projekter/"]', backwards=True)
    follow(page, f'a[href="/projekter/{project_id}/"]')
    follow(page, f'a[href="/projekter/{project_id}/business-case/"]')
    add_line = f'form[action="{reverse("economics:business_case_line_add", args=[project_id])}"]'
    tab_to(page, f"{add_line} [name=name]")
    page.keyboard.type("Support")
    tab_to(page, f"{add_line} [name=likely]")
    page.keyboard.type("10.000; 10.000; 10.000; 10.000")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_text("Linjen “Support” er tilføjet.")).to_be_visible()

    # Log out through the user menu.
    tab_to(page, ".user-menu summary", backwards=True)
    page.keyboard.press("Enter")
    follow(page, 'form[action="/sso/log-ud/"] button')
    expect(page).to_have_url(re.compile("log-ind|/$"))
    expect(page.locator(".user-menu")).to_have_count(0)


def test_the_task_list_reaches_a_gateways_branches(page: Page, transactional_db):
    load_organisations(password="demo")
    user = User.objects.get(username="konsulent.helsingoer")
    imported = services.process_import_bpmn(user=user, data=APPLICATION, name="Ansøgning")
    version = imported.process.versions.get()
    keyboard_login(page)
    page.goto(reverse("processes:version_modeler", args=[version.pk]))

    # Tasks and branches in walking order: the gateway's two flows right after it is reached.
    expect(page.locator("#task-list .task-list__name")).to_have_text(
        [
            "Modtag ansøgning",
            "Komplet? → ja: Træf afgørelse",
            "Komplet? → nej: Bed om oplysninger",
            "Træf afgørelse",
            "Bed om oplysninger",
        ]
    )
    tab_to(page, "#task-list [data-element-id]")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(page.locator("#flow-form")).to_be_visible()
    tab_to(page, "#flow-form [name=probability]")
    page.keyboard.press("Control+a")
    page.keyboard.type("20")
    page.keyboard.press("Tab")
    branch = page.locator('#task-list [data-element-id="f4"] .task-list__meta')
    expect(branch).to_have_text("20 %")
    page.keyboard.press("Control+s")
    expect(page.locator("#save-status")).to_have_text(re.compile("Gemt som udgave"))

    version.refresh_from_db()
    flows = parse_bpmn(version.bpmn_xml.encode()).flows
    assert (flows["f3"].probability, flows["f4"].probability) == (0.8, 0.2)
