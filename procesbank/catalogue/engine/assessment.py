"""Assessment of an automation candidate by nine questions, and its expected yearly saving.

Each question is answered on the scale "I høj grad" (3 points), "I nogen grad" (2), "I mindre
grad" (1), "Slet ikke" (0) or "Ved ikke" (left out). A score is the points of its questions over
the most they could give, in percent; "Ved ikke" and unanswered questions leave both the points
and the maximum, so not knowing neither lowers nor raises a score. All "Ved ikke": no score.

Which question feeds which score:

- automation potential, the share of the hours a robot can take over: rule-based, structured
  input, digital input, uniformity across cases, routine-work reduction;
- ease of implementation: rule-based, structured input, digital input (fewer exceptions, no
  reading of paper or free text to build), process stability, documentation;
- other gains: quality gain and speed gain. They say what automation is worth beyond hours,
  not how many hours it can take, so they stay out of the potential: the potential is the
  share that turns hours into the expected saving, and a quality gain saves no hours.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from procesbank.core.errors import UserError, gettext_noop

HUNDRED = Decimal(100)
MAX_POINTS = 3

UNKNOWN_QUESTION = gettext_noop("Spørgsmålet '%(question)s' findes ikke i vurderingen.")
UNKNOWN_ANSWER = gettext_noop(
    "Svaret '%(answer)s' på spørgsmålet '%(question)s' findes ikke på skalaen."
)
NEGATIVE_HOURS = gettext_noop("Timer pr. år kan ikke være negative: %(hours)s.")
NEGATIVE_HOURLY_RATE = gettext_noop("Timeprisen kan ikke være negativ: %(rate)s kr.")
POTENTIAL_OUT_OF_RANGE = gettext_noop(
    "Automatiseringspotentialet skal være mellem 0 og 100 procent, men er %(potential)s."
)

SCALE_RULE = gettext_noop(
    "I høj grad giver 3 point, I nogen grad 2, I mindre grad 1 og Slet ikke 0. Ved ikke tæller "
    "hverken med i pointene eller i det højst mulige antal point. Er alle svar Ved ikke, "
    "beregnes der ingen score."
)
POTENTIAL_FORMULA = gettext_noop(
    "Automatiseringspotentiale = point for regelbaseret opgave, struktureret input, digitalt "
    "input, ensartede sager og mindre rutinearbejde divideret med det højst mulige antal point "
    "for de besvarede af disse spørgsmål, gange 100."
)
EASE_FORMULA = gettext_noop(
    "Lethed ved implementering = point for regelbaseret opgave, struktureret input, digitalt "
    "input, stabil proces og dokumentation divideret med det højst mulige antal point for de "
    "besvarede af disse spørgsmål, gange 100."
)
GAIN_FORMULA = gettext_noop(
    "Øvrig gevinst = point for kvalitetsgevinst og hurtigere sagsbehandling divideret med det "
    "højst mulige antal point for de besvarede af disse spørgsmål, gange 100. Den indgår ikke i "
    "den forventede besparelse."
)
SAVING_FORMULA = gettext_noop(
    "Forventet årlig besparelse i timer = timer pr. år × automatiseringspotentiale. "
    "Besparelse i kroner = sparede timer × timepris."
)


class Question(StrEnum):
    """The nine assessment questions."""

    RULE_BASED = "rule_based"
    STRUCTURED_INPUT = "structured_input"
    DIGITAL_INPUT = "digital_input"
    PROCESS_STABILITY = "process_stability"
    UNIFORMITY = "uniformity"
    DOCUMENTATION = "documentation"
    QUALITY_GAIN = "quality_gain"
    SPEED_GAIN = "speed_gain"
    ROUTINE_REDUCTION = "routine_reduction"


QUESTION_TEXTS = {
    Question.RULE_BASED: gettext_noop("Er opgaven regelbaseret?"),
    Question.STRUCTURED_INPUT: gettext_noop("Er input struktureret?"),
    Question.DIGITAL_INPUT: gettext_noop("Foreligger input digitalt?"),
    Question.PROCESS_STABILITY: gettext_noop("Er processen stabil over tid?"),
    Question.UNIFORMITY: gettext_noop("Behandles sagerne ensartet?"),
    Question.DOCUMENTATION: gettext_noop("Er processen dokumenteret?"),
    Question.QUALITY_GAIN: gettext_noop("Giver automatisering højere kvalitet?"),
    Question.SPEED_GAIN: gettext_noop("Giver automatisering hurtigere sagsbehandling?"),
    Question.ROUTINE_REDUCTION: gettext_noop("Fjerner automatisering rutinearbejde?"),
}


class Answer(StrEnum):
    """An answer on the five-step scale."""

    HIGH = "high"
    SOME = "some"
    LITTLE = "little"
    NOT_AT_ALL = "not_at_all"
    DONT_KNOW = "dont_know"


ANSWER_LABELS = {
    Answer.HIGH: gettext_noop("I høj grad"),
    Answer.SOME: gettext_noop("I nogen grad"),
    Answer.LITTLE: gettext_noop("I mindre grad"),
    Answer.NOT_AT_ALL: gettext_noop("Slet ikke"),
    Answer.DONT_KNOW: gettext_noop("Ved ikke"),
}

POINTS = {Answer.HIGH: 3, Answer.SOME: 2, Answer.LITTLE: 1, Answer.NOT_AT_ALL: 0}
"""Points per answer; "Ved ikke" has none and is left out of a score."""

POTENTIAL_QUESTIONS = (
    Question.RULE_BASED,
    Question.STRUCTURED_INPUT,
    Question.DIGITAL_INPUT,
    Question.UNIFORMITY,
    Question.ROUTINE_REDUCTION,
)
EASE_QUESTIONS = (
    Question.RULE_BASED,
    Question.STRUCTURED_INPUT,
    Question.DIGITAL_INPUT,
    Question.PROCESS_STABILITY,
    Question.DOCUMENTATION,
)
GAIN_QUESTIONS = (Question.QUALITY_GAIN, Question.SPEED_GAIN)


@dataclass(frozen=True)
class Assessment:
    """The three scores in percent (0-100), each None when all its answers are "Ved ikke"."""

    potential: Decimal | None
    ease: Decimal | None
    gain: Decimal | None


@dataclass(frozen=True)
class Saving:
    """An expected yearly saving in hours per year and DKK per year."""

    hours: Decimal
    kroner: Decimal


def parse_answers(raw: Mapping[str, str]) -> dict[Question, Answer]:
    """Answers keyed by question from their stored values (``{"rule_based": "high"}``)."""
    answers = {}
    for question, answer in raw.items():
        if question not in set(Question):
            raise UserError(UNKNOWN_QUESTION, question=question)
        if answer not in set(Answer):
            raise UserError(UNKNOWN_ANSWER, answer=answer, question=question)
        answers[Question(question)] = Answer(answer)
    return answers


def score(answers: Mapping[Question, Answer], questions: Sequence[Question]) -> Decimal | None:
    """Points of ``questions`` over their most possible points, in percent (0-100).

    A question answered "Ved ikke" or not answered counts in neither; None when none counts.
    """
    points = [POINTS[answer] for answer in (answers.get(q) for q in questions) if answer in POINTS]
    if not points:
        return None
    return Decimal(sum(points)) / Decimal(MAX_POINTS * len(points)) * HUNDRED


def assess(answers: Mapping[Question, Answer]) -> Assessment:
    """Automation potential, ease of implementation and other gains, each in percent (0-100)."""
    return Assessment(
        potential=score(answers, POTENTIAL_QUESTIONS),
        ease=score(answers, EASE_QUESTIONS),
        gain=score(answers, GAIN_QUESTIONS),
    )


def expected_saving(
    hours_per_year: Decimal, potential_percent: Decimal, hourly_rate: Decimal
) -> Saving:
    """Hours per year x potential (percent) saved, and those hours x DKK per hour in DKK."""
    if hours_per_year < 0:
        raise UserError(NEGATIVE_HOURS, hours=hours_per_year)
    if not 0 <= potential_percent <= HUNDRED:
        raise UserError(POTENTIAL_OUT_OF_RANGE, potential=potential_percent)
    if hourly_rate < 0:
        raise UserError(NEGATIVE_HOURLY_RATE, rate=hourly_rate)
    hours = hours_per_year * potential_percent / HUNDRED
    return Saving(hours=hours, kroner=hours * hourly_rate)
