"""XES reading: the two readers agree, and hostile or broken files are refused with reasons."""

import gzip
import shutil
from datetime import UTC, datetime
from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from procesbank.core.errors import UserError
from procesbank.mining.engine import eventlog, xes

EVENT_LOGS = Path(__file__).resolve().parents[3] / "tests" / "data" / "event-logs"

NESTED = """<?xml version="1.0" encoding="UTF-8"?>
<log xes.version="1849.2016" xmlns="http://www.xes-standard.org/">
  <global scope="event"><string key="org:resource" value="ukendt"/></global>
  <trace>
    <string key="concept:name" value="A1"/>
    <int key="prio" value="3"/>
    <event>
      <string key="concept:name" value="Modtag"><string key="lang" value="da"/></string>
      <date key="time:timestamp" value="2024-03-31T01:30:00.000+01:00"/>
      <string key="org:resource" value="Mette"/>
      <int key="cost" value="5"/>
      <boolean key="ok" value="true"/>
      <id key="uid" value="abc"/>
      <list key="tags"><values><string key="t" value="x"/></values></list>
    </event>
    <event>
      <string key="concept:name" value="Behandl &amp; afgør"/>
      <date key="time:timestamp" value="2024-03-31T03:30:00Z"/>
      <float key="cost" value="5.5"/>
    </event>
  </trace>
  <trace>
    <string key="concept:name" value="A2"/>
    <event>
      <string key="concept:name" value="Modtag"/>
      <date key="time:timestamp" value="2024-04-01T10:00:00"/>
      <string key="cost" value="dyr"/>
    </event>
  </trace>
</log>
"""


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("name", ["running-example.xes", "receipt.xes.gz"])
def test_rustxes_and_streaming_reader_give_the_same_frame(name):
    path = EVENT_LOGS / name

    fast = xes.read_xes_rustxes(path)
    streamed = xes.read_xes_streaming(path, xes.is_gzip(path))

    assert fast is not None
    assert_frame_equal(fast, streamed.select(fast.columns))


def test_streaming_reader_keeps_what_rustxes_would_garble(tmp_path):
    # rustxes turns the id "abc" into the nil UUID and the list into debug text, so this file
    # goes to the streaming reader, which keeps top-level values and their types.
    path = _write(tmp_path, "nested.xes", NESTED)

    log = eventlog.read_xes(path)

    assert log.select("case_id", "activity", "resource", "cost", "ok", "uid").rows() == [
        ("A1", "Modtag", "Mette", "5", True, "abc"),
        ("A1", "Behandl & afgør", "ukendt", "5.5", None, None),
        ("A2", "Modtag", "ukendt", "dyr", None, None),
    ]
    assert log.get_column("case:prio").to_list() == [3, 3, None]
    assert "tags" not in log.columns
    assert log.get_column("timestamp").to_list() == [
        datetime(2024, 3, 31, 0, 30, tzinfo=UTC),
        datetime(2024, 3, 31, 3, 30, tzinfo=UTC),
        # XES dates without an offset are read as UTC, as rustxes does.
        datetime(2024, 4, 1, 10, 0, tzinfo=UTC),
    ]


def test_gzip_file_without_gz_name_is_read(tmp_path):
    renamed = tmp_path / "upload.tmp"
    shutil.copy(EVENT_LOGS / "receipt.xes.gz", renamed)

    log = eventlog.read_xes(renamed)

    assert_frame_equal(log, eventlog.read_xes(EVENT_LOGS / "receipt.xes.gz"))


def test_refuses_doctype_and_entities(tmp_path):
    path = _write(
        tmp_path,
        "xxe.xes",
        '<?xml version="1.0"?>\n<!DOCTYPE log [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
        '<log><trace><string key="concept:name" value="&xxe;"/></trace></log>',
    )

    with pytest.raises(UserError) as caught:
        eventlog.read_xes(path)

    assert str(caught.value) == (
        "XES-filen indeholder en DOCTYPE-erklæring eller entiteter. Det afvises af "
        "sikkerhedshensyn; en XES-fil har ikke brug for dem."
    )


def test_refuses_truncated_gzip(tmp_path):
    data = (EVENT_LOGS / "receipt.xes.gz").read_bytes()
    path = tmp_path / "cut.xes.gz"
    path.write_bytes(data[:100_000])

    with pytest.raises(UserError) as caught:
        eventlog.read_xes(path)

    assert str(caught.value) == (
        "Den komprimerede fil (gzip) er afkortet eller beskadiget og kan ikke pakkes ud. "
        "Hent eller eksportér filen igen."
    )


def test_says_where_xml_is_broken(tmp_path):
    path = _write(
        tmp_path,
        "broken.xes",
        '<?xml version="1.0"?>\n<log>\n<trace>\n<string key="concept:name" value="1"/>\n'
        "<event></trace>\n</log>\n",
    )

    with pytest.raises(UserError) as caught:
        eventlog.read_xes(path)

    assert caught.value.params["line"] == 5
    assert str(caught.value).startswith("XES-filen er ikke gyldig XML (linje 5, kolonne ")


