"""Filters: hand counts on the running example, PM4Py's filters as oracle on receipt."""

import warnings
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import polars as pl
import pytest

from procesbank.mining.engine import discovery, eventlog
from procesbank.mining.engine.filters import (
    ActivityPresence,
    AttributeValues,
    DirectlyFollows,
    EndActivities,
    EventuallyFollows,
    LeadTime,
    StartActivities,
    TimeWindow,
    TopVariants,
    VariantCoverage,
    apply_filter,
    apply_filters,
    case_ids,
)

EVENT_LOGS = Path(__file__).resolve().parents[3] / "tests" / "data" / "event-logs"
warnings.filterwarnings("ignore", module="pm4py")


@pytest.fixture(scope="module")
def running() -> pl.DataFrame:
    return eventlog.read_csv(EVENT_LOGS / "running-example.csv")


@pytest.fixture(scope="module")
def receipt() -> pl.DataFrame:
    return eventlog.read_csv(EVENT_LOGS / "receipt.csv")


@pytest.fixture(scope="module")
def receipt_pm4py() -> pd.DataFrame:
    import pm4py

    return pm4py.format_dataframe(
        pd.read_csv(EVENT_LOGS / "receipt.csv"),
        case_id="case:concept:name",
        activity_key="concept:name",
        timestamp_key="time:timestamp",
    )


def _cases(log: pl.DataFrame) -> set[str]:
    return set(case_ids(log))


def _pm4py_cases(frame: pd.DataFrame) -> set[str]:
    return set(frame["case:concept:name"].astype(str))


def _pm4py_top_k(frame: pd.DataFrame, k: int) -> set[str]:
    """PM4Py's top-k filter on its event-log object (its dataframe variant fails on pandas 3
    with pyarrow strings)."""
    import pm4py

    kept = pm4py.filter_variants_top_k(pm4py.convert_to_event_log(frame), k)
    return {trace.attributes["concept:name"] for trace in kept}


# Hand counts. Variant ranking (all six variants have one case; ties by reverse lexicographic
# sequence): case 1 (register, examine thoroughly ...), 3, 5, 6 (register, examine casually
# ...), 4, 2 (register, check ticket ...).


def test_top_three_variants_by_hand(running):
    kept = apply_filter(running, TopVariants(3))

    assert _cases(kept) == {"1", "3", "5"}
    assert kept.height == 5 + 9 + 13


def test_coverage_is_cumulative_by_hand(running):
    half = apply_filter(running, VariantCoverage(50))
    more = apply_filter(running, VariantCoverage(51))

    # Three variants of one case each cover exactly half of six cases; 51 % needs a fourth.
    assert _cases(half) == {"1", "3", "5"}
    assert _cases(more) == {"1", "3", "5", "6"}


def test_activity_presence_by_hand(running):
    with_reinitiate = apply_filter(running, ActivityPresence(("reinitiate request",)))
    without = apply_filter(running, ActivityPresence(("reinitiate request",), present=False))

    assert _cases(with_reinitiate) == {"3", "5"}
    assert _cases(without) == {"1", "2", "4", "6"}


def test_lead_time_by_hand(running):
    # Only case 4 (520,920 s) is done within eight days (691,200 s); case 1 takes 703,320 s.
    assert _cases(apply_filter(running, LeadTime(max_seconds=691_200))) == {"4"}
    assert _cases(apply_filter(running, LeadTime(min_seconds=703_320, max_seconds=779_580))) == {
        "1",
        "2",
    }


def test_start_and_end_activities_by_hand(running):
    paid = apply_filter(running, EndActivities(("pay compensation",)))
    not_paid = apply_filter(running, EndActivities(("pay compensation",), keep=False))
    registered = apply_filter(running, StartActivities(("register request",)))

    assert _cases(paid) == {"2", "3", "6"}
    assert _cases(not_paid) == {"1", "4", "5"}
    assert registered.height == 42


def test_time_window_modes_by_hand(running):
    # Cases 4, 5 and 6 start on 6 January 2011; 1 and 2 end before 10 January; only case 5
    # (6 to 24 January) is open on 20 January.
    def window(start: datetime, end: datetime, mode: str) -> set[str]:
        return _cases(apply_filter(running, TimeWindow(start, end, mode)))  # type: ignore[arg-type]

    assert window(
        datetime(2011, 1, 6, tzinfo=UTC), datetime(2011, 1, 7, tzinfo=UTC), "started"
    ) == {
        "4",
        "5",
        "6",
    }
    assert window(
        datetime(2010, 12, 30, tzinfo=UTC), datetime(2011, 1, 10, tzinfo=UTC), "contained"
    ) == {"1", "2"}
    assert window(
        datetime(2011, 1, 20, tzinfo=UTC), datetime(2011, 1, 21, tzinfo=UTC), "intersecting"
    ) == {"5"}


