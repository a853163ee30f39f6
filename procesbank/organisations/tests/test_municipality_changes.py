"""``municipality_changes``: the own municipality's latest audit entries after a moment, for the
start page; never another municipality's, and the administration's only for those who may
read the log."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from procesbank.organisations import selectors
from procesbank.organisations.audit import audit_record
from procesbank.organisations.models import AuditEntry, Role
from procesbank.projects.models import Project

pytestmark = pytest.mark.django_db


def _project(user, name="Digital ansøgning"):
    return Project.objects.create(municipality=user.municipality, name=name)


def _entry(user, instance, at=None):
    entry = audit_record(
        user=user, action="update", instance=instance, municipality=user.municipality
    )
    if at is not None:
        AuditEntry.objects.filter(pk=entry.pk).update(at=at)
    return entry


def test_only_the_own_municipality_s_entries_after_the_moment(konsulent, other_konsulent):
    AuditEntry.objects.all().delete()
    since = timezone.now() - datetime.timedelta(hours=1)
    _entry(konsulent, _project(konsulent, "Før"), at=since - datetime.timedelta(minutes=1))
    newer = _entry(konsulent, _project(konsulent, "Efter"))
    _entry(other_konsulent, _project(other_konsulent, "Gribskovs"))

    rows = selectors.municipality_changes(user=konsulent, since=since)

    assert [(r.at, r.object_repr) for r in rows] == [(newer.at, "Efter")]


def test_the_administration_s_entries_are_for_those_who_read_the_log(konsulent, make_user):
    AuditEntry.objects.all().delete()
    admin = make_user(Role.KOMMUNEADMIN, username="admin.helsingoer")
    _entry(admin, konsulent)  # an organisations.User row

    assert selectors.municipality_changes(user=konsulent, since=None) == []
    assert [r.object_repr for r in selectors.municipality_changes(user=admin, since=None)] == [
        "konsulent.helsingoer"
    ]


def test_at_most_the_limit_newest_first(konsulent):
    AuditEntry.objects.all().delete()
    project = _project(konsulent)
    for _ in range(12):
        _entry(konsulent, project)

    rows = selectors.municipality_changes(user=konsulent, since=None, limit=10)

    assert len(rows) == 10
    assert rows == sorted(rows, key=lambda r: r.at, reverse=True)
