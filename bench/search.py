"""Search benchmark: the one search over everything at national scale, run by hand.

    createdb -h 127.0.0.1 -U postgres scale
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/scale .venv/bin/python manage.py migrate
    DATABASE_URL=... .venv/bin/procesbank generate --municipalities 20 --processes 1000
    psql -h 127.0.0.1 -U postgres scale -c ANALYZE     # as autovacuum would, after a bulk load
    DATABASE_URL=... PYTHONPATH=. .venv/bin/python bench/search.py

For each query: the results page (``/soeg/?q=...``, Django's test client in this process, so
the time is the server's without network) and each provider alone, as a consultant of
Hillerød; one warm-up, then ``--repeat`` runs; median and worst, and the number of SQL queries
(which must not grow with the number of hits).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
QUERIES = [
    "byggetilladelse",  # matches thousands of processes and tasks across the country
    "byggetilladelser",  # the same, stemmed
    "ansøgning",  # the most common word in the generated library
    "digital post",  # two words, a handful of candidates
    "02.34",  # a KLE number
    "Nexus",  # an IT system
    "zebraovergang",  # nothing
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--user", default="konsulent.hilleroed")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "procesbank.settings")
    os.environ.setdefault("PROCESBANK_HTTPS", "0")
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    from procesbank.kit.search import SearchFilters, search_providers
    from procesbank.organisations.models import User
    from procesbank.processes.models import Process, TaskMeasurement

    # Static files unhashed: the bench needs no collectstatic (the page's time is the same).
    plain = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    override_settings(STORAGES={**settings.STORAGES, "staticfiles": plain}).enable()
    user = User.objects.get(username=args.user)
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    print(
        f"{connection.vendor}, {Process.objects.count():,} processes, "
        f"{TaskMeasurement.objects.count():,} task rows; user {user.username}"
    )

    def timed(run):
        run()  # warm-up
        times = []
        with CaptureQueriesContext(connection) as ctx:
            for _ in range(args.repeat):
                started = time.perf_counter()
                run()
                times.append((time.perf_counter() - started) * 1000)
        return statistics.median(times), max(times), len(ctx.captured_queries) // args.repeat

    providers = search_providers()
    head = ["query", "page ms", "worst", "SQL"] + [f"{p.kind} ms" for p in providers]
    print("| " + " | ".join(head) + " |")
    print("| --- " + "| ---: " * (len(head) - 1) + "|")
    for query in QUERIES:

        def page(query: str = query) -> None:
            response = client.get("/soeg/", {"q": query})
            assert response.status_code == 200, response.status_code

        median, worst, queries = timed(page)
        cells = [query, f"{median:.0f}", f"{worst:.0f}", str(queries)]
        for provider in providers:

            def one(provider=provider, query: str = query) -> None:
                provider.search(user=user, query=query, filters=SearchFilters(), limit=101)

            cells.append(f"{timed(one)[0]:.0f}")
        print("| " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
