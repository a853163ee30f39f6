"""Issue #16's walk on the whole demo: a consultant searching "byggetilladelse" finds the
process, the question, the lesson and the handbook page, grouped by type, and another
municipality's private rows never."""

from __future__ import annotations

import pytest
from django.test import override_settings

from procesbank.demo import load_demo
from procesbank.handbook.models import Page
from procesbank.kit.search import SearchFilters
from procesbank.knowledge.models import Question
from procesbank.organisations.models import User
from procesbank.search.selectors import search_everything
from tests.support import flush_database


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    media = tmp_path_factory.mktemp("media")
    with override_settings(MEDIA_ROOT=media, PASSWORD_HASHERS=fast), django_db_blocker.unblock():
        load_demo(password="demo")
        yield

        flush_database()


@pytest.fixture
def hoersholm(demo, db):
    return User.objects.get(username="konsulent.hoersholm")


def test_byggetilladelse_finds_every_kind_of_knowledge_grouped(hoersholm):
    groups = search_everything(user=hoersholm, query="byggetilladelse", filters=SearchFilters())

    kinds = [group.kind for group in groups]
    assert {"process", "question", "lesson", "handbook_page"} <= set(kinds)
    order = {kind: kinds.index(kind) for kind in kinds}
    assert order["process"] < order["handbook_page"] < order["lesson"] < order["question"]
    questions = next(group for group in groups if group.kind == "question")
    assert any("byggetilladelse" in hit.title.lower() or hit.snippet for hit in questions.hits)


def test_nothing_private_of_another_municipality_is_found(hoersholm):
    hidden_pages = set(
        Page.objects.exclude(municipality=hoersholm.municipality)
        .filter(visibility="own")
        .values_list("title", flat=True)
    )
    hidden_questions = set(
        Question.objects.exclude(municipality=hoersholm.municipality)
        .filter(visibility="own")
        .values_list("title", flat=True)
    )

    for word in ("byggetilladelse", "tidsmåling", "proces", "robot"):
        groups = search_everything(user=hoersholm, query=word, filters=SearchFilters())
        titles = {hit.title for group in groups for hit in group.hits}
        assert not titles & (hidden_pages | hidden_questions), word
