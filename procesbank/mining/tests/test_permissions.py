"""Process mining's part of the role matrix: every role x every mining route and API operation
x own/shared/private log. ``COVERED_ROUTES`` and ``COVERED_API`` are read by the central
completeness test in procesbank/organisations/tests/test_permissions.py."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from procesbank.jobs.services import job_create
from procesbank.mining import services
from procesbank.mining.tests.test_models import DATA, import_log
from procesbank.organisations.models import Role
from procesbank.organisations.tests.roles import ALL, EDITORS, NONE, ROLES
from procesbank.organisations.tests.roles import ok_for as _ok_for

ANALYSIS = [
    "mining:eventlog_overview",
    "mining:eventlog_map",
    "mining:eventlog_variants",
    "mining:eventlog_statistics",
    "mining:eventlog_cases",
    "mining:eventlog_conformance",
]
VIEW_MATRIX = [
    ("mining:eventlog_list", "get", None, _ok_for(ALL, 200)),
    ("mining:eventlog_comparison", "get", None, _ok_for(ALL, 200)),
    ("mining:eventlog_upload", "get", None, _ok_for(EDITORS, 200)),
    ("mining:eventlog_upload", "post", None, _ok_for(EDITORS, 302)),
    ("mining:eventlog_mapping", "get", "own_token", _ok_for(EDITORS, 200)),
    ("mining:eventlog_mapping", "get", "unknown_token", _ok_for(EDITORS, 404)),
    ("mining:eventlog_job", "get", "own_job", _ok_for(ALL, 200)),
    ("mining:eventlog_job", "get", "other_job", _ok_for(NONE, 0, 404)),
    *[(name, "get", "own_log", _ok_for(ALL, 200)) for name in ANALYSIS],
    *[(name, "get", "shared_log", _ok_for(ALL, 200)) for name in ANALYSIS],
    *[(name, "get", "private_log", _ok_for(NONE, 0, 404)) for name in ANALYSIS],
    ("mining:eventlog_asis", "post", "own_log", _ok_for(EDITORS, 302)),
    ("mining:eventlog_asis", "post", "shared_log", _ok_for(EDITORS, 302)),
    ("mining:eventlog_asis", "post", "private_log", _ok_for(EDITORS, 404)),
    # Without a model in the body the mapping is a 404 for those who may edit the log.
    ("mining:eventlog_activity_mapping", "post", "own_log", _ok_for(EDITORS, 404)),
    ("mining:eventlog_activity_mapping", "post", "shared_log", _ok_for(NONE, 0)),
    ("mining:eventlog_activity_mapping", "post", "private_log", _ok_for(NONE, 0, 404)),
    # An empty form saves the log's own names: a redirect for those who may edit the log.
    ("mining:eventlog_naming", "post", "own_log", _ok_for(EDITORS, 302)),
    ("mining:eventlog_naming", "post", "shared_log", _ok_for(NONE, 0)),
    ("mining:eventlog_naming", "post", "private_log", _ok_for(NONE, 0, 404)),
    ("mining:eventlog_delete", "post", "own_log", _ok_for(EDITORS, 302)),
    ("mining:eventlog_delete", "post", "shared_log", _ok_for(NONE, 0)),
    ("mining:eventlog_delete", "post", "private_log", _ok_for(NONE, 0, 404)),
]
COVERED_ROUTES = {name for name, *_ in VIEW_MATRIX}


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _owner(key, make_user, other_municipality):
    if key.startswith("own"):
        return make_user(Role.KONSULENT)
    return make_user(Role.KONSULENT, other_municipality)


def _kwargs(key, client, make_user, other_municipality):
    if key is None:
        return {}
    owner = _owner(key, make_user, other_municipality)
    if key.endswith("_token"):
        if key == "unknown_token":
            return {"token": "0" * 32}
        pending = services.eventlog_upload_stage(
            user=owner,
            upload=SimpleUploadedFile("log.csv", (DATA / "running-example.csv").read_bytes()),
            name="CSV",
            visibility="own",
        )
        session = client.session
        session["mining_pending_imports"] = {pending.token: pending.as_dict()}
        session.save()
        return {"token": pending.token}
    if key.endswith("_job"):
        return {"job_id": job_create(user=owner, title="Import").pk}
    visibility = "own" if key.startswith("private") else "collaboration"
    return {"eventlog_id": import_log(owner, name=key, visibility=visibility).pk}


def _post_data(name):
    if name == "mining:eventlog_upload":
        return {
            "file": SimpleUploadedFile("log.csv", (DATA / "running-example.csv").read_bytes()),
            "name": "Upload",
            "visibility": "own",
        }
    if name == "mining:eventlog_asis":
        return {"name": "Som-er fra log", "noise": 10}
    return {}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "method", "key", "statuses"), VIEW_MATRIX)
def test_view_matrix(client, make_user, other_municipality, role, name, method, key, statuses):
    user = make_user(role)
    client.force_login(user)
    url = reverse(name, kwargs=_kwargs(key, client, make_user, other_municipality))

    response = getattr(client, method)(url, _post_data(name))

    expected = statuses[role]
    if expected == 0:  # refused either way: 403 (no right at all) or 404 (not among own rows)
        assert response.status_code in {403, 404}
    else:
        assert response.status_code == expected


def _anonymous_kwargs(key):
    if key is None:
        return {}
    if key.endswith("_token"):
        return {"token": "0" * 32}
    if key.endswith("_job"):
        return {"job_id": "00000000-0000-0000-0000-000000000000"}
    return {"eventlog_id": 1}


@pytest.mark.parametrize(("name", "method", "key", "statuses"), VIEW_MATRIX)
def test_anonymous_is_sent_to_login(client, db, name, method, key, statuses):
    response = getattr(client, method)(reverse(name, kwargs=_anonymous_kwargs(key)))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("organisations:login"))


# --- API ---------------------------------------------------------------------------------
P = "/api/v1"
_LOG_OPERATIONS = ["summary", "dfg", "variants"]
API_MATRIX = [
    ("get", f"{P}/eventlogs", None, _ok_for(ALL, 200)),
    *[
        ("get", f"{P}/eventlogs/{{eventlog_id}}/{operation}", key, _ok_for(ALL, 200))
        for operation in _LOG_OPERATIONS
        for key in ("own_log", "shared_log")
    ],
    *[
        ("get", f"{P}/eventlogs/{{eventlog_id}}/{operation}", "private_log", _ok_for(NONE, 0, 404))
        for operation in _LOG_OPERATIONS
    ],
    *[
        ("get", f"{P}/eventlogs/{{eventlog_id}}/conformance", key, _ok_for(ALL, 200))
        for key in ("own_log", "shared_log")
    ],
    ("get", f"{P}/eventlogs/{{eventlog_id}}/conformance", "private_log", _ok_for(NONE, 0, 404)),
]
COVERED_API = {(method, path) for method, path, *_ in API_MATRIX}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("method", "path", "key", "statuses"), API_MATRIX)
def test_api_matrix(client, make_user, other_municipality, role, method, path, key, statuses):
    user = make_user(role)
    client.force_login(user)
    kwargs = _kwargs(key, client, make_user, other_municipality)

    response = getattr(client, method)(path.format(**kwargs), _api_query(path, make_user))

    assert response.status_code == statuses[role]


def _api_query(path, make_user):
    """The conformance operation names a process version of the caller's municipality."""
    if not path.endswith("/conformance"):
        return {}
    from procesbank.processes.services.processes import process_create

    process = process_create(
        user=make_user(Role.KONSULENT),
        name="Model",
        bpmn_xml=(DATA / "running-example.bpmn").read_bytes(),
    )
    return {"version_id": process.versions.get().pk}


@pytest.mark.parametrize(("method", "path", "key", "statuses"), API_MATRIX)
def test_api_refuses_anonymous(client, db, method, path, key, statuses):
    response = getattr(client, method)(path.format(eventlog_id=1))

    assert response.status_code == 401


def test_api_summary_matches_the_log(client, konsulent):
    log = import_log(konsulent)
    client.force_login(konsulent)

    summary = client.get(f"{P}/eventlogs/{log.pk}/summary").json()
    variants = client.get(f"{P}/eventlogs/{log.pk}/variants").json()

    assert (summary["cases"], summary["events"], summary["variants"]) == (6, 42, 6)
    assert sum(variant["cases"] for variant in variants) == 6
