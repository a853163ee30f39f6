"""The Danish 7-point grading scale (7-trinsskalaen) and statistics over a cohort's grades.

Only 12, 10, 7, 4, 02, 00 and -3 exist; 02 and above pass. The two low grades are written with
a leading zero ("02", "00") so that nobody can turn a 2 into a 12, and Procesbank shows them so.
Input may be an int (2, 0) or text ("02", "00"); the texts "2" and "0" are accepted as well,
because spreadsheets drop the leading zero when a file of grades is exported, and they can only
mean 02 and 00. Anything else (13, "+12", "-03", 2.0, True) is refused.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import IntEnum

from procesbank.core.errors import UserError, gettext_noop

NOT_A_GRADE = gettext_noop(
    "'%(value)s' er ikke en karakter på 7-trinsskalaen. Brug 12, 10, 7, 4, 02, 00 eller -3."
)


class Grade(IntEnum):
    """A grade on the 7-point scale; its value is the number it counts as in an average."""

    TWELVE = 12
    TEN = 10
    SEVEN = 7
    FOUR = 4
    TWO = 2
    ZERO = 0
    MINUS_THREE = -3

    @property
    def label(self) -> str:
        """The grade as written: "02" and "00" keep their leading zero."""
        return {2: "02", 0: "00"}.get(self.value, str(self.value))

    @property
    def passed(self) -> bool:
        """True for 02 and above."""
        return self >= Grade.TWO


_BY_TEXT = {grade.label: grade for grade in Grade} | {"2": Grade.TWO, "0": Grade.ZERO}


@dataclass(frozen=True)
class GradeStatistics:
    """Statistics of a list of grades.

    ``average`` is unrounded (show it with :func:`format_average`); ``distribution`` counts every
    one of the seven grades, from 12 down to -3, keyed by the written grade; ``pass_rate`` is the
    share (0..1) of grades of 02 or above. Both are None for no grades.
    """

    count: int
    average: Decimal | None
    distribution: dict[str, int]
    pass_rate: Decimal | None


def parse_grade(value: int | str) -> Grade:
    """The grade for an int (12, 10, 7, 4, 2, 0, -3) or a text ("12" ... "02", "00", "-3")."""
    if isinstance(value, Grade):
        return value
    if isinstance(value, str) and value.strip() in _BY_TEXT:
        return _BY_TEXT[value.strip()]
    # type() rather than isinstance(), so that True (an int) is not taken for 1.
    if type(value) is int and value in set(Grade):
        return Grade(value)
    raise UserError(NOT_A_GRADE, value=value)


def grade_statistics(grades: Iterable[int | str]) -> GradeStatistics:
    """Count, average, distribution over the seven grades and pass rate of ``grades``."""
    parsed = [parse_grade(grade) for grade in grades]
    distribution = {grade.label: parsed.count(grade) for grade in Grade}
    if not parsed:
        return GradeStatistics(0, None, distribution, None)
    count = Decimal(len(parsed))
    passed = sum(1 for grade in parsed if grade.passed)
    return GradeStatistics(
        count=len(parsed),
        average=Decimal(sum(parsed)) / count,
        distribution=distribution,
        pass_rate=Decimal(passed) / count,
    )


def format_average(average: Decimal) -> str:
    """An average grade to one decimal with a Danish comma, halves rounded up: 10.25 -> "10,3"."""
    return str(average.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)).replace(".", ",")
