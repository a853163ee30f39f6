"""The role matrix of notifications: every role reads and marks its own; another user's
notification is a 404 (read by organisations' completeness test)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from procesbank.notifications.services import notify
from procesbank.organisations.models import Role
from procesbank.organisations.tests.roles import ALL, NONE, ROLES, ok_for

VIEW_MATRIX = [
    ("notifications:notification_list", "get", None, ok_for(ALL, 200)),
    ("notifications:notification_open", "get", "own", ok_for(ALL, 302)),
    ("notifications:notification_open", "get", "other", ok_for(NONE, 0, 404)),
    ("notifications:notification_read", "post", "own", ok_for(ALL, 302)),
    ("notifications:notification_read", "post", "other", ok_for(NONE, 0, 404)),
    ("notifications:notification_read_all", "post", None, ok_for(ALL, 302)),
    ("notifications:notification_settings", "get", None, ok_for(ALL, 200)),
    ("notifications:notification_settings", "post", None, ok_for(ALL, 302)),
]
API_MATRIX = [
    ("get", "/api/v1/notifications", None, ok_for(ALL, 200)),
    ("post", "/api/v1/notifications/{notification_id}/read", "own", ok_for(ALL, 200)),
    ("post", "/api/v1/notifications/{notification_id}/read", "other", ok_for(NONE, 0, 404)),
    ("post", "/api/v1/notifications/read", None, ok_for(ALL, 200)),
]
COVERED_ROUTES = {name for name, *_ in VIEW_MATRIX}
COVERED_API = {(method, path) for method, path, *_ in API_MATRIX}


def _kwargs(key, user, make_user):
    if key is None:
        return {}
    recipient = user if key == "own" else make_user(Role.KONSULENT, username="en.anden")
    (notification,) = notify(recipients=[recipient], kind="test", message="Hej", url="/")
    return {"notification_id": notification.pk}


def _check(status: int, expected: int) -> None:
    assert status in {403, 404} if expected == 0 else status == expected


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "method", "key", "statuses"), VIEW_MATRIX)
def test_view_matrix(client, make_user, role, name, method, key, statuses):
    user = make_user(role)
    url = reverse(name, kwargs=_kwargs(key, user, make_user))
    client.force_login(user)

    response = getattr(client, method)(url)

    _check(response.status_code, statuses[role])


@pytest.mark.parametrize(("name", "method", "key", "statuses"), VIEW_MATRIX)
def test_anonymous_is_sent_to_login(client, db, name, method, key, statuses):
    url = reverse(name, kwargs={"notification_id": 1} if key else {})

    response = getattr(client, method)(url)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("organisations:login"))


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("method", "path", "key", "statuses"), API_MATRIX)
def test_api_matrix(client, make_user, role, method, path, key, statuses):
    user = make_user(role)
    url = path.format(**_kwargs(key, user, make_user))
    client.force_login(user)

    response = getattr(client, method)(url)

    _check(response.status_code, statuses[role])
