"""The demo's pages and PDFs speak one date, number and plural style (issue 11, "one house,
one skeleton"; the style itself is ``procesbank/kit/formatting.py``).

Loads the demo, walks every kind of page an administrator reaches by following links, in
Danish and in English, and fails on what the house left behind: Django's "---------" select
placeholder, English month names or ISO dates on Danish pages, zero-padded dates
("01.07.2026"), month abbreviations another way than "okt." / "Oct" ("5. okt 2026",
"Okt 2026", "sept."), plural hacks ("variant(er)") and a singular count with a plural noun
("1 varianter"). Text inside ``<code>`` is data shown verbatim (the audit log's stored
values) and is not read."""

from __future__ import annotations

import io
import re
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest
from pypdf import PdfReader

from procesbank.demo import load_demo
from procesbank.organisations.models import User
from tests.support import flush_database

# Links a walk does not follow: they act (log out, switch language) or download a file.
SKIP = re.compile(
    r"^/(logout|log-ud|i18n|static|media|api|healthz|job)/"
    r"|/(bpmn|excel|csv|xlsx|eksport|download|hent)/?$"
)
# A few pages of each kind are enough: the demo's 58 processes share one template.
PER_KIND = 3
MAX_PAGES = 300

ENGLISH_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
)
# Abbreviations the house does not write: English ones on a Danish page, Django's Danish ones
# (capitalised "Okt", "Maj", or "sept"), and lower case ones without their period.
OTHER_MONTHS = "Jan|Feb|Mar|Apr|May|Maj|Jun|Jul|Aug|Sept?|Oct|Okt|Nov|Dec"
NO_PERIOD = r"(?:jan|feb|mar|apr|jun|jul|aug|sept?|okt|nov|dec)(?!\.)"
PLURAL_NOUNS = (
    "varianter|projekter|processer|sager|kandidater|kommuner|brugere|versioner|opgaver|"
    "rækker|aktiviteter|hændelser|deltagere|pladser|gevinster|målinger|konsulenter|"
    "handlinger|besvarelser|kommentarer|interessenter|linjer|dage|moduler|timer"
)
MONTH = rf"(?:{ENGLISH_MONTHS}|{OTHER_MONTHS})"

PLACEHOLDER = re.compile(r"-{5,}")
ZERO_PADDED = re.compile(r"\b(?:0\d\.\d{1,2}|\d{1,2}\.0\d)\.\d{4}\b")
PLURAL_HACK = re.compile(r"\w\((?:e|er|r|s|es)\)")

DANISH_RULES = {
    "Django's select placeholder": PLACEHOLDER,
    "a zero-padded date": ZERO_PADDED,
    "a plural hack": PLURAL_HACK,
    "a month written another way": re.compile(
        rf"\b\d{{1,2}}\.? {MONTH}\b|\b{MONTH}\.? \d{{4}}\b|\bsept\.|\b{NO_PERIOD} \d{{4}}\b"
    ),
    "an ISO date on a Danish page": re.compile(r"\b\d{4}-\d{2}-\d{2}\b"),
    "one with a plural noun": re.compile(rf"(?<![\d.,])\b1 (?:{PLURAL_NOUNS})\b"),
}
ENGLISH_RULES = {
    "Django's select placeholder": PLACEHOLDER,
    "a zero-padded date": ZERO_PADDED,
    "a plural hack": PLURAL_HACK,
    # Only the short form: the demo's own content (notes, names) is Danish prose.
    "a Danish date on an English page": re.compile(r"\b\d{1,2}\.\d{1,2}\.\d{4}\b"),
    "one with a plural noun": re.compile(
        r"(?<![\d.,])\b1 (?:cases|variants|processes|projects|"
        r"candidates|municipalities|users|versions|days)\b"
    ),
}


class _Page(HTMLParser):
    """The text a reader sees (no script, style, code or attribute) and the links on it."""

    HIDDEN = ("script", "style", "template", "code")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.links: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.HIDDEN:
            self._hidden += 1
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.links.append(href)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HIDDEN and self._hidden:
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.text.append(data)


def _kind(link: str) -> str:
    parts = urlsplit(link)
    keys = sorted(pair.split("=")[0] for pair in parts.query.split("&") if pair)
    return re.sub(r"\d+", "N", parts.path) + "?" + "&".join(keys)


def _walk(client) -> dict[str, str]:
    """Each page's visible text (a PDF's text), by URL, reached from the home page."""
    texts: dict[str, str] = {}
    kinds: dict[str, int] = {}
    queue = deque(["/"])
    while queue and len(texts) < MAX_PAGES:
        url = queue.popleft()
        if url in texts:
            continue
        response = client.get(url)
        content_type = response.get("Content-Type", "")
        texts[url] = ""
        if response.status_code != 200:
            continue
        if content_type.startswith("application/pdf"):
            reader = PdfReader(io.BytesIO(response.content))
            texts[url] = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
            continue
        if "text/html" not in content_type:
            continue
        page = _Page()
        page.feed(response.content.decode())
        texts[url] = " ".join(" ".join(page.text).split())
        for href in page.links:
            link = urldefrag(href)[0]
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or not parts.path.startswith("/"):
                continue
            if SKIP.search(parts.path) or link in texts:
                continue
            kind = _kind(link)
            if kinds.get(kind, 0) < PER_KIND:
                kinds[kind] = kinds.get(kind, 0) + 1
                queue.append(link)
    return texts


def _offences(texts: dict[str, str], rules: dict[str, re.Pattern[str]]) -> list[str]:
    return [
        f"{url}: {name}: …{text[max(match.start() - 40, 0) : match.end() + 40]}…"
        for url, text in texts.items()
        for name, rule in rules.items()
        for match in rule.finditer(text)
    ]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        load_demo(password="demo")
    yield
    with django_db_blocker.unblock():
        flush_database()


@pytest.mark.parametrize(("language", "rules"), [("da", DANISH_RULES), ("en", ENGLISH_RULES)])
def test_the_demo_shows_one_date_number_and_plural_style(demo, db, client, language, rules):
    client.force_login(User.objects.get(username="admin.helsingoer"))
    client.post("/i18n/setlang/", {"language": language, "next": "/"})

    texts = _walk(client)

    if language == "en":
        # The audit log names objects as they were recorded, in the language of that moment
        # (the demo was loaded in Danish): history is not rewritten.
        texts = {url: text for url, text in texts.items() if not url.startswith("/log/")}
    assert len(texts) > 80  # the walk reached the library, mining, catalogue, projects ...
    assert any(url.endswith(".pdf") and text for url, text in texts.items())
    assert _offences(texts, rules) == []


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("Tidspunkt 01.07.2026 14:05", "a zero-padded date"),
        ("Periode 5. okt 2026", "a month written another way"),
        ("Gyldig fra 2026-07-01", "an ISO date on a Danish page"),
        ("Kørselsfrekvens ---------", "Django's select placeholder"),
        ("3 variant(er)", "a plural hack"),
        ("1 varianter", "one with a plural noun"),
    ],
)
def test_the_walk_recognises_each_old_style(text, rule):
    assert [offence.split(": ")[1] for offence in _offences({"/": text}, DANISH_RULES)] == [rule]


def test_the_house_style_passes_the_walk():
    house = "5.12.2026 · 5. december 2026 · okt. 2026 · maj 2026 · — Vælg — · 1 variant · 2,5 sager"

    assert _offences({"/": house}, DANISH_RULES) == []
