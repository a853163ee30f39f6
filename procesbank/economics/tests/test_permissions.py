"""The role matrix of business cases: every route and API operation, every role, own and
other municipality (read by organisations' completeness test through COVERED_ROUTES/API)."""

import pytest
from django.urls import reverse

from procesbank.organisations.models import Role
from procesbank.projects.tests.matrix import ALL, EDITORS, NONE, ROLES, check, objects, ok_for

VIEW_MATRIX = [
    ("economics:business_case", "get", "own_project", ok_for(ALL, 200)),
    ("economics:business_case", "get", "other_project", ok_for(NONE, 0, 404)),
    ("economics:business_case", "post", "own_project", ok_for(EDITORS, 302)),
    ("economics:business_case", "post", "other_project", ok_for(NONE, 0, 404)),
    ("economics:business_case_line_add", "post", "own_project", ok_for(EDITORS, 302)),
    ("economics:business_case_line_add", "post", "other_project", ok_for(NONE, 0, 404)),
    ("economics:business_case_time_saving_add", "post", "own_project", ok_for(EDITORS, 302)),
    ("economics:business_case_time_saving_add", "post", "other_project", ok_for(NONE, 0, 404)),
    ("economics:business_case_approve", "post", "own_project", ok_for(EDITORS, 302)),
    ("economics:business_case_approve", "post", "other_project", ok_for(NONE, 0, 404)),
    ("economics:business_case_xlsx", "get", "own_project", ok_for(ALL, 200)),
    ("economics:business_case_xlsx", "get", "other_project", ok_for(NONE, 0, 404)),
    ("economics:business_case_pdf", "get", "own_project", ok_for(ALL, 200)),
    ("economics:business_case_pdf", "get", "other_project", ok_for(NONE, 0, 404)),
    ("economics:business_case_line_edit", "get", "own_line", ok_for(EDITORS, 200)),
    ("economics:business_case_line_edit", "get", "other_line", ok_for(NONE, 0, 404)),
    ("economics:business_case_line_edit", "post", "own_line", ok_for(EDITORS, 302)),
    ("economics:business_case_line_edit", "post", "other_line", ok_for(NONE, 0, 404)),
    ("economics:business_case_line_delete", "post", "own_line", ok_for(EDITORS, 302)),
    ("economics:business_case_line_delete", "post", "other_line", ok_for(NONE, 0, 404)),
    ("economics:risk_add", "post", "own_project", ok_for(EDITORS, 302)),
    ("economics:risk_add", "post", "other_project", ok_for(NONE, 0, 404)),
    ("economics:risk_edit", "get", "own_risk", ok_for(EDITORS, 200)),
    ("economics:risk_edit", "get", "other_risk", ok_for(NONE, 0, 404)),
    ("economics:risk_edit", "post", "own_risk", ok_for(EDITORS, 302)),
    ("economics:risk_edit", "post", "other_risk", ok_for(NONE, 0, 404)),
    ("economics:risk_delete", "post", "own_risk", ok_for(EDITORS, 302)),
    ("economics:risk_delete", "post", "other_risk", ok_for(NONE, 0, 404)),
    ("economics:workbook_import", "get", "own_project", ok_for(EDITORS, 200)),
    ("economics:workbook_import", "get", "other_project", ok_for(NONE, 0, 404)),
    ("economics:discount_rates", "get", None, ok_for(ALL, 200)),
    ("economics:discount_rates", "post", None, ok_for({Role.SAMARBEJDSADMIN}, 302)),
    # Joint projects (issue 15): a participant's rows are tested in test_joint.py.
    ("economics:joint_case", "get", "own_project", ok_for(ALL, 200)),
    ("economics:joint_case", "get", "other_project", ok_for(NONE, 0, 404)),
    ("economics:joint_frame", "post", "own_project", ok_for(EDITORS, 302)),
    ("economics:joint_frame", "post", "other_project", ok_for(NONE, 0, 404)),
    ("economics:participant_add", "post", "own_project", ok_for(EDITORS, 302)),
    ("economics:participant_add", "post", "other_project", ok_for(NONE, 0, 404)),
    ("economics:participant_remove", "post", "own_participant", ok_for(EDITORS, 302)),
    ("economics:participant_remove", "post", "other_participant", ok_for(NONE, 0, 404)),
    ("economics:milestone_update", "post", "own_milestone", ok_for(EDITORS, 302)),
    ("economics:milestone_update", "post", "other_milestone", ok_for(NONE, 0, 404)),
    ("economics:line_split", "post", "own_line", ok_for(EDITORS, 302)),
    ("economics:line_split", "post", "other_line", ok_for(NONE, 0, 404)),
    ("economics:local_line_add", "post", "own_project", ok_for(EDITORS, 302)),
    ("economics:local_line_add", "post", "other_project", ok_for(NONE, 0, 404)),
    ("economics:local_line_delete", "post", "own_local", ok_for(EDITORS, 302)),
    ("economics:local_line_delete", "post", "other_local", ok_for(NONE, 0, 404)),
]
LINES = "/api/v1/projects/{project_id}/business-case/lines"
LINE = "/api/v1/business-case-lines/{line_id}"
API_MATRIX = [
    ("post", "/api/v1/business-cases/evaluate", None, ok_for(ALL, 200)),
    ("get", "/api/v1/projects/{project_id}/business-case", "own_project", ok_for(ALL, 200)),
    ("get", "/api/v1/projects/{project_id}/business-case", "other_project", ok_for(NONE, 0, 404)),
    ("post", "/api/v1/projects/{project_id}/business-case", "own_project", ok_for(EDITORS, 200)),
    ("post", "/api/v1/projects/{project_id}/business-case", "other_project", ok_for(NONE, 0, 404)),
    ("get", LINES, "own_project", ok_for(ALL, 200)),
    ("get", LINES, "other_project", ok_for(NONE, 0, 404)),
    ("post", LINES, "own_project", ok_for(EDITORS, 201)),
    ("post", LINES, "other_project", ok_for(NONE, 0, 404)),
    ("get", LINE, "own_line", ok_for(ALL, 200)),
    ("get", LINE, "other_line", ok_for(NONE, 0, 404)),
    ("put", LINE, "own_line", ok_for(EDITORS, 200)),
    ("put", LINE, "other_line", ok_for(NONE, 0, 404)),
    ("delete", LINE, "own_line", ok_for(EDITORS, 204)),
    ("delete", LINE, "other_line", ok_for(NONE, 0, 404)),
]
COVERED_ROUTES = {name for name, *_ in VIEW_MATRIX}
COVERED_API = {(method, path) for method, path, *_ in API_MATRIX}

