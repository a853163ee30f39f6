"""The role matrix of knowledge: every route and API operation, every role, own and other
municipality (read by organisations' completeness test through COVERED_ROUTES/COVERED_API).

"own_*" objects belong to the acting user's municipality, "shared_*" to another municipality
of the collaboration that shared them, "private_*" to another that did not.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from procesbank.knowledge.tests.factories import AnswerFactory, LessonFactory, QuestionFactory
from procesbank.organisations.models import Role
from procesbank.organisations.tests.roles import ALL, EDITORS, NONE, ROLES, ok_for
from procesbank.projects import services as project_services

VIEW_MATRIX = [
    ("knowledge:question_list", "get", None, ok_for(ALL, 200)),
    ("knowledge:question_create", "get", None, ok_for(EDITORS, 200)),
    ("knowledge:question_create", "post", None, ok_for(EDITORS, 302)),
    ("knowledge:topic_follow", "post", None, ok_for(ALL, 302)),
    ("knowledge:question_detail", "get", "own_question", ok_for(ALL, 200)),
    ("knowledge:question_detail", "get", "shared_question", ok_for(ALL, 200)),
    ("knowledge:question_detail", "get", "private_question", ok_for(NONE, 0, 404)),
    ("knowledge:answer_create", "post", "shared_question", ok_for(EDITORS, 302)),
    ("knowledge:answer_create", "post", "private_question", ok_for(NONE, 0, 404)),
    # Only the asker accepts: the acting user is never the asker here.
    ("knowledge:answer_accept", "post", "shared_answer", ok_for(ALL, 302)),
    ("knowledge:answer_accept", "post", "private_answer", ok_for(NONE, 0, 404)),
    ("knowledge:lesson_list", "get", None, ok_for(ALL, 200)),
    ("knowledge:lesson_detail", "get", "own_lesson", ok_for(ALL, 200)),
    ("knowledge:lesson_detail", "get", "shared_lesson", ok_for(ALL, 200)),
    ("knowledge:lesson_detail", "get", "private_lesson", ok_for(NONE, 0, 404)),
    ("knowledge:lesson_edit", "get", "own_lesson", ok_for(EDITORS, 200)),
    ("knowledge:lesson_edit", "post", "own_lesson", ok_for(EDITORS, 302)),
    ("knowledge:lesson_edit", "get", "shared_lesson", ok_for(NONE, 0)),
    ("knowledge:lesson_edit", "get", "private_lesson", ok_for(NONE, 0, 404)),
    ("knowledge:lesson_create", "get", "own_project", ok_for(EDITORS, 200)),
    ("knowledge:lesson_create", "post", "own_project", ok_for(EDITORS, 302)),
    ("knowledge:lesson_create", "get", "private_project", ok_for(NONE, 0, 404)),
    ("knowledge:who_knows", "get", None, ok_for(ALL, 200)),
]
API_MATRIX = [
    ("get", "/api/v1/lessons", None, ok_for(ALL, 200)),
    ("post", "/api/v1/lessons", "own_project", ok_for(EDITORS, 201)),
    ("post", "/api/v1/lessons", "private_project", ok_for(NONE, 0, 404)),
    ("get", "/api/v1/lessons/{lesson_id}", "shared_lesson", ok_for(ALL, 200)),
    ("get", "/api/v1/lessons/{lesson_id}", "private_lesson", ok_for(NONE, 0, 404)),
    ("get", "/api/v1/questions", None, ok_for(ALL, 200)),
    ("post", "/api/v1/questions", None, ok_for(EDITORS, 201)),
    ("get", "/api/v1/questions/{question_id}", "shared_question", ok_for(ALL, 200)),
    ("get", "/api/v1/questions/{question_id}", "private_question", ok_for(NONE, 0, 404)),
    ("post", "/api/v1/questions/{question_id}/answers", "shared_question", ok_for(EDITORS, 201)),
    (
        "post",
        "/api/v1/questions/{question_id}/answers",
        "private_question",
        ok_for(NONE, 0, 404),
    ),
    ("post", "/api/v1/answers/{answer_id}/accept", "own_answer", ok_for(ALL, 200)),
    ("post", "/api/v1/answers/{answer_id}/accept", "shared_answer", ok_for(ALL, 422)),
    ("post", "/api/v1/answers/{answer_id}/accept", "private_answer", ok_for(NONE, 0, 404)),
    ("get", "/api/v1/experts", None, ok_for(ALL, 200)),
]
LESSON_BODY = {"title": "T", "worked": "a", "did_not_work": "b", "advice": "c"}
COVERED_ROUTES = {name for name, *_ in VIEW_MATRIX}
COVERED_API = {(method, path) for method, path, *_ in API_MATRIX}

LESSON_FORM = {
    "title": "Erfaringer",
    "outcome": "realiseret",
    "worked": "a",
    "did_not_work": "b",
    "advice": "c",
    "visibility": "collaboration",
}
POST_DATA = {
    "knowledge:question_create": {
        "title": "Hvordan?",
        "topic": "tidsmaaling",
        "visibility": "collaboration",
    },
    "knowledge:topic_follow": {"topics": ["tidsmaaling"]},
    "knowledge:answer_create": {"body": "Sådan gør vi"},
    "knowledge:lesson_edit": {
        "title": "Ny overskrift",
        "outcome": "realiseret",
        "worked": "a",
        "did_not_work": "b",
        "advice": "c",
        "visibility": "collaboration",
        "lock_version": 1,
    },
    "knowledge:lesson_create": {
        "title": "Erfaringer",
        "outcome": "realiseret",
        "worked": "a",
        "did_not_work": "b",
        "advice": "c",
        "visibility": "collaboration",
    },
}
API_BODIES = {
    "/api/v1/questions": {"title": "Hvordan?", "topic": "tidsmaaling"},
    "/api/v1/questions/{question_id}/answers": {"body": "Sådan gør vi"},
}
ANONYMOUS_KWARGS = {
    "question": {"question_id": 1},
    "answer": {"answer_id": 1},
    "lesson": {"lesson_id": 1},
    "project": {"project_id": 1},
}


def objects(key: str | None, user, make_user, other_municipality) -> dict[str, int]:
    """URL kwargs for ``key``. An "own" question or answer is asked by the acting user."""
    if key is None:
        return {}
    side, thing = key.split("_", 1)
    other = make_user(Role.KONSULENT, other_municipality)
    visibility = "own" if side == "private" else "collaboration"
    author = user if side == "own" else other
    if thing == "question":
        return {"question_id": QuestionFactory(author=author, visibility=visibility).pk}
    if thing == "answer":
        question = QuestionFactory(author=author, visibility=visibility)
        return {"answer_id": AnswerFactory(question=question, author=other).pk}
    if thing == "lesson":
        owner = make_user(Role.KONSULENT) if side == "own" else other
        return {"lesson_id": LessonFactory(author=owner, visibility=visibility).pk}
    if thing == "project":
        owner = make_user(Role.KONSULENT) if side == "own" else other
        project = project_services.project_create(user=owner, name=f"Projekt {owner.pk}")
        return {"project_id": project.pk}
    raise AssertionError(key)


def check(status: int, expected: int) -> None:
    if expected == 0:
        assert status in {403, 404}
    else:
        assert status == expected


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "method", "key", "statuses"), VIEW_MATRIX)
def test_view_matrix(client, make_user, other_municipality, role, name, method, key, statuses):
    user = make_user(role)
    url = reverse(name, kwargs=objects(key, user, make_user, other_municipality))
    client.force_login(user)

    response = getattr(client, method)(url, POST_DATA.get(name, {}))

    check(response.status_code, statuses[role])


@pytest.mark.parametrize(("name", "method", "key", "statuses"), VIEW_MATRIX)
def test_anonymous_is_sent_to_login(client, db, name, method, key, statuses):
    url = reverse(name, kwargs=ANONYMOUS_KWARGS[key.split("_", 1)[1]] if key else {})

    response = getattr(client, method)(url)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("organisations:login"))


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("method", "path", "key", "statuses"), API_MATRIX)
def test_api_matrix(client, make_user, other_municipality, role, method, path, key, statuses):
    user = make_user(role)
    kwargs = objects(key, user, make_user, other_municipality)
    client.force_login(user)
    if path == "/api/v1/lessons" and method == "post":
        body = {"project_id": kwargs["project_id"], **LESSON_BODY}
    else:
        body = API_BODIES.get(path, {}) if method == "post" else None

    response = getattr(client, method)(path.format(**kwargs), body, content_type="application/json")

    check(response.status_code, statuses[role])


@pytest.mark.parametrize(("method", "path", "key", "statuses"), API_MATRIX)
def test_api_refuses_anonymous(client, db, method, path, key, statuses):
    response = getattr(client, method)(path.format(question_id=1, answer_id=1, lesson_id=1))

    assert response.status_code == 401
