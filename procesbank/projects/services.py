"""Every write to projects: one transaction, a permission check and an audit entry each."""

from __future__ import annotations

import datetime
from decimal import Decimal
from functools import partial
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from procesbank.core.errors import UserError, gettext_noop
from procesbank.kit.locking import claim_version, locked_update
from procesbank.organisations.audit import audit_record, audited, snapshot
from procesbank.organisations.models import AuditEntry, Municipality, User
from procesbank.organisations.permissions import require_edit
from procesbank.organisations.selectors import own_municipality
from procesbank.processes.models import ProcessVersion, VersionKind
from procesbank.projects.engine import gates
from procesbank.projects.models import (
    CommunicationItem,
    CommunicationStatus,
    MilestoneKind,
    PhaseTransition,
    ProcurementMilestone,
    Project,
    ProjectKind,
    ProjectParticipant,
    Stakeholder,
)
from procesbank.projects.selectors import gate_items, version_choices

EDITABLE_FIELDS = ("name", "description", "owner", "phase", "as_is_version", "to_be_version")


def _check(project: Project) -> None:
    clash = Project.objects.filter(municipality=project.municipality, name=project.name)
    if project.pk:
        clash = clash.exclude(pk=project.pk)
    if clash.exists():
        raise ValidationError({"name": _("Din kommune har allerede et projekt med det navn.")})
    as_is, to_be = project.as_is_version, project.to_be_version
    if as_is is not None and as_is.kind != VersionKind.AS_IS:
        raise ValidationError({"as_is_version": _("Vælg en som-er-version.")})
    if to_be is not None and to_be.kind != VersionKind.TO_BE:
        raise ValidationError({"to_be_version": _("Vælg en skal-være-version.")})
    if as_is is not None and to_be is not None and as_is.process_id != to_be.process_id:
        raise ValidationError(
            {"to_be_version": _("Som-er- og skal-være-versionen skal høre til samme proces.")}
        )
    if project.owner is not None and project.owner.municipality_id != project.municipality_id:
        raise ValidationError({"owner": _("Projektejeren skal være fra din kommune.")})


def _check_versions_visible(user: User, fields: dict[str, Any]) -> None:
    for key in ("as_is_version", "to_be_version"):
        version = fields.get(key)
        if isinstance(version, ProcessVersion) and not (
            version_choices(user=user).filter(pk=version.pk).exists()
        ):
            raise ValidationError({key: _("Du kan ikke se den valgte procesversion.")})


@transaction.atomic
def project_create(*, user: User, name: str, **fields: Any) -> Project:
    """A new project of the user's municipality, in the idea phase unless told otherwise."""
    municipality = own_municipality(user=user)
    require_edit(user, municipality)
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"unknown project fields: {sorted(unknown)}")
    _check_versions_visible(user, fields)
    project = Project(municipality=municipality, name=name.strip(), **fields)
    _check(project)
    project.full_clean()
    project.save()
    audit_record(
        user=user,
        action=AuditEntry.Action.CREATE,
        instance=project,
        municipality=municipality,
        after=snapshot(project),
    )
    return project


@transaction.atomic
def project_update(*, user: User, project: Project, lock_version: int, **changes: Any) -> Project:
    """Change a project. ``lock_version`` is the one the user's form was loaded with."""
    require_edit(user, project.municipality)
    # The phase changes only through the gate (project_advance).
    unknown = set(changes) - (set(EDITABLE_FIELDS) - {"phase"})
    if unknown:
        raise TypeError(f"unknown project fields: {sorted(unknown)}")
    _check_versions_visible(user, changes)
    return locked_update(
        user=user,
        instance=project,
        lock_version=lock_version,
        changes=changes,
        check=_check,
        audit=partial(audited, municipality=project.municipality),
    )


@transaction.atomic
def project_delete(*, user: User, project: Project) -> None:
    require_edit(user, project.municipality)
    audit_record(
        user=user,
        action=AuditEntry.Action.DELETE,
        instance=project,
        municipality=project.municipality,
        before=snapshot(project),
    )
    project.delete()