POST_DATA = {
    "economics:business_case": {"first_year": 2027, "horizon": 3, "lock_version": 2},
    "economics:business_case_line_add": {
        "kind": "cost",
        "category": "training",
        "name": "Undervisning",
        "likely": "10.000; 0",
        "lock_version": 2,
    },
    "economics:business_case_time_saving_add": {"hourly_rate": 350, "lock_version": 2},
    "economics:business_case_approve": {"approved": "1", "lock_version": 2},
    "economics:business_case_line_delete": {"lock_version": 2},
    "economics:business_case_line_edit": {
        "l{id}-kind": "cost",
        "l{id}-category": "purchase",
        "l{id}-name": "Indkøb",
        "l{id}-likely": "90.000; 0",
        "l{id}-lock_version": 2,
    },
    "economics:discount_rates": {"valid_from": "2031-01-01", "rate_percent": "3"},
    "economics:risk_add": {
        "name": "Ny risiko",
        "probability": "10",
        "consequence": "1000",
        "lock_version": 2,
    },
    "economics:risk_edit": {
        "name": "Forsinkelse",
        "probability": "20",
        "consequence": "1000",
        "lock_version": 3,
    },
    "economics:risk_delete": {"lock_version": 3},
    "economics:joint_frame": {"kind": "udbud", "lock_version": 1},
    "economics:line_split": {"key": "seats"},
    "economics:milestone_update": {"due_on": "2026-03-02", "done": "on"},
}
API_BODIES = {
    "/api/v1/business-cases/evaluate": {
        "first_year": 2027,
        "lines": [{"name": "Køb", "type": "cost", "amounts": [1]}],
    },
    "/api/v1/projects/{project_id}/business-case": {"first_year": 2028, "lock_version": 2},
    LINES: {"lock_version": 2, "type": "cost", "category": "training", "name": "Kursus",
            "likely": [1000, 0]},
    LINE: {"lock_version": 2, "type": "cost", "category": "purchase", "name": "Indkøb",
           "likely": [90000, 0]},
}  # fmt: skip


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "method", "key", "statuses"), VIEW_MATRIX)
def test_view_matrix(client, make_user, other_municipality, role, name, method, key, statuses):
    kwargs = objects(key, make_user, other_municipality)
    client.force_login(make_user(role))
    data = {k.format(id=kwargs.get("line_id", "")): v for k, v in POST_DATA.get(name, {}).items()}

    response = getattr(client, method)(reverse(name, kwargs=kwargs), data)

    check(response.status_code, statuses[role])


@pytest.mark.parametrize(("name", "method", "key", "statuses"), VIEW_MATRIX)
def test_anonymous_is_sent_to_login(client, db, name, method, key, statuses):
    kwargs = {} if key is None else {f"{key.split('_', 1)[1]}_id": 1}

    response = getattr(client, method)(reverse(name, kwargs=kwargs))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("organisations:login"))


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("method", "path", "key", "statuses"), API_MATRIX)
def test_api_matrix(client, make_user, other_municipality, role, method, path, key, statuses):
    url = path.format(**objects(key, make_user, other_municipality))
    client.force_login(make_user(role))

    body = API_BODIES[path] if method in {"post", "put"} else None
    if method == "delete":
        url += "?lock_version=2"  # the case's lock version after full_project's one line
    response = getattr(client, method)(url, body, content_type="application/json")

    check(response.status_code, statuses[role])


@pytest.mark.parametrize(("method", "path", "key", "statuses"), API_MATRIX)
def test_api_refuses_anonymous(client, db, method, path, key, statuses):
    response = getattr(client, method)(path.format(project_id=1, line_id=1))

    assert response.status_code == 401
