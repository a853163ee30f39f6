"""The portfolio names the projects of each phase and the project of each unmeasured benefit
where the user may open it; other municipalities' projects appear as figures only."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from procesbank.benefits.tests.test_selector_isolation import project_with_benefit
from procesbank.demo.organisations import load_organisations
from procesbank.organisations.models import User
from tests.e2e.conftest import check_accessibility, login, shot

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def projects(transactional_db):
    load_organisations(password="demo")
    admin = User.objects.get(username="samarbejde.admin")
    gribskov = User.objects.get(username="konsulent.gribskov")
    own = project_with_benefit(admin, "Digital ansøgning om enkeltydelse", 50_000)
    project_with_benefit(gribskov, "Robot til kreditorbogholderi", 80_000)
    return own


def test_the_administrator_opens_own_projects_and_sees_others_as_figures(page: Page, projects):
    login(page, "samarbejde.admin", "demo")

    page.goto("/portefoelje/")

    phases = page.locator(
        "section", has=page.get_by_role("heading", name="Projekterne i hver fase")
    )
    expect(phases.get_by_role("link", name="Digital ansøgning om enkeltydelse")).to_be_visible()
    expect(phases.get_by_text("Gribskov: 1 projekt")).to_be_visible()
    expect(page.get_by_role("link", name="Robot til kreditorbogholderi")).to_have_count(0)
    shot(page, "portfolio-collaboration")
    phases.get_by_role("link", name="Digital ansøgning om enkeltydelse").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Digital ansøgning")
    page.go_back()
    check_accessibility(page)
