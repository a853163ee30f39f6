"""A consultant and an administrator walk through the foundation in a real browser."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from procesbank.demo.organisations import load_organisations
from tests.e2e.conftest import check_accessibility, login, nav_click, shot

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo(transactional_db):
    load_organisations(password="demo")


def test_consultant_logs_in_switches_language_and_logs_out(page: Page, demo):
    page.goto("/")
    expect(page.get_by_role("heading", name="Log ind i Procesbank")).to_be_visible()
    check_accessibility(page)
    shot(page, "01-login")

    login(page, "konsulent.helsingoer", "demo")

    expect(page.get_by_role("heading", name="Velkommen, Camilla Friis")).to_be_visible()
    expect(page.get_by_text("7 kommuner med 307.210 indbyggere")).to_be_visible()
    check_accessibility(page)
    shot(page, "02-start-da")
    # The municipalities have their own page, linked from the start page.
    page.get_by_role("link", name="7 kommuner med 307.210 indbyggere").click()
    members = page.get_by_role("table")
    expect(members.get_by_role("row")).to_have_count(8)  # header + seven municipalities
    expect(members).to_contain_text("Hørsholm")
    page.goto("/")

    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", name="Welcome, Camilla Friis")).to_be_visible()
    expect(page.get_by_text("7 municipalities with 307,210 inhabitants")).to_be_visible()
    shot(page, "03-start-en")
    page.get_by_role("button", name="Dansk").click()
    expect(page.get_by_role("heading", name="Velkommen, Camilla Friis")).to_be_visible()

    page.get_by_text("Camilla Friis").first.click()
    page.get_by_role("button", name="Log ud").click()
    expect(page.get_by_role("heading", name="Log ind i Procesbank")).to_be_visible()


def test_admin_creates_a_user_and_sets_the_role(page: Page, demo):
    login(page, "admin.gribskov", "demo")
    nav_click(page, "Brugere")
    expect(page.get_by_role("heading", name="Brugere i Gribskov")).to_be_visible()
    check_accessibility(page)

    page.get_by_label("Brugernavn").fill("anne.gribskov")
    page.get_by_label("Fornavn").fill("Anne")
    page.get_by_label("Rolle", exact=True).select_option("konsulent")
    page.get_by_label("Midlertidig adgangskode").fill("proces-kortlaegning-2026")
    page.get_by_role("button", name="Opret bruger").click()

    expect(page.get_by_text("Brugeren anne.gribskov er oprettet.")).to_be_visible()
    row = page.get_by_role("row").filter(has_text="anne.gribskov")
    row.get_by_label("Rolle for Anne").select_option("laeser")
    row.get_by_role("button", name="Gem").click()
    expect(page.get_by_text("Ændringen af anne.gribskov er gemt.")).to_be_visible()
    shot(page, "04-users")

    nav_click(page, "Log")
    expect(page.get_by_role("cell", name="Anne (organisations.User)").first).to_be_visible()
    check_accessibility(page)


def test_consultant_creates_an_api_token_and_uses_it(page: Page, demo, live_server):
    login(page, "konsulent.hilleroed", "demo")
    page.goto("/konto/api-noegler/")
    page.get_by_label("Navn på nøglen").fill("Mit script")
    page.get_by_role("button", name="Opret nøgle").click()
    token = page.locator("#new-token").inner_text()
    check_accessibility(page)

    response = page.request.get(
        f"{live_server.url}/api/v1/me", headers={"Authorization": f"Bearer {token}"}
    )

    assert response.json()["municipality"]["name"] == "Hillerød"


def test_forgotten_password_mails_a_link_that_sets_a_new_one(page: Page, demo, settings):
    import re

    from django.core import mail
    from django.core.cache import cache

    from procesbank.organisations.models import User

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    cache.clear()
    User.objects.filter(username="konsulent.helsingoer").update(email="k@helsingor.dk")
    page.goto("/konto/log-ind/")

    page.get_by_role("link", name="Glemt adgangskode?").click()
    check_accessibility(page)
    page.get_by_label("E-mail").fill("k@helsingor.dk")
    page.get_by_role("button", name="Send link").click()
    expect(page.get_by_role("heading", name="Tjek din e-mail")).to_be_visible()

    link = re.search(r"https?://[^/\s]+(/konto/nulstil/\S+/)", mail.outbox[0].body)
    assert link is not None
    page.goto(link[1])
    page.get_by_label("Ny adgangskode", exact=True).fill("Kaffe-og-kage-2026")
    page.get_by_label("Bekræftelse af ny adgangskode").fill("Kaffe-og-kage-2026")
    page.get_by_role("button", name="Gem ny adgangskode").click()
    expect(page.get_by_role("heading", name="Adgangskoden er skiftet")).to_be_visible()
    login(page, "konsulent.helsingoer", "Kaffe-og-kage-2026")
