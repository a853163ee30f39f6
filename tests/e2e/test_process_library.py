"""A consultant imports a colleague's BPMN file, looks at it, exports it and imports it again;
a reader from another municipality sees only what was shared."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from procesbank.demo.organisations import load_organisations
from procesbank.organisations.models import User
from procesbank.processes import services
from tests.e2e.conftest import check_accessibility, login, shot

pytestmark = pytest.mark.django_db(transaction=True)
MIWG = Path(__file__).resolve().parents[1] / "data" / "bpmn-miwg"


@pytest.fixture
def demo(transactional_db):
    load_organisations(password="demo")


def test_import_view_export_and_reimport(page: Page, demo, tmp_path):
    login(page, "konsulent.helsingoer", "demo")
    page.get_by_role("link", name="Processer").click()
    expect(page.get_by_text("Der er ingen processer endnu.")).to_be_visible()
    check_accessibility(page)

    page.get_by_role("link", name="Importér BPMN").click()
    page.get_by_label("BPMN-fil").set_input_files(str(MIWG / "A.4.0.bpmn"))
    # The name is shown before saving: the file's definitions name, then the one typed.
    expect(page.get_by_text("Processen får navnet “A.4.0”.")).to_be_visible()
    page.get_by_label("Navn").fill("Ansøgning om enkeltydelse")
    expect(page.get_by_text("Processen får navnet “Ansøgning om enkeltydelse”.")).to_be_visible()
    page.get_by_role("button", name="Importér").click()

    expect(page.get_by_text("“Ansøgning om enkeltydelse” er importeret.")).to_be_visible()
    expect(page.locator("#bpmn-viewer .djs-element").first).to_be_attached()
    expect(page.get_by_role("rowheader", name="Task 3", exact=True)).to_be_visible()
    check_accessibility(page)
    shot(page, "10-process-detail")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="BPMN", exact=True).click()
    exported = tmp_path / "export.bpmn"
    download_info.value.save_as(exported)

    page.goto("/processer/importer/")
    page.get_by_label("BPMN-fil").set_input_files(str(exported))
    page.get_by_label("Navn").fill("Genimporteret")
    page.get_by_role("button", name="Importér").click()
    expect(page.get_by_text("“Genimporteret” er importeret.")).to_be_visible()
    expect(page.get_by_role("rowheader", name="Task 3", exact=True)).to_be_visible()

    page.goto("/processer/")
    page.get_by_label("Søg", exact=True).fill("genimp")
    expect(page.get_by_role("link", name="Genimporteret")).to_be_visible()
    expect(page.get_by_role("link", name="Ansøgning om enkeltydelse")).to_have_count(0)


def test_hostile_file_gets_a_danish_message_and_nothing_is_saved(page: Page, demo, tmp_path):
    hostile = tmp_path / "farlig.bpmn"
    hostile.write_bytes(
        b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b'<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL">&x;</definitions>'
    )
    login(page, "konsulent.helsingoer", "demo")
    page.goto("/processer/importer/")

    page.get_by_label("BPMN-fil").set_input_files(str(hostile))
    page.get_by_role("button", name="Importér").click()

    expect(page.get_by_role("alert")).to_contain_text("DOCTYPE")
    page.goto("/processer/")
    expect(page.get_by_text("Der er ingen processer endnu.")).to_be_visible()


def test_other_municipality_sees_shared_process_read_only(page: Page, demo):
    owner = User.objects.get(username="konsulent.helsingoer")
    services.process_create(user=owner, name="Delt proces", visibility="collaboration")
    services.process_create(user=owner, name="Privat proces")

    login(page, "konsulent.gribskov", "demo")
    page.goto("/processer/")
    # The library opens on the own municipality; the others are one click away.
    expect(page.get_by_text("Viser processer fra Gribskov.")).to_be_visible()
    expect(page.get_by_role("link", name="Delt proces")).to_have_count(0)
    page.get_by_role("link", name=re.compile("Vis alle kommuners processer")).click()
    expect(page.get_by_label("Kommune")).to_have_value("alle")
    page.get_by_label("Søg", exact=True).fill("Delt proces")

    expect(page.get_by_role("link", name="Delt proces")).to_be_visible()
    expect(page.get_by_role("link", name="Privat proces")).to_have_count(0)
    page.get_by_role("link", name="Delt proces").click()
    expect(page.get_by_role("heading", name="Delt proces")).to_be_visible()
    expect(page.get_by_role("link", name="Tegn og mål")).to_have_count(0)


def test_new_process_form_leads_to_the_modeler(page: Page, demo):
    login(page, "konsulent.hilleroed", "demo")
    page.goto("/processer/ny/")
    check_accessibility(page)

    page.get_by_label("Navn").fill("Behandling af ansøgning om enkeltydelse")
    page.get_by_label("KLE-nummer").fill("32.18.08")
    page.get_by_label("Handlingsfacet").fill("g01")
    page.get_by_label("Sager pr. år").fill("1800")
    page.get_by_role("button", name="Opret og tegn processen").click()

    expect(page.get_by_text("Processen er oprettet.")).to_be_visible()
    expect(page.locator('#modeler-canvas g[data-element-id="StartEvent_1"]')).to_be_visible()
    page.get_by_role("link", name="Behandling af ansøgning om enkeltydelse").click()
    expect(page.get_by_text("KLE 32.18.08 G01")).to_be_visible()


def test_wrong_kle_number_is_explained_in_danish(page: Page, demo):
    login(page, "konsulent.hilleroed", "demo")
    page.goto("/processer/ny/")

    page.get_by_label("Navn").fill("Forkert KLE")
    page.get_by_label("KLE-nummer").fill("99.1")
    page.get_by_role("button", name="Opret og tegn processen").click()

    expect(page.get_by_text("KLE-nummeret skal have formen NN.NN.NN, fx 32.18.08.")).to_be_visible()


def test_api_documentation_page_loads_under_the_csp(page: Page, demo):
    login(page, "konsulent.hilleroed", "demo")

    page.goto("/api/v1/docs")

    expect(page.get_by_text("Procesbank API").first).to_be_visible()
