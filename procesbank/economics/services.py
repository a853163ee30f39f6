"""Every write to business cases: one transaction, a permission check, an audit entry.

Every change of a case or its lines moves the case's ``lock_version`` on; a form loaded
before someone else's change is refused instead of silently overwriting it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from procesbank.core.errors import UserError, gettext_noop
from procesbank.economics.engine import npv
from procesbank.economics.models import (
    BusinessCase,
    BusinessCaseLine,
    DiscountRate,
    RiskLogEntry,
    RiskMethod,
)
from procesbank.economics.selectors import TIME_SAVING_NAME, hours_saved, to_line
from procesbank.kit.locking import claim_version, locked_update
from procesbank.organisations.audit import audit_record, audited, snapshot
from procesbank.organisations.models import AuditEntry, User
from procesbank.organisations.permissions import Action, can, require_edit
from procesbank.processes.models import ProcessVersion
from procesbank.projects.models import Project

MSG_LENGTH = gettext_noop(
    "Linjen '%(line)s' har %(got)s beløb, men business casen har %(expected)s år"
)
MSG_RAMP_UP_LENGTH = gettext_noop(
    "Indfasningen har %(got)s andele, men business casen har kun %(expected)s år."
)
MSG_NOT_SAME_PROCESS = gettext_noop(
    "Som-er- og skal-være-versionen skal være to versioner af samme proces."
)
MSG_NO_PROCESSES = gettext_noop(
    "Vælg først projektets som-er- og skal-være-proces på projektsiden."
)


def _audit(user: User, action: str, instance: object, case: BusinessCase, **states: object) -> None:
    audit_record(
        user=user,
        action=action,
        instance=instance,  # type: ignore[arg-type]
        municipality=case.project.municipality,
        **states,  # type: ignore[arg-type]
    )


@transaction.atomic
def business_case_save(
    *,
    user: User,
    project: Project,
    first_year: int,
    horizon: int,
    risk_share: Decimal = Decimal(0),
    discount_rate: DiscountRate | None = None,
    lock_version: int | None = None,
    risk_method: str = RiskMethod.SHARE,
) -> BusinessCase:
    """Create the project's business case, or change its frame (first year, years, risk,
    rate, risk method). Shortening or lengthening the case cuts or pads every line's amounts
    (with 0)."""
    require_edit(user, project.municipality)
    frame = {
        "first_year": first_year,
        "horizon": horizon,
        "risk_share": risk_share,
        "discount_rate": discount_rate,
        "risk_method": risk_method,
    }
    existing = BusinessCase.objects.filter(project=project).first()
    if existing is None:
        case = BusinessCase(project=project, updated_by=user, **frame)
        case.full_clean(exclude=["project"])
        case.save()
        _audit(user, AuditEntry.Action.CREATE, case, case, after=snapshot(case))
        return case
    case = locked_update(
        user=user,
        instance=existing,
        lock_version=lock_version if lock_version is not None else -1,
        changes=frame,
        exclude=["project"],
        audit=partial(audited, municipality=project.municipality),
    )
    for line in case.lines.exclude(hourly_rate__isnull=False):
        for field in ("likely", "minimum", "maximum"):
            amounts = getattr(line, field)
            if amounts:
                setattr(line, field, (amounts + ["0"] * horizon)[:horizon])
        line.save()
    return case


def _next_position(case: BusinessCase) -> int:
    return (case.lines.aggregate(top=Max("position"))["top"] or 0) + 1


def _as_strings(values: Sequence[Decimal]) -> list[str]:
    return [str(value) for value in values]


@transaction.atomic
def business_case_line_add(
    *,
    user: User,
    case: BusinessCase,
    lock_version: int,
    kind: str,
    category: str,
    name: str,
    likely: Sequence[Decimal],
    minimum: Sequence[Decimal] = (),
    maximum: Sequence[Decimal] = (),
    risk_share: Decimal | None = None,
) -> BusinessCaseLine:
    """Add a cost or benefit line; amounts in DKK per year, one per year of the case.

    Give ``minimum`` and ``maximum`` too for a three-point estimate. The line is checked by
    :func:`npv.evaluate` itself, so the page and the API refuse with the same messages.
    """
    require_edit(user, case.project.municipality)
    current = claim_version(user=user, instance=case, version=lock_version)
    row = BusinessCaseLine(
        business_case=current,
        kind=kind,
        category=category,
        name=name.strip(),
        likely=_as_strings(likely),
        minimum=_as_strings(minimum) if minimum and maximum else [],
        maximum=_as_strings(maximum) if minimum and maximum else [],
        risk_share=risk_share,
        position=_next_position(current),
    )
    _check_line(row, current)
    row.save()
    _audit(user, AuditEntry.Action.CREATE, row, current, after=snapshot(row))
    return row


def _check_line(row: BusinessCaseLine, case: BusinessCase) -> None:
    """Refuse a line the case cannot evaluate, with :func:`npv.evaluate`'s own messages."""
    row.full_clean(exclude=["business_case"])
    if not row.is_generated and row.category != npv.Category.NON_ECONOMIC:
        for amounts in (row.likely, row.minimum, row.maximum):
            if amounts and len(amounts) != case.horizon:
                raise UserError(MSG_LENGTH, line=row.name, got=len(amounts), expected=case.horizon)
    # Any length the model allows; the case's own rate may still refuse it when shown.
    anything = npv.DiscountSchedule(Decimal(0), Decimal(0))
    npv.evaluate(case.first_year, anything, [to_line(row, case.horizon).line])


