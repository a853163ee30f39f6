"""The role matrix of the handbook: every route and API operation, every role, own and another
municipality's private page/template (read by organisations' completeness test through
COVERED_ROUTES/API)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from procesbank.handbook.tests.factories import docx_bytes, make_page, make_template
from procesbank.organisations.models import Role
from procesbank.organisations.tests.roles import ALL, EDITORS, NONE, ROLES, ok_for

pytestmark = pytest.mark.django_db

VIEW_MATRIX = [
    ("handbook:index", "get", None, ok_for(ALL, 200)),
    ("handbook:preview", "post", None, ok_for(ALL, 200)),
    ("handbook:page_create", "get", None, ok_for(EDITORS, 200)),
    ("handbook:page_create", "post", None, ok_for(EDITORS, 302)),
    ("handbook:page_detail", "get", "own_page", ok_for(ALL, 200)),
    ("handbook:page_detail", "get", "other_page", ok_for(NONE, 0, 404)),
    ("handbook:page_detail", "get", "shared_page", ok_for(ALL, 200)),
    ("handbook:page_edit", "get", "own_page", ok_for(EDITORS, 200)),
    ("handbook:page_edit", "post", "own_page", ok_for(EDITORS, 302)),
    ("handbook:page_edit", "get", "other_page", ok_for(NONE, 0, 404)),
    ("handbook:page_edit", "post", "shared_page", ok_for(NONE, 403)),
    ("handbook:page_reviewed", "post", "own_page", ok_for(EDITORS, 302)),
    ("handbook:page_reviewed", "post", "other_page", ok_for(NONE, 0, 404)),
    ("handbook:page_history", "get", "own_page", ok_for(ALL, 200)),
    ("handbook:page_history", "get", "other_page", ok_for(NONE, 0, 404)),
    ("handbook:page_version", "get", "own_version", ok_for(ALL, 200)),
    ("handbook:page_version", "get", "other_version", ok_for(NONE, 0, 404)),
    ("handbook:page_restore", "post", "own_version", ok_for(EDITORS, 302)),
    ("handbook:page_restore", "post", "other_version", ok_for(NONE, 0, 404)),
    ("handbook:page_restore", "post", "shared_version", ok_for(NONE, 403)),
    ("handbook:page_compare", "get", "own_page", ok_for(ALL, 200)),
    ("handbook:page_compare", "get", "other_page", ok_for(NONE, 0, 404)),
    ("handbook:template_list", "get", None, ok_for(ALL, 200)),
    ("handbook:template_create", "get", None, ok_for(EDITORS, 200)),
    ("handbook:template_create", "post", None, ok_for(EDITORS, 302)),
    ("handbook:template_detail", "get", "own_template", ok_for(ALL, 200)),
    ("handbook:template_detail", "get", "other_template", ok_for(NONE, 0, 404)),
    ("handbook:template_detail", "post", "own_template", ok_for(EDITORS, 302)),
    ("handbook:template_detail", "post", "shared_template", ok_for(NONE, 403)),
    ("handbook:template_download", "get", "own_templateversion", ok_for(ALL, 200)),
    ("handbook:template_download", "get", "other_templateversion", ok_for(NONE, 0, 404)),
]
PAGE = "/api/v1/handbook/pages/{page_id}"
VERSIONS = PAGE + "/versions"
VERSION = PAGE + "/versions/{number}"
RESTORE = VERSION + "/restore"
FILE = "/api/v1/handbook/templates/{template_id}/versions/{number}/file"
API_MATRIX = [
    ("get", "/api/v1/handbook/pages", None, ok_for(ALL, 200)),
    ("post", "/api/v1/handbook/pages", None, ok_for(EDITORS, 201)),
    ("get", PAGE, "own_page", ok_for(ALL, 200)),
    ("get", PAGE, "other_page", ok_for(NONE, 0, 404)),
    ("patch", PAGE, "own_page", ok_for(EDITORS, 200)),
    ("patch", PAGE, "other_page", ok_for(NONE, 0, 404)),
    ("patch", PAGE, "shared_page", ok_for(NONE, 403)),
    ("get", VERSIONS, "own_page", ok_for(ALL, 200)),
    ("get", VERSIONS, "other_page", ok_for(NONE, 0, 404)),
    ("get", VERSION, "own_version", ok_for(ALL, 200)),
    ("get", VERSION, "other_version", ok_for(NONE, 0, 404)),
    ("post", RESTORE, "own_version", ok_for(EDITORS, 200)),
    ("post", RESTORE, "other_version", ok_for(NONE, 0, 404)),
    ("get", "/api/v1/handbook/templates", None, ok_for(ALL, 200)),
    ("get", FILE, "own_templateversion", ok_for(ALL, 200)),
    ("get", FILE, "other_templateversion", ok_for(NONE, 0, 404)),
]
COVERED_ROUTES = {name for name, *_ in VIEW_MATRIX}
COVERED_API = {(method, path) for method, path, *_ in API_MATRIX}


def objects(key, make_user, other_municipality):
    """URL kwargs: ``own_*`` a private row of the user's municipality, ``other_*`` a private
    row of another, ``shared_*`` another's row shared with the collaboration."""
    if key is None:
        return {}
    side, thing = key.split("_", 1)
    owner = make_user(Role.KONSULENT, None if side == "own" else other_municipality)
    visibility = "collaboration" if side == "shared" else "own"
    if thing in {"page", "version"}:
        page = make_page(owner, visibility=visibility)
        from procesbank.handbook.services import pages

        pages.page_update(user=owner, page=page, lock_version=1, body="Anden udgave")
        return {"page_id": page.pk} | ({"number": 1} if thing == "version" else {})
    template = make_template(owner, visibility=visibility)
    return {"template_id": template.pk} | ({"number": 1} if thing == "templateversion" else {})


