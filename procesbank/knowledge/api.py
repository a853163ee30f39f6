"""API of knowledge: lessons, questions, answers, accepting an answer, and who knows; the same
services and selectors as the pages."""

from datetime import datetime
from typing import Any

from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from procesbank.catalogue.selectors import access_candidate
from procesbank.handbook.selectors import access_page
from procesbank.kit.api import BodySchema
from procesbank.kit.pagination import Pages
from procesbank.knowledge import experts, selectors, services
from procesbank.knowledge.models import (
    TEXT_MAX,
    Answer,
    Lesson,
    Outcome,
    ProjectType,
    Question,
    Topic,
)
from procesbank.knowledge.models import Visibility as KnowledgeVisibility
from procesbank.organisations.models import AuthenticatedRequest
from procesbank.processes.selectors import access_process
from procesbank.projects.selectors import access_project_for_edit

router = Router(tags=["knowledge"])

KLE = r"^\d{2}(\.\d{2}){0,2}$"


class CreatedOut(Schema):
    id: int


def _name(user: Any) -> str | None:
    return user.get_username() if user is not None else None


# --- lessons ------------------------------------------------------------------------------
class LessonOut(Schema):
    id: int
    municipality: str
    project_id: int | None  # only when the caller may open the project
    project_name: str
    title: str
    outcome: str
    worked: str
    did_not_work: str
    advice: str
    topic: str
    project_type: str
    kle_code: str
    it_systems: list[str]
    process_ids: list[int]  # those the caller may open
    candidate_ids: list[int]
    visibility: str
    author: str | None
    created_at: datetime
    lock_version: int

    @staticmethod
    def resolve_municipality(obj: Lesson) -> str:
        return obj.municipality.name

    @staticmethod
    def resolve_author(obj: Lesson) -> str | None:
        return _name(obj.author)

    @staticmethod
    def resolve_project_id(obj: Lesson, context: Any) -> int | None:
        project = selectors.lesson_project(user=context["request"].user, lesson=obj)
        return project.pk if project else None

    @staticmethod
    def resolve_process_ids(obj: Lesson, context: Any) -> list[int]:
        rows = selectors.lesson_processes(user=context["request"].user, lesson=obj)
        return list(rows.values_list("pk", flat=True))

    @staticmethod
    def resolve_candidate_ids(obj: Lesson, context: Any) -> list[int]:
        rows = selectors.lesson_candidates(user=context["request"].user, lesson=obj)
        return list(rows.values_list("pk", flat=True))


class LessonIn(BodySchema):
    project_id: int
    title: str = Field(..., min_length=1, max_length=200)
    outcome: Outcome = Outcome.REALISED
    worked: str = Field(..., min_length=1, max_length=TEXT_MAX)
    did_not_work: str = Field(..., min_length=1, max_length=TEXT_MAX)
    advice: str = Field(..., min_length=1, max_length=TEXT_MAX)
    topic: Topic | None = None
    project_type: ProjectType | None = None
    kle_code: str = Field("", max_length=8)
    it_systems: list[str] = Field([], max_length=20)
    process_ids: list[int] = Field([], max_length=50)
    candidate_ids: list[int] = Field([], max_length=50)
    visibility: KnowledgeVisibility = KnowledgeVisibility.COLLABORATION


@router.get("/lessons", response=list[LessonOut], summary="Lessons the caller may read")
@paginate(Pages, page_size=50)
def lesson_list(
    request: AuthenticatedRequest,
    topic: Topic | None = None,
    kle: str = Query("", pattern=r"^(\d{2}(\.\d{2}){0,2})?$"),
) -> Any:
    filters = selectors.LessonFilters(topic=topic or "", kle=kle)
    return selectors.lesson_list(user=request.user, filters=filters)


@router.get("/lessons/{lesson_id}", response=LessonOut, summary="One lesson")
def lesson_get(request: AuthenticatedRequest, lesson_id: int) -> Any:
    return selectors.access_lesson(user=request.user, lesson_id=lesson_id)


@router.post("/lessons", response={201: CreatedOut}, summary="Record a project's lessons")
def lesson_create(request: AuthenticatedRequest, payload: LessonIn) -> Status[CreatedOut]:
    user = request.user
    project = access_project_for_edit(user=user, project_id=payload.project_id)
    data: dict[str, Any] = payload.dict()
    data.pop("project_id")
    data["topic"] = data["topic"] or ""
    data["project_type"] = data["project_type"] or ""
    data["processes"] = [access_process(user=user, process_id=pk) for pk in data.pop("process_ids")]
    data["candidates"] = [
        access_candidate(user=user, candidate_id=pk) for pk in data.pop("candidate_ids")
    ]
    lesson = services.lesson_create(user=user, project=project, **data)
    return Status(201, CreatedOut(id=lesson.pk))


# --- questions and answers ------------------------------------------------------------------
class AnswerOut(Schema):
    id: int
    question_id: int
    municipality: str
    author: str | None
    body: str
    linked_process_id: int | None  # only when the caller may open it
    linked_candidate_id: int | None
    linked_handbook_page_id: int | None
    accepted: bool
    created_at: datetime


class QuestionOut(Schema):
    id: int
    municipality: str
    author: str | None
    title: str
    body: str
    topic: str
    kle_code: str
    it_systems: list[str]
    visibility: str
    accepted_answer_id: int | None
    answer_count: int
    created_at: datetime

    @staticmethod
    def resolve_municipality(obj: Any) -> str:
        return obj["municipality"] if isinstance(obj, dict) else obj.municipality.name

    @staticmethod
    def resolve_author(obj: Any) -> str | None:
        return obj["author"] if isinstance(obj, dict) else _name(obj.author)


