"""The split of a joint project's amounts; every expected figure is worked out in the comments."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from procesbank.core.errors import UserError
from procesbank.projects.engine import split

D = Decimal


def test_shares_of_three_equal_weights_sum_to_exactly_one() -> None:
    result = split.shares({"A": 1, "B": 1, "C": 1})

    assert result == {"A": Fraction(1, 3), "B": Fraction(1, 3), "C": Fraction(1, 3)}
    assert sum(result.values()) == 1


def test_shares_by_population() -> None:
    # 30,000 + 10,000 = 40,000 inhabitants: 3/4 and 1/4.
    result = split.shares({"A": 30_000, "B": 10_000})

    assert result == {"A": Fraction(3, 4), "B": Fraction(1, 4)}


def test_allocate_gives_the_left_over_ore_to_the_first_on_a_tie() -> None:
    # 100 kr. = 10,000 øre / 3 = 3,333.33 each; 3 x 3,333 = 9,999, so 1 øre is left and the
    # three remainders tie, so it goes to the first.
    result = split.allocate(D(100), {"A": 1, "B": 1, "C": 1})

    assert result == {"A": D("33.34"), "B": D("33.33"), "C": D("33.33")}
    assert sum(result.values()) == D(100)


def test_allocate_gives_the_left_over_ore_to_the_largest_remainders() -> None:
    # 10 kr. = 1,000 øre by 1:2:4 (7 parts): 142.857, 285.714, 571.429 øre. Floors 142 + 285 +
    # 571 = 998, 2 øre left: to A (.857) and B (.714), not C (.429).
    result = split.allocate(D(10), {"A": 1, "B": 2, "C": 4})

    assert result == {"A": D("1.43"), "B": D("2.86"), "C": D("5.71")}


def test_allocate_gives_a_zero_population_participant_nothing() -> None:
    # 30,000 : 0 : 10,000 inhabitants: 1,000 kr. -> 750 and 250.
    result = split.allocate(D(1000), {"A": 30_000, "B": 0, "C": 10_000})

    assert result == {"A": D("750.00"), "B": D("0.00"), "C": D("250.00")}


def test_allocate_zero_needs_no_key() -> None:
    assert split.allocate(D(0), {"A": 0, "B": 0}) == {"A": D("0.00"), "B": D("0.00")}


def test_all_zero_weights_are_refused_in_danish() -> None:
    with pytest.raises(UserError) as error:
        split.allocate(D(1000), {"A": 0, "B": 0})

    assert str(error.value) == (
        "Fordelingsnøglen summer til 0 for alle deltagere, så beløbet kan ikke fordeles."
    )


def test_negative_weight_is_refused_in_danish() -> None:
    with pytest.raises(UserError) as error:
        split.shares({"Gribskov": -1, "Halsnæs": 2})

    assert str(error.value) == (
        "Fordelingsnøglen for Gribskov er negativ (-1); den skal være 0 eller mere."
    )


def test_split_series_adds_up_every_year() -> None:
    # 1,000 kr. = 100,000 øre by 1:2: 33,333.33 and 66,666.67 øre, floors 33,333 + 66,666;
    # the 1 øre left goes to the larger remainder (.67, B). Year two is 0.
    result = split.split_series([D(1000), D(0)], {"A": 1, "B": 2})

    assert result == {"A": (D("333.33"), D("0.00")), "B": (D("666.67"), D("0.00"))}


def test_amounts_key_that_does_not_add_up_is_refused_in_danish() -> None:
    with pytest.raises(UserError) as error:
        split.check_amounts_key(
            "Licens", [D(1000), D(500)], {"A": [D(600), D(250)], "B": [D(300), D(250)]}
        )

    assert str(error.value) == (
        "Beløbene pr. kommune for linjen 'Licens' summer i år 1 til 900 kr., men linjen har "
        "1000 kr. Ret beløbene, så de summer til linjens beløb."
    )


def test_amounts_key_with_too_few_years_is_refused() -> None:
    with pytest.raises(UserError) as error:
        split.check_amounts_key("Licens", [D(1000), D(500)], {"A": [D(1000)]})

    assert str(error.value) == "Linjen 'Licens' har 1 beløb for A, men business casen har 2 år."


def test_amounts_key_splits_minimum_like_the_likely_amounts() -> None:
    # Likely 1,000 given as 600 + 400; the minimum 800 follows 60/40: 480 and 320.
    weights = split.check_amounts_key("Licens", [D(1000)], {"A": [D(600)], "B": [D(400)]})

    likely = split.split_series_by_year([D(1000)], weights)
    minimum = split.split_series_by_year([D(800)], weights)

    assert likely == {"A": (D("600.00"),), "B": (D("400.00"),)}
    assert minimum == {"A": (D("480.00"),), "B": (D("320.00"),)}
