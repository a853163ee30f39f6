"""Pages of projects: list, create, detail, edit, delete."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from procesbank.core.errors import UserError
from procesbank.organisations.formerrors import attach_errors
from procesbank.organisations.models import AuthenticatedRequest
from procesbank.organisations.permissions import Action, can
from procesbank.projects import selectors, services
from procesbank.projects.forms import ProjectForm


@login_required
def project_list(request: AuthenticatedRequest) -> HttpResponse:
    context = {
        "projects": selectors.project_list(user=request.user),
        "can_create": can(request.user, Action.EDIT),
    }
    return render(request, "projects/project_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def project_create(request: AuthenticatedRequest) -> HttpResponse:
    if not can(request.user, Action.EDIT):
        raise PermissionDenied
    form = ProjectForm(request.POST or None, user=request.user, initial={"owner": request.user})
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "lock_version"}
        try:
            project = services.project_create(user=request.user, **data)
        except (ValidationError, UserError) as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Projektet er oprettet."))
            return redirect("project_detail", project_id=project.pk)
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
        try:
            services.project_update(
                user=request.user,
                project=project,
                lock_version=form.cleaned_data["lock_version"] or 0,
                **data,
            )
        except (ValidationError, UserError) as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Ændringerne er gemt."))
            return redirect("project_detail", project_id=project.pk)
    return render(request, "projects/project_form.html", {"form": form, "project": project})


@login_required
@require_POST
def project_delete(request: AuthenticatedRequest, project_id: int) -> HttpResponse:
    project = selectors.access_project_for_edit(user=request.user, project_id=project_id)
    name = project.name
    services.project_delete(user=request.user, project=project)
    messages.success(request, _("“%(name)s” er slettet.") % {"name": name})
    return redirect("project_list")


@login_required
@require_POST
def project_advance(request: AuthenticatedRequest, project_id: int) -> HttpResponse:
    """Move the project through the gate to its next phase."""
    project = selectors.access_project_for_edit(user=request.user, project_id=project_id)
    try:
        lock_version = int(request.POST.get("lock_version", "-1"))
    except ValueError:
        lock_version = -1
    try:
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
    except UserError as error:
        messages.error(request, error.render(_))
    else:
        messages.success(
            request,
            _("Projektet er rykket til fasen %(phase)s.")
            % {"phase": transition.get_to_phase_display()},
        )
    return redirect("project_detail", project_id=project.pk)
