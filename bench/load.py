"""Load benchmark: concurrent readers over the main pages and API lists, then where a page's
time goes. Run by hand, never in the tests:

    .venv/bin/python bench/load.py                     # 50 readers, 60 s, PostgreSQL
    .venv/bin/python bench/load.py --clients 20 --seconds 30 --db procesbank_bench

It prepares its own PostgreSQL database (``--db``, default ``procesbank_bench`` on
``--pg``): migrations, collected static files and the demo data, once. Then it starts
``procesbank serve`` (gunicorn, production settings: DEBUG off, whitenoise) on ``--port`` and
lets ``--clients`` threads read for ``--seconds``: each signed in as a demo consultant (a
session cookie for the pages, a personal API token for the API), each walking the URL list
from its own starting point with a keep-alive connection. A reader waits for its answer before
it asks again, as a person would (closed loop), so the figure is what the server sustains.

Printed: requests per second, p50/p95/p99 latency and errors (any answer but 200, and
connection failures) overall and per URL, the load average before and after (the clients run
on the same machine and take CPU too), and, per page, where a single request's time goes when
the server is otherwise idle: SQL (time and number of queries), template rendering, and the
rest (Python in views, selectors, middleware).
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import subprocess
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
USERNAME = "konsulent.hilleroed"

PAGES = [
    "/",
    "/processer/",
    "/procesanalyse/",
    "/katalog/",
    "/katalog/overblik/",
    "/katalog/genbrug/",
    "/projekter/",
    "/portefoelje/",
    "/kompetencer/",
]
API_LISTS = [
    "/api/v1/processes",
    "/api/v1/catalogue/processes",
    "/api/v1/catalogue/candidates",
    "/api/v1/projects",
    "/api/v1/eventlogs",
    "/api/v1/competence/cohorts",
]


def _environment(args: argparse.Namespace) -> dict[str, str]:
    var = ROOT / "var" / "bench"
    return {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "DJANGO_SETTINGS_MODULE": "procesbank.settings",
        "DATABASE_URL": f"{args.pg.rstrip('/')}/{args.db}",
        "DEBUG": "0",
        "PROCESBANK_HTTPS": "0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "PROCESBANK_VAR_DIR": str(var),
        "SECRET_KEY": "bench-" + "k" * 50,
        "AXES_ENABLED": "0",
    }


def _run(command: list[str], env: dict[str, str]) -> None:
    subprocess.run(command, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def prepare(args: argparse.Namespace, env: dict[str, str]) -> None:
    """The database (created if missing), migrations, static files and the demo data."""
    import psycopg

    with psycopg.connect(f"{args.pg.rstrip('/')}/postgres", autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", (args.db,)
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{args.db}"')
    python = sys.executable
    _run([python, "manage.py", "migrate", "--noinput"], env)
    _run([python, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"], env)
    _run([python, "-m", "procesbank.cli", "demo"], env)


def credentials(env: dict[str, str]) -> tuple[str, str]:
    """A session id and an API token of the demo consultant, made in the benchmark's database."""
    os.environ.update(env)
    import django

    django.setup()
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from procesbank.organisations.models import User
    from procesbank.organisations.services import api_token_create

    user = User.objects.get(username=USERNAME)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    _token, raw = api_token_create(user=user, name=f"bench {time.time():.0f}")
    return session.session_key or "", raw


def _detail_urls() -> list[str]:
    """One process, candidate and project page of the consultant's own municipality."""
    from procesbank.catalogue.models import Candidate
    from procesbank.processes.models import Process
    from procesbank.projects.models import Project

    urls = []
    user_municipality = {"municipality__slug": "hilleroed"}
    process = Process.objects.filter(**user_municipality).order_by("pk").first()
    if process:
        urls.append(f"/processer/{process.pk}/")
    candidate = Candidate.objects.filter(**user_municipality).order_by("pk").first()
    if candidate:
        urls.append(f"/katalog/kandidater/{candidate.pk}/")
    project = Project.objects.filter(**user_municipality).order_by("pk").first()
    if project:
        urls.append(f"/projekter/{project.pk}/")
    return urls


def _headers(url: str, session: str, token: str) -> dict[str, str]:
    if url.startswith("/api/"):
        return {"Authorization": f"Bearer {token}"}
    return {"Cookie": f"sessionid={session}"}


def _get(connection: http.client.HTTPConnection, url: str, headers: dict[str, str]) -> int:
    connection.request("GET", url, headers=headers)
    response = connection.getresponse()
    response.read()
    return response.status


class Reader(threading.Thread):
    def __init__(self, port: int, urls: list[str], session: str, token: str, stop: float) -> None:
        super().__init__(daemon=True)
        self.port, self.urls, self.session, self.token, self.stop = port, urls, session, token, stop
        self.samples: list[tuple[str, float, int]] = []  # url, seconds, status (0: failed)

    def run(self) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        position = random.randrange(len(self.urls))
        while time.monotonic() < self.stop:
            url = self.urls[position % len(self.urls)]
            position += 1
            started = time.monotonic()
            try:
                status = _get(connection, url, _headers(url, self.session, self.token))
            except (OSError, http.client.HTTPException):
                status = 0
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            self.samples.append((url, time.monotonic() - started, status))
        connection.close()


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))
    return ordered[index]


