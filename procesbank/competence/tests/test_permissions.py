"""The role matrix of the competence pages: every role x every route x own/other municipality
(and another collaboration, whose rows are never found).

The central completeness test reads ``COVERED_ROUTES`` and ``COVERED_API``.
"""

from __future__ import annotations

import datetime

import pytest
from django.urls import NoReverseMatch, reverse

from procesbank.competence import services
from procesbank.competence.tests import factories
from procesbank.competence.urls import MOVED_TO_PROJECTS
from procesbank.organisations.models import Role
from procesbank.organisations.tests.roles import ADMINS, ALL, NONE, ROLES
from procesbank.organisations.tests.roles import ok_for as _ok_for

SA = {Role.SAMARBEJDSADMIN}


# (url name, method, object key, {role: status})
VIEW_MATRIX = [
    ("competence:competence_overview", "get", None, _ok_for(ALL, 200)),
    ("competence:programme_create", "get", None, _ok_for(SA, 200)),
    ("competence:programme_create", "post", None, _ok_for(SA, 302)),
    ("competence:cohort_create", "get", None, _ok_for(SA, 200)),
    ("competence:cohort_create", "post", None, _ok_for(SA, 302)),
    ("competence:cohort_detail", "get", "cohort", _ok_for(ALL, 200)),
    ("competence:cohort_detail", "get", "foreign_cohort", _ok_for(NONE, 0, 404)),
    ("competence:cohort_seats", "post", "cohort", _ok_for(SA, 302)),
    ("competence:cohort_seats", "post", "foreign_cohort", _ok_for(NONE, 0, 404)),
    ("competence:enrolment_create", "post", "cohort", _ok_for(ADMINS, 302)),
    ("competence:enrolment_create", "post", "foreign_cohort", _ok_for(NONE, 0, 404)),
    ("competence:enrolment_edit", "get", "own_enrolment", _ok_for(ADMINS, 200)),
    ("competence:enrolment_edit", "post", "own_enrolment", _ok_for(ADMINS, 302)),
    ("competence:enrolment_edit", "get", "other_enrolment", _ok_for(SA, 200)),
    ("competence:enrolment_edit", "get", "foreign_enrolment", _ok_for(NONE, 0, 404)),
    ("competence:enrolment_grade", "post", "own_enrolment", _ok_for(SA, 302)),
    ("competence:enrolment_grade", "post", "other_enrolment", _ok_for(SA, 302)),
    ("competence:enrolment_grade", "post", "foreign_enrolment", _ok_for(NONE, 0, 404)),
    ("competence:consultant_list", "get", None, _ok_for(ALL, 200)),
    ("competence:consultant_list", "post", None, _ok_for(ADMINS, 302)),
    ("competence:workshop_list", "get", None, _ok_for(ALL, 200)),
    ("competence:workshop_create", "get", None, _ok_for(SA, 200)),
    ("competence:workshop_create", "post", None, _ok_for(SA, 302)),
    ("competence:workshop_detail", "get", "workshop", _ok_for(ALL, 200)),
    ("competence:workshop_detail", "get", "foreign_workshop", _ok_for(NONE, 0, 404)),
    ("competence:workshop_evaluate", "post", "workshop", _ok_for(ALL, 302)),
    ("competence:workshop_evaluate", "post", "foreign_workshop", _ok_for(NONE, 0, 404)),
    ("competence:action_create", "post", "workshop", _ok_for(SA, 302)),
    ("competence:action_create", "post", "foreign_workshop", _ok_for(NONE, 0, 404)),
    ("competence:action_list", "get", None, _ok_for(ALL, 200)),
    ("competence:action_status", "post", "own_action", _ok_for(ALL, 302)),
    ("competence:action_status", "post", "other_action", _ok_for(SA, 302)),
    ("competence:action_status", "post", "foreign_action", _ok_for(NONE, 0, 404)),
    ("competence:effect_dashboard", "get", None, _ok_for(ALL, 200)),
    ("competence:cohort_xlsx", "get", "cohort", _ok_for(ALL, 200)),
    ("competence:cohort_xlsx", "get", "foreign_cohort", _ok_for(NONE, 0, 404)),
    ("competence:module_handbook_section", "post", "module", _ok_for(SA, 302)),
    ("competence:module_handbook_section", "post", "foreign_module", _ok_for(NONE, 0, 404)),
]
# The old addresses of the anchoring pages, which moved to projects: every role (and anyone
# not logged in) is sent on with 308 to the new address, whose own matrix lives in projects.
MOVED_ROUTES = [
    (f"competence:{name}_moved", f"projects:{name}") for _old, name in MOVED_TO_PROJECTS
]
COVERED_ROUTES = {name for name, *_ in VIEW_MATRIX} | {old for old, _new in MOVED_ROUTES}
# (method, path, object key, {role: status})
API_MATRIX = [
    ("get", "/api/v1/competence/cohorts", None, _ok_for(ALL, 200)),
    ("get", "/api/v1/competence/cohorts/{cohort_id}", "cohort", _ok_for(ALL, 200)),
    ("get", "/api/v1/competence/cohorts/{cohort_id}", "foreign_cohort", _ok_for(NONE, 404, 404)),
    (
        "put",
        "/api/v1/competence/enrolments/{enrolment_id}/grade",
        "own_enrolment",
        _ok_for(SA, 200),
    ),
    (
        "put",
        "/api/v1/competence/enrolments/{enrolment_id}/grade",
        "other_enrolment",
        _ok_for(SA, 200),
    ),
    (
        "put",
        "/api/v1/competence/enrolments/{enrolment_id}/grade",
        "foreign_enrolment",
        _ok_for(NONE, 404, 404),
    ),
    ("get", "/api/v1/competence/actions", None, _ok_for(ALL, 200)),
]
COVERED_API = {(method, path) for method, path, *_ in API_MATRIX}


