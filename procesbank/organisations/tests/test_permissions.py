"""The role matrix: every role x every view and endpoint x own/other municipality.

Each route of the site and each API operation must appear in the tables below; a new route
without an entry fails ``test_every_route_is_in_the_matrix``.
"""

from __future__ import annotations

from importlib import import_module

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from procesbank.api import api
from procesbank.jobs.models import Job
from procesbank.organisations.models import ApiToken, OrganisationalUnit, Role
from procesbank.organisations.permissions import Action, assignable_roles, can
from procesbank.organisations.tests.factories import PASSWORD
from procesbank.organisations.tests.roles import ADMINS, ALL, EDITORS, NONE, ROLES
from procesbank.organisations.tests.roles import ok_for as _ok_for

# action -> (roles allowed in own municipality, roles allowed in another municipality)
EXPECTED = {
    Action.VIEW: (set(ROLES), set()),
    # Readers too, and on another municipality's objects they may read (comments, follows).
    Action.PARTICIPATE: (set(ROLES), set(ROLES)),
    Action.EDIT: ({Role.KONSULENT, Role.KOMMUNEADMIN, Role.SAMARBEJDSADMIN}, set()),
    Action.MANAGE_USERS: (ADMINS, set()),
    Action.ADMINISTER_MUNICIPALITY: (ADMINS, set()),
    Action.VIEW_AUDIT: (ADMINS, {Role.SAMARBEJDSADMIN}),
    Action.ADMINISTER_COLLABORATION: ({Role.SAMARBEJDSADMIN}, {Role.SAMARBEJDSADMIN}),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(Action))
def test_can_follows_the_role_table(make_user, other_municipality, role, action):
    user = make_user(role)
    allowed_own, allowed_other = EXPECTED[action]

    assert can(user, action) is (role in allowed_own)
    assert can(user, action, user.municipality) is (role in allowed_own)
    assert can(user, action, other_municipality) is (role in allowed_other)


def test_inactive_user_may_do_nothing(make_user):
    user = make_user(Role.SAMARBEJDSADMIN, is_active=False)

    assert not any(can(user, action) for action in Action)


def test_assignable_roles_never_exceed_own_role(make_user):
    assert assignable_roles(make_user(Role.KONSULENT)) == []
    assert Role.SAMARBEJDSADMIN not in assignable_roles(make_user(Role.KOMMUNEADMIN))
    assert Role.SAMARBEJDSADMIN in assignable_roles(make_user(Role.SAMARBEJDSADMIN))


