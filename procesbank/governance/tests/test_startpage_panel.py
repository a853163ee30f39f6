"""The start page's review panel: the reviewer sees the version waiting for them, the owner
the review that falls due; another municipality's reviewer-to-be sees neither."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from procesbank.governance import services
from procesbank.governance.tests.conftest import publish
from procesbank.organisations.models import Role

pytestmark = pytest.mark.django_db


def _home(client, user):
    client.force_login(user)
    response = client.get(reverse("web:home"))
    assert response.status_code == 200
    return response.content.decode()


def test_the_reviewer_sees_the_version_waiting_for_them(
    client, version, konsulent, reviewer, make_user, other_municipality
):
    services.review_submit(user=konsulent, version=version, reviewers=[reviewer])
    link = reverse("governance:version_review", args=[version.pk])

    assert link in _home(client, reviewer)
    stranger = make_user(Role.KOMMUNEADMIN, other_municipality)
    assert link not in _home(client, stranger)


def test_the_owner_sees_a_review_that_falls_due(client, version, konsulent, reviewer, owner):
    publish(
        version,
        konsulent=konsulent,
        reviewer=reviewer,
        owner=owner,
        next_review_on=timezone.localdate() + datetime.timedelta(days=10),
    )

    content = _home(client, owner)

    assert 'data-testid="reviews-due"' in content
    assert reverse("governance:version_review", args=[version.pk]) in content
