"""The documentation report as a background job: its progress only increases, the file is
the requesting user's alone, a failure is told in Danish on the job page, and old files are
removed."""

from __future__ import annotations

import os
import time
from io import BytesIO

import pytest
from django.core.management import call_command
from django.http import Http404
from django.urls import reverse
from pypdf import PdfReader

from procesbank.jobs import services as job_services
from procesbank.jobs.models import Job
from procesbank.organisations.models import Role
from procesbank.reports import services
from procesbank.reports.storage import report_path


@pytest.fixture
def steps(monkeypatch) -> list[tuple[float, str]]:
    """Every progress report of the jobs run in the test, in order."""
    recorded: list[tuple[float, str]] = []
    original = job_services.job_progress

    def record(*, job_id, fraction, message=""):
        recorded.append((round(fraction, 4), message))
        original(job_id=job_id, fraction=fraction, message=message)

    monkeypatch.setattr(job_services, "job_progress", record)
    return recorded


def _start(client, user, url, capture, query=None, execute=True) -> Job:
    client.force_login(user)
    with capture(execute=execute):
        response = client.post(url, query or {})
    job = Job.objects.get(user=user)
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:job", args=[job.pk])
    return job


def test_selection_job_progress_only_increases(
    client, konsulent, group_32, steps, django_capture_on_commit_callbacks
):
    job = _start(
        client,
        konsulent,
        reverse("reports:selection"),
        django_capture_on_commit_callbacks,
        {"kle": "32", "format": "docx"},
    )

    job.refresh_from_db()
    # Three readable processes. Reading: 0.05 + 0.4 × n / 3 after process n; writing the Word
    # file: 0.5 + 0.45 × 0.9 × i / 3 before process i (0-based), 0.5 + 0.45 × 0.9 on saving.
    assert steps == [
        (0.02, "Læser processerne"),
        (0.1833, "Læser proces 1 af 3"),
        (0.3167, "Læser proces 2 af 3"),
        (0.45, "Læser proces 3 af 3"),
        (0.5, "Skriver proces 1 af 3"),
        (0.635, "Skriver proces 2 af 3"),
        (0.77, "Skriver proces 3 af 3"),
        (0.905, "Gemmer dokumentet"),
    ]
    assert job.status == Job.Status.SUCCEEDED
    assert job.progress == 1.0


def test_version_pdf_job_progress_names_the_pages(
    client, konsulent, benefit_process, steps, django_capture_on_commit_callbacks
):
    version = benefit_process.versions.get()

    job = _start(
        client,
        konsulent,
        reverse("reports:version_pdf", args=[version.pk]),
        django_capture_on_commit_callbacks,
    )

    job.refresh_from_db()
    path = report_path(job)
    assert path is not None
    pages = len(PdfReader(BytesIO(path.read_bytes())).pages)
    # Reading one process: 0.45; then the PDF's stages at 0, 0.1 and 0.8 of 0.5..0.95.
    assert steps == [
        (0.02, "Læser processerne"),
        (0.45, "Læser proces 1 af 1"),
        (0.5, "Tegner diagrammerne"),
        (0.545, "Sætter siderne op"),
        (0.86, f"Skriver PDF-filen ({pages} sider)"),
    ]
    assert job.title == "Dokumentationsrapport (PDF): Enkeltydelse · Som-er"
    assert job.result["file"] == "procesdokumentation-enkeltydelse-som-er.pdf"


def test_job_page_shows_the_progress_bar_while_the_job_waits(
    client, konsulent, benefit_process, django_capture_on_commit_callbacks
):
    version = benefit_process.versions.get()
    job = _start(
        client,
        konsulent,
        reverse("reports:version_docx", args=[version.pk]),
        django_capture_on_commit_callbacks,
        execute=False,
    )

    content = client.get(reverse("reports:job", args=[job.pk])).content.decode()

    assert f'hx-get="{reverse("jobs:job_status", args=[job.pk])}"' in content
    assert '<progress max="100" value="0"' in content
    assert "Hent rapporten" not in content


@pytest.fixture
def made(client, konsulent, benefit_process, django_capture_on_commit_callbacks) -> Job:
    version = benefit_process.versions.get()
    job = _start(
        client,
        konsulent,
        reverse("reports:version_pdf", args=[version.pk]),
        django_capture_on_commit_callbacks,
    )
    client.logout()
    return job


@pytest.mark.parametrize("who", ["colleague", "other_municipality"])
def test_report_is_not_found_for_anyone_but_the_requesting_user(
    client, make_user, other_konsulent, made, who
):
    # A colleague of the same municipality, with the same role, and a consultant of Gribskov.
    user = make_user(Role.KONSULENT, username="kollega") if who == "colleague" else other_konsulent
    client.force_login(user)

    page = client.get(reverse("reports:job", args=[made.pk]))
    download = client.get(reverse("reports:job_download", args=[made.pk]))

    assert page.status_code == 404
    assert download.status_code == 404