# --- Every view: (url name, method, url kwargs factory key, {role: status}) ---------------------
VIEW_MATRIX = [
    ("web:home", "get", None, _ok_for(ALL, 200)),
    ("organisations:municipality_list", "get", None, _ok_for(ALL, 200)),
    ("organisations:user_list", "get", None, _ok_for(ADMINS, 200)),
    ("organisations:user_list", "post", None, _ok_for(ADMINS, 302)),
    ("organisations:user_update", "post", "own_user", _ok_for(ADMINS, 302)),
    (
        "organisations:user_update",
        "post",
        "other_user",
        _ok_for(set(), 0) | {r: 404 for r in ADMINS},
    ),
    ("organisations:audit_log", "get", None, _ok_for(ADMINS, 200)),
    ("organisations:profile", "get", None, _ok_for(ALL, 200)),
    ("organisations:profile", "post", None, _ok_for(ALL, 302)),
    ("organisations:person_list", "get", None, _ok_for(ADMINS, 200)),
    ("organisations:person_edit", "get", "own_person", _ok_for(ADMINS, 200)),
    ("organisations:person_edit", "post", "own_person", _ok_for(ADMINS, 302)),
    # Another municipality's person: not found for its admin; the collaboration admin sees
    # them in the list but may not edit them (403), like the other roles.
    ("organisations:person_edit", "get", "other_person", _ok_for({Role.KOMMUNEADMIN}, 404)),
    ("organisations:person_edit", "post", "other_person", _ok_for({Role.KOMMUNEADMIN}, 404)),
    ("organisations:unit_tree", "get", None, _ok_for(ADMINS, 200)),
    ("organisations:unit_tree", "post", None, _ok_for(ADMINS, 302)),
    ("organisations:unit_edit", "get", "own_unit", _ok_for(ADMINS, 200)),
    ("organisations:unit_edit", "post", "own_unit", _ok_for(ADMINS, 302)),
    ("organisations:unit_edit", "get", "other_unit", _ok_for(ADMINS, 404)),
    ("organisations:unit_delete", "post", "own_unit", _ok_for(ADMINS, 302)),
    ("organisations:unit_delete", "post", "other_unit", _ok_for(ADMINS, 404)),
    ("organisations:unit_import", "get", None, _ok_for(ADMINS, 200)),
    ("organisations:unit_import_save", "post", None, _ok_for(ADMINS, 302)),
    ("organisations:accessibility_statement_edit", "get", None, _ok_for(ADMINS, 200)),
    ("organisations:accessibility_statement_edit", "post", None, _ok_for(ADMINS, 302)),
    ("organisations:api_tokens", "get", None, _ok_for(ALL, 200)),
    ("organisations:api_token_revoke", "post", "own_token", _ok_for(ALL, 302)),
    ("organisations:api_token_revoke", "post", "other_token", _ok_for(set(), 0)),
    ("jobs:job_status", "get", "own_job", _ok_for(ALL, 200)),
    ("jobs:job_status", "get", "other_job", _ok_for(set(), 0, 404)),
    ("organisations:password_change", "get", None, _ok_for(ALL, 200)),
    ("organisations:password_change_done", "get", None, _ok_for(ALL, 200)),
    ("organisations:logout", "post", None, _ok_for(ALL, 302)),
    ("processes:process_list", "get", None, _ok_for(ALL, 200)),
    # The search page's all-municipality count, loaded after the page (htmx).
    ("processes:process_scope", "get", None, _ok_for(ALL, 200)),
    ("processes:process_create", "get", None, _ok_for(EDITORS, 200)),
    ("processes:process_create", "post", None, _ok_for(EDITORS, 302)),
    ("processes:process_import", "get", None, _ok_for(EDITORS, 200)),
    ("processes:process_import_name", "post", None, _ok_for(EDITORS, 200)),
    ("processes:process_import_job", "get", "own_job", _ok_for(ALL, 200)),
    ("processes:process_import_job", "get", "other_job", _ok_for(set(), 0, 404)),
    ("processes:process_detail", "get", "own_process", _ok_for(ALL, 200)),
    ("processes:process_detail", "get", "shared_process", _ok_for(ALL, 200)),
    ("processes:process_detail", "get", "private_process", _ok_for(NONE, 0, 404)),
    ("processes:process_edit", "get", "own_process", _ok_for(EDITORS, 200)),
    ("processes:process_edit", "get", "shared_process", _ok_for(NONE, 0)),
    ("processes:process_edit", "get", "private_process", _ok_for(NONE, 0, 404)),
    ("processes:process_delete", "post", "own_process", _ok_for(EDITORS, 302)),
    ("processes:process_delete", "post", "shared_process", _ok_for(NONE, 0)),
    ("processes:version_modeler", "get", "own_version", _ok_for(EDITORS, 200)),
    ("processes:version_modeler", "get", "shared_version", _ok_for(NONE, 0)),
    ("processes:version_save", "post", "own_version", _ok_for(EDITORS, 422)),
    ("processes:version_save", "post", "shared_version", _ok_for(NONE, 0)),
    ("processes:version_calculate", "post", "own_version", _ok_for(EDITORS, 200)),
    ("processes:version_calculate", "post", "private_version", _ok_for(NONE, 0, 404)),
    ("processes:version_bpmn", "get", "shared_version", _ok_for(ALL, 200)),
    ("processes:version_bpmn", "get", "private_version", _ok_for(NONE, 0, 404)),
    ("processes:version_xlsx", "get", "own_version", _ok_for(ALL, 200)),
    ("processes:version_xlsx", "get", "private_version", _ok_for(NONE, 0, 404)),
    ("processes:version_copy", "post", "own_version", _ok_for(EDITORS, 302)),
    ("processes:version_copy", "post", "shared_version", _ok_for(NONE, 0)),
    ("processes:version_restore", "post", "own_version", _ok_for(EDITORS, 302)),
    ("processes:version_delete", "post", "own_version", _ok_for(EDITORS, 302)),
    ("processes:version_delete", "post", "shared_version", _ok_for(NONE, 0)),
    ("processes:rate_settings", "get", None, _ok_for(ADMINS, 200)),
    ("processes:rate_settings", "post", None, _ok_for(ADMINS, 302)),
    ("processes:role_rate_delete", "post", "own_rate", _ok_for(ADMINS, 302)),
    ("processes:role_rate_delete", "post", "other_rate", _ok_for(NONE, 0)),
]
# Routes anyone may open, logged in or not.
PUBLIC_ROUTES = {
    "organisations:login",
    "organisations:password_reset",
    "organisations:password_reset_done",
    "organisations:password_reset_confirm",
    "organisations:password_reset_complete",
    "web:healthz",
    "web:accessibility",
    "set_language",
    # The header's language switch: stores the choice on a logged-in user, a cookie for all.
    "organisations:language_set",
}