def test_refuses_xml_that_is_not_a_log(tmp_path):
    path = _write(tmp_path, "model.xes", '<?xml version="1.0"?>\n<definitions/>\n')

    with pytest.raises(UserError) as caught:
        eventlog.read_xes(path)

    assert str(caught.value) == (
        "Filen er ikke en XES-hændelseslog: rodelementet er <definitions> og ikke <log>."
    )


def test_refuses_log_without_events(tmp_path):
    path = _write(tmp_path, "empty.xes", '<log><string key="x" value="y"/><trace/></log>')

    with pytest.raises(UserError) as caught:
        eventlog.read_xes(path)

    assert str(caught.value) == "Hændelsesloggen er tom: filen indeholder ingen hændelser."


def test_stops_a_gzip_bomb_at_the_limit(tmp_path):
    path = tmp_path / "bomb.xes.gz"
    with gzip.open(path, "wb") as out:
        out.write(b"<log>" + b" " * (12 * 2**20) + b"</log>")

    with pytest.raises(UserError) as caught:
        eventlog.read_xes(path, max_bytes=8 * 2**20)

    assert str(caught.value) == ("Filen er for stor: udpakket fylder den mere end grænsen på 8 MB.")
    assert path.stat().st_size < 100_000


def test_reports_progress_from_zero_to_one():
    seen: list[float] = []

    eventlog.read_xes(EVENT_LOGS / "receipt.xes.gz", progress=seen.append)

    assert seen[0] == 0.0
    assert seen[-1] == 1.0
    assert seen == sorted(seen)


def test_lifecycle_and_resource_are_optional_in_xes(tmp_path):
    path = _write(
        tmp_path,
        "plain.xes",
        '<log><trace><string key="concept:name" value="1"/><event>'
        '<string key="concept:name" value="a"/>'
        '<date key="time:timestamp" value="2024-01-01T10:00:00+01:00"/>'
        "</event></trace></log>",
    )

    log = eventlog.read_xes(path)

    assert log.columns == ["case_id", "activity", "timestamp", "event_index"]
    assert log.schema["activity"] == pl.Categorical()


def test_says_which_event_has_an_unreadable_date(tmp_path):
    # rustxes cannot read the date and panics; the streaming reader keeps the text, and the
    # timestamp reader names the event.
    path = _write(
        tmp_path,
        "baddate.xes",
        '<log><trace><string key="concept:name" value="1"/>'
        '<event><string key="concept:name" value="a"/>'
        '<date key="time:timestamp" value="2024-01-01T10:00:00+01:00"/></event>'
        '<event><string key="concept:name" value="b"/>'
        '<date key="time:timestamp" value="i morgen"/></event>'
        "</trace></log>",
    )

    with pytest.raises(UserError) as caught:
        eventlog.read_xes(path)

    assert str(caught.value) == (
        "Tidspunktet 'i morgen' i hændelse nr. 2 (attributten 'time:timestamp') kan ikke "
        "læses. Forventet format: ÅÅÅÅ-MM-DDTtt:mm:ss[.ffffff]±tt:mm."
    )


@pytest.mark.parametrize(
    ("tail", "complete"),
    [
        (b"</trace></log>", True),
        (b"</trace>\n</log>\n<!-- exported -->\n<?pi x?>\n", True),
        (b"</trace></xes:log >", True),
        (b"<log><trace><event>", False),
        (b"</trace>\n", False),
        (b"</log><trace>", False),
    ],
)
def test_ends_complete_accepts_only_a_closed_root(tail, complete):
    assert xes.ends_complete(tail) is complete


def test_rustxes_failure_leaves_stderr_quiet(tmp_path, capfd):
    # Well-formed to the end but broken inside: rustxes panics, the streaming reader explains.
    path = _write(
        tmp_path,
        "broken.xes",
        '<log>\n<trace><event><string key="concept:name" value="a"/></trace>\n</log>\n',
    )

    with pytest.raises(UserError) as caught:
        eventlog.read_xes(path)

    assert str(caught.value).startswith("XES-filen er ikke gyldig XML (linje 2, kolonne ")
    assert capfd.readouterr().err == ""


def test_rustxes_output_is_written_back_when_its_frame_is_used(monkeypatch, capfd):
    import os

    import rustxes

    def talkative(path):
        os.write(2, b"rustxes: a warning worth seeing\n")
        return pl.DataFrame({"case:concept:name": ["1"]}), {}

    monkeypatch.setattr(rustxes, "import_xes", talkative)

    frame = xes.read_xes_rustxes(EVENT_LOGS / "running-example.xes")

    assert frame is not None
    assert capfd.readouterr().err == "rustxes: a warning worth seeing\n"
