"""The API's own contract (procesbank/api.py, kit/api.py): what every operation answers when it
refuses, and that the schema says so."""

from __future__ import annotations

import json

import pytest

from procesbank.api import api
from procesbank.organisations.models import Role
from procesbank.organisations.services import api_token_create
from procesbank.processes import services as process_services
from procesbank.processes.models import ProcessVersion
from procesbank.processes.tests.conftest import two_task_bpmn

EVALUATE = "/api/v1/business-cases/evaluate"


@pytest.fixture
def bearer(konsulent):
    _token, raw = api_token_create(user=konsulent, name="test")
    return {"Authorization": f"Bearer {raw}"}


@pytest.fixture
def process(konsulent):
    return process_services.process_create(
        user=konsulent, name="Enkeltydelse", bpmn_xml=two_task_bpmn()
    )


def _send(client, method, url, body, headers, **extra):
    return getattr(client, method)(
        url, body, content_type="application/json", headers=headers, **extra
    )


def test_stale_patch_is_a_409_naming_when(client, bearer, process):
    first = _send(
        client,
        "patch",
        f"/api/v1/processes/{process.pk}",
        {"lock_version": 1, "owner": "A"},
        bearer,
    )

    stale = _send(
        client,
        "patch",
        f"/api/v1/processes/{process.pk}",
        {"lock_version": 1, "owner": "B"},
        bearer,
    )

    assert first.status_code == 200
    assert stale.status_code == 409
    body = stale.json()
    process.refresh_from_db()
    # A process does not keep who saved it; its versions do (the next test).
    assert body["updated_by"] is None
    assert body["updated_at"][:19] == process.updated_at.isoformat()[:19]
    assert body["detail"].startswith(
        "Mens du redigerede, har en anden bruger gemt en nyere udgave ("
    )
    assert process.owner == "A"


def test_task_measurements_take_the_versions_revision_and_refuse_a_stale_one(
    client, bearer, process
):
    revision = ProcessVersion.objects.get(process=process).revision
    url = f"/api/v1/processes/{process.pk}/tasks/T1/measurements"
    body = {"minutes_min": 1, "minutes_likely": 2, "minutes_max": 3}

    saved = _send(client, "put", url, {**body, "lock_version": revision}, bearer)
    stale = _send(client, "put", url, {**body, "minutes_max": 9, "lock_version": revision}, bearer)
    missing = _send(client, "put", url, body, bearer)

    assert saved.status_code == 200
    assert saved.json()["lock_version"] == revision + 1
    version = ProcessVersion.objects.get(process=process)
    assert stale.status_code == 409
    assert stale.json()["updated_by"] == "konsulent.helsingoer"
    assert stale.json()["updated_at"][:19] == version.updated_at.isoformat()[:19]
    assert stale.json()["detail"].startswith(
        "Mens du redigerede, har konsulent.helsingoer gemt en nyere udgave ("
    )
    assert ProcessVersion.objects.get(process=process).revision == revision + 1
    assert missing.json()["detail"] == [
        {"loc": ["body", "lock_version"], "msg": "Feltet skal udfyldes.", "type": "missing"}
    ]


@pytest.mark.parametrize(
    ("value", "message", "kind"),
    [
        (False, "Skal være et tal.", "number_type"),
        ("abc", "Skal være et tal.", "decimal_parsing"),
        ([0.1], "Skal være et tal.", "decimal_type"),
    ],
    ids=["false", "text", "list"],
)
def test_a_wrong_field_is_named_with_its_path_in_danish(client, bearer, value, message, kind):
    body = {"first_year": 2027, "discount_rate": value, "lines": []}

    response = _send(client, "post", EVALUATE, body, bearer)

    assert response.status_code == 422
    assert response.json() == {
        "detail": [{"loc": ["body", "discount_rate"], "msg": message, "type": kind}]
    }


def test_the_field_message_is_in_the_users_language(client, bearer):
    body = {"first_year": 2027, "discount_rate": False, "lines": []}

    client.cookies["django_language"] = "en"

    response = _send(client, "post", EVALUATE, body, bearer)

    assert response.json()["detail"][0]["msg"] == "Must be a number."


@pytest.mark.parametrize(
    ("body", "loc", "kind"),
    [
        ('"en tekst"', ["body"], "model_type"),
        ("false", ["body"], "model_type"),
        ("[]", ["body"], "model_type"),
        ('{"first_year": "2027", "lines": []}', ["body", "first_year"], "number_type"),
        ('{"first_year": 2027.5, "lines": []}', ["body", "first_year"], "int_from_float"),
        ('{"first_year": true, "lines": []}', ["body", "first_year"], "number_type"),
        ('{"first_year": 2027, "lines": "x"}', ["body", "lines"], "list_type"),
    ],
    ids=[
        "bare-string",
        "bare-false",
        "bare-list",
        "string-year",
        "fraction",
        "true-year",
        "text-lines",
    ],
)
def test_off_schema_bodies_are_refused(client, bearer, body, loc, kind):
    response = client.post(EVALUATE, body, content_type="application/json", headers=bearer)

    assert response.status_code == 422
    assert [(e["loc"], e["type"]) for e in response.json()["detail"]] == [(loc, kind)]


