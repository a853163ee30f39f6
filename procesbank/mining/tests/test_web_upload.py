"""Uploading an event log: staging, the CSV column mapping, the import job, bad input."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from procesbank.jobs.models import Job
from procesbank.mining.engine import figurestore
from procesbank.mining.models import EventLog

DATA = Path(__file__).resolve().parents[3] / "tests" / "data" / "event-logs"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _upload(client, name, data, **fields):
    return client.post(
        reverse("mining:eventlog_upload"),
        {"file": SimpleUploadedFile(name, data), "name": "", "visibility": "own", **fields},
    )


def _files(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def test_csv_upload_shows_mapping_with_suggested_columns(client, konsulent):
    client.force_login(konsulent)

    response = _upload(client, "running-example.csv", (DATA / "running-example.csv").read_bytes())
    page = client.get(response["Location"])

    assert response.status_code == 302
    content = page.content.decode()
    assert "Vælg kolonner" in content
    assert "komma" in content
    assert '<option value="case:concept:name" selected>' in content
    assert '<option value="time:timestamp" selected>' in content


def test_csv_import_runs_as_job_and_stores_the_log(
    django_capture_on_commit_callbacks, client, konsulent, settings
):
    client.force_login(konsulent)
    response = _upload(client, "running-example.csv", (DATA / "running-example.csv").read_bytes())

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            response["Location"],
            {
                "case_id": "case:concept:name",
                "activity": "concept:name",
                "timestamp": "time:timestamp",
                "resource": "org:resource",
            },
        )

    job = Job.objects.get()
    assert job.status == Job.Status.SUCCEEDED, job.error
    log = EventLog.objects.get()
    naming_folder = figurestore.naming_folder(log.path, ("", "")).name
    assert (log.name, log.cases, log.events, log.activities, log.variants) == (
        "running-example",
        6,
        42,
        8,
        6,
    )
    assert log.path.exists()
    # The staged upload is gone; the log's file stays, with the figures of its first view.
    files = _files(Path(settings.MEDIA_ROOT))
    assert [file for file in files if ".figures/" not in file] == [log.relative_path]
    assert f"{log.relative_path}.figures/{naming_folder}/manifest.json" in files
    assert response["Location"] == reverse("mining:eventlog_job", kwargs={"job_id": job.pk})
    assert job.result["url"] == reverse("mining:eventlog_overview", kwargs={"eventlog_id": log.pk})
    # The finished job's page goes on to the analysis.
    assert client.get(response["Location"])["Location"] == job.result["url"]


def test_xes_import_needs_no_mapping(django_capture_on_commit_callbacks, client, konsulent):
    client.force_login(konsulent)

    with django_capture_on_commit_callbacks(execute=True):
        _upload(client, "running-example.xes", (DATA / "running-example.xes").read_bytes())

    log = EventLog.objects.get()
    assert (log.cases, log.source_format) == (6, "xes")


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("broken.xes", "cut", "XES-filen er afkortet: den stopper midt i loggen i linje 68, "),
        (
            "hostile.xes",
            b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><log>&a;</log>',
            "DOCTYPE",
        ),
        ("truncated.xes.gz", "gz", "afkortet eller beskadiget"),
        ("empty.csv", b"case,activity,timestamp\n", "tom"),
    ],
)
def test_bad_input_fails_the_job_and_saves_nothing(
    django_capture_on_commit_callbacks, client, konsulent, settings, name, data, message
):
    xes = (DATA / "running-example.xes").read_bytes()
    if data == "cut":
        data = xes[:3000]
    elif data == "gz":
        compressed = gzip.compress(xes)
        data = compressed[: len(compressed) // 2]
    client.force_login(konsulent)

    with django_capture_on_commit_callbacks(execute=True):
        response = _upload(client, name, data)
        if "kolonner" in response["Location"]:
            client.post(
                response["Location"],
                {"case_id": "case", "activity": "activity", "timestamp": "timestamp"},
            )

    job = Job.objects.get()
    assert job.status == Job.Status.FAILED
    assert message in job.error
    assert not job.error.startswith("Uventet")
    assert EventLog.objects.count() == 0
    assert _files(Path(settings.MEDIA_ROOT)) == []


def test_unparseable_timestamp_fails_with_the_row(
    django_capture_on_commit_callbacks, client, konsulent
):
    client.force_login(konsulent)
    data = b"case,activity,timestamp\n1,a,2024-01-01 10:00\n1,b,not a time\n"

    with django_capture_on_commit_callbacks(execute=True):
        response = _upload(client, "bad.csv", data)
        client.post(
            response["Location"],
            {"case_id": "case", "activity": "activity", "timestamp": "timestamp"},
        )

    job = Job.objects.get()
    assert job.status == Job.Status.FAILED
    assert "not a time" in job.error or "Række 3" in job.error, job.error


def test_too_large_upload_is_refused_on_the_form(client, konsulent, settings):
    settings.PROCESBANK_UPLOAD_LIMIT_MB = 0
    client.force_login(konsulent)

    response = _upload(client, "running-example.csv", (DATA / "running-example.csv").read_bytes())

    assert response.status_code == 200
    assert "Filen er for stor" in response.content.decode()
    assert Job.objects.count() == 0


def test_unknown_file_type_is_refused(client, konsulent):
    client.force_login(konsulent)

    response = _upload(client, "log.docx", b"PK")

    assert "Filtypen kendes ikke" in response.content.decode()


def test_duplicate_name_is_refused_before_upload(
    django_capture_on_commit_callbacks, client, konsulent
):
    client.force_login(konsulent)
    with django_capture_on_commit_callbacks(execute=True):
        _upload(client, "running-example.xes", (DATA / "running-example.xes").read_bytes())

    response = _upload(client, "running-example.xes", (DATA / "running-example.xes").read_bytes())

    assert "allerede en hændelseslog" in response.content.decode()


def test_upload_process_picker_names_the_owner_with_the_own_municipality_first(
    client, konsulent, other_konsulent
):
    from procesbank.processes.services.processes import process_create

    name = "Ansøgning om byggetilladelse (enfamiliehus)"
    for user in (other_konsulent, konsulent):
        process = process_create(user=user, name=name)
        process.visibility = "collaboration"
        process.save(update_fields=["visibility"])
    client.force_login(konsulent)

    form = client.get(reverse("mining:eventlog_upload")).context["form"]

    assert [label for _, label in form.fields["process"].choices] == [
        "Ingen",
        "Ansøgning om byggetilladelse (enfamiliehus) (Helsingør)",
        "Ansøgning om byggetilladelse (enfamiliehus) (Gribskov)",
    ]
