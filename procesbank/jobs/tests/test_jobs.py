from __future__ import annotations

import pytest
from django.http import Http404

from procesbank.core.errors import UserError, gettext_noop
from procesbank.jobs.models import Job
from procesbank.jobs.selectors import access_job
from procesbank.jobs.services import job_create, job_run


def test_job_reports_progress_and_result(konsulent):
    job = job_create(user=konsulent, title="Import af hændelseslog")
    seen: list[float] = []

    def work(progress):
        progress(0.5, "Halvvejs")
        seen.append(Job.objects.get(pk=job.pk).progress)
        return {"url": "/x/"}

    job_run(job.pk, work)

    job.refresh_from_db()
    assert seen == [0.5]
    assert (job.status, job.progress, job.result) == ("succeeded", 1.0, {"url": "/x/"})
    assert job.finished_at is not None


def test_user_error_fails_job_with_its_danish_reason(konsulent):
    job = job_create(user=konsulent, title="Import")

    def work(progress):
        raise UserError(gettext_noop("Linje %(line)s mangler et tidspunkt."), line=7)

    job_run(job.pk, work)

    job.refresh_from_db()
    assert (job.status, job.error) == ("failed", "Linje 7 mangler et tidspunkt.")


def test_unexpected_exception_fails_job_without_killing_the_worker(konsulent):
    job = job_create(user=konsulent, title="Import")

    def work(progress):
        raise RuntimeError("boom")

    job_run(job.pk, work)  # does not raise

    job.refresh_from_db()
    assert job.status == "failed"
    assert job.error == "Uventet fejl: intet er gemt. Prøv igen, eller kontakt en administrator."


def test_job_of_other_municipality_is_not_found(konsulent, other_konsulent):
    job = job_create(user=other_konsulent, title="Import")

    with pytest.raises(Http404):
        access_job(user=konsulent, job_id=job.pk)
    assert access_job(user=other_konsulent, job_id=job.pk) == job


def test_job_status_partial_polls_until_finished(client, konsulent):
    job = job_create(user=konsulent, title="Import")
    client.force_login(konsulent)

    running = client.get(f"/job/{job.pk}/").content.decode()
    job_run(job.pk, lambda progress: None)
    finished = client.get(f"/job/{job.pk}/").content.decode()

    assert 'hx-trigger="every 1s"' in running
    assert "hx-trigger" not in finished
    assert 'value="100"' in finished


def _finished(user, result):
    job = job_create(user=user, title="Import af hændelseslog “Sager”")
    job_run(job.pk, lambda progress: result)
    return job


def test_the_poll_of_a_finished_job_goes_on_to_what_it_made(client, konsulent):
    from django.urls import reverse

    job = _finished(konsulent, {"url": "/analyse/7/"})
    client.force_login(konsulent)

    response = client.get(reverse("jobs:job_status", args=[job.pk]), headers={"HX-Request": "true"})
    after = client.get("/")

    assert response["HX-Redirect"] == "/analyse/7/"
    assert [str(m) for m in after.context["messages"]] == [
        "Import af hændelseslog “Sager” er færdig."
    ]


def test_a_running_or_resultless_job_stays_on_its_progress_bar(client, konsulent):
    from django.urls import reverse

    running = job_create(user=konsulent, title="Import")
    without_page = _finished(konsulent, None)
    client.force_login(konsulent)

    for job in (running, without_page):
        response = client.get(
            reverse("jobs:job_status", args=[job.pk]), headers={"HX-Request": "true"}
        )
        assert "HX-Redirect" not in response
        assert f'id="job-{job.pk}"' in response.content.decode()
