"""The demo processes: sound specs, valid BPMN with a complete diagram, figures that add up."""

from __future__ import annotations

import functools
import itertools
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from procesbank.core.errors import UserError
from procesbank.demo.bpmn_models import (
    BEBOERINDSKUDSLAAN,
    DEMO_PROCESSES,
    ENKELTYDELSE,
    HJEMMEHJAELP,
    MAX_TIME_VARIATION,
    FlowSpec,
    ProcessSpec,
    TaskKind,
    ToBeSpec,
    Variant,
    apply_variant,
    build_bpmn,
    check_spec,
    demo_process,
    municipality_variant,
    variants_of,
)
from procesbank.processes.engine.bpmn import BPMN_NS, BPMNDI_NS, NodeCategory, parse_bpmn
from procesbank.processes.engine.kle import validate_handlingsfacet, validate_kle_code
from procesbank.processes.engine.metrics import ProcessMetrics, compare_metrics, process_metrics

DC_NS = "http://www.omg.org/spec/DD/20100524/DC"
DI_NS = "http://www.omg.org/spec/DD/20100524/DI"
XSD = Path(__file__).resolve().parents[3] / "frontend/node_modules/bpmn-moddle/resources/bpmn/xsd"
RATE = Decimal("450")
# The seven demo municipalities (slug, inhabitants), as procesbank/organisations/demo.py has them.
MUNICIPALITIES = [
    ("fredensborg", 41_540),
    ("frederikssund", 46_960),
    ("gribskov", 41_990),
    ("halsnaes", 31_850),
    ("helsingoer", 64_210),
    ("hilleroed", 54_890),
    ("hoersholm", 25_770),
]
CASES = [(spec.slug, variant) for spec in DEMO_PROCESSES for variant in variants_of(spec)]
WITH_TO_BE = [spec.slug for spec in DEMO_PROCESSES if spec.to_be is not None]
SLUGS = [spec.slug for spec in DEMO_PROCESSES]

Rect = tuple[float, float, float, float]  # left, top, right, bottom
Point = tuple[float, float]


@functools.cache
def built(slug: str, variant: Variant) -> bytes:
    return build_bpmn(demo_process(slug), variant=variant)


def metrics(spec: ProcessSpec, variant: Variant = Variant.AS_IS) -> ProcessMetrics:
    doc = parse_bpmn(build_bpmn(spec, variant=variant))
    return process_metrics(
        doc, yearly_volume=spec.yearly_volume, hourly_rate_by_role={}, default_hourly_rate=RATE
    )


def bounds(shape: Any) -> Rect:
    b = shape.find(f"{{{DC_NS}}}Bounds")
    x, y = float(b.get("x")), float(b.get("y"))
    return (x, y, x + float(b.get("width")), y + float(b.get("height")))


def diagram(data: bytes) -> tuple[dict[str, list[Rect]], dict[str, list[list[Point]]]]:
    """Shapes and edges of the file's diagram, by the id of the element they draw."""
    root = etree.fromstring(data)
    shapes: dict[str, list[Rect]] = {}
    for shape in root.iter(f"{{{BPMNDI_NS}}}BPMNShape"):
        shapes.setdefault(shape.get("bpmnElement"), []).append(bounds(shape))
    edges: dict[str, list[list[Point]]] = {}
    for edge in root.iter(f"{{{BPMNDI_NS}}}BPMNEdge"):
        points = [(float(p.get("x")), float(p.get("y"))) for p in edge.iter(f"{{{DI_NS}}}waypoint")]
        edges.setdefault(edge.get("bpmnElement"), []).append(points)
    return shapes, edges


def overlap(a: Rect, b: Rect) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def crosses(a: Point, b: Point, rect: Rect) -> bool:
    (x1, y1), (x2, y2) = a, b
    left, top, right, bottom = rect
    if y1 == y2:
        return top < y1 < bottom and min(x1, x2) < right and max(x1, x2) > left
    return left < x1 < right and min(y1, y2) < bottom and max(y1, y2) > top


