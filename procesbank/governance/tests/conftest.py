from __future__ import annotations

import datetime

import pytest

from procesbank.governance import services
from procesbank.organisations.models import Role
from procesbank.processes import services as process_services
from procesbank.processes.models import ProcessVersion
from procesbank.processes.tests.conftest import two_task_bpmn

TODAY = datetime.date(2026, 12, 5)


@pytest.fixture
def admin(make_user):
    return make_user(Role.KOMMUNEADMIN, username="admin.helsingoer")


@pytest.fixture
def reviewer(make_user):
    return make_user(Role.LAESER, username="laeser.helsingoer", email="laeser@example.org")


@pytest.fixture
def owner(make_user):
    return make_user(Role.KONSULENT, username="ejer.helsingoer", email="ejer@example.org")


@pytest.fixture
def process(konsulent, owner):
    return process_services.process_create(
        user=konsulent,
        name="Behandling af ansøgning om enkeltydelse",
        description="Borgeren søger om hjælp til en enkeltudgift.",
        bpmn_xml=two_task_bpmn(),
        owner_user=owner,
        tags=["trang", "kontanthjælp"],
    )


@pytest.fixture
def version(process) -> ProcessVersion:
    return process.versions.get()


def fresh(version: ProcessVersion) -> ProcessVersion:
    return ProcessVersion.objects.select_related("process").get(pk=version.pk)


def publish(version, *, konsulent, reviewer, owner, next_review_on=None):
    """Take ``version`` through the whole workflow to published."""
    services.review_submit(user=konsulent, version=fresh(version), reviewers=[reviewer])
    services.review_mark_done(user=reviewer, version=fresh(version))
    services.review_approve(user=owner, version=fresh(version))
    services.version_publish(
        user=owner,
        version=fresh(version),
        next_review_on=next_review_on or TODAY + datetime.timedelta(days=365),
        today=TODAY,
    )
    return fresh(version)
