"""Stakeholder analysis and communication plan per project."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from procesbank.competence import selectors, services
from procesbank.competence.forms import (
    CommunicationForm,
    CommunicationStatusForm,
    StakeholderForm,
)
from procesbank.competence.views.common import (
    message_errors,
)
from procesbank.organisations.models import AuthenticatedRequest


# --- anchoring: stakeholders and communication per project ---------------------------------
@login_required
def anchoring_list(request: AuthenticatedRequest) -> HttpResponse:
    context = {"projects": selectors.anchoring_project_list(user=request.user)}
    return render(request, "competence/anchoring_list.html", context)


@login_required
def anchoring_detail(request: AuthenticatedRequest, project_id: int) -> HttpResponse:
    user = request.user
    project = selectors.access_anchoring_project(user=user, project_id=project_id)
    stakeholders = list(selectors.stakeholder_list(project=project))
    can_edit = selectors.can_edit_project(user=user, project=project)
    context = {
        "project": project,
        "stakeholders": stakeholders,
        "items": selectors.communication_list(project=project),
        "can_edit": can_edit,
        "stakeholder_form": StakeholderForm() if can_edit else None,
        "communication_form": CommunicationForm() if can_edit else None,
        "status_form": CommunicationStatusForm(),
        "grid": {
            "kind": "scatter",
            "xName": _("Holdning"),
            "yName": _("Indflydelse"),
            "xMin": -2,
            "xMax": 2,
            "yMin": 1,
            "yMax": 5,
            "series": [
                {
                    "name": _("Interessenter"),
                    "data": [[s.attitude, s.influence, s.name] for s in stakeholders],
                }
            ],
        },
    }
    return render(request, "competence/anchoring_detail.html", context)


@login_required
@require_POST
def stakeholder_create(request: AuthenticatedRequest, project_id: int) -> HttpResponse:
    project = selectors.access_anchoring_project(
        user=request.user, project_id=project_id, for_edit=True
    )
    form = StakeholderForm(request.POST)
    if form.is_valid():
        try:
            services.stakeholder_create(user=request.user, project=project, **form.cleaned_data)
        except ValidationError as error:
            message_errors(request, error)
        else:
            messages.success(request, _("Interessenten er tilføjet."))
    else:
        messages.error(request, _("Udfyld interessent, indflydelse og holdning."))
    return redirect("anchoring_detail", project_id=project.pk)


@login_required
@require_POST
def stakeholder_delete(request: AuthenticatedRequest, stakeholder_id: int) -> HttpResponse:
    stakeholder = selectors.access_stakeholder(user=request.user, stakeholder_id=stakeholder_id)
    project_id = stakeholder.project_id
    services.stakeholder_delete(user=request.user, stakeholder=stakeholder)
    messages.success(request, _("Interessenten er slettet."))
    return redirect("anchoring_detail", project_id=project_id)


@login_required
@require_POST
def communication_create(request: AuthenticatedRequest, project_id: int) -> HttpResponse:
    project = selectors.access_anchoring_project(
        user=request.user, project_id=project_id, for_edit=True
    )
    form = CommunicationForm(request.POST)
    if form.is_valid():
        services.communication_create(user=request.user, project=project, **form.cleaned_data)
        messages.success(request, _("Aktiviteten er tilføjet kommunikationsplanen."))
    else:
        messages.error(request, _("Udfyld målgruppe, budskab, kanal, afsender og dato."))
    return redirect("anchoring_detail", project_id=project.pk)


@login_required
@require_POST
def communication_status(request: AuthenticatedRequest, item_id: int) -> HttpResponse:
    item = selectors.access_communication(user=request.user, item_id=item_id)
    form = CommunicationStatusForm(request.POST)
    if form.is_valid():
        services.communication_status_set(
            user=request.user, item=item, status=form.cleaned_data["status"]
        )
        messages.success(request, _("Status er gemt."))
    return redirect("anchoring_detail", project_id=item.project_id)
