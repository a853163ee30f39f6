"""Reading CSV, XES and Parquet into the normalised log; ordering; errors users can fix."""

from datetime import UTC, datetime
from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from procesbank.core.errors import UserError
from procesbank.mining.engine import eventlog
from procesbank.mining.engine.eventlog import ColumnMapping

EVENT_LOGS = Path(__file__).resolve().parents[3] / "tests" / "data" / "event-logs"
CORE = ["case_id", "activity", "timestamp", "resource"]


def _csv(tmp_path: Path, text: str, encoding: str = "utf-8", name: str = "log.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def _core(log: pl.DataFrame) -> pl.DataFrame:
    return log.select(
        "case_id",
        pl.col("activity").cast(pl.String),
        "timestamp",
        pl.col("resource").cast(pl.String),
    )


def test_running_example_csv_has_the_normalised_columns():
    log = eventlog.read_csv(EVENT_LOGS / "running-example.csv")

    assert list(log.schema.items()) == [
        ("case_id", pl.String),
        ("activity", pl.Categorical()),
        ("timestamp", pl.Datetime("us", "UTC")),
        ("resource", pl.String),
        ("", pl.String),
        ("Activity", pl.String),
        ("Costs", pl.String),
        ("Resource", pl.String),
        ("case:creator", pl.String),
        ("event_index", pl.UInt32),
    ]
    assert log.height == 42
    assert log.row(0, named=True)["timestamp"] == datetime(2010, 12, 30, 13, 32, tzinfo=UTC)


def test_cases_keep_order_of_first_appearance_and_events_follow_time():
    # running-example.csv lists case 3 first, then 2, 1, 6, 5, 4.
    log = eventlog.read_csv(EVENT_LOGS / "running-example.csv")

    cases = log.get_column("case_id").unique(maintain_order=True).to_list()

    assert cases == ["3", "2", "1", "6", "5", "4"]
    per_case = log.group_by("case_id").agg(pl.col("timestamp").is_sorted().alias("ordered"))
    assert per_case.get_column("ordered").all()


def test_ties_keep_file_order(tmp_path):
    path = _csv(
        tmp_path,
        "sag,aktivitet,tidspunkt\n"
        "B,b1,2024-01-01 10:00:00+01:00\n"
        "A,a2,2024-01-01 10:00:00+01:00\n"
        "A,a3,2024-01-01 10:00:00+01:00\n"
        "A,a1,2024-01-01 09:00:00+01:00\n"
        "B,b0,2024-01-01 08:00:00+01:00\n"
        "A,a4,2024-01-01 10:00:00+01:00\n",
    )

    log = eventlog.read_csv(path)

    assert log.select("case_id", pl.col("activity").cast(pl.String)).rows() == [
        ("B", "b0"),
        ("B", "b1"),
        ("A", "a1"),
        ("A", "a2"),
        ("A", "a3"),
        ("A", "a4"),
    ]
    assert log.get_column("event_index").to_list() == [4, 0, 3, 1, 2, 5]


def _frame(cases: list[str], hours: list[int], indexes: list[int]) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "case_id": cases,
            "timestamp": [datetime(2024, 1, 1, hour, tzinfo=UTC) for hour in hours],
            "event_index": pl.Series(indexes, dtype=pl.UInt32),
        }
    )


def test_interleaved_cases_in_time_order_are_grouped_keeping_their_order():
    frame = _frame(["x", "y", "x", "y", "x"], [8, 9, 10, 11, 12], [0, 1, 2, 3, 4])

    ordered = eventlog.sort_events(frame)

    assert ordered.get_column("event_index").to_list() == [0, 2, 4, 1, 3]


def test_a_case_out_of_time_order_is_sorted_by_time():
    frame = _frame(["x", "y", "x", "x"], [12, 9, 8, 10], [0, 1, 2, 3])

    ordered = eventlog.sort_events(frame)

    assert ordered.get_column("event_index").to_list() == [2, 3, 0, 1]


def test_rows_out_of_file_order_are_sorted_by_file_position():
    # Case b's first event is the file's first (index 0), so b comes first; a's two events
    # tie in time and keep file order (1 before 2).
    frame = _frame(["a", "b", "a"], [8, 8, 8], [2, 0, 1])

    ordered = eventlog.sort_events(frame)

    assert ordered.get_column("event_index").to_list() == [0, 1, 2]