def test_time_window_end_is_exclusive(running):
    # Case 4 begins at 14:02 UTC on 6 January.
    begins = datetime(2011, 1, 6, 14, 2, tzinfo=UTC)

    assert "4" not in _cases(apply_filter(running, TimeWindow(begins.replace(hour=0), begins)))
    assert "4" in _cases(apply_filter(running, TimeWindow(begins, begins.replace(hour=15))))


def test_filters_apply_in_order(running):
    paid_then_top = apply_filters(running, [EndActivities(("pay compensation",)), TopVariants(1)])
    top_then_paid = apply_filters(running, [TopVariants(1), EndActivities(("pay compensation",))])

    # Of the paid cases 2, 3 and 6, case 3 ranks first; the top variant overall (case 1) is
    # rejected, so nothing is left the other way round.
    assert _cases(paid_then_top) == {"3"}
    assert top_then_paid.height == 0


def test_figures_are_computed_on_the_filtered_log(running):
    kept = apply_filter(running, ActivityPresence(("reinitiate request",)))

    result = discovery.summary_json(kept)

    assert (result["cases"], result["events"], result["variants"]) == (2, 22, 2)
    assert result["end_activities"] == {"pay compensation": 1, "reject request": 1}
    assert result["case_duration_seconds"]["max"] == 1_576_440.0


def test_event_level_attribute_filter_changes_variants(running):
    mike = apply_filter(running, AttributeValues("resource", ("Mike",), level="event"))

    # Mike works in all six cases; what is left of them: [check ticket] in cases 1 and 4,
    # [register, check ticket], [examine casually], [examine casually x2, reject] and
    # [register, check ticket, pay]: five variants.
    assert mike.height == 11
    assert set(mike.get_column("resource").cast(pl.String)) == {"Mike"}
    assert (discovery.summary(mike).cases, discovery.summary(mike).variants) == (6, 5)


def test_time_window_needs_aware_datetimes(running):
    with pytest.raises(ValueError, match="time-zone-aware"):
        apply_filter(running, TimeWindow(datetime(2011, 1, 1), datetime(2011, 2, 1)))


# PM4Py's filters as oracle on receipt.


def test_top_k_variants_equal_pm4py(receipt, receipt_pm4py):
    kept = apply_filter(receipt, TopVariants(5))

    assert _cases(kept) == _pm4py_top_k(receipt_pm4py, 5)
    assert kept.height == 6272


def test_coverage_equals_pm4py_top_k_of_the_same_size(receipt, receipt_pm4py):
    kept = apply_filter(receipt, VariantCoverage(80))
    needed = discovery.summary(kept).variants

    ranked = discovery.variants(receipt).get_column("share").cum_sum()
    assert ranked[needed - 2] < 0.8 <= ranked[needed - 1]
    assert _cases(kept) == _pm4py_top_k(receipt_pm4py, needed)


@pytest.mark.parametrize("retain", [True, False])
def test_case_attribute_filter_equals_pm4py(receipt, receipt_pm4py, retain):
    import pm4py

    expected = pm4py.filter_event_attribute_values(
        receipt_pm4py, "org:resource", ["Resource03"], level="case", retain=retain
    )

    kept = apply_filter(receipt, AttributeValues("resource", ("Resource03",), keep=retain))
    assert _cases(kept) == _pm4py_cases(expected)


def test_event_attribute_filter_equals_pm4py(receipt, receipt_pm4py):
    import pm4py

    expected = pm4py.filter_event_attribute_values(
        receipt_pm4py, "org:resource", ["Resource01", "Resource02"], level="event"
    )

    kept = apply_filter(
        receipt, AttributeValues("resource", ("Resource01", "Resource02"), level="event")
    )
    assert kept.height == len(expected)
    dfg, _, _ = pm4py.discover_dfg(expected)
    edges = discovery.dfg(kept)
    pairs = zip(edges["source"], edges["target"], strict=True)
    assert dict(zip(pairs, edges["frequency"], strict=True)) == dict(dfg)


def test_activity_presence_equals_pm4py(receipt, receipt_pm4py):
    import pm4py

    activity = "T06 Determine necessity of stop advice"
    expected = pm4py.filter_event_attribute_values(
        receipt_pm4py, "concept:name", [activity], level="case", retain=False
    )

    kept = apply_filter(receipt, ActivityPresence((activity,), present=False))
    assert _cases(kept) == _pm4py_cases(expected)


def test_lead_time_equals_pm4py(receipt, receipt_pm4py):
    import pm4py

    expected = pm4py.filter_case_performance(receipt_pm4py, 86_400, 864_000)

    kept = apply_filter(receipt, LeadTime(86_400, 864_000))
    assert _cases(kept) == _pm4py_cases(expected)
    assert discovery.summary_json(kept)["variants"] == len(pm4py.get_variants(expected))