@transaction.atomic
def business_case_line_update(
    *,
    user: User,
    line: BusinessCaseLine,
    lock_version: int,
    kind: str,
    category: str,
    name: str,
    likely: Sequence[Decimal] = (),
    minimum: Sequence[Decimal] = (),
    maximum: Sequence[Decimal] = (),
    risk_share: Decimal | None = None,
) -> BusinessCaseLine:
    """Change a line in place: name, type, category, amounts (DKK per year, three-point when
    ``minimum`` and ``maximum`` are given) and risk. A generated line keeps its amounts,
    since they are computed from its processes, and stays a benefit; only its name, category
    and risk change."""
    case = line.business_case
    require_edit(user, case.project.municipality)
    current = claim_version(user=user, instance=case, version=lock_version)
    row = BusinessCaseLine.objects.select_for_update().get(pk=line.pk, business_case=current)
    before = snapshot(row)
    row.name = name.strip()
    row.category = category
    row.risk_share = risk_share
    if not row.is_generated:
        three_point = bool(minimum) and bool(maximum)
        row.kind = kind
        row.likely = _as_strings(likely)
        row.minimum = _as_strings(minimum) if three_point else []
        row.maximum = _as_strings(maximum) if three_point else []
    _check_line(row, current)
    row.save()
    _audit(user, AuditEntry.Action.UPDATE, row, current, before=before, after=snapshot(row))
    return row


@transaction.atomic
def business_case_time_saving_add(
    *,
    user: User,
    case: BusinessCase,
    lock_version: int,
    as_is_version: ProcessVersion | None,
    to_be_version: ProcessVersion | None,
    hourly_rate: Decimal,
    ramp_up: Sequence[Decimal] = (),
    name: str = "",
    category: str = npv.Category.NOT_BUDGET_RELEVANT,
    risk_share: Decimal | None = None,
) -> BusinessCaseLine:
    """Add the generated benefit line "Frigjort sagsbehandlertid": hours saved per year
    (to-be against as-is) x hourly rate (DKK) x ramp-up share per year. The hours are read
    from the processes whenever the case is shown, so the line follows their changes."""
    require_edit(user, case.project.municipality)
    if as_is_version is None or to_be_version is None:
        raise UserError(MSG_NO_PROCESSES)
    if as_is_version.process_id != to_be_version.process_id:
        raise UserError(MSG_NOT_SAME_PROCESS)
    current = claim_version(user=user, instance=case, version=lock_version)
    if len(ramp_up) > current.horizon:
        raise UserError(MSG_RAMP_UP_LENGTH, got=len(ramp_up), expected=current.horizon)
    row = BusinessCaseLine(
        business_case=current,
        kind=npv.Kind.BENEFIT,
        category=category,
        name=(name.strip() or _(TIME_SAVING_NAME))[:200],
        as_is_version=as_is_version,
        to_be_version=to_be_version,
        hourly_rate=hourly_rate,
        ramp_up=_as_strings(ramp_up),
        risk_share=risk_share,
        position=_next_position(current),
    )
    hours_saved(row)  # the processes must be computable now
    _check_line(row, current)
    row.save()
    _audit(user, AuditEntry.Action.CREATE, row, current, after=snapshot(row))
    return row


