"""Tests of the automation assessment; every score is worked out by hand in the comments."""

from decimal import Decimal

import pytest

from procesbank.catalogue.engine.assessment import (
    ANSWER_LABELS,
    POINTS,
    QUESTION_TEXTS,
    Answer,
    Assessment,
    Question,
    Saving,
    assess,
    expected_saving,
    parse_answers,
    score,
)
from procesbank.core.errors import UserError

CENT = Decimal("0.01")


def test_all_nine_answers_give_three_scores() -> None:
    # potential: rule 3 + structured 2 + digital 3 + uniformity 2 + routine 3 = 13 of 15
    #   13 / 15 * 100 = 86.666... -> 86.67
    # ease: rule 3 + structured 2 + digital 3 + stability 1 + documentation 0 = 9 of 15 = 60
    # gain: quality 3 + speed 2 = 5 of 6 = 83.333... -> 83.33
    answers = parse_answers(
        {
            "rule_based": "high",
            "structured_input": "some",
            "digital_input": "high",
            "process_stability": "little",
            "uniformity": "some",
            "documentation": "not_at_all",
            "quality_gain": "high",
            "speed_gain": "some",
            "routine_reduction": "high",
        }
    )

    result = assess(answers)

    assert result.potential is not None
    assert result.potential.quantize(CENT) == Decimal("86.67")
    assert result.ease == 60
    assert result.gain is not None
    assert result.gain.quantize(CENT) == Decimal("83.33")


def test_dont_know_leaves_points_and_maximum() -> None:
    # rule 3 + structured 3 + digital 2 + uniformity 1 = 9 of 4 * 3 = 12 -> 75
    # (routine "Ved ikke" is left out; counted as 0 it would have given 9 / 15 = 60)
    answers = {
        Question.RULE_BASED: Answer.HIGH,
        Question.STRUCTURED_INPUT: Answer.HIGH,
        Question.DIGITAL_INPUT: Answer.SOME,
        Question.UNIFORMITY: Answer.LITTLE,
        Question.ROUTINE_REDUCTION: Answer.DONT_KNOW,
    }

    assert assess(answers).potential == 75


def test_unanswered_questions_count_as_dont_know() -> None:
    # ease: only documentation answered, "I nogen grad" = 2 of 3 -> 66.67
    result = assess({Question.DOCUMENTATION: Answer.SOME})

    assert result.potential is None
    assert result.ease is not None
    assert result.ease.quantize(CENT) == Decimal("66.67")
    assert result.gain is None


def test_all_dont_know_gives_no_scores() -> None:
    answers = dict.fromkeys(Question, Answer.DONT_KNOW)

    assert assess(answers) == Assessment(potential=None, ease=None, gain=None)


def test_score_runs_from_zero_to_hundred() -> None:
    questions = [Question.QUALITY_GAIN, Question.SPEED_GAIN]

    assert score(dict.fromkeys(questions, Answer.NOT_AT_ALL), questions) == 0
    assert score(dict.fromkeys(questions, Answer.HIGH), questions) == 100


def test_every_question_and_answer_has_a_danish_text() -> None:
    assert set(QUESTION_TEXTS) == set(Question)
    assert [ANSWER_LABELS[answer] for answer in Answer] == [
        "I høj grad",
        "I nogen grad",
        "I mindre grad",
        "Slet ikke",
        "Ved ikke",
    ]
    assert list(POINTS.values()) == [3, 2, 1, 0]


def test_expected_saving_in_hours_and_kroner() -> None:
    # 1500 hours * 75 % = 1125 hours; 1125 hours * 400 DKK = 450000 DKK
    saving = expected_saving(Decimal(1500), Decimal(75), Decimal(400))

    assert saving == Saving(hours=Decimal(1125), kroner=Decimal(450000))


@pytest.mark.parametrize(
    ("hours", "potential", "rate", "message"),
    [
        ("-1", "50", "400", "Timer pr. år kan ikke være negative: -1."),
        (
            "10",
            "101",
            "400",
            "Automatiseringspotentialet skal være mellem 0 og 100 procent, men er 101.",
        ),
        ("10", "50", "-400", "Timeprisen kan ikke være negativ: -400 kr."),
    ],
)
def test_expected_saving_refuses(hours: str, potential: str, rate: str, message: str) -> None:
    with pytest.raises(UserError) as error:
        expected_saving(Decimal(hours), Decimal(potential), Decimal(rate))

    assert str(error.value) == message


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"robot": "high"}, "Spørgsmålet 'robot' findes ikke i vurderingen."),
        (
            {"rule_based": "I høj grad"},
            "Svaret 'I høj grad' på spørgsmålet 'rule_based' findes ikke på skalaen.",
        ),
    ],
)
def test_parse_answers_refuses(raw: dict[str, str], message: str) -> None:
    with pytest.raises(UserError) as error:
        parse_answers(raw)

    assert str(error.value) == message
