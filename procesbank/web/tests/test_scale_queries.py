"""Every list page on two data sizes (issue #20): the number of queries must stay the same,
and no query may return more rows than before (beyond filling a page). A query whose rows grow
with the data (a filter's choices read from every task row, counts grouped over every visible
row, codes loaded into Python to pick the distinct ones) is what made pages take seconds at
national scale, long before the number of queries changed.

The data is the generator's (``procesbank generate``): 8 municipalities with 30 processes
each, then topped up to 90 each; more than a page of everything in both.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.db import connection
from django.db.backends.utils import CursorWrapper

from procesbank.demo.generate import generate
from procesbank.organisations.models import User

pytestmark = pytest.mark.django_db

SMALL, LARGE = 30, 90
# A query may return up to a page of rows more on more data (a filter that matched fewer than
# a page on the small set fills its page on the large one); beyond that it grows with the data.
PAGE = 50  # the API pages by 50, the pages by 25

PAGES = [
    "/processer/",
    "/processer/?q=ansøgning",
    "/processer/alle-kommuner/?q=ansøgning",
    "/processer/?kle_group=02",
    "/processer/?it_system=KMD+Nexus",
    "/processer/?sort=-updated",
    "/katalog/",
    "/katalog/?q=kontering",
    "/katalog/sammenlign/?kle=02.00",
    "/projekter/",
    "/api/v1/processes",
    "/api/v1/processes?q=ansøgning",
    "/api/v1/catalogue/candidates",
    "/api/v1/catalogue/candidates?q=kontering",
    "/api/v1/projects",
]
USERS = ["konsulent.hilleroed", "samarbejde.admin"]


@contextmanager
def rows_per_query() -> Iterator[list[list[Any]]]:
    """[sql, rows fetched] of each query run inside the block."""
    queries: list[list[Any]] = []
    original: Callable[[CursorWrapper, str], Any] = CursorWrapper.__getattr__

    def counting_getattr(self: CursorWrapper, attr: str) -> Any:
        found = original(self, attr)
        if attr not in {"fetchone", "fetchmany", "fetchall"} or not queries:
            return found

        def fetch(*args: Any, **kwargs: Any) -> Any:
            result = found(*args, **kwargs)
            if attr == "fetchone":
                queries[-1][1] += result is not None
            else:
                queries[-1][1] += len(result)
            return result

        return fetch

    def record(execute: Callable[..., Any], sql: str, *args: Any) -> Any:
        queries.append([sql, 0])
        return execute(sql, *args)

    CursorWrapper.__getattr__ = counting_getattr  # type: ignore[method-assign]
    try:
        with connection.execute_wrapper(record):
            yield queries
    finally:
        CursorWrapper.__getattr__ = original  # type: ignore[method-assign]


def _measure(client: Any) -> dict[tuple[str, str], list[list[Any]]]:
    figures = {}
    for username in USERS:
        client.force_login(User.objects.get(username=username))
        for path in PAGES:
            client.get(path)  # warm caches that a real server keeps between requests
            with rows_per_query() as queries:
                response = client.get(path)
            assert response.status_code == 200, (username, path, response.status_code)
            figures[(username, path)] = queries
    return figures


def test_list_pages_run_the_same_queries_with_the_same_rows_on_three_times_the_data(client):
    generate(municipalities=8, processes=SMALL, password="demo")
    small = _measure(client)
    generate(municipalities=8, processes=LARGE, password="demo")
    large = _measure(client)

    problems = []
    for key, before in small.items():
        after = large[key]
        if len(after) != len(before):
            problems.append(f"{key}: {len(before)} queries, then {len(after)}")
            continue
        for (sql, rows_before), (_sql, rows_after) in zip(before, after, strict=True):
            if rows_after > max(rows_before, PAGE):
                problems.append(f"{key}: {rows_before} rows, then {rows_after}: {sql[:300]}")
    assert not problems, "\n".join(problems)
