"""The collaboration admin sets up a municipality's KOMBIT login in a real browser, and the
login page then offers its button."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from procesbank.demo.organisations import load_organisations
from procesbank.identity.tests.test_engine import IDP_METADATA
from tests.e2e.conftest import check_accessibility, login, nav_click, shot

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo(transactional_db):
    load_organisations(password="demo")


def test_collaboration_admin_sets_up_kombit_login(page: Page, demo, tmp_path):
    metadata = tmp_path / "kombit-idp.xml"
    metadata.write_bytes(IDP_METADATA)
    login(page, "samarbejde.admin", "demo")

    nav_click(page, "Single sign-on")
    expect(page.get_by_role("heading", name="Single sign-on", exact=True)).to_be_visible()
    expect(page.get_by_text("Ingen kommune har sat SAML op endnu.")).to_be_visible()
    check_accessibility(page)
    shot(page, "sso-01-empty")

    page.get_by_label("Kommune", exact=True).select_option(label="Helsingør")
    page.get_by_label("Rettighed eller gruppe").fill(
        "http://procesbank.dk/roles/usersystemrole/konsulent/1"
    )
    page.get_by_label("Rolle i Procesbank").select_option(label="Konsulent")
    page.get_by_role("button", name="Tilknyt").click()
    expect(page.get_by_text("Rolletilknytningen er gemt.")).to_be_visible()

    page.get_by_role("link", name="Ny SAML-identitetsudbyder").click()
    page.get_by_label("Kommune", exact=True).select_option(label="Helsingør")
    page.get_by_label("Navn på knappen").fill("Helsingør Kommunes login")
    page.get_by_label("Kommunens CVR-nummer").fill("64502018")
    page.get_by_label("Identitetsudbyderens metadatafil (XML)").set_input_files(str(metadata))
    page.get_by_label("Aktiv (vis knappen på log ind-siden)").check()
    check_accessibility(page)
    shot(page, "sso-02-provider-form")
    page.get_by_role("button", name="Gem").click()

    expect(page.get_by_text("Identitetsudbyderen er gemt.")).to_be_visible()
    expect(page.get_by_text("https://saml.adgangsstyring.stoettesystemerne.dk")).to_be_visible()
    shot(page, "sso-03-overview")

    page.get_by_text("Charlotte Aagaard").first.click()
    page.get_by_role("button", name="Log ud").click()
    expect(page.get_by_role("link", name="Log ind med Helsingør Kommunes login")).to_be_visible()
    check_accessibility(page)
    shot(page, "sso-04-login-page")