class World:
    """The rows a matrix row needs, built on first use: a cohort of the test collaboration with
    seats for both municipalities and one enrolment from each, a workshop, and the same in
    another collaboration."""

    def __init__(self, own, other):
        self.own, self.other = own, other
        self._cache = {}

    def __getitem__(self, key):
        if key not in self._cache:
            self._cache[key] = getattr(self, f"_{key}")()
        return self._cache[key]

    def _admin(self):
        return factories.collaboration_admin(self.own)

    def _cohort(self):
        return factories.make_cohort(self["admin"], {self.own: 3, self.other: 2})

    def _own_enrolment(self):
        return factories.enrol(self["cohort"], self.own, "Egen Konsulent")

    def _other_enrolment(self):
        return factories.enrol(self["cohort"], self.other, "Anden Konsulent")

    def _foreign(self):
        return factories.foreign_municipality()

    def _foreign_admin(self):
        return factories.collaboration_admin(self["foreign"])

    def _foreign_cohort(self):
        return factories.make_cohort(self["foreign_admin"], {self["foreign"]: 1}, name="Fremmed")

    def _foreign_enrolment(self):
        return factories.enrol(self["foreign_cohort"], self["foreign"], "Fremmed Konsulent")

    def _workshop(self):
        return factories.make_workshop(self["admin"])

    def _foreign_workshop(self):
        return factories.make_workshop(self["foreign_admin"])

    def _module(self):
        return self["cohort"].programme.modules.first()

    def _foreign_module(self):
        return self["foreign_cohort"].programme.modules.first()

    def _other_user(self):
        return factories.municipal_admin(self.other)


@pytest.fixture
def world(own_municipality, other_municipality):
    return World(own_municipality, other_municipality)


def _kwargs(key, user, world):
    if key is None:
        return {}
    if key.endswith("cohort"):
        return {"cohort_id": world[key].pk}
    if key.endswith("enrolment"):
        return {"enrolment_id": world[key].pk}
    if key.endswith("workshop"):
        return {"workshop_id": world[key].pk}
    if key.endswith("module"):
        return {"module_id": world[key].pk}
    foreign = key == "foreign_action"
    owner = {"own_action": user, "other_action": world["other_user"]}.get(key)
    action = services.action_create(
        user=world["foreign_admin" if foreign else "admin"],
        workshop=world["foreign_workshop" if foreign else "workshop"],
        title="Handling",
        owner=owner or world["foreign_admin"],
        deadline=datetime.date(2026, 1, 1),
    )
    return {"action_id": action.pk}


