"""A consultant explores the 1,170 variants of BPIC15_1 (1,199 building-permit cases): paged,
with coverage, picked and filtered to."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import check_accessibility, login, shot
from tests.e2e.test_process_map import bpic  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db(transaction=True)


def test_page_through_variants_pick_two_and_filter_to_them(page: Page, bpic):  # noqa: F811
    login(page, "konsulent.helsingoer", "demo")
    page.goto(f"/procesanalyse/{bpic.pk}/varianter/")

    # PM4Py on BPIC15_1: 1,170 variants; the most frequent have 8, 6, 4, 3 and 3 cases, so the
    # top 20 cover 49 of 1,199 cases (4.1 %).
    expect(page.get_by_test_id("coverage")).to_contain_text(
        "De 20 hyppigste af 1.170 varianter dækker 4 % af sagerne."
    )
    expect(page.get_by_test_id("page")).to_have_text("Side 1 af 47")
    expect(page.locator("td.variant")).to_have_count(25)
    check_accessibility(page)
    shot(page, "69-mining-variants")

    page.get_by_role("link", name="Næste").click()
    expect(page.get_by_test_id("page")).to_have_text("Side 2 af 47")
    page.get_by_role("link", name="Forrige").click()

    page.get_by_label("Variant 1", exact=True).check()
    page.get_by_label("Variant 2", exact=True).check()
    page.get_by_role("button", name="Filtrér til valgte varianter").click()

    expect(page.get_by_test_id("picked")).to_contain_text("2 varianter valgt med 14 sager")
    page.get_by_role("link", name="Proceskort").click()
    expect(page.locator(".mining-filters .badge")).to_have_text("14 af 1.199 sager")
    expect(page.get_by_test_id("process-map")).to_have_attribute("data-ready", "true")
