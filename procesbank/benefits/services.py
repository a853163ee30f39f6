"""Every write to benefits: one transaction, a permission check, an audit entry."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from functools import partial
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from procesbank.benefits.engine import realisation
from procesbank.benefits.models import MAP_LEVELS, Benefit, BenefitMapNode, MapLevel, Measurement
from procesbank.benefits.selectors import plan_of
from procesbank.core.errors import UserError, gettext_noop
from procesbank.kit.formatting import short_date
from procesbank.kit.locking import locked_update
from procesbank.notifications.services import notify
from procesbank.organisations.audit import audit_record, audited, snapshot
from procesbank.organisations.models import AuditEntry, Municipality, User
from procesbank.organisations.permissions import require_edit
from procesbank.projects.models import Project

EDITABLE_FIELDS = (
    "name",
    "benefit_type",
    "owner",
    "owner_name",
    "kpi_name",
    "kpi_unit",
    "baseline_value",
    "baseline_date",
    "target_value",
    "target_date",
    "schedule",
    "yearly_value",
    "business_case_line",
)


def _validate(benefit: Benefit) -> None:
    if benefit.owner is not None and benefit.owner.municipality_id != (
        benefit.project.municipality_id
    ):
        raise ValidationError({"owner": _("Gevinstejeren skal være fra projektets kommune.")})
    if benefit.owner is None and not benefit.owner_name.strip():
        raise ValidationError({"owner": _("Angiv en gevinstejer: en bruger eller et navn.")})
    if benefit.owner is not None and benefit.owner_name.strip():
        raise ValidationError(
            {"owner_name": _("Vælg en bruger eller skriv et navn som gevinstejer, ikke begge.")}
        )
    line = benefit.business_case_line
    if line is not None and line.business_case.project_id != benefit.project_id:
        raise ValidationError({"business_case_line": _("Linjen hører til et andet projekt.")})
    clash = Benefit.objects.filter(project=benefit.project, name=benefit.name)
    if benefit.pk:
        clash = clash.exclude(pk=benefit.pk)
    if clash.exists():
        raise ValidationError({"name": _("Projektet har allerede en gevinst med det navn.")})
    plan_of(benefit)  # a target after the baseline, and a change to measure


@transaction.atomic
def benefit_create(*, user: User, project: Project, name: str, **fields: Any) -> Benefit:
    """A new benefit of the project with its KPI plan (baseline -> target)."""
    require_edit(user, project.municipality)
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"unknown benefit fields: {sorted(unknown)}")
    benefit = Benefit(project=project, name=name.strip(), **fields)
    benefit.full_clean(exclude=["project"])
    _validate(benefit)
    benefit.save()
    # The benefit's box in the map: the map's benefit column is the register.
    BenefitMapNode.objects.create(
        project=project,
        level=MapLevel.BENEFIT,
        label=benefit.name,
        position=BenefitMapNode.objects.filter(project=project, level=MapLevel.BENEFIT).count(),
        benefit=benefit,
    )
    audit_record(
        user=user,
        action=AuditEntry.Action.CREATE,
        instance=benefit,
        municipality=project.municipality,
        after=snapshot(benefit),
    )
    return benefit


@transaction.atomic
def benefit_update(*, user: User, benefit: Benefit, lock_version: int, **changes: Any) -> Benefit:
    require_edit(user, benefit.project.municipality)
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"unknown benefit fields: {sorted(unknown)}")
    updated = locked_update(
        user=user,
        instance=benefit,
        lock_version=lock_version,
        changes=changes,
        check=_validate,
        exclude=["project"],
        audit=partial(audited, municipality=benefit.project.municipality),
    )
    # Its box in the map carries its name (one truth: the register).
    BenefitMapNode.objects.filter(benefit=updated).exclude(label=updated.name).update(
        label=updated.name
    )
    return updated


@transaction.atomic
def benefit_delete(*, user: User, benefit: Benefit) -> None:
    require_edit(user, benefit.project.municipality)
    audit_record(
        user=user,
        action=AuditEntry.Action.DELETE,
        instance=benefit,
        municipality=benefit.project.municipality,
        before=snapshot(benefit),
    )
    benefit.delete()


@transaction.atomic
def benefit_measurement_add(
    *,
    user: User,
    benefit: Benefit,
    value: Decimal,
    measured_on: date,
    note: str = "",
    explanation: str = "",
    today: date | None = None,
    municipality: Municipality | None = None,
) -> Measurement:
    """Record a KPI measurement. Its status follows :data:`realisation.STATUS_RULE`; a
    measurement that puts the benefit off track is refused without an explanation, and one
    dated after ``today`` (the local date) is refused.

    With ``municipality`` it is a participant's own measurement of a joint project's benefit:
    each participant records its own (its part of the benefit is realised by it), and no
    municipality records for another, the lead included. Without, it is the project's (only
    the lead, which owns the project, records it)."""
    if municipality is None:
        require_edit(user, benefit.project.municipality)
    else:
        _require_own_participation(user, benefit.project, municipality)
    realisation.require_past(measured_on, today or timezone.localdate())
    locked = Benefit.objects.select_for_update().get(pk=benefit.pk)
    status = realisation.measurement_status(
        plan_of(locked), realisation.KpiPoint(value, measured_on)
    )
    realisation.require_explanation(status, explanation)
    measurement = Measurement(
        benefit=locked,
        measured_on=measured_on,
        value=value,
        note=note.strip(),
        explanation=explanation.strip(),
        status=status.value,
        created_by=user,
        municipality=municipality,
    )
    measurement.full_clean(exclude=["benefit", "municipality"])
    measurement.save()
    audit_record(
        user=user,
        action=AuditEntry.Action.CREATE,
        instance=measurement,
        municipality=municipality or benefit.project.municipality,
        after=snapshot(measurement),
    )
    return measurement


MSG_OTHER_MUNICIPALITY = gettext_noop(
    "Du kan kun registrere målinger for din egen kommune, ikke for %(municipality)s."
)
MSG_NOT_PARTICIPANT = gettext_noop("%(municipality)s deltager ikke i projektet “%(project)s”.")


def _require_own_participation(user: User, project: Project, municipality: Municipality) -> None:
    if municipality.pk != user.municipality_id:
        raise UserError(MSG_OTHER_MUNICIPALITY, municipality=municipality.name)
    require_edit(user, municipality)
    if not project.participants.filter(municipality=municipality).exists():
        raise UserError(MSG_NOT_PARTICIPANT, municipality=municipality.name, project=project.name)


MSG_WRONG_LINK = gettext_noop(
    "“%(source)s” kan kun pege på elementer i den næste kolonne (%(level)s)."
)
MSG_BENEFIT_IN_REGISTER = gettext_noop(
    "Gevinster oprettes i gevinstregistret med KPI, plan og ejer; derefter står de i "
    "diagrammets kolonne Gevinst."
)
MSG_BENEFIT_STAYS = gettext_noop(
    "“%(name)s” er en registreret gevinst og bliver i kolonnen Gevinst. Slet den i "
    "gevinstregistret, hvis den skal væk."
)


def _check_links(project: Project, level: str, comes_from: Sequence[BenefitMapNode]) -> None:
    index = MAP_LEVELS.index(MapLevel(level))
    for source in comes_from:
        if source.project_id != project.pk or index == 0 or source.level != MAP_LEVELS[index - 1]:
            raise UserError(MSG_WRONG_LINK, source=source.label, level=str(MapLevel(level).label))


@transaction.atomic
def map_node_add(
    *,
    user: User,
    project: Project,
    level: str,
    label: str,
    comes_from: Sequence[BenefitMapNode] = (),
) -> BenefitMapNode:
    """Add a box to the project's benefits map, linked from boxes of the column before it. A
    benefit is not added here: the benefit column shows the registered benefits."""
    require_edit(user, project.municipality)
    if level == MapLevel.BENEFIT:
        raise UserError(MSG_BENEFIT_IN_REGISTER, field="level")
    node = BenefitMapNode(
        project=project,
        level=level,
        label=label.strip(),
        position=BenefitMapNode.objects.filter(project=project, level=level).count(),
    )
    node.full_clean(exclude=["project"])
    _check_links(project, level, comes_from)
    node.save()
    for source in comes_from:
        source.leads_to.add(node)
    audit_record(
        user=user,
        action=AuditEntry.Action.CREATE,
        instance=node,
        municipality=project.municipality,
        after=snapshot(node) | {"comes_from": [source.pk for source in comes_from]},
    )
    return node


@transaction.atomic
def map_node_update(
    *,
    user: User,
    node: BenefitMapNode,
    level: str,
    label: str,
    comes_from: Sequence[BenefitMapNode] | None = None,
) -> BenefitMapNode:
    """Change a box's text, column or incoming links (``comes_from``, None keeps them). A box
    moved to another column loses its links, since a link may only run to the next column; the
    audit entry keeps the links it had. A benefit's box stays in the benefit column, and a new
    text renames the registered benefit."""
    project = node.project
    require_edit(user, project.municipality)
    current = BenefitMapNode.objects.select_for_update().get(pk=node.pk)
    if current.benefit_id is not None:
        if level != MapLevel.BENEFIT:
            raise UserError(MSG_BENEFIT_STAYS, name=current.label, field="level")
        benefit = Benefit.objects.select_related("project").get(pk=current.benefit_id)
        if label.strip() != benefit.name:
            benefit_update(
                user=user, benefit=benefit, lock_version=benefit.lock_version, name=label.strip()
            )
            current.refresh_from_db()
    elif level == MapLevel.BENEFIT:
        raise UserError(MSG_BENEFIT_IN_REGISTER, field="level")
    before = snapshot(current) | _links(current)
    moved = current.level != level
    current.level = level
    current.label = label.strip()
    current.full_clean(exclude=["project", "benefit"])
    if moved:
        current.position = BenefitMapNode.objects.filter(project=project, level=level).count()
    if comes_from is not None and not moved:
        _check_links(project, level, comes_from)
    current.save()
    if moved:
        current.leads_to.clear()
        current.comes_from.clear()
    elif comes_from is not None:
        current.comes_from.set(comes_from)
    audit_record(
        user=user,
        action=AuditEntry.Action.UPDATE,
        instance=current,
        municipality=project.municipality,
        before=before,
        after=snapshot(current) | _links(current),
    )
    return current


def _links(node: BenefitMapNode) -> dict[str, list[int]]:
    return {
        "leads_to": sorted(node.leads_to.values_list("pk", flat=True)),
        "comes_from": sorted(node.comes_from.values_list("pk", flat=True)),
    }


@transaction.atomic
def map_node_delete(*, user: User, node: BenefitMapNode) -> None:
    project = node.project
    require_edit(user, project.municipality)
    if node.benefit_id is not None:
        raise UserError(MSG_BENEFIT_STAYS, name=node.label)
    audit_record(
        user=user,
        action=AuditEntry.Action.DELETE,
        instance=node,
        municipality=project.municipality,
        before=snapshot(node),
    )
    node.delete()


MSG_MEASUREMENT_DUE = gettext_noop(
    "Gevinsten “%(benefit)s” i projektet “%(project)s” skal måles: næste måling var planlagt "
    "til %(due)s."
)


@transaction.atomic
def measurement_reminders_send(*, today: date) -> int:
    """Remind each benefit owner who is a user that a measurement is due (by the benefit's
    schedule, see :func:`realisation.measurement_due`); returns how many were reminded.

    Idempotent per due date: ``Benefit.reminded_for`` keeps the due date last reminded of, so a
    second run on the same or a later day sends nothing until a new measurement moves the due
    date on. Owners named without a user account get no reminder (there is no one to send to).
    """
    sent = 0
    benefits = (
        Benefit.objects.filter(owner__isnull=False, owner__is_active=True)
        .select_related("owner", "project")
        .prefetch_related("measurements")
        .select_for_update(of=("self",))
        .order_by("pk")
    )
    for benefit in benefits:
        measured = [m.measured_on for m in benefit.measurements.all()]
        due = realisation.next_measurement_on(
            benefit.schedule,
            benefit.baseline_date,
            max(measured) if measured else None,
            benefit.target_date,
        )
        if due is None or due > today or benefit.reminded_for == due:
            continue
        assert benefit.owner is not None  # filtered above
        notify(
            recipients=[benefit.owner],
            kind="benefits.measurement_due",
            message=MSG_MEASUREMENT_DUE,
            params={
                "benefit": benefit.name,
                "project": benefit.project.name,
                "due": short_date(due),
            },
            url=reverse("benefits:benefit_register", args=[benefit.project_id])
            + f"#benefit-{benefit.pk}",
        )
        Benefit.objects.filter(pk=benefit.pk).update(reminded_for=due)
        sent += 1
    return sent
