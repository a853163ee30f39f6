"""The catalogue's part of the role matrix: every role x every catalogue route x own/other
municipality. ``COVERED_ROUTES`` and ``COVERED_API`` are read by the central completeness test
in procesbank/organisations/tests/test_permissions.py."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse

from procesbank.catalogue import services
from procesbank.catalogue.tests.test_profile_permissions import PROFILE_API, PROFILE_ROUTES
from procesbank.organisations.models import Role
from procesbank.organisations.tests.roles import ALL, EDITORS, NONE, ROLES
from procesbank.organisations.tests.roles import ok_for as _ok_for
from procesbank.processes import services as process_services

VIEW_MATRIX = [
    ("catalogue:catalogue", "get", None, _ok_for(ALL, 200)),
    ("catalogue:catalogue_export", "get", "csv", _ok_for(ALL, 200)),
    ("catalogue:catalogue_export", "get", "xlsx", _ok_for(ALL, 200)),
    ("catalogue:reuse_list", "get", None, _ok_for(ALL, 200)),
    ("catalogue:catalogue_dashboard", "get", None, _ok_for(ALL, 200)),
    ("catalogue:umbrella_list", "get", None, _ok_for(ALL, 200)),
    ("catalogue:umbrella_create", "get", None, _ok_for(EDITORS, 200)),
    ("catalogue:umbrella_create", "post", None, _ok_for(EDITORS, 302)),
    ("catalogue:umbrella_detail", "get", "own_umbrella", _ok_for(ALL, 200)),
    ("catalogue:umbrella_detail", "get", "shared_umbrella", _ok_for(ALL, 200)),
    ("catalogue:umbrella_detail", "get", "private_umbrella", _ok_for(NONE, 0, 404)),
    ("catalogue:umbrella_edit", "get", "own_umbrella", _ok_for(EDITORS, 200)),
    ("catalogue:umbrella_edit", "post", "own_umbrella", _ok_for(EDITORS, 302)),
    ("catalogue:umbrella_edit", "get", "shared_umbrella", _ok_for(NONE, 0)),
    ("catalogue:umbrella_delete", "post", "own_umbrella", _ok_for(EDITORS, 302)),
    ("catalogue:umbrella_delete", "post", "shared_umbrella", _ok_for(NONE, 0)),
    ("catalogue:umbrella_delete", "post", "private_umbrella", _ok_for(NONE, 0, 404)),
    ("catalogue:saved_search_create", "post", None, _ok_for(ALL, 302)),
    ("catalogue:saved_search_delete", "post", "own_search", _ok_for(ALL, 302)),
    ("catalogue:saved_search_delete", "post", "other_search", _ok_for(NONE, 0, 404)),
    ("catalogue:catalogue_import", "get", None, _ok_for(EDITORS, 200)),
    ("catalogue:catalogue_import", "post", None, _ok_for(EDITORS, 200)),
    ("catalogue:catalogue_import_save", "post", None, _ok_for(EDITORS, 302)),
    ("catalogue:os2autoproces_import", "get", None, _ok_for(EDITORS, 200)),
    ("catalogue:os2autoproces_import", "post", None, _ok_for(EDITORS, 200)),
    ("catalogue:os2autoproces_import_save", "post", None, _ok_for(EDITORS, 302)),
    ("catalogue:os2autoproces_export", "get", None, _ok_for(ALL, 200)),
    ("catalogue:comparison", "get", None, _ok_for(ALL, 200)),
    ("catalogue:process_reuse", "post", "shared_process", _ok_for(EDITORS, 302)),
    ("catalogue:process_reuse", "post", "own_process", _ok_for(NONE, 0, 404)),
    ("catalogue:process_reuse", "post", "private_process", _ok_for(NONE, 0, 404)),
    ("catalogue:reuse_detail", "get", "own_reuse", _ok_for(ALL, 200)),
    ("catalogue:reuse_detail", "get", "other_reuse", _ok_for(NONE, 0, 404)),
    ("catalogue:candidate_create", "get", None, _ok_for(EDITORS, 200)),
    ("catalogue:candidate_create", "post", None, _ok_for(EDITORS, 302)),
    ("catalogue:candidate_detail", "get", "own_candidate", _ok_for(ALL, 200)),
    ("catalogue:candidate_detail", "get", "shared_candidate", _ok_for(ALL, 200)),
    ("catalogue:candidate_detail", "get", "private_candidate", _ok_for(NONE, 0, 404)),
    ("catalogue:candidate_edit", "get", "own_candidate", _ok_for(EDITORS, 200)),
    ("catalogue:candidate_edit", "post", "own_candidate", _ok_for(EDITORS, 302)),
    ("catalogue:candidate_edit", "get", "shared_candidate", _ok_for(NONE, 0)),
    ("catalogue:candidate_edit", "get", "private_candidate", _ok_for(NONE, 0, 404)),
    ("catalogue:candidate_delete", "post", "own_candidate", _ok_for(EDITORS, 302)),
    ("catalogue:candidate_delete", "post", "shared_candidate", _ok_for(NONE, 0)),
    ("catalogue:candidate_interest", "post", "shared_candidate", _ok_for(EDITORS, 302)),
    ("catalogue:candidate_interest", "post", "own_candidate", _ok_for(NONE, 0)),
    ("catalogue:candidate_interest", "post", "private_candidate", _ok_for(NONE, 0, 404)),
    ("catalogue:candidate_mark", "post", "own_candidate", _ok_for(ALL, 302)),
    ("catalogue:candidate_mark", "post", "shared_candidate", _ok_for(ALL, 302)),
    ("catalogue:candidate_mark", "post", "private_candidate", _ok_for(NONE, 0, 404)),
    ("catalogue:candidate_comment", "post", "shared_candidate", _ok_for(ALL, 302)),
    ("catalogue:candidate_comment", "post", "private_candidate", _ok_for(NONE, 0, 404)),
    ("catalogue:attachment_upload", "post", "own_candidate", _ok_for(EDITORS, 302)),
    ("catalogue:attachment_upload", "post", "shared_candidate", _ok_for(NONE, 0)),
    ("catalogue:attachment_download", "get", "own_private_attachment", _ok_for(ALL, 200)),
    ("catalogue:attachment_download", "get", "shared_attachment", _ok_for(ALL, 200)),
    ("catalogue:attachment_download", "get", "private_attachment", _ok_for(NONE, 0, 404)),
    ("catalogue:attachment_delete", "post", "own_private_attachment", _ok_for(EDITORS, 302)),
    ("catalogue:attachment_delete", "post", "shared_attachment", _ok_for(NONE, 0)),
    ("catalogue:attachment_delete", "post", "private_attachment", _ok_for(NONE, 0, 404)),
]
# The municipality profile and the quick share have their own matrix beside this one.
COVERED_ROUTES = {name for name, *_ in VIEW_MATRIX} | PROFILE_ROUTES
COVERED_API: set[tuple[str, str]] = set()

_POST_DATA = {
    "catalogue:candidate_create": {
        "title": "Ny kandidat",
        "phase": "idea",
        "status": "pending",
        "technology": "rpa",
        "visibility": "own",
    },
    "catalogue:candidate_edit": {
        "title": "Ændret kandidat",
        "phase": "idea",
        "status": "pending",
        "technology": "rpa",
        "visibility": "own",
        "lock_version": 1,
    },
    "catalogue:candidate_comment": {"text": "Hej"},
    "catalogue:saved_search_create": {"name": "Min søgning", "query": "vis=kandidater"},
    "catalogue:umbrella_create": {"name": "Ny paraply", "visibility": "own"},
    "catalogue:umbrella_edit": {"name": "Ændret paraply", "visibility": "own", "lock_version": 1},
}


def _owner(key, make_user, other_municipality):
    if key.startswith("own"):
        return make_user(Role.KONSULENT)
    return make_user(Role.KONSULENT, other_municipality)


def _kwargs(key, user, other_municipality, make_user):
    if key is None:
        return {}
    if key in {"csv", "xlsx"}:
        return {"fmt": key}
    if key.endswith("_search"):
        searcher = user if key.startswith("own") else make_user(Role.LAESER)
        search = services.saved_search_create(user=searcher, name="Søgning", query="")
        return {"search_id": search.pk}
    owner = _owner(key, make_user, other_municipality)
    visibility = "own" if "private" in key else "collaboration"
    if key.endswith("_process"):
        process = process_services.process_create(
            user=owner, name=f"Proces {key}", visibility=visibility
        )
        return {"process_id": process.pk}
    if key.endswith("_umbrella"):
        umbrella = services.umbrella_create(
            user=owner, name=f"Paraply {key}", visibility=visibility
        )
        return {"umbrella_id": umbrella.pk}
    if key.endswith("_reuse"):
        source_owner = make_user(Role.KONSULENT, other_municipality)
        copier = (
            make_user(Role.KONSULENT)
            if key.startswith("own")
            else make_user(Role.KONSULENT, other_municipality)
        )
        if not key.startswith("own"):
            source_owner = make_user(Role.KONSULENT)
        source = process_services.process_create(
            user=source_owner, name="Kilde", visibility="collaboration"
        )
        return {"reuse_id": services.process_reuse(user=copier, source=source).pk}
    candidate = services.candidate_create(
        user=owner, title=f"Kandidat {key}", visibility=visibility
    )
    if key.endswith("_attachment"):
        # The file is written when the transaction commits, which a test never does.
        with TestCase.captureOnCommitCallbacks(execute=True):
            attachment = services.attachment_add(
                user=owner,
                candidate=candidate,
                upload=SimpleUploadedFile("bilag.txt", b"bilag"),
                shared=key == "shared_attachment",
            )
        return {"attachment_id": attachment.pk}
    return {"candidate_id": candidate.pk}


def _url(name, kwargs):
    if name == "catalogue:candidate_mark":
        kwargs = {**kwargs, "kind": "follow"}
    return reverse(name, kwargs=kwargs)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "method", "key", "statuses"), VIEW_MATRIX)
def test_view_matrix(client, make_user, other_municipality, role, name, method, key, statuses):
    user = make_user(role)
    client.force_login(user)
    url = _url(name, _kwargs(key, user, other_municipality, make_user))

    response = getattr(client, method)(url, _POST_DATA.get(name, {}))

    expected = statuses[role]
    if expected == 0:  # refused either way: 403 (no right at all) or 404 (not among own rows)
        assert response.status_code in {403, 404}
    else:
        assert response.status_code == expected


@pytest.mark.parametrize(("name", "method", "key", "statuses"), VIEW_MATRIX)
def test_anonymous_is_sent_to_login(client, db, name, method, key, statuses):
    kwargs = {"fmt": "csv"} if name == "catalogue:catalogue_export" else {}
    for arg in (
        "candidate_id",
        "process_id",
        "reuse_id",
        "attachment_id",
        "search_id",
        "umbrella_id",
    ):
        if key and arg.split("_")[0] in key:
            kwargs[arg] = 1
    url = _url(name, kwargs)

    response = getattr(client, method)(url)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("organisations:login"))


# --- API ---------------------------------------------------------------------------------
P = "/api/v1/catalogue"
API_MATRIX = [
    ("get", f"{P}/processes", None, _ok_for(ALL, 200)),
    ("post", f"{P}/processes/{{process_id}}/reuse", "shared_process", _ok_for(EDITORS, 201)),
    ("post", f"{P}/processes/{{process_id}}/reuse", "own_process", _ok_for(NONE, 0, 404)),
    ("post", f"{P}/processes/{{process_id}}/reuse", "private_process", _ok_for(NONE, 0, 404)),
    ("get", f"{P}/candidates", None, _ok_for(ALL, 200)),
    ("post", f"{P}/candidates", None, _ok_for(EDITORS, 201)),
    ("get", f"{P}/candidates/{{candidate_id}}", "own_candidate", _ok_for(ALL, 200)),
    ("get", f"{P}/candidates/{{candidate_id}}", "shared_candidate", _ok_for(ALL, 200)),
    ("get", f"{P}/candidates/{{candidate_id}}", "private_candidate", _ok_for(NONE, 0, 404)),
    ("patch", f"{P}/candidates/{{candidate_id}}", "own_candidate", _ok_for(EDITORS, 200)),
    ("patch", f"{P}/candidates/{{candidate_id}}", "shared_candidate", _ok_for(NONE, 0, 403)),
    ("patch", f"{P}/candidates/{{candidate_id}}", "private_candidate", _ok_for(NONE, 0, 404)),
    ("delete", f"{P}/candidates/{{candidate_id}}", "own_candidate", _ok_for(EDITORS, 204)),
    ("delete", f"{P}/candidates/{{candidate_id}}", "shared_candidate", _ok_for(NONE, 0, 403)),
    (
        "post",
        f"{P}/candidates/{{candidate_id}}/interest",
        "shared_candidate",
        _ok_for(EDITORS, 200),
    ),
    ("post", f"{P}/candidates/{{candidate_id}}/interest", "own_candidate", _ok_for(NONE, 0, 403)),
    (
        "post",
        f"{P}/candidates/{{candidate_id}}/interest",
        "private_candidate",
        _ok_for(NONE, 0, 404),
    ),
    ("post", f"{P}/candidates/{{candidate_id}}/follow", "own_candidate", _ok_for(ALL, 200)),
    ("post", f"{P}/candidates/{{candidate_id}}/follow", "shared_candidate", _ok_for(ALL, 200)),
    (
        "post",
        f"{P}/candidates/{{candidate_id}}/follow",
        "private_candidate",
        _ok_for(NONE, 0, 404),
    ),
    ("get", f"{P}/comparison", None, _ok_for(ALL, 200)),
]
COVERED_API = {(method, path) for method, path, *_ in API_MATRIX} | PROFILE_API

_API_PAYLOADS = {
    "post": {"title": "Via API", "answers": {"rule_based": "high"}},
    "patch": {"lock_version": 1, "status": "in_progress"},
}


def _api_call(client, method, path, kwargs):
    url = path.format(**kwargs)
    if path.endswith("/comparison"):
        return client.get(url, {"kle": "32"})
    if method in _API_PAYLOADS and path.endswith(("/candidates", "}")):
        return getattr(client, method)(url, _API_PAYLOADS[method], content_type="application/json")
    return getattr(client, method)(url)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("method", "path", "key", "statuses"), API_MATRIX)
def test_api_matrix(client, make_user, other_municipality, role, method, path, key, statuses):
    user = make_user(role)
    client.force_login(user)
    kwargs = _kwargs(key, user, other_municipality, make_user)

    response = _api_call(client, method, path, kwargs)

    assert response.status_code == statuses[role]


@pytest.mark.parametrize(("method", "path", "key", "statuses"), API_MATRIX)
def test_api_refuses_anonymous(client, db, method, path, key, statuses):
    response = _api_call(client, method, path, {"process_id": 1, "candidate_id": 1})

    assert response.status_code == 401