def test_xes_and_csv_of_the_running_example_agree():
    from_xes = eventlog.read_xes(EVENT_LOGS / "running-example.xes")
    from_csv = eventlog.read_csv(EVENT_LOGS / "running-example.csv")

    def by_case(log: pl.DataFrame) -> pl.DataFrame:
        return _core(log).sort("case_id", "timestamp", maintain_order=True)

    assert_frame_equal(by_case(from_xes), by_case(from_csv))


def test_receipt_xes_and_csv_agree():
    from_xes = eventlog.read_log(EVENT_LOGS / "receipt.xes.gz")
    from_csv = eventlog.read_log(EVENT_LOGS / "receipt.csv")

    def by_case(log: pl.DataFrame) -> pl.DataFrame:
        return _core(log).sort("case_id", "timestamp", maintain_order=True)

    assert from_xes.height == from_csv.height == 8577
    assert_frame_equal(by_case(from_xes), by_case(from_csv))


def test_danish_windows_export_with_explicit_mapping(tmp_path):
    text = (
        "Journalnr;Trin;Hvornår;Hvem\n"
        "2024-17;Ansøgning modtaget;02-01-2024 09:15;Søren\n"
        "2024-17;Afgørelse;31-01-2024 14:05;Åse\n"
    )
    path = _csv(tmp_path, text, encoding="cp1252")
    mapping = ColumnMapping(
        case_id="Journalnr", activity="Trin", timestamp="Hvornår", resource="Hvem"
    )

    log = eventlog.read_csv(path, mapping)

    assert _core(log).rows() == [
        ("2024-17", "Ansøgning modtaget", datetime(2024, 1, 2, 8, 15, tzinfo=UTC), "Søren"),
        ("2024-17", "Afgørelse", datetime(2024, 1, 31, 13, 5, tzinfo=UTC), "Åse"),
    ]


def test_utf16_tab_separated_excel_text(tmp_path):
    text = "Sagsnummer\tAktivitet\tTidspunkt\nS1\tHøring\t2024-06-01 12:00\n"
    path = _csv(tmp_path, text, encoding="utf-16")

    log = eventlog.read_csv(path)

    # Summer time: 12:00 in Copenhagen is 10:00 UTC.
    assert log.select("case_id", "timestamp").row(0) == (
        "S1",
        datetime(2024, 6, 1, 10, 0, tzinfo=UTC),
    )


def test_complete_only_keeps_complete_and_unlabelled_events(tmp_path):
    path = _csv(
        tmp_path,
        "case,activity,timestamp,lifecycle\n"
        "1,a,2024-01-01 10:00:00+00:00,start\n"
        "1,a,2024-01-01 11:00:00+00:00,COMPLETE\n"
        "1,b,2024-01-01 12:00:00+00:00,\n",
    )

    every = eventlog.read_csv(path)
    complete = eventlog.read_csv(path, complete_only=True)

    assert every.height == 3
    assert complete.select(pl.col("activity").cast(pl.String)).to_series().to_list() == ["a", "b"]
    assert complete.get_column("event_index").to_list() == [1, 2]


def test_format_change_midway_is_followed(tmp_path):
    # The sample is the first 2,000 rows; the last row is written the Danish way.
    rows = [f"C{i},a,2024-01-01 10:00:00+01:00" for i in range(2500)]
    rows.append("C9999,b,02-01-2024 10:00")
    path = _csv(tmp_path, "case,activity,timestamp\n" + "\n".join(rows) + "\n")

    log = eventlog.read_csv(path)

    assert log.filter(pl.col("case_id") == "C9999").get_column("timestamp").to_list() == [
        datetime(2024, 1, 2, 9, 0, tzinfo=UTC)
    ]


def test_value_off_the_fast_layout_is_still_read(tmp_path):
    rows = [f"C{i},a,2024-01-01 10:00:00+01:00" for i in range(2500)]
    rows.append("C9999,b,2024-01-01 10:00:00.25+01:00")
    path = _csv(tmp_path, "case,activity,timestamp\n" + "\n".join(rows) + "\n")

    log = eventlog.read_csv(path)

    assert log.filter(pl.col("case_id") == "C9999").get_column("timestamp").to_list() == [
        datetime(2024, 1, 1, 9, 0, 0, 250000, tzinfo=UTC)
    ]


