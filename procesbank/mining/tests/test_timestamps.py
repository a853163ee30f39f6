"""Timestamp formats: detection, parsing into UTC, and the fixed-width fast path."""

from datetime import UTC, datetime

import polars as pl
import pytest

from procesbank.mining.engine.timestamps import (
    IsoLayout,
    describe_formats,
    detect_timestamp_formats,
    iso_layout,
    parse_timestamps,
)


def _parse(values: list[str], formats: tuple[str, ...], zone: str = "Europe/Copenhagen") -> list:
    parsed = pl.select(parse_timestamps(pl.lit(pl.Series(values)), formats, zone))
    return parsed.to_series().to_list()


def test_detects_iso_with_offset_and_fraction():
    values = pl.Series(["2010-12-30 14:32:00+01:00", "2011-06-30 14:32:00.5+02:00"])

    assert detect_timestamp_formats(values) == ("%Y-%m-%d %H:%M:%S%.f%z",)


def test_day_first_wins_when_both_read():
    values = pl.Series(["01/02/2024 10:00", "03/04/2024 11:00"])

    formats = detect_timestamp_formats(values)

    assert formats == ("%d/%m/%Y %H:%M",)
    # 1 February, 09:00 UTC (Copenhagen is UTC+1 in winter).
    assert _parse(["01/02/2024 10:00"], formats)[0] == datetime(2024, 2, 1, 9, 0, tzinfo=UTC)


def test_month_first_only_when_a_value_proves_it():
    values = pl.Series(["01/02/2024 10:00", "12/31/2024 11:00"])

    assert detect_timestamp_formats(values) == ("%m/%d/%Y %H:%M",)


def test_mixed_offset_and_zulu_values_need_two_formats():
    values = pl.Series(["2024-01-01T10:00:00Z", "2024-01-01T10:00:00+02:00"])

    formats = detect_timestamp_formats(values)

    assert formats == ("%Y-%m-%dT%H:%M:%S%.f%z", "%Y-%m-%dT%H:%M:%S%.fZ")
    assert _parse(values.to_list(), formats) == [
        datetime(2024, 1, 1, 10, 0, tzinfo=UTC),
        datetime(2024, 1, 1, 8, 0, tzinfo=UTC),
    ]


def test_unknown_format_detects_nothing():
    assert detect_timestamp_formats(pl.Series(["i går", "i morgen"])) == ()


def test_an_unreadable_value_does_not_stop_detection():
    # The typo is reported with its row when the column is read.
    values = pl.Series(["2024-01-01 10:00", "2024-13-45 10:00", "2024-01-02 11:00"])

    assert detect_timestamp_formats(values) == ("%Y-%m-%d %H:%M",)


def test_naive_times_are_copenhagen_wall_clock():
    formats = ("%Y-%m-%d %H:%M",)

    parsed = _parse(["2024-01-15 10:00", "2024-07-01 10:00"], formats)

    assert parsed == [
        datetime(2024, 1, 15, 9, 0, tzinfo=UTC),
        datetime(2024, 7, 1, 8, 0, tzinfo=UTC),
    ]


def test_skipped_hour_is_null_and_repeated_hour_takes_the_earlier_instant():
    # 31 March 2024 02:00-03:00 does not exist in Copenhagen; 27 October 02:00-03:00 happens
    # twice, first at UTC+2.
    parsed = _parse(["2024-03-31 02:30", "2024-10-27 02:30"], ("%Y-%m-%d %H:%M",))

    assert parsed == [None, datetime(2024, 10, 27, 0, 30, tzinfo=UTC)]


@pytest.mark.parametrize(
    ("values", "layout"),
    [
        (["2010-12-30 14:32:00+01:00", "2011-06-30 14:32:00-02:30"], IsoLayout(" ", 0, "6", 25)),
        (["2011-06-30T14:32:00.123Z", "2011-06-30T14:32:00.456Z"], IsoLayout("T", 3, "Z", 24)),
        (["2011-06-30T14:32:00.123456789+0530"], IsoLayout("T", 9, "5", 34)),
        (["2024-03-31 01:30:00", "2024-10-27 02:30:00"], IsoLayout(" ", 0, "", 19)),
    ],
)
def test_fast_layout_reads_exactly_what_the_general_parser_reads(values, layout):
    series = pl.Series(values)
    formats = detect_timestamp_formats(series)

    found = iso_layout(series, formats)

    assert found == layout
    assert found is not None
    fast = pl.select(found.expr(pl.lit(series), "Europe/Copenhagen")).to_series().to_list()
    assert fast == _parse(values, formats)


def test_no_fast_layout_when_widths_differ():
    series = pl.Series(["2024-03-31 01:30:00.5", "2024-10-27 02:30:00.25"])

    assert iso_layout(series, detect_timestamp_formats(series)) is None


def test_fast_layout_makes_a_stray_value_null_for_the_general_reread():
    layout = IsoLayout(" ", 0, "6", 25)
    values = pl.Series(["2024-01-01 10:00:00+01:00", "2024-01-01 10:00:00.5+01:00"])

    parsed = pl.select(layout.expr(pl.lit(values), "UTC")).to_series().to_list()

    assert parsed == [datetime(2024, 1, 1, 9, 0, tzinfo=UTC), None]


def test_describes_formats_for_users():
    text = describe_formats(("%d-%m-%Y %H:%M", "%Y-%m-%d %H:%M:%S%.f%z"))

    assert text == "DD-MM-ÅÅÅÅ tt:mm eller ÅÅÅÅ-MM-DD tt:mm:ss[.ffffff]±tt:mm"
