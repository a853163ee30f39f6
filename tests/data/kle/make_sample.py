"""Writes the KLE samples: `python tests/data/kle/make_sample.py sample > tests/data/kle/kle-emneplan-udsnit.xml`
and `... demo > procesbank/demo/data/kle-emneplan-demo.xml` (run from the repository root)."""
# ruff: noqa: E501  (KLE titles are kept whole)

import sys
import uuid
from xml.sax.saxutils import escape


def uid(code):
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "procesbank-test-kle:" + code))


def admin(tag, created, changed=(), expired=None, indent="      "):
    out = [f"{indent}<{tag}AdministrativInfo>", f"{indent}  <OprettetDato>{created}</OprettetDato>"]
    out += [f"{indent}  <RettetDato>{d}</RettetDato>" for d in changed]
    if expired:
        out += [
            f"{indent}  <Historisk>",
            f"{indent}    <UdgaaetDato>{expired}</UdgaaetDato>",
            f"{indent}  </Historisk>",
        ]
    out.append(f"{indent}</{tag}AdministrativInfo>")
    return out


def build(plan, comment, published="2025-01-01"):
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        "<!--",
        comment.rstrip(),
        "-->",
        '<KLE-Emneplan xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">',
        f"  <UdgivelsesDato>{published}</UdgivelsesDato>",
    ]
    for mg in plan:
        code, title, created, groups = mg[:4]
        lines += [
            "  <Hovedgruppe>",
            f"    <HovedgruppeNr>{code}</HovedgruppeNr>",
            f"    <HovedgruppeTitel>{escape(title)}</HovedgruppeTitel>",
        ]
        lines += admin("Hovedgruppe", created, indent="    ")
        lines.append(f"    <UUID>{uid(code)}</UUID>")
        for g in groups:
            gcode, gtitle, gcreated, topics = g[:4]
            gexp = g[4] if len(g) > 4 else None
            lines += [
                "    <Gruppe>",
                f"      <GruppeNr>{gcode}</GruppeNr>",
                f"      <GruppeTitel>{escape(gtitle)}</GruppeTitel>",
            ]
            lines += admin("Gruppe", gcreated, expired=gexp, indent="      ")
            lines.append(f"      <UUID>{uid(gcode)}</UUID>")
            for t in topics:
                tcode, ttitle, tcreated = t[:3]
                tchanged = t[3] if len(t) > 3 else ()
                texp = t[4] if len(t) > 4 else None
                lines += [
                    "      <Emne>",
                    f"        <EmneNr>{tcode}</EmneNr>",
                    f"        <EmneTitel>{escape(ttitle)}</EmneTitel>",
                ]
                lines += admin("Emne", tcreated, tchanged, texp, indent="        ")
                lines.append(f"        <UUID>{uid(tcode)}</UUID>")
                lines.append("      </Emne>")
            lines.append("    </Gruppe>")
        lines.append("  </Hovedgruppe>")
    lines.append("</KLE-Emneplan>")
    return "\n".join(lines) + "\n"


