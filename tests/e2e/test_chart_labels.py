"""Every category of a chart keeps its label, in full: Effekt's bars per municipality, the
event-log comparison (names with a long shared beginning) and the business case's tornado
(long line names). The charts are drawn as SVG, so the labels are text the test can read."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Page, expect

from procesbank.demo.competence import load_competence
from procesbank.demo.organisations import load_organisations
from procesbank.economics.models import BusinessCaseLine
from procesbank.economics.tests.factories import four_year_case
from procesbank.mining.tests.test_models import import_log
from procesbank.organisations.models import User
from tests.e2e.conftest import login, shot

pytestmark = pytest.mark.django_db(transaction=True)

# The texts drawn in a chart's SVG, in document order; a wrapped label is one text per line.
SVG_TEXTS = """(selector) => Array.from(
    document.querySelectorAll(selector + " svg text")).map((t) => t.textContent)"""
LONG_LINE = "Oplæring af medarbejdere i den nye digitale selvbetjeningsløsning"


def _words(text: str) -> str:
    return " ".join(text.split())


def assert_every_label_drawn(page: Page, selector: str, labels: list[str]) -> None:
    expect(page.locator(f"{selector} svg")).to_be_attached()
    texts = page.evaluate(SVG_TEXTS, selector)
    drawn = _words(" ".join(texts))
    assert not [t for t in texts if "…" in t or "..." in t], texts
    missing = [label for label in labels if _words(label) not in drawn]
    assert missing == [], drawn


@pytest.fixture
def demo(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    load_organisations(password="demo")


def _categories(page: Page, data_id: str) -> list[str]:
    return json.loads(page.locator(f"#{data_id}").text_content() or "{}")["categories"]


def test_effect_bars_label_every_municipality(page: Page, demo):
    load_competence()
    login(page, "konsulent.helsingoer", "demo")

    page.goto("/effekt/")

    municipalities = _categories(page, "effect-municipality-data")
    assert len(municipalities) >= 7
    assert_every_label_drawn(page, "[data-chart='effect-municipality-data']", municipalities)
    shot(page, "chart-labels-effect")


def test_log_comparison_labels_every_log_in_full(page: Page, demo):
    user = User.objects.get(username="konsulent.helsingoer")
    names = [
        "Byggetilladelser, hollandsk model, Helsingør 2024",
        "Byggetilladelser, hollandsk model, Helsingør 2025",
        "Byggetilladelser, hollandsk model, efter ny selvbetjening",
    ]
    for name in names:
        import_log(user, name=name)
    login(page, "konsulent.helsingoer", "demo")

    page.goto("/procesanalyse/sammenlign/")

    assert_every_label_drawn(page, "#comparison-chart", names)
    shot(page, "chart-labels-log-comparison")


def test_tornado_shows_whole_line_names_and_round_ticks(page: Page, demo):
    user = User.objects.get(username="konsulent.helsingoer")
    case = four_year_case(user)
    BusinessCaseLine.objects.filter(business_case=case, name="Frigjort tid").update(name=LONG_LINE)
    login(page, "konsulent.helsingoer", "demo")

    page.goto(f"/projekter/{case.project_id}/business-case/")

    assert_every_label_drawn(page, "#tornado-chart", [LONG_LINE, "Udvikling"])
    texts = page.evaluate(SVG_TEXTS, "#tornado-chart")
    ticks = [t for t in texts if t.replace(".", "").replace("−", "").replace("-", "").isdigit()]
    assert ticks
    # Round kroner: every tick is a multiple of 1.000 (the shifted axis gave -532.239).
    assert all(int(t.replace(".", "").replace("−", "-")) % 1000 == 0 for t in ticks), ticks
    shot(page, "chart-labels-tornado")
