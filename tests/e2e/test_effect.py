"""A consultant reads realised against planned benefit on the effect dashboard and follows the
own municipality's figure to the projects behind it and on to the benefits register."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from procesbank.benefits import services as benefit_services
from procesbank.demo.competence import load_competence
from procesbank.demo.organisations import load_organisations
from procesbank.organisations.models import User
from procesbank.projects import services as project_services
from tests.e2e.conftest import check_accessibility, login, shot

pytestmark = pytest.mark.django_db(transaction=True)


def _project_with_benefit(username: str, project: str, yearly_value: int, measured: int | None):
    user = User.objects.get(username=username)
    created = project_services.project_create(user=user, name=project)
    benefit = benefit_services.benefit_create(
        user=user, project=created, name="Kortere sagsbehandlingstid", owner=user,
        kpi_name="Sagsbehandlingstid", kpi_unit="dage", baseline_value=Decimal(30),
        baseline_date=date(2025, 1, 1), target_value=Decimal(10), target_date=date(2026, 12, 31),
        yearly_value=Decimal(yearly_value),
    )  # fmt: skip
    if measured is not None:
        benefit_services.benefit_measurement_add(
            user=user, benefit=benefit, value=Decimal(measured), measured_on=date(2026, 1, 1)
        )


@pytest.fixture
def demo(transactional_db):
    load_organisations(password="demo")
    load_competence()
    # Both plans are complete at the end of 2026 (the plan ends 31.12.2026). Helsingør measured
    # 20 days: (20 - 30) / (10 - 30) = 50 percent of 300.000 = 150.000 realised.
    _project_with_benefit("konsulent.helsingoer", "Digital ansøgning", 300_000, 20)
    _project_with_benefit("konsulent.gribskov", "Visitation", 100_000, None)


def test_effect_shows_realised_against_planned_benefit(page: Page, demo):
    login(page, "konsulent.helsingoer", "demo")
    page.goto("/effekt/")

    expect(page.locator("#benefits-planned")).to_have_text("400.000")
    expect(page.locator("#benefits-realised")).to_have_text("150.000")
    expect(page.locator("[data-chart='benefits-time-data'] svg")).to_be_attached()
    check_accessibility(page)
    shot(page, "80-effect-benefits")

    helsingoer = page.locator("#benefits-table").get_by_role("row", name="Helsingør")
    helsingoer.get_by_role("link").click()
    expect(page.locator("#benefit-rows")).to_contain_text("Gevinster i Helsingør")
    expect(page.locator("#benefit-rows")).not_to_contain_text("Visitation")
    shot(page, "81-effect-benefit-rows")
    page.get_by_role("link", name="Digital ansøgning").click()

    expect(page).to_have_url(re.compile(r"/projekter/\d+/gevinster/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Gevinstrealisering")


def test_effect_shows_the_benefits_of_an_earlier_year(page: Page, demo):
    login(page, "konsulent.helsingoer", "demo")
    page.goto("/effekt/")

    page.get_by_label("År", exact=True).select_option("2025")
    page.get_by_role("button", name="Vis året").click()

    # At 31.12.2025, 364 of the plans' 729 days have passed: 400.000 x 364 / 729 = 199.725,65
    # planned; the only measurement (1.1.2026) comes later, so nothing is realised yet.
    expect(page).to_have_url(re.compile(r"aar=2025"))
    expect(page.locator("#benefits-planned")).to_have_text("199.726")
    expect(page.locator("#benefits-realised")).to_have_text("0")
    expect(page.get_by_label("År", exact=True)).to_have_value("2025")
    check_accessibility(page)
    shot(page, "83-effect-earlier-year")
