"""The joint project page (issue 15): participants and their split keys, the procurement's
milestones and contract value, the joint business case beside each participant's own."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from procesbank.economics import joint_selectors, joint_services, selectors
from procesbank.economics.joint_forms import (
    JointFrameForm,
    LineSplitForm,
    LocalLineForm,
    MilestoneForm,
    ParticipantForm,
)
from procesbank.economics.models import LineSplit, SplitKey
from procesbank.kit.formerrors import message_errors
from procesbank.organisations.models import AuthenticatedRequest
from procesbank.organisations.permissions import Action, can
from procesbank.projects import services as project_services
from procesbank.projects.selectors import (
    access_milestone,
    access_participant,
    access_project_for_edit,
    can_edit,
    milestone_list,
)


def _invalid(request: AuthenticatedRequest, form: object) -> None:
    errors = getattr(form, "errors", {})
    for field_errors in errors.values():
        for error in field_errors:
            messages.error(request, error)


def _back(project_id: int) -> HttpResponse:
    return redirect("economics:joint_case", project_id=project_id)


@login_required
@require_GET
def joint_case(request: AuthenticatedRequest, project_id: int) -> HttpResponse:
    joint = joint_selectors.joint_case_for(user=request.user, project_id=project_id)
    project = joint.project
    editable = can_edit(user=request.user, project=project)
    participants = list(joint.participants)
    own = next((p for p in participants if p.municipality_id == request.user.municipality_id), None)
    splits = {}
    if joint.case is not None:
        splits = {s.line_id: s for s in LineSplit.objects.filter(line__business_case=joint.case)}
    line_forms = []
    labels = {key: str(label) for key, label in SplitKey.choices}
    if editable and joint.joint is not None:
        for view in joint.joint.lines:
            stored = splits.get(view.row.pk)
            initial: dict[str, object] = {"key": stored.key if stored else SplitKey.POPULATION}
            for mid, values in (stored.amounts if stored else {}).items():
                initial[f"amounts_{mid}"] = "; ".join(values)
            form = LineSplitForm(initial=initial, line_id=view.row.pk, participants=participants)
            line_forms.append((view, form, labels[str(initial["key"])]))
    milestones = milestone_list(project=project)
    context = {
        "project": project,
        "joint": joint,
        "own": own,
        "editable": editable,
        "may_add_local": own is not None and can(request.user, Action.EDIT, own.municipality),
        "evaluation": joint.joint.evaluation if joint.joint else None,
        "line_forms": line_forms,
        "benefit_shares": joint_selectors.benefit_rollup(joint=joint),
        "milestones": [
            (m, MilestoneForm(initial={"due_on": m.due_on, "done": m.done}, milestone_id=m.pk))
            for m in milestones
        ],
        "frame_form": JointFrameForm(
            initial={
                "kind": project.kind,
                "collaboration_owned": project.collaboration_owned,
                "contract_value": project.contract_value,
                "lock_version": project.lock_version,
            }
        ),
        "participant_form": ParticipantForm(collaboration_id=project.municipality.collaboration_id),
        "local_form": LocalLineForm(),
    }
    return render(request, "economics/joint_case.html", context)


@login_required
@require_POST
def joint_frame(request: AuthenticatedRequest, project_id: int) -> HttpResponse:
    project = access_project_for_edit(user=request.user, project_id=project_id)
    form = JointFrameForm(request.POST)
    if not form.is_valid():
        _invalid(request, form)
        return _back(project.pk)
    data = form.cleaned_data
    with message_errors(request):
        project_services.joint_frame_update(
            user=request.user,
            project=project,
            lock_version=data["lock_version"],
            kind=data["kind"],
            collaboration_owned=data["collaboration_owned"],
            contract_value=data["contract_value"],
        )
        messages.success(request, _("Fællesprojektet er gemt."))
    return _back(project.pk)


@login_required
@require_POST
def participant_add(request: AuthenticatedRequest, project_id: int) -> HttpResponse:
    project = access_project_for_edit(user=request.user, project_id=project_id)
    form = ParticipantForm(request.POST, collaboration_id=project.municipality.collaboration_id)
    if not form.is_valid():
        _invalid(request, form)
        return _back(project.pk)
    data = form.cleaned_data
    with message_errors(request):
        project_services.participant_save(
            user=request.user,
            project=project,
            municipality=data["municipality"],
            cases=data["cases"],
            seats=data["seats"],
            fixed_share=data["fixed_share"],
        )
        messages.success(request, _("Deltageren er gemt."))
    return _back(project.pk)


@login_required
@require_POST
def participant_remove(request: AuthenticatedRequest, participant_id: int) -> HttpResponse:
    participant = access_participant(user=request.user, participant_id=participant_id)
    project_id = participant.project_id
    with message_errors(request):
        project_services.participant_remove(user=request.user, participant=participant)
        messages.success(request, _("Deltageren er fjernet."))
    return _back(project_id)


@login_required
@require_POST
def milestone_update(request: AuthenticatedRequest, milestone_id: int) -> HttpResponse:
    milestone = access_milestone(user=request.user, milestone_id=milestone_id)
    form = MilestoneForm(request.POST, milestone_id=milestone.pk)
    if not form.is_valid():
        _invalid(request, form)
        return _back(milestone.project_id)
    with message_errors(request):
        project_services.milestone_set(
            user=request.user,
            milestone=milestone,
            due_on=form.cleaned_data["due_on"],
            done=form.cleaned_data["done"],
        )
        messages.success(request, _("Milepælen er gemt."))
    return _back(milestone.project_id)


@login_required
@require_POST
def line_split(request: AuthenticatedRequest, line_id: int) -> HttpResponse:
    line = selectors.access_line(user=request.user, line_id=line_id)
    project_id = line.business_case.project_id
    joint = joint_selectors.joint_case_for(user=request.user, project_id=project_id)
    form = LineSplitForm(request.POST, line_id=line.pk, participants=list(joint.participants))
    if not form.is_valid():
        _invalid(request, form)
        return _back(project_id)
    data = form.cleaned_data
    # An empty field: that municipality pays nothing of the line.
    amounts = {
        p.municipality_id: data[f"amounts_{p.municipality_id}"]
        for p in joint.participants
        if data.get(f"amounts_{p.municipality_id}")
    }
    with message_errors(request):
        joint_services.line_split_set(
            user=request.user, line=line, key=data["key"], amounts=amounts
        )
        messages.success(request, _("Fordelingen af “%(name)s” er gemt.") % {"name": line.name})
    return _back(project_id)


@login_required
@require_POST
def local_line_add(request: AuthenticatedRequest, project_id: int) -> HttpResponse:
    joint = joint_selectors.joint_case_for(user=request.user, project_id=project_id)
    if joint.case is None or not can(request.user, Action.EDIT, request.user.municipality):
        raise PermissionDenied
    form = LocalLineForm(request.POST)
    if not form.is_valid():
        _invalid(request, form)
        return _back(project_id)
    data = form.cleaned_data
    with message_errors(request):
        joint_services.local_line_add(
            user=request.user,
            case=joint.case,
            kind=data["kind"],
            category=data["category"],
            name=data["name"],
            amounts=data["amounts"],
        )
        messages.success(request, _("Den lokale linje “%(name)s” er tilføjet.") % data)
    return _back(project_id)


@login_required
@require_POST
def local_line_delete(request: AuthenticatedRequest, local_id: int) -> HttpResponse:
    row = joint_selectors.access_local_line(user=request.user, line_id=local_id)
    project_id = row.business_case.project_id
    with message_errors(request):
        joint_services.local_line_delete(user=request.user, line=row)
        messages.success(request, _("Den lokale linje er slettet."))
    return _back(project_id)
