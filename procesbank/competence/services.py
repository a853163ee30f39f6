"""Every write of the competence app. Each service is one transaction with an audit entry.

The collaboration administrator registers programmes and cohorts, sets the seats bought per
municipality, enters grades and runs workshops; a municipality's administrator registers and
enrols its own consultants and keeps their attendance and final assignment.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from procesbank.competence import selectors
from procesbank.competence.engine.grades import parse_grade
from procesbank.competence.models import (
    ActionStatus,
    Cohort,
    CohortSeats,
    Consultant,
    Enrolment,
    ImprovementAction,
    Module,
    Programme,
    Workshop,
    WorkshopEvaluation,
)
from procesbank.handbook import selectors as handbook_selectors
from procesbank.handbook.models import Section
from procesbank.organisations.audit import audit_record, snapshot
from procesbank.organisations.models import AuditEntry, Municipality, User
from procesbank.organisations.selectors import own_municipality


def _require_admin(user: User) -> None:
    if not selectors.can_administer(user=user):
        raise PermissionDenied


def _audit(
    user: User,
    action: str,
    instance: Any,
    municipality: Municipality | None,
    before: dict[str, Any] | None = None,
) -> None:
    audit_record(
        user=user,
        action=action,
        instance=instance,
        municipality=municipality,
        before=before,
        after=None if action == AuditEntry.Action.DELETE else snapshot(instance),
    )


# --- programmes and cohorts ------------------------------------------------------------------
@transaction.atomic
def programme_create(
    *, user: User, name: str, supplier: str, modules: Iterable[str], description: str = ""
) -> Programme:
    """A programme of the user's collaboration with its modules, in the order given."""
    _require_admin(user)
    municipality = own_municipality(user=user)
    names = list(dict.fromkeys(m.strip() for m in modules if m.strip()))
    if not names:
        raise ValidationError({"modules": _("Et forløb skal have mindst ét modul.")})
    programme = Programme(
        collaboration_id=municipality.collaboration_id,
        name=name.strip(),
        supplier=supplier.strip(),
        description=description,
    )
    if Programme.objects.filter(
        collaboration_id=programme.collaboration_id, name=programme.name
    ).exists():
        raise ValidationError({"name": _("Samarbejdet har allerede et forløb med det navn.")})
    programme.full_clean()
    programme.save()
    for position, module_name in enumerate(names):
        module = Module(programme=programme, name=module_name[:200], position=position)
        module.full_clean()
        module.save()
    _audit(user, AuditEntry.Action.CREATE, programme, municipality)
    return programme


@transaction.atomic
def cohort_create(
    *,
    user: User,
    programme: Programme,
    name: str,
    start_date: datetime.date,
    end_date: datetime.date,
    price: Decimal,
) -> Cohort:
    _require_admin(user)
    if end_date < start_date:
        raise ValidationError({"end_date": _("Slutdatoen ligger før startdatoen.")})
    if Cohort.objects.filter(programme=programme, name=name.strip()).exists():
        raise ValidationError({"name": _("Forløbet har allerede et hold med det navn.")})
    cohort = Cohort(
        programme=programme,
        name=name.strip(),
        start_date=start_date,
        end_date=end_date,
        price=price,
    )
    cohort.full_clean()
    cohort.save()
    _audit(user, AuditEntry.Action.CREATE, cohort, own_municipality(user=user))
    return cohort


@transaction.atomic
def cohort_seats_set(
    *, user: User, cohort: Cohort, municipality: Municipality, seats: int
) -> CohortSeats | None:
    """Set the seats a municipality of the collaboration bought; 0 removes its seats. Fewer
    seats than consultants already enrolled are refused."""
    _require_admin(user)
    if municipality.collaboration_id != cohort.programme.collaboration_id:
        raise PermissionDenied
    enrolled = Enrolment.objects.filter(cohort=cohort, municipality=municipality).count()
    if seats < enrolled:
        raise ValidationError(
            {
                "seats": _(
                    "%(municipality)s har allerede %(enrolled)s tilmeldte; "
                    "giv mindst så mange pladser."
                )
                % {"municipality": municipality.name, "enrolled": enrolled}
            }
        )
    row = CohortSeats.objects.filter(cohort=cohort, municipality=municipality).first()
    if seats == 0:
        if row is not None:
            _audit(user, AuditEntry.Action.DELETE, row, municipality, before=snapshot(row))
            row.delete()
        return None
    before = snapshot(row) if row else None
    row = row or CohortSeats(cohort=cohort, municipality=municipality)
    row.seats = seats
    row.full_clean()
    row.save()
    action = AuditEntry.Action.UPDATE if before else AuditEntry.Action.CREATE
    _audit(user, action, row, municipality, before=before)
    return row


