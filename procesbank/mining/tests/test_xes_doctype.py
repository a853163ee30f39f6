"""A DOCTYPE in an XES file is refused wherever it hides: libxml2 looks for it, not a byte scan."""

from __future__ import annotations

import pytest

from procesbank.core.errors import UserError
from procesbank.mining.engine import xes
from procesbank.mining.models import EventLog
from procesbank.mining.tests.test_import_failures import MSG_DOCTYPE, RUNNING_EXAMPLE, _run

ENTITY = b'<!DOCTYPE log [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>\n'
LOG = b'<log><trace><string key="concept:name" value="&b;"/></trace></log>\n'
DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(DECLARATION + b"<!-- <log -->\n" + ENTITY + LOG, id="behind-log-in-comment"),
        pytest.param(
            DECLARATION + b"<!--" + b" padding" * 700_000 + b" -->\n" + ENTITY + LOG,
            id="behind-5-mb-comment",
        ),
        pytest.param(DECLARATION + b"<?pi <log?>\n" + ENTITY + LOG, id="behind-log-in-instruction"),
        pytest.param(
            (
                '<?xml version="1.0" encoding="UTF-16"?><!-- <log -->' + (ENTITY + LOG).decode()
            ).encode("utf-16"),
            id="utf16-behind-comment",
        ),
    ],
)
def test_the_scan_finds_a_doctype_the_prolog_hides(tmp_path, data):
    path = tmp_path / "hidden.xes"
    path.write_bytes(data)

    with pytest.raises(UserError) as refused:
        xes.scan_xes(path, max_bytes=100 * 2**20)

    assert str(refused.value) == MSG_DOCTYPE


def test_a_doctype_inside_the_log_is_refused_before_rustxes_reads_it(tmp_path):
    # rustxes reads this file without a word and keeps '&a;' as text.
    path = tmp_path / "inside.xes"
    path.write_bytes(
        b'<log><!DOCTYPE log [<!ENTITY a "x">]><trace><string key="concept:name" value="&a;"/>'
        b'<event><string key="concept:name" value="a"/></event></trace></log>'
    )

    with pytest.raises(UserError) as refused:
        xes.scan_xes(path, max_bytes=2**20)

    assert str(refused.value) == (
        "XES-filen er ikke gyldig XML (linje 1, kolonne 7): et tag uden gyldigt navn (fx en "
        "DOCTYPE-erklæring inde i dokumentet)"
    )


def test_a_well_formed_log_still_goes_to_rustxes(tmp_path):
    path = tmp_path / "running-example.xes"
    path.write_bytes(RUNNING_EXAMPLE)

    scan = xes.scan_xes(path, max_bytes=2**20)

    assert (scan.complete, scan.well_formed) == (True, True)


def test_an_import_of_a_doctype_behind_a_comment_fails_in_danish_and_keeps_nothing(
    konsulent, tmp_path
):
    job = _run(konsulent, "log.xes", DECLARATION + b"<!-- <log -->\n" + ENTITY + LOG)

    assert (job.status, job.error) == ("failed", MSG_DOCTYPE)
    assert not EventLog.objects.exists()
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []


def test_what_the_parser_found_is_told_in_the_users_language(tmp_path):
    from django.utils import translation
    from django.utils.translation import gettext

    path = tmp_path / "mismatch.xes"
    path.write_bytes(b"<log>\n<trace></event></log>")

    with pytest.raises(UserError) as refused:
        xes.read_xes_raw(path, max_bytes=2**20)
    with translation.override("en"):
        english = refused.value.render(gettext)

    assert str(refused.value) == (
        "XES-filen er ikke gyldig XML (linje 2, kolonne 16): sluttagget </event> passer ikke til "
        "starttagget <trace> i linje 2"
    )
    assert english.endswith(": the end tag </event> does not match the start tag <trace> in line 2")
