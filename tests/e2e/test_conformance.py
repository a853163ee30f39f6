"""A consultant checks the receipt log against the receipt process of the library."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from procesbank.demo.organisations import load_organisations
from procesbank.mining.tests.test_models import import_log
from procesbank.organisations.models import User
from procesbank.processes.services.processes import process_create
from tests.e2e.conftest import check_accessibility, login, shot

pytestmark = pytest.mark.django_db(transaction=True)
LOGS = Path(__file__).resolve().parents[1] / "data" / "event-logs"


@pytest.fixture
def receipt_log(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    load_organisations(password="demo")
    user = User.objects.get(username="konsulent.helsingoer")
    process = process_create(
        user=user, name="Kvittering", bpmn_xml=(LOGS / "receipt.bpmn").read_bytes()
    )
    log = import_log(user, "receipt.xes.gz", name="Kvitteringer")
    log.process = process
    log.save()
    return log


def test_check_a_log_against_its_library_process(page: Page, receipt_log):
    login(page, "konsulent.helsingoer", "demo")
    page.goto(f"/procesanalyse/{receipt_log.pk}/")
    page.get_by_role("link", name="Overensstemmelse").click()

    expect(page.get_by_label("Model i procesbiblioteket")).to_have_value(
        str(receipt_log.process.versions.get().pk)
    )
    expect(page.get_by_text("som derfor er valgt på forhånd")).to_be_visible()
    page.get_by_role("button", name="Kontrollér overensstemmelse").click()

    # PM4Py on the same files: log fitness 0.99966, 1420 of 1434 cases fit (99.0 %).
    expect(page.get_by_test_id("fitness")).to_have_text("99,97 %")
    expect(page.get_by_test_id("fitting")).to_have_text("99,0 %")
    expect(page.get_by_test_id("formula")).to_contain_text("½ × (1 − 23 ÷ 74.985)")
    expect(page.get_by_role("heading", name="Afvigende varianter")).to_be_visible()
    # The deviations drawn on the model: a badge on a task the deviating cases skipped.
    badge = page.locator("#conformance-viewer .conformance-badge").first
    expect(badge).to_be_visible()
    expect(badge).to_contain_text("↷")
    check_accessibility(page)
    shot(page, "70-mining-conformance")

    page.goto("/procesanalyse/sammenlign/")
    expect(page.get_by_test_id("comparison-fitness")).to_contain_text("99,97 %")
    shot(page, "71-mining-comparison-conformance")
