"""The process map and the lead-time histogram carry their figures as tables (WCAG 1.1.1),
rendered by the server from the same data the browser draws."""

from __future__ import annotations

import json
import re

import pytest
from django.urls import reverse

from procesbank.mining.tests.test_models import import_log

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def log(konsulent):
    return import_log(konsulent)  # the running example: 6 cases, each registered once


def _page(client, user, name, log, **params):
    client.force_login(user)
    response = client.get(reverse(name, kwargs={"eventlog_id": log.pk}), params)
    assert response.status_code == 200
    return response.content.decode()


def _script(content, element_id):
    start = content.index(">", content.index(f'id="{element_id}"')) + 1
    return json.loads(content[start : content.index("</script>", start)])


def _rows(content, caption):
    """The body rows of the table with that caption, each as a list of cell texts."""
    table = content[content.index(caption) :]
    body = table[table.index("<tbody>") : table.index("</tbody>")]
    return [
        [
            " ".join(re.sub(r"<[^>]+>", "", cell).split())
            for cell in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S)
        ]
        for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)
    ]


def test_map_tables_list_every_drawn_activity_and_arc(client, konsulent, log):
    content = _page(client, konsulent, "mining:eventlog_map", log, stier=100)

    graph = _script(content, "map-data")
    activities = _rows(content, "Aktiviteter på kortet")
    arcs = _rows(content, "Pile på kortet")
    assert len(activities) == sum(1 for node in graph["nodes"] if node["kind"] == "activity")
    assert len(arcs) == len(graph["edges"])
    # Every case is registered once and starts there: 6 events in 6 cases, 6 arcs from start.
    assert ["register request", "6", "6"] in [row[:3] for row in activities]
    assert ["Start", "register request", "6", "6"] in [row[:4] for row in arcs]
    assert '<figure class="chart-figure" aria-labelledby="map-caption">' in content


def test_histogram_table_has_one_row_per_bar_and_all_six_cases(client, konsulent, log):
    content = _page(client, konsulent, "mining:eventlog_overview", log)

    chart = _script(content, "histogram-data")["histogram"]
    rows = _rows(content, "Antal sager pr. gennemløbstid")
    assert [row[0] for row in rows] == chart["labels"]
    assert sum(int(row[1]) for row in rows) == 6
    assert 'aria-describedby="histogram-table"' in content
