"""The pure helpers behind the pages: the layered layout and the discovered as-is model."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.urls import reverse

from procesbank.jobs.models import Job
from procesbank.mining.engine.layout import layered_layout
from procesbank.mining.tests.test_models import import_log
from procesbank.processes.models import Process

DATA = Path(__file__).resolve().parents[3] / "tests" / "data" / "event-logs"


def test_layout_puts_each_node_right_of_its_predecessors_and_ignores_loops():
    positions = layered_layout(["s", "a", "b", "c", "e"], [
        ("s", "a"), ("a", "b"), ("b", "a"), ("a", "c"), ("b", "c"), ("c", "e"),
    ])  # fmt: skip

    layers = {node: position.layer for node, position in positions.items()}
    assert layers == {"s": 0, "a": 1, "b": 2, "c": 3, "e": 4}


def test_layout_stacks_a_layer_heaviest_first():
    positions = layered_layout(["s", "x", "y"], [("s", "x"), ("s", "y")], weights={"y": 5})

    assert positions["y"].y < positions["x"].y
    assert positions["x"].x == positions["y"].x


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_create_asis_process_from_the_overview(
    client, konsulent, media, django_capture_on_commit_callbacks
):
    log = import_log(konsulent)
    client.force_login(konsulent)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("mining:eventlog_asis", kwargs={"eventlog_id": log.pk}),
            {"name": "Erstatning som-er", "noise": 0},
        )

    process = Process.objects.get(name="Erstatning som-er")
    job = Job.objects.get(title__startswith="Som-er proces")
    assert response["Location"] == reverse("mining:eventlog_job", kwargs={"job_id": job.pk})
    assert job.result["url"] == reverse(
        "processes:process_detail", kwargs={"process_id": process.pk}
    )
    assert process.yearly_volume == 6
    # IM (noise 0) allows every one of the six cases; token replay of it fits them all.
    assert "Modellen tillader 6 af 6 sager præcist (100,0 %); fitness ved token-replay 1,000." in (
        process.description
    )
    log.refresh_from_db()
    assert log.process == process