MSG_LAST_PHASE = gettext_noop("Projektet er i sidste fase og kan ikke rykke videre.")
MSG_GATE_NOT_MET = gettext_noop(
    "Kriteriet “%(criterion)s” er ikke opfyldt. Opfyld det, eller skriv hvorfor det fraviges."
)


@transaction.atomic
def project_advance(
    *,
    user: User,
    project: Project,
    lock_version: int,
    confirmed: frozenset[str] = frozenset(),
    reasons: dict[str, str] | None = None,
) -> PhaseTransition:
    """Move the project to its next phase when every criterion of the gate is met (checked
    from the data, or confirmed by the user for a manual one) or waived with a reason. The
    transition is logged with the time and the checklist as it stood."""
    require_edit(user, project.municipality)
    # Claimed first, so a stale form is refused before the gate is judged on the new state;
    # a refusal below rolls the claim back with everything else.
    current = claim_version(user=user, instance=project, version=lock_version)
    target = gates.next_phase(current.phase)
    if target is None:
        raise UserError(MSG_LAST_PHASE)
    reasons = reasons or {}
    checklist: dict[str, dict[str, object]] = {}
    for item in gate_items(project=current):
        met = item.met if item.automatic else item.criterion in confirmed
        reason = reasons.get(item.criterion, "").strip()
        if not met and not reason:
            raise UserError(MSG_GATE_NOT_MET, criterion=_(item.label))
        checklist[item.criterion] = {"met": met, "reason": "" if met else reason}
    before = snapshot(current) | {"lock_version": lock_version}  # as it was before the claim
    transition = PhaseTransition.objects.create(
        project=current,
        from_phase=current.phase,
        to_phase=target,
        at=timezone.now(),
        by=user,
        checklist=checklist,
    )
    current.phase = target
    current.save(update_fields=["phase", "updated_at"])
    audit_record(
        user=user,
        action=AuditEntry.Action.UPDATE,
        instance=current,
        municipality=current.municipality,
        before=before,
        after=snapshot(current) | {"transition": checklist},
    )
    return transition


# --- anchoring: stakeholders and the communication plan ---------------------------------------
def _audit_anchoring(
    user: User, action: str, instance: Any, project: Project, before: dict[str, Any] | None = None
) -> None:
    audit_record(
        user=user,
        action=action,
        instance=instance,
        municipality=project.municipality,
        before=before,
        after=None if action == AuditEntry.Action.DELETE else snapshot(instance),
    )


@transaction.atomic
def stakeholder_create(
    *, user: User, project: Project, name: str, influence: int, attitude: int, interest: str = ""
) -> Stakeholder:
    """Place a stakeholder on the project's grid: influence 1-5, attitude -2..+2."""
    require_edit(user, project.municipality)
    if Stakeholder.objects.filter(project=project, name=name.strip()).exists():
        raise ValidationError({"name": _("Projektet har allerede en interessent med det navn.")})
    stakeholder = Stakeholder(
        project=project,
        name=name.strip(),
        interest=interest.strip(),
        influence=influence,
        attitude=attitude,
    )
    stakeholder.full_clean()
    stakeholder.save()
    _audit_anchoring(user, AuditEntry.Action.CREATE, stakeholder, project)
    return stakeholder


@transaction.atomic
def stakeholder_delete(*, user: User, stakeholder: Stakeholder) -> None:
    project = stakeholder.project
    require_edit(user, project.municipality)
    _audit_anchoring(user, AuditEntry.Action.DELETE, stakeholder, project, snapshot(stakeholder))
    stakeholder.delete()


@transaction.atomic
def communication_create(
    *,
    user: User,
    project: Project,
    audience: str,
    message: str,
    channel: str,
    sender: str,
    planned_on: datetime.date,
) -> CommunicationItem:
    """A new line of the project's communication plan (the first one meets the gate)."""
    require_edit(user, project.municipality)
    item = CommunicationItem(
        project=project,
        audience=audience.strip(),
        message=message.strip(),
        channel=channel.strip(),
        sender=sender.strip(),
        planned_on=planned_on,
    )
    item.full_clean()
    item.save()
    _audit_anchoring(user, AuditEntry.Action.CREATE, item, project)
    return item


