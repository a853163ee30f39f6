"""The five starter templates as real small files, generated here: Markdown for the texts a
consultant fills in, Excel (openpyxl) for the plans that are tables."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

CHARTER = """\
# Projektgrundlag: [projektets navn]

*Skabelon fra Procesbanks metodehåndbog. Udfyldes i analysefasen og godkendes ved gate 2.*

## 1. Baggrund
Hvilket problem løser projektet? For hvem? Hvordan ved vi, at det er et problem (tal)?

## 2. Formål og mål
Hvad skal være anderledes, når projektet er slut? Skriv målbare mål.

## 3. Afgrænsning
Hvad er med, og hvad er udtrykkeligt ikke med?

## 4. Processer
Link til som-er-processen i Procesbank (og skal-være, når den findes).

## 5. Gevinster
| Gevinst | KPI | Baseline (dato) | Mål (dato) | Gevinstejer |
|---|---|---|---|---|
| | | | | |

## 6. Økonomi
Nutidsværdi (3,5 %): ____ kr. Tilbagebetalingstid: ____ år. Link til business casen.

## 7. Organisering
Projektejer, projektleder, styregruppe, deltagere og deres tid.

## 8. Tidsplan og faser
Idé, analyse, anskaffelse, gennemførelse, realisering: datoer for gates.

## 9. Risici
| Risiko | Sandsynlighed (1-5) | Konsekvens (1-5) | Tiltag | Ansvarlig |
|---|---|---|---|---|
| | | | | |

## 10. Godkendelse
Dato: ______  Projektejer: ______________________
"""

AGENDA = """\
# Dagsorden: kortlægningsworkshop ([procesnavn])

*Skabelon fra Procesbanks metodehåndbog. 2½ time, 3-6 deltagere, der udfører arbejdet.*

| Tid | Punkt | Hvem |
|---|---|---|
| 0:00 | Velkomst, formål og hvad resultatet bruges til | Proceskonsulent |
| 0:10 | Afgrænsning: hvad starter processen, hvad er resultatet? | Alle |
| 0:20 | Tegn den seneste konkrete sag på post-its (udsagnsord + navneord) | Alle |
| 1:00 | Pause | |
| 1:10 | Pr. opgave: hvem, hvilket system, hvor lang tid (mindst / typisk / størst) | Alle |
| 1:50 | Ventetid og genarbejde: sæt røde prikker | Alle |
| 2:10 | "Hvis I selv bestemte": idéer til forbedringer | Alle |
| 2:25 | Næste skridt: diagrammet sendes til deltagerne senest [dato] | Proceskonsulent |

**Medbring:** post-its i to farver, røde prikker, tal for antal sager pr. år.
"""

INTERVIEW = """\
# Interviewguide til kortlægning

*Skabelon fra Procesbanks metodehåndbog. Til et interview på 45-60 minutter med en
medarbejder, der udfører processen.*

## Indledning (5 min.)
- Fortæl formålet: vi vil forstå arbejdet, ikke vurdere den enkelte.
- Spørg om lov til at tage noter.

## Processen (25 min.)
1. Hvad starter en sag hos dig? Hvordan får du den?
2. Fortæl om den seneste sag, du afsluttede: hvad gjorde du først, så, derefter?
3. Hvilke systemer bruger du undervejs? Skriver du noget ind to steder?
4. Hvem giver du sagen videre til, og hvem får du den tilbage fra?
5. Hvornår må du vente på andre? Hvor længe?

## Tid (10 min.)
For hver opgave: Hvor lang tid tager den i en nem sag, en typisk sag og en svær sag?
Hvor mange sager har du om ugen?

## Problemer og idéer (10 min.)
- Hvad går oftest galt? Hvad gør du så?
- Hvad bruger du tid på, som ikke burde være nødvendigt?
- Hvis du selv bestemte, hvad ville du lave om?

