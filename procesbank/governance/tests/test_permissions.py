"""The role matrix of the review pages and the governance API (read by organisations'
completeness test through COVERED_ROUTES and COVERED_API): every route and operation, every
role, the own municipality's version and another's (404 even though it is shared)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from procesbank.organisations.models import Role
from procesbank.organisations.tests.roles import ALL, EDITORS, NONE, ROLES, ok_for
from procesbank.processes import services as process_services
from procesbank.processes.tests.conftest import two_task_bpmn

pytestmark = pytest.mark.django_db

ADMIN = {Role.KOMMUNEADMIN}  # a process without owner: its municipality's administrators approve

VIEW_MATRIX = [
    ("governance:version_review", "get", "own", ok_for(ALL, 200)),
    ("governance:version_review", "get", "other", ok_for(NONE, 0, 404)),
    ("governance:comment_badges", "get", "own", ok_for(ALL, 200)),
    ("governance:comment_badges", "get", "other", ok_for(NONE, 0, 404)),
    ("governance:review_submit", "post", "own", ok_for(EDITORS, 302)),
    ("governance:review_submit", "post", "other", ok_for(NONE, 0, 404)),
    ("governance:review_comment", "post", "own", ok_for(ALL, 302)),
    ("governance:review_comment", "post", "other", ok_for(NONE, 0, 404)),
    # A draft: nobody is its reviewer yet; the refusal is a message on the page.
    ("governance:review_done", "post", "own", ok_for(ALL, 302)),
    ("governance:review_done", "post", "other", ok_for(NONE, 0, 404)),
    # Approving a draft is refused with a message (302) for the approver, 403 for the rest.
    ("governance:review_approve", "post", "own", ok_for(ADMIN, 302)),
    ("governance:review_approve", "post", "other", ok_for(NONE, 0, 404)),
    ("governance:review_send_back", "post", "own", ok_for(ADMIN, 302)),
    ("governance:review_send_back", "post", "other", ok_for(NONE, 0, 404)),
    ("governance:version_publish", "post", "own", ok_for(ADMIN, 422)),
    ("governance:version_publish", "post", "other", ok_for(NONE, 0, 404)),
]
COVERED_ROUTES = {name for name, *_ in VIEW_MATRIX}

VERSION = "/api/v1/governance/versions/{version_id}"
# The version is a draft: the steps that need a review in progress are refused as a 422 with a
# Danish message for whoever may take them, 403 for the rest.
API_MATRIX = [
    ("get", "/api/v1/governance/reviews/awaiting", None, ok_for(ALL, 200)),
    ("get", "/api/v1/governance/reviews/due", None, ok_for(ALL, 200)),
    ("get", VERSION, "own", ok_for(ALL, 200)),
    ("get", VERSION, "other", ok_for(NONE, 0, 404)),
    ("post", VERSION + "/review", "own", ok_for(EDITORS, 200)),
    ("post", VERSION + "/review", "other", ok_for(NONE, 0, 404)),
    ("post", VERSION + "/comments", "own", ok_for(ALL, 201)),
    ("post", VERSION + "/comments", "other", ok_for(NONE, 0, 404)),
    ("post", VERSION + "/done", "own", ok_for(ALL, 422)),
    ("post", VERSION + "/done", "other", ok_for(NONE, 0, 404)),
    ("post", VERSION + "/approve", "own", ok_for(ADMIN, 422)),
    ("post", VERSION + "/approve", "other", ok_for(NONE, 0, 404)),
    ("post", VERSION + "/send-back", "own", ok_for(ADMIN, 422)),
    ("post", VERSION + "/send-back", "other", ok_for(NONE, 0, 404)),
    ("post", VERSION + "/publish", "own", ok_for(ADMIN, 422)),
    ("post", VERSION + "/publish", "other", ok_for(NONE, 0, 404)),
]
COVERED_API = {(method, path) for method, path, *_ in API_MATRIX}


def _version_id(side, make_user, other_municipality):
    author = make_user(Role.KONSULENT, None if side == "own" else other_municipality)
    process = process_services.process_create(
        user=author, name="Enkeltydelse", bpmn_xml=two_task_bpmn(), visibility="public"
    )
    return process.versions.get().pk


def _check(status, expected):
    if expected == 0:
        assert status in {403, 404}
    else:
        assert status == expected


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "method", "key", "statuses"), VIEW_MATRIX)
def test_view_matrix(client, make_user, other_municipality, role, name, method, key, statuses):
    version_id = _version_id(key, make_user, other_municipality)
    user = make_user(role)
    data = {
        "reviewers": [str(user.pk)],
        "text": "En kommentar",
        "element_id": "T1",
        "next_review_on": "2099-01-01",
    }
    client.force_login(user)

    response = getattr(client, method)(reverse(name, args=[version_id]), data)

    _check(response.status_code, statuses[role])


@pytest.mark.parametrize(("name", "method", "key", "statuses"), VIEW_MATRIX)
def test_anonymous_is_sent_to_login(client, db, name, method, key, statuses):
    response = getattr(client, method)(reverse(name, args=[1]))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("organisations:login"))


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("method", "path", "key", "statuses"), API_MATRIX)
def test_api_matrix(client, make_user, other_municipality, role, method, path, key, statuses):
    version_id = _version_id(key or "own", make_user, other_municipality)
    user = make_user(role)
    body = {
        "reviewer_ids": [user.pk],
        "text": "En kommentar",
        "element_id": "T1",
        "next_review_on": "2099-01-01",
    }
    client.force_login(user)

    response = getattr(client, method)(
        path.format(version_id=version_id), body, content_type="application/json"
    )

    _check(response.status_code, statuses[role])