BYG = (
    "02",
    "Byggeri",
    "1988-01-01",
    [
        (
            "02.00",
            "Byggeri i almindelighed",
            "1988-01-01",
            [
                ("02.00.00", "Byggeri i almindelighed", "1988-01-01"),
                ("02.00.05", "Bygningsreglementer", "1988-01-01", ("2018-07-01",)),
            ],
        ),
        (
            "02.34",
            "Byggesagsbehandling",
            "1988-01-01",
            [
                ("02.34.00", "Byggesagsbehandling i almindelighed", "1988-01-01"),
                (
                    "02.34.02",
                    "Fritliggende enfamiliehuse (parcelhuse)",
                    "1988-01-01",
                    ("2015-01-01",),
                ),
                (
                    "02.34.03",
                    "Sammenbyggede enfamiliehuse (rækkehuse, kædehuse og dobbelthuse)",
                    "1988-01-01",
                ),
                (
                    "02.34.04",
                    "Etageboligbebyggelse (flerfamiliehuse, herunder kollegier og døgninstitutioner)",
                    "1988-01-01",
                ),
                (
                    "02.34.05",
                    "Erhvervs- og industribyggeri (fabrikker, værksteder, kontorer, butikker, lager mv.)",
                    "1988-01-01",
                ),
                (
                    "02.34.06",
                    "Garager, carporte, udhuse, overdækkede terrasser, drivhuse og lign. småbygninger",
                    "1988-01-01",
                ),
                ("02.34.07", "Sommerhuse", "1988-01-01"),
                (
                    "02.34.10",
                    "Byggesager om midlertidige bygninger og konstruktioner",
                    "2004-01-01",
                    (),
                    "2019-01-01",
                ),
            ],
        ),
    ],
)
SOC = (
    "27",
    "Social service",
    "1998-07-01",
    [
        (
            "27.24",
            "Børn og unge med særlige behov",
            "1998-07-01",
            [
                ("27.24.00", "Børn og unge med særlige behov i almindelighed", "1998-07-01"),
                ("27.24.03", "Forebyggende foranstaltninger for børn og unge", "1998-07-01"),
            ],
        ),
        (
            "27.36",
            "Personlig og praktisk hjælp",
            "1998-07-01",
            [
                ("27.36.00", "Personlig og praktisk hjælp i almindelighed", "1998-07-01"),
                ("27.36.04", "Personlig hjælp og pleje", "1998-07-01"),
                ("27.36.08", "Hjælp til praktiske opgaver i hjemmet", "1998-07-01"),
            ],
        ),
    ],
)
KON = (
    "32",
    "Kontante ydelser",
    "1998-07-01",
    [
        (
            "32.18",
            "Hjælp i særlige tilfælde",
            "1998-07-01",
            [
                ("32.18.00", "Hjælp i særlige tilfælde i almindelighed", "1998-07-01"),
                ("32.18.04", "Hjælp til sygebehandling, medicin, tandbehandling mv.", "1998-07-01"),
                ("32.18.08", "Hjælp til enkeltudgifter", "1998-07-01", ("2014-01-01",)),
                ("32.18.12", "Hjælp til flytning", "1998-07-01"),
            ],
        ),
        (
            "32.24",
            "Kontanthjælp",
            "1998-07-01",
            [
                (
                    "32.24.04",
                    "Hjælp til forsørgelse (kontanthjælp mv.)",
                    "1998-07-01",
                    ("2021-08-01",),
                ),
                (
                    "32.24.48",
                    "Selvforsørgelses- og hjemrejseydelse eller overgangsydelse",
                    "2019-07-01",
                    ("2021-08-01",),
                    "2022-02-01",
                ),
            ],
        ),
    ],
)
SAMPLE_COMMENT = """
  An excerpt in the format of KL's KLE-Emneplan XML (version 2.0 of the schema): three main
  groups (02 Byggeri, 27 Social service, 32 Kontante ydelser), their groups and topics with
  creation, change and expiry dates (02.34.10 and 32.24.48 have gone).

  Origin: the element structure (KLE-Emneplan / Hovedgruppe / Gruppe / Emne, ...Nr, ...Titel,
  ...AdministrativInfo with OprettetDato, RettetDato and Historisk/UdgaaetDato, UUID) follows KL's
  published file as the public parsers read it (OS2 and other municipal repositories that load
  KLE-Emneplan XML). Numbers and titles are written from KL's plan as the author knows it;
  KL's file itself could not be fetched, so they are NOT checked against the current edition
  (check them at kle-online.dk before relying on a title). The UUIDs are made up (uuid5 of
  the number). Guidance texts and legal references are left out.
  Licence: KLE is KL's (Kommunernes Landsforening, https://www.kle-online.dk); KL publishes the
  plan for free use by municipalities and suppliers. This short excerpt is for tests only; load
  the full plan from KL with `procesbank kle import FILE`.
  Written by tests/data/kle/make_sample.py.
"""
if __name__ == "__main__":
    which = sys.argv[1]
    if which == "sample":
        sys.stdout.write(build([BYG, SOC, KON], SAMPLE_COMMENT))

DEMO_COMMENT = """
  The KLE plan the demo loads: the excerpt of tests/data/kle/kle-emneplan-udsnit.xml (02, 27 and
  32 with groups and topics) and every other main group of KLE without its groups (their
  numbers and titles from procesbank/processes/engine/kle_groups.py). Demo processes are filed
  under numbers in this plan only. A real installation loads KL's full plan instead.
  Written by tests/data/kle/make_sample.py.
"""
if __name__ == "__main__" and sys.argv[1] == "demo":
    sys.path.insert(0, ".")
    from procesbank.processes.engine.kle_groups import KLE_MAIN_GROUPS

    full = {"02": BYG, "27": SOC, "32": KON}
    plan = [
        full.get(code, (code, title, "1988-01-01", [])) for code, title in KLE_MAIN_GROUPS.items()
    ]
    sys.stdout.write(build(plan, DEMO_COMMENT))
