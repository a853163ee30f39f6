"""A municipality's administrator enrols a consultant on the collaboration's cohort; the
collaboration administrator enters the grade "02", a refused "3", and the cohort page shows the
average."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from procesbank.competence.models import Cohort
from procesbank.demo.competence import load_competence
from procesbank.demo.organisations import load_organisations
from tests.e2e.conftest import check_accessibility, login, shot

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo(transactional_db):
    load_organisations(password="demo")
    load_competence()


def _logout(page: Page) -> None:
    page.locator(".user-menu summary").click()
    page.get_by_role("button", name="Log ud").click()


def test_enrolment_and_grading(page: Page, demo):
    cohort = Cohort.objects.get()
    login(page, "admin.helsingoer", "demo")
    page.get_by_role("link", name="Kompetencer").first.click()
    page.get_by_role("link", name="Hold 2026").click()
    expect(page.locator("#cohort-average")).to_have_text("10,1")
    check_accessibility(page)

    page.get_by_label("Eller en ny person uden login").fill("Birgitte Nørgaard")
    page.get_by_role("button", name="Tilmeld").click()

    expect(page.get_by_text("Birgitte Nørgaard er tilmeldt holdet.")).to_be_visible()
    expect(page.get_by_role("rowheader", name="Birgitte Nørgaard")).to_be_visible()
    shot(page, "70-cohort-enrolled")
    _logout(page)

    login(page, "samarbejde.admin", "demo")
    page.goto(f"/kompetencer/hold/{cohort.pk}/")
    page.get_by_label("Karakter for Birgitte Nørgaard").fill("3")
    page.get_by_role("button", name="Gem karakter for Birgitte Nørgaard").click()
    expect(page.get_by_role("status")).to_contain_text(
        "'3' er ikke en karakter på 7-trinsskalaen. Brug 12, 10, 7, 4, 02, 00 eller -3."
    )

    page.get_by_label("Karakter for Birgitte Nørgaard").fill("02")
    page.get_by_role("button", name="Gem karakter for Birgitte Nørgaard").click()

    expect(page.get_by_text("Karakteren 02 er gemt for Birgitte Nørgaard.")).to_be_visible()
    row = page.get_by_role("row").filter(has=page.get_by_role("rowheader", name="Birgitte"))
    expect(row.locator("strong")).to_have_text("02")
    # (91 + 2) / 10 = 9.3
    expect(page.locator("#cohort-average")).to_have_text("9,3")
    expect(page.locator("[data-chart] svg")).to_be_attached()
    check_accessibility(page)
    shot(page, "71-cohort-graded")
