"""Request metrics for Prometheus (prometheus-client): counts and latency per route.

The middleware labels a request by its route's name (``catalogue:candidate_list``), never by
its path, so the number of series stays bounded whatever URLs are requested. Under gunicorn
with several workers each worker keeps its own counters; ``procesbank serve`` sets
``PROMETHEUS_MULTIPROC_DIR`` so the endpoint (``web.metrics``) adds them up across workers
(prometheus-client's multiprocess mode).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from prometheus_client import Counter, Histogram

REQUESTS = Counter(
    "procesbank_http_requests",
    "HTTP requests answered, by method, route name and status code.",
    ["method", "route", "status"],
)
LATENCY = Histogram(
    "procesbank_http_request_duration_seconds",
    "Time from the request entering Django to the response leaving it, by route name.",
    ["method", "route"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0),
)
_METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}


def route_of(request: HttpRequest) -> str:
    """The route's name, or a fixed word when no route matched (a 404 of a made-up path)."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        return "<unmatched>"
    return match.view_name or match.route or "<unnamed>"


class MetricsMiddleware:
    """Counts every request and times it; first in ``MIDDLEWARE`` so the time is the whole."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        response = self.get_response(request)
        method = request.method if request.method in _METHODS else "OTHER"
        route = route_of(request)
        REQUESTS.labels(method, route, str(response.status_code)).inc()
        LATENCY.labels(method, route).observe(time.perf_counter() - started)
        return response