def _post_data(name, kwargs):
    if name == "handbook:page_create":
        return {
            "title": "Ny side",
            "section": "times",
            "position": "0",
            "body": "# Tid",
            "visibility": "own",
            "review_interval_months": "12",
        }
    if name == "handbook:page_edit":
        return {
            "title": "Rettet",
            "section": "mapping",
            "position": "0",
            "body": "x",
            "visibility": "own",
            "review_interval_months": "12",
            "lock_version": "2",
        }
    if name in {"handbook:page_reviewed", "handbook:page_restore"}:
        return {"lock_version": "2"}
    if name == "handbook:preview":
        return {"body": "**fed**"}
    return {}


def _files(name):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("plan.docx", docx_bytes())
    if name == "handbook:template_create":
        return {"name": "Ny skabelon", "kind": "charter", "visibility": "own", "file": upload}
    if name == "handbook:template_detail":
        return {"file": upload, "lock_version": "1"}
    return None


def _check(status, expected):
    if expected == 0:
        assert status in {403, 404}
    else:
        assert status == expected


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "method", "key", "statuses"), VIEW_MATRIX)
def test_view_matrix(client, make_user, other_municipality, role, name, method, key, statuses):
    kwargs = objects(key, make_user, other_municipality)
    user = make_user(role)
    if name == "handbook:page_create" and method == "post":
        data = _post_data(name, kwargs) | {"owner": str(user.pk)}
    elif name == "handbook:page_edit" and method == "post" and key == "own_page":
        from procesbank.handbook.models import Page

        data = _post_data(name, kwargs) | {"owner": str(Page.objects.get().owner_id)}
    else:
        data = _files(name) if method == "post" and _files(name) else _post_data(name, kwargs)
    client.force_login(user)

    response = getattr(client, method)(reverse(name, kwargs=kwargs), data)

    _check(response.status_code, statuses[role])


@pytest.mark.parametrize(("name", "method", "key", "statuses"), VIEW_MATRIX)
def test_anonymous_is_sent_to_login(client, db, name, method, key, statuses):
    kwargs = {}
    if key is not None:
        thing = key.split("_", 1)[1]
        kwargs = {"page_id": 1} if thing in {"page", "version"} else {"template_id": 1}
        if thing in {"version", "templateversion"}:
            kwargs["number"] = 1

    response = getattr(client, method)(reverse(name, kwargs=kwargs))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("organisations:login"))


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("method", "path", "key", "statuses"), API_MATRIX)
def test_api_matrix(client, make_user, other_municipality, role, method, path, key, statuses):
    url = path.format(**objects(key, make_user, other_municipality))
    client.force_login(make_user(role))
    bodies = {
        "post": {"title": "Via API", "section": "mining", "body": "# Mining"},
        "patch": {"lock_version": 2, "body": "Rettet via API"},
    }
    body = {"lock_version": 2} if path == RESTORE else bodies.get(method)

    response = getattr(client, method)(url, body, content_type="application/json")

    _check(response.status_code, statuses[role])


@pytest.mark.parametrize(("method", "path", "key", "statuses"), API_MATRIX)
def test_api_refuses_anonymous(client, db, method, path, key, statuses):
    url = path.format(page_id=1, template_id=1, number=1)
    assert getattr(client, method)(url).status_code == 401
