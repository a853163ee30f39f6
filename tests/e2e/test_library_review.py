"""Findings of a user's-eye review of the process library and the shared catalogue: the
comparison chart speaks the page's number format, a long link does not widen the candidate
page, and a checkbox in a form sits under its label instead of in the middle of the field."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from procesbank.catalogue import services as catalogue_services
from procesbank.catalogue.tests.conftest import measure
from procesbank.demo.organisations import load_organisations
from procesbank.organisations.models import User
from procesbank.processes import services
from procesbank.processes.tests.conftest import two_task_bpmn
from tests.e2e.conftest import check_accessibility, login, shot

pytestmark = pytest.mark.django_db(transaction=True)

LONG_LINK = "https://git.example.org/kommune/" + "kreditorrobot_med_et_meget_langt_navn_" * 4

# The chart's own axis formatter, asked directly: the labels are drawn on a canvas.
AXIS_LABELS = """() => {
    const chart = echarts.getInstanceByDom(document.getElementById("comparison-chart"));
    const axes = chart.getOption().yAxis;
    return [axes[0].axisLabel.formatter(2500), axes[1].axisLabel.formatter(0.25)];
}"""


@pytest.fixture
def shared(transactional_db):
    load_organisations(password="demo")
    for username in ("konsulent.helsingoer", "konsulent.gribskov"):
        user = User.objects.get(username=username)
        process = services.process_create(
            user=user,
            name="Behandling af ansøgning om enkeltydelse",
            bpmn_xml=two_task_bpmn(),
            kle_code="32.18.08",
            yearly_volume=1413,
            visibility="collaboration",
        )
        measure(user, process)
    return catalogue_services.candidate_create(
        user=User.objects.get(username="konsulent.hilleroed"),
        title="Automatisk kontering af kreditorfakturaer",
        summary="Faste leverandørers fakturaer konteres automatisk.",
        code_repository_url=LONG_LINK,
        visibility="collaboration",
    )


def test_comparison_chart_axes_use_the_page_number_format(page: Page, shared):
    login(page, "konsulent.hilleroed", "demo")

    page.goto("/katalog/sammenlign/?kle=32.18")
    expect(page.locator("#comparison-chart canvas")).to_be_attached()
    danish = page.evaluate(AXIS_LABELS)
    shot(page, "review-comparison-da")
    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", name="Compare municipalities")).to_be_visible()
    expect(page.locator("#comparison-chart canvas")).to_be_attached()
    english = page.evaluate(AXIS_LABELS)

    assert danish == ["2.500", "0,25"]
    assert english == ["2,500", "0.25"]


def test_a_long_code_link_does_not_widen_the_candidate_page(page: Page, shared):
    login(page, "konsulent.gribskov", "demo")

    page.goto(f"/katalog/kandidater/{shared.pk}/")
    expect(page.get_by_role("link", name=LONG_LINK)).to_be_visible()
    widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    check_accessibility(page)
    shot(page, "review-candidate-long-link")

    assert widths[0] <= widths[1]


def test_a_checkbox_sits_under_its_label_in_the_candidate_form(page: Page, shared):
    login(page, "konsulent.hilleroed", "demo")

    page.goto("/katalog/kandidater/ny/")
    label = page.get_by_text("Retter sig mod borgere", exact=True).bounding_box()
    box = page.get_by_role("checkbox", name="Retter sig mod borgere").bounding_box()
    shot(page, "review-candidate-form")

    assert label is not None
    assert box is not None
    # Stretched to the column's width, Chromium drew the box in the middle of the field.
    assert box["width"] < 30
    assert abs(box["x"] - label["x"]) < 5
