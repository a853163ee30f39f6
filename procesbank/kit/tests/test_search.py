"""The search registry's text match: every word must hit some field, on both databases."""

from __future__ import annotations

import pytest

from procesbank.kit import search
from procesbank.kit.search import (
    SearchFilters,
    SearchHit,
    register_search_provider,
    search_providers,
    search_words,
    text_match,
)
from procesbank.projects.models import Project

pytestmark = pytest.mark.django_db


def test_search_words_drop_one_letter_words_and_lower_case():
    assert search_words("Byggesag i  Helsingør") == ["byggesag", "helsingør"]


def test_text_match_needs_every_word(own_municipality):
    hit = Project.objects.create(municipality=own_municipality, name="Digital post til borgere")
    Project.objects.create(municipality=own_municipality, name="Digital signatur")
    found = text_match(Project.objects.all(), ["name", "description"], "digital post")
    assert list(found) == [hit]


def test_text_match_of_nothing_finds_nothing(own_municipality):
    Project.objects.create(municipality=own_municipality, name="Digital post")
    assert list(text_match(Project.objects.all(), ["name"], " a ")) == []


def test_providers_are_listed_in_their_order(monkeypatch):
    # A copy of the registry, so the test's providers do not stay for the other tests.
    monkeypatch.setattr(search, "_PROVIDERS", dict(search._PROVIDERS))

    class Provider:
        def __init__(self, kind: str, order: int) -> None:
            self.kind, self.label, self.order = kind, kind, order

        def search(self, *, user, query, filters: SearchFilters, limit) -> list[SearchHit]:
            return []

    before = {p.kind for p in search_providers()}
    register_search_provider(Provider("zz-test-b", 9_001))
    register_search_provider(Provider("zz-test-a", 9_000))
    kinds = [p.kind for p in search_providers() if p.kind not in before]
    assert kinds == ["zz-test-a", "zz-test-b"]