class QuestionDetailOut(QuestionOut):
    answers: list[AnswerOut]


class QuestionIn(BodySchema):
    title: str = Field(..., min_length=1, max_length=200)
    body: str = Field("", max_length=TEXT_MAX)
    topic: Topic
    kle_code: str = Field("", max_length=8)
    it_systems: list[str] = Field([], max_length=20)
    visibility: KnowledgeVisibility = KnowledgeVisibility.COLLABORATION


class AnswerIn(BodySchema):
    body: str = Field(..., min_length=1, max_length=TEXT_MAX)
    linked_process_id: int | None = None
    linked_candidate_id: int | None = None
    linked_handbook_page_id: int | None = None


def _question_out(question: Question, answer_count: int | None = None) -> dict[str, Any]:
    return {
        "id": question.pk,
        "municipality": question.municipality.name,
        "author": _name(question.author),
        "title": question.title,
        "body": question.body,
        "topic": question.topic,
        "kle_code": question.kle_code,
        "it_systems": list(question.it_systems),
        "visibility": question.visibility,
        "accepted_answer_id": question.accepted_answer_id,
        "answer_count": getattr(question, "answer_count", answer_count or 0),
        "created_at": question.created_at,
    }


def _answers_out(request: AuthenticatedRequest, question: Question) -> list[AnswerOut]:
    answers = list(selectors.answer_list(question=question))
    links = selectors.answer_links(user=request.user, answers=answers)
    out = []
    for answer in answers:
        kinds = {link.kind for link in links[answer.pk]}
        out.append(
            AnswerOut(
                id=answer.pk,
                question_id=question.pk,
                municipality=answer.municipality.name,
                author=_name(answer.author),
                body=answer.body,
                linked_process_id=answer.linked_process_id if "process" in kinds else None,
                linked_candidate_id=answer.linked_candidate_id if "candidate" in kinds else None,
                linked_handbook_page_id=(
                    answer.linked_handbook_page_id if "handbook_page" in kinds else None
                ),
                accepted=answer.pk == question.accepted_answer_id,
                created_at=answer.created_at,
            )
        )
    return out


@router.get("/questions", response=list[QuestionOut], summary="Questions the caller may read")
@paginate(Pages, page_size=50)
def question_list(
    request: AuthenticatedRequest,
    topic: Topic | None = None,
    kle: str = Query("", pattern=r"^(\d{2}(\.\d{2}){0,2})?$"),
    unanswered: bool = False,
) -> Any:
    filters = selectors.QuestionFilters(topic=topic or "", kle=kle, unanswered=unanswered)
    return selectors.question_list(user=request.user, filters=filters)


@router.post("/questions", response={201: CreatedOut}, summary="Ask the network a question")
def question_create(request: AuthenticatedRequest, payload: QuestionIn) -> Status[CreatedOut]:
    question = services.question_create(user=request.user, **payload.dict())
    return Status(201, CreatedOut(id=question.pk))


@router.get(
    "/questions/{question_id}",
    response=QuestionDetailOut,
    summary="One question with its answers",
)
def question_get(request: AuthenticatedRequest, question_id: int) -> Any:
    question = selectors.access_question(user=request.user, question_id=question_id)
    return {**_question_out(question), "answers": _answers_out(request, question)}


@router.post(
    "/questions/{question_id}/answers",
    response={201: CreatedOut},
    summary="Answer a question",
)
def answer_create(
    request: AuthenticatedRequest, question_id: int, payload: AnswerIn
) -> Status[CreatedOut]:
    user = request.user
    question = selectors.access_question(user=user, question_id=question_id)
    process = (
        access_process(user=user, process_id=payload.linked_process_id)
        if payload.linked_process_id is not None
        else None
    )
    candidate = (
        access_candidate(user=user, candidate_id=payload.linked_candidate_id)
        if payload.linked_candidate_id is not None
        else None
    )
    page = (
        access_page(user=user, page_id=payload.linked_handbook_page_id)
        if payload.linked_handbook_page_id is not None
        else None
    )
    answer: Answer = services.answer_create(
        user=user,
        question=question,
        body=payload.body,
        linked_process=process,
        linked_candidate=candidate,
        linked_handbook_page=page,
    )
    return Status(201, CreatedOut(id=answer.pk))


@router.post(
    "/answers/{answer_id}/accept",
    response=QuestionOut,
    summary="Accept an answer (the asker)",
)
def answer_accept(request: AuthenticatedRequest, answer_id: int) -> Any:
    answer = selectors.access_answer(user=request.user, answer_id=answer_id)
    question = services.answer_accept(user=request.user, answer=answer)
    return _question_out(question, answer_count=question.answers.count())


# --- who knows ------------------------------------------------------------------------------
class ExpertOut(Schema):
    username: str
    name: str
    municipality: str
    evidence: dict[str, int]  # source key -> count
    total: int


@router.get(
    "/experts",
    response=list[ExpertOut],
    summary="Who knows about a topic, a KLE number or an IT system",
)
def who_knows(
    request: AuthenticatedRequest,
    topic: Topic | None = None,
    kle: str = Query("", pattern=r"^(\d{2}(\.\d{2}){0,2})?$"),
    it_system: str = Query("", max_length=100),
) -> Any:
    query = experts.ExpertQuery(topic=topic or "", kle=kle, it_system=it_system.strip())
    return [
        ExpertOut(
            username=e.user.get_username(),
            name=e.user.get_full_name() or e.user.get_username(),
            municipality=e.user.municipality.name if e.user.municipality else "",
            evidence=e.counts,
            total=e.total,
        )
        for e in experts.who_knows(user=request.user, query=query)
    ]
