"""Pages of projects: list, create, detail, edit, delete, and the anchoring of each project
(stakeholder analysis and communication plan)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from procesbank.kit import projectpage
from procesbank.kit.formerrors import form_errors, message_errors
from procesbank.kit.paging import CappedPaginator
from procesbank.organisations.models import AuthenticatedRequest
from procesbank.organisations.permissions import Action, can, require_edit
from procesbank.processes.selectors import ProcessLink, process_links
from procesbank.projects import selectors, services
from procesbank.projects.forms import (
    CommunicationForm,
    CommunicationStatusForm,
    ProjectForm,
    StakeholderForm,
)
from procesbank.projects.models import Project, ProjectPhase

#: Projects a page of the list.
PAGE_SIZE = 25


@dataclass(frozen=True)
class ProjectRow:
    """A row of the projects page: the project, its phase's label and the link to its as-is
    process as the reader may see it (None without one)."""

    project: Project
    phase: str
    process_link: ProcessLink | None


@login_required
def project_list(request: AuthenticatedRequest) -> HttpResponse:
    # Paged like every long list: a municipality of the national data set holds 56 projects.
    page = CappedPaginator(selectors.project_rows(user=request.user), PAGE_SIZE).get_page(
        request.GET.get("side")
    )
    projects = list(page.object_list)
    # The rows' process links, checked for the reader at once (flat query count), and each
    # phase's label translated once, not once a row.
    links = process_links(
        municipality=request.user.municipality,
        processes=[p.as_is_version.process for p in projects if p.as_is_version],
    )
    phases = {value: str(label) for value, label in ProjectPhase.choices}
    rows = [
        ProjectRow(
            project=project,
            phase=phases.get(project.phase, project.phase),
            process_link=links[project.as_is_version.process_id] if project.as_is_version else None,
        )
        for project in projects
    ]
    context = {"rows": rows, "page": page, "can_create": can(request.user, Action.EDIT)}
    return render(request, "projects/project_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def project_create(request: AuthenticatedRequest) -> HttpResponse:
    require_edit(request.user)
    form = ProjectForm(request.POST or None, user=request.user, initial={"owner": request.user})
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "lock_version"}
        with form_errors(form):
            project = services.project_create(user=request.user, **data)
            messages.success(request, _("Projektet er oprettet."))
            return redirect("projects:project_detail", project_id=project.pk)
    return render(request, "projects/project_form.html", {"form": form, "creating": True})


@login_required
def project_detail(request: AuthenticatedRequest, project_id: int) -> HttpResponse:
    project = selectors.access_project(user=request.user, project_id=project_id)
    context = {
        "gate": selectors.gate_items(project=project),
        "transitions": selectors.transition_list(project=project),
        "lead_time": selectors.lead_time_days(project=project),
        "project": project,
        "can_edit": selectors.can_edit(user=request.user, project=project),
        "sections": projectpage.sections_for(request.user, project),
    }
    return render(request, "projects/project_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def project_edit(request: AuthenticatedRequest, project_id: int) -> HttpResponse:
    project = selectors.access_project_for_edit(user=request.user, project_id=project_id)
    form = ProjectForm(
        request.POST or None,
        user=request.user,
        instance=selectors.access_project(user=request.user, project_id=project_id),
        initial={"lock_version": project.lock_version},
    )
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "lock_version"}
        with form_errors(form):
            services.project_update(
                user=request.user,
                project=project,
                lock_version=form.cleaned_data["lock_version"] or 0,
                **data,
            )
            messages.success(request, _("Ændringerne er gemt."))
            return redirect("projects:project_detail", project_id=project.pk)
    return render(request, "projects/project_form.html", {"form": form, "project": project})


@login_required
@require_POST
def project_delete(request: AuthenticatedRequest, project_id: int) -> HttpResponse:
    project = selectors.access_project_for_edit(user=request.user, project_id=project_id)
    name = project.name
    services.project_delete(user=request.user, project=project)
    messages.success(request, _("“%(name)s” er slettet.") % {"name": name})
    return redirect("projects:project_list")


@login_required
@require_POST
def project_advance(request: AuthenticatedRequest, project_id: int) -> HttpResponse:
    """Move the project through the gate to its next phase."""
    project = selectors.access_project_for_edit(user=request.user, project_id=project_id)
    try:
        lock_version = int(request.POST.get("lock_version", "-1"))
    except ValueError:
        lock_version = -1
    with message_errors(request):
        transition = services.project_advance(
            user=request.user,
            project=project,
            lock_version=lock_version,
            confirmed=frozenset(request.POST.getlist("confirmed")),
            reasons={
                key.removeprefix("reason_"): str(value)
                for key, value in request.POST.items()
                if key.startswith("reason_")
            },
        )
        messages.success(
            request,
            _("Projektet er rykket til fasen %(phase)s.")
            % {"phase": transition.get_to_phase_display()},
        )
    return redirect("projects:project_detail", project_id=project.pk)


# --- anchoring: stakeholders and the communication plan ---------------------------------------
@login_required
def anchoring_list(request: AuthenticatedRequest) -> HttpResponse:
    context = {"projects": selectors.anchoring_project_list(user=request.user)}
    return render(request, "projects/anchoring_list.html", context)


def _stakeholder_grid(stakeholders: list[Any]) -> dict[str, Any]:
    """The influence x attitude grid as scatter data for projects/stakeholders.js."""
    return {
        "xName": _("Holdning"),
        "yName": _("Indflydelse"),
        "xMin": -2,
        "xMax": 2,
        "yMin": 1,
        "yMax": 5,
        "name": _("Interessenter"),
        "data": [[s.attitude, s.influence, s.name] for s in stakeholders],
    }


@login_required
def anchoring_detail(request: AuthenticatedRequest, project_id: int) -> HttpResponse:
    project = selectors.access_project(user=request.user, project_id=project_id)
    return _anchoring_page(request, project)


def _anchoring_page(
    request: AuthenticatedRequest,
    project: Project,
    *,
    stakeholder_form: StakeholderForm | None = None,
    communication_form: CommunicationForm | None = None,
) -> HttpResponse:
    """The stakeholder analysis and communication plan; a refused form comes back bound, so
    the user keeps what was typed and sees the message by the field."""
    stakeholders = list(selectors.stakeholder_list(project=project))
    can_edit = selectors.can_edit(user=request.user, project=project)
    context = {
        "project": project,
        "stakeholders": stakeholders,
        "items": selectors.communication_list(project=project),
        "can_edit": can_edit,
        "stakeholder_form": (stakeholder_form or StakeholderForm()) if can_edit else None,
        "communication_form": (communication_form or CommunicationForm()) if can_edit else None,
        "status_form": CommunicationStatusForm(),
        "grid": _stakeholder_grid(stakeholders),
    }
    return render(request, "projects/anchoring_detail.html", context)


@login_required
@require_POST
def stakeholder_create(request: AuthenticatedRequest, project_id: int) -> HttpResponse:
    project = selectors.access_project_for_edit(user=request.user, project_id=project_id)
    form = StakeholderForm(request.POST)
    if form.is_valid():
        with form_errors(form):
            services.stakeholder_create(user=request.user, project=project, **form.cleaned_data)
            messages.success(request, _("Interessenten er tilføjet."))
            return redirect("projects:anchoring_detail", project_id=project.pk)
    return _anchoring_page(request, project, stakeholder_form=form)


@login_required
@require_POST
def stakeholder_delete(request: AuthenticatedRequest, stakeholder_id: int) -> HttpResponse:
    stakeholder = selectors.access_stakeholder(user=request.user, stakeholder_id=stakeholder_id)
    project_id = stakeholder.project_id
    services.stakeholder_delete(user=request.user, stakeholder=stakeholder)
    messages.success(request, _("Interessenten er slettet."))
    return redirect("projects:anchoring_detail", project_id=project_id)


@login_required
@require_POST
def communication_create(request: AuthenticatedRequest, project_id: int) -> HttpResponse:
    project = selectors.access_project_for_edit(user=request.user, project_id=project_id)
    form = CommunicationForm(request.POST)
    if not form.is_valid():
        return _anchoring_page(request, project, communication_form=form)
    services.communication_create(user=request.user, project=project, **form.cleaned_data)
    messages.success(request, _("Aktiviteten er tilføjet kommunikationsplanen."))
    return redirect("projects:anchoring_detail", project_id=project.pk)


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
    return redirect("projects:anchoring_detail", project_id=item.project_id)