def on_border(point: Point, rect: Rect) -> bool:
    x, y = point
    left, top, right, bottom = rect
    inside = left <= x <= right and top <= y <= bottom
    return inside and (x in (left, right) or y in (top, bottom))


def has_loop(spec: ProcessSpec) -> bool:
    successors: dict[str, set[str]] = {}
    for flow in spec.flows:
        successors.setdefault(flow.source, set()).add(flow.target)

    def reaches(start: str, goal: str) -> bool:
        seen, stack = set(), [start]
        while stack:
            key = stack.pop()
            if key == goal:
                return True
            if key not in seen:
                seen.add(key)
                stack.extend(successors.get(key, ()))
        return False

    return any(reaches(flow.target, flow.source) for flow in spec.flows)


# --- the specs ----------------------------------------------------------------------------------


def test_there_are_ten_demo_processes_with_unique_slugs_and_names() -> None:
    assert len(DEMO_PROCESSES) == 10
    assert len(set(SLUGS)) == 10
    assert len({spec.name for spec in DEMO_PROCESSES}) == 10
    assert len(WITH_TO_BE) == 9  # visitation til hjemmehjælp stays a professional judgement


@pytest.mark.parametrize("slug", SLUGS)
def test_spec_is_sound_as_is_and_to_be(slug: str) -> None:
    spec = demo_process(slug)

    for variant in variants_of(spec):
        check_spec(apply_variant(spec, variant))


@pytest.mark.parametrize("slug", SLUGS)
def test_spec_has_the_shape_of_a_consultants_map(slug: str) -> None:
    spec = demo_process(slug)

    assert 5 <= len(spec.tasks) <= 10
    assert 1 <= len(spec.gateways) <= 2
    assert len(spec.lanes) >= 2
    assert spec.description
    assert spec.purpose
    assert spec.legal_basis
    assert validate_kle_code(spec.kle_code) == spec.kle_code
    assert validate_handlingsfacet(spec.handlingsfacet) == spec.handlingsfacet
    assert spec.volume_per_10000 > 0
    for task in spec.tasks:
        low, likely, high = task.minutes
        assert 0 < low <= likely <= high, task.key
        assert task.it_system, task.key


def test_several_specs_have_a_rework_loop() -> None:
    looping = [spec.slug for spec in DEMO_PROCESSES if has_loop(spec)]

    assert looping == [
        "enkeltydelse",
        "byggetilladelse-enfamiliehus",
        "ansaettelse-ny-medarbejder",
        "beboerparkeringslicens",
        "aktindsigt",
        "fakturahaandtering",
    ]


@pytest.mark.parametrize("slug", WITH_TO_BE)
def test_to_be_automates_two_or_more_tasks_down_to_a_couple_of_minutes(slug: str) -> None:
    spec = demo_process(slug)

    to_be = apply_variant(spec, Variant.TO_BE)

    automated = [task for task in to_be.tasks if task.kind is TaskKind.SERVICE]
    assert len(automated) >= 2
    assert all(task.minutes[1] <= 2 and task.automation_note for task in automated)
    assert spec.to_be is not None
    assert to_be.description == spec.to_be.description


def test_to_be_of_a_process_without_one_is_refused() -> None:
    with pytest.raises(UserError) as caught:
        apply_variant(HJEMMEHJAELP, Variant.TO_BE)

    assert str(caught.value) == (
        "Processen »Visitation til hjemmehjælp (personlig og praktisk hjælp)« har ingen "
        "skal-være-model"
    )


def test_check_spec_refuses_odds_that_do_not_add_up() -> None:
    flows = tuple(
        replace(f, probability=0.5) if f.probability == 0.8 else f for f in BEBOERINDSKUDSLAAN.flows
    )

    with pytest.raises(ValueError, match="do not add up to 1"):
        check_spec(replace(BEBOERINDSKUDSLAAN, flows=flows))


def test_check_spec_refuses_a_node_off_the_path_to_an_end() -> None:
    flows = tuple(f for f in BEBOERINDSKUDSLAAN.flows if f.target != "afvist")

    with pytest.raises(ValueError, match="outgoing flows"):
        check_spec(replace(BEBOERINDSKUDSLAAN, flows=flows))


