"""A demo consultant's start page: the day's work in panels filled from the demo data, the
quick actions, and the municipalities one click away."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from procesbank.demo import load_demo
from tests.e2e.conftest import check_accessibility, login, shot

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo(transactional_db):
    load_demo(password="demo")


def test_a_consultant_starts_the_day_from_the_panels(page: Page, demo):
    # The demo measures its benefits up to today; take one of the consultant's benefits back
    # to its baseline (its baseline lies well in the past), so that a measurement is due.
    from procesbank.benefits.models import Benefit

    benefit = (
        Benefit.objects.filter(owner__username="konsulent.helsingoer")
        .order_by("baseline_date")
        .first()
    )
    benefit.measurements.all().delete()
    login(page, "konsulent.helsingoer", "demo")

    for heading in [
        "Hurtige handlinger",
        "Mine processer",
        "Mine projekter og deres næste fase",
        "Gevinster, der skal måles",
        "Dine handlinger",
        "Kandidater, du følger",
        "Spørgsmål, du følger",
        "Nyt i din kommune siden dit sidste besøg",
    ]:
        expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()
    processes = page.locator("#panel-my-processes")
    expect(processes.get_by_role("listitem").first).to_be_visible()
    expect(
        page.locator("#panel-my-projects").get_by_text("kriterier opfyldt").first
    ).to_be_visible()
    expect(page.locator("#panel-benefits-due")).to_contain_text(benefit.name)
    expect(page.locator("#panel-my-actions")).to_contain_text("Skabelon til gevinstdiagram")
    expect(page.locator("#panel-followed-candidates").get_by_role("listitem").first).to_be_visible()
    check_accessibility(page)
    shot(page, "startpage-consultant")

    processes.get_by_role("link").first.click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.go_back()

    page.get_by_role("link", name="Ny proces", exact=True).click()
    page.wait_for_url("**/processer/ny/")


def test_the_start_page_fits_a_phone(page: Page, demo):
    login(page, "konsulent.helsingoer", "demo")
    page.set_viewport_size({"width": 320, "height": 800})

    overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")

    assert overflow is False
    shot(page, "startpage-320")
