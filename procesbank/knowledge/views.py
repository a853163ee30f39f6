"""Pages of knowledge: questions to the network (sparring), lessons learned, who knows."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from procesbank.kit.formerrors import form_errors, message_errors
from procesbank.knowledge import experts, selectors, services
from procesbank.knowledge.forms import (
    AnswerForm,
    ExpertForm,
    FollowForm,
    LessonForm,
    QuestionFilterForm,
    QuestionForm,
)
from procesbank.organisations.models import AuthenticatedRequest
from procesbank.organisations.permissions import require_edit
from procesbank.projects.selectors import access_project_for_edit

PAGE_SIZE = 25


# --- questions ----------------------------------------------------------------------------
@login_required
def question_list(request: AuthenticatedRequest) -> HttpResponse:
    form = QuestionFilterForm(request.GET or None)
    filters = selectors.QuestionFilters()
    if form.is_bound and form.is_valid():
        filters = selectors.QuestionFilters(
            topic=form.cleaned_data["topic"],
            kle=form.cleaned_data["kle"],
            it_system=form.cleaned_data["it_system"].strip(),
            unanswered=form.cleaned_data["unanswered"],
        )
    page = Paginator(selectors.question_list(user=request.user, filters=filters), PAGE_SIZE)
    page_obj = page.get_page(request.GET.get("side"))
    query = request.GET.copy()
    query.pop("side", None)
    context = {
        "tab": "questions",
        "form": form,
        "page": page_obj,
        "questions": page_obj.object_list,
        "query": query.urlencode(),
        "can_write": selectors.can_write(user=request.user),
        "follow_form": FollowForm(initial={"topics": selectors.followed_topics(user=request.user)}),
    }
    return render(request, "knowledge/question_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def question_create(request: AuthenticatedRequest) -> HttpResponse:
    require_edit(request.user)
    form = QuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with form_errors(form):
            question = services.question_create(user=request.user, **form.cleaned_data)
            messages.success(request, _("Spørgsmålet er stillet til netværket."))
            return redirect("knowledge:question_detail", question_id=question.pk)
    return render(request, "knowledge/question_form.html", {"form": form, "tab": "questions"})


def _question_page(
    request: AuthenticatedRequest, question_id: int, answer_form: AnswerForm | None = None
) -> HttpResponse:
    question = selectors.access_question(user=request.user, question_id=question_id)
    answers = list(selectors.answer_list(question=question))
    links = selectors.answer_links(user=request.user, answers=answers)
    can_write = selectors.can_write(user=request.user)
    context = {
        "tab": "questions",
        "question": question,
        "answers": answers,
        "rows": [(answer, links[answer.pk]) for answer in answers],
        "can_answer": can_write,
        "can_accept": services.can_accept(user=request.user, question=question),
        "form": answer_form or (AnswerForm(user=request.user) if can_write else None),
    }
    return render(request, "knowledge/question_detail.html", context)


@login_required
def question_detail(request: AuthenticatedRequest, question_id: int) -> HttpResponse:
    return _question_page(request, question_id)


@login_required
@require_POST
def answer_create(request: AuthenticatedRequest, question_id: int) -> HttpResponse:
    question = selectors.access_question(user=request.user, question_id=question_id)
    require_edit(request.user)
    form = AnswerForm(request.POST, user=request.user)
    if form.is_valid():
        with form_errors(form):
            answer = services.answer_create(
                user=request.user, question=question, **form.cleaned_data
            )
            messages.success(request, _("Tak for dit svar."))
            return redirect(f"{question_url(question.pk)}#svar-{answer.pk}")
    return _question_page(request, question_id, answer_form=form)


def question_url(question_id: int) -> str:
    return reverse("knowledge:question_detail", args=[question_id])


@login_required
@require_POST
def answer_accept(request: AuthenticatedRequest, answer_id: int) -> HttpResponse:
    answer = selectors.access_answer(user=request.user, answer_id=answer_id)
    with message_errors(request):
        services.answer_accept(user=request.user, answer=answer)
        messages.success(request, _("Svaret er accepteret."))
    return redirect(f"{question_url(answer.question_id)}#svar-{answer.pk}")


@login_required
@require_POST
def topic_follow(request: AuthenticatedRequest) -> HttpResponse:
    form = FollowForm(request.POST)
    if form.is_valid():
        services.topic_follow_set(user=request.user, topics=form.cleaned_data["topics"])
        messages.success(request, _("Dine emner er gemt."))
    return redirect("knowledge:question_list")


# --- lessons ------------------------------------------------------------------------------
@login_required
def lesson_list(request: AuthenticatedRequest) -> HttpResponse:
    page = Paginator(selectors.lesson_list(user=request.user), PAGE_SIZE)
    page_obj = page.get_page(request.GET.get("side"))
    context = {
        "tab": "lessons",
        "page": page_obj,
        "lessons": page_obj.object_list,
        "awaiting": list(selectors.projects_awaiting_lesson(user=request.user)[:10]),
        "lesson_projects": list(selectors.lesson_projects(user=request.user)[:50])
        if selectors.can_write(user=request.user)
        else [],
    }
    return render(request, "knowledge/lesson_list.html", context)


@login_required
def lesson_detail(request: AuthenticatedRequest, lesson_id: int) -> HttpResponse:
    lesson = selectors.access_lesson(user=request.user, lesson_id=lesson_id)
    context = {
        "tab": "lessons",
        "lesson": lesson,
        "project": selectors.lesson_project(user=request.user, lesson=lesson),
        "processes": selectors.lesson_processes(user=request.user, lesson=lesson),
        "candidates": selectors.lesson_candidates(user=request.user, lesson=lesson),
        "can_edit": lesson.municipality_id == request.user.municipality_id
        and selectors.can_write(user=request.user),
    }
    return render(request, "knowledge/lesson_detail.html", context)


def _lesson_initial(project: Any) -> dict[str, Any]:
    version = project.to_be_version or project.as_is_version
    process = version.process if version is not None else None
    return {
        "title": _("Erfaringer fra “%(project)s”") % {"project": project.name},
        "outcome": "realiseret" if project.phase == "realisering" else "stoppet",
        "kle_code": process.kle_code if process else "",
        "it_systems": list(process.it_systems) if process else [],
        "processes": [process] if process else [],
    }


@login_required
@require_http_methods(["GET", "POST"])
def lesson_create(request: AuthenticatedRequest, project_id: int) -> HttpResponse:
    project = access_project_for_edit(user=request.user, project_id=project_id)
    existing = selectors.lesson_for_project(user=request.user, project=project)
    if existing is not None:
        return redirect("knowledge:lesson_detail", lesson_id=existing.pk)
    form = LessonForm(request.POST or None, user=request.user, initial=_lesson_initial(project))
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "lock_version"}
        with form_errors(form):
            lesson = services.lesson_create(user=request.user, project=project, **data)
            messages.success(request, _("Tak! Erfaringen er gemt."))
            return redirect("knowledge:lesson_detail", lesson_id=lesson.pk)
    return render(
        request, "knowledge/lesson_form.html", {"form": form, "project": project, "tab": "lessons"}
    )


@login_required
@require_http_methods(["GET", "POST"])
def lesson_edit(request: AuthenticatedRequest, lesson_id: int) -> HttpResponse:
    lesson = selectors.access_lesson_for_edit(user=request.user, lesson_id=lesson_id)
    form = LessonForm(
        request.POST or None,
        user=request.user,
        instance=selectors.access_lesson(user=request.user, lesson_id=lesson_id),
        initial={"lock_version": lesson.lock_version},
    )
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "lock_version"}
        with form_errors(form):
            services.lesson_update(
                user=request.user,
                lesson=lesson,
                lock_version=form.cleaned_data["lock_version"] or 0,
                **data,
            )
            messages.success(request, _("Ændringerne er gemt."))
            return redirect("knowledge:lesson_detail", lesson_id=lesson.pk)
    return render(
        request, "knowledge/lesson_form.html", {"form": form, "lesson": lesson, "tab": "lessons"}
    )


# --- who knows ------------------------------------------------------------------------------
@login_required
def who_knows(request: AuthenticatedRequest) -> HttpResponse:
    form = ExpertForm(request.GET or None)
    found: list[experts.Expert] = []
    searched = False
    sources = experts.evidence_sources()
    if form.is_bound and form.is_valid():
        query = experts.ExpertQuery(
            topic=form.cleaned_data["topic"],
            kle=form.cleaned_data["kle"],
            it_system=form.cleaned_data["it_system"].strip(),
        )
        searched = not query.is_empty
        found = experts.who_knows(user=request.user, query=query)
    context = {
        "tab": "experts",
        "form": form,
        "people": [(e, [e.counts.get(s.key, 0) for s in sources]) for e in found],
        "searched": searched,
        "sources": sources,
    }
    return render(request, "knowledge/who_knows.html", context)
