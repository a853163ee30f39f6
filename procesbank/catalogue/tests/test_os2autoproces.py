"""OS2autoproces exchange: its Excel export into candidates after a preview, and back out in
the same layout (tests/data/os2autoproces/processes.xlsx, written by make_sample.py there)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from io import BytesIO
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from procesbank.catalogue.engine.os2autoproces import HEADERS
from procesbank.catalogue.models import Candidate
from procesbank.catalogue.services.os2autoproces import (
    os2autoproces_export,
    os2autoproces_import,
    os2autoproces_preview,
)
from procesbank.core.errors import UserError
from procesbank.dictionary.tests.factories import ItSystemFactory
from procesbank.processes.services.kle import kle_plan_import

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parents[3] / "tests" / "data"
SAMPLE = DATA / "os2autoproces" / "processes.xlsx"
KLE = DATA / "kle" / "kle-emneplan-udsnit.xml"

# Columns whose cells come back exactly as OS2autoproces wrote them. Left out, and why:
# people and org units (not taken over), Status/Synlighed (values without a twin here, see the
# engine's docstring), Fagområder (our order), systems (the dictionary's spelling), computed
# hours (ours come from the assessment), column 46 (no question here), dates of the record,
# links (they point to the candidate's page here).
SAME = [
    "Titel", "Resumé", "Fase", "Statustekst", "Leverandør", "Lovparagraf", "KLE-nr", "KL ID",
    "Beskrivelse", "Idéer til løsning", "Udfordringer i den nuværende proces",
    "Antal gange processen foretages årligt", "Tidsforbrug pr. proces i minutter",
    "Forventet automatiseringsgrad", "Antal medarbejdere der foretager processen",
    "Er borgere påvirket", "Er virksomheder påvirket", *HEADERS[38:46], "Anvendt teknologi",
    "Skedulering", "Sidst kontrolleret i forhold til §", "Løsningen sat i drift",
    "Løsningen taget ud af drift", "Sagsreference i ESDH", "Interne Noter",
]  # fmt: skip


def sheet_rows(data: bytes) -> list[dict[str, object]]:
    sheet = load_workbook(BytesIO(data), data_only=True)["Processer"]
    header, *rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(header, row, strict=True)) for row in rows]


def comparable(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


@pytest.fixture
def landscape(db) -> None:
    kle_plan_import(data=KLE.read_bytes())
    ItSystemFactory(name="SBSYS")


def preview(user, data: bytes = b"", name: str = "processes.xlsx"):
    return os2autoproces_preview(user=user, data=data or SAMPLE.read_bytes(), filename=name)


def test_the_preview_checks_every_row_and_saves_nothing(konsulent, landscape) -> None:
    rows = preview(konsulent)

    assert [(r.number, r.action, r.errors) for r in rows] == [
        (2, "new", []),
        (3, "new", []),
        (4, "new", []),
        (5, "new", []),
    ]
    # "Sbsys " is mapped onto the dictionary's SBSYS; "Outlook" has no record and stays.
    assert rows[0].fields["it_systems"] == ["Byg og Miljø", "SBSYS", "Outlook"]
    assert not Candidate.objects.exists()


def test_the_import_takes_values_phases_domains_questions_and_time(konsulent, landscape) -> None:
    rows = preview(konsulent)

    result = os2autoproces_import(user=konsulent, rows=[vars(r) for r in rows])

    assert (result.created, result.updated) == (4, 0)
    robot = Candidate.objects.get(title="Robot til byggesagers journalisering")
    assert (robot.phase, robot.status, robot.visibility) == (
        "operation",
        "in_progress",
        "collaboration",
    )
    assert robot.domains == ["environment", "technique"]
    assert robot.kle_code == "02.34.02"
    assert (robot.yearly_occurrences, robot.minutes_per_occurrence, robot.employees) == (
        1800,
        12,
        4,
    )
    assert robot.automation_share == Decimal("80.0")
    assert (robot.in_operation_on, robot.legal_basis_checked_on) == (
        date(2022, 9, 1),
        date(2024, 6, 1),
    )
    assert robot.code_repository_url == "https://github.com/helsingor/byggesag-robot"
    # "Slet ikke" professional judgement is a highly rule-based task; "I mindre grad" variation
    # is fairly uniform cases (mirrored questions).
    assert robot.answers == {
        "rule_based": "high",
        "process_stability": "some",
        "structured_input": "high",
        "uniformity": "some",
        "digital_input": "high",
        "quality_gain": "high",
        "speed_gain": "some",
        "routine_reduction": "high",
    }
    # 1800 x 12 min / 60 = 360 hours; potential (3+3+3+2+3)/15 = 14/15; 360 x 14/15 = 336.
    assert robot.hours_per_year == pytest.approx(360)
    assert robot.expected_hours == pytest.approx(336)
    beregning = Candidate.objects.get(title__startswith="Hjælp til enkeltudgifter")
    # "Ikke vurderet" has no twin: read as pending. Potential (1+2+2+1)/12 = 50 %;
    # 2400 x 25.5 / 60 = 1020 hours, half of it expected.
    assert beregning.status == "pending"
    assert beregning.expected_hours == pytest.approx(510)
    assert Candidate.objects.get(title__startswith="Visitation").visibility == "own"


def test_export_writes_the_same_rows_in_the_same_layout(konsulent, landscape) -> None:
    source = sheet_rows(SAMPLE.read_bytes())
    os2autoproces_import(user=konsulent, rows=[vars(r) for r in preview(konsulent)])

    exported = os2autoproces_export(
        candidates=Candidate.objects.order_by("pk"),
        internal_municipality_id=konsulent.municipality_id,
    )

    header = next(load_workbook(BytesIO(exported))["Processer"].iter_rows(values_only=True))
    assert list(header) == list(
        next(load_workbook(SAMPLE)["Processer"].iter_rows(values_only=True))
    )
    back = sheet_rows(exported)
    assert len(back) == len(source) == 4
    for theirs, ours in zip(source, back, strict=True):
        assert {c: comparable(theirs[c]) for c in SAME} == {c: comparable(ours[c]) for c in SAME}
        assert set(str(theirs["Fagområder"]).split(",")) == set(str(ours["Fagområder"]).split(","))


def test_our_export_imports_again_as_updates_and_exports_identically(konsulent, landscape) -> None:
    os2autoproces_import(user=konsulent, rows=[vars(r) for r in preview(konsulent)])
    first = os2autoproces_export(
        candidates=Candidate.objects.order_by("pk"),
        internal_municipality_id=konsulent.municipality_id,
    )

    again = preview(konsulent, first)
    result = os2autoproces_import(user=konsulent, rows=[vars(r) for r in again])
    second = os2autoproces_export(
        candidates=Candidate.objects.order_by("pk"),
        internal_municipality_id=konsulent.municipality_id,
    )

    assert {r.action for r in again} == {"update"}
    assert (result.created, result.updated) == (0, 4)
    for before, after in zip(sheet_rows(first), sheet_rows(second), strict=True):
        changed = {k: (before[k], after[k]) for k in before if before[k] != after[k]}
        assert set(changed) <= {"Sidst opdateret"}, changed


def test_other_municipalities_get_neither_private_rows_nor_internal_notes(
    konsulent, other_konsulent, landscape
) -> None:
    from procesbank.catalogue.selectors import CatalogueFilters, catalogue_candidates

    os2autoproces_import(user=konsulent, rows=[vars(r) for r in preview(konsulent)])
    visible = catalogue_candidates(user=other_konsulent, filters=CatalogueFilters())

    rows = sheet_rows(
        os2autoproces_export(
            candidates=visible, internal_municipality_id=other_konsulent.municipality_id
        )
    )

    # Two of the four were "Offentlig" (the collaboration); "Myndighed" and "Personlig" stay home.
    assert sorted(r["Titel"] for r in rows) == [
        "Robot til byggesagers journalisering",
        "Underretninger - oprettelse af sag",
    ]
    assert {r["Interne Noter"] for r in rows} == {None}
    assert {r["Sagsreference i ESDH"] for r in rows} == {None}


def test_rows_with_unknown_values_are_errors_and_block_the_import(konsulent, landscape) -> None:
    book = load_workbook(SAMPLE)
    sheet = book["Processer"]
    sheet.cell(row=2, column=4, value="Færdig")  # Fase
    sheet.cell(row=3, column=19, value="02.34.99")  # KLE-nr, not in the plan
    sheet.cell(row=4, column=29, value="mange")  # Antal gange ... årligt
    sheet.cell(row=5, column=2, value="")  # Titel
    out = BytesIO()
    book.save(out)

    rows = preview(konsulent, out.getvalue())

    assert [r.action for r in rows] == ["error"] * 4
    assert rows[0].errors == [
        "Fase: “Færdig” kendes ikke. Brug en af: Idé, Foranalyse, Specifikation, Udvikling, "
        "Implementering, Drift, Taget ud af drift."
    ]
    assert rows[1].errors == ["KLE-nummeret 02.34.99 findes ikke i KLE-emneplanen"]
    assert rows[2].errors == [
        "Antal gange processen foretages årligt skal være et tal fra 0 til 100000000, ikke “mange”."
    ]
    assert rows[3].errors == ["Titlen mangler."]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "Filen er tom."),
        (b"PK\x03\x04 not a workbook", "Filen kunne ikke læses."),
        (b"Titel;Navn\nA;B\n", "Filen ligner ikke en eksport fra OS2autoproces"),
    ],
    ids=["empty", "broken-zip", "other-csv"],
)
def test_hostile_or_foreign_files_are_refused_with_a_message(konsulent, data, message) -> None:
    with pytest.raises(UserError) as caught:
        preview(konsulent, data or b" ", "x.xlsx" if data[:2] == b"PK" else "x.csv")

    assert str(caught.value).startswith(message)


def test_a_sheet_with_only_the_header_has_no_rows(konsulent) -> None:
    book = Workbook()
    book.active.title = "Processer"
    book.active.append(list(HEADERS))
    out = BytesIO()
    book.save(out)

    with pytest.raises(UserError) as caught:
        preview(konsulent, out.getvalue())

    assert str(caught.value) == "Filen har ingen processer under overskriften."


def test_the_pages_preview_then_save(client, konsulent, landscape) -> None:
    client.force_login(konsulent)
    with SAMPLE.open("rb") as upload:
        page = client.post("/katalog/os2autoproces/importer/", {"file": upload}).content.decode()
    assert "4 nye, 0 opdateringer og 0 med fejl." in page
    assert not Candidate.objects.exists()

    response = client.post("/katalog/os2autoproces/importer/gem/", follow=True)

    assert (
        "Importeret fra OS2autoproces: 4 nye og 0 opdaterede kandidater."
        in response.content.decode()
    )
    assert Candidate.objects.count() == 4
    export = client.get("/katalog/os2autoproces/eksport/?kind=kandidater")
    assert export["Content-Disposition"].endswith('os2autoproces-kandidater.xlsx"')
    assert len(sheet_rows(export.content)) == 4
