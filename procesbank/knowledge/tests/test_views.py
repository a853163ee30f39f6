"""The pages of knowledge: filters, the partials other pages include, and query counts that
do not grow with the rows."""

from __future__ import annotations

import pytest

from procesbank.knowledge.tests.factories import AnswerFactory, LessonFactory, QuestionFactory
from procesbank.projects import services as project_services

pytestmark = pytest.mark.django_db


def test_question_list_filters_by_topic_kle_it_system_and_unanswered(client, konsulent):
    QuestionFactory(author=konsulent, title="A", topic="tidsmaaling", it_systems=["SBSYS"])
    answered = QuestionFactory(author=konsulent, title="B", topic="tidsmaaling")
    AnswerFactory(question=answered, author=konsulent)
    QuestionFactory(author=konsulent, title="C", topic="gevinster", kle_code="81.03")
    client.force_login(konsulent)

    def titles(query: str) -> list[str]:
        response = client.get(f"/sparring/?{query}")
        return [q.title for q in response.context["questions"]]

    assert titles("topic=tidsmaaling") == ["B", "A"]
    assert titles("kle=81") == ["C"]
    assert titles("it_system=sbsys") == ["A"]
    assert titles("unanswered=on") == ["C", "A"]


@pytest.mark.parametrize("rows", [2, 6])
def test_question_list_queries_do_not_grow(
    client, konsulent, other_konsulent, rows, django_assert_max_num_queries
):
    for _ in range(rows):
        AnswerFactory(question=QuestionFactory(author=other_konsulent), author=konsulent)
    client.force_login(konsulent)

    with django_assert_max_num_queries(14):
        response = client.get("/sparring/")

    assert len(response.context["questions"]) == rows


@pytest.mark.parametrize("rows", [2, 6])
def test_lesson_list_queries_do_not_grow(
    client, konsulent, other_konsulent, rows, django_assert_max_num_queries
):
    for _ in range(rows):
        LessonFactory(author=other_konsulent)
    client.force_login(konsulent)

    with django_assert_max_num_queries(14):
        response = client.get("/erfaringer/")

    assert len(response.context["lessons"]) == rows


def test_question_page_queries_do_not_grow_with_answers(
    client, konsulent, other_konsulent, make_process, django_assert_max_num_queries
):
    question = QuestionFactory(author=konsulent)
    process = make_process(user=other_konsulent)
    for _ in range(5):
        AnswerFactory(question=question, author=other_konsulent, linked_process=process)
    client.force_login(konsulent)

    with django_assert_max_num_queries(16):
        response = client.get(f"/sparring/{question.pk}/")

    assert response.content.decode().count(f'href="/processer/{process.pk}/"') == 5


def test_project_page_asks_for_lessons_in_realisation(client, konsulent):
    project = project_services.project_create(user=konsulent, name="P", phase="realisering")
    client.force_login(konsulent)

    page = client.get(f"/projekter/{project.pk}/").content.decode()

    assert "Projektet er i drift. Saml teamets erfaringer" in page
    assert f'href="/erfaringer/projekt/{project.pk}/ny/"' in page


def test_reader_gets_no_prompt_to_record(client, laeser, konsulent):
    project = project_services.project_create(user=konsulent, name="P", phase="realisering")
    client.force_login(laeser)

    page = client.get(f"/projekter/{project.pk}/").content.decode()

    assert "/erfaringer/projekt/" not in page


def test_candidate_page_shows_shared_lessons(client, konsulent, other_konsulent):
    from procesbank.catalogue import services as catalogue_services

    candidate = catalogue_services.candidate_create(
        user=other_konsulent, title="Robot", visibility="collaboration"
    )
    LessonFactory(author=other_konsulent, project_name="Robotten").candidates.add(candidate)
    LessonFactory(author=other_konsulent, project_name="Hemmelig", visibility="own").candidates.add(
        candidate
    )
    client.force_login(konsulent)

    page = client.get(f"/katalog/kandidater/{candidate.pk}/").content.decode()

    assert "Erfaringer fra Gribskovs projekt “Robotten”" in page
    assert "Hemmelig" not in page


def test_start_page_lists_unanswered_questions(client, konsulent, other_konsulent):
    QuestionFactory(author=other_konsulent, title="Hvem kan hjælpe med KPI'er?")
    client.force_login(konsulent)

    page = client.get("/").content.decode()

    assert "Ubesvarede spørgsmål fra netværket" in page
    assert "Hvem kan hjælpe med KPI&#x27;er?" in page


def test_english_reader_sees_english_labels(client, konsulent):
    client.force_login(konsulent)
    client.cookies["django_language"] = "en"

    page = client.get("/sparring/", headers={"accept-language": "en"}).content.decode()

    assert "Questions to the network" in page
