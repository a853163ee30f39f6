"""Discovery figures: hand counts on the running example, PM4Py as oracle on real logs.

PM4Py (AGPL) is imported here only, as an independent implementation to compare with; the
modules under test never import it. Its XES reader is the ``iterparse`` one for the small logs,
so that parsing is independent too; for BPIC15_1 our log is read by our streaming lxml reader
and PM4Py's by rustxes, which keeps the two sides independent at a fraction of iterparse's time.
"""

import json
import warnings
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd
import polars as pl
import pytest

from procesbank.mining.engine import discovery, eventlog, xes

EVENT_LOGS = Path(__file__).resolve().parents[3] / "tests" / "data" / "event-logs"
warnings.filterwarnings("ignore", module="pm4py")


def _pm4py():
    import pm4py

    return pm4py


def _pm4py_frame(name: str) -> pd.DataFrame:
    pm4py = _pm4py()
    path = EVENT_LOGS / name
    if name.endswith(".csv"):
        return pm4py.format_dataframe(
            pd.read_csv(path),
            case_id="case:concept:name",
            activity_key="concept:name",
            timestamp_key="time:timestamp",
        )
    variant = "rustxes" if name.startswith("BPIC") else "iterparse"
    return pm4py.read_xes(str(path), variant=variant, show_progress_bar=False)


@cache
def _our_log(name: str) -> pl.DataFrame:
    path = EVENT_LOGS / name
    if name.startswith("BPIC"):
        raw = xes.read_xes_streaming(path, gzipped=True)
        return eventlog.normalise(
            raw, eventlog.XES_MAPPING, naive_time_zone="UTC", optional_may_miss=True
        )
    return eventlog.read_log(path)


LOGS = [
    "running-example.xes",
    "running-example.csv",
    "receipt.xes.gz",
    "receipt.csv",
    "BPIC15_1.xes.gz",
]


@pytest.fixture(scope="module", params=LOGS)
def pair(request) -> tuple[pl.DataFrame, pd.DataFrame]:
    return _our_log(request.param), _pm4py_frame(request.param)


@pytest.fixture(scope="module")
def running() -> pl.DataFrame:
    return eventlog.read_csv(EVENT_LOGS / "running-example.csv")


# Hand counts on running-example.csv (six cases; see the file sorted by case and time).


def test_summary_of_running_example(running):
    result = discovery.summary(running)

    assert result == discovery.Summary(
        cases=6,
        events=42,
        activities=8,
        resources=6,
        variants=6,
        start=datetime(2010, 12, 30, 10, 2, tzinfo=UTC),
        end=datetime(2011, 1, 24, 13, 56, tzinfo=UTC),
    )


def test_check_ticket_to_decide_by_hand(running):
    # Case 1 once, 3 twice, 5 twice, 6 once; cases 2 and 4 examine between the two.
    edges = discovery.dfg(running)

    edge = edges.filter((pl.col("source") == "check ticket") & (pl.col("target") == "decide"))

    assert edge.select("frequency", "case_frequency").row(0) == (6, 4)


def test_decide_to_reinitiate_times_by_hand(running):
    # Case 3: 09:18 -> 12:18 = 10,800 s; case 5: 10 Jan 13:28 -> 11 Jan 16:18 = 96,600 s and
    # 19 Jan 11:18 -> 20 Jan 12:48 = 91,800 s.
    edges = discovery.dfg(running)

    edge = edges.filter((pl.col("source") == "decide") & (pl.col("target") == "reinitiate request"))

    assert edge.select("frequency", "mean_seconds", "median_seconds", "max_seconds").row(0) == (
        3,
        66_400.0,
        91_800.0,
        96_600.0,
    )


def test_start_and_end_activities_by_hand(running):
    assert discovery.start_activities(running) == {"register request": 6}
    assert discovery.end_activities(running) == {"reject request": 3, "pay compensation": 3}


def test_case_durations_by_hand(running):
    # Case 1: 30 Dec 11:02 -> 7 Jan 14:24 = 8 d 3 h 22 min = 703,320 s, and so on.
    durations = discovery.case_durations(running).sort("case_id")

    assert durations.select("case_id", "duration_seconds").rows() == [
        ("1", 703_320.0),
        ("2", 779_580.0),
        ("3", 1_368_780.0),
        ("4", 520_920.0),
        ("5", 1_576_440.0),
        ("6", 852_300.0),
    ]


