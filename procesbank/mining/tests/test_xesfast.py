"""The plain-shape XES reader: it gives the streaming reader's frame, and hands every file
outside the plain shape to the careful readers instead of guessing."""

import gzip
import logging
import os
from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from procesbank.core.errors import UserError
from procesbank.mining.engine import xes, xesfast, xesnative
from procesbank.mining.tests.test_xes import NESTED

DATA = Path(__file__).resolve().parents[3] / "tests" / "data"
EVENT_LOGS = DATA / "event-logs"
HOSTILE_XES = sorted((DATA / "hostile" / "xes").iterdir())
LIMIT = 2**30

HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<log xes.version="1849.2016">\n'
EVENT = (
    '<event><string key="concept:name" value="Modtag"/>'
    '<date key="time:timestamp" value="2024-03-01T10:00:00.000+01:00"/></event>\n'
)
TRACE = f'<trace><string key="concept:name" value="S1"/>\n{EVENT}</trace>\n'


@pytest.fixture(params=["native", "polars"])
def reader(request, monkeypatch):
    """Each test that takes it runs with the native scanner and without it (as where no C
    compiler was found at install)."""
    if request.param == "native" and xesnative._xesscan is None:
        pytest.skip("the native scanner is not built")
    if request.param == "polars":
        monkeypatch.setattr(xesnative, "_xesscan", None)
    return request.param


def _write(tmp_path: Path, text: str, name: str = "log.xes") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _streamed(path: Path) -> object:
    return xes.read_xes_streaming(path, xes.is_gzip(path))


@pytest.mark.parametrize("name", ["running-example.xes", "receipt.xes.gz", "BPIC15_1.xes.gz"])
def test_plain_reader_gives_the_streaming_readers_frame(name, reader):
    path = EVENT_LOGS / name

    plain = xesfast.read_plain_xes(path, LIMIT)
    streamed = xes.read_xes_streaming(path, xes.is_gzip(path))

    assert_frame_equal(plain.select(sorted(plain.columns)), streamed.select(sorted(plain.columns)))
    assert sorted(plain.columns) == sorted(streamed.columns)


def test_plain_reader_keeps_top_level_values_fills_globals_and_skips_lists(tmp_path, reader):
    # NESTED has a nested meta attribute, a list, an id, a global default and an entity.
    path = _write(tmp_path, NESTED)

    plain = xesfast.read_plain_xes(path, LIMIT)

    streamed = xes.read_xes_streaming(path, gzipped=False)
    assert_frame_equal(plain.select(streamed.columns), streamed)
    assert plain.get_column("concept:name").to_list() == ["Modtag", "Behandl & afgør", "Modtag"]
    assert plain.get_column("org:resource").to_list() == ["Mette", "ukendt", "ukendt"]
    assert "tags" not in plain.columns
    assert "lang" not in plain.columns


def test_small_chunks_give_the_same_frame(monkeypatch, reader):
    # Chunks of 4 KiB cut the 2 MB receipt log into hundreds of pieces mid-trace.
    path = EVENT_LOGS / "receipt.xes.gz"
    whole = xesfast.read_plain_xes(path, LIMIT)
    monkeypatch.setattr(xesfast, "INFLATE_STEP", 4096)
    monkeypatch.setattr(xesfast, "COMPRESSED_STEP", 1024)

    chunked = xesfast.read_plain_xes(path, LIMIT)

    assert_frame_equal(chunked, whole)


def test_projection_builds_only_the_keys_asked_for(reader):
    path = EVENT_LOGS / "receipt.xes.gz"

    plain = xesfast.read_plain_xes(path, LIMIT, keys=["concept:name", "case:concept:name"])

    assert plain.columns == ["concept:name", "case:concept:name"]
    assert plain.height == 8577


