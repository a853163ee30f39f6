"""Every chart and diagram has a text alternative (issue 19, finding 7; WCAG 1.1.1): on every
page of the demo that draws one, each drawn svg or canvas is either inside a figure with a
caption and its text (a table, a list, or a link to them), or inside an element with
role="img", a name and aria-describedby pointing at a table or list with the same figures."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from procesbank.benefits.models import Benefit, BenefitMapNode
from procesbank.competence.models import Cohort
from procesbank.demo import load_demo
from procesbank.economics.models import BusinessCase
from procesbank.mining.models import EventLog
from procesbank.processes.models import Process
from procesbank.projects.models import Stakeholder
from tests.e2e.conftest import login, shot

pytestmark = pytest.mark.django_db(transaction=True)

# -> {charts: how many drawings were checked, problems: the ones without an alternative}
CHART_ALTERNATIVES = """() => {
  const byId = (id) => document.getElementById(id);
  const hasText = (node) => !!node && node.textContent.trim().length > 0;
  const structured = (node) => node.matches("table, ol, ul, dl") ||
    !!node.querySelector("table, ol, ul, dl");
  const drawings = [...document.querySelectorAll("svg, canvas")].filter((el) => {
    if (el.parentElement && el.parentElement.closest("svg")) return false;  // part of a drawing
    if (el.closest("button, a, summary, .djs-palette, .djs-context-pad")) return false;  // icons
    const box = el.getBoundingClientRect();
    return box.width >= 120 && box.height >= 80;
  });
  const problems = [];
  for (const el of drawings) {
    const figure = el.closest("figure");
    const caption = figure && figure.querySelector(":scope > figcaption");
    if (figure && hasText(caption)) {
      const inside = [...figure.children].some((child) => child !== caption && structured(child)
        && !child.contains(el));
      const link = caption.querySelector('a[href^="#"]');
      const linked = link && byId(link.getAttribute("href").slice(1));
      if (inside || (linked && structured(linked) && hasText(linked))) continue;
    }
    const img = el.closest('[role="img"]');
    if (img) {
      const labelledby = (img.getAttribute("aria-labelledby") || "").split(/\\s+/).filter(Boolean);
      const name = (img.getAttribute("aria-label") || "").trim() ||
        labelledby.map((id) => (byId(id) ? byId(id).textContent : "")).join(" ").trim();
      const ids = (img.getAttribute("aria-describedby") || "").split(/\\s+/).filter(Boolean);
      const targets = ids.map(byId);
      if (name && ids.length && targets.every(hasText) && targets.some(structured)) continue;
    }
    const holder = el.parentElement.closest("[id]");
    problems.push(el.tagName + " in #" + (holder ? holder.id : "?"));
  }
  return {charts: drawings.length, problems};
}"""


def check_chart_alternatives(page: Page) -> int:
    """Assert every drawn chart on the page has a text alternative; return how many there are."""
    page.wait_for_load_state("networkidle")
    result = page.evaluate(CHART_ALTERNATIVES)
    assert result["problems"] == [], f"charts without a text alternative on {page.url}"
    return result["charts"]


@pytest.fixture
def demo(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    load_demo(password="demo")


def test_every_chart_and_diagram_in_the_demo_has_a_text_alternative(page: Page, demo):
    process = Process.objects.filter(municipality__slug="helsingoer").order_by("pk").first()
    assert process
    version = process.versions.order_by("pk").first()
    eventlog = EventLog.objects.filter(municipality__slug="helsingoer").order_by("pk").first()
    case = BusinessCase.objects.filter(project__municipality__slug="helsingoer").first()
    benefit = Benefit.objects.filter(project__municipality__slug="helsingoer").first()
    node = BenefitMapNode.objects.filter(project__municipality__slug="helsingoer").first()
    stakeholder = Stakeholder.objects.filter(project__municipality__slug="helsingoer").first()
    cohort = Cohort.objects.order_by("pk").first()
    assert None not in (eventlog, case, benefit, node, stakeholder, cohort, version)
    login(page, "konsulent.helsingoer", "demo")
    cases = reverse("mining:eventlog_cases", args=[eventlog.pk])
    page.goto(cases)
    case_link = cases + (page.locator("a[href*='sag=']").first.get_attribute("href") or "")
    pages = {
        reverse("processes:process_detail", args=[process.pk]): 1,
        reverse("processes:version_modeler", args=[version.pk]): 1,
        reverse("mining:eventlog_overview", args=[eventlog.pk]): 1,
        reverse("mining:eventlog_map", args=[eventlog.pk]): 1,
        case_link: 1,
        reverse("mining:eventlog_comparison"): 1,
        reverse("economics:business_case", args=[case.project_id]): 2,
        reverse("benefits:benefit_register", args=[benefit.project_id]): 1,
        reverse("benefits:portfolio"): 1,
        reverse("benefits:benefit_map", args=[node.project_id]): 1,
        reverse("projects:anchoring_detail", args=[stakeholder.project_id]): 1,
        reverse("competence:cohort_detail", args=[cohort.pk]): 1,
        "/effekt/": 3,
    }
    counted = {}
    for number, (url, at_least) in enumerate(pages.items()):
        page.goto(url)
        expect(page.locator("main")).to_be_visible()
        counted[url] = check_chart_alternatives(page)
        assert counted[url] >= at_least, (url, counted[url])
        page.evaluate("() => document.querySelectorAll('details').forEach((d) => d.open = true)")
        shot(page, f"chart-alternatives-{number:02d}")
