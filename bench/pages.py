"""Page benchmark: every main page and API list at demo scale and at national scale, run by hand.

    PYTHONPATH=. .venv/bin/python bench/pages.py \\
        --demo postgres://postgres@127.0.0.1:5432/scale_demo \\
        --national postgres://postgres@127.0.0.1:5432/scale

The two databases are made beforehand: ``procesbank demo`` in the first, ``procesbank generate
--municipalities 98 --processes 1000`` in the second (the bench does not write to them).

1. Sequential: each page as a konsulent, a reader and the collaboration administrator, in a
   worker process per database (Django's test client, so the time is the server's, without
   network): one warm-up, then ``--repeat`` runs; median, p95 and the number of SQL queries.
2. Concurrent: ``procesbank serve``'s gunicorn (same workers and threads) on each database,
   ``--readers`` threads logged in as readers fetch the reader pages round-robin for
   ``--seconds``; requests per second, p50/p95, errors, and /healthz probed every 0.5 s beside
   them (its worst wait is what a load balancer would see).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shlex
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
USERS = {
    "konsulent": "konsulent.hilleroed",
    "læser": "laeser.hilleroed",
    "samarbejdsadmin": "samarbejde.admin",
}

# The server runs behind no TLS proxy here; without this every request is a redirect to https.
_PLAIN_HTTP = {"PROCESBANK_HTTPS": "0"}


def _pages() -> list[tuple[str, str]]:
    """(label, path) of the pages measured; resolved in the worker (ids differ per database)."""
    from procesbank.processes.models import Process, Visibility

    shared = (
        Process.objects.filter(visibility=Visibility.COLLABORATION, municipality__slug="hilleroed")
        .order_by("id")
        .first()
    )
    pages = [
        ("start page", "/"),
        ("process list", "/processer/"),
        ("process search", "/processer/?q=byggetilladelse"),
        # The search page's "all municipalities (N)" count, loaded after the page.
        ("process search, all-municipality count", "/processer/alle-kommuner/?q=byggetilladelse"),
        ("process list, KLE filter", "/processer/?kle_group=02"),
        ("process list, it-system filter", "/processer/?it_system=KMD+Nexus"),
        ("catalogue", "/katalog/"),
        ("catalogue overview", "/katalog/overblik/"),
        ("KLE comparison", "/katalog/sammenlign/"),
        ("recommended", "/anbefalet/"),
        ("projects", "/projekter/"),
        ("portfolio", "/portefoelje/"),
        ("Effekt", "/effekt/"),
        ("event logs", "/procesanalyse/"),
        ("audit log", "/log/"),
        ("API processes", "/api/v1/processes"),
        ("API process search", "/api/v1/processes?q=byggetilladelse"),
        ("API candidates", "/api/v1/catalogue/candidates"),
        ("API projects", "/api/v1/projects"),
        # The one search over everything: the words of processes and of a task name (about 18k
        # version tasks nationally), one that most task names hold ("registrér", about 150k),
        # one group paged, and its API.
        ("global search", "/soeg/?q=byggetilladelse"),
        ("global search, common task word", "/soeg/?q=registr%C3%A9r"),
        ("global search, tasks only", "/soeg/?q=byggetilladelse&type=task"),
        ("API global search", "/api/v1/search?q=byggetilladelse"),
        ("healthz", "/healthz"),
    ]
    if shared is not None:
        pages.insert(2, ("process detail", f"/processer/{shared.pk}/"))
    return pages


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def measure(repeat: int) -> dict[str, Any]:
    """In the worker: sequential figures of every page for every user, as JSON."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "procesbank.settings")
    import django

    django.setup()
    import logging

    logging.disable(logging.ERROR)  # a reader's 403 on the audit log is expected, not news
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from procesbank.organisations.models import User
    from procesbank.processes.models import Process, ProcessVersion, TaskMeasurement

    results: list[dict[str, Any]] = []
    pages = _pages()
    for role, username in USERS.items():
        client = Client(HTTP_HOST="localhost")
        client.force_login(User.objects.get(username=username))
        for label, path in pages:
            client.get(path)  # warm-up: templates, caches
            times = []
            for _ in range(repeat):
                started = time.perf_counter()
                response = client.get(path)
                times.append((time.perf_counter() - started) * 1000)
            with CaptureQueriesContext(connection) as queries:
                client.get(path)
            results.append(
                {
                    "role": role,
                    "page": label,
                    "path": path,
                    "status": response.status_code,
                    "median_ms": statistics.median(times),
                    "p95_ms": _percentile(times, 0.95),
                    "queries": len(queries),
                }
            )
            print(
                f"  {role:<16} {label:<32} {statistics.median(times):8.1f} ms "
                f"{len(queries):4} queries  HTTP {response.status_code}",
                file=sys.stderr,
            )
    return {
        "results": results,
        "sizes": {
            "processes": Process.objects.count(),
            "versions": ProcessVersion.objects.count(),
            "tasks": TaskMeasurement.objects.count(),
            "users": User.objects.count(),
        },
        "pages": pages,
    }


