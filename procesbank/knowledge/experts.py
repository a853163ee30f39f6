""" "Who knows about this?": colleagues across the collaboration ranked by what they have done
on a topic, a KLE number or an IT system.

The evidence comes from sources in a small registry. knowledge registers its own (processes
made or edited, projects owned, answers, accepted answers, lessons); an app above knowledge
(competence: training) registers its source from its ``AppConfig.ready``. A source counts,
per user, only rows the reader may see, through the owning app's visibility selector.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from procesbank.knowledge import selectors
from procesbank.knowledge.models import Answer, Question
from procesbank.organisations.models import User
from procesbank.processes.models import Process, Revision
from procesbank.processes.selectors import visible_to as library_visible_to
from procesbank.projects.selectors import project_list


@dataclass(frozen=True)
class ExpertQuery:
    topic: str = ""
    kle: str = ""  # a prefix: "02" finds 02.34.10
    it_system: str = ""

    @property
    def is_empty(self) -> bool:
        return not (self.topic or self.kle or self.it_system)


class EvidenceSource(Protocol):
    key: str  # stable, used in the API
    label: Any  # a lazy Danish plural: _("Processer")
    order: int

    def collect(self, *, user: User, query: ExpertQuery) -> Counter[int]:
        """Per user id, how many things of this kind the person has done that match."""
        ...


_SOURCES: dict[str, EvidenceSource] = {}


def register_evidence_source(source: EvidenceSource) -> None:
    _SOURCES[source.key] = source


def evidence_sources() -> list[EvidenceSource]:
    return sorted(_SOURCES.values(), key=lambda s: (s.order, s.key))


def has_it_system(systems: object, wanted: str) -> bool:
    """Whether a JSON list of IT systems names ``wanted`` (case does not matter)."""
    if not isinstance(systems, list):
        return False
    return wanted.strip().lower() in (str(s).strip().lower() for s in systems)


def matching_ids(rows: QuerySet[Any], *, kle: str, it_system: str) -> list[int]:
    """The ids of ``rows`` (with ``kle_code`` and ``it_systems``) matching the KLE prefix and
    the IT system; SQLite's JSON has no containment, so the list is matched here."""
    if kle:
        rows = rows.filter(kle_code__startswith=kle)
    if not it_system:
        return list(rows.values_list("pk", flat=True))
    return [
        pk
        for pk, systems in rows.values_list("pk", "it_systems")
        if has_it_system(systems, it_system)
    ]


# --- the built-in sources -------------------------------------------------------------------
class ProcessSource:
    key = "processes"
    label = _("Processer")
    order = 10

    def collect(self, *, user: User, query: ExpertQuery) -> Counter[int]:
        if not (query.kle or query.it_system):
            return Counter()
        ids = matching_ids(
            Process.objects.filter(library_visible_to(user)),
            kle=query.kle,
            it_system=query.it_system,
        )
        pairs = set(
            Process.objects.filter(pk__in=ids, created_by__isnull=False).values_list(
                "created_by_id", "pk"
            )
        )
        pairs |= set(
            Revision.objects.filter(version__process__in=ids, author__isnull=False).values_list(
                "author_id", "version__process_id"
            )
        )
        return Counter(user_id for user_id, _pk in pairs)


class ProjectSource:
    key = "projects"
    label = _("Projekter")
    order = 20

    def collect(self, *, user: User, query: ExpertQuery) -> Counter[int]:
        if not (query.kle or query.it_system):
            return Counter()
        ids = matching_ids(
            Process.objects.filter(library_visible_to(user)),
            kle=query.kle,
            it_system=query.it_system,
        )
        projects = project_list(user=user).filter(
            Q(as_is_version__process__in=ids) | Q(to_be_version__process__in=ids),
            owner__isnull=False,
        )
        return Counter(projects.values_list("owner_id", flat=True))


def _questions(user: User, query: ExpertQuery) -> QuerySet[Question]:
    questions = selectors.question_list(user=user)
    if query.topic:
        questions = questions.filter(topic=query.topic)
    ids = matching_ids(questions, kle=query.kle, it_system=query.it_system)
    return Question.objects.filter(pk__in=ids)


class AnswerSource:
    key = "answers"
    label = _("Svar")
    order = 30

    def collect(self, *, user: User, query: ExpertQuery) -> Counter[int]:
        answers = Answer.objects.filter(question__in=_questions(user, query), author__isnull=False)
        return Counter(answers.values_list("author_id", flat=True))


class AcceptedAnswerSource:
    key = "accepted_answers"
    label = _("Accepterede svar")
    order = 40

    def collect(self, *, user: User, query: ExpertQuery) -> Counter[int]:
        accepted = _questions(user, query).filter(accepted_answer__author__isnull=False)
        return Counter(accepted.values_list("accepted_answer__author_id", flat=True))


class LessonSource:
    key = "lessons"
    label = _("Erfaringer")
    order = 50

    def collect(self, *, user: User, query: ExpertQuery) -> Counter[int]:
        lessons = selectors.lesson_list(user=user)
        if query.topic:
            lessons = lessons.filter(topic=query.topic)
        ids = matching_ids(lessons, kle=query.kle, it_system=query.it_system)
        return Counter(
            selectors.lesson_list(user=user)
            .filter(pk__in=ids, author__isnull=False)
            .values_list("author_id", flat=True)
        )


def register_builtin_sources() -> None:
    for source in (
        ProcessSource(),
        ProjectSource(),
        AnswerSource(),
        AcceptedAnswerSource(),
        LessonSource(),
    ):
        register_evidence_source(source)


# --- the list -------------------------------------------------------------------------------
@dataclass
class Expert:
    user: User
    counts: dict[str, int] = field(default_factory=dict)  # source key -> count

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def who_knows(*, user: User, query: ExpertQuery, limit: int = 30) -> list[Expert]:
    """Colleagues of the reader's collaboration with evidence on the query, most first."""
    if query.is_empty or user.municipality is None:
        return []
    per_user: dict[int, dict[str, int]] = {}
    for source in evidence_sources():
        for user_id, count in source.collect(user=user, query=query).items():
            if count:
                per_user.setdefault(user_id, {})[source.key] = count
    people = User.objects.filter(
        pk__in=per_user,
        is_active=True,
        municipality__collaboration_id=user.municipality.collaboration_id,
    ).select_related("municipality")
    experts = [Expert(user=person, counts=per_user[person.pk]) for person in people]
    experts.sort(key=lambda e: (-e.total, e.user.get_full_name() or e.user.get_username()))
    return experts[:limit]
