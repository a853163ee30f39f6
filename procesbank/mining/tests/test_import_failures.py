"""Hostile and broken files end the import job as failed, in Danish, with nothing saved.

Each case runs the import as the worker does (:func:`services.eventlog_import_run`) and checks
the job's message, that no EventLog row and no file under MEDIA_ROOT is left, and that the same
process then imports a good log (the worker survives).
"""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from procesbank.jobs.models import Job
from procesbank.jobs.services import job_create
from procesbank.mining import services
from procesbank.mining.engine.eventlog import ColumnMapping
from procesbank.mining.models import EventLog
from procesbank.mining.tests.test_models import import_log

DATA = Path(__file__).resolve().parents[3] / "tests" / "data" / "event-logs"
RUNNING_EXAMPLE = (DATA / "running-example.xes").read_bytes()
#: The running example cut right after its first trace: well-formed up to the cut.
FIRST_TRACE_END = RUNNING_EXAMPLE.index(b"</trace>") + len(b"</trace>")
CUT_AFTER_TRACE = RUNNING_EXAMPLE[:FIRST_TRACE_END]
CUT_LINES = CUT_AFTER_TRACE.count(b"\n") + 1

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE log [
 <!ENTITY a "aaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
]>
<log><trace><string key="concept:name" value="&d;"/></trace></log>
"""
EXTERNAL_DTD = (
    b'<?xml version="1.0"?>\n<!DOCTYPE log SYSTEM "http://192.0.2.1/xes.dtd">\n'
    b'<log><trace><string key="concept:name" value="1"/></trace></log>'
)
MSG_DOCTYPE = (
    "XES-filen indeholder en DOCTYPE-erklæring eller entiteter. Det afvises af "
    "sikkerhedshensyn; en XES-fil har ikke brug for dem."
)
CSV_MAPPING = ColumnMapping(case_id="case", activity="activity", timestamp="timestamp")


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _run(user, filename: str, data: bytes, mapping: ColumnMapping | None = None) -> Job:
    pending = services.eventlog_upload_stage(
        user=user, upload=SimpleUploadedFile(filename, data), name="", visibility="own"
    )
    job = job_create(user=user, title="Import")
    services.eventlog_import_run(job_id=job.pk, user=user, pending=pending, mapping=mapping)
    job.refresh_from_db()
    return job


def _files(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


@pytest.mark.parametrize(
    ("filename", "data", "mapping", "message"),
    [
        pytest.param(
            "cut.xes",
            b"<log><trace><event>",
            None,
            "XES-filen er afkortet: den stopper midt i loggen i linje 1, efter 19 byte, uden det "
            "afsluttende </log>. Hent eller eksportér filen igen.",
            id="xes-cut-in-first-event",
        ),
        pytest.param(
            "cut.xes",
            CUT_AFTER_TRACE,
            None,
            "XES-filen er afkortet: den stopper midt i loggen i linje "
            f"{CUT_LINES}, efter {len(CUT_AFTER_TRACE)} byte, uden det "
            "afsluttende </log>. Hent eller eksportér filen igen.",
            id="xes-cut-after-whole-trace",
        ),
        pytest.param(
            "cut.xes.gz",
            gzip.compress(CUT_AFTER_TRACE),
            None,
            "XES-filen er afkortet: den stopper midt i loggen i linje "
            f"{CUT_LINES}, efter {len(CUT_AFTER_TRACE)} byte, uden det "
            "afsluttende </log>. Hent eller eksportér filen igen.",
            id="gzip-of-cut-xes",
        ),
        pytest.param(
            "log.xes.gz",
            gzip.compress(RUNNING_EXAMPLE)[:-100],
            None,
            "Den komprimerede fil (gzip) er afkortet eller beskadiget og kan ikke pakkes ud. "
            "Hent eller eksportér filen igen.",
            id="gzip-cut-mid-stream",
        ),
        pytest.param("lol.xes", BILLION_LAUGHS, None, MSG_DOCTYPE, id="billion-laughs"),
        pytest.param(
            "lol.xes",
            BILLION_LAUGHS.decode().replace('"1.0"', '"1.0" encoding="UTF-16"').encode("utf-16"),
            None,
            MSG_DOCTYPE,
            id="billion-laughs-utf16",
        ),
        pytest.param("dtd.xes", EXTERNAL_DTD, None, MSG_DOCTYPE, id="external-dtd"),
        pytest.param(
            "empty.xes",
            b'<?xml version="1.0"?>\n<log xes.version="1.0"></log>\n',
            None,
            "Hændelsesloggen er tom: filen indeholder ingen hændelser.",
            id="empty-xes",
        ),
        pytest.param(
            "notime.csv",
            b"case,activity,timestamp\n1,a,2024-01-01 10:00\n1,b,\n",
            CSV_MAPPING,
            "Række 3 mangler en værdi i kolonnen 'timestamp'.",
            id="missing-timestamp",
        ),
        pytest.param(
            "badtime.csv",
            "case,activity,timestamp\n1,a,i går\n1,b,i dag\n".encode(),
            CSV_MAPPING,
            "Tidspunkterne i kolonnen 'timestamp' har et format, der ikke genkendes (fx 'i går' "
            "i række 2). Angiv formatet.",
            id="unparseable-timestamp",
        ),
        pytest.param(
            "swapped.csv",
            b"case,activity,timestamp\n1,a,2024-01-01 10:00\n",
            ColumnMapping(case_id="case", activity="timestamp", timestamp="activity"),
            "Tidspunkterne i kolonnen 'activity' har et format, der ikke genkendes (fx 'a' "
            "i række 2). Angiv formatet.",
            id="wrong-csv-mapping",
        ),
        pytest.param(
            "bomb.xes.gz",
            gzip.compress(b"<log>" + b" " * (2 * 2**20) + b"</log>"),
            None,
            "Filen er for stor: udpakket fylder den mere end grænsen på 1 MB.",
            id="over-limit-unpacked",
        ),
    ],
)
def test_bad_file_fails_job_in_danish_and_saves_nothing(
    konsulent, settings, filename, data, mapping, message
):
    settings.PROCESBANK_UPLOAD_LIMIT_MB = 1

    job = _run(konsulent, filename, data, mapping)

    assert job.status == Job.Status.FAILED
    assert job.error == message
    assert EventLog.objects.count() == 0
    assert _files(Path(settings.MEDIA_ROOT)) == []
    # The worker survives: the next import in the same process succeeds.
    assert import_log(konsulent).events == 42


def _stage_then_run(user, settings, data: bytes, *, limit_mb: int) -> Job:
    """Stage under the configured limit, then run the import under ``limit_mb``."""
    pending = services.eventlog_upload_stage(
        user=user, upload=SimpleUploadedFile("log.xes", data), name="", visibility="own"
    )
    settings.PROCESBANK_UPLOAD_LIMIT_MB = limit_mb
    job = job_create(user=user, title="Import")
    services.eventlog_import_run(job_id=job.pk, user=user, pending=pending, mapping=None)
    job.refresh_from_db()
    return job


def test_xes_over_the_limit_fails_the_job(konsulent, settings):
    # The upload form refuses a large file first; this is the worker's own check, for a file
    # staged before the limit was lowered. A comment after the root makes it 2 MB.
    data = RUNNING_EXAMPLE + b"<!--" + b" " * (2 * 2**20) + b"-->"

    job = _stage_then_run(konsulent, settings, data, limit_mb=1)

    assert job.status == Job.Status.FAILED
    assert job.error == "Filen er for stor: 2 MB. Grænsen er 1 MB."
    assert EventLog.objects.count() == 0
    assert _files(Path(settings.MEDIA_ROOT)) == []


def test_staged_file_gone_fails_the_job_in_danish(konsulent, settings):
    pending = services.eventlog_upload_stage(
        user=konsulent,
        upload=SimpleUploadedFile("log.xes", RUNNING_EXAMPLE),
        name="",
        visibility="own",
    )
    pending.path.unlink()
    job = job_create(user=konsulent, title="Import")

    services.eventlog_import_run(job_id=job.pk, user=konsulent, pending=pending, mapping=None)

    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert job.error == (
        "Den uploadede fil findes ikke længere (uploads, der ikke importeres, slettes efter "
        "24 timer). Upload filen igen."
    )
    assert EventLog.objects.count() == 0
