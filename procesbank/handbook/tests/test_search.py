from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from procesbank.handbook.search import PageSearch, TemplateSearch
from procesbank.handbook.tests.factories import make_page, make_template
from procesbank.kit.search import SearchFilters, search_providers

pytestmark = pytest.mark.django_db


def test_providers_are_registered():
    kinds = {provider.kind: str(provider.label) for provider in search_providers()}

    assert kinds["handbook_page"] == "Håndbogssider"
    assert kinds["handbook_template"] == "Skabeloner"


def test_page_search_never_returns_another_municipality_private_page(konsulent, other_konsulent):
    make_page(konsulent, title="Tidsmåling på byggetilladelse", body="Mål tiden", visibility="own")
    make_page(
        konsulent,
        title="Byggetilladelse: sådan måler vi",
        body="Tidsstudie af byggetilladelse",
        visibility="collaboration",
    )

    own = PageSearch().search(
        user=konsulent, query="byggetilladelse", filters=SearchFilters(), limit=10
    )
    other = PageSearch().search(
        user=other_konsulent, query="byggetilladelse", filters=SearchFilters(), limit=10
    )

    assert {hit.title for hit in own} == {
        "Tidsmåling på byggetilladelse",
        "Byggetilladelse: sådan måler vi",
    }
    assert [hit.title for hit in other] == ["Byggetilladelse: sådan måler vi"]
    assert other[0].municipality == "Helsingør"
    assert other[0].url.startswith("/haandbog/sider/")


def test_page_search_filters_by_municipality(konsulent, other_konsulent):
    make_page(konsulent, title="Gevinstrealisering i praksis", body="KPI og baseline")

    found = PageSearch().search(
        user=other_konsulent,
        query="gevinstrealisering",
        filters=SearchFilters(municipality_id=other_konsulent.municipality_id),
        limit=10,
    )

    assert found == []


def test_template_search_is_isolated(konsulent, other_konsulent):
    make_template(konsulent, name="Kommunikationsplan privat", visibility="own")
    make_template(konsulent, name="Kommunikationsplan fælles", description="Til alle projekter")

    hits = TemplateSearch().search(
        user=other_konsulent, query="kommunikationsplan", filters=SearchFilters(), limit=10
    )

    assert [hit.title for hit in hits] == ["Kommunikationsplan fælles"]


def test_anonymous_finds_nothing(konsulent):
    make_page(konsulent, title="Offentlig side", visibility="public")

    assert (
        PageSearch().search(
            user=AnonymousUser(), query="offentlig", filters=SearchFilters(), limit=10
        )
        == []
    )