# --- the BPMN files -----------------------------------------------------------------------------


@pytest.mark.parametrize(("slug", "variant"), CASES)
def test_build_bpmn_gives_one_pool_with_its_lanes_and_every_node(
    slug: str, variant: Variant
) -> None:
    spec = apply_variant(demo_process(slug), variant)

    doc = parse_bpmn(built(slug, variant))

    (process,) = doc.processes
    assert process.label == spec.name
    assert len(doc.participants) == 1
    assert {lane.name for lane in process.lanes} <= {lane.name for lane in spec.lanes}
    assert len(doc.nodes) == len(spec.nodes)
    assert len(doc.flows) == len(spec.flows)
    lanes = {lane.key: lane.name for lane in spec.lanes}
    for task in spec.tasks:
        node = doc.nodes[f"Task_{task.key}"]
        assert (node.kind, node.name, node.lane) == (str(task.kind), task.name, lanes[task.lane])
    assert sum(n.kind == "exclusiveGateway" for n in doc.nodes.values()) == len(spec.gateways)


@pytest.mark.parametrize(("slug", "variant"), CASES)
def test_every_node_has_one_shape_and_every_flow_one_edge(slug: str, variant: Variant) -> None:
    data = built(slug, variant)
    doc = parse_bpmn(data)

    shapes, edges = diagram(data)

    assert doc.diagram_count == 1
    assert all(len(shapes.get(node_id, [])) == 1 for node_id in doc.nodes)
    assert all(len(edges.get(flow_id, [])) == 1 for flow_id in doc.flows)
    assert len(shapes[doc.participants[0].id]) == 1
    assert all(len(shapes[lane.id]) == 1 for lane in doc.processes[0].lanes)


@pytest.mark.parametrize(("slug", "variant"), CASES)
def test_no_two_node_shapes_overlap(slug: str, variant: Variant) -> None:
    data = built(slug, variant)
    shapes, _ = diagram(data)
    rects = [shapes[node_id][0] for node_id in parse_bpmn(data).nodes]

    assert not [(a, b) for a, b in itertools.combinations(rects, 2) if overlap(a, b)]


@pytest.mark.parametrize(("slug", "variant"), CASES)
def test_nodes_lie_in_their_lane_and_lanes_stack_in_the_pool(slug: str, variant: Variant) -> None:
    data = built(slug, variant)
    doc = parse_bpmn(data)
    shapes, _ = diagram(data)
    pool = shapes[doc.participants[0].id][0]
    lanes = doc.processes[0].lanes

    lane_rects = [shapes[lane.id][0] for lane in lanes]

    assert lane_rects[0][1] == pool[1]
    assert lane_rects[-1][3] == pool[3]
    assert all(a[3] == b[1] for a, b in itertools.pairwise(lane_rects))
    assert all(r[0] == pool[0] + 30 and r[2] == pool[2] for r in lane_rects)
    for lane, rect in zip(lanes, lane_rects, strict=True):
        for node_id in lane.flow_node_ids:
            left, top, right, bottom = shapes[node_id][0]
            assert rect[0] < left < right < rect[2], node_id
            assert rect[1] < top < bottom < rect[3], node_id


@pytest.mark.parametrize(("slug", "variant"), CASES)
def test_edges_are_orthogonal_join_their_shapes_and_cross_no_other(
    slug: str, variant: Variant
) -> None:
    data = built(slug, variant)
    doc = parse_bpmn(data)
    shapes, edges = diagram(data)

    for flow in doc.flows.values():
        (points,) = edges[flow.id]
        source, target = shapes[flow.source_id][0], shapes[flow.target_id][0]
        others = [shapes[n][0] for n in doc.nodes if n not in (flow.source_id, flow.target_id)]
        segments = list(itertools.pairwise(points))
        assert len(points) >= 2
        assert all(a[0] == b[0] or a[1] == b[1] for a, b in segments), flow.id
        assert on_border(points[0], source), flow.id
        assert on_border(points[-1], target), flow.id
        assert not any(crosses(a, b, rect) for a, b in segments for rect in others), flow.id


