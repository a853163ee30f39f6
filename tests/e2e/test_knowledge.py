"""Issue 16's "done when", the knowledge part: a consultant in Hørsholm asks how others measure
time on a permit process; a consultant in Helsingør, who follows the topic, sees the question
under the bell, answers with a link to her process; the asker is notified, opens the link and
accepts the answer. The lesson of Gribskov's finished project shows on the process it changed,
and Gribskov's private lesson does not."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from procesbank.demo.organisations import load_organisations
from procesbank.knowledge import services as knowledge_services
from procesbank.organisations.models import User
from procesbank.processes import services
from procesbank.processes.tests.conftest import two_task_bpmn
from procesbank.projects import services as project_services
from tests.e2e.conftest import check_accessibility, login, shot

pytestmark = pytest.mark.django_db(transaction=True)

PERMIT = "Ansøgning om byggetilladelse (enfamiliehus)"


@pytest.fixture
def demo(transactional_db):
    load_organisations(password="demo")
    helsingoer = User.objects.get(username="konsulent.helsingoer")
    services.process_create(
        user=helsingoer, name=PERMIT, bpmn_xml=two_task_bpmn(), kle_code="02.34.02",
        visibility="collaboration",
    )  # fmt: skip
    knowledge_services.topic_follow_set(user=helsingoer, topics=["tidsmaaling"])
    gribskov = User.objects.get(username="konsulent.gribskov")
    process = services.process_create(
        user=gribskov, name="Byggesag i Gribskov", bpmn_xml=two_task_bpmn(),
        kle_code="02.34.02", visibility="collaboration",
    )  # fmt: skip
    project = project_services.project_create(
        user=gribskov, name="Hurtigere byggetilladelser", phase="realisering",
        as_is_version=process.versions.get(),
    )  # fmt: skip
    knowledge_services.lesson_create(
        user=gribskov, project=project, title="Mål før I ændrer", worked="Tidsmåling",
        did_not_work="Integrationen", advice="Mål liggetid og arbejdstid hver for sig.",
    )  # fmt: skip
    private = project_services.project_create(
        user=gribskov,
        name="Internt forsøg",
        phase="realisering",
        as_is_version=process.versions.get(),
    )
    knowledge_services.lesson_create(
        user=gribskov, project=private, title="Intern erfaring", worked="a", did_not_work="b",
        advice="c", visibility="own",
    )  # fmt: skip
    return process


def _switch_user(page: Page, username: str) -> None:
    page.context.clear_cookies()
    login(page, username, "demo")


def test_ask_answer_with_a_link_accept_and_see_the_lesson(page: Page, demo):
    login(page, "konsulent.hoersholm", "demo")
    page.get_by_role("link", name="Sparring").click()
    page.get_by_role("link", name="Stil et spørgsmål").click()
    page.get_by_label("Spørgsmål").fill("Hvordan måler I tiden på byggesager?")
    page.get_by_label("Uddybning").fill("Vi skal kortlægge byggetilladelse til enfamiliehuse.")
    page.get_by_label("Emne").select_option(label="Tidsmåling")
    page.get_by_label("KLE-nummer").fill("02.34.02")
    page.get_by_role("button", name="Stil spørgsmålet").click()
    expect(page.get_by_text("Spørgsmålet er stillet til netværket.")).to_be_visible()
    check_accessibility(page)
    shot(page, "knowledge-question")

    _switch_user(page, "konsulent.helsingoer")
    expect(page.locator(".notification-bell")).to_have_attribute("data-unread", "1")
    page.locator(".notification-bell").click()
    page.get_by_role("link", name="Nyt spørgsmål om Tidsmåling fra Hørsholm").click()
    page.get_by_label("Svar", exact=True).fill("Vi tog tid på 25 sager; se vores proces.")
    page.get_by_label("Henvisning til proces").select_option(label=f"{PERMIT} (Helsingør)")
    page.get_by_role("button", name="Send svar").click()
    expect(page.get_by_text("Tak for dit svar.")).to_be_visible()

    _switch_user(page, "konsulent.hoersholm")
    page.locator(".notification-bell").click()
    page.get_by_role("link", name="har svaret på").click()
    expect(page.get_by_role("link", name=PERMIT)).to_be_visible()
    page.get_by_role("button", name="Acceptér svaret").click()
    expect(page.get_by_text("Accepteret svar", exact=True)).to_be_visible()
    check_accessibility(page)
    shot(page, "knowledge-accepted")

    page.goto(f"/processer/{demo.pk}/")
    expect(
        page.get_by_text("Erfaringer fra Gribskovs projekt “Hurtigere byggetilladelser”")
    ).to_be_visible()
    expect(page.get_by_text("Internt forsøg")).to_have_count(0)
    shot(page, "knowledge-lesson-on-process")
