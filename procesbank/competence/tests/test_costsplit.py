"""Tests of splitting a price by seats; each split is worked out by hand in the comments."""

from decimal import Decimal

import pytest

from procesbank.competence.engine.costsplit import split_price
from procesbank.core.errors import UserError


def test_equal_seats_give_the_left_over_ore_to_the_first_key() -> None:
    # 10000000 øre * 3 / 9 seats = 3333333 rest 3 each; floors 9999999, 1 øre left: "Aarhus"
    shares = split_price(Decimal(100000), {"Aarhus": 3, "Billund": 3, "Esbjerg": 3})

    assert shares == {
        "Aarhus": Decimal("33333.34"),
        "Billund": Decimal("33333.33"),
        "Esbjerg": Decimal("33333.33"),
    }


def test_tie_break_does_not_depend_on_input_order() -> None:
    shares = split_price(Decimal(100000), {"Esbjerg": 3, "Billund": 3, "Aarhus": 3})

    assert list(shares) == ["Esbjerg", "Billund", "Aarhus"]
    assert shares["Aarhus"] == Decimal("33333.34")


def test_largest_remainders_get_the_left_over_ore() -> None:
    # 1000 øre over 1 + 2 + 4 = 7 seats:
    #   Aabenraa 1000 * 1 / 7 = 142 rest 6; Brønderslev 1000 * 2 / 7 = 285 rest 5;
    #   Fanø 1000 * 4 / 7 = 571 rest 3; floors 998, 2 øre left to the remainders 6 and 5
    shares = split_price(Decimal("10.00"), {"Aabenraa": 1, "Brønderslev": 2, "Fanø": 4})

    assert shares == {
        "Aabenraa": Decimal("1.43"),
        "Brønderslev": Decimal("2.86"),
        "Fanø": Decimal("5.71"),
    }
    assert sum(shares.values()) == Decimal("10.00")


def test_odd_price_and_seats_sum_exactly() -> None:
    # 1234567 øre over 7 + 11 + 13 = 31 seats:
    #   A 1234567 * 7 / 31 = 8641969 / 31 = 278773 rest 6
    #   B 1234567 * 11 / 31 = 13580237 / 31 = 438072 rest 5
    #   C 1234567 * 13 / 31 = 16049371 / 31 = 517721 rest 20
    #   floors 1234566, 1 øre left to C (rest 20)
    shares = split_price(Decimal("12345.67"), {"A": 7, "B": 11, "C": 13})

    assert shares == {"A": Decimal("2787.73"), "B": Decimal("4380.72"), "C": Decimal("5177.22")}
    assert sum(shares.values()) == Decimal("12345.67")


def test_one_municipality_pays_it_all() -> None:
    assert split_price(Decimal("999.99"), {"Læsø": 5}) == {"Læsø": Decimal("999.99")}


def test_zero_price_gives_zero_shares() -> None:
    assert split_price(Decimal(0), {"A": 1, "B": 2}) == {"A": Decimal(0), "B": Decimal(0)}


@pytest.mark.parametrize(
    ("price", "seats", "message"),
    [
        ("100", {}, "Der er ingen kommuner at fordele prisen på."),
        (
            "100",
            {"Aarhus": 2, "Odense": 0},
            "Kommunen 'Odense' har 0 pladser; en kommune skal have mindst 1 plads.",
        ),
        (
            "100",
            {"Aarhus": -1},
            "Kommunen 'Aarhus' har -1 pladser; en kommune skal have mindst 1 plads.",
        ),
        ("-100", {"Aarhus": 1}, "Prisen kan ikke være negativ: -100 kr."),
        ("100.005", {"Aarhus": 1}, "Prisen skal angives i hele øre, men er 100.005 kr."),
    ],
)
def test_split_price_refuses(price: str, seats: dict[str, int], message: str) -> None:
    with pytest.raises(UserError) as error:
        split_price(Decimal(price), seats)

    assert str(error.value) == message
