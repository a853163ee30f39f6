"""`procesbank mine` prints the figures PM4Py computes for the same log."""

from __future__ import annotations

import json
from pathlib import Path

import pm4py
import pytest

from procesbank import cli

LOGS = Path(__file__).resolve().parents[3] / "tests" / "data" / "event-logs"


@pytest.fixture(scope="module")
def pm4py_receipt():
    import pandas as pd

    frame = pd.read_csv(LOGS / "receipt.csv")
    return pm4py.format_dataframe(
        frame,
        case_id="case:concept:name",
        activity_key="concept:name",
        timestamp_key="time:timestamp",
    )


def test_mine_json_equals_pm4py_on_receipt_csv(capsys, pm4py_receipt):
    code = cli.main(
        [
            "mine",
            str(LOGS / "receipt.csv"),
            "--case",
            "case:concept:name",
            "--activity",
            "concept:name",
            "--timestamp",
            "time:timestamp",
            "--json",
        ]
    )
    ours = json.loads(capsys.readouterr().out)

    dfg, starts, ends = pm4py.discover_dfg(pm4py_receipt)
    durations = sorted(pm4py.get_all_case_durations(pm4py_receipt))
    assert code == 0
    assert (ours["cases"], ours["events"]) == (1434, 8577)  # as SOURCES.md says
    assert ours["variants"] == len(pm4py.get_variants(pm4py_receipt))
    assert {(e["source"], e["target"]): e["frequency"] for e in ours["dfg"]} == dict(dfg)
    assert ours["start_activities"] == dict(starts)
    assert ours["end_activities"] == dict(ends)
    assert ours["case_duration_seconds"]["min"] == pytest.approx(durations[0])
    assert ours["case_duration_seconds"]["max"] == pytest.approx(durations[-1])


def test_mine_refuses_half_a_mapping(capsys):
    code = cli.main(["mine", str(LOGS / "receipt.csv"), "--case", "x"])

    assert code == 2
    assert "--case, --activity and --timestamp" in capsys.readouterr().err


def test_mine_reports_a_broken_file_in_danish(capsys, tmp_path):
    broken = tmp_path / "broken.xes"
    broken.write_bytes(b"<log><trace><event>")

    assert cli.main(["mine", str(broken)]) == 1
    assert "Loggen kunne ikke læses" in capsys.readouterr().err
