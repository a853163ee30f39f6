"""Small partials other apps' pages include without importing knowledge:
``{% load knowledge %}`` then ``{% process_lessons process %}``, ``{% candidate_lessons
candidate %}``, ``{% project_lesson project %}`` or ``{% unanswered_questions %}``. Each asks
the knowledge selectors on behalf of the page's reader."""

from __future__ import annotations

from typing import Any

from django import template

from procesbank.knowledge import selectors

register = template.Library()


def _user(context: Any) -> Any:
    request = context.get("request")
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


@register.inclusion_tag("knowledge/_object_lessons.html", takes_context=True)
def process_lessons(context: Any, process: Any) -> dict[str, Any]:
    user = _user(context)
    lessons = list(selectors.lessons_for_process(user=user, process=process)[:5]) if user else []
    return {"lessons": lessons}


@register.inclusion_tag("knowledge/_object_lessons.html", takes_context=True)
def candidate_lessons(context: Any, candidate: Any) -> dict[str, Any]:
    user = _user(context)
    found = selectors.lessons_for_candidate(user=user, candidate=candidate) if user else None
    return {"lessons": list(found[:5]) if found is not None else []}


@register.inclusion_tag("knowledge/_project_lesson.html", takes_context=True)
def project_lesson(context: Any, project: Any) -> dict[str, Any]:
    user = _user(context)
    if user is None:
        return {"show": False}
    lesson = selectors.lesson_for_project(user=user, project=project)
    may_record = (
        lesson is None
        and selectors.can_write(user=user)
        and project.municipality_id == user.municipality_id
    )
    return {
        "show": lesson is not None or may_record,
        "lesson": lesson,
        "project": project,
        "may_record": may_record,
        "due": project.phase == "realisering",
    }


@register.inclusion_tag("knowledge/_unanswered.html", takes_context=True)
def unanswered_questions(context: Any) -> dict[str, Any]:
    user = _user(context)
    questions = selectors.unanswered_questions(user=user, limit=5) if user else []
    return {"questions": questions, "can_write": bool(user) and selectors.can_write(user=user)}
