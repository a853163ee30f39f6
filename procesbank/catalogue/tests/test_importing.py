from __future__ import annotations

import zipfile
from io import BytesIO

import pytest
from openpyxl import Workbook

from procesbank.catalogue.engine.importing import parse_rows, read_table
from procesbank.core.errors import UserError

PHASES = {"Idé": "ide", "Kortlagt": "kortlagt"}
HEADER = "navn;KLE;sager pr. år;minutter pr. sag;it-system;fase"


def rows_of(text: str, existing: set[str] | None = None):
    table = read_table(text.encode("utf-8"), "katalog.csv")
    return parse_rows(table, phases=PHASES, existing_names=existing or set())


def messages(row):
    return [e.message % e.params if e.params else e.message for e in row.errors]


def test_danish_csv_row_is_read():
    [row] = rows_of(f"{HEADER}\nEnkeltydelse;32.18.08;1.413;4,5;SBSYS;Kortlagt\n")

    assert (row.name, row.kle_code, row.yearly_volume, row.minutes_per_case) == (
        "Enkeltydelse", "32.18.08", 1413, 4.5,
    )  # fmt: skip
    assert (row.it_system, row.phase, row.errors) == ("SBSYS", "kortlagt", [])


def test_every_problem_is_reported_with_its_row():
    text = (
        f"{HEADER}\n"
        "Enkeltydelse;32-18;mange;-3;;Færdig\n"
        ";;;;;\n"
        ";01.02;1;1;;\n"
        "enkeltydelse;;2;2;;\n"
        "Byggesag;;1;1;;\n"
    )

    first, nameless, repeat, existing = rows_of(text, existing={"byggesag"})

    assert first.number == 2
    assert messages(first) == [
        "KLE-nummeret “32-18” skal have formen NN.NN.NN.",
        "Sager pr. år skal være et helt tal fra 0 til 1.000.000.000, ikke “mange”.",
        "Minutter pr. sag skal være et tal fra 0 til 1.000.000, ikke “-3”.",
        "Fasen “Færdig” findes ikke. Brug en af: Idé, Kortlagt.",
    ]
    assert (nameless.number, messages(nameless)) == (4, ["Navn mangler."])
    assert messages(repeat) == ["Navnet “enkeltydelse” står også i række 2."]
    assert messages(existing) == ["Din kommune har allerede en proces med navnet “Byggesag”."]


def test_numbers_above_the_bounds_are_refused_naming_the_bounds():
    [row] = rows_of(f"{HEADER}\nEnkeltydelse;;1000000001;1000001;;\n")

    assert messages(row) == [
        "Sager pr. år skal være et helt tal fra 0 til 1.000.000.000, ikke “1000000001”.",
        "Minutter pr. sag skal være et tal fra 0 til 1.000.000, ikke “1000001”.",
    ]


def test_xlsx_is_read():
    book = Workbook()
    book.active.append(["Name", "KLE", "Volume", "Minutes per case"])
    book.active.append(["Faktura", "00.32", 1200, 3])
    buffer = BytesIO()
    book.save(buffer)

    [row] = parse_rows(
        read_table(buffer.getvalue(), "katalog.xlsx"), phases=PHASES, existing_names=set()
    )

    assert (row.name, row.yearly_volume, row.minutes_per_case) == ("Faktura", 1200, 3.0)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"PK\x03\x04 not a zip", "Filen kunne ikke læses."),
        (b"navn\x00;kle\n", "Filen kunne ikke læses."),
        (b"x" * (2 * 1024 * 1024 + 1), "Filen er for stor: højst 2 MB."),
    ],
)
def test_malformed_files_are_refused(data, message):
    with pytest.raises(UserError) as error:
        read_table(data, "katalog.xlsx")

    assert error.value.render().startswith(message)


def test_zip_bomb_is_refused():
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (21 * 1024 * 1024))

    with pytest.raises(UserError) as error:
        read_table(buffer.getvalue(), "bombe.xlsx")

    assert error.value.render() == "Filen pakker sig ud til mere end 20 MB og afvises."


def test_missing_name_column_is_refused():
    with pytest.raises(UserError) as error:
        rows_of("titel;kle\nA;01\n")

    assert error.value.render() == "Filen mangler kolonnen “navn”."


def test_header_only_is_refused():
    with pytest.raises(UserError) as error:
        rows_of(f"{HEADER}\n")

    assert error.value.render() == "Filen har ingen rækker under overskriften."