@pytest.mark.parametrize(("slug", "variant"), CASES)
def test_every_task_has_measurements_and_every_choice_its_odds(slug: str, variant: Variant) -> None:
    doc = parse_bpmn(built(slug, variant))

    assert all(task.measurements is not None for task in doc.tasks)
    assert all(task.measurements and task.measurements.it_system for task in doc.tasks)
    for node in doc.nodes.values():
        if node.category is NodeCategory.GATEWAY:
            odds = [f.probability for f in doc.flows.values() if f.source_id == node.id]
            known = [p for p in odds if p is not None]
            assert len(known) == len(odds)
            assert sum(known) == pytest.approx(1.0)


@pytest.mark.skipif(not XSD.exists(), reason="the BPMN schema comes with `make assets`")
@pytest.mark.parametrize(("slug", "variant"), CASES)
def test_build_bpmn_is_valid_against_the_bpmn_20_schema(slug: str, variant: Variant) -> None:
    schema = etree.XMLSchema(etree.parse(str(XSD / "BPMN20.xsd")))

    schema.assertValid(etree.fromstring(built(slug, variant)))


@pytest.mark.parametrize("slug", SLUGS)
def test_build_bpmn_gives_the_same_bytes_every_time(slug: str) -> None:
    spec = municipality_variant(demo_process(slug), "gribskov", 41_990)

    assert build_bpmn(spec) == build_bpmn(spec)


def test_build_bpmn_keeps_task_ids_so_versions_compare_task_by_task() -> None:
    as_is = parse_bpmn(built("fakturahaandtering", Variant.AS_IS))
    to_be = parse_bpmn(built("fakturahaandtering", Variant.TO_BE))

    assert [t.id for t in as_is.tasks] == [t.id for t in to_be.tasks]
    assert BPMN_NS in etree.tostring(as_is.tree).decode()


# --- the figures --------------------------------------------------------------------------------


@pytest.mark.parametrize(("slug", "variant"), CASES)
def test_process_metrics_gives_positive_hours(slug: str, variant: Variant) -> None:
    result = metrics(demo_process(slug), variant)

    assert result.hours_per_year > 0
    assert result.unmeasured_task_ids == ()


@pytest.mark.parametrize("slug", WITH_TO_BE)
@pytest.mark.parametrize(("municipality", "population"), [("", 10_000), *MUNICIPALITIES])
def test_to_be_saves_hours_against_the_as_is(slug: str, municipality: str, population: int) -> None:
    spec = demo_process(slug)
    if municipality:
        spec = municipality_variant(spec, municipality, population)

    diff = compare_metrics(metrics(spec), metrics(spec, Variant.TO_BE))

    assert diff.hours_saved_per_year > 0
    assert diff.cost_saved_per_year > 0
    assert diff.added == ()
    assert diff.removed == ()


def test_minutes_per_case_of_beboerindskudslaan_worked_by_hand() -> None:
    # Three-point time (min + 4 × likely + max) / 6 per task, times its visits per case:
    #   kontroller      (5 + 40 + 20) / 6 = 65/6,  1 visit
    #   indkomst        (10 + 60 + 30) / 6 = 100/6, 1 visit
    #   lånedokument    (10 + 60 + 25) / 6 = 95/6,  0.8 visits (income under the limit)
    #   udbetal         (5 + 40 + 15) / 6 = 60/6,  0.8
    #   registrér       (5 + 32 + 15) / 6 = 52/6,  0.8
    #   afslag          (10 + 60 + 25) / 6 = 95/6,  0.2
    # = (65 + 100 + 0.8 × (95 + 60 + 52) + 0.2 × 95) / 6 = (165 + 165.6 + 19) / 6 = 58.2667 min.
    # 40 cases per 10,000 inhabitants: 58.2667 × 40 / 60 = 38.8444 hours a year.
    result = metrics(BEBOERINDSKUDSLAAN)

    assert result.minutes_per_case == pytest.approx(349.6 / 6)
    assert result.hours_per_year == pytest.approx(349.6 / 6 * 40 / 60)


