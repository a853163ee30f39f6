"""A consultant prices the risk of a business case the state model's way: adds risks to the
risk log, switches the case to the risk pool, reads the pool and the document checklist of the
state IT project model, then edits the downloaded workbook and imports it after a preview."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from procesbank.demo.organisations import load_organisations
from procesbank.economics import services
from procesbank.organisations.models import User
from procesbank.projects import services as project_services
from tests.e2e.conftest import check_accessibility, login, shot

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def case(transactional_db):
    load_organisations(password="demo")
    user = User.objects.get(username="konsulent.helsingoer")
    project = project_services.project_create(user=user, name="Digital byggesag")
    case = services.business_case_save(
        user=user, project=project, first_year=2027, horizon=3, risk_share=Decimal("0.10")
    )
    services.business_case_line_add(
        user=user, case=case, lock_version=1, kind="cost", category="development",
        name="Udvikling", likely=[Decimal(1200000), Decimal(0), Decimal(0)],
    )  # fmt: skip
    services.business_case_line_add(
        user=user, case=case, lock_version=2, kind="benefit", category="budget_relevant",
        name="Færre sagsbehandlertimer", likely=[Decimal(0), Decimal(800000), Decimal(800000)],
    )  # fmt: skip
    return project


def test_risk_log_pool_checklist_and_workbook_import(page: Page, case, tmp_path):
    login(page, "konsulent.helsingoer", "demo")
    page.goto(f"/projekter/{case.pk}/business-case/")

    page.get_by_label("Risiko", exact=True).fill("Leverandøren leverer for sent")
    page.get_by_label("Sandsynlighed (%)").fill("40")
    page.get_by_label("Konsekvens (kr.)").fill("250.000")
    page.get_by_label("Risikoejer").fill("Projektleder")
    page.get_by_role("button", name="Tilføj risiko").click()
    expect(
        page.get_by_text("Risikoen “Leverandøren leverer for sent” er tilføjet.")
    ).to_be_visible()

    page.get_by_label("Risikometode").select_option("risk_log")
    page.get_by_role("button", name="Gem rammen").click()
    expect(page.get_by_text("Business casen er gemt.")).to_be_visible()

    # Pool 40 % x 250000 = 100000 kr., all in 2027 (the only one-off year). At 3.5 %:
    # -1300000 + 800000 / 1.035 + 800000 / 1.071225 = -1300000 + 772946.86 + 746808.56
    # = 219755.42 -> 219.755 kr.
    expect(page.get_by_test_id("risk-pool")).to_have_text("100.000 kr.")
    expect(page.get_by_test_id("npv")).to_have_text("219.755 kr.")
    # Total cost 1.200.000 kr. is above 1 mio. kr.: a projektgrundlag is required.
    expect(
        page.get_by_text("Samlede omkostninger (udiskonteret, før risiko): 1.200.000 kr.")
    ).to_be_visible()
    check_accessibility(page)
    shot(page, "60-state-model-business-case")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Hent Excel").click()
    path = tmp_path / "case.xlsx"
    download_info.value.save_as(path)
    book = load_workbook(BytesIO(path.read_bytes()))
    sheet = book["Linjer"]
    for row in sheet.iter_rows(min_row=2):
        if row[1].value == "Udvikling" and row[10].value in ("min", "likely", "max"):
            sheet[f"L{row[0].row}"] = 1000000
    book.save(path)

    page.get_by_role("link", name="Indlæs Excel").click()
    page.get_by_label("Excel-fil (.xlsx) hentet fra denne business case").set_input_files(path)
    page.get_by_role("button", name="Vis ændringerne").click()
    expect(page.get_by_text("Projektmappen ændrer 1 linje. Intet er gemt endnu.")).to_be_visible()
    check_accessibility(page)
    shot(page, "61-workbook-import-preview")
    page.get_by_role("button", name="Gem ændringerne").click()
    expect(page.get_by_text("1 linje er opdateret fra Excel.")).to_be_visible()
    # -1100000 + 772946.86 + 746808.56 = 419755.42 -> 419.755 kr.
    expect(page.get_by_test_id("npv")).to_have_text("419.755 kr.")
