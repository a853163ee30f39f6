"""The role matrix of projects: every route and API operation, every role, own and other
municipality (read by organisations' completeness test through COVERED_ROUTES/COVERED_API)."""

import pytest
from django.urls import reverse

from procesbank.projects.tests.matrix import ALL, EDITORS, NONE, ROLES, check, objects, ok_for

VIEW_MATRIX = [
    ("projects:project_list", "get", None, ok_for(ALL, 200)),
    ("projects:project_create", "get", None, ok_for(EDITORS, 200)),
    ("projects:project_create", "post", None, ok_for(EDITORS, 302)),
    ("projects:project_detail", "get", "own_project", ok_for(ALL, 200)),
    ("projects:project_detail", "get", "other_project", ok_for(NONE, 0, 404)),
    ("projects:project_edit", "get", "own_project", ok_for(EDITORS, 200)),
    ("projects:project_edit", "get", "other_project", ok_for(NONE, 0, 404)),
    ("projects:project_edit", "post", "own_project", ok_for(EDITORS, 302)),
    ("projects:project_edit", "post", "other_project", ok_for(NONE, 0, 404)),
    ("projects:project_advance", "post", "own_project", ok_for(EDITORS, 302)),
    ("projects:project_advance", "post", "other_project", ok_for(NONE, 0, 404)),
    ("projects:project_delete", "post", "own_project", ok_for(EDITORS, 302)),
    ("projects:project_delete", "post", "other_project", ok_for(NONE, 0, 404)),
    ("projects:anchoring_list", "get", None, ok_for(ALL, 200)),
    ("projects:anchoring_detail", "get", "own_project", ok_for(ALL, 200)),
    ("projects:anchoring_detail", "get", "other_project", ok_for(NONE, 0, 404)),
    ("projects:stakeholder_create", "post", "own_project", ok_for(EDITORS, 302)),
    ("projects:stakeholder_create", "post", "other_project", ok_for(NONE, 0, 404)),
    ("projects:stakeholder_delete", "post", "own_stakeholder", ok_for(EDITORS, 302)),
    ("projects:stakeholder_delete", "post", "other_stakeholder", ok_for(NONE, 0, 404)),
    ("projects:communication_create", "post", "own_project", ok_for(EDITORS, 302)),
    ("projects:communication_create", "post", "other_project", ok_for(NONE, 0, 404)),
    ("projects:communication_status", "post", "own_communication", ok_for(EDITORS, 302)),
    ("projects:communication_status", "post", "other_communication", ok_for(NONE, 0, 404)),
]
API_MATRIX = [
    ("get", "/api/v1/projects", None, ok_for(ALL, 200)),
    ("post", "/api/v1/projects", None, ok_for(EDITORS, 201)),
    ("get", "/api/v1/projects/{project_id}", "own_project", ok_for(ALL, 200)),
    ("get", "/api/v1/projects/{project_id}", "other_project", ok_for(NONE, 0, 404)),
    ("get", "/api/v1/projects/{project_id}/gate", "own_project", ok_for(ALL, 200)),
    ("get", "/api/v1/projects/{project_id}/gate", "other_project", ok_for(NONE, 0, 404)),
    ("post", "/api/v1/projects/{project_id}/advance", "own_project", ok_for(EDITORS, 200)),
    ("post", "/api/v1/projects/{project_id}/advance", "other_project", ok_for(NONE, 0, 404)),
]
API_BODIES = {
    "/api/v1/projects/{project_id}/advance": {
        "lock_version": 1,
        "waived": {"process_mapped": "Kendt proces"},
    },
}
COVERED_ROUTES = {name for name, *_ in VIEW_MATRIX}
COVERED_API = {(method, path) for method, path, *_ in API_MATRIX}

POST_DATA = {
    "projects:project_create": {"name": "Nyt projekt", "phase": "ide"},
    "projects:project_edit": {"name": "Omdøbt", "lock_version": 1},
    "projects:project_advance": {"lock_version": 1, "reason_process_mapped": "Kendt proces"},
    "projects:stakeholder_create": {"name": "Borgerne", "influence": 3, "attitude": -1},
    "projects:communication_create": {
        "audience": "Ledere",
        "message": "Status",
        "channel": "Møde",
        "sender": "Projektleder",
        "planned_on": "2026-04-01",
    },
    "projects:communication_status": {"status": "gennemfoert"},
}
ANONYMOUS_KWARGS = {
    "project": {"project_id": 1},
    "stakeholder": {"stakeholder_id": 1},
    "communication": {"item_id": 1},
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "method", "key", "statuses"), VIEW_MATRIX)
def test_view_matrix(client, make_user, other_municipality, role, name, method, key, statuses):
    url = reverse(name, kwargs=objects(key, make_user, other_municipality))
    client.force_login(make_user(role))

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
    url = path.format(**objects(key, make_user, other_municipality))
    client.force_login(make_user(role))

    body = API_BODIES.get(path, {"name": "Via API"}) if method == "post" else None
    response = getattr(client, method)(url, body, content_type="application/json")

    check(response.status_code, statuses[role])


@pytest.mark.parametrize(("method", "path", "key", "statuses"), API_MATRIX)
def test_api_refuses_anonymous(client, db, method, path, key, statuses):
    response = getattr(client, method)(path.format(project_id=1))

    assert response.status_code == 401
