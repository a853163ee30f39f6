"""Gribskov's consultant finds Helsingør's shared process in the shared catalogue, reuses it,
sees the copy in Gribskov's own space, then marks interest in Hillerød's automation candidate
and comments on it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from procesbank.catalogue import services as catalogue_services
from procesbank.catalogue.tests.conftest import measure
from procesbank.demo.organisations import load_organisations
from procesbank.organisations.models import User
from procesbank.processes import services
from procesbank.processes.tests.conftest import two_task_bpmn
from tests.e2e.conftest import check_accessibility, login, shot

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo(transactional_db):
    load_organisations(password="demo")
    helsingoer = User.objects.get(username="konsulent.helsingoer")
    shared = services.process_create(
        user=helsingoer,
        name="Behandling af ansøgning om enkeltydelse",
        bpmn_xml=two_task_bpmn(),
        kle_code="32.18.08",
        yearly_volume=1413,
        visibility="collaboration",
    )
    measure(helsingoer, shared)  # the comparison draws its chart only from measured tasks
    services.process_create(user=helsingoer, name="Helsingørs private udkast")
    hilleroed = User.objects.get(username="konsulent.hilleroed")
    catalogue_services.candidate_create(
        user=hilleroed,
        title="Automatisk kontering af kreditorfakturaer",
        summary="Faste leverandørers fakturaer konteres automatisk.",
        answers={"rule_based": "high", "digital_input": "some"},
        internal_notes="Afventer budget",
        visibility="collaboration",
    )


def test_reuse_a_shared_process_and_join_a_candidate(page: Page, demo):
    login(page, "konsulent.gribskov", "demo")
    page.get_by_role("link", name="Fælles katalog").click()
    expect(page.get_by_role("heading", name="Fælles katalog")).to_be_visible()
    expect(page.get_by_text("Helsingørs private udkast")).to_have_count(0)
    check_accessibility(page)
    shot(page, "40-catalogue")

    page.get_by_role("searchbox", name="Søg", exact=True).fill("enkeltydelse")
    page.locator("#main").get_by_role("button", name="Søg", exact=True).click()
    expect(page).to_have_url(re.compile(r"q=enkeltydelse"))
    expect(page.get_by_role("link", name="Behandling af ansøgning om enkeltydelse")).to_be_visible()
    page.get_by_role("button", name="Genbrug Behandling af ansøgning om enkeltydelse").click()

    expect(page.get_by_text("er kopieret til din kommune")).to_be_visible()
    expect(page.get_by_text("Kilden er ikke ændret, siden du kopierede.")).to_be_visible()
    check_accessibility(page)
    shot(page, "41-reuse")
    page.get_by_role("link", name="Åbn kopien").click()
    expect(
        page.get_by_role("heading", name="Behandling af ansøgning om enkeltydelse")
    ).to_be_visible()
    expect(page.locator(".lead")).to_contain_text("Gribskov")
    expect(page.locator(".lead")).to_contain_text("Kun egen kommune")

    page.goto("/katalog/?vis=kandidater")
    page.get_by_role("link", name="Automatisk kontering af kreditorfakturaer").click()
    expect(page.get_by_text("Afventer budget")).to_have_count(0)
    page.get_by_role("button", name="Vi er også interesserede").click()
    expect(page.get_by_text("Din kommune er markeret som interesseret.")).to_be_visible()
    page.get_by_label("Kommentar", exact=True).fill(
        "Vi bruger også Prisme. @konsulent.hilleroed kan vi se reglerne?"
    )
    page.get_by_role("button", name="Tilføj kommentar").click()

    expect(page.get_by_text("Kommentaren er tilføjet.")).to_be_visible()
    expect(page.locator(".comment")).to_contain_text("Vi bruger også Prisme.")
    expect(page.get_by_role("region", name="Også interesserede")).to_contain_text("Gribskov")
    check_accessibility(page)
    shot(page, "42-candidate")

    page.goto("/katalog/sammenlign/?kle=32.18")
    expect(page.get_by_role("rowheader", name="Helsingør")).to_be_visible()
    expect(page.locator("#comparison-chart canvas")).to_be_attached()
    check_accessibility(page)
    shot(page, "43-comparison")


def test_register_candidate_facts_and_pick_columns(page: Page, demo):
    login(page, "konsulent.hilleroed", "demo")
    page.goto("/katalog/kandidater/ny/")
    page.get_by_label("Titel").fill("Robot til ydelsesregistrering")
    page.get_by_label("Økonomi").check()
    page.get_by_label("Social", exact=True).check()
    page.get_by_label("Kørselsfrekvens").select_option(label="Ugentligt")
    page.get_by_label("KL's generiske proces").check()
    page.get_by_label("Leverandør").fill("Netcompany")
    page.get_by_label("ESDH-reference").fill("00.01.00-A00-9-26")
    check_accessibility(page)
    shot(page, "44-candidate-form-facts")
    page.get_by_role("button", name="Opret kandidat").click()

    expect(page.get_by_text("Kandidaten er oprettet.")).to_be_visible()
    # The full record's sections (each a <details> group named by its heading).
    expect(page.get_by_role("group", name="Grundoplysninger")).to_contain_text("Social, Økonomi")
    expect(page.get_by_role("group", name="Drift", exact=True)).to_contain_text("Ugentligt")
    expect(page.get_by_role("group", name="Interne noter")).to_contain_text("00.01.00-A00-9-26")
    check_accessibility(page)
    shot(page, "45-candidate-facts")

    page.goto("/katalog/?vis=kandidater")
    page.get_by_text("Kolonner", exact=True).click()
    page.get_by_role("checkbox", name="Fagområder").check()
    page.get_by_role("checkbox", name="Potentiale").uncheck()
    expect(page).to_have_url(re.compile(r"kolonner=domains"))
    expect(page.get_by_role("columnheader", name="Fagområder")).to_be_visible()
    expect(page.get_by_role("columnheader", name="Potentiale")).to_have_count(0)
    page.get_by_label("Fagområde", exact=True).select_option(label="Økonomi")
    expect(page.get_by_role("link", name="Robot til ydelsesregistrering")).to_be_visible()
    other = page.get_by_role("link", name="Automatisk kontering af kreditorfakturaer")
    expect(other).to_have_count(0)
    check_accessibility(page)
    shot(page, "46-catalogue-columns")
