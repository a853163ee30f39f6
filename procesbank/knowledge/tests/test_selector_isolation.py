"""Every selector of knowledge with two municipalities (and one outside the collaboration):
the other municipality's private lessons and questions stay invisible, on pages, in the API,
in search and in "who knows"."""

from __future__ import annotations

import pytest
from django.http import Http404

from procesbank.kit.search import SearchFilters
from procesbank.knowledge import experts, selectors
from procesbank.knowledge.search import LessonSearch, QuestionSearch
from procesbank.knowledge.tests.factories import AnswerFactory, LessonFactory, QuestionFactory
from procesbank.organisations.models import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def gribskov_private(other_konsulent):
    return {
        "lesson": LessonFactory(author=other_konsulent, visibility="own", title="Privat erfaring"),
        "question": QuestionFactory(
            author=other_konsulent, visibility="own", title="Privat spørgsmål om byggesager"
        ),
    }


@pytest.fixture
def gribskov_shared(other_konsulent):
    return {
        "lesson": LessonFactory(author=other_konsulent, title="Delt erfaring"),
        "question": QuestionFactory(author=other_konsulent, title="Delt spørgsmål om byggesager"),
    }


def test_lesson_list_shows_own_and_shared_not_others_private(
    konsulent, gribskov_private, gribskov_shared
):
    own = LessonFactory(author=konsulent, visibility="own")

    titles = set(selectors.lesson_list(user=konsulent).values_list("title", flat=True))

    assert titles == {own.title, "Delt erfaring"}


def test_access_lesson_is_404_for_others_private(konsulent, gribskov_private):
    with pytest.raises(Http404):
        selectors.access_lesson(user=konsulent, lesson_id=gribskov_private["lesson"].pk)


def test_access_lesson_for_edit_refuses_shared_lesson_of_another(konsulent, gribskov_shared):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        selectors.access_lesson_for_edit(user=konsulent, lesson_id=gribskov_shared["lesson"].pk)


def test_other_collaboration_sees_nothing_shared(make_user, third_municipality, gribskov_shared):
    outsider = make_user(Role.KONSULENT, third_municipality)

    assert list(selectors.lesson_list(user=outsider)) == []
    assert list(selectors.question_list(user=outsider)) == []


def test_question_list_and_access(konsulent, gribskov_private, gribskov_shared):
    titles = set(selectors.question_list(user=konsulent).values_list("title", flat=True))

    assert titles == {"Delt spørgsmål om byggesager"}
    with pytest.raises(Http404):
        selectors.access_question(user=konsulent, question_id=gribskov_private["question"].pk)


def test_access_answer_is_404_on_others_private_question(
    konsulent, other_konsulent, gribskov_private
):
    answer = AnswerFactory(question=gribskov_private["question"], author=other_konsulent)

    with pytest.raises(Http404):
        selectors.access_answer(user=konsulent, answer_id=answer.pk)


def test_unanswered_questions_leave_out_others_private(
    konsulent, gribskov_private, gribskov_shared
):
    shown = selectors.unanswered_questions(user=konsulent)

    assert [q.title for q in shown] == ["Delt spørgsmål om byggesager"]


def test_answer_links_hide_a_process_the_reader_may_not_see(
    konsulent, other_konsulent, make_process, gribskov_shared
):
    private = make_process(user=other_konsulent, name="Gribskovs egen", visibility="own")
    shared = make_process(user=other_konsulent, name="Gribskovs delte")
    hidden = AnswerFactory(
        question=gribskov_shared["question"], author=other_konsulent, linked_process=private
    )
    shown = AnswerFactory(
        question=gribskov_shared["question"], author=other_konsulent, linked_process=shared
    )

    links = selectors.answer_links(user=konsulent, answers=[hidden, shown])

    assert links[hidden.pk] == []
    assert [link.label for link in links[shown.pk]] == ["Gribskovs delte"]


def test_lessons_for_process_leave_out_others_private(konsulent, other_konsulent, make_process):
    process = make_process(user=other_konsulent, name="Byggetilladelse")
    private = LessonFactory(author=other_konsulent, visibility="own")
    shared = LessonFactory(author=other_konsulent)
    private.processes.add(process)
    shared.processes.add(process)

    found = list(selectors.lessons_for_process(user=konsulent, process=process))

    assert found == [shared]


def test_lesson_processes_show_only_what_the_reader_may_open(
    konsulent, other_konsulent, make_process
):
    lesson = LessonFactory(author=other_konsulent)
    lesson.processes.add(
        make_process(user=other_konsulent, name="Privat", visibility="own"),
        make_process(user=other_konsulent, name="Delt"),
    )

    names = [p.name for p in selectors.lesson_processes(user=konsulent, lesson=lesson)]

    assert names == ["Delt"]