def test_character_references_and_whitespace_in_values_read_as_xml_says(tmp_path, reader):
    # A literal tab in an attribute value becomes a space; &#10; stays a line break.
    text = TRACE.replace('value="Modtag"', 'value="Behandl&#10;sag\tnu &#xE6;&lt;&quot;"')
    path = _write(tmp_path, HEAD + text + "</log>\n")

    plain = xesfast.read_plain_xes(path, LIMIT)

    assert plain.get_column("concept:name").to_list() == ['Behandl\nsag nu æ<"']
    assert plain.get_column("concept:name").to_list() == (
        _streamed(path).get_column("concept:name").to_list()  # type: ignore[attr-defined]
    )


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(HEAD + TRACE + "<!-- note -->\n</log>\n", id="comment-in-log"),
        pytest.param(
            '<?xml version="1.0"?>\n<!DOCTYPE log [<!ENTITY x "y">]>\n<log>\n' + TRACE + "</log>\n",
            id="doctype",
        ),
        pytest.param(HEAD + TRACE + TRACE[:60], id="cut-off"),
        pytest.param(HEAD + TRACE.replace("</trace>", "") + "</log>\n", id="unclosed-trace"),
        pytest.param(HEAD + EVENT + "</log>\n", id="event-outside-trace"),
        pytest.param(
            HEAD
            + TRACE.replace(
                '<string key="concept:name" value="Modtag"/>',
                '<string key="concept:name" value="Modtag"><int key="n" value="1"/></date>',
            )
            + "</log>\n",
            id="nested-closed-by-other-type",
        ),
        pytest.param(HEAD + TRACE.replace('value="S1"', "value='S1'") + "</log>\n", id="quotes"),
        pytest.param(HEAD + TRACE.replace("Modtag", "A&nbsp;B") + "</log>\n", id="entity"),
        pytest.param(HEAD.replace("UTF-8", "ISO-8859-1") + TRACE + "</log>\n", id="other-encoding"),
        pytest.param(HEAD + TRACE + "</log>\n" + TRACE, id="after-the-end"),
        # XML allows no control character but tab, line feed and carriage return.
        pytest.param(HEAD + TRACE.replace("Modtag", "Mod\x01tag") + "</log>\n", id="control"),
        pytest.param(HEAD + TRACE.replace("Modtag", "Mod\x00tag") + "</log>\n", id="nul"),
    ],
)
def test_files_outside_the_plain_shape_go_to_the_careful_readers(tmp_path, text, reader):
    path = _write(tmp_path, text)

    with pytest.raises(xesfast.NotPlain):
        xesfast.read_plain_xes(path, LIMIT)


def test_plain_file_is_read_without_the_careful_readers(tmp_path, monkeypatch, reader):
    path = _write(tmp_path, HEAD + TRACE + "</log>\n")

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the careful readers were asked")

    monkeypatch.setattr(xes, "scan_xes", refuse)

    raw = xes.read_xes_raw(path, LIMIT)

    assert raw.get_column("case:concept:name").to_list() == ["S1"]


def test_size_limit_holds_in_the_plain_reader(tmp_path, reader):
    path = _write(tmp_path, HEAD + TRACE * 200 + "</log>\n")

    with pytest.raises(UserError) as caught:
        xesfast.read_plain_xes(path, max_bytes=1000)

    assert str(caught.value) == "Filen er for stor: 0 MB. Grænsen er 0 MB."


# The native scanner against the Polars reader: the same frame, or NotPlain for both.

native_only = pytest.mark.skipif(xesnative._xesscan is None, reason="native scanner not built")

PROJECTION = ["concept:name", "time:timestamp", "org:resource", "case:concept:name"]

RICH = (
    '<?xml version="1.0" encoding="UTF-8"?>\r\n'
    "<!-- written by hand -->\r\n"
    '<log xes.version="1849.2016" xmlns="http://www.xes-standard.org/">\r\n'
    '<extension name="Concept" prefix="concept" uri="http://www.xes-standard.org/concept.xesext"/>\r\n'
    '<global scope="trace"><string key="afdeling" value="Borgerservice"/></global>\r\n'
    '<global scope="event">\r\n<string key="org:resource" value="ukendt &amp; ny"/>\r\n'
    '<int key="cost" value="0"/>\r\n<date key="time:timestamp" value="2000-01-01T00:00:00Z"/>'
    "</global>\r\n"
    '<classifier name="Activity" keys="concept:name"/>\r\n'
    '<string key="concept:name" value="the log itself"/>\r\n'
    '<trace>\r\n\t<string key="concept:name" value="S&#x31;"/>\r\n'
    '\t<string key="afdeling" value="Jobcenter"/>\r\n'
    "\t<event>\r\n"
    '\t\t<string key="concept:name" value="Modtag"><string key="lang" value="da"/>'
    '<list key="inner"><values><int key="n" value="1"/></values></list></string>\r\n'
    '\t\t<date key="time:timestamp" value="2024-03-01T10:00:00.123+01:00"/>\r\n'
    '\t\t<string key="org:resource" value="Mette\tH&#10;ansen"/>\r\n'
    '\t\t<int key="cost" value="5"/>\r\n\t\t<boolean key="ok" value="TRUE"/>\r\n'
    '\t\t<id key="uid" value="a-1"/>\r\n\t\t<float key="amount" value="1.5"/>\r\n'
    '\t\t<list key="tags"><values><string key="t" value="x"/></values></list>\r\n'
    '\t\t<container key="box"><string key="concept:name" value="not the event"/></container>\r\n'
    '\t\t<list key="empty"/>\r\n'
    "\t</event>\r\n"
    "\t<event>\r\n"
    '\t\t<string key="concept:name" value="Behandl &amp; afg&#248;r &lt;snart&gt;"/>\r\n'
    '\t\t<date key="time:timestamp" value="2024-03-31T03:30:00Z"/>\r\n'
    '\t\t<string key="kind" value="first"/><string key="kind" value="last"/>\r\n'
    '\t\t<float key="amount" value="2"/>\r\n'
    "\t</event>\r\n"
    "</trace>\r\n"
    '<trace><string key="concept:name" value="S2"/><int key="prio" value="7"/>'
    '<event><string key="concept:name" value="Modtag"/>'
    '<date key="time:timestamp" value="2024-04-01T10:00:00.5"/>'
    '<string key="uid" value="b"/><string key="amount" value="mange"/></event>'
    '<event><string key="concept:name" value="Luk"/>'
    '<date key="time:timestamp" value="2024-04-02T23:59:59.999999-02:30"/>'
    '<boolean key="ok" value="false"/></event>'
    "</trace>\r\n"
    "</log>\r\n"
)


