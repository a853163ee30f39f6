"""Figures of the variants and statistics pages, by hand on the running example (six cases,
six variants of one case each; ranked as PM4Py ranks ties: cases 1, 3, 5, 6, 4, 2)."""

from pathlib import Path

import polars as pl
import pytest

from procesbank.mining.engine import eventlog, figures
from procesbank.mining.engine.filters import VariantPositions, apply_filter, case_ids

EVENT_LOGS = Path(__file__).resolve().parents[3] / "tests" / "data" / "event-logs"


@pytest.fixture(scope="module")
def running() -> pl.DataFrame:
    return eventlog.read_csv(EVENT_LOGS / "running-example.csv")


def test_second_page_of_variants_with_cumulative_coverage(running):
    page = figures.variant_page(running, page=2, per_page=4)

    # Variants 5 and 6 (cases 4 and 2); with them 5 and then 6 of the 6 cases are covered.
    assert [row["position"] for row in page["rows"]] == [5, 6]
    assert [round(row["cumulative_percent"], 1) for row in page["rows"]] == [83.3, 100.0]
    assert page["rows"][1]["variant"][:2] == ["register request", "check ticket"]
    assert (page["page"], page["pages"], page["variants"], page["cases"]) == (2, 2, 6, 6)


def test_coverage_says_how_many_variants_cover_half_most_and_nearly_all(running):
    page = figures.variant_page(running)

    # One case per variant: 3 of 6 is half; 80 % needs 5 (4/6 = 66.7 %); 90 % needs all 6.
    assert page["needed"] == {50: 3, 80: 5, 90: 6}
    assert (page["top"], page["top_percent"]) == (6, 100.0)


def test_a_page_beyond_the_last_shows_the_last(running):
    assert figures.variant_page(running, page=9, per_page=4)["page"] == 2


def test_variants_are_drawn_with_one_colour_per_activity(running):
    row = figures.variant_page(running)["rows"][0]

    hues = {step["name"]: step["hue"] for step in row["steps"]}
    # "check ticket" and "decide" are the most frequent (9 events each; ties by name):
    # hues 0 and round(137.508) = 138.
    assert (hues["check ticket"], hues["decide"]) == (0, 138)
    assert row["length"] == len(row["steps"]) == 5


def test_picked_variants_filter_the_log_and_count_their_cases(running):
    kept = apply_filter(running, VariantPositions((1, 3)))

    assert set(case_ids(kept)) == {"1", "5"}
    assert figures.variant_page(running, picked=(1, 3, 99))["picked_cases"] == 2


def test_slowest_transitions_leave_out_the_rare_ones(running):
    every = figures.slowest_transitions(running, limit=3)
    frequent = figures.slowest_transitions(running, limit=3, min_frequency=3)

    # Medians by hand from the running example's directly-follows steps (days): decide ->
    # pay compensation 6.03 (3 times), examine casually -> decide 4.35 (2), examine
    # thoroughly -> check ticket 3.58 (2), check ticket -> decide 1.50 (6), decide -> reject
    # request 1.13 (3).
    assert [(r["source"], r["target"]) for r in every] == [
        ("decide", "pay compensation"),
        ("examine casually", "decide"),
        ("examine thoroughly", "check ticket"),
    ]
    assert [(r["source"], r["target"]) for r in frequent] == [
        ("decide", "pay compensation"),
        ("check ticket", "decide"),
        ("decide", "reject request"),
    ]


@pytest.mark.parametrize(("cases", "least"), [(6, 2), (199, 2), (201, 3), (1199, 12)])
def test_transitions_ranked_by_time_need_one_percent_of_the_cases(cases, least):
    assert figures.default_min_transitions(cases) == least


def test_histogram_bins_by_hand_with_the_largest_value_in_the_last_bin():
    # 0 to 10 days in 5 bins of 2 days: 0 and 1 in the first, 3 in the second, 9 and 10 in
    # the last (10 would open a sixth bin; it is counted in the fifth).
    histogram = figures._histogram(pl.Series([0.0, 1.0, 3.0, 9.0, 10.0]), bins=5)

    assert histogram == {"edges": [0.0, 2.0, 4.0, 6.0, 8.0, 10.0], "counts": [2, 1, 0, 0, 2]}
