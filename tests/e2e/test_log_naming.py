"""A consultant saves the activity naming as the log's default on the overview, and the
process map's boxes follow it (issue 13, item 2)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from procesbank.demo.organisations import load_organisations
from procesbank.mining.tests.test_naming import _import_small
from procesbank.organisations.models import User
from tests.e2e.conftest import check_accessibility, login, shot

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def small(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    load_organisations(password="demo")
    return _import_small(User.objects.get(username="konsulent.helsingoer"))


def _boxes(page: Page, log_id: int) -> list[str]:
    page.goto(f"/procesanalyse/{log_id}/kort/")
    expect(page.get_by_test_id("process-map")).to_have_attribute("data-ready", "true")
    return sorted(page.locator(".map-node--activity").all_text_contents())


def test_saving_name_and_lifecycle_as_default_changes_the_maps_boxes(page: Page, small):
    login(page, "konsulent.helsingoer", "demo")
    # By its own names the small log has two activities: Modtag and Afgør.
    before = _boxes(page, small.pk)

    page.goto(f"/procesanalyse/{small.pk}/")
    expect(page.get_by_test_id("naming-offer")).to_be_visible()
    check_accessibility(page)
    naming = page.locator("form[action$='/navngivning/']")
    naming.locator("select[name=activity_key]").select_option(label="Navn og livscyklus")
    naming.locator("select[name=resource_key]").select_option("team")
    naming.get_by_role("button", name="Gem som loggens standard").click()

    expect(page.get_by_text("Navngivningen er gemt som loggens standard")).to_be_visible()
    expect(page.get_by_test_id("naming-offer")).to_have_count(0)
    expect(page.get_by_test_id("saved-activity-key")).to_have_text("Navn og livscyklus")
    shot(page, "naming-01-saved")
    after = _boxes(page, small.pk)

    assert len(before) == 2
    assert len(after) == 3
    assert any("Modtag (start)" in box for box in after)
    assert not any("(start)" in box for box in before)