def test_start_timestamps_are_read_and_may_be_missing(tmp_path):
    path = _csv(
        tmp_path,
        "case,activity,start,end\n1,a,2024-01-01 09:00,2024-01-01 10:00\n1,b,,2024-01-01 11:00\n",
    )
    mapping = ColumnMapping("case", "activity", "end", start_timestamp="start")

    log = eventlog.read_csv(path, mapping, naive_time_zone="UTC")

    assert log.get_column("start_timestamp").to_list() == [
        datetime(2024, 1, 1, 9, 0, tzinfo=UTC),
        None,
    ]


def test_parquet_round_trip_keeps_the_log(tmp_path):
    log = eventlog.read_xes(EVENT_LOGS / "receipt.xes.gz")
    path = tmp_path / "receipt.parquet"

    eventlog.save_log(log, path)

    assert_frame_equal(eventlog.load_log(path), log)
    assert_frame_equal(eventlog.read_log(path), log)


def test_foreign_parquet_is_mapped_by_its_column_names(tmp_path):
    path = tmp_path / "export.parquet"
    pl.DataFrame(
        {
            "CaseID": ["x", "x"],
            "Activity": ["b", "a"],
            "Timestamp": [datetime(2024, 1, 2, 10, 0), datetime(2024, 1, 1, 10, 0)],
        }
    ).write_parquet(path)

    log = eventlog.read_parquet(path, naive_time_zone="UTC")

    assert log.select("case_id", pl.col("activity").cast(pl.String)).rows() == [
        ("x", "a"),
        ("x", "b"),
    ]


def test_refuses_to_load_a_parquet_that_is_no_saved_log(tmp_path):
    path = tmp_path / "other.parquet"
    pl.DataFrame({"case_id": ["1"], "activity": ["a"]}).write_parquet(path)

    with pytest.raises(UserError) as caught:
        eventlog.load_log(path)

    assert str(caught.value) == (
        "Filen er ikke en gemt hændelseslog: kolonnen 'timestamp' mangler eller har forkert type."
    )


def test_says_which_mapped_column_is_missing(tmp_path):
    path = _csv(tmp_path, "sag,aktivitet,tid\n1,a,2024-01-01 10:00\n")
    mapping = ColumnMapping(case_id="sag", activity="handling", timestamp="tid")

    with pytest.raises(UserError) as caught:
        eventlog.read_csv(path, mapping)

    assert str(caught.value) == (
        "Kolonnen 'handling' findes ikke i filen. Filens kolonner er: sag, aktivitet, tid."
    )


def test_asks_for_the_case_column_when_none_is_recognised(tmp_path):
    path = _csv(tmp_path, "nummer,aktivitet,tidspunkt\n1,a,2024-01-01 10:00\n")

    with pytest.raises(UserError) as caught:
        eventlog.read_csv(path)

    assert str(caught.value) == (
        "Der er ingen kolonne med sags-id (fx 'case:concept:name' eller 'sagsnummer'). Vælg "
        "kolonnen selv. Filens kolonner er: nummer, aktivitet, tidspunkt."
    )


def test_says_which_row_has_an_unreadable_timestamp(tmp_path):
    rows = [f"{i},a,2024-01-01 10:00:00+01:00" for i in range(10)]
    rows.insert(6, "6,b,2024-13-45 10:00:00+01:00")
    path = _csv(tmp_path, "sag,aktivitet,tidspunkt\n" + "\n".join(rows) + "\n")

    with pytest.raises(UserError) as caught:
        eventlog.read_csv(path)

    # Header is row 1, so the seventh data row is row 8, as a spreadsheet shows it.
    assert str(caught.value) == (
        "Tidspunktet '2024-13-45 10:00:00+01:00' i række 8 (kolonnen 'tidspunkt') kan ikke "
        "læses. Forventet format: ÅÅÅÅ-MM-DD tt:mm:ss[.ffffff]±tt:mm."
    )


def test_says_which_row_lacks_a_case(tmp_path):
    path = _csv(tmp_path, "sag,aktivitet,tidspunkt\n1,a,2024-01-01 10:00\n,b,2024-01-01 11:00\n")

    with pytest.raises(UserError) as caught:
        eventlog.read_csv(path)

    assert str(caught.value) == "Række 3 mangler en værdi i kolonnen 'sag'."


