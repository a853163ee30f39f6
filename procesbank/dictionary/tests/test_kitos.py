"""Reading KITOS' export of IT systems (pure)."""

import uuid

import pytest

from procesbank.core.errors import UserError
from procesbank.dictionary.engine.kitos import parse_kitos

SBSYS = "6a1b2c3d-0000-4000-8000-000000000001"


def test_columns_are_found_by_kitos_header_names_in_any_order() -> None:
    table = [
        ["UUID", "Rettighedshaver", "IT System", "Anvendes"],
        [SBSYS, "SBSYS A/S", " SBSYS ", "Ja"],
        ["", "Netcompany", "KMD Nexus", "Ja"],
    ]

    rows = parse_kitos(table)

    assert [(r.name, r.vendor, r.kitos_uuid) for r in rows] == [
        ("SBSYS", "SBSYS A/S", uuid.UUID(SBSYS)),
        ("KMD Nexus", "Netcompany", None),
    ]
    assert all(not r.errors for r in rows)


def test_rows_with_problems_carry_their_errors() -> None:
    table = [["Navn", "UUID"], ["", SBSYS], ["", ""], ["Acadre", "ikke-et-uuid"], ["acadre", ""]]

    rows = parse_kitos(table)

    assert [r.number for r in rows] == [2, 4, 5]  # the empty row 3 is skipped
    assert rows[0].errors == [("Navnet mangler.", {})]
    assert rows[1].errors == [("“%(value)s” er ikke et KITOS-uuid.", {"value": "ikke-et-uuid"})]
    assert rows[2].errors == [("Systemet står også i række %(row)s.", {"row": 4})]


def test_a_file_without_a_name_column_is_refused() -> None:
    with pytest.raises(UserError) as caught:
        parse_kitos([["Leverandør", "UUID"], ["KMD", SBSYS]])

    assert "navn" in str(caught.value)
