"""A destructive action asks first in a modal dialog (WCAG 3.3.4, issue 19 finding 5): focus
moves into it, Escape and "Annullér" keep everything and give focus back, "Slet" deletes."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from procesbank.demo.organisations import load_organisations
from procesbank.organisations.models import User
from procesbank.projects import services as project_services
from procesbank.projects.models import Project
from tests.e2e.conftest import check_accessibility, login, shot

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def project(transactional_db) -> Project:
    load_organisations(password="demo")
    user = User.objects.get(username="konsulent.helsingoer")
    return project_services.project_create(user=user, name="Digital byggesag")


def test_deleting_a_project_asks_first_and_escape_keeps_it(page: Page, project: Project):
    login(page, "konsulent.helsingoer", "demo")
    page.goto(f"/projekter/{project.pk}/")
    delete = page.get_by_role("button", name="Slet projektet")

    delete.click()

    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    expect(dialog).to_have_accessible_name(
        "Slet projektet med faser, interessenter og business case?"
    )
    expect(dialog.get_by_role("button", name="Annullér")).to_be_focused()
    check_accessibility(page)
    shot(page, "confirm-delete-project")
    page.keyboard.press("Escape")
    expect(dialog).to_have_count(0)
    expect(delete).to_be_focused()
    assert Project.objects.filter(pk=project.pk).exists()


def test_cancel_keeps_the_project_and_confirm_deletes_it(page: Page, project: Project):
    login(page, "konsulent.helsingoer", "demo")
    page.goto(f"/projekter/{project.pk}/")

    page.get_by_role("button", name="Slet projektet").click()
    page.get_by_role("dialog").get_by_role("button", name="Annullér").click()
    assert Project.objects.filter(pk=project.pk).exists()
    page.get_by_role("button", name="Slet projektet").click()
    page.get_by_role("dialog").get_by_role("button", name="Slet projektet").click()

    page.wait_for_url("**/projekter/")
    assert not Project.objects.filter(pk=project.pk).exists()
