"""Staged uploads that were never imported are deleted after a day."""

from __future__ import annotations

import os
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from procesbank import cli
from procesbank.mining import services

DATA = Path(__file__).resolve().parents[3] / "tests" / "data" / "event-logs"
HOUR = 3600


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _staged(name: str, age_hours: float) -> Path:
    folder = services.staging_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(b"case,activity,timestamp\n")
    written = time.time() - age_hours * HOUR
    os.utime(path, (written, written))
    return path


def test_cleanup_deletes_staged_files_older_than_the_age(db):
    old = _staged("old", age_hours=25)
    young = _staged("young", age_hours=23)

    removed = services.staged_uploads_cleanup(older_than=timedelta(hours=24))

    assert removed == 1
    assert not old.exists()
    assert young.exists()


def test_cleanup_without_staging_folder_removes_nothing(db):
    assert services.staged_uploads_cleanup() == 0


def test_upload_cleans_up_abandoned_staged_files(konsulent):
    abandoned = _staged("abandoned", age_hours=30)

    pending = services.eventlog_upload_stage(
        user=konsulent,
        upload=SimpleUploadedFile("log.csv", (DATA / "running-example.csv").read_bytes()),
        name="",
        visibility="own",
    )

    assert not abandoned.exists()
    assert pending.path.exists()


def test_cleanup_uploads_command_through_the_cli(db, capsys):
    _staged("two-hours", age_hours=2)
    kept = _staged("fresh", age_hours=0)

    code = cli.main(["cleanup_uploads", "--hours", "1"])

    assert code == 0
    assert capsys.readouterr().out.startswith("Deleted 1 staged upload(s) older than 1 hours from ")
    assert [p.name for p in services.staging_dir().iterdir()] == [kept.name]


def test_mapping_page_of_a_cleaned_up_upload_sends_back_to_upload(client, konsulent):
    client.force_login(konsulent)
    response = client.post(
        reverse("mining:eventlog_upload"),
        {
            "file": SimpleUploadedFile("log.csv", (DATA / "running-example.csv").read_bytes()),
            "name": "",
            "visibility": "own",
        },
    )
    mapping_url = response["Location"]
    token = mapping_url.rstrip("/").split("/")[-2]
    (services.staging_dir() / token).unlink()

    page = client.get(mapping_url, follow=True)

    assert page.redirect_chain == [(reverse("mining:eventlog_upload"), 302)]
    assert (
        "Den uploadede fil findes ikke længere (uploads, der ikke importeres, slettes efter "
        "24 timer). Upload filen igen."
    ) in page.content.decode()
    assert client.get(mapping_url).status_code == 404
