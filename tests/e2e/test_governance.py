"""The approval workflow and the staff portal, walked as the users do: a consultant sends a
version for review, a reviewer comments on an element, the owner approves and publishes; an
employee finds it in the portal by an everyday word and opens the print view; another
municipality's employee sees nothing of it."""

from __future__ import annotations

import datetime

import pytest
from playwright.sync_api import Page, expect

from procesbank.demo.organisations import load_organisations
from procesbank.organisations.models import Municipality, Role, User
from procesbank.processes import services
from procesbank.processes.tests.conftest import two_task_bpmn
from tests.e2e.conftest import check_accessibility, login, shot

pytestmark = pytest.mark.django_db(transaction=True)

NAME = "Behandling af ansøgning om enkeltydelse"


@pytest.fixture
def process(transactional_db):
    load_organisations(password="demo")
    for slug in ("helsingoer", "gribskov"):
        employee = User.objects.create_user(
            username=f"medarbejder.{slug}",
            password="demo",
            role=Role.MEDARBEJDER,
            municipality=Municipality.objects.get(slug=slug),
        )
        assert employee.pk
    consultant = User.objects.get(username="konsulent.helsingoer")
    imported = services.process_import_bpmn(user=consultant, data=two_task_bpmn(), name=NAME)
    process = imported.process
    return services.process_update(
        user=consultant,
        process=process,
        lock_version=process.lock_version,
        description="Borgeren søger om hjælp til en enkeltudgift, fx en ny vaskemaskine.",
        owner_user=User.objects.get(username="admin.helsingoer"),
    )


def _switch(page: Page, username: str) -> None:
    page.context.clear_cookies()
    login(page, username, "demo")


@pytest.mark.expected_console("404")
def test_review_approve_publish_and_find_in_the_portal(page: Page, process):
    # The consultant sends the as-is version for review to the reader.
    login(page, "konsulent.helsingoer", "demo")
    page.goto(f"/processer/{process.pk}/")
    page.get_by_role("link", name="Send til review").click()
    page.get_by_label("laeser.helsingoer").check()
    page.get_by_role("button", name="Send til review").click()
    expect(page.get_by_text("Versionen er sendt til review.")).to_be_visible()
    review_url = page.url

    # The reviewer comments on a task and says they are done.
    _switch(page, "laeser.helsingoer")
    page.goto(review_url)
    page.get_by_label("Element i diagrammet").select_option(label="Træf afgørelse")
    page.get_by_role("textbox", name="Kommentar").fill("Skriv fristen på afgørelsen.")
    page.get_by_role("button", name="Tilføj kommentar").click()
    comment = page.locator(".comment").first
    expect(comment).to_contain_text("Træf afgørelse")
    expect(comment).to_contain_text("Skriv fristen på afgørelsen.")
    check_accessibility(page)
    shot(page, "governance-review")
    page.get_by_role("button", name="Jeg er færdig med mit review").click()

    # The owner approves and publishes.
    _switch(page, "admin.helsingoer")
    page.goto(review_url)
    page.get_by_role("button", name="Godkend").click()
    expect(page.get_by_text("Versionen er godkendt.")).to_be_visible()
    next_review = datetime.date.today() + datetime.timedelta(days=200)  # within five years
    page.get_by_label("Næste gennemgang").fill(next_review.isoformat())
    page.get_by_role("button", name="Offentliggør").click()
    expect(page.locator(".lead .badge")).to_have_text("Offentliggjort")

    # An employee lands on the portal, finds it by an everyday word and prints it.
    _switch(page, "medarbejder.helsingoer")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sådan gør vi")
    page.goto("/processer/")  # any other page sends them to the portal
    expect(page.get_by_role("heading", level=1)).to_have_text("Sådan gør vi")
    page.get_by_label("Hvad skal du gøre?").fill("vaskemaskine")
    page.get_by_role("button", name="Søg").click()
    page.get_by_role("link", name=NAME).click()
    expect(page.get_by_role("heading", name="Hvad gør jeg i hvert trin?")).to_be_visible()
    expect(page.locator(".step")).to_have_count(2)
    expect(page.locator("#bpmn-viewer svg").first).to_be_attached()
    check_accessibility(page)
    shot(page, "portal-process")
    page.get_by_role("link", name="Udskriftsvenlig visning").click()
    expect(page.get_by_role("button", name="Udskriv")).to_be_visible()
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.get_by_role("button", name="Udskriv")).to_be_hidden()
    page.emulate_media(media="screen")
    portal_url = page.url.replace("print/", "")

    # Another municipality's employee sees nothing of it.
    _switch(page, "medarbejder.gribskov")
    page.goto("/portal/?q=vaskemaskine")
    expect(page.get_by_text("Ingen arbejdsgange passer. Prøv med et andet ord.")).to_be_visible()
    response = page.goto(portal_url)
    assert response is not None
    assert response.status == 404
