"""The modeler's side panel reads numbers typed the Danish or the English way and shows them
the Danish way on a Danish page (the house's number style, kit/formatting.py)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from procesbank.processes.models import ProcessVersion, TaskMeasurement
from tests.e2e.conftest import login
from tests.e2e.test_modeler import TASK, append_task, open_modeler, version  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True)


def test_measurements_typed_with_comma_dot_or_grouping_are_saved_and_shown_danish(
    page: Page,
    version: ProcessVersion,  # noqa: F811
):
    login(page, "konsulent.helsingoer", "demo")
    open_modeler(page, version)
    append_task(page, "Behandl ansøgning")
    page.locator(TASK).click()

    page.get_by_label("Mindst").fill("2,5")
    page.get_by_label("Mest sandsynlig").fill("10.5")
    page.get_by_label("Højst").fill("1.000")  # a Dane's thousand
    expect(page.locator("[data-task-error]")).to_be_hidden()
    page.get_by_label("Kommentar til ændringen").fill("Tal skrevet på to måder")
    page.get_by_role("button", name="Gem").click()
    expect(page.locator("#save-status")).to_have_text("Gemt som udgave 2.")

    row = TaskMeasurement.objects.get(version=version)
    assert (row.minutes_min, row.minutes_likely, row.minutes_max) == (2.5, 10.5, 1000)
    page.reload()
    page.locator(TASK).click()
    expect(page.get_by_label("Mindst")).to_have_value("2,5")
    expect(page.get_by_label("Mest sandsynlig")).to_have_value("10,5")
    expect(page.get_by_label("Højst")).to_have_value("1000")
