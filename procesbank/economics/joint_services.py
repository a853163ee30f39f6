"""Writes of a joint project's split business case (issue 15): how a line is split, and the
participants' local lines. One transaction each, a permission check and an audit entry."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

from django.db import transaction

from procesbank.core.errors import UserError, gettext_noop
from procesbank.economics.engine import npv
from procesbank.economics.joint_selectors import local_line
from procesbank.economics.models import (
    BusinessCase,
    BusinessCaseLine,
    LineSplit,
    LocalLine,
    SplitKey,
)
from procesbank.organisations.audit import audit_record, snapshot
from procesbank.organisations.models import AuditEntry, User
from procesbank.organisations.permissions import require_edit
from procesbank.projects.engine import split
from procesbank.projects.models import ProjectParticipant

MSG_NOT_PARTICIPANT = gettext_noop("Din kommune deltager ikke i projektet.")
MSG_LOCAL_LENGTH = gettext_noop(
    "Linjen '%(line)s' har %(got)s beløb, men business casen har %(expected)s år."
)
MSG_GENERATED_AMOUNTS = gettext_noop(
    "Linjen '%(line)s' beregnes ud fra processerne og kan ikke fordeles med beløb pr. kommune."
)


@transaction.atomic
def line_split_set(
    *,
    user: User,
    line: BusinessCaseLine,
    key: str,
    amounts: Mapping[int, Sequence[Decimal]] | None = None,
) -> LineSplit:
    """Choose how a joint line is split: by population, cases, seats, fixed shares, or by
    amounts per municipality (``amounts``: municipality id -> DKK per year), which must add up
    to the line's amounts in every year. Only the lead municipality decides it."""
    case = line.business_case
    require_edit(user, case.project.municipality)
    participants = ProjectParticipant.objects.filter(project=case.project).select_related(
        "municipality"
    )
    stored: dict[str, list[str]] = {}
    if key == SplitKey.AMOUNTS:
        if line.is_generated:
            raise UserError(MSG_GENERATED_AMOUNTS, line=line.name)
        given = amounts or {}
        likely = tuple(Decimal(str(value)) for value in line.likely)
        by_name = {
            p.municipality.name: tuple(given.get(p.municipality_id, (Decimal(0),) * len(likely)))
            for p in participants
        }
        split.check_amounts_key(line.name, likely, by_name)
        stored = {
            str(p.municipality_id): [str(v) for v in by_name[p.municipality.name]]
            for p in participants
        }
    row = LineSplit.objects.select_for_update().filter(line=line).first()
    before = snapshot(row) if row else None
    row = row or LineSplit(line=line)
    row.key = key
    row.amounts = stored
    row.full_clean(exclude=["line"])
    row.save()
    audit_record(
        user=user,
        action=AuditEntry.Action.UPDATE if before else AuditEntry.Action.CREATE,
        instance=row,
        municipality=case.project.municipality,
        before=before,
        after=snapshot(row),
    )
    return row


@transaction.atomic
def local_line_add(
    *,
    user: User,
    case: BusinessCase,
    kind: str,
    category: str,
    name: str,
    amounts: Sequence[Decimal],
) -> LocalLine:
    """Add a local line (DKK per year, one amount per year of the case) to the acting user's
    municipality's own case in a joint project; it counts and shows only for it and the lead."""
    if user.municipality is None:
        raise UserError(MSG_NOT_PARTICIPANT)
    require_edit(user, user.municipality)
    if not ProjectParticipant.objects.filter(
        project=case.project, municipality=user.municipality
    ).exists():
        raise UserError(MSG_NOT_PARTICIPANT)
    row = LocalLine(
        business_case=case,
        municipality=user.municipality,
        kind=kind,
        category=category,
        name=name.strip(),
        amounts=[str(value) for value in amounts],
    )
    row.full_clean(exclude=["business_case", "municipality"])
    if row.category != npv.Category.NON_ECONOMIC and len(row.amounts) != case.horizon:
        raise UserError(
            MSG_LOCAL_LENGTH, line=row.name, got=len(row.amounts), expected=case.horizon
        )
    npv.evaluate(case.first_year, Decimal(0), [local_line(row)])
    row.save()
    audit_record(
        user=user,
        action=AuditEntry.Action.CREATE,
        instance=row,
        municipality=user.municipality,
        after=snapshot(row),
    )
    return row


@transaction.atomic
def local_line_delete(*, user: User, line: LocalLine) -> None:
    require_edit(user, line.municipality)
    if line.municipality_id != user.municipality_id:
        raise UserError(MSG_NOT_PARTICIPANT)
    audit_record(
        user=user,
        action=AuditEntry.Action.DELETE,
        instance=line,
        municipality=line.municipality,
        before=snapshot(line),
    )
    line.delete()
