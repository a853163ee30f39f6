"""The municipal landscape, walked as users do: a consultant files a process under KLE with the
picker, by word and then down the tree, with the keyboard only; the collaboration administrator
maps a typed IT-system text onto the dictionary's record."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from procesbank.demo.organisations import load_organisations
from procesbank.dictionary.engine.names import fold
from procesbank.dictionary.models import ItSystem
from procesbank.organisations.models import User
from procesbank.processes import services as process_services
from procesbank.processes.models import Process
from procesbank.processes.services.kle import kle_plan_import
from tests.e2e.conftest import check_accessibility, login, shot

pytestmark = pytest.mark.django_db(transaction=True)

KLE = Path(__file__).resolve().parents[1] / "data" / "kle" / "kle-emneplan-udsnit.xml"


@pytest.fixture
def landscape(transactional_db):
    load_organisations(password="demo")
    kle_plan_import(data=KLE.read_bytes())
    ItSystem.objects.create(name="KMD Nexus", folded=fold("KMD Nexus"))


def test_consultant_picks_kle_by_word_and_down_the_tree_with_the_keyboard(page: Page, landscape):
    login(page, "konsulent.helsingoer", "demo")
    page.goto("/processer/ny/")
    page.get_by_label("Navn").fill("Byggetilladelse til parcelhus")
    kle = page.get_by_role("combobox", name="KLE-nummer")

    kle.fill("byggesag")
    options = page.get_by_role("option")
    expect(options.first).to_have_text("02.34 Byggesagsbehandling")
    expect(kle).to_have_attribute("aria-expanded", "true")
    kle.press("ArrowDown")
    kle.press("Enter")
    # A group: its topics are shown under it.
    expect(kle).to_have_value("02.34")
    expect(options.nth(2)).to_have_text("02.34.02 Fritliggende enfamiliehuse (parcelhuse)")
    shot(page, "kle-picker-tree")
    check_accessibility(page)
    for _ in range(3):
        kle.press("ArrowDown")
    kle.press("Enter")
    expect(kle).to_have_value("02.34.02")
    expect(kle).to_have_attribute("aria-expanded", "false")
    page.get_by_role("button", name="Opret og tegn processen").click()

    page.wait_for_url("**/processer/*/**")
    assert Process.objects.get().kle_code == "02.34.02"


def test_a_kle_number_outside_the_plan_is_refused_on_the_form(page: Page, landscape):
    login(page, "konsulent.helsingoer", "demo")
    page.goto("/processer/ny/")
    page.get_by_label("Navn").fill("Byggesag")
    page.get_by_role("combobox", name="KLE-nummer").fill("02.34.99")
    page.keyboard.press("Escape")

    page.get_by_role("button", name="Opret og tegn processen").click()

    expect(page.get_by_text("KLE-nummeret 02.34.99 findes ikke i KLE-emneplanen")).to_be_visible()


def test_administrator_maps_a_typed_text_onto_the_dictionary(page: Page, landscape):
    process_services.process_create(
        user=User.objects.get(username="konsulent.helsingoer"),
        name="Visitation",
        it_systems=["Nexus"],
    )
    login(page, "samarbejde.admin", "demo")
    page.goto("/ordbog/it-systemer/")
    shot(page, "dictionary-list")
    page.get_by_role("link", name="1 tekst uden it-system").click()
    field = page.get_by_role("combobox", name="It-system for “Nexus”")

    field.fill("nex")
    expect(page.get_by_role("option").first).to_have_text("KMD Nexus")
    field.press("ArrowDown")
    field.press("Enter")
    shot(page, "dictionary-unmapped")
    check_accessibility(page)
    page.get_by_role("button", name="Kobl").click()

    expect(
        page.get_by_text("“Nexus” er koblet til KMD Nexus (1 forekomst rettet).")
    ).to_be_visible()
    assert Process.objects.get().it_systems == ["KMD Nexus"]
