"""The municipality profile and the quick share, walked as users do: Helsingør's administrator
adds Acadre to the profile and sees why a Gribskov candidate is recommended; a consultant
shares an idea quickly and sees the full record's later sections folded."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from procesbank.catalogue import services as catalogue_services
from procesbank.demo.organisations import load_organisations
from procesbank.demo.profiles import load_profiles
from procesbank.organisations.models import User
from tests.e2e.conftest import check_accessibility, login, shot

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo(transactional_db):
    load_organisations(password="demo")
    load_profiles()
    catalogue_services.candidate_create(
        user=User.objects.get(username="konsulent.gribskov"),
        title="Robot journaliserer post i Acadre",
        summary="Digital Post journaliseres automatisk på den rigtige sag.",
        technology="integration",
        it_systems=["Acadre"],
        visibility="collaboration",
    )


def test_administrator_edits_the_profile_and_sees_why_a_candidate_is_recommended(page: Page, demo):
    login(page, "admin.helsingoer", "demo")

    page.locator(".user-menu summary").click()
    page.get_by_role("link", name="Kommuneprofil").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Helsingør")
    page.get_by_role("link", name="Redigér profilen").click()
    page.get_by_label("It-systemer, I bruger").fill("SBSYS, KMD Nexus, Acadre")
    page.get_by_role("button", name="Gem").click()

    expect(page.get_by_text("Kommuneprofilen er gemt.")).to_be_visible()
    expect(page.get_by_text("SBSYS, KMD Nexus, Acadre")).to_be_visible()
    check_accessibility(page)
    shot(page, "profile-helsingoer")
    page.goto("/katalog/overblik/")
    recommended = page.locator(".recommendations li").filter(has_text="Acadre")
    expect(recommended).to_contain_text("Robot journaliserer post i Acadre")
    expect(recommended).to_contain_text("bruger Acadre, som I også bruger")
    check_accessibility(page)
    shot(page, "profile-recommended")
    recommended.get_by_role("link", name="Gribskov").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gribskov")
    expect(page.get_by_role("link", name="Redigér profilen")).to_have_count(0)


def test_consultant_shares_an_idea_quickly(page: Page, demo):
    login(page, "konsulent.helsingoer", "demo")

    page.goto("/katalog/?vis=kandidater")
    page.get_by_role("link", name="Hurtig deling").click()
    page.get_by_label("Titel").fill("Robot til sygedagpengeopfølgning")
    page.get_by_label("Resumé").fill("Robotten henter oplysninger fra eIndkomst før samtalen.")
    page.get_by_label("KLE-nummer").fill("15.00")
    page.get_by_label("Teknologi").select_option("rpa")
    shot(page, "quick-share-form")
    page.get_by_role("button", name="Del med samarbejdet").click()

    expect(page.get_by_text("Kandidaten er delt med samarbejdet.")).to_be_visible()
    expect(page.get_by_text("Hurtig deling: kun de vigtigste felter er udfyldt.")).to_be_visible()
    expect(page.locator("details.record-section:not([open])")).to_have_count(4)
    expect(page.get_by_text("Udfyldes når kandidaten når fasen Udvikling")).to_be_visible()
    check_accessibility(page)
    shot(page, "quick-share-candidate")
