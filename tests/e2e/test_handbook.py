"""The method handbook in the browser: the table of contents with the reader's overdue page,
the editor's live preview, and the history that compares and restores an earlier version."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from procesbank.demo.handbook import load_handbook
from procesbank.demo.organisations import load_organisations
from procesbank.handbook.models import Page as HandbookPage
from tests.e2e.conftest import check_accessibility, login, shot

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def handbook(transactional_db):
    load_organisations(password="demo")
    load_handbook()


def test_contents_preview_and_restore(page: Page, handbook):
    login(page, "konsulent.helsingoer", "demo")

    page.goto("/haandbog/")
    expect(page.get_by_role("heading", name="Dine sider skal gennemgås")).to_be_visible()
    expect(page.get_by_role("link", name="Hørsholms egne kortlægningsregler")).to_have_count(0)
    shot(page, "handbook-index")
    check_accessibility(page)

    page.get_by_role("link", name="Sådan tegner vi BPMN i Procesbank").first.click()
    expect(page.get_by_role("heading", level=2, name="Én start, én slut")).to_be_visible()
    shot(page, "handbook-page")
    check_accessibility(page)

    page.get_by_role("link", name="Redigér").click()
    # The preview listens once htmx has processed the text area.
    page.wait_for_function("() => document.getElementById('id_body')['htmx-internal-data']")
    body = page.get_by_label("Tekst")
    body.fill("## Prøve\n\n**fed** <script>alert(1)</script>")
    preview = page.locator("#preview")
    # (a locator matching several elements fails at once; this one waits for the swap)
    expect(preview.get_by_role("heading", name="Prøve")).to_be_visible()
    expect(preview.locator("strong")).to_have_text("fed")
    expect(preview).to_contain_text("<script>alert(1)</script>")
    shot(page, "handbook-editor")
    check_accessibility(page)
    page.get_by_role("link", name="Annullér").click()

    page.get_by_role("link", name="Historik").click()
    page.get_by_role("button", name="Sammenlign valgte versioner").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Version 1 og 2")
    shot(page, "handbook-compare")
    check_accessibility(page)
    page.get_by_role("button", name="Gendan version 1").click()

    expect(page.get_by_text("Version 1 er gendannet som en ny version.")).to_be_visible()
    expect(page.get_by_role("heading", level=2, name="Én start, én slut")).to_have_count(0)
    bpmn = HandbookPage.objects.get(title="Sådan tegner vi BPMN i Procesbank")
    assert bpmn.versions.count() == 3
    assert bpmn.body == bpmn.versions.get(number=1).body


def test_templates_download(page: Page, handbook):
    login(page, "laeser.gribskov", "demo")

    page.goto("/haandbog/skabeloner/")
    shot(page, "handbook-templates")
    check_accessibility(page)
    page.get_by_role("table").get_by_role("link", name="Kommunikationsplan").click()
    with page.expect_download() as info:
        page.get_by_role("link", name="kommunikationsplan.xlsx").click()

    assert info.value.suggested_filename == "kommunikationsplan-v1.xlsx"
    expect(page.get_by_role("heading", name="Læg en ny version op")).to_have_count(0)


def test_competence_links_into_the_handbook(page: Page, handbook):
    from procesbank.competence.models import Workshop
    from procesbank.demo.competence import load_competence

    load_competence()
    login(page, "samarbejde.admin", "demo")

    page.goto("/kompetencer/")
    page.get_by_text("Kobl modulerne til metodehåndbogen").click()
    page.get_by_label("Kommunikationspsykologi").select_option("project_model")
    page.get_by_role("button", name="Gem").last.click()
    expect(page.get_by_text("Modulets afsnit i metodehåndbogen er gemt.")).to_be_visible()
    expect(page.get_by_role("link", name="Kommunikationspsykologi")).to_have_attribute(
        "href", "/haandbog/#afsnit-project_model"
    )
    check_accessibility(page)

    page.goto(f"/kompetencer/workshops/{Workshop.objects.get().pk}/")
    link = page.get_by_role("link", name="Tidsmåling med et tidsstudie")
    expect(link).to_be_visible()
    shot(page, "competence-workshop-handbook-link")
    check_accessibility(page)
    link.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tidsmåling med et tidsstudie")
