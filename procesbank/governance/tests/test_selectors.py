"""Reads of the workflow: the reader's awaiting steps, due reviews, and that another
municipality sees nothing of a review."""

from __future__ import annotations

import datetime

import pytest
from django.http import Http404

from procesbank.governance import selectors, services
from procesbank.governance.tests.conftest import TODAY, fresh, publish
from procesbank.organisations.models import Role
from procesbank.processes import services as process_services

pytestmark = pytest.mark.django_db


def _ids(queryset):
    return [v.pk for v in queryset]


def test_reviews_awaiting_follows_whose_step_it_is(version, konsulent, reviewer, owner):
    services.review_submit(user=konsulent, version=version, reviewers=[reviewer])

    assert _ids(selectors.reviews_awaiting(reviewer)) == [version.pk]
    assert _ids(selectors.reviews_awaiting(owner)) == []  # the reviewer is not done yet
    services.review_mark_done(user=reviewer, version=fresh(version))
    assert _ids(selectors.reviews_awaiting(reviewer)) == []
    assert _ids(selectors.reviews_awaiting(owner)) == [version.pk]
    services.review_approve(user=owner, version=fresh(version))
    assert _ids(selectors.reviews_awaiting(owner)) == [version.pk]  # to publish
    assert _ids(selectors.reviews_awaiting(konsulent)) == []


def test_reviews_awaiting_falls_back_to_admins_without_owner(
    process, version, konsulent, reviewer, admin
):
    process_services.process_update(
        user=konsulent, process=process, lock_version=process.lock_version, owner_user=None
    )
    services.review_submit(user=konsulent, version=fresh(version), reviewers=[reviewer])
    services.review_mark_done(user=reviewer, version=fresh(version))

    assert _ids(selectors.reviews_awaiting(admin)) == [version.pk]


def test_reviews_awaiting_shows_another_municipality_nothing(
    version, konsulent, reviewer, make_user, other_municipality
):
    services.review_submit(user=konsulent, version=version, reviewers=[reviewer])
    services.review_mark_done(user=reviewer, version=fresh(version))
    other_admin = make_user(Role.KOMMUNEADMIN, other_municipality)

    assert _ids(selectors.reviews_awaiting(other_admin)) == []


def test_reviews_due_within_30_days_or_past(version, konsulent, reviewer, owner):
    # Published with the next review 30 days after TODAY: due (the edge counts); 31: not yet.
    publish(
        version,
        konsulent=konsulent,
        reviewer=reviewer,
        owner=owner,
        next_review_on=TODAY + datetime.timedelta(days=30),
    )

    assert _ids(selectors.reviews_due(owner, today=TODAY)) == [version.pk]
    assert _ids(selectors.reviews_due(owner, today=TODAY - datetime.timedelta(days=1))) == []
    assert _ids(selectors.reviews_due(konsulent, today=TODAY)) == []


def test_reviews_due_shows_another_municipality_nothing(
    version, konsulent, reviewer, owner, make_user, other_municipality
):
    publish(version, konsulent=konsulent, reviewer=reviewer, owner=owner)
    stranger = make_user(Role.KONSULENT, other_municipality)

    assert _ids(selectors.reviews_due(stranger, today=TODAY + datetime.timedelta(days=400))) == []


def test_review_page_of_another_municipality_is_404_even_when_shared(
    process, version, konsulent, other_konsulent
):
    process_services.process_update(
        user=konsulent, process=process, lock_version=process.lock_version, visibility="public"
    )

    with pytest.raises(Http404):
        selectors.access_review_version(user=other_konsulent, version_id=version.pk)
    assert selectors.access_review_version(user=konsulent, version_id=version.pk) == version


def test_comments_reviewers_and_review_are_the_own_municipalitys(
    version, konsulent, reviewer, other_konsulent
):
    services.review_submit(user=konsulent, version=version, reviewers=[reviewer])
    services.review_comment_add(user=reviewer, version=fresh(version), text="Ok", element_id="T1")

    assert [
        row.element_name for row in selectors.comment_list(user=konsulent, version=version)
    ] == ["Registrér ansøgning"]
    assert selectors.comment_list(user=other_konsulent, version=version) == []
    assert selectors.reviewer_list(user=other_konsulent, version=version) == []
    assert selectors.review_of(user=other_konsulent, version=version) is None
    assert [a.user for a in selectors.reviewer_list(user=konsulent, version=version)] == [reviewer]
    assert selectors.review_of(user=konsulent, version=version) is not None


def test_reviewer_choices_are_own_library_users(konsulent, reviewer, make_user, other_municipality):
    make_user(Role.MEDARBEJDER, username="medarbejder.helsingoer")
    make_user(Role.LAESER, other_municipality)

    names = set(selectors.reviewer_choices(user=konsulent).values_list("username", flat=True))

    assert names == {"konsulent.helsingoer", "laeser.helsingoer"}


def test_checklist_labels_in_danish(version):
    rows = selectors.version_checklist(version=version)

    assert [(row.label, row.item.ok) for row in rows][-2:] == [
        ("Processen har en beskrivelse", True),
        ("Processen har en procesejer (en person)", True),
    ]


def test_is_approver_is_the_owner_or_without_one_an_own_admin(
    process, konsulent, owner, admin, make_user, other_municipality
):
    other_admin = make_user(Role.KOMMUNEADMIN, other_municipality)

    assert selectors.is_approver(user=owner, process=process)
    assert not selectors.is_approver(user=admin, process=process)
    process_services.process_update(
        user=konsulent, process=process, lock_version=process.lock_version, owner_user=None
    )
    process.refresh_from_db()
    assert selectors.is_approver(user=admin, process=process)
    assert not selectors.is_approver(user=other_admin, process=process)