def test_the_requesting_user_downloads_the_report(client, konsulent, made):
    client.force_login(konsulent)

    response = client.get(reverse("reports:job_download", args=[made.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.getvalue().startswith(b"%PDF-")


def test_report_pages_require_login(client, made):
    for name in ("reports:job", "reports:job_download"):
        response = client.get(reverse(name, args=[made.pk]))

        assert response.status_code == 302
        assert response["Location"].startswith(reverse("organisations:login"))


def test_a_version_no_longer_readable_fails_with_a_danish_message(
    client, other_konsulent, benefit_process, django_capture_on_commit_callbacks
):
    benefit_process.visibility = "public"
    benefit_process.save()
    version = benefit_process.versions.get()
    client.force_login(other_konsulent)
    with django_capture_on_commit_callbacks() as callbacks:
        client.post(reverse("reports:version_pdf", args=[version.pk]))
    # Helsingør makes the process private again before the queued job runs.
    benefit_process.visibility = "private"
    benefit_process.save()

    for callback in callbacks:
        callback()
    job = Job.objects.get(user=other_konsulent)
    content = client.get(reverse("reports:job", args=[job.pk])).content.decode()

    assert job.status == Job.Status.FAILED
    assert (
        "Processen findes ikke længere, eller du har ikke længere adgang til den. "
        "Rapporten er ikke lavet."
    ) in content
    assert client.get(reverse("reports:job_download", args=[job.pk])).status_code == 404


def test_an_unexpected_error_fails_with_a_danish_message(
    client, konsulent, benefit_process, monkeypatch, django_capture_on_commit_callbacks
):
    def broken(report, progress=None):
        raise RuntimeError("Pango is missing")

    monkeypatch.setattr("procesbank.reports.pdf.report_pdf", broken)
    version = benefit_process.versions.get()

    job = _start(
        client,
        konsulent,
        reverse("reports:version_pdf", args=[version.pk]),
        django_capture_on_commit_callbacks,
    )
    content = client.get(reverse("reports:job", args=[job.pk])).content.decode()

    assert "Uventet fejl: intet er gemt. Prøv igen, eller kontakt en administrator." in content
    assert "Pango" not in content
    assert "Hent rapporten" not in content


def test_unknown_format_is_not_found(client, konsulent, benefit_process):
    client.force_login(konsulent)
    version = benefit_process.versions.get()

    with pytest.raises(Http404):
        services.report_start(
            user=konsulent, spec=services.ReportSpec(extension="exe", version_id=version.pk)
        )


def _age(job: Job, hours: float) -> None:
    path = report_path(job)
    assert path is not None
    then = time.time() - hours * 3600
    os.utime(path, (then, then))


def test_cleanup_removes_reports_older_than_a_day_only(client, konsulent, made):
    _age(made, 25)

    removed = services.report_files_cleanup()
    client.force_login(konsulent)
    page = client.get(reverse("reports:job", args=[made.pk])).content.decode()
    download = client.get(reverse("reports:job_download", args=[made.pk]))

    assert removed == 1
    assert "Rapporten er slettet: en rapport gemmes i 24 timer. Lav den igen." in page
    assert download.status_code == 302
    assert download["Location"] == reverse("reports:job", args=[made.pk])


def test_cleanup_keeps_a_report_of_23_hours(made):
    _age(made, 23)

    assert services.report_files_cleanup() == 0
    assert report_path(made).is_file()


def test_cleanup_command_reports_what_it_removed(made, capsys):
    _age(made, 3)

    call_command("cleanup_reports", "--hours", "2")

    assert capsys.readouterr().out.startswith("Deleted 1 report(s) older than 2 hours from ")
    assert not report_path(made).is_file()


def test_a_link_or_an_image_cannot_start_a_report(client, konsulent, benefit_process):
    # A job costs the server minutes: only the page's form (a POST with the CSRF token) starts
    # one, so another site's <img src=".../rapport.pdf"> does nothing.
    version = benefit_process.versions.get()
    client.force_login(konsulent)

    refused = [
        client.get(reverse("reports:version_pdf", args=[version.pk])).status_code,
        client.get(reverse("reports:version_docx", args=[version.pk])).status_code,
    ]
    selection = client.get(reverse("reports:selection"), {"kle": "32", "format": "pdf"})

    assert refused == [405, 405]
    assert selection.status_code == 200
    assert not Job.objects.filter(user=konsulent).exists()