## Afslutning (5 min.)
Tak. Fortæl hvornår medarbejderen ser diagrammet, og at hun/han kan rette i det.
"""

HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")


def _xlsx(title: str, intro: str, headers: list[str], rows: list[list[object]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title[:31]
    sheet["A1"] = title
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A2"] = intro
    sheet["A2"].alignment = Alignment(wrap_text=True)
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(headers))
    sheet.row_dimensions[2].height = 45
    for column, header in enumerate(headers, start=1):
        cell = sheet.cell(row=4, column=column, value=header)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        sheet.column_dimensions[cell.column_letter].width = max(14, len(header) + 4)
    for offset, row in enumerate(rows):
        for column, value in enumerate(row, start=1):
            sheet.cell(row=5 + offset, column=column, value=value)
    sheet.freeze_panes = "A5"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def communication_plan() -> bytes:
    content = _xlsx(
        "Kommunikationsplan",
        "Skabelon fra Procesbanks metodehåndbog. Én linje pr. kommunikationsaktivitet. "
        "Nærmeste leder er den bedste afsender af budskaber om ens eget arbejde.",
        ["Målgruppe", "Budskab", "Kanal", "Afsender", "Tidspunkt", "Ansvarlig", "Status"],
        [
            ["Medarbejdere i teamet", "Hvorfor vi ændrer processen, og hvad der ikke ændres",
             "Teammøde", "Teamleder", "Uge 1", "Projektleder", "Planlagt"],
            ["Superbrugere", "Jeres rolle og oplæring", "Workshop", "Projektleder", "Uge 4",
             "Projektleder", "Planlagt"],
            ["Borgere", "Ny selvbetjening: sådan søger du", "Hjemmeside", "Kommunikation",
             "Ved idriftsættelse", "Kommunikation", "Planlagt"],
        ],
    )  # fmt: skip
    return content


def benefits_plan() -> bytes:
    book_bytes = _xlsx(
        "Gevinstrealiseringsplan",
        "Skabelon fra Procesbanks metodehåndbog. Hver gevinst: KPI, baseline, mål og en ejer "
        "i linjen. Målingerne kan også registreres direkte i Procesbank under projektet.",
        ["Gevinst", "Type", "KPI", "Enhed", "Baseline", "Baselinedato", "Mål", "Måldato",
         "Gevinstejer", "Måles", "Værdi pr. år (kr.)"],
        [
            ["Kortere sagsbehandlingstid", "Økonomisk, ikke budgetrelevant",
             "Gennemsnitlig sagsbehandlingstid", "dage", 28, "1.1.2026", 12, "31.12.2027",
             "Afdelingsleder", "Kvartalsvis", 180000],
        ],
    )  # fmt: skip
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(book_bytes))
    sheet = book.active
    assert sheet is not None
    kinds = DataValidation(
        type="list",
        formula1='"Økonomisk, budgetrelevant,Økonomisk, ikke budgetrelevant,Kvalitativ"',
        allow_blank=True,
    )
    sheet.add_data_validation(kinds)
    kinds.add("B5:B50")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


#: (name, kind, section, description, file name, content factory)
TEMPLATES = [
    ("Projektgrundlag", "charter", "project_model",
     "Projektets grundlag til godkendelse ved gate 2: baggrund, mål, gevinster, økonomi, "
     "organisering, tidsplan og risici.", "projektgrundlag.md", lambda: CHARTER.encode()),
    ("Kommunikationsplan", "communication", "change",
     "Målgruppe, budskab, kanal, afsender og tidspunkt for hver kommunikationsaktivitet.",
     "kommunikationsplan.xlsx", communication_plan),
    ("Gevinstrealiseringsplan", "benefits", "benefits",
     "KPI, baseline, mål, ejer og målefrekvens for hver gevinst.", "gevinstrealiseringsplan.xlsx",
     benefits_plan),
    ("Dagsorden for kortlægningsworkshop", "workshop", "mapping",
     "Dagsorden for en workshop på 2½ time med de medarbejdere, der udfører processen.",
     "workshopdagsorden.md", lambda: AGENDA.encode()),
    ("Interviewguide til kortlægning", "interview", "mapping",
     "Spørgsmål til et interview på 45-60 minutter om en proces, dens tider og problemer.",
     "interviewguide.md", lambda: INTERVIEW.encode()),
]  # fmt: skip