# --- consultants and enrolments -----------------------------------------------------------
@transaction.atomic
def consultant_create(*, user: User, name: str = "", login: User | None = None) -> Consultant:
    """A consultant of the administrator's own municipality: a user, or a name only."""
    municipality = own_municipality(user=user)
    if not selectors.can_enrol(user=user, municipality=municipality):
        raise PermissionDenied
    if login is not None:
        if login.municipality_id != municipality.pk:
            raise PermissionDenied
        if Consultant.objects.filter(user=login).exists():
            raise ValidationError({"user": _("Brugeren er allerede registreret som konsulent.")})
    name = name.strip() or (login.get_full_name() or login.username if login else "")
    if not name:
        raise ValidationError({"name": _("Skriv et navn eller vælg en bruger.")})
    if Consultant.objects.filter(municipality=municipality, name=name).exists():
        raise ValidationError({"name": _("Kommunen har allerede en konsulent med det navn.")})
    consultant = Consultant(municipality=municipality, name=name, user=login)
    consultant.full_clean()
    consultant.save()
    _audit(user, AuditEntry.Action.CREATE, consultant, municipality)
    return consultant


@transaction.atomic
def enrolment_create(
    *, user: User, cohort: Cohort, consultant: Consultant | None = None, new_name: str = ""
) -> Enrolment:
    """Enrol one of the administrator's own consultants on a seat the municipality bought, or
    a new person without login (``new_name``): the person is created in the same transaction,
    so a refused enrolment leaves no person behind."""
    if consultant is None:
        consultant = consultant_create(user=user, name=new_name)
    municipality = consultant.municipality
    if not selectors.can_enrol(user=user, municipality=municipality):
        raise PermissionDenied
    seats = CohortSeats.objects.filter(cohort=cohort, municipality=municipality).first()
    taken = Enrolment.objects.filter(cohort=cohort, municipality=municipality).count()
    # Seats are bought through the collaboration: only its administrator adds them.
    who_adds = _("Samarbejdsadministratoren kan tilføje pladser.")
    if seats is None:
        raise ValidationError(
            _("%(name)s har ingen pladser på holdet.") % {"name": municipality} + " " + who_adds
        )
    if taken >= seats.seats:
        raise ValidationError(
            ngettext(
                "Den ene plads, %(name)s har købt, er i brug.",
                "Alle %(seats)s pladser, %(name)s har købt, er i brug.",
                seats.seats,
            )
            % {"seats": seats.seats, "name": municipality}
            + " "
            + who_adds
        )
    if Enrolment.objects.filter(cohort=cohort, consultant=consultant).exists():
        raise ValidationError(_("%(name)s er allerede tilmeldt holdet.") % {"name": consultant})
    enrolment = Enrolment(cohort=cohort, consultant=consultant, municipality=municipality)
    enrolment.full_clean()
    enrolment.save()
    _audit(user, AuditEntry.Action.CREATE, enrolment, municipality)
    return enrolment


def _require_enrolment_edit(user: User, enrolment: Enrolment) -> None:
    if not (
        selectors.can_administer(user=user)
        or selectors.can_enrol(user=user, municipality=enrolment.municipality)
    ):
        raise PermissionDenied


@transaction.atomic
def enrolment_update(
    *,
    user: User,
    enrolment: Enrolment,
    attended_modules: Iterable[Module],
    assignment_title: str,
    assignment_process_id: int | None,
    assignment_example: bool = False,
) -> Enrolment:
    """Attendance per module and the final assignment (optionally a library process the user
    may read)."""
    _require_enrolment_edit(user, enrolment)
    before = snapshot(enrolment)
    modules = list(attended_modules)
    if any(module.programme_id != enrolment.cohort.programme_id for module in modules):
        raise ValidationError(_("Modulet hører ikke til holdets forløb."))
    process = None
    if assignment_process_id is not None:
        process = (
            selectors.assignment_process_choices(user=user).filter(pk=assignment_process_id).first()
        )
        if process is None:
            raise ValidationError({"assignment_process": _("Vælg en proces, du kan se.")})
    enrolment.assignment_title = assignment_title.strip()
    enrolment.assignment_process = process
    if assignment_example and not (enrolment.assignment_title or process):
        raise ValidationError(
            {
                "assignment_example": _(
                    "Angiv opgavens titel eller proces, før den vises som eksempel."
                )
            }
        )
    enrolment.assignment_example = assignment_example
    enrolment.full_clean()
    enrolment.save()
    enrolment.attended_modules.set(modules)
    _audit(user, AuditEntry.Action.UPDATE, enrolment, enrolment.municipality, before=before)
    return enrolment


