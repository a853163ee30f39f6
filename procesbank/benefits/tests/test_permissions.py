"""The role matrix of benefits realisation: every route and API operation, every role, own and
other municipality (read by organisations' completeness test through COVERED_ROUTES/API)."""

import pytest
from django.urls import reverse

from procesbank.projects.tests.matrix import ALL, EDITORS, NONE, ROLES, check, objects, ok_for

VIEW_MATRIX = [
    ("benefits:benefit_register", "get", "own_project", ok_for(ALL, 200)),
    ("benefits:benefit_register", "get", "other_project", ok_for(NONE, 0, 404)),
    ("benefits:benefit_register", "post", "own_project", ok_for(EDITORS, 302)),
    ("benefits:benefit_register", "post", "other_project", ok_for(NONE, 0, 404)),
    ("benefits:benefit_report", "get", "own_project", ok_for(ALL, 200)),
    ("benefits:benefit_report", "get", "other_project", ok_for(NONE, 0, 404)),
    ("benefits:benefit_measurement_add", "post", "own_benefit", ok_for(EDITORS, 302)),
    ("benefits:benefit_measurement_add", "post", "other_benefit", ok_for(NONE, 0, 404)),
    ("benefits:benefit_edit", "get", "own_benefit", ok_for(EDITORS, 200)),
    ("benefits:benefit_edit", "get", "other_benefit", ok_for(NONE, 0, 404)),
    ("benefits:benefit_edit", "post", "own_benefit", ok_for(EDITORS, 302)),
    ("benefits:benefit_edit", "post", "other_benefit", ok_for(NONE, 0, 404)),
    ("benefits:benefit_delete", "post", "own_benefit", ok_for(EDITORS, 302)),
    ("benefits:benefit_delete", "post", "other_benefit", ok_for(NONE, 0, 404)),
    ("benefits:portfolio", "get", None, ok_for(ALL, 200)),
    ("benefits:benefit_map", "get", "own_project", ok_for(ALL, 200)),
    ("benefits:benefit_map", "get", "other_project", ok_for(NONE, 0, 404)),
    ("benefits:benefit_map", "post", "own_project", ok_for(EDITORS, 302)),
    ("benefits:benefit_map", "post", "other_project", ok_for(NONE, 0, 404)),
    ("benefits:benefit_map_node_edit", "get", "own_node", ok_for(EDITORS, 200)),
    ("benefits:benefit_map_node_edit", "get", "other_node", ok_for(NONE, 0, 404)),
    ("benefits:benefit_map_node_edit", "post", "own_node", ok_for(EDITORS, 302)),
    ("benefits:benefit_map_node_edit", "post", "other_node", ok_for(NONE, 0, 404)),
    ("benefits:benefit_map_node_delete", "post", "own_node", ok_for(EDITORS, 302)),
    ("benefits:benefit_map_node_delete", "post", "other_node", ok_for(NONE, 0, 404)),
]
MEASUREMENTS = "/api/v1/benefits/{benefit_id}/measurements"
API_MATRIX = [
    ("get", "/api/v1/projects/{project_id}/benefits", "own_project", ok_for(ALL, 200)),
    ("get", "/api/v1/projects/{project_id}/benefits", "other_project", ok_for(NONE, 0, 404)),
    ("get", MEASUREMENTS, "own_benefit", ok_for(ALL, 200)),
    ("get", MEASUREMENTS, "other_benefit", ok_for(NONE, 0, 404)),
    ("post", MEASUREMENTS, "own_benefit", ok_for(EDITORS, 201)),
    ("post", MEASUREMENTS, "other_benefit", ok_for(NONE, 0, 404)),
]
COVERED_ROUTES = {name for name, *_ in VIEW_MATRIX}
COVERED_API = {(method, path) for method, path, *_ in API_MATRIX}

POST_DATA = {
    "benefits:benefit_register": {
        "name": "Færre henvendelser",
        "benefit_type": "qualitative",
        "owner_name": "Afdelingsleder",
        "kpi_name": "Henvendelser",
        "kpi_unit": "stk. pr. måned",
        "baseline_value": "100",
        "baseline_date": "2026-01-01",
        "target_value": "50",
        "target_date": "2027-01-01",
        "schedule": "monthly",
        "yearly_value": "0",
    },
    "benefits:benefit_map": {"level": "change", "label": "Borgeren søger selv"},
    "benefits:benefit_edit": {
        "b{id}-name": "Hurtigere svar",
        "b{id}-benefit_type": "qualitative",
        "b{id}-owner_name": "Afdelingsleder",
        "b{id}-kpi_name": "Svartid",
        "b{id}-kpi_unit": "dage",
        "b{id}-baseline_value": "30",
        "b{id}-baseline_date": "2026-01-01",
        "b{id}-target_value": "10",
        "b{id}-target_date": "2027-01-01",
        "b{id}-schedule": "monthly",
        "b{id}-yearly_value": "0",
        "b{id}-lock_version": "1",
    },
    "benefits:benefit_map_node_edit": {"n{id}-level": "deliverable", "n{id}-label": "Portal"},
    # 2026-07-02 is half-way (182 of 365 days): planned 49.86 %, measured 20 days = 50 %.
    "benefits:benefit_measurement_add": {"m{id}-measured_on": "2026-07-02", "m{id}-value": "20"},
}


def _data(name, kwargs):
    data = POST_DATA.get(name, {})
    object_id = kwargs.get("benefit_id", kwargs.get("node_id", ""))
    return {key.format(id=object_id): value for key, value in data.items()}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "method", "key", "statuses"), VIEW_MATRIX)
def test_view_matrix(client, make_user, other_municipality, role, name, method, key, statuses):
    kwargs = objects(key, make_user, other_municipality)
    client.force_login(make_user(role))

    response = getattr(client, method)(reverse(name, kwargs=kwargs), _data(name, kwargs))

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

    # full_project's benefit runs 30 -> 10 days through 2026: 20 on 2.7.2026 is on track.
    body = {"measured_on": "2026-07-02", "value": "20"} if method == "post" else None
    response = getattr(client, method)(url, body, content_type="application/json")

    check(response.status_code, statuses[role])


@pytest.mark.parametrize(("method", "path", "key", "statuses"), API_MATRIX)
def test_api_refuses_anonymous(client, db, method, path, key, statuses):
    assert getattr(client, method)(path.format(project_id=1, benefit_id=1)).status_code == 401