@transaction.atomic
def business_case_line_delete(*, user: User, line: BusinessCaseLine, lock_version: int) -> None:
    case = line.business_case
    require_edit(user, case.project.municipality)
    current = claim_version(user=user, instance=case, version=lock_version)
    _audit(user, AuditEntry.Action.DELETE, line, current, before=snapshot(line))
    line.delete()


@transaction.atomic
def business_case_approve(
    *, user: User, case: BusinessCase, lock_version: int, approved: bool
) -> BusinessCase:
    """Mark the case approved (a gate of the project model) or take the approval back."""
    require_edit(user, case.project.municipality)
    return locked_update(
        user=user,
        instance=case,
        lock_version=lock_version,
        changes={"approved": approved},
        exclude=["project"],
        audit=partial(audited, municipality=case.project.municipality),
    )


@transaction.atomic
def discount_rate_add(
    *,
    user: User,
    valid_from: date,
    rate: Decimal,
    note: str = "",
    later_rate: Decimal | None = None,
) -> DiscountRate:
    """A new dated discount rate (a share; ``later_rate`` from year 36 on, when split); only
    the collaboration's administrator sets it."""
    if not can(user, Action.ADMINISTER_COLLABORATION):
        raise PermissionDenied
    if DiscountRate.objects.filter(valid_from=valid_from).exists():
        raise ValidationError(
            {"valid_from": _("Der findes allerede en rente, der gælder fra den dato.")}
        )
    entry = DiscountRate(
        valid_from=valid_from,
        rate=rate,
        later_rate=later_rate,
        note=note.strip(),
        created_by=user,
    )
    entry.full_clean()
    entry.save()
    audit_record(
        user=user,
        action=AuditEntry.Action.CREATE,
        instance=entry,
        municipality=user.municipality,
        after=snapshot(entry),
    )
    return entry


# --- The risk log (statens business case-model) ------------------------------------------


def _risk_fields(
    entry: RiskLogEntry,
    name: str,
    probability: Decimal,
    consequence: Decimal,
    owner: str,
    action: str,
) -> None:
    entry.name = name.strip()
    entry.probability = probability
    entry.consequence = consequence
    entry.owner = owner.strip()
    entry.action = action.strip()
    npv.checked_risk(entry.name, probability, consequence)
    entry.full_clean(exclude=["business_case"])


@transaction.atomic
def risk_add(
    *,
    user: User,
    case: BusinessCase,
    lock_version: int,
    name: str,
    probability: Decimal,
    consequence: Decimal,
    owner: str = "",
    action: str = "",
) -> RiskLogEntry:
    """Add a risk to the case's risk log: probability in percent (0-100), consequence DKK."""
    require_edit(user, case.project.municipality)
    current = claim_version(user=user, instance=case, version=lock_version)
    top = current.risks.aggregate(top=Max("position"))["top"] or 0
    entry = RiskLogEntry(business_case=current, position=top + 1)
    _risk_fields(entry, name, probability, consequence, owner, action)
    entry.save()
    _audit(user, AuditEntry.Action.CREATE, entry, current, after=snapshot(entry))
    return entry