def _kwargs(key, user, other_municipality, make_user):
    if key is None:
        return {}
    if key == "own_user":
        return {"user_id": make_user(Role.LAESER).pk}
    if key == "other_user":
        return {"user_id": make_user(Role.LAESER, other_municipality).pk}
    if key == "own_person":
        return {"person_id": make_user(Role.LAESER).pk}
    if key == "other_person":
        return {"person_id": make_user(Role.LAESER, other_municipality).pk}
    if key in {"own_unit", "other_unit"}:
        municipality = user.municipality if key == "own_unit" else other_municipality
        unit = OrganisationalUnit.objects.create(municipality=municipality, name="Team Matrix")
        return {"unit_id": unit.pk}
    if key == "own_token":
        return {
            "token_id": ApiToken.objects.create(
                user=user, name="t", prefix="p", token_hash=f"own{user.pk}"
            ).pk
        }
    if key == "other_token":
        other = make_user(Role.KONSULENT, other_municipality)
        return {
            "token_id": ApiToken.objects.create(
                user=other, name="t", prefix="p", token_hash="other"
            ).pk
        }
    if key.endswith(("_process", "_version")):
        return _process_kwargs(key, user, other_municipality, make_user)
    if key in {"own_rate", "other_rate"}:
        from procesbank.processes.models import RoleRate

        municipality = user.municipality if key == "own_rate" else other_municipality
        return {
            "rate_id": RoleRate.objects.create(
                municipality=municipality, role="Rolle", hourly_rate=400
            ).pk
        }
    if key == "own_job":
        return {"job_id": Job.objects.create(municipality=user.municipality, title="Import").pk}
    if key == "other_job":
        return {"job_id": Job.objects.create(municipality=other_municipality, title="Import").pk}
    raise AssertionError(key)


def _process_kwargs(key, user, other_municipality, make_user):
    from procesbank.processes import services

    owner = {
        "own": make_user(Role.KONSULENT),
        "shared": make_user(Role.KONSULENT, other_municipality),
        "private": make_user(Role.KONSULENT, other_municipality),
    }[key.split("_")[0]]
    visibility = "collaboration" if key.startswith("shared") else "own"
    process = services.process_create(user=owner, name=f"Proces {key}", visibility=visibility)
    if key.endswith("_process"):
        return {"process_id": process.pk}
    return {"version_id": process.versions.get().pk}


_POST_DATA = {
    "organisations:user_list": {"username": "ny.bruger", "role": Role.LAESER, "password": PASSWORD},
    "organisations:user_update": {"role": Role.KONSULENT, "is_active": "on"},
    "organisations:profile": {"first_name": "Karin", "last_name": "Lund", "language": "da"},
    "organisations:person_edit": {"first_name": "Ole", "language": "da"},
    "organisations:unit_tree": {"name": "Team Ny", "kind": "team"},
    "organisations:unit_edit": {"name": "Team Omdøbt", "kind": "team"},
    "processes:process_create": {
        "name": "Ny proces",
        "phase": "kortlagt",
        "visibility": "own",
        "yearly_volume": 5,
    },
    "processes:version_copy": {"label": "Skal-være"},
    "processes:version_restore": {"number": 1, "base_revision": 1},
    "processes:rate_settings": {"rate": "1", "role": "Sagsbehandler", "hourly_rate": "455"},
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "method", "key", "statuses"), VIEW_MATRIX)
def test_view_matrix(client, make_user, other_municipality, role, name, method, key, statuses):
    user = make_user(role)
    client.force_login(user)
    url = reverse(name, kwargs=_kwargs(key, user, other_municipality, make_user))

    response = getattr(client, method)(url, _POST_DATA.get(name, {}))

    expected = statuses[role]
    if expected == 0:  # refused either way: 403 (no right at all) or 404 (not among own rows)
        assert response.status_code in {403, 404}
    else:
        assert response.status_code == expected


@pytest.mark.parametrize(
    ("name", "method", "key", "statuses"),
    [row for row in VIEW_MATRIX if row[0] != "organisations:logout"],
)
def test_anonymous_is_sent_to_login(client, db, name, method, key, statuses):
    kwargs = {
        "user_id": 1,
        "token_id": 1,
        "job_id": "00000000-0000-0000-0000-000000000000",
        "process_id": 1,
        "version_id": 1,
        "rate_id": 1,
        "person_id": 1,
        "unit_id": 1,
    }
    needed = {k: v for k, v in kwargs.items() if key and k.split("_")[0] in key}
    url = reverse(name, kwargs=needed)

    response = getattr(client, method)(url)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("organisations:login"))


