"""Every write to benefits: one transaction, a permission check, an audit entry."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from functools import partial
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from procesbank.benefits.engine import realisation
from procesbank.benefits.models import MAP_LEVELS, Benefit, BenefitMapNode, MapLevel, Measurement
from procesbank.benefits.selectors import plan_of
from procesbank.core.errors import UserError, gettext_noop
from procesbank.kit.locking import locked_update
from procesbank.organisations.audit import audit_record, audited, snapshot
from procesbank.organisations.models import AuditEntry, User
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
    return locked_update(
        user=user,
        instance=benefit,
        lock_version=lock_version,
        changes=changes,
        check=_validate,
        exclude=["project"],
        audit=partial(audited, municipality=benefit.project.municipality),
    )


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
) -> Measurement:
    """Record a KPI measurement. Its status follows :data:`realisation.STATUS_RULE`; a
    measurement that puts the benefit off track is refused without an explanation."""
    require_edit(user, benefit.project.municipality)
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
    )
    measurement.full_clean(exclude=["benefit"])
    measurement.save()
    audit_record(
        user=user,
        action=AuditEntry.Action.CREATE,
        instance=measurement,
        municipality=benefit.project.municipality,
        after=snapshot(measurement),
    )
    return measurement


MSG_WRONG_LINK = gettext_noop(
    "“%(source)s” kan kun pege på elementer i den næste kolonne (%(level)s)."
)


@transaction.atomic
def map_node_add(
    *,
    user: User,
    project: Project,
    level: str,
    label: str,
    comes_from: Sequence[BenefitMapNode] = (),
) -> BenefitMapNode:
    """Add a box to the project's benefits map, linked from boxes of the column before it."""
    require_edit(user, project.municipality)
    node = BenefitMapNode(
        project=project,
        level=level,
        label=label.strip(),
        position=BenefitMapNode.objects.filter(project=project, level=level).count(),
    )
    node.full_clean(exclude=["project"])
    index = MAP_LEVELS.index(MapLevel(level))
    for source in comes_from:
        if source.project_id != project.pk or index == 0 or source.level != MAP_LEVELS[index - 1]:
            raise UserError(MSG_WRONG_LINK, source=source.label, level=str(MapLevel(level).label))
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
def map_node_update(*, user: User, node: BenefitMapNode, level: str, label: str) -> BenefitMapNode:
    """Change a box's text or column. A box moved to another column loses its links, since
    a link may only run to the next column; the audit entry keeps the links it had."""
    project = node.project
    require_edit(user, project.municipality)
    current = BenefitMapNode.objects.select_for_update().get(pk=node.pk)
    before = snapshot(current) | _links(current)
    moved = current.level != level
    current.level = level
    current.label = label.strip()
    current.full_clean(exclude=["project"])
    if moved:
        current.position = BenefitMapNode.objects.filter(project=project, level=level).count()
    current.save()
    if moved:
        current.leads_to.clear()
        current.comes_from.clear()
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
    audit_record(
        user=user,
        action=AuditEntry.Action.DELETE,
        instance=node,
        municipality=project.municipality,
        before=snapshot(node),
    )
    node.delete()
