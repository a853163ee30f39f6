"""Server time of a log's analysis pages on a large log once it is loaded, run by hand.

    PYTHONPATH=. .venv/bin/python bench/analysis.py [--events 5000000] [--folder /tmp/mp]

Generates the permit log of bench/mining.py as CSV in ``--folder`` (kept for the next run),
imports it through the mining services as an upload would (a throw-away SQLite database and
media folder under ``--folder``), then:

1. the engine functions each tab's view calls, on the loaded (unfiltered) log: CPU seconds,
   median of ``--repeat`` runs after a warm-up;
2. each tab through Django's test client as a konsulent (after one view of the log list, which
   bears the process's first request): the first view after the log is loaded (what is
   derived from it not kept yet), then the median of ``--repeat`` views after that
   (wall-clock seconds, the server's whole time: selectors, figures, template);
3. the same with a filter in the URL (cases ending with the most common end activity), whose
   figures are computed on their first view;
4. each tab as the first page a fresh web worker shows of the log: the worker's caches emptied
   and the log loaded again (not timed) before the one view (wall / CPU s, median of
   ``--repeat``): what the figures the import kept on disk save; the API's analysis
   endpoints likewise.

Run it with PYTHONPATH pointing at another checkout to measure that code (the figures of
part 1 call the same engine functions there).
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

TABS = ("overview", "cases", "variants", "map", "statistics")
API_ENDPOINTS = ("summary", "dfg", "variants")


def _setup(folder: Path) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "procesbank.settings")
    os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite3'}"
    os.environ["PROCESBANK_HTTPS"] = "0"
    import django
    from django.conf import settings

    django.setup()
    logging.disable(logging.INFO)  # one request log line per view would bury the table
    settings.MEDIA_ROOT = str(folder / "media")
    # The 5-million-event CSV is about 460 MB.
    settings.PROCESBANK_UPLOAD_LIMIT_MB = 2048
    settings.ALLOWED_HOSTS = ["testserver"]
    settings.SECURE_SSL_REDIRECT = False
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def _engine_calls(log: Any) -> dict[str, Callable[[], Any]]:
    """What each tab's view computes from the unfiltered frame, as the views call it."""
    from procesbank.mining.engine import figures, processmap

    def map_page() -> Any:
        percent = processmap.default_activity_percent(log.get_column("activity").n_unique())
        return processmap.process_map(
            log, activity_share=percent / 100, path_share=processmap.DEFAULT_PATH_PERCENT / 100
        )

    cases = log.get_column("case_id").n_unique()
    return {
        "case count (every tab)": lambda: log.get_column("case_id").n_unique(),
        "overview": lambda: figures.log_overview(log),
        "cases": lambda: figures.case_list(log),
        "variants": lambda: figures.variant_page(log),
        "map": map_page,
        "statistics": lambda: figures.statistics(
            log, min_transitions=figures.default_min_transitions(cases)
        ),
    }


def _cpu(call: Callable[[], Any], repeat: int) -> float:
    call()
    runs = []
    for _ in range(repeat):
        started = time.process_time()
        call()
        runs.append(time.process_time() - started)
    return statistics.median(runs)


def _import(csv_path: Path) -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from procesbank.jobs.services import job_create
    from procesbank.mining import services
    from procesbank.mining.models import EventLog
    from procesbank.organisations.models import Role
    from procesbank.organisations.tests.factories import MunicipalityFactory, UserFactory

    municipality = MunicipalityFactory(name="Helsingør", code="217", slug="helsingoer")
    user = UserFactory(role=Role.KONSULENT, municipality=municipality, username="bench")
    pending = services.eventlog_upload_stage(
        user=user,
        upload=SimpleUploadedFile(csv_path.name, csv_path.read_bytes()),
        name="5M",
        visibility="own",
    )
    job = job_create(user=user, title="Import")
    started = time.perf_counter()
    services.eventlog_import_run(job_id=job.pk, user=user, pending=pending, mapping=None)
    job.refresh_from_db()
    print(f"import through the services: {time.perf_counter() - started:.1f} s ({job.status})")
    return user, EventLog.objects.get(pk=job.result["eventlog_id"])


