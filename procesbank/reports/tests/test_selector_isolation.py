"""Every report selector with two municipalities: another municipality's private process
never reaches a report, its KLE group is not offered, and a version of it is not found."""

from __future__ import annotations

import pytest
from django.http import Http404

from procesbank.processes import services
from procesbank.reports import selectors


@pytest.fixture
def gribskov_private(other_konsulent):
    return services.process_create(user=other_konsulent, name="Gribskovs egen", kle_code="27.12.04")


def test_version_report_of_another_municipalitys_private_process_is_not_found(
    konsulent, gribskov_private
):
    with pytest.raises(Http404):
        selectors.version_report(user=konsulent, version_id=gribskov_private.versions.get().pk)


def test_version_report_of_own_process_has_its_section(konsulent, benefit_process):
    report = selectors.version_report(user=konsulent, version_id=benefit_process.versions.get().pk)

    assert [s.cover.process for s in report.sections] == ["Enkeltydelse"]
    assert report.sections[0].cover.owner == "Hanne Holm, afdelingschef"


def test_selection_report_leaves_out_another_municipalitys_private_process(
    konsulent, other_konsulent, benefit_process, gribskov_private
):
    services.process_create(user=other_konsulent, name="Gribskovs 32", kle_code="32.01")

    own = selectors.selection_report(user=konsulent, kle_group="32")
    theirs = selectors.selection_report(user=other_konsulent, kle_group="32")

    assert [s.cover.process for s in own.sections] == ["Enkeltydelse"]
    assert [s.cover.process for s in theirs.sections] == ["Gribskovs 32"]


def test_selection_report_of_a_group_without_readable_processes_says_so(
    konsulent, gribskov_private
):
    report = selectors.selection_report(user=konsulent, kle_group="27")

    assert report.sections == []
    assert report.note == "Der er ingen processer, du kan se, i denne KLE-hovedgruppe."


def test_kle_group_choices_offer_only_groups_of_readable_processes(
    konsulent, other_konsulent, benefit_process, gribskov_private
):
    assert [code for code, _ in selectors.kle_group_choices(user=konsulent)] == ["32"]
    assert [code for code, _ in selectors.kle_group_choices(user=other_konsulent)] == ["27"]


def test_a_report_job_and_its_file_are_the_askers_alone(
    konsulent, other_konsulent, make_user, benefit_process
):
    from procesbank.jobs.models import Job

    job = Job.objects.create(
        municipality=konsulent.municipality,
        user=konsulent,
        title="Dokumentationsrapport",
        status=Job.Status.SUCCEEDED,
        result={},
    )
    colleague = make_user(username="kollega.helsingoer")

    assert selectors.access_report_job(user=konsulent, job_id=job.pk) == job
    for stranger in (colleague, other_konsulent):
        with pytest.raises(Http404):
            selectors.access_report_job(user=stranger, job_id=job.pk)
        with pytest.raises(Http404):
            selectors.access_report_file(user=stranger, job_id=job.pk)
    # The asker's own job that made no report (no "report" in its result) has no file either.
    with pytest.raises(Http404):
        selectors.access_report_file(user=konsulent, job_id=job.pk)