def _post_data(name, world, other_municipality):
    data = {
        "competence:programme_create": {"name": "Nyt", "supplier": "Lev", "modules": "A\nB"},
        "competence:cohort_create": lambda: {
            "programme": world["cohort"].programme_id,
            "name": "Hold 2",
            "start_date": "2026-01-01",
            "end_date": "2026-02-01",
            "price": "1000",
        },
        "competence:cohort_seats": {"municipality": other_municipality.pk, "seats": 4},
        "competence:enrolment_create": {"new_name": "Ny Person"},
        "competence:enrolment_edit": {"assignment_title": "Opgave"},
        "competence:enrolment_grade": {"grade": "7"},
        "competence:consultant_list": {"name": "Ny Konsulent"},
        "competence:workshop_create": {"title": "Ny", "held_on": "2026-03-01"},
        "competence:workshop_evaluate": {"usefulness": 4, "relevance": 5, "organisation": 3},
        "competence:action_create": lambda: {
            "title": "Gør noget",
            "owner": world["admin"].pk,
            "deadline": "2026-05-01",
        },
        "competence:action_status": {"status": "faerdig"},
        "competence:module_handbook_section": {"handbook_section": "benefits"},
    }.get(name, {})
    return data() if callable(data) else data


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "method", "key", "statuses"), VIEW_MATRIX)
def test_view_matrix(
    client, make_user, other_municipality, world, role, name, method, key, statuses
):
    user = make_user(role)
    client.force_login(user)
    url = reverse(name, kwargs=_kwargs(key, user, world))

    response = getattr(client, method)(url, _post_data(name, world, other_municipality))

    expected = statuses[role]
    if expected == 0:
        assert response.status_code in {403, 404}
    else:
        assert response.status_code == expected


@pytest.mark.parametrize(("name", "method", "key", "statuses"), VIEW_MATRIX)
def test_anonymous_is_sent_to_login(client, db, name, method, key, statuses):
    kwargs = {
        "cohort": {"cohort_id": 1},
        "enrolment": {"enrolment_id": 1},
        "workshop": {"workshop_id": 1},
        "action": {"action_id": 1},
        "module": {"module_id": 1},
    }
    needed = kwargs[key.split("_")[-1]] if key else {}
    url = reverse(name, kwargs=needed)

    response = getattr(client, method)(url)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("organisations:login"))


def _api_url(path, key, world):
    if key is None:
        return path
    field = "cohort_id" if key.endswith("cohort") else "enrolment_id"
    return path.format(**{field: world[key].pk})


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("method", "path", "key", "statuses"), API_MATRIX)
def test_api_matrix(client, make_user, world, role, method, path, key, statuses):
    client.force_login(make_user(role))
    url = _api_url(path, key, world)

    if method == "put":
        response = client.put(url, {"grade": "02"}, content_type="application/json")
    else:
        response = client.get(url)

    assert response.status_code == statuses[role]


@pytest.mark.parametrize(("method", "path", "key", "statuses"), API_MATRIX)
def test_api_refuses_anonymous(client, db, method, path, key, statuses):
    url = path.format(cohort_id=1, enrolment_id=1)

    assert getattr(client, method)(url).status_code == 401


def _moved_kwargs(name):
    """Arguments for a moved route: any number will do, the redirect does not look them up."""
    for field in ("project_id", "stakeholder_id", "item_id"):
        try:
            reverse(name, kwargs={field: 7})
        except NoReverseMatch:
            continue
        return {field: 7}
    return {}


@pytest.mark.parametrize("role", [None, *ROLES])
@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize(("old", "new"), MOVED_ROUTES)
def test_moved_anchoring_routes_redirect_to_projects(client, make_user, role, method, old, new):
    if role is not None:
        client.force_login(make_user(role))
    kwargs = _moved_kwargs(new)

    response = getattr(client, method)(reverse(old, kwargs=kwargs))

    assert response.status_code == 308
    assert response["Location"] == reverse(new, kwargs=kwargs)


def test_moved_route_keeps_the_query_string(client, db):
    response = client.get(reverse("competence:anchoring_list_moved") + "?side=2")

    assert response["Location"] == "/projekter/forankring/?side=2"
