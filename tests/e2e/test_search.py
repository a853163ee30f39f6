"""A consultant in Helsingør types "byggetilladelse" in the header's search box and finds the
demo's permit processes, the tasks of their versions and a candidate, grouped by type, and
nothing of Gribskov's private draft (issue #16)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from procesbank.catalogue import services as catalogue_services
from procesbank.demo.organisations import load_organisations
from procesbank.demo.processes import load_processes
from procesbank.organisations.models import User
from procesbank.processes import services
from tests.e2e.conftest import check_accessibility, login, shot

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo(transactional_db):
    load_organisations(password="demo")
    load_processes()
    catalogue_services.candidate_create(
        user=User.objects.get(username="konsulent.helsingoer"),
        title="Robot tjekker, om ansøgninger om byggetilladelse er komplette",
        summary="Robotten læser bilagene i Byg og Miljø og beder om det, der mangler.",
        kle_code="02.34.02",
        it_systems=["Byg og Miljø"],
        visibility="collaboration",
    )
    services.process_create(
        user=User.objects.get(username="konsulent.gribskov"),
        name="Byggetilladelse til carport, Gribskovs udkast",
        visibility="own",
    )


def test_searching_byggetilladelse_finds_processes_tasks_and_candidates_grouped(page: Page, demo):
    login(page, "konsulent.helsingoer", "demo")

    search = page.get_by_role("search", name="Søg i Procesbank")
    search.get_by_role("searchbox").fill("byggetilladelser")
    search.get_by_role("searchbox").press("Enter")

    expect(page).to_have_url("/soeg/?q=byggetilladelser")
    headings = page.locator(".search-group h2")
    expect(headings).to_have_count(3)
    expect(headings.nth(0)).to_contain_text("Processer")
    expect(headings.nth(1)).to_contain_text("Opgaver i procesversioner")
    expect(headings.nth(2)).to_contain_text("Automatiseringskandidater")
    processes = page.locator("#gruppe-process")
    expect(processes.locator(".search-hit")).to_have_count(5)  # of the seven shared copies
    expect(processes.locator("h2 .badge")).to_have_text("7")
    expect(processes.locator(".search-hit").first).to_contain_text("Helsingør")  # own first
    expect(processes.locator("mark").first).to_have_text("byggetilladelse")
    expect(page.get_by_text("Gribskovs udkast")).to_have_count(0)
    check_accessibility(page)
    shot(page, "search-byggetilladelse")

    processes.get_by_role("link", name="Vis flere processer").click()

    expect(page.locator(".search-group")).to_have_count(1)
    expect(page.locator("#gruppe-process .search-hit")).to_have_count(7)
    expect(page.get_by_role("checkbox", name="Processer")).to_be_checked()
    shot(page, "search-byggetilladelse-processer")

    page.get_by_role("link", name="Vis alle typer").click()
    page.locator("#gruppe-candidate").get_by_role("link").first.click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Robot tjekker")


def test_nothing_found_gives_tips_in_english(page: Page, demo):
    login(page, "konsulent.helsingoer", "demo")
    page.get_by_role("button", name="English").click()

    page.goto("/soeg/?q=zebraovergang")

    expect(page.get_by_text("No results for “zebraovergang”.")).to_be_visible()
    check_accessibility(page)
    shot(page, "search-empty-en")