def session_cookie(username: str) -> str:
    """In the worker: a logged-in session for ``username`` (the concurrent readers use it)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "procesbank.settings")
    import django

    django.setup()
    from django.test import Client

    from procesbank.organisations.models import User

    client = Client()
    client.force_login(User.objects.get(username=username))
    return client.cookies["sessionid"].value


def _worker(database_url: str, *args: str) -> str:
    env = {**os.environ, "DATABASE_URL": database_url, "PYTHONPATH": str(ROOT), **_PLAIN_HTTP}
    done = subprocess.run(  # progress goes straight to stderr: a national run takes a while
        [sys.executable, __file__, *args], env=env, check=True, stdout=subprocess.PIPE, text=True
    )
    return done.stdout


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def concurrent(
    database_url: str,
    pages: list[tuple[str, str]],
    readers: int,
    seconds: int,
    serve_args: list[str] | None = None,
) -> dict[str, Any]:
    """Start the production server on the database; ``readers`` threads fetch pages."""
    import requests

    port, health_port = _free_port(), _free_port()
    env = {**os.environ, "DATABASE_URL": database_url, "PYTHONPATH": str(ROOT), **_PLAIN_HTTP}
    # The readers share one login and click without pause (about 30 searches a minute each):
    # the search's budget per user (60 a minute, a guard against one person's script) would
    # answer them 429 within seconds. Throughput is measured here, not that guard.
    env["PROCESBANK_SEARCH_RATE_LIMIT"] = "1000000"
    server = subprocess.Popen(
        [
            *(sys.executable, "-m", "procesbank.cli", "serve", "--port", str(port)),
            *("--no-worker", "--health-port", str(health_port)),
            *(serve_args or []),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                if requests.get(f"{base}/healthz", timeout=2).status_code == 200:
                    break
            except requests.RequestException:
                time.sleep(0.5)
        cookie = _worker(database_url, "--session", USERS["læser"]).strip()
        paths = [p for label, p in pages if label != "healthz"]
        latencies: list[float] = []
        errors: list[str] = []
        health: list[float] = []
        health_port_times: list[float] = []
        stop = time.monotonic() + seconds
        lock = threading.Lock()

        def reader(offset: int) -> None:
            session = requests.Session()
            session.cookies.set("sessionid", cookie)
            k = offset
            while time.monotonic() < stop:
                path = paths[k % len(paths)]
                k += 1
                started = time.perf_counter()
                try:
                    status = session.get(base + path, timeout=120).status_code
                except requests.RequestException as error:
                    status = 0
                    with lock:
                        errors.append(f"{path}: {type(error).__name__}")
                elapsed = (time.perf_counter() - started) * 1000
                with lock:
                    latencies.append(elapsed)
                    if status >= 400:
                        errors.append(f"{path}: {status}")

        def prober(url: str, times: list[float]) -> None:
            while time.monotonic() < stop:
                started = time.perf_counter()
                with contextlib.suppress(requests.RequestException):
                    requests.get(url, timeout=60)
                times.append((time.perf_counter() - started) * 1000)
                time.sleep(0.5)

        threads = [threading.Thread(target=reader, args=(i,)) for i in range(readers)]
        threads.append(threading.Thread(target=prober, args=(base + "/healthz", health)))
        health_url = f"http://127.0.0.1:{health_port}/healthz"
        threads.append(threading.Thread(target=prober, args=(health_url, health_port_times)))
        began = time.monotonic()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.monotonic() - began
    finally:
        server.terminate()
        server.wait(timeout=30)
    return {
        "readers": readers,
        "requests": len(latencies),
        "rps": len(latencies) / wall,
        "p50_ms": _percentile(latencies, 0.5) if latencies else None,
        "p95_ms": _percentile(latencies, 0.95) if latencies else None,
        "errors": len(errors),
        "error_examples": sorted(set(errors))[:5],
        "healthz_max_ms": max(health) if health else None,
        "healthz_p95_ms": _percentile(health, 0.95) if health else None,
        "health_port_max_ms": max(health_port_times) if health_port_times else None,
        "health_port_p95_ms": (_percentile(health_port_times, 0.95) if health_port_times else None),
    }


def _table(demo: dict[str, Any], national: dict[str, Any]) -> str:
    by_key = {(r["role"], r["page"]): r for r in national["results"]}
    lines = [
        "| page | role | demo median / p95 ms (queries) | national median / p95 ms (queries) |",
        "| --- | --- | ---: | ---: |",
    ]
    for row in demo["results"]:
        other = by_key.get((row["role"], row["page"]))
        if other is None:
            continue

        def cell(r: dict[str, Any]) -> str:
            if r["status"] == 403:
                return "not allowed"
            mark = "" if r["status"] < 400 else f" HTTP {r['status']}"
            return f"{r['median_ms']:.0f} / {r['p95_ms']:.0f} ({r['queries']}){mark}"

        lines.append(f"| {row['page']} | {row['role']} | {cell(row)} | {cell(other)} |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--demo", default="postgres://postgres@127.0.0.1:5432/scale_demo")
    parser.add_argument("--national", default="postgres://postgres@127.0.0.1:5432/scale")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--readers", type=int, nargs="*", default=[20])
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--sequential-only", action="store_true")
    parser.add_argument(
        "--serve",
        default="",
        help='more options for procesbank serve under the readers, e.g. "--workers 3 --threads 2"',
    )
    parser.add_argument("--json", help="also write all figures to this file")
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--session", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.repeat)))
        return 0
    if args.session:
        print(session_cookie(args.session))
        return 0

    load = os.getloadavg()
    figures: dict[str, Any] = {"load_before": load}
    for scale in ("demo", "national"):
        url = getattr(args, scale)
        print(f"== {scale}: sequential ({url})", file=sys.stderr)
        figures[scale] = json.loads(_worker(url, "--measure", "--repeat", str(args.repeat)))
    print(f"Sizes: demo {figures['demo']['sizes']}, national {figures['national']['sizes']}")
    print(f"Load average before the run: {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} (2 cores)\n")
    print(_table(figures["demo"], figures["national"]))
    if not args.sequential_only:
        print(
            "\n| scale | readers | requests/s | p50 ms | p95 ms | errors | /healthz max ms "
            "| health port max ms |"
        )
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        for readers in args.readers:
            for scale in ("demo", "national"):
                print(f"== {scale}: {readers} concurrent readers", file=sys.stderr)
                # Only what a reader may open (the audit log is the administrators').
                allowed = {
                    r["page"]
                    for r in figures[scale]["results"]
                    if r["role"] == "læser" and r["status"] < 400
                }
                pages = [tuple(p) for p in figures[scale]["pages"] if p[0] in allowed]
                result = concurrent(
                    getattr(args, scale), pages, readers, args.seconds, shlex.split(args.serve)
                )
                figures[f"{scale}_concurrent_{readers}"] = result
                print(
                    f"| {scale} | {readers} | {result['rps']:.1f} | {result['p50_ms']:.0f} | "
                    f"{result['p95_ms']:.0f} | {result['errors']} | "
                    f"{result['healthz_max_ms']:.0f} | {result['health_port_max_ms']:.0f} |",
                    flush=True,
                )
                if result["error_examples"]:
                    print(f"   errors: {result['error_examples']}", file=sys.stderr)
    print(f"\nLoad average after the run: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
