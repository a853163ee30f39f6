"""``/metrics``: Prometheus's view of Procesbank (see README.md, "Drift og overvågning").

Requests and latency come from :mod:`procesbank.kit.metrics`; background jobs and the task
queue are counted in the database when Prometheus asks, so every web node reports the same
figures for them whichever worker answers.

Access: with ``PROCESBANK_METRICS_TOKEN`` set, only a request with ``Authorization: Bearer
<token>``; without it, only a request from the machine itself that did not come through a
proxy (no ``X-Forwarded-For``): a reverse proxy on the same host makes every visitor look
local, so a proxied request is refused.
"""

from __future__ import annotations

import hmac
import os
from collections.abc import Iterator

from django.db.models import Count, Min
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.metrics_core import Metric
from prometheus_client.registry import Collector

from procesbank.jobs.models import Job

_LOCAL = {"127.0.0.1", "::1"}


class DatabaseCollector(Collector):
    """Jobs by status and the task queue, read from the database at scrape time."""

    def collect(self) -> Iterator[Metric]:
        from django_tasks_db.models import DBTaskResult

        jobs = GaugeMetricFamily(
            "procesbank_jobs",
            "Background jobs (imports, archives, ...) by status.",
            labels=["status"],
        )
        counts = dict(Job.objects.values_list("status").annotate(n=Count("pk")).order_by())
        for status in Job.Status.values:
            jobs.add_metric([status], counts.get(status, 0))
        yield jobs
        queue = GaugeMetricFamily(
            "procesbank_task_queue_length",
            "Tasks waiting for a worker in the database queue, by queue and state.",
            labels=["queue", "status"],
        )
        waiting = (
            DBTaskResult.objects.filter(status__in=["READY", "RUNNING"])
            .values_list("queue_name", "status")
            .annotate(n=Count("pk"))
            .order_by()
        )
        seen = set()
        for queue_name, status, count in waiting:
            queue.add_metric([queue_name, status.lower()], count)
            seen.add((queue_name, status.lower()))
        for status in ("ready", "running"):
            if ("default", status) not in seen:
                queue.add_metric(["default", status], 0)
        yield queue
        oldest = DBTaskResult.objects.filter(status="READY").aggregate(first=Min("enqueued_at"))
        age = GaugeMetricFamily(
            "procesbank_task_queue_oldest_seconds",
            "How long the oldest waiting task has waited (0 when none waits).",
        )
        first = oldest["first"]
        age.add_metric([], (timezone.now() - first).total_seconds() if first else 0.0)
        yield age


def _allowed(request: HttpRequest) -> bool:
    token = os.environ.get("PROCESBANK_METRICS_TOKEN", "")
    if token:
        given = request.headers.get("Authorization", "")
        return hmac.compare_digest(given.encode(), f"Bearer {token}".encode())
    return request.META.get("REMOTE_ADDR") in _LOCAL and "X-Forwarded-For" not in request.headers


def exposition() -> bytes:
    """The text Prometheus reads: this process's registry (with the process's CPU and memory),
    or every gunicorn worker's counters added up in multiprocess mode; then the database's."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        workers = CollectorRegistry()
        multiprocess.MultiProcessCollector(workers)
        own = generate_latest(workers)
    else:
        own = generate_latest(REGISTRY)
    database = CollectorRegistry()
    database.register(DatabaseCollector())
    return own + generate_latest(database)


@never_cache
@require_GET
def metrics(request: HttpRequest) -> HttpResponse:
    if not _allowed(request):
        response = HttpResponse("Adgang nægtet.\n", status=401, content_type="text/plain")
        response["WWW-Authenticate"] = 'Bearer realm="procesbank-metrics"'
        return response
    return HttpResponse(exposition(), content_type=CONTENT_TYPE_LATEST)