def _with_date(value: str) -> str:
    return HEAD + TRACE.replace("2024-03-01T10:00:00.000+01:00", value) + "</log>\n"


def _same(path: Path, keys: list[str] | None) -> pl.DataFrame:
    native = xesnative.read_native(path, LIMIT, keys, None)
    assert_frame_equal(native, xesfast._read_polars(path, LIMIT, keys, None))
    return native


@native_only
@pytest.mark.parametrize("keys", [None, PROJECTION], ids=["all", "projection"])
@pytest.mark.parametrize("path", sorted(EVENT_LOGS.glob("*.xes*")), ids=lambda path: path.name)
def test_native_scanner_gives_the_polars_readers_frame(path, keys):
    frame = _same(path, keys)

    assert frame.height > 0


@native_only
@pytest.mark.parametrize("keys", [None, PROJECTION, ["case:afdeling", "cost", "kind"]])
def test_native_scanner_reads_globals_nesting_types_entities_and_crlf_as_polars(tmp_path, keys):
    path = _write(tmp_path, RICH)

    frame = _same(path, keys)

    streamed = _streamed(path)
    assert_frame_equal(frame, streamed.select(frame.columns))  # type: ignore[attr-defined]
    if keys is None:
        assert frame.get_column("concept:name").to_list() == [
            "Modtag",
            "Behandl & afgør <snart>",
            "Modtag",
            "Luk",
        ]
        assert frame.get_column("org:resource").to_list() == [
            "Mette H\nansen",
            "ukendt & ny",
            "ukendt & ny",
            "ukendt & ny",
        ]
        assert frame.get_column("kind").to_list() == [None, "last", None, None]
        assert frame.get_column("case:concept:name").to_list() == ["S1", "S1", "S2", "S2"]
        assert frame.get_column("case:afdeling").to_list() == [
            "Jobcenter",
            "Jobcenter",
            "Borgerservice",
            "Borgerservice",
        ]


@native_only
def test_native_scanner_reads_a_multi_member_gzip_file(tmp_path):
    # Two gzip members, the second starting mid-trace: concatenated gzip files are one file.
    data = RICH.encode()
    middle = data.index(b"<event>", data.index(b"S2"))
    path = tmp_path / "log.xes.gz"
    path.write_bytes(gzip.compress(data[:middle]) + gzip.compress(data[middle:]))

    frame = _same(path, None)

    assert frame.height == 4


@native_only
@pytest.mark.parametrize("step", [1, 7, 64])
def test_native_scanner_keeps_its_place_across_tiny_pieces(tmp_path, monkeypatch, step):
    # Pieces of a few bytes cut every tag, value and entity somewhere.
    path = _write(tmp_path, RICH)
    whole = xesnative.read_native(path, LIMIT, None, None)
    monkeypatch.setattr(xesfast, "INFLATE_STEP", step)
    monkeypatch.setattr(xesfast, "PROLOG_BYTES", 200)

    assert_frame_equal(xesnative.read_native(path, LIMIT, None, None), whole)


