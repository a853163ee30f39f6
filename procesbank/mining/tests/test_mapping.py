"""Activity-to-task mapping: suggestions by name, and a renamed log that replays as the
model's own names would."""

from __future__ import annotations

from datetime import UTC, datetime

import polars as pl

from procesbank.mining.engine.mapping import apply_mapping, suggest_mapping

TASKS = ["Modtag ansøgning", "Vurdér sagen", "Afslut ansøgning", "Send afgørelse"]


def test_same_name_in_another_spelling_is_suggested():
    suggestion = suggest_mapping(["modtag ansoegning", "VURDÉR SAGEN", "Send  afgørelse."], TASKS)
    assert suggestion == {
        "modtag ansoegning": "Modtag ansøgning",
        "VURDÉR SAGEN": "Vurdér sagen",
        "Send  afgørelse.": "Send afgørelse",
    }


def test_a_close_name_is_suggested_and_a_different_step_is_not():
    suggestion = suggest_mapping(["Modtag ansøgning (start)", "01_HOOFD_010"], TASKS)
    # "modtag ansoegning start" against "modtag ansoegning": 2*17/(23+17) = 0.85.
    assert suggestion == {"Modtag ansøgning (start)": "Modtag ansøgning"}
    # "Modtag" and "Afslut" differ: 2*12/34 = 0.71 < 0.75, no suggestion.
    assert suggest_mapping(["Afslut ansøgning"], ["Modtag ansøgning"]) == {}


def test_mapping_renames_the_events_and_keeps_the_rest():
    log = pl.DataFrame(
        {
            "case_id": ["1", "1", "1"],
            "activity": ["a_start", "a_end", "other"],
            "timestamp": [datetime(2026, 1, day, tzinfo=UTC) for day in (1, 2, 3)],
        }
    ).with_columns(pl.col("activity").cast(pl.Categorical))

    renamed = apply_mapping(log, {"a_start": "A", "a_end": "A", "other": ""})

    assert renamed.get_column("activity").cast(pl.String).to_list() == ["A", "A", "other"]
    assert renamed.schema["activity"] == pl.Categorical
    assert apply_mapping(log, {}) is log
