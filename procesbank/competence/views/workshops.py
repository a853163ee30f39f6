"""Pages of the follow-up workshops and their improvement actions."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from procesbank.competence import selectors, services
from procesbank.competence.forms import (
    ActionForm,
    ActionStatusForm,
    EvaluationForm,
    WorkshopForm,
)
from procesbank.competence.views.common import (
    require_admin,
    set_choices,
)
from procesbank.handbook import selectors as handbook_selectors
from procesbank.kit.formerrors import form_errors, message_errors
from procesbank.kit.formfields import EMPTY_LABEL
from procesbank.organisations.models import AuthenticatedRequest


# --- workshops and actions --------------------------------------------------------------------
def _handbook_choices(form: ActionForm, user: Any) -> None:
    """The handbook pages an action may point to: those the user may read."""
    field: Any = form.fields["handbook_page"]
    field.choices = [("", _("Ingen")), *handbook_selectors.page_choices(user=user)]


@login_required
def workshop_list(request: AuthenticatedRequest) -> HttpResponse:
    context = {
        "workshops": selectors.workshop_list(user=request.user),
        "can_administer": selectors.can_administer(user=request.user),
    }
    return render(request, "competence/workshop_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def workshop_create(request: AuthenticatedRequest) -> HttpResponse:
    require_admin(request)
    user = request.user
    form = WorkshopForm(request.POST or None)
    cohorts = {c.pk: c for c in selectors.cohort_list(user=user)}
    consultants = {c.pk: c for c in selectors.consultant_list(user=user)}
    set_choices(form, "cohort", [("", EMPTY_LABEL), *[(pk, str(c)) for pk, c in cohorts.items()]])
    set_choices(
        form,
        "participants",
        [(pk, f"{c.name} ({c.municipality.name})") for pk, c in consultants.items()],
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        with form_errors(form):
            workshop = services.workshop_create(
                user=user,
                title=data["title"],
                held_on=data["held_on"],
                agenda=data["agenda"],
                findings=data["findings"],
                cohort=cohorts.get(data["cohort"] or 0),
                participants=[consultants[pk] for pk in data["participants"]],
            )
            messages.success(request, _("Workshoppen er oprettet."))
            return redirect("competence:workshop_detail", workshop_id=workshop.pk)
    return render(
        request, "competence/form.html", {"form": form, "title": _("Ny erfaringsworkshop")}
    )


@login_required
def workshop_detail(request: AuthenticatedRequest, workshop_id: int) -> HttpResponse:
    user = request.user
    workshop = selectors.access_workshop(user=user, workshop_id=workshop_id)
    context: dict[str, Any] = {
        "workshop": workshop,
        "summary": selectors.workshop_evaluation_summary(workshop=workshop),
        "evaluation_form": EvaluationForm(),
        "can_administer": selectors.can_administer(user=user),
        "today": selectors.today(),
        "status_form": ActionStatusForm(),
    }
    if context["can_administer"]:
        action_form = ActionForm()
        set_choices(
            action_form,
            "owner",
            [(u.pk, f"{u} ({u.municipality})") for u in selectors.action_owner_choices(user=user)],
        )
        _handbook_choices(action_form, user)
        context["action_form"] = action_form
    return render(request, "competence/workshop_detail.html", context)


@login_required
@require_POST
def workshop_evaluate(request: AuthenticatedRequest, workshop_id: int) -> HttpResponse:
    workshop = selectors.access_workshop(user=request.user, workshop_id=workshop_id)
    form = EvaluationForm(request.POST)
    if form.is_valid():
        services.workshop_evaluation_add(user=request.user, workshop=workshop, **form.cleaned_data)
        messages.success(request, _("Tak for din evaluering."))
    else:
        messages.error(request, _("Giv en karakter fra 1 til 5 på hver skala."))
    return redirect("competence:workshop_detail", workshop_id=workshop.pk)


@login_required
@require_POST
def action_create(request: AuthenticatedRequest, workshop_id: int) -> HttpResponse:
    workshop = selectors.access_workshop(user=request.user, workshop_id=workshop_id)
    require_admin(request)
    form = ActionForm(request.POST)
    owners = {u.pk: u for u in selectors.action_owner_choices(user=request.user)}
    set_choices(form, "owner", [(pk, str(u)) for pk, u in owners.items()])
    _handbook_choices(form, request.user)
    if form.is_valid():
        with message_errors(request):
            services.action_create(
                user=request.user,
                workshop=workshop,
                title=form.cleaned_data["title"],
                owner=owners[form.cleaned_data["owner"]],
                deadline=form.cleaned_data["deadline"],
                handbook_page_id=form.cleaned_data["handbook_page"],
            )
            messages.success(request, _("Handlingen er oprettet."))
    else:
        messages.error(request, _("Udfyld handling, ansvarlig og frist."))
    return redirect("competence:workshop_detail", workshop_id=workshop.pk)


@login_required
@require_POST
def action_status(request: AuthenticatedRequest, action_id: int) -> HttpResponse:
    action = selectors.access_action(user=request.user, action_id=action_id)
    form = ActionStatusForm(request.POST)
    if form.is_valid():
        services.action_status_set(
            user=request.user, action=action, status=form.cleaned_data["status"]
        )
        messages.success(request, _("Status er gemt."))
    next_url = request.POST.get("next", "")
    if next_url == "actions":
        return redirect("competence:action_list")
    return redirect("competence:workshop_detail", workshop_id=action.workshop_id)


@login_required
def action_list(request: AuthenticatedRequest) -> HttpResponse:
    only_overdue = request.GET.get("forfaldne") == "1"
    actions = (
        selectors.overdue_action_list(user=request.user)
        if only_overdue
        else selectors.action_list(user=request.user)
    )
    context = {
        "actions": actions,
        "only_overdue": only_overdue,
        "today": selectors.today(),
        "user_id": request.user.pk,
        "can_administer": selectors.can_administer(user=request.user),
        "status_form": ActionStatusForm(),
    }
    return render(request, "competence/action_list.html", context)
