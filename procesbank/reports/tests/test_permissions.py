"""The role matrix of the documentation reports (read by organisations' completeness test
through COVERED_ROUTES): every role may download a report of what it may read; another
municipality's private process is not found."""

from __future__ import annotations

import pytest
from django.urls import reverse

from procesbank.organisations.tests.roles import ALL, NONE, ROLES, ok_for
from procesbank.organisations.tests.test_permissions import _kwargs

VIEW_MATRIX = [
    ("reports:selection", "get", None, ok_for(ALL, 200)),
    # A readable version's link starts the report's job and goes on to its page.
    ("reports:version_pdf", "post", "own_version", ok_for(ALL, 302)),
    ("reports:version_pdf", "post", "shared_version", ok_for(ALL, 302)),
    ("reports:version_pdf", "post", "private_version", ok_for(NONE, 0, 404)),
    ("reports:version_docx", "post", "shared_version", ok_for(ALL, 302)),
    ("reports:version_docx", "post", "private_version", ok_for(NONE, 0, 404)),
]
# The job page and its download: only the user who asked (test_report_job.py).
COVERED_ROUTES = {name for name, *_ in VIEW_MATRIX} | {"reports:job", "reports:job_download"}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "method", "key", "statuses"), VIEW_MATRIX)
def test_view_matrix(client, make_user, other_municipality, role, name, method, key, statuses):
    user = make_user(role)
    client.force_login(user)
    url = reverse(name, kwargs=_kwargs(key, user, other_municipality, make_user))

    response = getattr(client, method)(url)

    assert response.status_code == statuses[role]


@pytest.mark.parametrize(("name", "method", "key", "statuses"), VIEW_MATRIX)
def test_anonymous_is_sent_to_login(client, db, name, method, key, statuses):
    kwargs = {"version_id": 1} if key else {}

    response = getattr(client, method)(reverse(name, kwargs=kwargs))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("organisations:login"))