@native_only
@pytest.mark.parametrize(
    "value",
    [
        "2024-02-29T23:59:59Z",
        "2024-03-01T10:00:00",
        "1999-12-31T23:00:00.1-14:00",
        "2024-03-01T10:00:00.000000+05:45",
    ],
)
def test_native_dates_are_the_instants_polars_reads(tmp_path, value):
    path = _write(tmp_path, _with_date(value))

    frame = _same(path, None)

    assert frame.schema["time:timestamp"] == pl.Datetime("us", "UTC")


@native_only
@pytest.mark.parametrize(
    "value",
    [
        "2024-03-01T10:00:00.123456789+01:00",  # nanoseconds
        "2024-03-01 10:00:00",  # a space for the T
        "2024-03-01T10:00:00+0100",  # an offset without a colon
        "2024-02-30T10:00:00Z",  # no such day: the column stays text
        "",
    ],
)
def test_dates_in_other_forms_are_left_to_polars(tmp_path, value):
    path = _write(tmp_path, _with_date(value))

    with pytest.raises(xesnative.ForPolars):
        xesnative.read_native(path, LIMIT, None, None)
    assert_frame_equal(
        xesfast.read_plain_xes(path, LIMIT), xesfast._read_polars(path, LIMIT, None, None)
    )


@native_only
def test_a_key_that_is_a_date_and_text_is_left_to_polars(tmp_path):
    other = EVENT.replace(
        '<date key="time:timestamp" value="2024-03-01T10:00:00.000+01:00"/>',
        '<string key="time:timestamp" value="i morgen"/>',
    )
    path = _write(tmp_path, HEAD + TRACE.replace("</trace>", other + "</trace>") + "</log>\n")

    frame = xesfast.read_plain_xes(path, LIMIT)

    assert frame.get_column("time:timestamp").to_list() == [
        "2024-03-01T10:00:00.000+01:00",
        "i morgen",
    ]


@native_only
@pytest.mark.parametrize("path", HOSTILE_XES, ids=lambda path: path.name)
def test_hostile_files_are_refused_alike_with_and_without_the_native_scanner(path):
    def outcome(read):
        try:
            return read()
        except xesfast.NotPlain:
            return "not plain"
        except UserError as error:
            return str(error)

    native = outcome(lambda: xesfast.read_plain_xes(path, LIMIT))
    polars = outcome(lambda: xesfast._read_polars(path, LIMIT, None, None))

    if isinstance(native, pl.DataFrame):
        assert_frame_equal(native, polars)
    else:
        assert native == polars


def test_without_the_native_scanner_polars_reads_and_says_so_once(monkeypatch, caplog):
    monkeypatch.setattr(xesnative, "_xesscan", None)
    monkeypatch.setattr(xesfast, "_missing_logged", False)
    path = EVENT_LOGS / "running-example.xes"

    with caplog.at_level(logging.INFO, logger=xesfast.__name__):
        first = xesfast.read_plain_xes(path, LIMIT)
        xesfast.read_plain_xes(path, LIMIT)

    assert first.height == 42
    assert [record.levelno for record in caplog.records] == [logging.INFO]


@native_only
def test_native_scanner_normalises_a_carriage_return_at_the_end_of_a_value_as_xml(tmp_path):
    # XML makes every line break in an attribute value a space; the Polars reader drops a
    # carriage return just before the closing quote, the native scanner reads as lxml does.
    path = _write(tmp_path, HEAD + TRACE.replace('value="Modtag"', 'value="Modtag\r"') + "</log>\n")

    frame = xesnative.read_native(path, LIMIT, None, None)

    assert frame.get_column("concept:name").to_list() == ["Modtag "]
    assert_frame_equal(frame, _streamed(path).select(frame.columns))  # type: ignore[attr-defined]


def test_a_date_key_with_no_readable_value_stays_text_with_its_gaps(tmp_path, reader):
    # One event's date is not a date and the other lacks the key: the column stays text,
    # one value per event (it was once a single null and the frame could not be built).
    other = EVENT.replace(
        '<date key="time:timestamp" value="2024-03-01T10:00:00.000+01:00"/>',
        '<date key="besluttet" value="snart"/>',
    )
    path = _write(
        tmp_path, HEAD + TRACE.replace("</trace>", other + EVENT + "</trace>") + "</log>\n"
    )

    frame = xesfast.read_plain_xes(path, LIMIT)

    assert frame.get_column("besluttet").to_list() == [None, "snart", None]


@pytest.mark.skipif(not os.environ.get("CI"), reason="a developer may lack a C compiler")
def test_ci_builds_the_native_scanner():
    # `make test` installs gcc and python3-dev first, so in CI the native tests above never
    # skip for want of the module: a failed build would otherwise hide behind their skips.
    assert xesnative.built()
