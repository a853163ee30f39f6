"""Review comments on diagram elements show as count badges: on the review page's diagram,
where a click marks the element's comments, and on the process page's diagram, where the
badge leads to them. Another municipality's user sees no badge."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from procesbank.demo.organisations import load_organisations
from procesbank.governance import services as governance
from procesbank.organisations.models import User
from procesbank.processes import services
from procesbank.processes.tests.conftest import two_task_bpmn
from tests.e2e.conftest import login, shot

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def commented(transactional_db):
    """Two comments on "Registrér ansøgning" (T1), one on "Træf afgørelse" (T2), one on the
    whole version."""
    load_organisations(password="demo")
    consultant = User.objects.get(username="konsulent.helsingoer")
    process = services.process_import_bpmn(
        user=consultant, data=two_task_bpmn(), name="Enkeltydelse"
    ).process
    version = process.versions.get()
    for text, element in [
        ("Hvem registrerer i weekenden?", "T1"),
        ("Brug den nye skabelon.", "T1"),
        ("Afgørelsen mangler en frist.", "T2"),
        ("Fin model.", ""),
    ]:
        version.refresh_from_db()
        governance.review_comment_add(
            user=consultant, version=version, text=text, element_id=element
        )
    return process


def test_badges_count_the_comments_of_each_element(page: Page, commented):
    version = commented.versions.get()
    login(page, "konsulent.helsingoer", "demo")

    page.goto(f"/processer/versioner/{version.pk}/godkendelse/")
    first = page.locator('#review-viewer .comment-badge[data-element="T1"]')

    expect(first).to_have_text("2")
    second = page.get_by_role("button", name="1 kommentar om Træf afgørelse: vis den")
    expect(second).to_have_text("1")
    expect(page.locator("#review-viewer .comment-badge")).to_have_count(2)
    first.click()
    marked = page.locator(".comment--marked")
    expect(marked).to_have_count(2)
    expect(marked.first).to_contain_text("Hvem registrerer i weekenden?")
    expect(marked.last).to_contain_text("Brug den nye skabelon.")
    shot(page, "review-comment-badges")

    page.goto(f"/processer/{commented.pk}/")
    badge = page.get_by_role("link", name="2 kommentarer om Registrér ansøgning: vis dem")
    expect(badge).to_have_text("2")
    badge.click()
    expect(page.locator(".comment--marked")).to_have_count(2)


def test_another_municipality_sees_no_badges(page: Page, commented):
    commented.visibility = "public"
    commented.save()
    login(page, "konsulent.gribskov", "demo")

    page.goto(f"/processer/{commented.pk}/")

    expect(page.locator("#bpmn-viewer svg").first).to_be_visible()
    # Gribskov's page does not even ask for Helsingør's comments.
    assert page.locator("#bpmn-viewer").get_attribute("data-comments-url") is None
    expect(page.locator(".comment-badge")).to_have_count(0)
