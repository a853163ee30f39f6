"""Who may make and download a municipality's archive: its administrators, nobody else.

The central completeness test (organisations) reads ``COVERED_ROUTES``.
"""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from django.urls import reverse

from procesbank.archive import selectors
from procesbank.jobs.models import Job
from procesbank.organisations.models import Role
from procesbank.processes.models import Process

pytestmark = pytest.mark.django_db

COVERED_ROUTES = {"archive:home", "archive:download"}


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _make_archive(client, admin, capture) -> Job:
    client.force_login(admin)
    with capture(execute=True):  # the job runs when its row is committed
        response = client.post(reverse("archive:home"))
    job = Job.objects.get(municipality=admin.municipality)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('archive:home')}?job={job.pk}"
    return job


def test_an_administrator_downloads_an_archive_of_their_own_municipality_only(
    client, make_user, other_municipality, django_capture_on_commit_callbacks
):
    admin = make_user(Role.KOMMUNEADMIN, username="admin.helsingoer")
    own = Process.objects.create(municipality=admin.municipality, name="Byggesag")
    Process.objects.create(municipality=other_municipality, name="Gribskovs egen proces")

    job = _make_archive(client, admin, django_capture_on_commit_callbacks)
    job.refresh_from_db()
    response = client.get(reverse("archive:download", args=[job.pk]))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    processes = json.loads(archive.read("data/processes.process.json"))

    assert job.status == Job.Status.SUCCEEDED
    assert job.result["url"] == reverse("archive:download", args=[job.pk])
    assert response["Content-Disposition"].startswith(
        'attachment; filename="procesbank-arkiv-helsingoer-'
    )
    assert [row["pk"] for row in processes] == [own.pk]
    assert "Gribskovs egen proces" not in archive.read("data/processes.process.json").decode()


def test_the_page_lists_the_archive_with_a_download_link(
    client, make_user, django_capture_on_commit_callbacks
):
    admin = make_user(Role.KOMMUNEADMIN)
    job = _make_archive(client, admin, django_capture_on_commit_callbacks)

    response = client.get(reverse("archive:home"))

    assert response.status_code == 200
    assert reverse("archive:download", args=[job.pk]) in response.content.decode()
    assert [row.job.pk for row in selectors.archive_list(user=admin)] == [job.pk]


def test_a_new_archive_replaces_the_older_one_on_the_server(
    client, make_user, django_capture_on_commit_callbacks
):
    admin = make_user(Role.KOMMUNEADMIN)
    first = _make_archive(client, admin, django_capture_on_commit_callbacks)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("archive:home"))

    assert [row.job.pk for row in selectors.archive_list(user=admin)] != [first.pk]
    assert len(selectors.archive_list(user=admin)) == 1
    assert client.get(reverse("archive:download", args=[first.pk])).status_code == 404


@pytest.mark.parametrize("role", [Role.LAESER, Role.KONSULENT])
def test_readers_and_consultants_may_not_make_or_see_archives(
    client, make_user, role, django_capture_on_commit_callbacks
):
    admin = make_user(Role.KOMMUNEADMIN)
    job = _make_archive(client, admin, django_capture_on_commit_callbacks)
    client.force_login(make_user(role))

    assert client.get(reverse("archive:home")).status_code == 403
    assert client.post(reverse("archive:home")).status_code == 403
    assert client.get(reverse("archive:download", args=[job.pk])).status_code == 403


def test_another_municipality_admin_gets_404_for_the_archive(
    client, make_user, other_municipality, django_capture_on_commit_callbacks
):
    job = _make_archive(client, make_user(Role.KOMMUNEADMIN), django_capture_on_commit_callbacks)
    other_admin = make_user(Role.KOMMUNEADMIN, other_municipality)
    client.force_login(other_admin)

    assert client.get(reverse("archive:download", args=[job.pk])).status_code == 404
    assert selectors.archive_list(user=other_admin) == []
    with pytest.raises(Exception) as refused:
        selectors.access_archive(user=other_admin, job_id=job.pk)
    assert type(refused.value).__name__ == "Http404"


def test_anonymous_is_sent_to_login(client, db):
    response = client.get(reverse("archive:home"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("organisations:login"))
