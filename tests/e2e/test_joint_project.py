"""A joint procurement of four municipalities: the lead (Alfa) adds the participants with their
split keys, makes the project a procurement with its contract value and first milestone, and
splits the lines; each participant's NPV and the joint NPV match the hand-computed figures of
:mod:`procesbank.economics.tests.joint_fixture`. Delta then adds a local line that only its
own case (and the lead) sees."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from procesbank.economics.tests.joint_fixture import PASSWORD, joint_world
from tests.e2e.conftest import check_accessibility, login, shot

pytestmark = pytest.mark.django_db(transaction=True)

# Hand-computed in joint_fixture's docstring (NPV at 10 %, 2027-2028):
#   joint  -100,000 + 112,000 / 1.1 =  1,818.18
#   Alfa    -40,000 +  50,000 / 1.1 =  5,454.55
#   Beta    -30,000 +  26,000 / 1.1 = -6,363.64
#   Gamma   -20,000 +  24,000 / 1.1 =  1,818.18
#   Delta   -10,000 +  12,000 / 1.1 =    909.09, with its local 5,000: -4,090.91
PARTICIPANTS = [("Alfa", "50", "50"), ("Beta", "30", "50"), ("Gamma", "20", "0"),
                ("Delta", "10", "0")]  # fmt: skip


@pytest.fixture
def world(transactional_db):
    return joint_world(participants=False, splits=False)


def _set_key(page: Page, line: str, key: str) -> None:
    details = page.locator("details.split-line").filter(has_text=line)
    details.locator("summary").click()
    details.get_by_label("Fordelingsnøgle").select_option(label=key)
    details.get_by_role("button", name="Gem fordeling").click()
    expect(page.get_by_text(f"Fordelingen af “{line}” er gemt.")).to_be_visible()


def test_joint_procurement_split_between_four_municipalities(page: Page, world):
    login(page, "konsulent.alfa", PASSWORD)
    page.get_by_role("link", name="Projekter", exact=True).first.click()
    page.get_by_role("link", name="Fælles borgerportal").click()
    page.get_by_role("link", name="Fællesprojekt og udbud").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Fællesprojekt og fordeling")

    for name, cases, fixed in PARTICIPANTS:
        page.get_by_label("Kommune", exact=True).select_option(label=name)
        page.get_by_label("Antal sager").fill(cases)
        page.get_by_label("Fast andel (%)").fill(fixed)
        page.get_by_role("button", name="Gem deltager").click()
        expect(page.get_by_text("Deltageren er gemt.")).to_be_visible()

    page.get_by_label("Projekttype").select_option(label="Udbud")
    page.get_by_label("Ejet af samarbejdet").check()
    page.get_by_label("Kontraktværdi (kr.)").fill("1.250.000")
    page.get_by_role("button", name="Gem", exact=True).click()
    expect(page.get_by_text("Fællesprojektet er gemt.")).to_be_visible()
    expect(page.get_by_test_id("contract-value")).to_have_text("1.250.000 kr.")
    milestones = page.locator("#milestones tbody tr")
    expect(milestones).to_have_count(6)
    first = milestones.first
    expect(first).to_contain_text("Markedsdialog")
    first.get_by_label("Dato Markedsdialog").fill("2026-03-02")
    first.get_by_label("Gennemført Markedsdialog").check()
    first.get_by_role("button", name="Gem Markedsdialog").click()
    expect(page.get_by_text("Milepælen er gemt.")).to_be_visible()
    expect(page.locator("#milestones tbody tr").first.get_by_role("checkbox")).to_be_checked()

    _set_key(page, "Licenser", "Faste andele")
    _set_key(page, "Frigjort tid", "Antal sager")

    expect(page.get_by_test_id("npv-joint")).to_have_text("1.818 kr.")
    expect(page.get_by_test_id("npv-alfa")).to_have_text("5.455 kr.")
    expect(page.get_by_test_id("npv-beta")).to_have_text("-6.364 kr.")
    expect(page.get_by_test_id("npv-gamma")).to_have_text("1.818 kr.")
    expect(page.get_by_test_id("npv-delta")).to_have_text("909 kr.")
    check_accessibility(page)
    shot(page, "90-joint-project-lead")

    page.locator(".user-menu summary").click()
    page.get_by_role("button", name="Log ud").click()
    login(page, "konsulent.delta", PASSWORD)
    page.get_by_role("link", name="Projekter", exact=True).first.click()
    page.get_by_role("link", name="Fælles borgerportal").click()
    page.get_by_role("link", name="Fællesprojekt og udbud").click()
    page.get_by_label("Type").select_option(label="Omkostning")
    page.get_by_label("Kategori").select_option(label="Implementering")
    page.get_by_label("Navn").fill("Lokal oplæring")
    page.get_by_label("Beløb pr. år (kr.)").fill("5.000; 0")
    page.get_by_role("button", name="Tilføj lokal linje").click()
    expect(page.get_by_text("Den lokale linje “Lokal oplæring” er tilføjet.")).to_be_visible()

    expect(page.get_by_test_id("npv-delta")).to_have_text("-4.091 kr.")
    expect(page.get_by_test_id("npv-joint")).to_have_text("1.818 kr.")
    expect(page.get_by_test_id("npv-alfa")).to_have_count(0)
    expect(page.get_by_role("button", name="Gem deltager")).to_have_count(0)
    check_accessibility(page)
    shot(page, "91-joint-project-participant")
