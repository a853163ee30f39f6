"""As-is against to-be on the process page: the changed task is coloured on both diagrams,
with a legend and the changes in words."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from procesbank.demo.organisations import load_organisations
from procesbank.organisations.models import User
from procesbank.processes import services
from procesbank.processes.models import ProcessVersion
from tests.e2e.conftest import check_accessibility, login, shot
from tests.e2e.test_modeler_canvas import CHAIN, WAIT

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def versions(transactional_db) -> tuple[ProcessVersion, ProcessVersion]:
    load_organisations(password="demo")
    user = User.objects.get(username="konsulent.helsingoer")
    process = services.process_create(user=user, name="Boligstøtte, forskel", yearly_volume=1200)
    as_is = process.versions.get()
    as_is = services.version_save_bpmn(
        user=user, version=as_is, data=CHAIN.encode(), base_revision=as_is.revision
    )
    to_be = services.version_copy(user=user, version=as_is, label="Digital afgørelse")
    # The to-be decides digitally: B renamed, 60-90-180 min. -> 5-10-15 min.
    changed = (
        CHAIN.replace("Træf afgørelse", "Træf afgørelse digitalt")
        .replace('minutesMin="60"', 'minutesMin="5"')
        .replace('minutesLikely="90"', 'minutesLikely="10"')
        .replace('minutesMax="180"', 'minutesMax="15"')
    )
    to_be = services.version_save_bpmn(
        user=user, version=to_be, data=changed.encode(), base_revision=to_be.revision
    )
    return as_is, to_be


def test_comparison_colours_the_changed_task(page: Page, versions):
    as_is, to_be = versions
    page.set_default_navigation_timeout(WAIT * 3)
    login(page, "konsulent.helsingoer", "demo")

    url = reverse("processes:process_detail", args=[as_is.process_id])
    page.goto(f"{url}?version={as_is.pk}&sammenlign={to_be.pk}")

    after = page.locator('[data-diff-side="after"] g.djs-element[data-element-id="Task_B"]')
    before = page.locator('[data-diff-side="before"] g.djs-element[data-element-id="Task_B"]')
    expect(after).to_have_class("djs-element djs-shape pb-diff--changed", timeout=WAIT)
    expect(before).to_have_class("djs-element djs-shape pb-diff--changed")
    stroke = after.locator(".djs-visual > rect").evaluate("node => getComputedStyle(node).stroke")
    assert stroke == "rgb(161, 92, 7)"
    # A is the same in both: no mark.
    unchanged = page.locator('[data-diff-side="after"] g.djs-element[data-element-id="Task_A"]')
    expect(unchanged).to_have_class("djs-element djs-shape")
    expect(page.locator("#diagram-diff-list")).to_have_text("Ændret: Træf afgørelse digitalt")
    expect(page.locator(".diff-legend")).to_contain_text("Tilføjet")
    shot(page, "process-diagram-diff")
    check_accessibility(page)
