"""The pure helpers behind the pages: the layered layout and the discovered as-is model."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.urls import reverse

from procesbank.mining.engine.asis import discover_asis
from procesbank.mining.engine.eventlog import read_xes
from procesbank.mining.engine.layout import layered_layout
from procesbank.mining.tests.test_models import import_log
from procesbank.processes.engine.bpmn import parse_bpmn
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


def test_asis_model_of_running_example_has_every_activity_and_xor_gateways():
    model = discover_asis(read_xes(DATA / "running-example.xes"), name="Erstatning", min_share=0)

    doc = parse_bpmn(model.bpmn_xml)
    names = sorted(node.name for node in doc.nodes.values() if node.kind == "task")
    assert len(names) == 8
    assert "register request" in names
    assert (model.variants, model.covered_cases, model.measured) == (6, 6, False)
    # 6 cases over 25 days: a year's worth is the count itself (no extrapolation).
    assert model.yearly_volume == 6


def test_asis_threshold_keeps_fewer_variants():
    model = discover_asis(read_xes(DATA / "receipt.xes.gz"), name="Modtagelse", min_share=0.05)

    # receipt: 1,434 cases over about 1.2 years (2010-12-30 .. 2012-03-..).
    assert model.variants < 116
    assert model.covered_cases >= 1434 * 0.5


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_create_asis_process_from_the_overview(client, konsulent, media):
    log = import_log(konsulent)
    client.force_login(konsulent)

    response = client.post(
        reverse("mining:eventlog_asis", kwargs={"eventlog_id": log.pk}),
        {"name": "Erstatning som-er", "min_share": 10},
    )

    process = Process.objects.get(name="Erstatning som-er")
    assert response["Location"] == reverse(
        "processes:process_detail", kwargs={"process_id": process.pk}
    )
    assert process.yearly_volume == 6
    log.refresh_from_db()
    assert log.process == process