def _route_names(resolver: URLResolver, prefix: str = "") -> set[str]:
    names: set[str] = set()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "api":
                continue  # the API has its own matrix below
            inner = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
            names |= _route_names(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{prefix}{pattern.name}")
    return names


def _covered_by_other_apps(attribute: str) -> set:
    """Apps after processes keep their own matrix in ``<app>/tests/test_permissions.py`` and
    declare there which routes (``COVERED_ROUTES``) and API operations (``COVERED_API``, pairs
    of method and path) it covers."""
    covered: set = set()
    for config in apps.get_app_configs():
        if not config.name.startswith("procesbank.") or config.name == "procesbank.organisations":
            continue
        try:
            module = import_module(f"{config.name}.tests.test_permissions")
        except ModuleNotFoundError:
            continue
        covered |= set(getattr(module, attribute, ()))
    return covered


def test_every_route_is_in_the_matrix():
    covered = (
        {name for name, *_ in VIEW_MATRIX}
        | PUBLIC_ROUTES
        | _covered_by_other_apps("COVERED_ROUTES")
    )

    assert _route_names(get_resolver()) == covered


# --- Every API operation --------------------------------------------------------------------
API_MATRIX = [
    ("get", "/api/v1/me", _ok_for(ALL, 200)),
    ("get", "/api/v1/municipalities", _ok_for(ALL, 200)),
    ("get", "/api/v1/processes", _ok_for(ALL, 200)),
    ("post", "/api/v1/processes", _ok_for(EDITORS, 201)),
    ("post", "/api/v1/processes/import", _ok_for(EDITORS, 201)),
    ("get", "/api/v1/processes/{process_id}", _ok_for(ALL, 200)),
    ("patch", "/api/v1/processes/{process_id}", _ok_for(EDITORS, 200)),
    ("delete", "/api/v1/processes/{process_id}", _ok_for(EDITORS, 204)),
    ("get", "/api/v1/processes/{process_id}/bpmn", _ok_for(ALL, 200)),
    ("put", "/api/v1/processes/{process_id}/tasks/{task_id}/measurements", _ok_for(EDITORS, 200)),
]
# The same operations on another municipality's unshared process: never found.
API_OTHER_MUNICIPALITY = [row for row in API_MATRIX if "{process_id}" in row[1]]


def test_every_api_operation_is_in_the_matrix():
    schema = api.get_openapi_schema()
    operations = {(method, path) for path, item in schema["paths"].items() for method in item}

    covered = {(method, path) for method, path, _ in API_MATRIX} | _covered_by_other_apps(
        "COVERED_API"
    )
    assert operations == covered


def _api_call(client, method, path, process_id):
    from procesbank.processes.tests.conftest import MIWG

    url = path.format(process_id=process_id, task_id="T1")
    if path.endswith("/import"):
        with open(MIWG / "A.1.0.bpmn", "rb") as handle:
            return client.post(url, {"file": handle})
    from procesbank.processes.models import ProcessVersion

    version = ProcessVersion.objects.filter(process_id=process_id).order_by("pk").first()
    revision = version.revision if version else 1
    payloads = {
        "post": {"name": "Via API"},
        "patch": {"lock_version": 1, "yearly_volume": 7},
        "put": {"lock_version": revision, "minutes_min": 1, "minutes_likely": 2, "minutes_max": 3},
    }
    if method in payloads:
        return getattr(client, method)(url, payloads[method], content_type="application/json")
    return getattr(client, method)(url)


def _api_process(owner):
    from procesbank.processes import services
    from procesbank.processes.tests.conftest import two_task_bpmn

    return services.process_create(user=owner, name="API-proces", bpmn_xml=two_task_bpmn()).pk


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("method", "path", "statuses"), API_MATRIX)
def test_api_matrix(client, make_user, role, method, path, statuses):
    process_id = _api_process(make_user(Role.KONSULENT))
    client.force_login(make_user(role))

    assert _api_call(client, method, path, process_id).status_code == statuses[role]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("method", "path", "statuses"), API_OTHER_MUNICIPALITY)
def test_api_hides_other_municipalitys_private_process(
    client, make_user, other_municipality, role, method, path, statuses
):
    process_id = _api_process(make_user(Role.KONSULENT, other_municipality))
    client.force_login(make_user(role))

    assert _api_call(client, method, path, process_id).status_code == 404


@pytest.mark.parametrize(("method", "path", "statuses"), API_MATRIX)
def test_api_refuses_anonymous(client, db, method, path, statuses):
    assert _api_call(client, method, path, 1).status_code == 401
