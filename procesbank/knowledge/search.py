"""Search providers of knowledge: lessons, and questions with their answers.

Each starts from the app's visibility selector (``lesson_list`` / ``question_list``), so a
private lesson or question of another municipality is never a hit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from procesbank.kit.search import SearchFilters, SearchHit, text_match
from procesbank.knowledge import selectors
from procesbank.knowledge.models import Answer

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

SNIPPET = 200


def _snippet(*texts: str) -> str:
    text = " ".join(" ".join(t.split()) for t in texts if t)
    return text if len(text) <= SNIPPET else text[: SNIPPET - 1] + "…"


def _scoped(queryset: Any, filters: SearchFilters) -> Any:
    if filters.municipality_id:
        queryset = queryset.filter(municipality_id=filters.municipality_id)
    if filters.kle:
        queryset = queryset.filter(kle_code__startswith=filters.kle)
    return queryset


class LessonSearch:
    kind = "lesson"
    label = _("Erfaringer")
    order = 60

    def search(
        self,
        *,
        user: AbstractBaseUser | AnonymousUser,
        query: str,
        filters: SearchFilters,
        limit: int,
    ) -> list[SearchHit]:
        if not user.is_authenticated:
            return []
        visible = _scoped(selectors.lesson_list(user=user), filters)  # type: ignore[arg-type]
        fields = ["title", "project_name", "worked", "did_not_work", "advice"]
        hits = text_match(visible, fields, query).order_by("-search_rank", "-created_at")
        return [
            SearchHit(
                kind=self.kind,
                title=lesson.title,
                url=reverse("knowledge:lesson_detail", args=[lesson.pk]),
                snippet=_snippet(lesson.advice, lesson.worked),
                municipality=lesson.municipality.name,
                kle_code=lesson.kle_code,
                score=float(lesson.search_rank),
            )
            for lesson in hits[:limit]
        ]


class QuestionSearch:
    kind = "question"
    label = _("Spørgsmål")
    order = 70

    def search(
        self,
        *,
        user: AbstractBaseUser | AnonymousUser,
        query: str,
        filters: SearchFilters,
        limit: int,
    ) -> list[SearchHit]:
        if not user.is_authenticated:
            return []
        visible = _scoped(selectors.question_list(user=user), filters)  # type: ignore[arg-type]
        # A question is found by its own words or by those of its answers.
        answered = text_match(
            Answer.objects.filter(question__in=visible.values("pk")), ["body"], query
        ).values_list("question_id", flat=True)
        by_question = text_match(visible, ["title", "body"], query)
        ids = set(by_question.values_list("pk", flat=True)) | set(answered)
        rows = visible.filter(Q(pk__in=ids))
        ranks = {q.pk: float(q.search_rank) for q in by_question}
        ordered = sorted(rows, key=lambda q: (-ranks.get(q.pk, 0.0), -q.created_at.timestamp()))
        return [
            SearchHit(
                kind=self.kind,
                title=question.title,
                url=reverse("knowledge:question_detail", args=[question.pk]),
                snippet=_snippet(question.body),
                municipality=question.municipality.name,
                kle_code=question.kle_code,
                score=ranks.get(question.pk, 0.5),
            )
            for question in ordered[:limit]
        ]
