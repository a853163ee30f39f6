"""Writes processes.xlsx: an export as OS2autoproces makes it ("Eksportér til Excel").

Run from the repository root: ``python tests/data/os2autoproces/make_sample.py``.

The layout is OS2autoproces' own, written here independently of Procesbank's code so a test
can compare against it: one sheet "Processer", the 62 header names of ``ProcessXlsView`` in
repository OS2autoproces/os2autoproces-backend (commit 00eaf80), bold headers, numbers with the
"#,##0.00" format and dates as Excel dates in "dd/mm/yyyy", and the value texts of its enums
(Phase, Status, Domain, Visibility, RunPeriod, Level). The processes are invented but typical of
what municipalities register; KLE numbers are from tests/data/kle/. Licence of this file: as the
repository (it holds no third-party content beyond OS2autoproces' column names, MPL-2.0).
"""
# ruff: noqa: E501  (OS2autoproces' header names and sample texts are kept whole)

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

HEADERS = [
    "ID",
    "Titel",
    "Resumé",
    "Fase",
    "Status",
    "Statustekst",
    "Indberetter",
    "Faglig kontaktperson",
    "Kontaktperson",
    "Mail",
    "Anden kontakt information",
    "Tilknyttede personer",
    "Synlighed",
    "Fagområder",
    "Afdelinger",
    "Myndighed",
    "Leverandør",
    "Lovparagraf",
    "KLE-nr",
    "KL ID",
    "KL's Arbejdsgangsbank",
    "Beskrivelse",
    "Idéer til løsning",
    "Udfordringer i den nuværende proces",
    "Nuværende systemer",
    "Andre nuværende systemer",
    "Oprettet",
    "Sidst opdateret",
    "Antal gange processen foretages årligt",
    "Tidsforbrug pr. proces i minutter",
    "Forventet automatiseringsgrad",
    "Manuelt tidsforbrug i timer",
    "Forventet årlig effektiviseringspotentiale",
    "Antal medarbejdere der foretager processen",
    "Er borgere påvirket",
    "Er virksomheder påvirket",
    "Forventet timeforbrug på udvikling",
    "Kommentarer til tidsforbrug",
    "I hvor høj grad indgår der faglig vurdering i processen?",
    "I hvor høj grad er processen præget af hyppige ændringer?",
    "I hvor høj grad er processen baseret på struktureret information?",
    "Er der variation i den måde processen løses?",
    "Er de data og informationer, der skal bruges i processen, tilgængelige digitalt i IT-systemer?",
    "Vil en automatiseret løsning bidrage til en højere kvalitet, som er mere ensrettet og med færre fejl?",
    "Vil en automatiseret løsning bidrage til en hurtigere og mere fyldestgørende service?",
    "Vil automatisering frigive tid og nedbringe rutineopgaver, som skaber en bedre trivsel blandt medarbejderne?",
    "I hvor høj grad vurderes det at processen kan automatiseres? ",
    "Teknisk implementering",
    "Organisatorisk implementering",
    "Anvendt teknologi",
    "Skedulering",
    "Automatiseringen anvender følgende systemer/snitflader",
    "Beskrivelse af automatisering",
    "I hvor høj grad indfriede løsningen de forventede gevinster?",
    "Sidst kontrolleret i forhold til §",
    "Løsningen sat i drift",
    "Løsningen taget ud af drift",
    "Kommentar til realiseret gevinster",
    "Sagsreference i ESDH",
    "Links",
    "Bilag",
    "Interne Noter",
]
assert len(HEADERS) == 62

HOEJ, NOGEN, MINDRE, SLET, VED_IKKE, IKKE = (
    "I høj grad",
    "I nogen grad",
    "I mindre grad",
    "Slet ikke",
    "Ved ikke",
    "Ikke forholdt sig",
)

# The nine assessment questions, in the export's order (columns 38-46).
Q = HEADERS[38:47]

