"""The role matrix of the staff portal (read by organisations' completeness test through
COVERED_ROUTES): every role reads the own municipality's published processes; another
municipality's are never found, shared or not. The medarbejder role: test_portal.py."""

from __future__ import annotations

import pytest
from django.urls import reverse

from procesbank.organisations.models import Role
from procesbank.organisations.tests.roles import ALL, NONE, ROLES, ok_for
from procesbank.processes import services as process_services
from procesbank.processes.models import ProcessVersion, VersionState
from procesbank.processes.tests.conftest import two_task_bpmn

pytestmark = pytest.mark.django_db

VIEW_MATRIX = [
    ("portal:index", "get", None, ok_for(ALL, 200)),
    ("portal:process", "get", "own", ok_for(ALL, 200)),
    ("portal:process", "get", "other", ok_for(NONE, 0, 404)),
    ("portal:process", "get", "own_draft", ok_for(NONE, 0, 404)),
    ("portal:print", "get", "own", ok_for(ALL, 200)),
    ("portal:print", "get", "other", ok_for(NONE, 0, 404)),
    ("portal:bpmn", "get", "own", ok_for(ALL, 200)),
    ("portal:bpmn", "get", "other", ok_for(NONE, 0, 404)),
]
COVERED_ROUTES = {name for name, *_ in VIEW_MATRIX}


def _args(key, make_user, other_municipality):
    if key is None:
        return []
    municipality = other_municipality if key == "other" else None
    author = make_user(Role.KONSULENT, municipality)
    process = process_services.process_create(
        user=author, name="Enkeltydelse", bpmn_xml=two_task_bpmn(), visibility="public"
    )
    if key != "own_draft":
        # Published directly: the workflow itself is tested in governance.
        ProcessVersion.objects.filter(process=process).update(state=VersionState.PUBLISHED)
    return [process.municipality.slug, process.pk]


def _check(status, expected):
    if expected == 0:
        assert status in {403, 404}
    else:
        assert status == expected


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "method", "key", "statuses"), VIEW_MATRIX)
def test_view_matrix(client, make_user, other_municipality, role, name, method, key, statuses):
    args = _args(key, make_user, other_municipality)
    client.force_login(make_user(role))

    response = getattr(client, method)(reverse(name, args=args))

    _check(response.status_code, statuses[role])


@pytest.mark.parametrize(("name", "method", "key", "statuses"), VIEW_MATRIX)
def test_anonymous_is_sent_to_login(client, db, name, method, key, statuses):
    args = [] if key is None else ["helsingoer", 1]

    response = getattr(client, method)(reverse(name, args=args))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("organisations:login"))
