"""The network's panels on the start page: the questions I follow, and the questions nobody
has answered yet.

Questions have no follow of their own; a user follows *topics* (``TopicFollow``, "Emner, du
følger"). So the questions I follow are those I asked, those I answered and those in a topic I
follow."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Max, Q, QuerySet
from django.db.models.functions import Coalesce, Greatest
from django.utils.translation import gettext_lazy as _

from procesbank.kit.startpage import Panel, register_panel
from procesbank.knowledge.models import Answer, Question, TopicFollow
from procesbank.knowledge.selectors import can_write, unanswered_questions, visible_to
from procesbank.organisations.models import User


def followed_questions(*, user: User, limit: int = 8) -> QuerySet[Question]:
    """The questions the user may read that they asked, answered or follow the topic of,
    latest activity (question or answer) first."""
    topics = TopicFollow.objects.filter(user_id=user.pk).values("topic")
    answered = Answer.objects.filter(author_id=user.pk).values("question")
    return (
        Question.objects.filter(visible_to(user))
        .filter(Q(author_id=user.pk) | Q(pk__in=answered) | Q(topic__in=topics))
        .select_related("municipality")
        .annotate(
            answer_count=Count("answers", distinct=True),
            last_activity=Greatest(
                "created_at", Coalesce(Max("answers__created_at"), "created_at")
            ),
        )
        .order_by("-last_activity", "-pk")[:limit]
    )


def _followed(user: User) -> dict[str, Any]:
    return {"questions": list(followed_questions(user=user))}


def _unanswered(user: User) -> dict[str, Any]:
    questions = unanswered_questions(user=user, limit=5)
    return {"questions": questions, "can_write": can_write(user=user)}


register_panel(
    Panel(
        key="followed-questions",
        order=45,
        title=_("Spørgsmål, du følger"),
        template="knowledge/startpage/followed_questions.html",
        context=_followed,
    )
)
register_panel(
    Panel(
        key="unanswered-questions",
        order=46,
        title=_("Ubesvarede spørgsmål fra netværket"),
        template="knowledge/startpage/unanswered_questions.html",
        context=_unanswered,
    )
)
