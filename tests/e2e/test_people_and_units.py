"""People and organisational units (issue #14) as an administrator walks them: the unit tree
(add a forvaltning, import the rest from the HR system's CSV, preview first), the profile page
with name and language, and the library's "min enhed" filter."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from procesbank.demo.organisations import load_organisations
from procesbank.demo.units import load_units
from procesbank.organisations.models import OrganisationalUnit, User
from tests.e2e.conftest import check_accessibility, login, nav_click, shot

pytestmark = pytest.mark.django_db(transaction=True)

CSV = (
    "Navn;Overordnet enheds-id;Enheds-id\n"
    "Kultur og Fritid;;900\n"
    "Biblioteker;900;910\n"
    "Team Udlån;910;911\n"
)


@pytest.fixture
def demo(transactional_db) -> None:
    load_organisations(password="demo")
    load_units()


def test_an_administrator_builds_the_unit_tree_and_imports_the_rest(page: Page, demo, tmp_path):
    login(page, "admin.helsingoer", "demo")
    nav_click(page, "Enheder")
    expect(page.get_by_role("heading", level=1)).to_have_text("Enheder i Helsingør")

    page.get_by_label("Navn").fill("Klima og Bæredygtighed")
    page.get_by_label("Type").select_option(label="Forvaltning")
    page.get_by_role("button", name="Opret enhed").click()

    expect(page.get_by_role("link", name="Klima og Bæredygtighed")).to_be_visible()
    check_accessibility(page)
    shot(page, "unit-tree")
    page.get_by_role("link", name="Importér fra fil").click()
    export = tmp_path / "enheder.csv"
    export.write_text(CSV, encoding="utf-8")
    page.get_by_label("Fil med enheder").set_input_files(str(export))
    page.get_by_role("button", name="Kontrollér filen").click()
    expect(page.get_by_text("3 nye, 0 opdateringer og 0 med fejl.")).to_be_visible()
    check_accessibility(page)
    shot(page, "unit-import-preview")
    page.get_by_role("button", name="Gem alle rækker").click()

    expect(page.get_by_role("link", name="Team Udlån")).to_be_visible()
    team = OrganisationalUnit.objects.get(external_id="911")
    assert (team.parent.name, team.kind) == ("Biblioteker", "team")
    page.set_viewport_size({"width": 320, "height": 800})
    widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1]


def test_a_user_sets_name_and_language_on_the_profile(page: Page, demo):
    login(page, "konsulent.helsingoer", "demo")
    expect(page.locator(".user-menu__name")).to_have_text("Camilla Friis")

    page.locator(".user-menu summary").click()
    page.get_by_role("link", name="Min profil").click()
    page.get_by_label("Stillingsbetegnelse").fill("Digitaliseringskonsulent")
    page.get_by_label("Sprog").select_option(label="Engelsk")
    check_accessibility(page)
    shot(page, "profile")
    page.get_by_role("button", name="Gem").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("My profile")
    assert User.objects.get(username="konsulent.helsingoer").language == "en"


def test_the_library_filters_on_min_enhed(page: Page, demo):
    from procesbank.processes import services

    user = User.objects.get(username="konsulent.helsingoer")
    team = user.unit
    services.process_create(user=user, name="Digitaliseringsstrategi", unit=team)
    services.process_create(user=user, name="Byggesag uden enhed")
    login(page, "konsulent.helsingoer", "demo")
    nav_click(page, "Processer")

    page.get_by_label("Enhed").select_option(label=f"Min enhed ({team.name})")

    results = page.locator("#results")
    expect(results.get_by_role("link", name="Digitaliseringsstrategi")).to_be_visible()
    expect(results.get_by_text("Byggesag uden enhed")).to_have_count(0)
    shot(page, "library-min-enhed")