def _client_times(client: Any, url: str, repeat: int) -> str:
    """Wall-clock / CPU seconds of the first view, and medians of ``repeat`` views after it
    (CPU beside wall: the machine's two cores are shared, and Polars uses both)."""

    def view() -> tuple[float, float]:
        started, cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        return time.perf_counter() - started, time.process_time() - cpu

    first = view()
    again = [view() for _ in range(repeat)]
    wall = statistics.median(run[0] for run in again)
    cpu = statistics.median(run[1] for run in again)
    return f"{first[0]:.2f} / {first[1]:.2f} | {wall:.2f} / {cpu:.2f}"


def _fresh_worker_times(client: Any, url: str, eventlog: Any, repeat: int) -> str:
    """The view as a worker's first page of the log: everything the worker keeps in memory of
    it dropped, then the log loaded (untimed), then one view timed."""
    from procesbank.mining import selectors
    from procesbank.mining.engine.logcache import LOG_CACHE
    from procesbank.mining.selectors import eventlogs

    runs = []
    for _ in range(repeat):
        LOG_CACHE.clear()
        for kept in (
            eventlogs._activity_attributes,
            eventlogs._case_attributes,
            eventlogs._filter_choices,
        ):
            kept.cache_clear()
        selectors.eventlog_events(eventlog=eventlog)
        started, cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        runs.append((time.perf_counter() - started, time.process_time() - cpu))
    wall = statistics.median(run[0] for run in runs)
    cpu = statistics.median(run[1] for run in runs)
    return f"{wall:.2f} / {cpu:.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=5_000_000)
    parser.add_argument("--folder", type=Path, default=Path("/tmp/mp"))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    args.folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=args.folder) as scratch:
        _setup(Path(scratch))
        from django.db import connection
        from django.test import Client
        from django.test.utils import setup_test_environment
        from django.urls import reverse

        from bench.mining import generate_log, write_csv
        from procesbank.mining import selectors
        from procesbank.mining.engine import discovery

        csv_path = args.folder / f"log-{args.events}.csv"
        if not csv_path.exists():
            write_csv(generate_log(args.events), csv_path)
        setup_test_environment()
        connection.creation.create_test_db(verbosity=0, autoclobber=True)
        user, eventlog = _import(csv_path)
        log = selectors.eventlog_events(eventlog=eventlog)
        print(f"{log.height:,} events, {eventlog.cases:,} cases, {eventlog.variants:,} variants")

        print(f"\n1. engine functions per tab, CPU s, median of {args.repeat} after a warm-up")
        for name, call in _engine_calls(log).items():
            print(f"| {name} | {_cpu(call, args.repeat):.2f} |")

        client = Client()
        client.force_login(user)
        # The process's first request compiles the templates and loads the catalogues (0.2 s
        # CPU): made here, on a page that reads no log, so the first tab below does not carry it.
        assert client.get(reverse("mining:eventlog_list")).status_code == 200
        end = next(iter(discovery.end_activities(log)))
        print(
            f"\n2./3. pages through the test client, wall / CPU s: first view after loading, "
            f"then median of {args.repeat}; filtered: ?slut={end}"
        )
        print("| tab | first | again | filtered first | filtered again |")
        print("| --- | --- | --- | --- | --- |")
        for tab in TABS:
            url = reverse(f"mining:eventlog_{tab}", args=[eventlog.pk])
            unfiltered = _client_times(client, url, args.repeat)
            filtered = _client_times(client, f"{url}?slut={end}", args.repeat)
            print(f"| {tab} | {unfiltered} | {filtered} |")

        print(
            f"\n4. first page of a fresh worker (caches emptied, log loaded), wall / CPU s, "
            f"median of {args.repeat}"
        )
        print("| tab | fresh worker's first view |")
        print("| --- | --- |")
        for tab in TABS:
            url = reverse(f"mining:eventlog_{tab}", args=[eventlog.pk])
            print(f"| {tab} | {_fresh_worker_times(client, url, eventlog, args.repeat)} |")
        for endpoint in API_ENDPOINTS:
            url = f"/api/v1/eventlogs/{eventlog.pk}/{endpoint}"
            print(f"| API {endpoint} | {_fresh_worker_times(client, url, eventlog, args.repeat)} |")


if __name__ == "__main__":
    sys.exit(main())