def test_says_when_a_time_falls_in_the_skipped_summer_time_hour(tmp_path):
    path = _csv(tmp_path, "sag,aktivitet,tidspunkt\n1,a,2024-03-31 01:30\n1,b,2024-03-31 02:30\n")

    with pytest.raises(UserError) as caught:
        eventlog.read_csv(path)

    assert str(caught.value) == (
        "Tidspunktet '2024-03-31 02:30' i række 3 findes ikke i tidszonen Europe/Copenhagen: "
        "det ligger i den time, der springes over ved skift til sommertid."
    )


def test_says_when_no_timestamp_format_fits(tmp_path):
    path = _csv(tmp_path, "sag,aktivitet,tidspunkt\n1,a,i går\n")

    with pytest.raises(UserError) as caught:
        eventlog.read_csv(path)

    assert str(caught.value) == (
        "Tidspunkterne i kolonnen 'tidspunkt' har et format, der ikke genkendes (fx 'i går' i "
        "række 2). Angiv formatet."
    )


def test_an_explicit_timestamp_format_is_used(tmp_path):
    path = _csv(tmp_path, "sag,aktivitet,tidspunkt\n1,a,20240102 0915\n")

    log = eventlog.read_csv(path, timestamp_format="%Y%m%d %H%M", naive_time_zone="UTC")

    assert log.get_column("timestamp").to_list() == [datetime(2024, 1, 2, 9, 15, tzinfo=UTC)]


def test_refuses_a_log_without_events(tmp_path):
    path = _csv(tmp_path, "sag,aktivitet,tidspunkt\n")

    with pytest.raises(UserError) as caught:
        eventlog.read_csv(path)

    assert str(caught.value) == "Hændelsesloggen er tom: filen indeholder ingen hændelser."


def test_refuses_a_file_over_the_size_limit(tmp_path):
    path = _csv(tmp_path, "sag,aktivitet,tidspunkt\n" + "1,a,2024-01-01 10:00\n" * 60_000)

    with pytest.raises(UserError) as caught:
        eventlog.read_csv(path, max_bytes=2**20)

    assert str(caught.value) == "Filen er for stor: 1 MB. Grænsen er 1 MB."


def test_refuses_an_unknown_file_type(tmp_path):
    path = tmp_path / "log.docx"
    path.write_bytes(b"PK\x03\x04")

    with pytest.raises(UserError) as caught:
        eventlog.read_log(path)

    assert str(caught.value) == (
        "Filtypen '.docx' understøttes ikke. Brug XES (.xes, .xes.gz), CSV eller Parquet."
    )


def test_reads_csv_from_bytes_and_reports_progress():
    data = (EVENT_LOGS / "running-example.csv").read_bytes()
    seen: list[float] = []

    log = eventlog.read_csv(data, progress=seen.append)

    assert log.height == 42
    assert seen == [0.0, 0.1, 1.0]


def test_windows_byte_after_the_sampled_megabyte_switches_encoding(tmp_path):
    head = "sag,aktivitet,tidspunkt\n" + "1,a,2024-01-01 10:00\n" * 60_000
    data = head.encode() + "2,Høring,2024-01-02 10:00\n".encode("cp1252")
    path = tmp_path / "late.csv"
    path.write_bytes(data)

    log = eventlog.read_csv(path)

    assert log.filter(pl.col("case_id") == "2").get_column("activity").to_list() == ["Høring"]


def test_says_which_row_has_too_many_fields(tmp_path):
    path = _csv(
        tmp_path,
        "sag,aktivitet,tidspunkt\n1,a,2024-01-01 10:00\n2,Høring, naboer,2024-01-01 11:00\n",
    )

    with pytest.raises(UserError) as caught:
        eventlog.read_csv(path)

    assert str(caught.value) == (
        "Række 3 har 4 felter, men overskriften har 3. Tjek skilletegnet (',') og "
        "anførselstegnene i rækken."
    )


def test_an_exported_log_can_be_imported_again(tmp_path):
    log = eventlog.read_csv(EVENT_LOGS / "running-example.csv")
    path = tmp_path / "export.csv"
    log.with_columns(pl.col("activity").cast(pl.String)).write_csv(path)
    mapping = ColumnMapping("case_id", "activity", "timestamp", resource="resource")

    again = eventlog.read_csv(path, mapping)

    assert again.get_column("event_index_raw").cast(pl.UInt32).to_list() == list(
        log.get_column("event_index")
    )
    assert again.select(CORE).equals(log.select(CORE))
