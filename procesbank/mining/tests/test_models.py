"""The EventLog row, its import helper for the other web tests, and the selectors' tenancy."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404

from procesbank.jobs.models import Job
from procesbank.jobs.services import job_create
from procesbank.mining import selectors, services
from procesbank.mining.models import EventLog
from procesbank.organisations.models import Role, User

DATA = Path(__file__).resolve().parents[3] / "tests" / "data" / "event-logs"


def import_log(
    user: User, filename: str = "running-example.xes", *, name: str = "", visibility: str = "own"
) -> EventLog:
    """Import a test log synchronously, as the background task would."""
    pending = services.eventlog_upload_stage(
        user=user,
        upload=SimpleUploadedFile(filename, (DATA / filename).read_bytes()),
        name=name,
        visibility=visibility,
    )
    job = job_create(user=user, title="Import")
    services.eventlog_import_run(job_id=job.pk, user=user, pending=pending, mapping=None)
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED, job.error
    return EventLog.objects.get(pk=job.result["eventlog_id"])


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_import_stores_summary_figures(konsulent):
    log = import_log(konsulent)

    assert (log.cases, log.events, log.activities, log.variants, log.resources) == (6, 42, 8, 6, 6)
    assert log.started_at.isoformat() == "2010-12-30T10:02:00+00:00"
    assert log.ended_at.isoformat() == "2011-01-24T13:56:00+00:00"
    assert log.path == Path(services.staging_dir()).parents[1] / log.relative_path
    assert not any(services.staging_dir().iterdir())


def test_other_municipalitys_private_log_is_invisible(konsulent, make_user, other_municipality):
    other = make_user(Role.KONSULENT, other_municipality)
    private = import_log(other, name="Privat")
    shared = import_log(other, name="Delt", visibility="collaboration")

    visible = set(selectors.eventlog_list(user=konsulent))

    assert visible == {shared}
    with pytest.raises(Http404):
        selectors.access_eventlog(user=konsulent, eventlog_id=private.pk)
    with pytest.raises(PermissionDenied):
        selectors.access_eventlog_for_edit(user=konsulent, eventlog_id=shared.pk)


def test_other_collaboration_never_sees_shared_log(konsulent, make_user):
    from procesbank.organisations.tests.factories import (
        CollaborationFactory,
        MunicipalityFactory,
    )

    elsewhere = MunicipalityFactory(collaboration=CollaborationFactory(name="Andet samarbejde"))
    stranger = make_user(Role.KONSULENT, elsewhere)
    import_log(konsulent, visibility="collaboration")

    assert list(selectors.eventlog_list(user=stranger)) == []


def test_reader_may_not_upload(make_user):
    reader = make_user(Role.LAESER)

    with pytest.raises(PermissionDenied):
        import_log(reader)


def test_delete_removes_row_and_file(konsulent, django_capture_on_commit_callbacks):
    log = import_log(konsulent)
    path = log.path

    with django_capture_on_commit_callbacks(execute=True):
        services.eventlog_delete(user=konsulent, eventlog=log)

    assert EventLog.objects.count() == 0
    assert not path.exists()


def test_demo_loads_honestly_named_shared_logs_once(db, monkeypatch):
    from procesbank.demo import mining as demo
    from procesbank.demo.organisations import load_organisations

    load_organisations(password="demo")
    monkeypatch.setattr(demo, "DEMO_LOGS", [demo.DEMO_LOGS[-1]])

    first = demo.load_mining()
    second = demo.load_mining()

    log = EventLog.objects.get()
    assert (first, second) == (1, 0)
    assert (log.municipality.slug, log.cases, log.visibility) == (
        "helsingoer",
        1434,
        "collaboration",
    )
