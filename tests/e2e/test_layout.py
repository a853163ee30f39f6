"""The shared layout: the header fits one row on a 1280 px screen, and a table's action cell
stays a table cell (a flex cell loses the row's border and height)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from procesbank.demo.organisations import load_organisations
from tests.e2e.conftest import check_accessibility, login, shot

pytestmark = pytest.mark.django_db(transaction=True)

HEADER_ROW = """() => {
    const box = (el) => el.getBoundingClientRect();
    const brand = box(document.querySelector(".brand"));
    const items = [...document.querySelectorAll(".main-nav > ul > li")].map(box);
    const tools = box(document.querySelector(".site-header__tools"));
    return {
        navRows: new Set(items.map((b) => Math.round(b.top))).size,
        // every part of the header overlaps the brand's row vertically
        oneRow: [...items, tools].every((b) => b.top < brand.bottom && b.bottom > brand.top),
        rightEdge: Math.round(tools.right),
        height: Math.round(box(document.querySelector(".site-header")).height),
    };
}"""


@pytest.fixture
def demo(transactional_db):
    load_organisations(password="demo")


@pytest.mark.parametrize("width", [1280, 1440])
@pytest.mark.parametrize("language", ["Dansk", "English"])
def test_the_header_of_the_user_with_the_longest_menu_fits_one_row(
    page: Page, demo, width: int, language: str
):
    page.set_viewport_size({"width": width, "height": 900})
    login(page, "samarbejde.admin", "demo")
    page.get_by_role("button", name=language).click()
    expect(page.locator("html")).to_have_attribute("lang", "da" if language == "Dansk" else "en")

    header = page.evaluate(HEADER_ROW)
    shot(page, f"header-{width}-{language}")

    assert header["navRows"] == 1
    assert header["oneRow"] is True
    assert header["rightEdge"] <= width
    assert header["height"] < 70  # one row is about 56 px; two rows would be over 100


def test_the_administration_sits_behind_mere_and_opens_by_keyboard(page: Page, demo):
    login(page, "samarbejde.admin", "demo")
    nav = page.get_by_role("navigation", name="Hovedmenu")

    expect(nav.get_by_role("link", name="Brugere")).to_be_hidden()
    nav.locator(".nav-more summary").focus()
    page.keyboard.press("Enter")

    for name in ("Kommuner", "Ordbog", "Brugere", "Log", "Single sign-on"):
        expect(nav.get_by_role("link", name=name, exact=True)).to_be_visible()
    nav.get_by_role("link", name="Brugere").click()
    expect(page.locator(".nav-more summary")).to_have_class("nav-more__current")
    check_accessibility(page)


def test_the_compact_user_menu_shows_role_and_municipality_when_opened(page: Page, demo):
    login(page, "samarbejde.admin", "demo")

    page.locator(".user-menu summary").click()

    expect(page.locator(".user-menu__meta")).to_have_text(
        "Sekretariatsleder, Nordsjællands Digitaliseringssamarbejde · "
        "Samarbejdsadministrator · Hillerød"
    )
    expect(page.get_by_role("button", name="Log ud")).to_be_visible()
    check_accessibility(page)
    shot(page, "header-user-menu-open")


def test_an_action_cell_stays_a_table_cell_with_its_actions_in_a_row(page: Page, demo):
    login(page, "samarbejde.admin", "demo")

    display = page.evaluate(
        """() => {
            const table = document.createElement("table");
            table.className = "table";
            table.innerHTML = `<tr><td class="actions"><div class="actions">
                <a href="#">Ret</a><form class="inline-form"><button>Slet</button></form>
                </div></td></tr>`;
            document.querySelector("main").append(table);
            const cell = table.querySelector("td");
            const wrapper = table.querySelector("div.actions");
            const [link, form] = wrapper.children;
            return {
                cell: getComputedStyle(cell).display,
                wrapper: getComputedStyle(wrapper).display,
                sameRow: link.getBoundingClientRect().top === form.getBoundingClientRect().top
                    || Math.abs(link.getBoundingClientRect().bottom
                        - form.getBoundingClientRect().bottom) < 8,
            };
        }"""
    )

    assert display == {"cell": "table-cell", "wrapper": "flex", "sameRow": True}