def test_a_number_for_a_yes_no_field_is_refused(client, bearer):
    body = {"title": "Robot", "kl_generic": 1}

    response = _send(client, "post", "/api/v1/catalogue/candidates", body, bearer)

    assert response.status_code == 422
    assert response.json()["detail"] == [
        {"loc": ["body", "kl_generic"], "msg": "Skal være true eller false.", "type": "bool_type"}
    ]


def test_a_decimal_may_come_as_the_string_the_api_writes(client, bearer):
    body = {"first_year": 2027, "discount_rate": "0.1", "lines": []}

    response = _send(client, "post", EVALUATE, body, bearer)

    # Accepted as a number: the refusal is the domain's (no lines), not the type's.
    assert response.json() == {"detail": "Business casen har ingen linjer."}


def test_a_body_that_is_not_json_is_a_400_in_danish(client, bearer):
    response = client.post(EVALUATE, "{first_year", content_type="application/json", headers=bearer)

    assert response.status_code == 400
    assert response.json() == {
        "detail": "Forespørgslens indhold kunne ikke læses: send gyldig JSON."
    }


def test_no_token_is_a_401_in_danish(client, db):
    response = client.get("/api/v1/processes")

    assert response.status_code == 401
    assert response.json() == {
        "detail": "Log ind, eller send en gyldig API-nøgle: Authorization: Bearer <nøgle>."
    }


def test_a_readers_write_is_a_403(client, make_user, process):
    client.force_login(make_user(Role.LAESER))

    response = client.delete(f"/api/v1/processes/{process.pk}")

    assert (response.status_code, response.json()) == (
        403,
        {"detail": "Du har ikke adgang til dette."},
    )


def _schema():
    return json.loads(json.dumps(api.get_openapi_schema()))


def _operations():
    schema = _schema()
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            yield path, method, operation


def test_every_operation_documents_its_error_answers_with_a_schema():
    for path, method, operation in _operations():
        responses = operation["responses"]
        expected = {"401", "403"}
        if "{" in path:
            expected.add("404")
        if operation.get("parameters") or operation.get("requestBody"):
            expected.add("422")
        if operation.get("requestBody"):
            expected.add("400")

        declared = {str(code) for code in responses}
        assert expected <= declared, (method, path, expected - declared)
        for code in declared - {"200", "201", "204"}:
            schema = responses[code]["content"]["application/json"]["schema"]
            assert schema["$ref"].rsplit("/", 1)[-1] in (
                "ErrorOut",
                "StaleOut",
                "ValidationErrorOut",
            ), (method, path, code)


def test_every_write_with_a_lock_version_documents_the_409():
    for path, method, operation in _operations():
        text = str(operation.get("requestBody", "")) + str(operation.get("parameters", ""))
        schemas = _schema()["components"]["schemas"]
        bodies = [
            schemas[ref.rsplit("/", 1)[-1]]
            for ref in _refs(operation.get("requestBody", {}))
            if ref.rsplit("/", 1)[-1] in schemas
        ]
        locked = "lock_version" in text or any(
            "lock_version" in body.get("properties", {}) for body in bodies
        )

        assert locked == ("409" in {str(c) for c in operation["responses"]}), (method, path)


def _refs(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref":
                yield value
            else:
                yield from _refs(value)
    elif isinstance(node, list):
        for item in node:
            yield from _refs(item)


def test_the_bpmn_download_is_declared_and_answered_as_xml(client, bearer, process):
    schema = _schema()
    declared = schema["paths"]["/api/v1/processes/{process_id}/bpmn"]["get"]["responses"]["200"]

    response = client.get(f"/api/v1/processes/{process.pk}/bpmn", headers=bearer)

    assert list(declared["content"]) == ["application/xml"]
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    assert response.content.startswith(b"<?xml")


@pytest.mark.parametrize(
    ("method", "url", "body", "loc"),
    [
        ("get", "/api/v1/processes?q=a%00b", None, ["query", "q"]),
        ("get", "/api/v1/municipalities/2%0019/profile", None, ["path", "code"]),
        ("post", "/api/v1/processes", {"name": "a\x00b"}, ["body", "name"]),
        ("post", "/api/v1/processes", {"name": "a", "tags": ["ok", "\x00"]}, ["body", "tags", 1]),
    ],
    ids=["query", "path", "body", "list-item"],
)
def test_a_nul_character_anywhere_is_a_422_naming_where(client, bearer, method, url, body, loc):
    if body is None:
        response = client.get(url, headers=bearer)
    else:
        response = _send(client, method, url, body, bearer)

    assert response.status_code == 422
    assert response.json() == {
        "detail": [{"loc": loc, "msg": "Må ikke indeholde et NUL-tegn.", "type": "string_nul"}]
    }
