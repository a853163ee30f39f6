"""A consultant corrects a business-case line in place (htmx form under the table), sees the
NPV follow and downloads the case as PDF; then edits a benefit of the register and a box of
the benefits map the same way."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from procesbank.benefits import services as benefit_services
from procesbank.demo.organisations import load_organisations
from procesbank.economics import services
from procesbank.organisations.models import User
from procesbank.projects import services as project_services
from tests.e2e.conftest import check_accessibility, login, shot

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def project(transactional_db):
    """2027-2028 at 3.5 %: a purchase of 100.000 kr. in 2027, a saving of 150.000 in 2028."""
    load_organisations(password="demo")
    user = User.objects.get(username="konsulent.helsingoer")
    project = project_services.project_create(user=user, name="Digital enkeltydelse")
    case = services.business_case_save(user=user, project=project, first_year=2027, horizon=2)
    services.business_case_line_add(
        user=user, case=case, lock_version=1, kind="cost", category="purchase",
        name="Indkøb", likely=[Decimal(100000), Decimal(0)],
    )  # fmt: skip
    services.business_case_line_add(
        user=user, case=case, lock_version=2, kind="benefit", category="budget_relevant",
        name="Besparelse", likely=[Decimal(0), Decimal(150000)],
    )  # fmt: skip
    benefit_services.benefit_create(
        user=user, project=project, name="Kortere sagsbehandling", owner=user,
        kpi_name="Sagsbehandlingstid", kpi_unit="dage", baseline_value=Decimal(30),
        baseline_date=date(2026, 1, 1), target_value=Decimal(10), target_date=date(2027, 1, 1),
    )  # fmt: skip
    benefit_services.map_node_add(
        user=user, project=project, level="deliverable", label="Selvbetjening"
    )
    return project


def test_edit_a_line_in_place_and_see_the_npv_change(page: Page, project, tmp_path):
    login(page, "konsulent.helsingoer", "demo")
    page.goto(f"/projekter/{project.pk}/business-case/")
    # -100000 + 150000 / 1.035 = -100000 + 144927.54 = 44927.54 -> 44.928 kr.
    expect(page.get_by_test_id("npv")).to_have_text("44.928 kr.")

    page.get_by_role("link", name="Redigér Indkøb").click()
    editor = page.locator("#line-editor")
    expect(editor.get_by_role("heading", name="Redigér linjen “Indkøb”")).to_be_visible()
    expect(editor.get_by_label("Beløb pr. år (kr.)")).to_have_value("100.000; 0")
    editor.get_by_label("Beløb pr. år (kr.)").fill("120.000; 0")
    editor.get_by_label("Minimum pr. år (kr.)").fill("90.000; 0")
    editor.get_by_label("Maksimum pr. år (kr.)").fill("180.000; 0")
    check_accessibility(page)
    shot(page, "52-business-case-line-edit")
    editor.get_by_role("button", name="Gem linjen").click()

    expect(page.get_by_text("Linjen “Indkøb” er gemt.")).to_be_visible()
    # Three-point: (90000 + 4 x 120000 + 180000) / 6 = 125000 in 2027.
    # NPV = -125000 + 144927.54 = 19927.54 -> 19.928 kr.
    expect(page.get_by_test_id("npv")).to_have_text("19.928 kr.")
    shot(page, "53-business-case-after-edit")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Hent PDF").click()
    path = tmp_path / "case.pdf"
    download_info.value.save_as(path)
    text = " ".join(p.extract_text() for p in PdfReader(BytesIO(path.read_bytes())).pages)
    assert "Risikojusteret 19.928 kr." in text


def test_a_stale_line_edit_is_refused_in_danish(page: Page, project):
    login(page, "konsulent.helsingoer", "demo")
    page.goto(f"/projekter/{project.pk}/business-case/")
    page.get_by_role("link", name="Redigér Indkøb").click()
    editor = page.locator("#line-editor")
    expect(editor.get_by_label("Beløb pr. år (kr.)")).to_be_visible()
    # Someone else saves the case meanwhile.
    services.business_case_line_update(
        user=User.objects.get(username="konsulent.helsingoer"),
        line=project.business_case.lines.get(name="Besparelse"),
        lock_version=3, kind="benefit", category="budget_relevant", name="Besparelse",
        likely=[Decimal(0), Decimal(160000)],
    )  # fmt: skip

    editor.get_by_label("Beløb pr. år (kr.)").fill("1; 0")
    editor.get_by_role("button", name="Gem linjen").click()

    expect(editor.get_by_role("alert")).to_contain_text(
        "Mens du redigerede, har Camilla Friis gemt en nyere udgave ("
    )
    assert project.business_case.lines.get(name="Indkøb").likely == ["100000", "0"]


def test_edit_a_benefit_in_place(page: Page, project):
    login(page, "konsulent.helsingoer", "demo")
    page.goto(f"/projekter/{project.pk}/gevinster/")

    page.get_by_role("link", name="Redigér Kortere sagsbehandling").click()
    form = page.get_by_role("form", name="Redigér gevinsten “Kortere sagsbehandling”")
    form.get_by_label("KPI").fill("Svartid i dage")
    shot(page, "54-benefit-edit")
    form.get_by_role("button", name="Gem gevinsten").click()

    expect(page.get_by_text("Gevinsten “Kortere sagsbehandling” er gemt.")).to_be_visible()
    expect(page.get_by_text("Svartid i dage (dage, kvartalsvis)")).to_be_visible()


def test_edit_a_benefits_map_element_in_place(page: Page, project):
    login(page, "konsulent.helsingoer", "demo")
    page.goto(f"/projekter/{project.pk}/gevinstdiagram/")

    page.get_by_role("link", name="Redigér Selvbetjening").click()
    form = page.get_by_role("form", name="Redigér elementet “Selvbetjening”")
    form.get_by_label("Tekst").fill("Digital ansøgning")
    form.get_by_label("Kolonne").select_option(label="Forandring")
    check_accessibility(page)
    shot(page, "55-benefit-map-edit")
    form.get_by_role("button", name="Gem elementet").click()

    expect(page.get_by_text("Elementet er gemt.")).to_be_visible()
    row = page.get_by_role("row", name="Digital ansøgning")
    expect(row).to_contain_text("Forandring")
