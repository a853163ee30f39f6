"""The documentation report's cover names the owner as a person, the owning unit and the
approval of the version (issue #14: cover with owner, unit, status, version and approval)."""

from __future__ import annotations

import datetime

import pytest

from procesbank.governance.tests.conftest import TODAY, publish
from procesbank.kit.formatting import short_date
from procesbank.organisations.models import OrganisationalUnit
from procesbank.processes.models import Process
from procesbank.reports.selectors import version_report

pytestmark = pytest.mark.django_db


def test_the_cover_has_the_owner_the_unit_and_the_approval(version, konsulent, reviewer, owner):
    owner.first_name, owner.last_name = "Ane", "Holm"
    owner.save()
    unit = OrganisationalUnit.objects.create(
        municipality=konsulent.municipality, name="Jobcenter", kind="afdeling"
    )
    Process.objects.filter(pk=version.process_id).update(unit=unit)
    published = publish(version, konsulent=konsulent, reviewer=reviewer, owner=owner)

    cover = version_report(user=konsulent, version_id=published.pk).sections[0].cover

    assert cover.owner == "Ane Holm"
    assert cover.unit == "Jobcenter"
    assert cover.status.startswith("Offentliggjort")
    assert cover.approval.startswith("Godkendt ")
    assert "af Ane Holm" in cover.approval
    # publish() sets the next review a year (365 days) after TODAY.
    next_review = short_date(TODAY + datetime.timedelta(days=365))
    assert cover.approval.endswith(f"næste gennemgang {next_review}")


def test_an_unapproved_draft_has_no_approval_on_its_cover(version, konsulent):
    cover = version_report(user=konsulent, version_id=version.pk).sections[0].cover

    assert cover.approval == ""
    assert cover.status.startswith("Kladde")