def _line(label: str, times: list[float], errors: int, width: int) -> str:
    ms = [t * 1000 for t in times]
    return (
        f"{label:<{width}} {len(ms):>7} {_percentile(ms, 0.5):>8.0f} {_percentile(ms, 0.95):>8.0f}"
        f" {_percentile(ms, 0.99):>8.0f} {errors:>7}"
    )


def serve(args: argparse.Namespace, env: dict[str, str]) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(
        [
            *(sys.executable, "-m", "procesbank.cli", "serve"),
            *("--port", str(args.port), "--workers", str(args.workers)),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", args.port, timeout=5)
            if _get(connection, "/healthz", {}) == 200:
                return server
        except OSError:
            time.sleep(0.5)
    server.terminate()
    raise SystemExit("procesbank serve did not answer /healthz within 60 s")


def load(args: argparse.Namespace, urls: list[str], session: str, token: str) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", args.port, timeout=60)
    for url in urls:  # warm up each worker's caches, and refuse to measure a broken page
        status = _get(connection, url, _headers(url, session, token))
        if status != 200:
            raise SystemExit(f"{url} answered {status} before the run")
    before = os.getloadavg()
    stop = time.monotonic() + args.seconds
    readers = [Reader(args.port, urls, session, token, stop) for _ in range(args.clients)]
    started = time.monotonic()
    for reader in readers:
        reader.start()
    for reader in readers:
        reader.join()
    elapsed = time.monotonic() - started
    after = os.getloadavg()

    samples = [sample for reader in readers for sample in reader.samples]
    by_url: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, int] = defaultdict(int)
    for url, seconds, status in samples:
        by_url[url].append(seconds)
        if status != 200:
            errors[url] += 1
    width = max(len(url) for url in urls) + 2
    print(
        f"\n{args.clients} readers, {elapsed:.0f} s, gunicorn {args.workers} workers x 4 threads,"
        f" PostgreSQL, {os.cpu_count()} cores"
    )
    print(f"load average before {before[0]:.2f}, after {after[0]:.2f} (1 min)")
    print(f"{len(samples) / elapsed:.1f} requests/s, {sum(errors.values())} errors\n")
    print(
        f"{'URL':<{width}} {'requests':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>7}"
    )
    print(_line("all", [s[1] for s in samples], sum(errors.values()), width))
    for url in urls:
        print(_line(url, by_url[url], errors[url], width))


def profile(urls: list[str], repeat: int) -> None:
    """Each page alone, in this process against the same database: SQL, templates, the rest."""
    from django.db import connection
    from django.template.backends.django import Template
    from django.test import Client

    from procesbank.organisations.models import User

    client = Client()
    client.force_login(User.objects.get(username=USERNAME))
    clock: dict[str, float] = {"sql": 0.0, "queries": 0, "template": 0.0}
    depth = {"template": 0}

    def timed_sql(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            clock["sql"] += time.perf_counter() - started
            clock["queries"] += 1

    original = Template.render

    def timed_render(self: Any, *a: Any, **k: Any) -> Any:
        depth["template"] += 1
        started = time.perf_counter()
        try:
            return original(self, *a, **k)
        finally:
            depth["template"] -= 1
            if depth["template"] == 0:
                clock["template"] += time.perf_counter() - started

    Template.render = timed_render  # type: ignore[method-assign]
    print(f"\nOne request at a time (median of {repeat}), ms: where a page's time goes")
    print(f"{'URL':<34} {'total':>7} {'SQL':>7} {'queries':>8} {'templates*':>10} {'rest':>7}")
    try:
        with connection.execute_wrapper(timed_sql):
            for url in urls:
                if url.startswith("/api/"):
                    continue
                client.get(url)  # the first request loads what stays loaded (not counted)
                runs = []
                for _ in range(repeat):
                    clock.update(sql=0.0, queries=0, template=0.0)
                    started = time.perf_counter()
                    response = client.get(url)
                    total = time.perf_counter() - started
                    runs.append((total, clock["sql"], clock["queries"], clock["template"]))
                    assert response.status_code == 200, (url, response.status_code)
                total, sql, queries, template = sorted(runs)[len(runs) // 2]
                # Templates evaluate lazy querysets, so their time includes SQL run inside them;
                # "rest" is total minus SQL minus the templates' own (non-SQL) share.
                print(
                    f"{url:<34} {total * 1000:>7.0f} {sql * 1000:>7.0f} {queries:>8}"
                    f" {template * 1000:>10.0f} {(total - max(sql, template)) * 1000:>7.0f}"
                )
    finally:
        Template.render = original  # type: ignore[method-assign]
    print("* templates: time inside the outermost render, SQL evaluated there included")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--pg", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--db", default="procesbank_bench")
    parser.add_argument("--skip-setup", action="store_true", help="the database is ready")
    parser.add_argument("--profile-repeat", type=int, default=5)
    args = parser.parse_args()

    env = _environment(args)
    if not args.skip_setup:
        prepare(args, env)
    session, token = credentials(env)
    urls = PAGES + _detail_urls() + API_LISTS
    server = serve(args, env)
    try:
        load(args, urls, session, token)
    finally:
        server.terminate()
        server.wait(timeout=30)
    profile(urls, args.profile_repeat)


if __name__ == "__main__":
    main()
