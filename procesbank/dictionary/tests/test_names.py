"""Folding and grouping typed names (pure)."""

from procesbank.dictionary.engine.names import fold, group_names, tidy


def test_fold_collapses_whitespace_and_case() -> None:
    assert fold("  SBsys \t 4 ") == "sbsys 4"
    assert fold("KMD Nexus") == fold("kmd  nexus")


def test_tidy_keeps_case() -> None:
    assert tidy("  SBsys   4 ") == "SBsys 4"


def test_tidy_drops_control_characters_before_collapsing_spaces() -> None:
    assert tidy("SAP\x01 Opus\x00\x0b\x1f\x7f") == "SAP Opus"


def test_group_names_picks_the_most_used_spelling() -> None:
    grouped = group_names(["SBSYS", "sbsys ", "SBSYS", "Nexus", " ", "nexus", "NEXUS", "Nexus"])

    assert grouped == {"sbsys": "SBSYS", "nexus": "Nexus"}


def test_group_names_breaks_ties_by_first_seen() -> None:
    assert group_names(["Acadre", "ACADRE"]) == {"acadre": "Acadre"}
