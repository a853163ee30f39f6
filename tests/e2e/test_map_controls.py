"""The process map's controls change the map in place (WCAG 3.2.2): an arrow key on a slider
or a radio button keeps focus and never reloads the page; the map has its tables (1.1.1)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from procesbank.demo.organisations import load_organisations
from procesbank.mining.tests.test_models import import_log
from procesbank.organisations.models import User
from tests.e2e.conftest import check_accessibility, login, shot
from tests.e2e.test_keyboard import tab_to

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def receipt(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    load_organisations(password="demo")
    user = User.objects.get(username="konsulent.helsingoer")
    return import_log(user, "receipt.xes.gz", name="Kvittering")


def test_arrow_keys_on_the_map_controls_keep_focus_and_do_not_reload(page: Page, receipt):
    login(page, "konsulent.helsingoer", "demo")
    page.goto(f"/procesanalyse/{receipt.pk}/kort/")
    canvas = page.get_by_test_id("process-map")
    expect(canvas).to_have_attribute("data-ready", "true")
    page.evaluate("() => { window.notReloaded = true; }")
    before = int(page.locator("#activities-slider").input_value())
    shown = page.locator(".map-node--activity").count()

    tab_to(page, "#activities-slider")
    page.keyboard.press("ArrowRight")
    expect(canvas).to_have_attribute("data-version", "1")
    expect(page).to_have_url(re.compile(f"aktiviteter={before + 1}"))
    assert page.evaluate("() => document.activeElement.id") == "activities-slider"
    assert page.evaluate("() => window.notReloaded") is True

    # The radio buttons: the arrow key moves to "Tid (median)", the map shows times.
    tab_to(page, "input[name=visning]", backwards=True)
    page.keyboard.press("ArrowRight")
    expect(canvas).to_have_attribute("data-version", "2")
    expect(page).to_have_url(re.compile("visning=tid"))
    assert page.evaluate("() => document.activeElement.value") == "tid"
    assert page.evaluate("() => window.notReloaded") is True
    assert '"mode": "performance"' in page.locator("#map-data").text_content()

    # The tables hold the same activities and arcs as the drawing.
    page.locator("[data-testid=map-tables] summary").focus()
    page.keyboard.press("Enter")
    tables = page.get_by_test_id("map-tables")
    drawn = page.locator(".map-node--activity").count()
    assert drawn >= shown
    expect(tables.locator("table").first.locator("tbody tr")).to_have_count(drawn)
    arcs = page.locator(".map-edge").count()
    expect(tables.locator("table").nth(1).locator("tbody tr")).to_have_count(arcs)
    check_accessibility(page)
    shot(page, "keyboard-03-map")