# Per process: the cells by header; everything else empty (as OS2autoproces writes "").
PROCESSES = [
    {
        "ID": 1412,
        "Titel": "Robot til byggesagers journalisering",
        "Resumé": "Robotten journaliserer indkomne ansøgninger om byggetilladelse i ESDH.",
        "Fase": "Drift",
        "Status": "I gang",
        "Statustekst": "",
        "Indberetter": "Mette Hansen",
        "Kontaktperson": "Mette Hansen",
        "Mail": "mette.hansen@helsingor.dk",
        "Synlighed": "Offentlig",
        "Fagområder": "Teknik,Miljø",
        "Afdelinger": "Byggeri og Miljø",
        "Myndighed": "Helsingør Kommune",
        "Leverandør": "Netcompany",
        "Lovparagraf": "Byggeloven § 16",
        "KLE-nr": "02.34.02",
        "Beskrivelse": "Ansøgninger fra Byg og Miljø hentes hver nat og journaliseres på rette sag.",
        "Idéer til løsning": "RPA-robot, der læser ansøgningen og opretter sag og dokument.",
        "Udfordringer i den nuværende proces": "Manuel indtastning og mange fejljournaliseringer.",
        "Nuværende systemer": "Byg og Miljø,Sbsys ",
        "Andre nuværende systemer": "Outlook",
        "Oprettet": datetime(2021, 3, 4),
        "Sidst opdateret": datetime(2024, 11, 20),
        "Antal gange processen foretages årligt": 1800,
        "Tidsforbrug pr. proces i minutter": 12,
        "Forventet automatiseringsgrad": 80,
        "Manuelt tidsforbrug i timer": 360,
        "Forventet årlig effektiviseringspotentiale": 288,
        "Antal medarbejdere der foretager processen": 4,
        "Er borgere påvirket": "Ja",
        "Er virksomheder påvirket": "Ja",
        "Forventet timeforbrug på udvikling": 120,
        Q[0]: SLET,
        Q[1]: MINDRE,
        Q[2]: HOEJ,
        Q[3]: MINDRE,
        Q[4]: HOEJ,
        Q[5]: HOEJ,
        Q[6]: NOGEN,
        Q[7]: HOEJ,
        Q[8]: HOEJ,
        "Anvendt teknologi": "RPA",
        "Skedulering": "Dagligt",
        "Sidst kontrolleret i forhold til §": datetime(2024, 6, 1),
        "Løsningen sat i drift": datetime(2022, 9, 1),
        "Sagsreference i ESDH": "2024-004711",
        "Links": "https://www.os2autoproces.eu/details/1412\nhttps://github.com/helsingor/byggesag-robot",
        "Interne Noter": "Licens fornyes i marts.",
    },
    {
        "ID": 1533,
        "Titel": "Hjælp til enkeltudgifter - automatisk beregning",
        "Resumé": "Beregning af rådighedsbeløb ved ansøgning om enkeltudgifter.",
        "Fase": "Foranalyse",
        "Status": "Ikke vurderet",
        "Synlighed": "Myndighed",
        "Fagområder": "Social,Økonomi",
        "Lovparagraf": "Lov om aktiv socialpolitik § 81",
        "KLE-nr": "32.18.08",
        "Beskrivelse": "Sagsbehandleren beregner i dag rådighedsbeløbet i et regneark.",
        "Nuværende systemer": "KMD Nexus",
        "Oprettet": datetime(2023, 1, 16),
        "Sidst opdateret": datetime(2023, 5, 2),
        "Antal gange processen foretages årligt": 2400,
        "Tidsforbrug pr. proces i minutter": 25.5,
        "Forventet automatiseringsgrad": 40,
        "Manuelt tidsforbrug i timer": 1020,
        "Forventet årlig effektiviseringspotentiale": 408,
        "Antal medarbejdere der foretager processen": 9,
        "Er borgere påvirket": "Ja",
        "Er virksomheder påvirket": "Nej",
        Q[0]: NOGEN,
        Q[1]: VED_IKKE,
        Q[2]: NOGEN,
        Q[3]: NOGEN,
        Q[4]: NOGEN,
        Q[5]: HOEJ,
        Q[6]: HOEJ,
        Q[7]: IKKE,
        Q[8]: NOGEN,
        "Anvendt teknologi": "Integration",
        "Skedulering": "Efter behov",
        "Links": "https://www.os2autoproces.eu/details/1533",
    },
    {
        "ID": 1601,
        "Titel": "Visitation til praktisk hjælp - breve",
        "Resumé": "Afgørelsesbreve dannes ud fra visitationens skabeloner.",
        "Fase": "Idé",
        "Status": "Afventer",
        "Synlighed": "Personlig",
        "Fagområder": "Sundhed",
        "KLE-nr": "27.36.08",
        "Nuværende systemer": "KMD Nexus,Digital Post",
        "Oprettet": datetime(2024, 2, 1),
        "Sidst opdateret": datetime(2024, 2, 1),
        "Antal gange processen foretages årligt": 0,
        "Tidsforbrug pr. proces i minutter": 0,
        "Forventet automatiseringsgrad": 0,
        "Manuelt tidsforbrug i timer": 0,
        "Forventet årlig effektiviseringspotentiale": 0,
        "Antal medarbejdere der foretager processen": 0,
        "Er borgere påvirket": "Ja",
        "Er virksomheder påvirket": "Nej",
        Q[0]: IKKE,
        Q[1]: IKKE,
        Q[2]: IKKE,
        Q[3]: IKKE,
        Q[4]: IKKE,
        Q[5]: IKKE,
        Q[6]: IKKE,
        Q[7]: IKKE,
        Q[8]: IKKE,
        "Links": "https://www.os2autoproces.eu/details/1601",
    },
    {
        "ID": 1702,
        "Titel": "Underretninger - oprettelse af sag",
        "Resumé": "Underretninger fra den digitale løsning oprettes som sag.",
        "Fase": "Taget ud af drift",
        "Status": "Ikke relevant mere",
        "Statustekst": "Erstattet af ny løsning fra leverandøren.",
        "Synlighed": "Offentlig",
        "Fagområder": "Familie,Social",
        "KLE-nr": "27.24.03",
        "Nuværende systemer": "Sbsys",
        "Oprettet": datetime(2019, 10, 8),
        "Sidst opdateret": datetime(2023, 12, 31),
        "Antal gange processen foretages årligt": 650,
        "Tidsforbrug pr. proces i minutter": 8,
        "Forventet automatiseringsgrad": 90,
        "Manuelt tidsforbrug i timer": 86.67,
        "Forventet årlig effektiviseringspotentiale": 78,
        "Antal medarbejdere der foretager processen": 3,
        "Er borgere påvirket": "Nej",
        "Er virksomheder påvirket": "Nej",
        Q[0]: HOEJ,
        Q[1]: SLET,
        Q[2]: HOEJ,
        Q[3]: SLET,
        Q[4]: HOEJ,
        Q[5]: NOGEN,
        Q[6]: HOEJ,
        Q[7]: MINDRE,
        Q[8]: HOEJ,
        "Anvendt teknologi": "RPA",
        "Skedulering": "Ugentligt",
        "Løsningen sat i drift": datetime(2020, 2, 1),
        "Løsningen taget ud af drift": datetime(2023, 12, 1),
        "Links": "https://www.os2autoproces.eu/details/1702",
    },
]


def main() -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "Processer"
    sheet.append(HEADERS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for process in PROCESSES:
        sheet.append([process.get(name, "") for name in HEADERS])
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, datetime):
                cell.number_format = "dd/mm/yyyy"
            elif isinstance(cell.value, int | float) and cell.column > 1:
                cell.number_format = "#,##0.00"
    book.save(Path(__file__).resolve().parent / "processes.xlsx")


if __name__ == "__main__":
    main()
