"""A consultant lays the communication plan of a project in procurement: the project's page
first shows the gate criterion "communication plan" unmet, and met after the first line; the
old address under Kompetencer still leads to the page."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from procesbank.demo.organisations import load_organisations
from procesbank.organisations.models import User
from procesbank.projects import services
from tests.e2e.conftest import check_accessibility, login, shot

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def project(transactional_db):
    load_organisations(password="demo")
    user = User.objects.get(username="konsulent.helsingoer")
    created = services.project_create(user=user, name="Digital ansøgning", phase="anskaffelse")
    services.stakeholder_create(
        user=user, project=created, name="Direktionen", influence=5, attitude=1
    )
    services.stakeholder_create(
        user=user, project=created, name="Sagsbehandlerne", influence=3, attitude=-1
    )
    return created


def _gate_row(page: Page):
    return page.get_by_role("row").filter(
        has=page.get_by_role("rowheader", name="Kommunikationsplanen er lagt")
    )


def test_communication_plan_meets_the_gate(page: Page, project):
    login(page, "konsulent.helsingoer", "demo")
    page.goto(f"/projekter/{project.pk}/")
    expect(_gate_row(page)).to_contain_text("Nej")

    page.get_by_role("link", name="Interessenter og kommunikation").click()
    expect(page.locator("[data-stakeholder-grid] svg")).to_be_attached()
    page.get_by_label("Målgruppe").fill("Sagsbehandlerne")
    page.get_by_label("Budskab").fill("Hvorfor vi ændrer processen")
    page.get_by_label("Kanal").fill("Personalemøde")
    page.get_by_label("Afsender").fill("Afdelingsleder")
    page.get_by_label("Dato").fill("2026-02-02")
    page.get_by_role("button", name="Tilføj").last.click()

    expect(page.get_by_text("Aktiviteten er tilføjet kommunikationsplanen.")).to_be_visible()
    check_accessibility(page)
    shot(page, "82-anchoring")
    page.get_by_role("link", name="Til projektet").click()
    expect(_gate_row(page)).to_contain_text("Ja")


def test_old_address_under_kompetencer_leads_to_the_page(page: Page, project):
    login(page, "konsulent.helsingoer", "demo")

    page.goto(f"/kompetencer/forankring/{project.pk}/")

    expect(page).to_have_url(
        f"{page.url.split('/projekter')[0]}/projekter/{project.pk}/forankring/"
    )
    expect(page.get_by_role("heading", level=1)).to_have_text("Digital ansøgning")
