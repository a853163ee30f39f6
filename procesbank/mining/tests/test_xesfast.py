"""The plain-shape XES reader: it gives the streaming reader's frame, and hands every file
outside the plain shape to the careful readers instead of guessing."""

from pathlib import Path

import pytest
from polars.testing import assert_frame_equal

from procesbank.core.errors import UserError
from procesbank.mining.engine import xes, xesfast
from procesbank.mining.tests.test_xes import NESTED

EVENT_LOGS = Path(__file__).resolve().parents[3] / "tests" / "data" / "event-logs"
LIMIT = 2**30

HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<log xes.version="1849.2016">\n'
EVENT = (
    '<event><string key="concept:name" value="Modtag"/>'
    '<date key="time:timestamp" value="2024-03-01T10:00:00.000+01:00"/></event>\n'
)
TRACE = f'<trace><string key="concept:name" value="S1"/>\n{EVENT}</trace>\n'


def _write(tmp_path: Path, text: str, name: str = "log.xes") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _streamed(path: Path) -> object:
    return xes.read_xes_streaming(path, xes.is_gzip(path))


@pytest.mark.parametrize("name", ["running-example.xes", "receipt.xes.gz", "BPIC15_1.xes.gz"])
def test_plain_reader_gives_the_streaming_readers_frame(name):
    path = EVENT_LOGS / name

    plain = xesfast.read_plain_xes(path, LIMIT)
    streamed = xes.read_xes_streaming(path, xes.is_gzip(path))

    assert_frame_equal(plain.select(sorted(plain.columns)), streamed.select(sorted(plain.columns)))
    assert sorted(plain.columns) == sorted(streamed.columns)


def test_plain_reader_keeps_top_level_values_fills_globals_and_skips_lists(tmp_path):
    # NESTED has a nested meta attribute, a list, an id, a global default and an entity.
    path = _write(tmp_path, NESTED)

    plain = xesfast.read_plain_xes(path, LIMIT)

    streamed = xes.read_xes_streaming(path, gzipped=False)
    assert_frame_equal(plain.select(streamed.columns), streamed)
    assert plain.get_column("concept:name").to_list() == ["Modtag", "Behandl & afgør", "Modtag"]
    assert plain.get_column("org:resource").to_list() == ["Mette", "ukendt", "ukendt"]
    assert "tags" not in plain.columns
    assert "lang" not in plain.columns


def test_small_chunks_give_the_same_frame(monkeypatch):
    # Chunks of 4 KiB cut the 2 MB receipt log into hundreds of pieces mid-trace.
    path = EVENT_LOGS / "receipt.xes.gz"
    whole = xesfast.read_plain_xes(path, LIMIT)
    monkeypatch.setattr(xesfast, "INFLATE_STEP", 4096)
    monkeypatch.setattr(xesfast, "COMPRESSED_STEP", 1024)

    chunked = xesfast.read_plain_xes(path, LIMIT)

    assert_frame_equal(chunked, whole)


def test_projection_builds_only_the_keys_asked_for():
    path = EVENT_LOGS / "receipt.xes.gz"

    plain = xesfast.read_plain_xes(path, LIMIT, keys=["concept:name", "case:concept:name"])

    assert plain.columns == ["concept:name", "case:concept:name"]
    assert plain.height == 8577


def test_character_references_and_whitespace_in_values_read_as_xml_says(tmp_path):
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
def test_files_outside_the_plain_shape_go_to_the_careful_readers(tmp_path, text):
    path = _write(tmp_path, text)

    with pytest.raises(xesfast.NotPlain):
        xesfast.read_plain_xes(path, LIMIT)


def test_plain_file_is_read_without_the_careful_readers(tmp_path, monkeypatch):
    path = _write(tmp_path, HEAD + TRACE + "</log>\n")

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the careful readers were asked")

    monkeypatch.setattr(xes, "scan_xes", refuse)

    raw = xes.read_xes_raw(path, LIMIT)

    assert raw.get_column("case:concept:name").to_list() == ["S1"]


def test_size_limit_holds_in_the_plain_reader(tmp_path):
    path = _write(tmp_path, HEAD + TRACE * 200 + "</log>\n")

    with pytest.raises(UserError) as caught:
        xesfast.read_plain_xes(path, max_bytes=1000)

    assert str(caught.value) == "Filen er for stor: 0 MB. Grænsen er 0 MB."
