"""Reading a unit tree from an HR system's export, without a database."""

from __future__ import annotations

import pytest

from procesbank.core.errors import UserError
from procesbank.organisations.engine.units import (
    creation_order,
    descendants,
    parse_unit_table,
    top_units,
    tree_order,
    would_cycle,
)

HEADER = ["Navn", "Overordnet enheds-id", "Enheds-id"]


def _messages(row):
    return [message % params if params else message for message, params in row.errors]


def test_kinds_follow_the_depth_when_the_file_has_no_type():
    table = [
        HEADER,
        ["Team Ydelse", "J1", "T1"],
        ["Borger og Arbejdsmarked", "", "F1"],
        ["Jobcenter", "F1", "J1"],
        ["Hotline", "T1", "H1"],
    ]

    rows = parse_unit_table(table, existing={})

    assert [(r.name, r.kind) for r in rows] == [
        ("Team Ydelse", "team"),
        ("Borger og Arbejdsmarked", "forvaltning"),
        ("Jobcenter", "afdeling"),
        ("Hotline", "andet"),
    ]
    assert [r.unit_id for r in creation_order(rows)] == ["F1", "J1", "T1", "H1"]


def test_a_type_column_wins_over_the_depth():
    table = [[*HEADER, "Type"], ["Sekretariat", "", "S1", "Afdeling"]]

    rows = parse_unit_table(table, existing={})

    assert rows[0].kind == "afdeling"


def test_an_unknown_type_is_a_danish_row_error():
    table = [[*HEADER, "Type"], ["Sekretariat", "", "S1", "kontor"]]

    rows = parse_unit_table(table, existing={})

    assert _messages(rows[0]) == [
        "Ukendt type “kontor”: brug forvaltning, afdeling, team eller andet."
    ]


def test_a_parent_may_be_a_stored_unit():
    rows = parse_unit_table([HEADER, ["Team Byggesag", "B1", "T9"]], existing={"B1": ""})

    assert rows[0].errors == []
    assert rows[0].kind == "afdeling"  # B1 is a top unit, so T9 sits one level below


def test_an_unknown_parent_is_named_in_the_row_error():
    rows = parse_unit_table([HEADER, ["Team Byggesag", "X7", "T9"]], existing={})

    assert _messages(rows[0]) == [
        "Den overordnede enhed X7 findes hverken i filen eller i kommunen."
    ]


def test_a_repeated_unit_id_names_the_first_row():
    rows = parse_unit_table([HEADER, ["A", "", "U1"], ["B", "", "U1"]], existing={})

    assert rows[0].errors == []
    assert _messages(rows[1]) == ["Enheds-id U1 står også i række 2."]


def test_a_loop_in_the_file_is_refused_on_its_units():
    rows = parse_unit_table([HEADER, ["A", "U2", "U1"], ["B", "U1", "U2"]], existing={})

    assert _messages(rows[0]) == [
        "Enheden ville komme til at ligge under sig selv (via U1 > U2 > U1)."
    ]
    assert _messages(rows[1]) == [
        "Enheden ville komme til at ligge under sig selv (via U2 > U1 > U2)."
    ]


def test_missing_name_and_id_are_row_errors():
    rows = parse_unit_table([HEADER, ["", "", ""], ["Team", "", ""]], existing={})

    # The first row is blank throughout and skipped; the second lacks its id.
    assert [r.number for r in rows] == [3]
    assert _messages(rows[0]) == ["Enheds-id mangler."]


def test_excel_numbers_read_as_ids():
    rows = parse_unit_table([HEADER, ["Jobcenter", None, 1200.0]], existing={})

    assert rows[0].unit_id == "1200"


def test_a_file_without_the_columns_is_refused():
    with pytest.raises(UserError) as raised:
        parse_unit_table([["Afdeling", "Leder"], ["Jobcenter", "Ole"]], existing={})

    assert raised.value.render().startswith("Filen mangler kolonnerne “navn” og “enheds-id”")


def test_tree_order_lists_children_under_parents_by_name():
    parents = {1: None, 2: 1, 3: 1, 4: 2, 5: None}
    names = {1: "Teknik", 2: "Byggeri", 3: "Affald", 4: "Team Byggesag", 5: "Børn"}

    assert tree_order(parents, names) == [(5, 0), (1, 0), (3, 1), (2, 1), (4, 2)]


def test_descendants_and_cycles():
    parents = {1: None, 2: 1, 3: 2, 4: None}

    assert descendants(parents, 1) == {1, 2, 3}
    assert would_cycle(parents, 1, 3) is True
    assert would_cycle(parents, 3, 4) is False
    assert would_cycle(parents, 2, None) is False


def test_top_units_walks_up_to_the_forvaltning():
    # 1 Teknik og Miljø > 2 Byggeri > 3 Team Byg; 4 Social og Sundhed; 5 under a parent (9)
    # that is not in the tree counts as a top unit itself.
    parents = {1: None, 2: 1, 3: 2, 4: None, 5: 9}

    assert top_units(parents) == {1: 1, 2: 1, 3: 1, 4: 4, 5: 5}


def test_top_units_stops_at_a_cycle():
    assert top_units({1: 2, 2: 1}) == {1: 2, 2: 2}
