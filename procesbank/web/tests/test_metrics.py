"""/metrics: requests, latency, jobs and the task queue, for Prometheus; refused to strangers."""

from __future__ import annotations

import re

import pytest
from django_tasks_db.models import DBTaskResult, get_date_max

from procesbank.jobs.models import Job

pytestmark = pytest.mark.django_db


def _value(text: str, sample: str) -> float:
    """The value of one exposition line, e.g. ``procesbank_jobs{status="failed"}``."""
    match = re.search(rf"^{re.escape(sample)} (\S+)$", text, re.MULTILINE)
    assert match, f"{sample} not in the exposition"
    return float(match.group(1))


def test_requests_are_counted_by_route_name_and_status(client, monkeypatch):
    monkeypatch.delenv("PROCESBANK_METRICS_TOKEN", raising=False)
    sample = 'procesbank_http_requests_total{method="GET",route="web:healthz",status="200"}'
    before = client.get("/metrics").content.decode()
    start = _value(before, sample) if sample in before else 0.0

    client.get("/healthz")
    client.get("/healthz")
    text = client.get("/metrics").content.decode()

    assert _value(text, sample) == start + 2
    assert (
        'procesbank_http_request_duration_seconds_count{method="GET",route="web:healthz"}' in text
    )


def test_a_made_up_path_is_one_series_not_one_per_path(client, monkeypatch):
    monkeypatch.delenv("PROCESBANK_METRICS_TOKEN", raising=False)

    client.get("/ingen/side/1")
    client.get("/ingen/side/2")
    text = client.get("/metrics").content.decode()

    assert 'route="<unmatched>",status="404"' in text or 'route="<unmatched>",status="302"' in text
    assert "/ingen/side" not in text


def test_jobs_and_the_task_queue_are_counted_from_the_database(client, monkeypatch, konsulent):
    monkeypatch.delenv("PROCESBANK_METRICS_TOKEN", raising=False)
    for status in [Job.Status.FAILED, Job.Status.FAILED, Job.Status.RUNNING]:
        Job.objects.create(
            municipality=konsulent.municipality, user=konsulent, title="x", status=status
        )
    DBTaskResult.objects.bulk_create(
        DBTaskResult(
            args_kwargs={"args": [], "kwargs": {}},
            priority=0,
            task_path="procesbank.archive.tasks.municipality_archive",
            queue_name="default",
            backend_name="default",
            run_after=get_date_max(),
            status="READY",
        )
        for _ in range(4)
    )

    text = client.get("/metrics").content.decode()

    assert _value(text, 'procesbank_jobs{status="failed"}') == 2
    assert _value(text, 'procesbank_jobs{status="running"}') == 1
    assert _value(text, 'procesbank_jobs{status="succeeded"}') == 0
    assert _value(text, 'procesbank_task_queue_length{queue="default",status="ready"}') == 4
    assert _value(text, "procesbank_task_queue_oldest_seconds") >= 0


def test_a_request_through_a_proxy_is_refused_without_a_token(client, monkeypatch):
    monkeypatch.delenv("PROCESBANK_METRICS_TOKEN", raising=False)

    response = client.get("/metrics", HTTP_X_FORWARDED_FOR="203.0.113.9")

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="procesbank-metrics"'


def test_a_request_from_another_machine_is_refused_without_a_token(client, monkeypatch):
    monkeypatch.delenv("PROCESBANK_METRICS_TOKEN", raising=False)

    assert client.get("/metrics", REMOTE_ADDR="203.0.113.9").status_code == 401


def test_with_a_token_only_the_bearer_of_it_gets_in(client, monkeypatch):
    monkeypatch.setenv("PROCESBANK_METRICS_TOKEN", "s3cret-metrics")

    local_without = client.get("/metrics")
    wrong = client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong")
    right = client.get(
        "/metrics", REMOTE_ADDR="203.0.113.9", HTTP_AUTHORIZATION="Bearer s3cret-metrics"
    )

    assert (local_without.status_code, wrong.status_code, right.status_code) == (401, 401, 200)
    assert right["Content-Type"].startswith("text/plain; version=")
