"""WCAG 2.1 AA on every page type (issue 19): one crawl of the demo, several checks.

The crawl logs in once as a municipal administrator (the role that reaches the most pages),
follows the links from the start page the way ``web/tests/test_house_style.py`` does (one page
of each kind: the demo's 58 processes share one template), and records on each page what axe
and the checks axe cannot make find. The tests below each assert one part of that record, so a
page another app adds later is checked without naming it here.

- axe-core with the WCAG 2.0/2.1 A and AA rules, every impact (not only serious ones);
- every ``aria-describedby`` / ``aria-labelledby`` / ``label[for]`` points at an id on the page;
- no id twice on a page;
- a main heading (``h1``) and a title "<what> – ... – Procesbank";
- a required field shows its marker;
- every destructive form (its address or button says slet/delete/fjern/remove) asks first: a
  submit opens a modal dialog, Escape closes it, and nothing was sent;
- at 320 CSS pixels no page scrolls sideways, except the two-dimensional drawings WCAG 1.4.10
  exempts (the BPMN modeler and the process map).
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import urldefrag, urlsplit

import pytest
from django.test import override_settings
from playwright.sync_api import Browser, BrowserContext, Page
from playwright.sync_api import Error as PlaywrightError

from procesbank.demo import load_demo
from tests.e2e.conftest import AXE, login
from tests.support import flush_database

# Links the crawl does not follow: they act (log out, switch language) or download a file.
SKIP = re.compile(
    r"^/(logout|log-ud|i18n|static|media|healthz|job)/"
    r"|^/api/v1/(?!docs)"
    r"|/(bpmn|excel|csv|xlsx|eksport|download|hent|pdf)/?$"
    r"|\.(pdf|docx|xlsx|csv|bpmn|json|zip|svg|png)$"
)
MAX_PAGES = 140
# Two-dimensional content WCAG 1.4.10 exempts from reflow: the BPMN modeler and viewer's
# canvas and the process map need both directions to be understood.
TWO_DIMENSIONAL = (".bpmn-canvas", ".process-map", "#process-map", ".map-canvas")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

PAGE_FACTS = """() => {
    const problems = {duplicateIds: [], brokenReferences: [], unmarkedRequired: []};
    const seen = new Map();
    for (const element of document.querySelectorAll("[id]")) {
        seen.set(element.id, (seen.get(element.id) || 0) + 1);
    }
    problems.duplicateIds = [...seen].filter(([, n]) => n > 1).map(([id]) => id);
    const describe = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
        + (el.getAttribute("name") ? `[name=${el.getAttribute("name")}]` : "");
    for (const attr of ["aria-describedby", "aria-labelledby", "aria-controls"]) {
        for (const element of document.querySelectorAll(`[${attr}]`)) {
            for (const id of element.getAttribute(attr).split(/\\s+/).filter(Boolean)) {
                if (!document.getElementById(id)) {
                    problems.brokenReferences.push(`${describe(element)} ${attr}=${id}`);
                }
            }
        }
    }
    for (const label of document.querySelectorAll("label[for]")) {
        if (!document.getElementById(label.htmlFor)) {
            problems.brokenReferences.push(`label for=${label.htmlFor}`);
        }
    }
    for (const control of document.querySelectorAll(
        "main input[required]:not([type=hidden]), main select[required], main textarea[required]"
    )) {
        const labels = [...(control.labels || [])];
        const legend = control.closest("fieldset")?.querySelector("legend");
        const marked = [...labels, legend].some((el) => el && el.classList.contains("required"));
        if (!marked) problems.unmarkedRequired.push(describe(control));
    }
    const destructive = /(^|[\\/_\\-.])(slet|delete|remove|fjern)([\\/_\\-.?]|$)/i;
    const deletes = [];
    document.querySelectorAll("form").forEach((form, index) => {
        const method = (form.getAttribute("method") || "get").toLowerCase();
        if (method !== "post" && !form.hasAttribute("hx-post")) return;
        const action = form.getAttribute("hx-post") || form.getAttribute("action") || "";
        const buttons = [...form.querySelectorAll("button, input[type=submit]")];
        const words = [action, ...buttons.flatMap((b) => [b.name, b.value])];
        if (words.some((w) => w && destructive.test(w))) {
            deletes.push({index, action: action.replace(/\\d+/g, "N")});
        }
    });
    return {
        ...problems,
        deletes,
        h1: document.querySelectorAll("h1").length,
        title: document.title,
        twoDimensional: TWO_DIMENSIONAL_SELECTORS.some((s) => document.querySelector(s)),
        hasFormOrTable: !!document.querySelector(
            "main table, main form input:not([type=hidden]), main form select, main textarea"
        ),
    };
}""".replace("TWO_DIMENSIONAL_SELECTORS", str(list(TWO_DIMENSIONAL)))

AXE_RUN = (
    """async () => {
    const result = await axe.run(document, {
        runOnly: {type: "tag", values: AXE_TAGS},
        resultTypes: ["violations"],
    });
    return result.violations.map(
        (v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.slice(0, 3)
            .map((n) => n.target.join(" ")).join(", ")})`);
}"""
).replace("AXE_TAGS", str(AXE_TAGS))

SIDEWAYS = """() => {
    const width = document.documentElement.clientWidth;
    const wide = document.documentElement.scrollWidth;
    if (wide <= width + 1) return null;
    // Name the innermost elements that stick out, to say what to fix.
    const culprits = [];
    for (const el of document.body.querySelectorAll("*")) {
        if (el.getBoundingClientRect().right <= width + 1) continue;
        if ([...el.children].some((c) => c.getBoundingClientRect().right > width + 1)) continue;
        const parent = el.parentElement;
        const name = (e) => e.tagName.toLowerCase()
            + (typeof e.className === "string" && e.className.trim()
                ? "." + e.className.trim().split(/\\s+/).join(".") : "");
        culprits.push(`${parent ? name(parent) + " > " : ""}${name(el)}`);
        if (culprits.length === 3) break;
    }
    return `${wide} px wide at ${width} px: ${culprits.join("; ")}`;
}"""


@dataclass
class Crawl:
    pages: dict[str, dict] = field(default_factory=dict)  # url -> facts
    axe: dict[str, list[str]] = field(default_factory=dict)
    unguarded_deletes: list[str] = field(default_factory=list)
    guarded_deletes: list[str] = field(default_factory=list)
    sideways: dict[str, str] = field(default_factory=dict)
    reflow_checked: int = 0


def _kind(link: str) -> str:
    parts = urlsplit(link)
    keys = sorted(pair.split("=")[0] for pair in parts.query.split("&") if pair)
    return re.sub(r"\d+", "N", parts.path) + "?" + "&".join(keys)


def _links(page: Page) -> list[str]:
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
    links = []
    for href in hrefs:
        link = urldefrag(href)[0]
        parts = urlsplit(link)
        if parts.scheme or parts.netloc or not parts.path.startswith("/"):
            continue
        if SKIP.search(parts.path):
            continue
        links.append(link)
    return links


def _check_deletes(page: Page, url: str, facts: dict, crawl: Crawl, seen: set[str]) -> None:
    """Submit each kind of destructive form once: a dialog must open and Escape must cancel."""
    for form in facts["deletes"]:
        if form["action"] in seen:
            continue
        seen.add(form["action"])
        try:
            opened = page.evaluate(
                """(index) => {
                    const form = document.querySelectorAll("form")[index];
                    const button = form.querySelector(
                        "button:not([type=button]), input[type=submit]");
                    form.requestSubmit(button || undefined);
                    const dialog = document.querySelector("dialog[open]");
                    return !!dialog && dialog.matches(":modal");
                }""",
                form["index"],
            )
        except PlaywrightError:  # the form was sent: the page navigated away
            opened = False
        if not opened:
            crawl.unguarded_deletes.append(f"{url}: {form['action']}")
            page.goto(url)
            continue
        page.keyboard.press("Escape")
        closed = page.evaluate("() => !document.querySelector('dialog[open]')")
        here = urlsplit(page.url)
        if not closed or here.path + (f"?{here.query}" if here.query else "") != url:
            crawl.unguarded_deletes.append(f"{url}: {form['action']} (Escape did not cancel)")
            page.goto(url)
            continue
        crawl.guarded_deletes.append(form["action"])


def _walk(context: BrowserContext, narrow: BrowserContext) -> Crawl:
    crawl = Crawl()
    page = context.new_page()
    small = narrow.new_page()
    kinds: set[str] = set()
    seen_deletes: set[str] = set()
    queue = deque(["/", "/api/v1/docs", "/tilgaengelighed/"])
    axe = AXE.read_text()
    while queue and len(crawl.pages) < MAX_PAGES:
        url = queue.popleft()
        if url in crawl.pages:
            continue
        response = page.goto(url)
        if response is None or response.status != 200:
            crawl.pages[url] = {"status": response.status if response else None}
            continue
        if "text/html" not in response.headers.get("content-type", ""):
            continue
        page.wait_for_load_state("load")
        facts = page.evaluate(PAGE_FACTS)
        crawl.pages[url] = facts
        page.evaluate(axe)
        crawl.axe[url] = page.evaluate(AXE_RUN)
        for link in _links(page):
            kind = _kind(link)
            if kind not in kinds:
                kinds.add(kind)
                queue.append(link)
        _check_deletes(page, url, facts, crawl, seen_deletes)
        if facts["hasFormOrTable"] and not facts["twoDimensional"]:
            small.goto(url)
            small.wait_for_load_state("load")
            crawl.reflow_checked += 1
            if problem := small.evaluate(SIDEWAYS):
                crawl.sideways[url] = problem
    page.close()
    small.close()
    return crawl


_TEST_SETTINGS = {
    "LANGUAGE_CODE": "da",
    "ALLOWED_HOSTS": ["testserver", "127.0.0.1", "localhost"],
    "TASKS": {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}},
    "SECURE_SSL_REDIRECT": False,
    "STORAGES": {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    },
    "PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"],
}


@pytest.fixture(scope="module")
def crawl(browser: Browser, live_server, django_db_setup, django_db_blocker) -> Iterator[Crawl]:
    """Walk the demo once for the whole module (the checks below read the record). The live
    server's thread reads the database too, so the blocker stays open for the walk; the
    settings the root conftest gives each test are given to the whole walk here."""
    with django_db_blocker.unblock(), override_settings(**_TEST_SETTINGS):
        load_demo(password="demo")
        context = browser.new_context(
            base_url=live_server.url, locale="da-DK", viewport={"width": 1280, "height": 900}
        )
        page = context.new_page()
        login(page, "admin.helsingoer", "demo")
        state = context.storage_state()
        page.close()
        # The same login at 320 x 640 CSS pixels: 1280 px at 400 % zoom (WCAG 1.4.10).
        narrow = browser.new_context(
            base_url=live_server.url,
            locale="da-DK",
            viewport={"width": 320, "height": 640},
            storage_state=state,
        )
        try:
            result = _walk(context, narrow)
        finally:
            context.close()
            narrow.close()
    yield result
    with django_db_blocker.unblock():
        flush_database()


def _html_pages(crawl: Crawl) -> dict[str, dict]:
    return {url: facts for url, facts in crawl.pages.items() if "title" in facts}


def test_the_crawl_reaches_every_part_of_the_site(crawl: Crawl):
    pages = _html_pages(crawl)

    assert len(pages) > 60
    for part in ("/processer/", "/procesanalyse/", "/katalog/", "/projekter/", "/api/v1/docs"):
        assert any(url.startswith(part) for url in pages), part
    assert crawl.reflow_checked > 30


def test_axe_finds_no_wcag_21_aa_violation_of_any_impact(crawl: Crawl):
    found = {url: violations for url, violations in crawl.axe.items() if violations}

    assert found == {}


def test_every_aria_reference_and_label_points_at_an_element_on_the_page(crawl: Crawl):
    broken = {
        url: facts["brokenReferences"]
        for url, facts in _html_pages(crawl).items()
        if facts["brokenReferences"]
    }

    assert broken == {}


def test_no_page_has_an_id_twice(crawl: Crawl):
    duplicates = {
        url: facts["duplicateIds"]
        for url, facts in _html_pages(crawl).items()
        if facts["duplicateIds"]
    }

    assert duplicates == {}


def test_every_page_has_a_main_heading_and_a_title_that_says_what_and_where(crawl: Crawl):
    pages = _html_pages(crawl)

    assert {url: facts["h1"] for url, facts in pages.items() if facts["h1"] != 1} == {}
    weak = {
        url: facts["title"]
        for url, facts in pages.items()
        if not re.fullmatch(r".+\S – Procesbank", facts["title"])
    }
    assert weak == {}


def test_every_required_field_shows_its_marker(crawl: Crawl):
    unmarked = {
        url: facts["unmarkedRequired"]
        for url, facts in _html_pages(crawl).items()
        if facts["unmarkedRequired"]
    }

    assert unmarked == {}


def test_every_delete_asks_first_and_escape_cancels(crawl: Crawl):
    assert crawl.unguarded_deletes == []
    # The demo reaches deletes of processes, versions, projects, benefits, event logs ...
    assert len(crawl.guarded_deletes) >= 5


def test_no_form_or_list_page_scrolls_sideways_at_320_px(crawl: Crawl):
    assert "\n".join(f"{url}: {problem}" for url, problem in crawl.sideways.items()) == ""


BAD_PAGE = """<!DOCTYPE html><html><head><title>Side</title></head><body><main>
<label for="nowhere">Navn</label><input id="a" aria-describedby="gone">
<label for="a">Andet</label><input id="a" required>
<form method="post" action="/projekter/12/slet/"><button>Slet</button></form>
<div style="width: 600px">bred</div><img src="data:,"></main></body></html>"""


def test_the_checks_find_what_they_look_for_on_a_bad_page(browser: Browser):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.set_content(BAD_PAGE)

    facts = page.evaluate(PAGE_FACTS)
    page.evaluate(AXE.read_text())
    violations = {line.split(":")[0].split(" ")[1] for line in page.evaluate(AXE_RUN)}
    sideways = page.evaluate(SIDEWAYS)
    context.close()

    assert facts["duplicateIds"] == ["a"]
    assert facts["brokenReferences"] == ["input#a aria-describedby=gone", "label for=nowhere"]
    assert facts["unmarkedRequired"] == ["input#a"]
    assert facts["deletes"] == [{"index": 0, "action": "/projekter/N/slet/"}]
    assert facts["h1"] == 0
    assert {"image-alt", "html-has-lang"} <= violations
    assert sideways == "608 px wide at 320 px: main > div"  # 600 px and the body's 8 px margin
