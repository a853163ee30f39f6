"""A consultant creates a project on a mapped process pair, builds its business case with a
cost line and the freed case-handling time, reads NPV and payback and downloads the Excel."""

from __future__ import annotations

from io import BytesIO

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from procesbank.demo.organisations import load_organisations
from procesbank.organisations.models import User
from procesbank.projects.tests.factories import process_pair
from tests.e2e.conftest import check_accessibility, login, shot

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo(transactional_db):
    load_organisations(password="demo")
    process_pair(User.objects.get(username="konsulent.helsingoer"), name="Enkeltydelse")


def test_project_business_case_and_excel(page: Page, demo, tmp_path):
    login(page, "konsulent.helsingoer", "demo")
    page.get_by_role("link", name="Projekter", exact=True).click()
    expect(page.get_by_text("Din kommune har ingen projekter endnu.")).to_be_visible()
    page.get_by_role("link", name="Nyt projekt").click()
    page.get_by_label("Navn").fill("Digital enkeltydelse")
    page.get_by_label("Som-er-proces").select_option(label="Enkeltydelse · Som-er (Helsingør)")
    page.get_by_label("Skal-være-proces").select_option(
        label="Enkeltydelse · Skal-være (Helsingør)"
    )
    page.get_by_role("button", name="Opret projekt").click()
    expect(page.get_by_text("Projektet er oprettet.")).to_be_visible()
    check_accessibility(page)
    shot(page, "50-project-detail")

    page.get_by_role("link", name="Business case").click()
    page.get_by_label("Første år").fill("2027")
    page.get_by_label("Antal år").fill("3")
    page.get_by_role("button", name="Opret business case").click()
    expect(page.get_by_text("Business casen er gemt.")).to_be_visible()

    page.get_by_label("Navn", exact=True).first.fill("Anskaffelse")
    page.get_by_label("Kategori").select_option("purchase")
    page.get_by_label("Beløb pr. år (kr.)").fill("300.000; 0; 0")
    page.get_by_role("button", name="Tilføj linje").click()
    expect(page.get_by_text("Linjen “Anskaffelse” er tilføjet.")).to_be_visible()

    # 400 hours saved a year (the fixture's process pair) x 350 kr. = 140.000 kr. a year.
    page.get_by_label("Timepris (kr.)").fill("350")
    page.get_by_role("button", name="Tilføj gevinst fra processerne").click()
    expect(page.get_by_text("Gevinsten for frigjort sagsbehandlertid er tilføjet.")).to_be_visible()

    # At 3.5 %: -300000 + 140000 + 140000 / 1.035 + 140000 / 1.035^2
    #   = -300000 + 140000 + 135265.70 + 130691.49 = 105957.19 -> 105.957 kr.
    # Payback: cumulative -160000 after 2027, 2028 nets 140000, then -20000 after 2028 and
    # 2029 nets 140000: 2 + 20000 / 140000 = 2.14 -> 2,1 år.
    expect(page.get_by_test_id("npv")).to_have_text("105.957 kr.")
    expect(page.get_by_test_id("payback")).to_contain_text("2,1 år")
    expect(page.locator("#cashflow-chart canvas")).to_be_attached()
    check_accessibility(page)
    shot(page, "51-business-case")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Hent Excel").click()
    path = tmp_path / "case.xlsx"
    download_info.value.save_as(path)
    book = load_workbook(BytesIO(path.read_bytes()))
    # A live workbook: the NPV is a formula over the year table (recalculated by LibreOffice
    # in procesbank/economics/tests/test_workbook_live.py).
    assert book["Nutidsværdi"]["B2"].value == "=SUM('År'!$E$2:$E$4)"
