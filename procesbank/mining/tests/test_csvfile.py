"""CSV layout detection, preview and mapping suggestions."""

from pathlib import Path

import pytest

from procesbank.mining.engine.csvfile import (
    csv_preview,
    detect_encoding,
    sniff_delimiter,
    suggest_mapping,
)

EVENT_LOGS = Path(__file__).resolve().parents[3] / "tests" / "data" / "event-logs"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        ("sag;aktivitet\n1;Høring\n".encode(), "utf-8"),
        (b"\xef\xbb\xbf" + "sag;aktivitet\n1;Høring\n".encode(), "utf-8-sig"),
        ("sag;aktivitet\n1;Høring €\n".encode("cp1252"), "cp1252"),
        # 0x81 is unassigned in Windows-1252, so only Latin-1 reads this.
        (b"sag;aktivitet\n1;H\xf8ring \x81\n", "latin-1"),
        ("sag\taktivitet\n1\tHøring\n".encode("utf-16"), "utf-16"),
    ],
)
def test_detects_encoding(data, encoding):
    assert detect_encoding(data, complete=True) == encoding


def test_utf8_sample_cut_inside_a_character_is_still_utf8():
    data = "aktivitet\nHøring\n".encode()
    cut = data[: data.index("ø".encode()) + 1]

    assert detect_encoding(cut, complete=False) == "utf-8"


@pytest.mark.parametrize(
    ("text", "delimiter"),
    [
        ("a,b,c\n1,2,3\n", ","),
        ("sag;aktivitet;tid\n1;Høring, naboer;2024-01-01\n", ";"),
        ('a,b\n"x;y;z",2\n"p;q",3\n', ","),
        ("a\tb\tc\n1\t2\t3\n", "\t"),
        ("a|b\n1|2\n", "|"),
    ],
)
def test_sniffs_delimiter(text, delimiter):
    assert sniff_delimiter(text) == delimiter


def test_suggests_danish_column_names():
    columns = ["Sagsnummer", "Aktivitet", "Starttidspunkt", "Tidspunkt", "Sagsbehandler", "Note"]

    assert suggest_mapping(columns) == {
        "case_id": "Sagsnummer",
        "activity": "Aktivitet",
        "timestamp": "Tidspunkt",
        "start_timestamp": "Starttidspunkt",
        "resource": "Sagsbehandler",
        "lifecycle": None,
    }


def test_suggests_english_column_names():
    columns = ["Case ID", "Activity", "Start Timestamp", "Complete Timestamp", "Resource"]

    assert suggest_mapping(columns) == {
        "case_id": "Case ID",
        "activity": "Activity",
        "timestamp": "Complete Timestamp",
        "start_timestamp": "Start Timestamp",
        "resource": "Resource",
        "lifecycle": None,
    }


def test_prefers_xes_names_over_look_alikes():
    # running-example.csv has both concept:name and Activity, org:resource and Resource.
    columns = ["", "concept:name", "org:resource", "time:timestamp", "Activity", "Resource"]
    columns += ["Costs", "case:concept:name", "case:creator"]

    suggestion = suggest_mapping(columns)

    assert suggestion["case_id"] == "case:concept:name"
    assert suggestion["activity"] == "concept:name"
    assert suggestion["resource"] == "org:resource"


def test_previews_running_example():
    preview = csv_preview(EVENT_LOGS / "running-example.csv", n=2)

    assert preview.delimiter == ","
    assert preview.encoding == "utf-8"
    assert preview.columns == [
        "", "concept:name", "org:resource", "time:timestamp", "Activity", "Resource", "Costs",
        "case:concept:name", "case:creator",
    ]  # fmt: skip
    assert preview.rows == [
        ["0", "register request", "Pete", "2010-12-30 14:32:00+01:00", "register request",
         "Pete", "50", "3", "Fluxicon Nitro"],
        ["1", "examine casually", "Mike", "2010-12-30 15:06:00+01:00", "examine casually",
         "Mike", "400", "3", "Fluxicon Nitro"],
    ]  # fmt: skip
    assert preview.suggested_mapping == {
        "case_id": "case:concept:name",
        "activity": "concept:name",
        "timestamp": "time:timestamp",
        "start_timestamp": None,
        "resource": "org:resource",
        "lifecycle": None,
    }
    assert preview.timestamp_formats == ("%Y-%m-%d %H:%M:%S%.f%z",)


def test_previews_windows_export_from_bytes():
    data = "Sagsnr;Handling;Dato\n2024-17;Afgørelse;31-01-2024 14:05\n".encode("cp1252")

    preview = csv_preview(data)

    assert (preview.delimiter, preview.encoding) == (";", "cp1252")
    assert preview.rows == [["2024-17", "Afgørelse", "31-01-2024 14:05"]]
    assert preview.suggested_mapping["case_id"] == "Sagsnr"
    assert preview.suggested_mapping["activity"] == "Handling"
    assert preview.suggested_mapping["timestamp"] == "Dato"
    assert preview.timestamp_formats == ("%d-%m-%Y %H:%M",)