@transaction.atomic
def communication_status_set(
    *, user: User, item: CommunicationItem, status: str
) -> CommunicationItem:
    require_edit(user, item.project.municipality)
    if status not in CommunicationStatus.values:
        raise ValidationError({"status": _("Ukendt status.")})
    before = snapshot(item)
    item.status = status
    item.full_clean()
    item.save()
    _audit_anchoring(user, AuditEntry.Action.UPDATE, item, item.project, before=before)
    return item


# --- joint projects and procurements (issue 15) ----------------------------------------------
MSG_OTHER_COLLABORATION = gettext_noop(
    "%(municipality)s er ikke med i samarbejdet og kan ikke deltage i projektet."
)
MSG_LEAD_STAYS = gettext_noop(
    "Den ledende kommune deltager altid i sit eget fællesprojekt og kan ikke fjernes."
)


@transaction.atomic
def joint_frame_update(
    *,
    user: User,
    project: Project,
    lock_version: int,
    kind: str,
    collaboration_owned: bool,
    contract_value: Decimal | None,
) -> Project:
    """Set the project type (a procurement gets its six milestones, undated), whether the
    collaboration owns it and the contract's value (DKK). Only the lead changes it."""
    require_edit(user, project.municipality)
    updated = locked_update(
        user=user,
        instance=project,
        lock_version=lock_version,
        changes={
            "kind": kind,
            "collaboration_owned": collaboration_owned,
            "contract_value": contract_value,
        },
        audit=partial(audited, municipality=project.municipality),
    )
    if kind == ProjectKind.PROCUREMENT:
        for position, milestone in enumerate(MilestoneKind.values):
            ProcurementMilestone.objects.get_or_create(
                project=updated, kind=milestone, defaults={"position": position}
            )
    return updated


@transaction.atomic
def participant_save(
    *,
    user: User,
    project: Project,
    municipality: Municipality,
    cases: int = 0,
    seats: int = 0,
    fixed_share: Decimal = Decimal(0),
) -> ProjectParticipant:
    """Add a municipality of the collaboration to the joint project, or change its split keys
    (cases, seats, a fixed share in per cent). The lead joins too, the first time."""
    require_edit(user, project.municipality)
    if municipality.collaboration_id != project.municipality.collaboration_id:
        raise UserError(MSG_OTHER_COLLABORATION, municipality=municipality.name)
    if municipality.pk != project.municipality_id:
        ProjectParticipant.objects.get_or_create(project=project, municipality=project.municipality)
    participant = (
        ProjectParticipant.objects.select_for_update()
        .filter(project=project, municipality=municipality)
        .first()
    )
    before = snapshot(participant) if participant else None
    if participant is None:
        participant = ProjectParticipant(project=project, municipality=municipality)
    participant.cases = cases
    participant.seats = seats
    participant.fixed_share = fixed_share
    participant.full_clean()
    participant.save()
    audit_record(
        user=user,
        action=AuditEntry.Action.UPDATE if before else AuditEntry.Action.CREATE,
        instance=participant,
        municipality=project.municipality,
        before=before,
        after=snapshot(participant),
    )
    return participant


@transaction.atomic
def participant_remove(*, user: User, participant: ProjectParticipant) -> None:
    project = participant.project
    require_edit(user, project.municipality)
    if participant.municipality_id == project.municipality_id:
        raise UserError(MSG_LEAD_STAYS)
    audit_record(
        user=user,
        action=AuditEntry.Action.DELETE,
        instance=participant,
        municipality=project.municipality,
        before=snapshot(participant),
    )
    participant.delete()


@transaction.atomic
def milestone_set(
    *, user: User, milestone: ProcurementMilestone, due_on: datetime.date | None, done: bool
) -> ProcurementMilestone:
    """Date a procurement milestone and mark it done (or not)."""
    require_edit(user, milestone.project.municipality)
    before = snapshot(milestone)
    milestone.due_on = due_on
    milestone.done = done
    milestone.full_clean()
    milestone.save()
    audit_record(
        user=user,
        action=AuditEntry.Action.UPDATE,
        instance=milestone,
        municipality=milestone.project.municipality,
        before=before,
        after=snapshot(milestone),
    )
    return milestone
