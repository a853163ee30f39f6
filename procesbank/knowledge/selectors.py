"""Every read of knowledge, on behalf of an acting user.

A lesson or a question is read by its own municipality, and by the other municipalities of the
collaboration when it is shared with the collaboration. Answers are read wherever their
question is. Anything an answer or a lesson points to (a process, a candidate, a project) is
shown only through the reader's own access to it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from procesbank.catalogue.models import Candidate
from procesbank.handbook.models import Page
from procesbank.handbook.selectors import page_list
from procesbank.kit.access import access_or_404
from procesbank.knowledge.models import Answer, Lesson, Question, Topic, TopicFollow, Visibility
from procesbank.organisations.models import Municipality, User
from procesbank.organisations.permissions import Action, can, require_edit
from procesbank.processes.models import Process
from procesbank.processes.selectors import visible_to as library_visible_to
from procesbank.projects.models import Project, ProjectPhase
from procesbank.projects.selectors import project_list


def visible_to(user: User) -> Q:
    """Lessons and questions a user may read: the own municipality's, and those the other
    municipalities of the collaboration shared with it."""
    if user.municipality is None:
        return Q(pk__in=[])
    partners = Municipality.objects.filter(
        collaboration_id=user.municipality.collaboration_id
    ).values("pk")
    return Q(municipality_id=user.municipality_id) | Q(
        visibility=Visibility.COLLABORATION, municipality__in=partners
    )


def can_write(*, user: User) -> bool:
    """Consultants (and administrators) ask, answer and record lessons; readers read."""
    return can(user, Action.EDIT)


# --- lessons ------------------------------------------------------------------------------
@dataclass(frozen=True)
class LessonFilters:
    topic: str = ""
    kle: str = ""  # a prefix
    project_type: str = ""
    municipality_id: int | None = None


def lesson_list(*, user: User, filters: LessonFilters | None = None) -> QuerySet[Lesson]:
    filters = filters or LessonFilters()
    lessons = Lesson.objects.filter(visible_to(user)).select_related("municipality", "author")
    if filters.topic:
        lessons = lessons.filter(topic=filters.topic)
    if filters.kle:
        lessons = lessons.filter(kle_code__startswith=filters.kle)
    if filters.project_type:
        lessons = lessons.filter(project_type=filters.project_type)
    if filters.municipality_id:
        lessons = lessons.filter(municipality_id=filters.municipality_id)
    return lessons.order_by("-created_at", "-id")


def access_lesson(*, user: User, lesson_id: int) -> Lesson:
    return access_or_404(lesson_list(user=user), pk=lesson_id)


def access_lesson_for_edit(*, user: User, lesson_id: int) -> Lesson:
    lesson = access_lesson(user=user, lesson_id=lesson_id)
    require_edit(user, lesson.municipality)
    return lesson


def lesson_processes(*, user: User, lesson: Lesson) -> QuerySet[Process]:
    """The lesson's processes that the reader may open."""
    return (
        lesson.processes.filter(library_visible_to(user))
        .select_related("municipality")
        .order_by("name")
    )


def lesson_candidates(*, user: User, lesson: Lesson) -> QuerySet[Candidate]:
    """The lesson's candidates that the reader may open."""
    return (
        lesson.candidates.filter(library_visible_to(user))
        .select_related("municipality")
        .order_by("title")
    )


def lesson_project(*, user: User, lesson: Lesson) -> Project | None:
    """The lesson's project when the reader may open it (projects stay in their municipality;
    another municipality's reader sees only the name kept on the lesson)."""
    if lesson.project_id is None:
        return None
    return project_list(user=user).filter(pk=lesson.project_id).first()


def lessons_for_process(*, user: User, process: Process) -> QuerySet[Lesson]:
    """Lessons about a process: linked to it, or recorded on a project whose as-is or to-be
    version is of it."""
    linked = Q(processes=process) | Q(project__as_is_version__process=process)
    linked |= Q(project__to_be_version__process=process)
    ids = Lesson.objects.filter(linked).values("pk")
    return lesson_list(user=user).filter(pk__in=ids)


def lessons_for_candidate(*, user: User, candidate: Candidate) -> QuerySet[Lesson]:
    return lesson_list(user=user).filter(candidates=candidate)


def lesson_for_project(*, user: User, project: Project) -> Lesson | None:
    return lesson_list(user=user).filter(project=project).first()


def lesson_projects(*, user: User) -> QuerySet[Project]:
    """The own municipality's projects a lesson may be recorded for (those without one)."""
    return project_list(user=user).filter(lesson__isnull=True)


def projects_awaiting_lesson(*, user: User) -> QuerySet[Project]:
    """The own municipality's projects in realisation that have no lesson yet."""
    return lesson_projects(user=user).filter(phase=ProjectPhase.REALISATION)


def projects_with_lesson_counts(municipalities: list[Municipality]) -> dict[int, int]:
    """Per municipality, how many of its projects have a recorded lesson (an aggregate figure
    for the effect dashboard; no rows)."""
    rows = (
        Project.objects.filter(municipality__in=municipalities)
        .filter(Exists(Lesson.objects.filter(project=OuterRef("pk"))))
        .order_by()
        .values("municipality_id")
        .annotate(n=Count("pk"))
    )
    return {row["municipality_id"]: row["n"] for row in rows}


# --- questions and answers ------------------------------------------------------------------
@dataclass(frozen=True)
class QuestionFilters:
    topic: str = ""
    kle: str = ""
    it_system: str = ""
    unanswered: bool = False
    mine: bool = False


