"""The timeline of a long building-permit case (BPIC15_1, case 2929114: 93 events over
1,486 days, each with a completion time only) shows every event."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import login, shot
from tests.e2e.test_process_map import bpic  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db(transaction=True)

DRAWN = """() => {
  const chart = echarts.getInstanceByDom(document.getElementById('timeline-chart'));
  const series = chart.getOption().series;
  return {bars: series[0].data.length, markers: series[1].data.length,
          height: document.getElementById('timeline-chart').clientHeight};
}"""


def test_long_case_shows_every_event_as_a_marker(page: Page, bpic):  # noqa: F811
    login(page, "konsulent.helsingoer", "demo")
    page.goto(f"/procesanalyse/{bpic.pk}/sager/")
    page.get_by_role("link", name="2929114").click()

    expect(page.locator("#timeline-chart canvas")).to_be_attached()
    drawn = page.evaluate(DRAWN)

    # 93 instant events: 93 diamonds, no bars; 26 px a row, so the chart grows to 2,508 px
    # and its frame scrolls. The first event is at midnight, Danish time.
    assert (drawn["bars"], drawn["markers"]) == (0, 93)
    assert drawn["height"] == 93 * 26 + 90
    expect(page.get_by_role("cell", name="13.12.2010 00:00")).to_be_visible()
    shot(page, "72-mining-case-timeline")
