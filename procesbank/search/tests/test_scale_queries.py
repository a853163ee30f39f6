"""The one search on two data sizes (issue #20), as the list pages' test in
``web/tests/test_scale_queries.py``: the same queries, no query returning more rows on more data
than the search's own cap, and the hits shown loaded alone (a page, however many match). A
search ranks at most ``COUNT_CAP + 1`` rows a group (the task group first ranks a window of
``TaskSearch.WINDOW`` times that on the task rows alone) and loads only the hits shown.

The data is the generator's (``procesbank generate``): 8 municipalities with 30 processes
each, then topped up to 90 each.
"""

from __future__ import annotations

from typing import Any

import pytest

from procesbank.demo.generate import generate
from procesbank.organisations.models import User
from procesbank.processes.search import TaskSearch
from procesbank.search.selectors import COUNT_CAP
from procesbank.web.tests.test_scale_queries import rows_per_query

pytestmark = pytest.mark.django_db

SMALL, LARGE = 30, 90
#: The most rows any query of a search may return, on any amount of data.
CAP = (COUNT_CAP + 1) * TaskSearch.WINDOW
PAGE = 50  # the API's largest page_size

PAGES = [
    "/soeg/?q=byggetilladelse",
    "/soeg/?q=registr%C3%A9r",  # a word of a great many task names
    "/soeg/?q=registr%C3%A9r&type=task",
    "/soeg/?q=registr%C3%A9r&type=task&side=3",
    "/soeg/?q=ans%C3%B8gning&type=process",
    "/api/v1/search?q=byggetilladelse",
    "/api/v1/search?q=registr%C3%A9r&type=task&page_size=50",
]
USERS = ["konsulent.hilleroed", "laeser.hilleroed", "samarbejde.admin"]


def _loads_hits(sql: str) -> bool:
    """A query that loads the shown tasks or processes: it selects their snippet's column."""
    selected = sql.split(" FROM ")[0]
    return '"processes_taskmeasurement"."lane",' in selected or (
        '"processes_process"."purpose",' in selected
    )


def _measure(client: Any, settings: Any) -> tuple[dict[Any, Any], dict[Any, Any]]:
    settings.PROCESBANK_SEARCH_RATE_LIMIT = 10_000
    figures, counts = {}, {}
    for username in USERS:
        client.force_login(User.objects.get(username=username))
        for path in PAGES:
            client.get(path)  # warm caches that a real server keeps between requests
            with rows_per_query() as queries:
                response = client.get(path)
            assert response.status_code == 200, (username, path, response.status_code)
            figures[(username, path)] = queries
            groups = response.json()["groups"] if path.startswith("/api/") else None
            if groups is None:
                groups = [
                    {"kind": g.kind, "count": g.count, "capped": g.capped}
                    for g in response.context["groups"]
                ]
            counts[(username, path)] = {g["kind"]: (g["count"], g["capped"]) for g in groups}
    return figures, counts


def test_the_search_runs_the_same_queries_with_the_same_rows_on_three_times_the_data(
    client, settings
):
    generate(municipalities=8, processes=SMALL, password="demo")
    small, _ = _measure(client, settings)
    generate(municipalities=8, processes=LARGE, password="demo")
    large, counts = _measure(client, settings)

    problems = []
    for key, before in small.items():
        after = large[key]
        if len(after) != len(before):
            problems.append(f"{key}: {len(before)} queries, then {len(after)}")
            continue
        for (sql, rows_before), (_sql, rows_after) in zip(before, after, strict=True):
            # A ranking query returns what matches up to its cap, so it may grow up to it.
            if rows_after > max(rows_before, PAGE, CAP):
                problems.append(f"{key}: {rows_before} rows, then {rows_after}: {sql[:300]}")
            # What is shown is loaded alone: a page of hits, however many matched.
            if _loads_hits(sql) and rows_after > PAGE:
                problems.append(f"{key}: {rows_after} hits loaded to show a page: {sql[:300]}")
    assert not problems, "\n".join(problems)
    # The large data set is large enough to matter: the task group passed its cap.
    assert counts[("laeser.hilleroed", "/soeg/?q=registr%C3%A9r")]["task"] == (COUNT_CAP, True)