def question_list(*, user: User, filters: QuestionFilters | None = None) -> QuerySet[Question]:
    filters = filters or QuestionFilters()
    questions = (
        Question.objects.filter(visible_to(user))
        .select_related("municipality", "author")
        .annotate(answer_count=Count("answers", distinct=True))
    )
    if filters.topic:
        questions = questions.filter(topic=filters.topic)
    if filters.kle:
        questions = questions.filter(kle_code__startswith=filters.kle)
    if filters.it_system:
        ids = [
            pk
            for pk, systems in questions.values_list("pk", "it_systems")
            if filters.it_system.lower() in (s.lower() for s in systems or [])
        ]
        questions = questions.filter(pk__in=ids)
    if filters.unanswered:
        questions = questions.filter(answers__isnull=True)
    if filters.mine:
        questions = questions.filter(author_id=user.pk)
    return questions.order_by("-created_at", "-id")


def unanswered_questions(*, user: User, limit: int = 5) -> list[Question]:
    """The newest questions without an answer, for the start page."""
    return list(question_list(user=user, filters=QuestionFilters(unanswered=True))[:limit])


def access_question(*, user: User, question_id: int) -> Question:
    return access_or_404(question_list(user=user), pk=question_id)


def answer_list(*, question: Question) -> QuerySet[Answer]:
    """The answers of a question the caller reached through :func:`access_question`."""
    return (
        Answer.objects.filter(question=question)
        .select_related("author", "municipality", "linked_process", "linked_candidate")
        .order_by("created_at", "id")
    )


def access_answer(*, user: User, answer_id: int) -> Answer:
    """An answer to a question the user may read; 404 otherwise."""
    visible = Question.objects.filter(visible_to(user)).values("pk")
    return access_or_404(
        Answer.objects.filter(question__in=visible).select_related("question__municipality"),
        pk=answer_id,
    )


@dataclass(frozen=True)
class Link:
    label: str
    url: str
    kind: str  # the target's kind: "process", "candidate"
    kind_label: str  # "Proces", in the reader's language


def link_process_choices(*, user: User) -> QuerySet[Process]:
    """Processes an answer or a lesson may point to: those the writer may read."""
    return Process.objects.filter(library_visible_to(user)).select_related("municipality")


def link_candidate_choices(*, user: User) -> QuerySet[Candidate]:
    return Candidate.objects.filter(library_visible_to(user)).select_related("municipality")


def link_page_choices(*, user: User) -> QuerySet[Page]:
    """Handbook pages an answer may point to: those the writer may read."""
    return page_list(user=user, counts=False)


@dataclass(frozen=True)
class LinkTarget:
    """One kind of thing an answer may point to: a nullable field on :class:`Answer`, what
    the reader may open of it, and its page. A new kind (the handbook's pages) is one more
    field on the model and one more entry in :data:`LINK_TARGETS`."""

    field: str
    kind: str
    kind_label: Any
    url_name: str
    readable: Callable[..., QuerySet[Any]]


LINK_TARGETS: tuple[LinkTarget, ...] = (
    LinkTarget(
        "linked_process", "process", _("Proces"), "processes:process_detail", link_process_choices
    ),
    LinkTarget(
        "linked_candidate",
        "candidate",
        _("Automatiseringskandidat"),
        "catalogue:candidate_detail",
        link_candidate_choices,
    ),
    LinkTarget(
        "linked_handbook_page",
        "handbook_page",
        _("Side i metodehåndbogen"),
        "handbook:page_detail",
        link_page_choices,
    ),
)


def answer_links(*, user: User, answers: list[Answer]) -> dict[int, list[Link]]:
    """Per answer, what it points to that the reader may open (one query per kind of target
    for all the answers)."""
    links: dict[int, list[Link]] = {answer.pk: [] for answer in answers}
    for target in LINK_TARGETS:
        ids = {getattr(a, f"{target.field}_id") for a in answers} - {None}
        readable = set(target.readable(user=user).filter(pk__in=ids).values_list("pk", flat=True))
        for answer in answers:
            obj = getattr(answer, target.field)
            if obj is not None and obj.pk in readable:
                url = reverse(target.url_name, args=[obj.pk])
                links[answer.pk].append(Link(str(obj), url, target.kind, str(target.kind_label)))
    return links


def followed_topics(*, user: User) -> set[str]:
    return set(TopicFollow.objects.filter(user_id=user.pk).values_list("topic", flat=True))


def topic_followers(*, question: Question) -> QuerySet[User]:
    """Users who follow the question's topic and may read the question."""
    users = User.objects.filter(
        is_active=True, followed_topics__topic=question.topic, municipality__isnull=False
    )
    if question.visibility == Visibility.OWN:
        users = users.filter(municipality_id=question.municipality_id)
    else:
        users = users.filter(municipality__collaboration_id=question.municipality.collaboration_id)
    return users.distinct()


def question_participants(*, question: Question) -> list[User]:
    """Who hears of a new answer: the asker and those who answered before."""
    ids = set(Answer.objects.filter(question=question).values_list("author_id", flat=True))
    if question.author_id:
        ids.add(question.author_id)
    ids.discard(None)
    return list(User.objects.filter(pk__in=ids, is_active=True))


def topic_labels() -> dict[str, str]:
    return {value: str(label) for value, label in Topic.choices}


def question_with_answers(*, question: Question) -> Question:
    """The question with its answers prefetched (for the API)."""
    return (
        Question.objects.filter(pk=question.pk)
        .prefetch_related(Prefetch("answers", queryset=answer_list(question=question)))
        .select_related("municipality", "author")
        .get()
    )