def test_case_duration_stats_by_hand(running):
    # Sorted: 520920 703320 779580 852300 1368780 1576440. Median (779580 + 852300) / 2;
    # p90 at rank 0.9 * 5 = 4.5: 1368780 + 0.5 * (1576440 - 1368780).
    assert discovery.case_duration_stats(running) == {
        "min": 520_920.0,
        "median": 815_940.0,
        "mean": 966_890.0,
        "p90": 1_472_610.0,
        "max": 1_576_440.0,
    }


def test_variants_of_running_example_by_hand(running):
    result = discovery.variants(running)

    assert result.height == 6
    assert result.get_column("cases").to_list() == [1] * 6
    # Ties go to the reverse lexicographic sequence: case 1 (register, examine thoroughly ...)
    # first, case 2 (register, check ticket, examine casually ...) last.
    assert result.get_column("variant").to_list()[0] == [
        "register request",
        "examine thoroughly",
        "check ticket",
        "decide",
        "reject request",
    ]
    assert result.row(5, named=True)["mean_seconds"] == 779_580.0


def _prefix_log(extra_activities: int) -> pl.DataFrame:
    """Three one-case variants, <b>, <a, b> and <a>, and one case of ``extra_activities``
    other activities (named "x000" ... after a and b)."""
    cases = [["b"], ["a", "b"], ["a"], [f"x{i:03d}" for i in range(extra_activities)]]
    rows = [
        (f"c{case}", activity, datetime(2024, 1, 1, tzinfo=UTC) + timedelta(minutes=step))
        for case, activities in enumerate(cases)
        for step, activity in enumerate(activities)
    ]
    raw = pl.DataFrame(rows, schema=["case", "activity", "time"], orient="row")
    return eventlog.normalise(raw, eventlog.ColumnMapping("case", "activity", "time"))


@pytest.mark.parametrize("extra_activities", [1, 300])
def test_variant_ties_go_by_reverse_sequence_with_a_prefix_first(extra_activities):
    # PM4Py's order of equally frequent variants is Python's descending order of the tuples:
    # ("x000", ...) > ("b",) > ("a", "b") > ("a",), a prefix below what extends it. With 300
    # activities the variants are keyed by lists of ranks instead of bytes.
    log = _prefix_log(extra_activities)

    result = discovery.variants(log).get_column("variant").to_list()

    assert result[1:] == [["b"], ["a", "b"], ["a"]]
    assert result[0][0] == "x000"


def test_variants_are_the_same_when_activities_are_looked_up_without_a_table(running, monkeypatch):
    expected = discovery.variants(running)
    monkeypatch.setattr("procesbank.mining.engine.percase.MAX_TABLE_CODE", -1)

    result = discovery.variants(running)

    assert result.equals(expected)


def test_case_variants_point_at_variant_rows_by_hand(running):
    # Ranking: case 1, 3, 5, 6 (examine ... first), then 4 and 2 (check ticket first).
    result = discovery.case_variants(running)

    assert dict(result.rows()) == {"1": 0, "3": 1, "5": 2, "6": 3, "4": 4, "2": 5}


def test_rework_by_hand(running):
    # Case 3 repeats check ticket and decide once; case 5 repeats check ticket, decide and
    # examine casually twice and reinitiate request once.
    assert discovery.rework(running).rows() == [
        ("check ticket", 2, 3),
        ("decide", 2, 3),
        ("examine casually", 1, 2),
        ("reinitiate request", 1, 1),
    ]


def test_activity_and_resource_stats_by_hand(running):
    activities = discovery.activity_stats(running)
    resources = discovery.resource_stats(running)

    # check ticket and decide both happen 9 times in 6 cases; ties go by name.
    assert activities.rows()[:2] == [("check ticket", 9, 6, None), ("decide", 9, 6, None)]
    assert resources.select("resource", "frequency").rows() == [
        ("Sara", 12),
        ("Mike", 11),
        ("Ellen", 7),
        ("Pete", 7),
        ("Sean", 3),
        ("Sue", 2),
    ]
    assert resources.row(0, named=True) == {
        "resource": "Sara",
        "frequency": 12,
        "cases": 6,
        "activities": 2,
    }


def test_summary_json_has_exactly_the_agreed_keys(running):
    result = discovery.summary_json(running)

    assert list(result) == [
        "cases",
        "events",
        "activities",
        "variants",
        "dfg",
        "start_activities",
        "end_activities",
        "case_duration_seconds",
    ]
    assert result["dfg"][0].keys() == {"source", "target", "frequency", "median_seconds"}
    assert json.loads(json.dumps(result)) == result


