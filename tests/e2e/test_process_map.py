"""The process map of a real municipal log (BPIC15_1: 1,199 building-permit cases, 398
activities) is readable: the rendered boxes are measured in the browser."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from procesbank.demo.organisations import load_organisations
from procesbank.mining.tests.test_models import import_log
from procesbank.organisations.models import User
from tests.e2e.conftest import check_accessibility, login, shot

pytestmark = pytest.mark.django_db(transaction=True)

# For every drawn activity box and arc label: does any other box or arc label overlap it, and
# does each line of a box's label fit inside the box (rendered sizes on screen, so this holds
# at any zoom)?
MEASURE = """() => {
  const boxes = [...document.querySelectorAll('.map-node--activity')].map(group => {
    const box = group.querySelector('rect').getBoundingClientRect();
    const cut = [...group.querySelectorAll('tspan')].filter(span => {
      const line = span.getBoundingClientRect();
      return line.width === 0 || line.left < box.left - 0.5 || line.right > box.right + 0.5
        || line.top < box.top - 0.5 || line.bottom > box.bottom + 0.5;
    }).map(span => span.textContent);
    return {left: box.left, right: box.right, top: box.top, bottom: box.bottom, cut,
            name: group.getAttribute('aria-label')};
  });
  const labels = [...document.querySelectorAll('.map-edge-label rect')].map(rect => {
    const r = rect.getBoundingClientRect();
    return {left: r.left, right: r.right, top: r.top, bottom: r.bottom,
            name: 'arc ' + rect.parentNode.getAttribute('data-edge')};
  });
  const clash = (a, b) => a.left < b.right - 0.5 && b.left < a.right - 0.5
    && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
  const overlaps = [];
  const all = boxes.concat(labels);
  for (let i = 0; i < all.length; i++) {
    for (let j = i + 1; j < all.length; j++) {
      if (clash(all[i], all[j])) {
        overlaps.push([all[i].name, all[j].name]);
      }
    }
  }
  return {count: boxes.length, labels: labels.length, overlaps,
          cut: boxes.filter(b => b.cut.length).map(b => b.name)};
}"""


@pytest.fixture
def bpic(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    load_organisations(password="demo")
    user = User.objects.get(username="konsulent.helsingoer")
    return import_log(user, "BPIC15_1.xes.gz", name="Byggetilladelser")


def _measure(page: Page) -> dict:
    expect(page.get_by_test_id("process-map")).to_have_attribute("data-ready", "true")
    return page.evaluate(MEASURE)


def test_first_view_of_a_large_log_shows_25_readable_activities(page: Page, bpic):
    login(page, "konsulent.helsingoer", "demo")
    page.goto(f"/procesanalyse/{bpic.pk}/kort/")

    # 398 activities: 6 % of them (round(23.88) = 24) is the largest share within 25.
    expect(page.locator("#activities-output")).to_have_text("6")
    expect(page.get_by_test_id("map-note")).to_contain_text(
        "Viser de 24 hyppigste af 398 aktiviteter."
    )
    expect(page.get_by_test_id("map-note")).to_contain_text("374 sjældnere aktiviteter")
    measured = _measure(page)
    assert measured["count"] == 24
    assert measured["overlaps"] == []
    assert measured["cut"] == []
    check_accessibility(page)
    shot(page, "65-mining-map-default")

    page.get_by_role("button", name="100 %").click()
    expect(page.get_by_test_id("map-scale")).to_have_text("100 %")
    measured = _measure(page)
    assert measured["overlaps"] == []
    assert measured["cut"] == []

    page.get_by_label("Venstre mod højre").check()
    expect(page.locator("svg.map-svg")).to_have_attribute("data-direction", "LR")
    assert "retning=vandret" in page.url
    measured = _measure(page)
    assert measured["count"] == 24
    assert measured["overlaps"] == []
    assert measured["cut"] == []
    shot(page, "66-mining-map-left-to-right")


def test_every_activity_at_once_still_has_no_overlaps_or_cut_labels(page: Page, bpic):
    login(page, "konsulent.helsingoer", "demo")
    page.goto(f"/procesanalyse/{bpic.pk}/kort/?aktiviteter=100&stier=10")

    measured = _measure(page)

    assert measured["count"] == 398
    assert measured["overlaps"] == []
    assert measured["cut"] == []
    shot(page, "67-mining-map-all-activities")


def test_click_an_activity_for_its_figures_and_filter_to_its_cases(page: Page, bpic):
    login(page, "konsulent.helsingoer", "demo")
    page.goto(f"/procesanalyse/{bpic.pk}/kort/")
    expect(page.get_by_test_id("process-map")).to_have_attribute("data-ready", "true")

    page.locator(".map-node--activity").first.click()

    details = page.locator("#map-details")
    expect(details).to_be_visible()
    expect(details.get_by_role("heading")).to_have_text("01_HOOFD_010")
    # PM4Py on BPIC15_1: 01_HOOFD_010 occurs 1,199 times, once in every case.
    expect(details.get_by_role("row", name="Hændelser 1.199")).to_be_visible()
    expect(details.get_by_role("row", name="Sager 1.199")).to_be_visible()
    shot(page, "68-mining-map-details")
    details.get_by_role("link", name="Filtrér til sager gennem her").click()

    page.wait_for_url("**med=01_HOOFD_010**")
    expect(page.get_by_test_id("process-map")).to_have_attribute("data-ready", "true")


def test_readable_english_names_wrap_inside_their_boxes(page: Page, bpic):
    login(page, "konsulent.helsingoer", "demo")
    page.goto(f"/procesanalyse/{bpic.pk}/kort/")
    page.get_by_label("Aktiviteter navngives efter").select_option("activityNameEN")
    page.get_by_role("button", name="Skift").click()

    # activityNameEN names the 398 codes with 289 names; 8 % of them is 23 boxes.
    expect(page.get_by_test_id("map-note")).to_contain_text("af 289 aktiviteter")
    measured = _measure(page)
    assert measured["count"] == 23
    assert measured["overlaps"] == []
    assert measured["cut"] == []
    shot(page, "68-mining-map-english-names")

    with page.expect_download() as svg:
        page.get_by_role("button", name="Gem som SVG").click()
    with page.expect_download() as png:
        page.get_by_role("button", name="Gem som PNG").click()
    assert svg.value.suggested_filename == "proceskort-Byggetilladelser.svg"
    assert png.value.suggested_filename == "proceskort-Byggetilladelser.png"
