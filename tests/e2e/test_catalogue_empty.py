"""A municipality in a collaboration where nothing is shared yet: the catalogue offers no
export of nothing and the overview says why it is empty."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from procesbank.demo.organisations import load_organisations
from tests.e2e.conftest import check_accessibility, login, shot

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo(transactional_db):
    load_organisations(password="demo")


def test_an_empty_catalogue_has_no_exports_and_an_overview_that_explains(page: Page, demo):
    login(page, "konsulent.helsingoer", "demo")

    page.goto("/katalog/?vis=kandidater")
    expect(page.get_by_text("0 kandidater")).to_be_visible()
    expect(page.get_by_role("link", name="Excel")).to_have_count(0)
    expect(page.get_by_role("link", name="CSV")).to_have_count(0)
    shot(page, "catalogue-empty")

    page.goto("/katalog/overblik/")
    expect(
        page.get_by_text("Der er endnu ingen automatiseringskandidater, du kan se")
    ).to_be_visible()
    expect(page.get_by_role("heading", name="Pr. fase")).to_have_count(0)
    check_accessibility(page)
    shot(page, "dashboard-empty")