def test_start_and_end_activity_filters_equal_pm4py(receipt, receipt_pm4py):
    import pm4py

    starts = pm4py.filter_start_activities(receipt_pm4py, ["Confirmation of receipt"], retain=False)
    ends = pm4py.filter_end_activities(
        receipt_pm4py, ["T10 Determine necessity to stop indication"]
    )

    not_confirmed = apply_filter(receipt, StartActivities(("Confirmation of receipt",), keep=False))
    stopped = apply_filter(receipt, EndActivities(("T10 Determine necessity to stop indication",)))
    assert _cases(not_confirmed) == _pm4py_cases(starts)
    assert _cases(stopped) == _pm4py_cases(ends)


@pytest.mark.parametrize(
    ("mode", "pm4py_mode"),
    [
        ("contained", "traces_contained"),
        ("intersecting", "traces_intersecting"),
        ("started", "traces_starting_in"),
    ],
)
def test_time_windows_equal_pm4py(receipt, receipt_pm4py, mode, pm4py_mode):
    import pm4py

    # Bounds at whole seconds, where no event of receipt lies (its times have milliseconds),
    # so closed and half-open windows agree.
    start, end = datetime(2011, 3, 1, tzinfo=UTC), datetime(2011, 6, 1, tzinfo=UTC)
    expected = pm4py.filter_time_range(
        receipt_pm4py, "2011-03-01 00:00:00", "2011-06-01 00:00:00", mode=pm4py_mode
    )

    kept = apply_filter(receipt, TimeWindow(start, end, mode))
    assert len(_cases(kept)) > 0
    assert _cases(kept) == _pm4py_cases(expected)


def test_directly_follows_by_hand(running):
    # "decide" comes right after "check ticket" in cases 1, 3, 5 and 6; in 2 and 4 an
    # examination comes between them.
    kept = apply_filter(running, DirectlyFollows("check ticket", "decide"))
    dropped = apply_filter(running, DirectlyFollows("check ticket", "decide", present=False))

    assert _cases(kept) == {"1", "3", "5", "6"}
    assert _cases(dropped) == {"2", "4"}


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("Confirmation of receipt", "T02 Check confirmation of receipt"),
        ("T10 Determine necessity to stop indication", "T02 Check confirmation of receipt"),
    ],
)
def test_directly_follows_agrees_with_pm4py(receipt, receipt_pm4py, source, target):
    import pm4py

    kept = apply_filter(receipt, DirectlyFollows(source, target))
    dropped = apply_filter(receipt, DirectlyFollows(source, target, present=False))

    oracle = pm4py.filter_directly_follows_relation(receipt_pm4py, [(source, target)])
    oracle_dropped = pm4py.filter_directly_follows_relation(
        receipt_pm4py, [(source, target)], retain=False
    )
    assert _cases(kept) == _pm4py_cases(oracle)
    assert _cases(dropped) == _pm4py_cases(oracle_dropped)


def test_eventually_follows_by_hand(running):
    # Only the loops bring "check ticket" after a "decide": cases 3 and 5; only case 5 comes
    # back from "reinitiate request" to "examine casually" (case 3 examines thoroughly).
    assert _cases(apply_filter(running, EventuallyFollows("decide", "check ticket"))) == {"3", "5"}
    again = EventuallyFollows("reinitiate request", "examine casually")
    assert _cases(apply_filter(running, again)) == {"5"}
    never = EventuallyFollows("decide", "check ticket", present=False)
    assert _cases(apply_filter(running, never)) == {"1", "2", "4", "6"}
    # An activity the log lacks: no case has the relation.
    assert _cases(apply_filter(running, EventuallyFollows("decide", "nowhere"))) == set()


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("Confirmation of receipt", "T10 Determine necessity to stop indication"),
        ("T06 Determine necessity of stop advice", "T02 Check confirmation of receipt"),
        ("T02 Check confirmation of receipt", "T02 Check confirmation of receipt"),
    ],
)
def test_eventually_follows_agrees_with_pm4py(receipt, receipt_pm4py, source, target):
    import pm4py

    kept = apply_filter(receipt, EventuallyFollows(source, target))
    dropped = apply_filter(receipt, EventuallyFollows(source, target, present=False))

    oracle = pm4py.filter_eventually_follows_relation(receipt_pm4py, [(source, target)])
    oracle_dropped = pm4py.filter_eventually_follows_relation(
        receipt_pm4py, [(source, target)], retain=False
    )
    assert len(_cases(kept)) > 0
    assert _cases(kept) == _pm4py_cases(oracle)
    assert _cases(dropped) == _pm4py_cases(oracle_dropped)


def test_filter_attributes_offer_properties_not_identifiers():
    from procesbank.mining.engine import labels

    log = eventlog.read_csv(EVENT_LOGS / "running-example.csv")
    offered = labels.filter_attributes(log)
    # The file's unnamed row-number column has a value per event: an identifier, left out;
    # case:creator has one value: nothing to choose.
    assert "" not in offered
    assert "case:creator" not in offered
    assert offered["Costs"] == ["100", "200", "400", "50"]
    assert labels.resources(log) == ["Ellen", "Mike", "Pete", "Sara", "Sean", "Sue"]
