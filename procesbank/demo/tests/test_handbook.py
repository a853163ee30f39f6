from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from procesbank.demo.handbook import load_handbook
from procesbank.demo.handbook.pages import PAGES
from procesbank.demo.organisations import load_organisations
from procesbank.handbook import selectors
from procesbank.handbook.engine.markdown import render
from procesbank.handbook.models import DocumentTemplate, Page, Section
from procesbank.organisations.models import User

pytestmark = pytest.mark.django_db


def test_starter_handbook_has_every_section_and_five_templates():
    load_organisations(password="demo")

    created = load_handbook()

    assert created == len(PAGES) + 1 + 5
    assert load_handbook() == 0  # idempotent
    assert set(Page.objects.values_list("section", flat=True)) == set(Section.values)
    assert sorted(DocumentTemplate.objects.values_list("kind", flat=True)) == [
        "benefits", "charter", "communication", "interview", "workshop",
    ]  # fmt: skip
    for page in Page.objects.exclude(municipality__slug="hoersholm"):
        assert len(page.body) > 1000, page.title
        html = render(page.body)
        assert "<h2>" in html, page.title
        assert "<li>" in html or "<table>" in html, page.title


def test_bpmn_page_has_an_earlier_edition_and_the_private_page_stays_home():
    load_organisations(password="demo")
    load_handbook()

    bpmn = Page.objects.get(title="Sådan tegner vi BPMN i Procesbank")
    assert list(bpmn.versions.order_by("number").values_list("number", flat=True)) == [1, 2]
    gribskov = User.objects.get(username="konsulent.gribskov")
    titles = set(selectors.page_list(user=gribskov).values_list("title", flat=True))
    assert "Hørsholms egne kortlægningsregler" not in titles
    assert "Sådan tegner vi BPMN i Procesbank" in titles
    helsingoer = User.objects.get(username="konsulent.helsingoer")
    assert [p.title for p in selectors.reviews_due(user=helsingoer)] == [
        "Tidsmåling med et tidsstudie"
    ]


def test_searching_byggetilladelse_finds_the_time_study_page():
    from procesbank.handbook.search import PageSearch
    from procesbank.kit.search import SearchFilters

    load_organisations(password="demo")
    load_handbook()
    hoersholm = User.objects.get(username="konsulent.hoersholm")

    hits = PageSearch().search(
        user=hoersholm, query="byggetilladelse", filters=SearchFilters(), limit=10
    )

    assert [hit.title for hit in hits] == ["Tidsmåling med et tidsstudie"]


def test_excel_templates_open():
    load_organisations(password="demo")
    load_handbook()

    plan = DocumentTemplate.objects.get(kind="benefits").versions.get()
    sheet = load_workbook(io.BytesIO(bytes(plan.content))).active

    assert sheet["A4"].value == "Gevinst"
    assert sheet["E5"].value == 28