@transaction.atomic
def enrolment_grade_set(
    *,
    user: User,
    enrolment: Enrolment,
    grade: int | str,
    external_examiner: bool,
    examined_on: datetime.date | None = None,
) -> Enrolment:
    """Record the exam: the grade on the 7-point scale (anything else is refused with a Danish
    message by :func:`grades.parse_grade`) and whether an external examiner took part."""
    _require_admin(user)
    parsed = parse_grade(grade)
    before = snapshot(enrolment)
    enrolment.grade = int(parsed)
    enrolment.external_examiner = external_examiner
    enrolment.examined_on = examined_on or timezone.localdate()
    enrolment.full_clean()
    enrolment.save()
    _audit(user, AuditEntry.Action.UPDATE, enrolment, enrolment.municipality, before=before)
    return enrolment


# --- workshops and actions --------------------------------------------------------------------
@transaction.atomic
def workshop_create(
    *,
    user: User,
    title: str,
    held_on: datetime.date,
    agenda: str = "",
    findings: str = "",
    cohort: Cohort | None = None,
    participants: Iterable[Consultant] = (),
) -> Workshop:
    _require_admin(user)
    municipality = own_municipality(user=user)
    people = list(participants)
    if any(p.municipality.collaboration_id != municipality.collaboration_id for p in people):
        raise PermissionDenied
    workshop = Workshop(
        collaboration_id=municipality.collaboration_id,
        cohort=cohort,
        title=title.strip(),
        held_on=held_on,
        agenda=agenda,
        findings=findings,
    )
    workshop.full_clean()
    workshop.save()
    workshop.participants.set(people)
    _audit(user, AuditEntry.Action.CREATE, workshop, municipality)
    return workshop


@transaction.atomic
def workshop_evaluation_add(
    *,
    user: User,
    workshop: Workshop,
    usefulness: int,
    relevance: int,
    organisation: int,
    comment: str = "",
) -> WorkshopEvaluation:
    """An anonymous evaluation (1-5 scales and free text); anyone of the collaboration."""
    evaluation = WorkshopEvaluation(
        workshop=workshop,
        usefulness=usefulness,
        relevance=relevance,
        organisation=organisation,
        comment=comment.strip(),
    )
    evaluation.full_clean()
    evaluation.save()
    # The evaluation is anonymous, so the audit row names the workshop, not the answers.
    audit_record(
        user=user,
        action=AuditEntry.Action.CREATE,
        instance=evaluation,
        municipality=None,
        after={"workshop": workshop.pk},
    )
    return evaluation


@transaction.atomic
def action_create(
    *,
    user: User,
    workshop: Workshop,
    title: str,
    owner: User,
    deadline: datetime.date,
    handbook_page_id: int | None = None,
) -> ImprovementAction:
    """An improvement action of a workshop; it may point to the handbook page it is to change
    (one the acting user may read)."""
    _require_admin(user)
    if owner.municipality is None or owner.municipality.collaboration_id != (
        workshop.collaboration_id
    ):
        raise ValidationError({"owner": _("Den ansvarlige skal høre til samarbejdet.")})
    page = handbook_selectors.readable_page(user=user, page_id=handbook_page_id)
    if handbook_page_id is not None and page is None:
        raise ValidationError({"handbook_page": _("Siden findes ikke i metodehåndbogen.")})
    action = ImprovementAction(
        workshop=workshop, title=title.strip(), owner=owner, deadline=deadline, handbook_page=page
    )
    action.full_clean()
    action.save()
    _audit(user, AuditEntry.Action.CREATE, action, owner.municipality)
    return action


@transaction.atomic
def module_handbook_section_set(*, user: User, module: Module, section: str) -> Module:
    """Link a training module to the section of the method handbook it teaches ("" unlinks);
    the collaboration administrator's."""
    _require_admin(user)
    if section and section not in Section.values:
        raise ValidationError({"handbook_section": _("Ukendt afsnit.")})
    before = snapshot(module)
    module.handbook_section = section
    module.full_clean()
    module.save(update_fields=["handbook_section"])
    audit_record(
        user=user,
        action=AuditEntry.Action.UPDATE,
        instance=module,
        municipality=user.municipality,
        before=before,
        after=snapshot(module),
    )
    return module


@transaction.atomic
def action_status_set(*, user: User, action: ImprovementAction, status: str) -> ImprovementAction:
    """The owner or the collaboration administrator moves an action along."""
    if action.owner_id != user.pk and not selectors.can_administer(user=user):
        raise PermissionDenied
    if status not in ActionStatus.values:
        raise ValidationError({"status": _("Ukendt status.")})
    before = snapshot(action)
    action.status = status
    action.full_clean()
    action.save()
    _audit(user, AuditEntry.Action.UPDATE, action, action.owner.municipality, before=before)
    return action