def test_lesson_project_is_hidden_from_another_municipality(konsulent, other_konsulent):
    from procesbank.projects import services as project_services

    project = project_services.project_create(user=other_konsulent, name="Gribskovs projekt")
    lesson = LessonFactory(author=other_konsulent, project=project)

    assert selectors.lesson_project(user=konsulent, lesson=lesson) is None
    assert selectors.lesson_project(user=other_konsulent, lesson=lesson) == project


def test_search_never_returns_others_private_lesson_or_question(
    konsulent, gribskov_private, gribskov_shared
):
    lessons = LessonSearch().search(
        user=konsulent, query="erfaring", filters=SearchFilters(), limit=10
    )
    questions = QuestionSearch().search(
        user=konsulent, query="byggesager", filters=SearchFilters(), limit=10
    )

    assert [hit.title for hit in lessons] == ["Delt erfaring"]
    assert [hit.title for hit in questions] == ["Delt spørgsmål om byggesager"]


def test_search_finds_a_question_by_the_words_of_its_answer(konsulent, other_konsulent):
    question = QuestionFactory(author=other_konsulent, title="Tidsmåling", body="")
    AnswerFactory(question=question, author=konsulent, body="Vi bruger stopur i Excel")

    hits = QuestionSearch().search(
        user=konsulent, query="stopur", filters=SearchFilters(), limit=10
    )

    assert [hit.title for hit in hits] == ["Tidsmåling"]


def test_who_knows_counts_only_visible_evidence(konsulent, other_konsulent, gribskov_private):
    AnswerFactory(question=gribskov_private["question"], author=other_konsulent)
    shared = QuestionFactory(author=konsulent, kle_code="02.34.02")
    AnswerFactory(question=shared, author=other_konsulent)

    found = experts.who_knows(user=konsulent, query=experts.ExpertQuery(kle="02.34"))

    by_name = {e.user.username: e.counts for e in found}
    # One answer seen (the one on the private question is not), no lessons, no processes.
    assert by_name == {"konsulent.gribskov": {"answers": 1}}


def test_api_lists_and_gets_respect_visibility(
    client, konsulent, gribskov_private, gribskov_shared
):
    client.force_login(konsulent)

    lessons = client.get("/api/v1/lessons").json()["items"]
    questions = client.get("/api/v1/questions").json()["items"]
    private = client.get(f"/api/v1/lessons/{gribskov_private['lesson'].pk}")
    private_q = client.get(f"/api/v1/questions/{gribskov_private['question'].pk}")

    assert [row["title"] for row in lessons] == ["Delt erfaring"]
    assert [row["title"] for row in questions] == ["Delt spørgsmål om byggesager"]
    assert private.status_code == 404
    assert private_q.status_code == 404


def test_pages_are_404_for_others_private(client, konsulent, gribskov_private):
    client.force_login(konsulent)

    lesson = client.get(f"/erfaringer/{gribskov_private['lesson'].pk}/")
    question = client.get(f"/sparring/{gribskov_private['question'].pk}/")

    assert (lesson.status_code, question.status_code) == (404, 404)


@pytest.mark.skipif(
    __import__("django.db").db.connection.vendor != "postgresql",
    reason="Danish stemming is PostgreSQL's; SQLite matches substrings",
)
def test_search_stems_danish_on_postgresql(konsulent, other_konsulent):
    LessonFactory(author=other_konsulent, title="Hurtigere byggetilladelser", advice="Mål først")
    QuestionFactory(
        author=other_konsulent, title="Tid", body="Vores byggetilladelse tager lang tid"
    )

    lessons = LessonSearch().search(
        user=konsulent, query="byggetilladelse", filters=SearchFilters(), limit=10
    )
    questions = QuestionSearch().search(
        user=konsulent, query="byggetilladelser", filters=SearchFilters(), limit=10
    )

    assert [hit.title for hit in lessons] == ["Hurtigere byggetilladelser"]
    assert [hit.title for hit in questions] == ["Tid"]


def test_answer_links_hide_a_handbook_page_the_reader_may_not_see(
    konsulent, other_konsulent, gribskov_shared
):
    from procesbank.handbook.services.pages import page_create

    private = page_create(
        user=other_konsulent, title="Gribskovs interne note", section="times", body="x",
        visibility="own",
    )  # fmt: skip
    shared = page_create(
        user=other_konsulent, title="Tidsmåling", section="times", body="x",
        visibility="collaboration",
    )  # fmt: skip
    hidden = AnswerFactory(
        question=gribskov_shared["question"], author=other_konsulent, linked_handbook_page=private
    )
    shown = AnswerFactory(
        question=gribskov_shared["question"], author=other_konsulent, linked_handbook_page=shared
    )

    links = selectors.answer_links(user=konsulent, answers=[hidden, shown])

    assert links[hidden.pk] == []
    assert [(link.label, link.kind) for link in links[shown.pk]] == [
        ("Tidsmåling", "handbook_page")
    ]
