"""Bad input gets a clear Danish answer and saves nothing: a wrong KLE number, a text too
long, a link to something the writer may not see, a stale edit, hostile values in the API."""

from __future__ import annotations

import pytest

from procesbank.knowledge.models import TEXT_MAX, Answer, Lesson, Question
from procesbank.knowledge.tests.factories import QuestionFactory
from procesbank.projects import services as project_services

pytestmark = pytest.mark.django_db


def test_question_form_refuses_a_wrong_kle_number(client, konsulent):
    client.force_login(konsulent)

    response = client.post(
        "/sparring/nyt/",
        {"title": "Hvordan?", "topic": "tidsmaaling", "kle_code": "2.34", "visibility": "own"},
    )

    assert response.status_code == 200
    assert "KLE-nummeret skal have formen NN.NN.NN, fx 32.18.08." in response.content.decode()
    assert Question.objects.count() == 0


def test_answer_too_long_is_refused_on_the_form(client, konsulent, other_konsulent):
    question = QuestionFactory(author=other_konsulent)
    client.force_login(konsulent)

    response = client.post(f"/sparring/{question.pk}/svar/", {"body": "x" * (TEXT_MAX + 1)})

    assert response.status_code == 200
    assert "Denne værdi må højst have 10000 tegn (den har 10001)." in response.content.decode()
    assert Answer.objects.count() == 0


def test_answer_form_refuses_a_private_process_of_another_municipality(
    client, konsulent, other_konsulent, make_process
):
    question = QuestionFactory(author=other_konsulent)
    private = make_process(user=other_konsulent, name="Privat", visibility="own")
    client.force_login(konsulent)

    response = client.post(
        f"/sparring/{question.pk}/svar/", {"body": "Se her", "linked_process": private.pk}
    )

    # Not among the choices the form offers: Django's own "not one of the choices" message.
    assert response.status_code == 200
    assert "Det valg, du har foretaget, er ikke blandt de tilgængelige" in response.content.decode()
    assert Answer.objects.count() == 0


def test_api_answer_linking_an_invisible_process_is_404(
    client, konsulent, other_konsulent, make_process
):
    question = QuestionFactory(author=other_konsulent)
    private = make_process(user=other_konsulent, name="Privat", visibility="own")
    client.force_login(konsulent)

    response = client.post(
        f"/api/v1/questions/{question.pk}/answers",
        {"body": "Se her", "linked_process_id": private.pk},
        content_type="application/json",
    )

    assert response.status_code == 404
    assert response.json() == {"detail": "Findes ikke."}
    assert Answer.objects.count() == 0


def test_api_refuses_a_wrong_topic_and_a_number_for_text(client, konsulent):
    client.force_login(konsulent)

    response = client.post(
        "/api/v1/questions",
        {"title": 12, "topic": "ukendt"},
        content_type="application/json",
    )

    assert response.status_code == 422
    fields = {tuple(error["loc"]) for error in response.json()["detail"]}
    assert fields == {("body", "title"), ("body", "topic")}
    assert Question.objects.count() == 0


def test_api_refuses_a_wrong_kle_filter(client, konsulent):
    client.force_login(konsulent)

    response = client.get("/api/v1/questions?kle=abc")

    assert response.status_code == 422


def test_stale_lesson_edit_is_refused_on_the_form(client, konsulent):
    from procesbank.knowledge import services

    project = project_services.project_create(user=konsulent, name="P")
    lesson = services.lesson_create(
        user=konsulent, project=project, title="T", worked="a", did_not_work="b", advice="c"
    )
    services.lesson_update(user=konsulent, lesson=lesson, lock_version=1, title="Ny")
    client.force_login(konsulent)

    response = client.post(
        f"/erfaringer/{lesson.pk}/rediger/",
        {"title": "Min", "outcome": "realiseret", "worked": "a", "did_not_work": "b",
         "advice": "c", "visibility": "collaboration", "lock_version": 1},
    )  # fmt: skip

    assert response.status_code == 200
    assert "konsulent.helsingoer" in response.content.decode()
    assert Lesson.objects.get().title == "Ny"


def test_lesson_for_another_municipalitys_project_is_404(client, konsulent, other_konsulent):
    project = project_services.project_create(user=other_konsulent, name="Deres")
    client.force_login(konsulent)

    response = client.get(f"/erfaringer/projekt/{project.pk}/ny/")

    assert response.status_code == 404