def test_start_timestamps_shape_durations_and_waits(tmp_path):
    path = tmp_path / "interval.csv"
    path.write_text(
        "case,activity,start,end\n"
        "1,a,2024-01-01 09:00,2024-01-01 10:00\n"
        "1,b,2024-01-01 09:30,2024-01-01 12:00\n"
        "1,c,2024-01-01 13:00,2024-01-01 14:00\n"
    )
    mapping = eventlog.ColumnMapping("case", "activity", "end", start_timestamp="start")
    log = eventlog.read_csv(path, mapping, naive_time_zone="UTC")

    edges = discovery.dfg(log).select("source", "target", "mean_seconds")
    activities = discovery.activity_stats(log).sort("activity")

    # b started before a ended: no wait (never negative). c started an hour after b ended.
    assert edges.sort("source").rows() == [("a", "b", 0.0), ("b", "c", 3600.0)]
    assert activities.get_column("median_seconds").to_list() == [3600.0, 9000.0, 3600.0]
    assert discovery.case_durations(log).get_column("duration_seconds").to_list() == [18000.0]


def test_empty_log_gives_zeros_and_no_durations(running):
    empty = running.clear()

    result = discovery.summary_json(empty)

    assert (result["cases"], result["events"], result["variants"], result["dfg"]) == (0, 0, 0, [])
    assert result["case_duration_seconds"] == dict.fromkeys(["min", "median", "mean", "p90", "max"])


# PM4Py as oracle.


def test_dfg_frequencies_equal_pm4py(pair):
    ours, theirs = pair

    dfg, _, _ = _pm4py().discover_dfg(theirs)

    edges = discovery.dfg(ours)
    assert dict(
        zip(zip(edges["source"], edges["target"], strict=True), edges["frequency"], strict=True)
    ) == dict(dfg)


def test_dfg_performance_equals_pm4py(pair):
    ours, theirs = pair

    performance, _, _ = _pm4py().discover_performance_dfg(theirs)

    edges = {(row["source"], row["target"]): row for row in discovery.dfg(ours).to_dicts()}
    assert edges.keys() == performance.keys()
    for edge, figures in performance.items():
        assert edges[edge]["mean_seconds"] == pytest.approx(figures["mean"], rel=1e-12)
        assert edges[edge]["median_seconds"] == pytest.approx(figures["median"], rel=1e-12)
        assert edges[edge]["max_seconds"] == pytest.approx(figures["max"], rel=1e-12)


def test_start_and_end_activities_equal_pm4py(pair):
    ours, theirs = pair
    pm4py = _pm4py()

    assert discovery.start_activities(ours) == pm4py.get_start_activities(theirs)
    assert discovery.end_activities(ours) == pm4py.get_end_activities(theirs)


def test_variants_and_their_order_equal_pm4py(pair):
    ours, theirs = pair

    expected = _pm4py().get_variants(theirs)

    result = discovery.variants(ours)
    got = [(tuple(variant), cases) for variant, cases in result.select("variant", "cases").rows()]
    # PM4Py's top-k filter ranks by (count, sequence), descending.
    assert got == sorted(expected.items(), key=lambda item: (item[1], item[0]), reverse=True)


def test_case_durations_equal_pm4py(pair):
    ours, theirs = pair

    expected = _pm4py().get_all_case_durations(theirs)

    durations = sorted(discovery.case_durations(ours).get_column("duration_seconds").to_list())
    assert durations == pytest.approx(expected, abs=1e-6)
    stats = discovery.case_duration_stats(ours)
    assert stats == pytest.approx(
        {
            "min": np.min(expected),
            "median": np.median(expected),
            "mean": np.mean(expected),
            "p90": np.percentile(expected, 90),
            "max": np.max(expected),
        },
        rel=1e-12,
    )


def test_rework_equals_pm4py(pair):
    ours, theirs = pair

    expected = _pm4py().get_rework_cases_per_activity(theirs)

    assert dict(discovery.rework(ours).select("activity", "cases").rows()) == {
        activity: cases for activity, cases in expected.items() if cases
    }


def test_summary_counts_equal_pm4py(pair):
    ours, theirs = pair

    result = discovery.summary_json(ours)

    assert result["cases"] == theirs["case:concept:name"].nunique()
    assert result["events"] == len(theirs)
    assert result["activities"] == theirs["concept:name"].nunique()
    assert result["variants"] == len(_pm4py().get_variants(theirs))


def test_bpic15_readers_agree():
    path = EVENT_LOGS / "BPIC15_1.xes.gz"

    fast = eventlog.read_xes(path)

    assert fast.equals(_our_log("BPIC15_1.xes.gz"))
    assert (fast.height, fast.get_column("case_id").n_unique()) == (52_217, 1_199)