@transaction.atomic
def risk_update(
    *,
    user: User,
    risk: RiskLogEntry,
    lock_version: int,
    name: str,
    probability: Decimal,
    consequence: Decimal,
    owner: str = "",
    action: str = "",
) -> RiskLogEntry:
    """Change a risk of the log; the case's ``lock_version`` guards against a stale form."""
    case = risk.business_case
    require_edit(user, case.project.municipality)
    current = claim_version(user=user, instance=case, version=lock_version)
    entry = RiskLogEntry.objects.select_for_update().get(pk=risk.pk, business_case=current)
    before = snapshot(entry)
    _risk_fields(entry, name, probability, consequence, owner, action)
    entry.save()
    _audit(user, AuditEntry.Action.UPDATE, entry, current, before=before, after=snapshot(entry))
    return entry


@transaction.atomic
def risk_delete(*, user: User, risk: RiskLogEntry, lock_version: int) -> None:
    case = risk.business_case
    require_edit(user, case.project.municipality)
    current = claim_version(user=user, instance=case, version=lock_version)
    _audit(user, AuditEntry.Action.DELETE, risk, current, before=snapshot(risk))
    risk.delete()


# --- Importing an edited workbook ---------------------------------------------------------

MSG_IMPORT_UNKNOWN_LINE = gettext_noop(
    "Projektmappen har en linje med id %(id)s, som ikke findes i business casen (er den "
    "slettet?). Hent business casen som Excel igen."
)
MSG_IMPORT_NO_CHANGES = gettext_noop("Projektmappen ændrer ingen beløb.")


@dataclass(frozen=True)
class LineChange:
    """The amounts (DKK per year) of a line before and after an import, by field."""

    row: BusinessCaseLine
    likely: list[Decimal]
    minimum: list[Decimal]
    maximum: list[Decimal]

    @property
    def three_point(self) -> bool:
        return self.minimum != self.likely or self.maximum != self.likely


def workbook_changes(
    *, case: BusinessCase, amounts: dict[int, dict[str, list[Decimal]]]
) -> list[LineChange]:
    """The lines whose amounts the workbook changes, each checked as a line edit would be
    (nothing is saved). Generated and non-economic lines keep theirs. Raises UserError."""
    rows = {row.pk: row for row in case.lines.all()}
    changes = []
    for line_id, fields in amounts.items():
        row = rows.get(line_id)
        if row is None:
            raise UserError(MSG_IMPORT_UNKNOWN_LINE, id=line_id)
        if row.is_generated or row.category == npv.Category.NON_ECONOMIC:
            continue
        change = LineChange(row, fields["likely"], fields["min"], fields["max"])
        stored = [Decimal(str(value)) for value in row.likely]
        low = [Decimal(str(value)) for value in row.minimum] or stored
        high = [Decimal(str(value)) for value in row.maximum] or stored
        if (change.likely, change.minimum, change.maximum) == (stored, low, high):
            continue
        _check_line(_changed_row(row, change), case)
        changes.append(change)
    return changes


def _changed_row(row: BusinessCaseLine, change: LineChange) -> BusinessCaseLine:
    copy = BusinessCaseLine.objects.get(pk=row.pk)
    copy.likely = _as_strings(change.likely)
    copy.minimum = _as_strings(change.minimum) if change.three_point else []
    copy.maximum = _as_strings(change.maximum) if change.three_point else []
    return copy


@transaction.atomic
def business_case_workbook_import(
    *,
    user: User,
    case: BusinessCase,
    lock_version: int,
    amounts: dict[int, dict[str, list[Decimal]]],
) -> int:
    """Save the amounts of an edited workbook as new line values, all or nothing. The
    workbook carries the case's version from its export: a case changed since is refused
    (stale), so an old workbook never overwrites newer figures. Returns the lines changed."""
    require_edit(user, case.project.municipality)
    current = claim_version(user=user, instance=case, version=lock_version)
    changes = workbook_changes(case=current, amounts=amounts)
    if not changes:
        raise UserError(MSG_IMPORT_NO_CHANGES)
    for change in changes:
        row = _changed_row(change.row, change)
        before = snapshot(change.row)
        row.save()
        _audit(user, AuditEntry.Action.UPDATE, row, current, before=before, after=snapshot(row))
    return len(changes)
