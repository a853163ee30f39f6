"""A process owner hands a department a document: from the process page a PDF and a Word
report of the version, and from the reports page one for every process of a KLE group. Each
is made by a background job (run at once in the tests); its page offers the download."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pytest
from docx import Document
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from procesbank.demo.organisations import load_organisations
from procesbank.organisations.models import User
from procesbank.processes import services
from tests.e2e.conftest import check_accessibility, login, nav_click, shot

pytestmark = pytest.mark.django_db(transaction=True)
MIWG = Path(__file__).resolve().parents[1] / "data" / "bpmn-miwg"
# WeasyPrint lays out a few pages; a loaded test machine may need a while for it.
DOWNLOAD_TIMEOUT_MS = 120_000


@pytest.fixture
def invoice_process(transactional_db):
    load_organisations(password="demo")
    user = User.objects.get(username="konsulent.helsingoer")
    return services.process_create(
        user=user,
        name="Fakturamodtagelse",
        bpmn_xml=(MIWG / "C.1.0.bpmn").read_bytes(),
        kle_code="32.18.08",
        owner="Hanne Holm",
        yearly_volume=1000,
    )


def pdf_text(path: Path) -> str:
    text = " ".join(page.extract_text() for page in PdfReader(path).pages)
    return " ".join(text.split())


def test_report_from_the_process_page_and_for_a_kle_group(page: Page, invoice_process, tmp_path):
    login(page, "konsulent.helsingoer", "demo")
    nav_click(page, "Processer")
    page.get_by_role("link", name="Fakturamodtagelse").click()

    page.get_by_role("button", name="Rapport (PDF)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Dokumentationsrapport (PDF): Fakturamodtagelse · Som-er"
    )
    expect(page.get_by_role("status")).to_contain_text("Færdig")
    check_accessibility(page)
    shot(page, "report-job")
    with page.expect_download(timeout=DOWNLOAD_TIMEOUT_MS) as download_info:
        page.get_by_role("link", name="Hent rapporten").click()
    download = download_info.value
    assert download.suggested_filename == "procesdokumentation-fakturamodtagelse-som-er.pdf"
    download.save_as(tmp_path / "rapport.pdf")
    text = pdf_text(tmp_path / "rapport.pdf")
    assert "PROCESDOKUMENTATION Fakturamodtagelse" in text
    assert "Procesejer Hanne Holm" in text
    assert "Scan Invoice" in text

    page.go_back()
    page.get_by_role("button", name="Rapport (Word)").click()
    with page.expect_download(timeout=DOWNLOAD_TIMEOUT_MS) as download_info:
        page.get_by_role("link", name="Hent rapporten").click()
    download_info.value.save_as(tmp_path / "rapport.docx")
    paragraphs = [p.text for p in Document(tmp_path / "rapport.docx").paragraphs]
    assert "Fakturamodtagelse" in paragraphs

    nav_click(page, "Dokumentationsrapporter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Dokumentationsrapporter")
    check_accessibility(page)
    shot(page, "report-selection")
    page.get_by_label("KLE-hovedgruppe", exact=True).select_option("32")
    page.get_by_label("Word (.docx)").check()
    page.get_by_role("button", name="Hent rapporten").click()
    with page.expect_download(timeout=DOWNLOAD_TIMEOUT_MS) as download_info:
        page.get_by_role("link", name="Hent rapporten").click()
    assert download_info.value.suggested_filename == "procesdokumentation-kle-32.docx"
    content = download_info.value.path().read_bytes()
    assert "Fakturamodtagelse" in [p.text for p in Document(BytesIO(content)).paragraphs]


def test_selection_page_fits_a_narrow_screen(page: Page, invoice_process):
    login(page, "konsulent.helsingoer", "demo")
    page.set_viewport_size({"width": 320, "height": 700})

    page.goto("/rapporter/")

    expect(page.get_by_role("heading", level=1)).to_have_text("Dokumentationsrapporter")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    shot(page, "report-selection-320")
