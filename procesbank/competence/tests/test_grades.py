"""Tests of the 7-point scale and grade statistics; averages computed by hand in the comments."""

from decimal import Decimal

import pytest

from procesbank.competence.engine.grades import Grade, format_average, grade_statistics, parse_grade
from procesbank.core.errors import UserError


@pytest.mark.parametrize(
    ("value", "grade"),
    [
        (12, Grade.TWELVE),
        ("12", Grade.TWELVE),
        ("10", Grade.TEN),
        (7, Grade.SEVEN),
        ("4", Grade.FOUR),
        ("02", Grade.TWO),
        (2, Grade.TWO),
        ("2", Grade.TWO),
        ("00", Grade.ZERO),
        (0, Grade.ZERO),
        ("0", Grade.ZERO),
        ("-3", Grade.MINUS_THREE),
        (-3, Grade.MINUS_THREE),
        (" 02 ", Grade.TWO),
        (Grade.SEVEN, Grade.SEVEN),
    ],
)
def test_parse_grade_accepts_the_seven_grades(value: int | str, grade: Grade) -> None:
    assert parse_grade(value) is grade


@pytest.mark.parametrize("value", [13, "13", 11, "1", "+12", "-03", "", "7.0", True, 2.0])
def test_parse_grade_refuses_anything_else(value: int | str) -> None:
    with pytest.raises(UserError) as error:
        parse_grade(value)

    assert str(error.value) == (
        f"'{value}' er ikke en karakter på 7-trinsskalaen. Brug 12, 10, 7, 4, 02, 00 eller -3."
    )


def test_grades_are_shown_as_written() -> None:
    assert [grade.label for grade in Grade] == ["12", "10", "7", "4", "02", "00", "-3"]


def test_02_and_above_pass() -> None:
    assert [grade.passed for grade in Grade] == [True, True, True, True, True, False, False]


def test_nine_grades_average_ten_point_one() -> None:
    # 5 * 12 + 2 * 10 + 7 + 4 = 60 + 20 + 11 = 91; 91 / 9 = 10.111... -> "10,1"
    statistics = grade_statistics([12, "12", 12, 12, 12, "10", 10, "7", 4])

    assert statistics.count == 9
    assert statistics.average is not None
    assert statistics.average.quantize(Decimal("0.0001")) == Decimal("10.1111")
    assert format_average(statistics.average) == "10,1"
    assert statistics.distribution == {
        "12": 5,
        "10": 2,
        "7": 1,
        "4": 1,
        "02": 0,
        "00": 0,
        "-3": 0,
    }
    assert statistics.pass_rate == 1


def test_statistics_with_failed_grades() -> None:
    # 12 + 2 + 0 - 3 + 0 = 11; 11 / 5 = 2.2; passed: 12 and 02 -> 2 / 5 = 0.4
    statistics = grade_statistics([12, "02", 0, "-3", "00"])

    assert statistics.average == Decimal("2.2")
    assert statistics.pass_rate == Decimal("0.4")
    assert list(statistics.distribution.values()) == [1, 0, 0, 0, 1, 2, 1]


def test_statistics_of_no_grades() -> None:
    statistics = grade_statistics([])

    assert (statistics.count, statistics.average, statistics.pass_rate) == (0, None, None)
    assert sum(statistics.distribution.values()) == 0


@pytest.mark.parametrize(
    ("average", "shown"),
    [
        # 12 + 12 + 10 + 7 = 41; 41 / 4 = 10.25: half rounds up
        (Decimal(41) / 4, "10,3"),
        # -3 - 3 + 0 + 2 = -4; -4 / 4 = -1
        (Decimal(-4) / 4, "-1,0"),
        (Decimal(7), "7,0"),
    ],
)
def test_format_average_uses_one_decimal_and_a_comma(average: Decimal, shown: str) -> None:
    assert format_average(average) == shown
