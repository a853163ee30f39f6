"""Naming activities by another attribute: BPIC15_1's readable activityNameEN, checked
against PM4Py's directly-follows graph with the same activity key."""

import warnings
from pathlib import Path

import polars as pl
import pytest

from procesbank.mining.engine import discovery, eventlog
from procesbank.mining.engine.labels import WITH_LIFECYCLE, activity_attributes, relabel

EVENT_LOGS = Path(__file__).resolve().parents[3] / "tests" / "data" / "event-logs"
warnings.filterwarnings("ignore", module="pm4py")


@pytest.fixture(scope="module")
def bpic() -> pl.DataFrame:
    return eventlog.read_log(EVENT_LOGS / "BPIC15_1.xes.gz")


def test_text_event_attributes_can_name_activities(bpic):
    assert activity_attributes(bpic) == [
        "action_code",
        "activityNameEN",
        "activityNameNL",
        "dateStop",
        "monitoringResource",
        "question",
    ]


def test_english_names_give_pm4pys_directly_follows_graph(bpic):
    import pm4py

    named = relabel(bpic, "activityNameEN")

    frame = pm4py.read_xes(str(EVENT_LOGS / "BPIC15_1.xes.gz"))
    graph, starts, ends = pm4py.discover_dfg(
        frame,
        activity_key="activityNameEN",
        case_id_key="case:concept:name",
        timestamp_key="time:timestamp",
    )
    ours = {(r["source"], r["target"]): r["frequency"] for r in discovery.dfg(named).to_dicts()}
    assert ours == dict(graph)
    assert discovery.start_activities(named) == dict(starts)
    assert discovery.end_activities(named) == dict(ends)
    assert discovery.summary(named).activities == 289


def test_name_with_lifecycle(tmp_path):
    rows = ["case:concept:name,concept:name,time:timestamp,lifecycle:transition"]
    rows += [
        "1,A,2026-01-01T10:00:00+00:00,start",
        "1,A,2026-01-01T11:00:00+00:00,complete",
        "1,B,2026-01-01T12:00:00+00:00,complete",
    ]
    path = tmp_path / "life.csv"
    path.write_text("\n".join(rows) + "\n")
    log = eventlog.read_csv(path)
    if "lifecycle" not in log.columns:
        pytest.skip("the CSV reader keeps no lifecycle column")

    named = relabel(log, WITH_LIFECYCLE)

    assert named.get_column("activity").cast(pl.String).to_list() == [
        "A (start)",
        "A (complete)",
        "B (complete)",
    ]


def test_an_attribute_that_names_nothing_is_refused(bpic):
    with pytest.raises(ValueError):
        relabel(bpic, "case:caseStatus")