def test_rework_loop_of_enkeltydelse_worked_by_hand() -> None:
    # "Sagen oplyst?" sends 30 % back through "Bed borgeren ..." to the check, so the check runs
    # 1 + 0.3 + 0.3² + ... = 1 / (1 - 0.3) = 10/7 times a case, the request 0.3 × 10/7 = 3/7.
    # The check takes (5 + 40 + 20) / 6 = 65/6 min: 65/6 × 10/7 = 15.4762 min a case.
    tasks = {t.task_id: t for t in metrics(ENKELTYDELSE).tasks}

    assert tasks["Task_vurder_oplysning"].visits == pytest.approx(10 / 7)
    assert tasks["Task_indhent"].visits == pytest.approx(3 / 7)
    assert tasks["Task_vurder_oplysning"].minutes_per_case == pytest.approx(65 / 6 * 10 / 7)


def test_a_removed_task_is_bypassed_and_counted_as_removed() -> None:
    spec = replace(
        BEBOERINDSKUDSLAAN,
        to_be=ToBeSpec(description="Lejekontrakten tjekkes ikke længere", removed=("kontroller",)),
    )

    to_be = apply_variant(spec, Variant.TO_BE)
    diff = compare_metrics(metrics(spec), metrics(spec, Variant.TO_BE))

    assert FlowSpec("modtaget", "indkomst") in to_be.flows
    assert [t.task_id for t in diff.removed] == ["Task_kontroller"]
    assert diff.minutes_saved_per_case == pytest.approx(65 / 6)


# --- municipality_variant -----------------------------------------------------------------------


def test_municipality_variant_scales_the_volume_by_population() -> None:
    spec = municipality_variant(ENKELTYDELSE, "helsingoer", 64_210)

    # 220 cases per 10,000 inhabitants × 6.421 = 1412.62, rounded to 1413.
    assert spec.yearly_volume == 1413
    assert (spec.municipality, spec.population) == ("helsingoer", 64_210)
    assert ENKELTYDELSE.yearly_volume == 220


@pytest.mark.parametrize(("municipality", "population"), MUNICIPALITIES)
def test_municipality_variant_keeps_times_within_twenty_percent(
    municipality: str, population: int
) -> None:
    for base in DEMO_PROCESSES:
        spec = municipality_variant(base, municipality, population)

        for before, after in zip(base.tasks, spec.tasks, strict=True):
            for old, new in zip(before.minutes, after.minutes, strict=True):
                # 0.05 min: the times are rounded to a tenth of a minute.
                assert abs(new - old) <= old * MAX_TIME_VARIATION + 0.05
            assert after.minutes[0] <= after.minutes[1] <= after.minutes[2]


def test_municipality_variant_is_the_same_in_every_run() -> None:
    # Computed once and written down: a change here changes every demo installation's figures.
    spec = municipality_variant(ENKELTYDELSE, "hilleroed", 54_890)

    assert spec == municipality_variant(ENKELTYDELSE, "hilleroed", 54_890)
    # (15, 25, 50) minutes times Hillerød's factor for this task, 0.8067, to a tenth of a minute.
    assert spec.task("vurder_betingelser").minutes == (12.1, 20.2, 40.4)


def test_municipalities_differ_from_each_other() -> None:
    times = {
        slug: [t.minutes for t in municipality_variant(ENKELTYDELSE, slug, people).tasks]
        for slug, people in MUNICIPALITIES
    }

    assert len({tuple(minutes) for minutes in times.values()}) == len(MUNICIPALITIES)


@pytest.mark.parametrize("population", [0, -5, True, 1.5])
def test_municipality_variant_refuses_a_population_that_is_not_a_positive_integer(
    population: Any,
) -> None:
    with pytest.raises(UserError) as caught:
        municipality_variant(ENKELTYDELSE, "gribskov", population)

    assert str(caught.value) == (
        f"Indbyggertallet skal være et positivt helt tal (fik {population})"
    )


def test_municipality_variant_refuses_a_missing_municipality() -> None:
    with pytest.raises(UserError) as caught:
        municipality_variant(ENKELTYDELSE, " ", 10_000)

    assert str(caught.value) == "Kommunen skal angives med sit korte navn (slug)"
