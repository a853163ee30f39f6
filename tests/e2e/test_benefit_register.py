"""A consultant follows a benefit: its profile chart with the figures beside it, a measurement
dated after today refused in Danish, one of today saved, and the benefit on the map."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from procesbank.benefits.tests.test_selector_isolation import project_with_benefit
from procesbank.demo.organisations import load_organisations
from procesbank.organisations.models import User
from tests.e2e.conftest import check_accessibility, login, shot

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def benefit(transactional_db):
    load_organisations(password="demo")
    user = User.objects.get(username="konsulent.helsingoer")
    return project_with_benefit(user, "Digital ansøgning", 50_000)


def test_a_consultant_measures_a_benefit_and_finds_it_on_the_map(page: Page, benefit):
    today = timezone.localdate()
    login(page, "konsulent.helsingoer", "demo")

    page.goto(f"/projekter/{benefit.project.pk}/gevinster/")
    profile = page.locator(f"#benefit-profile-{benefit.benefit.pk}")
    expect(profile.get_by_role("img")).to_have_accessible_name(
        "Gevinstprofil for “Kortere sagsbehandling i Digital ansøgning” (kr. pr. år)"
    )
    expect(profile.get_by_role("row", name="2026")).to_be_visible()
    section = page.locator("section", has=profile)
    section.get_by_text("Registrér måling").click()
    section.get_by_label("Måledato").fill((today + timedelta(days=3)).isoformat())
    section.get_by_label("Værdi").fill("20")
    section.get_by_role("button", name="Gem måling").click()
    expect(page.get_by_text("som ligger efter i dag")).to_be_visible()
    section = page.locator("section", has=page.locator(f"#benefit-profile-{benefit.benefit.pk}"))
    section.get_by_label("Måledato").fill(today.isoformat())
    section.get_by_label("Værdi").fill("12")
    section.get_by_role("button", name="Gem måling").click()
    expect(page.get_by_text("Målingen er gemt.")).to_be_visible()
    shot(page, "benefit-register")
    check_accessibility(page)

    page.goto(f"/projekter/{benefit.project.pk}/gevinstdiagram/")
    table = page.locator("#benefit-map-table")
    table.get_by_role("link", name="Kortere sagsbehandling i Digital ansøgning").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gevinstrealisering")
