"""Every read of business cases, on behalf of an acting user.

A business case is read through its project, so it is visible exactly where the project is
(:func:`procesbank.projects.selectors.access_project`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import QuerySet
from django.utils.translation import gettext

from procesbank.core.errors import UserError, gettext_noop
from procesbank.economics.engine import npv, statemodel
from procesbank.economics.models import (
    BusinessCase,
    BusinessCaseLine,
    DiscountRate,
    RiskLogEntry,
    RiskMethod,
)
from procesbank.kit.access import access_or_404
from procesbank.organisations.models import User
from procesbank.processes.models import ProcessVersion
from procesbank.processes.selectors import version_comparison_as_seen, version_metrics
from procesbank.projects.models import Project
from procesbank.projects.selectors import access_project, access_project_for_edit

MSG_VERSION_NOT_SHARED = gettext_noop(
    "Linjen '%(line)s' er beregnet ud fra en anden kommunes proces, som ikke længere er delt "
    "med jer. Slet linjen, eller indtast gevinsten selv."
)
MSG_VERSION_GONE = gettext_noop(
    "Linjen '%(line)s' er beregnet ud fra en procesversion, der er slettet. Slet linjen, og "
    "opret den igen ud fra projektets processer."
)

TIME_SAVING_NAME = gettext_noop("Frigjort sagsbehandlertid")


@dataclass(frozen=True)
class LineView:
    """A line as the page shows it: the row, its amounts used (DKK per year) and, for a
    generated line, the hours saved per year that it was computed from."""

    row: BusinessCaseLine
    line: npv.Line
    hours_saved: Decimal | None = None
    # A generated line's versions without measurements: its hours are 0 for that reason.
    unmeasured: tuple[ProcessVersion, ...] = ()


@dataclass(frozen=True)
class CaseResult:
    """A business case with its lines, the discount rate used and the evaluation (or the
    error that stopped it)."""

    case: BusinessCase
    lines: tuple[LineView, ...]
    rate: Decimal | None
    evaluation: npv.Evaluation | None
    error: str | None
    later_rate: Decimal | None = None
    risks: tuple[RiskLogEntry, ...] = ()
    # Ids of the risks in the risk pool (the 12 largest by expected value).
    pooled_risk_ids: frozenset[int] = frozenset()


def discount_rate_list() -> QuerySet[DiscountRate]:
    return DiscountRate.objects.select_related("created_by").order_by("-valid_from")


def rate_for(
    case: BusinessCase, rates: Sequence[DiscountRate] | None = None
) -> npv.DiscountSchedule:
    """The case's chosen rate, else the one in force on 1 January of its first year (split
    when the rate has a rate from year 36)."""
    if case.discount_rate is not None:
        return npv.DiscountSchedule(case.discount_rate.rate, case.discount_rate.later_rate)
    table = list(discount_rate_list()) if rates is None else rates
    dated = [npv.DatedRate(rate.valid_from, rate.rate, rate.later_rate) for rate in table]
    return npv.schedule_in_force(date(case.first_year, 1, 1), dated or npv.FINANSMINISTERIET_RATES)


def risk_log(case: BusinessCase) -> list[RiskLogEntry]:
    """The risk log of a case the caller has already read through :func:`business_case_for`."""
    return list(case.risks.all())


def risk_of(entry: RiskLogEntry) -> npv.Risk:
    """The :class:`npv.Risk` of a stored risk: probability a share, consequence DKK."""
    return npv.Risk(entry.name, entry.probability / 100, entry.consequence)


def access_risk(*, user: User, risk_id: int) -> RiskLogEntry:
    """A risk of a business case whose project the user may change; 404/403 otherwise."""
    entry = access_or_404(RiskLogEntry.objects.select_related("business_case"), pk=risk_id)
    access_project_for_edit(user=user, project_id=entry.business_case.project_id)
    return entry


def business_case_for(*, user: User, project_id: int) -> tuple[Project, BusinessCase | None]:
    """The project the user may read and its business case (None before one is made)."""
    project = access_project(user=user, project_id=project_id)
    return project, _case_of(project)


def business_case_for_edit(*, user: User, project_id: int) -> tuple[Project, BusinessCase | None]:
    project = access_project_for_edit(user=user, project_id=project_id)
    return project, _case_of(project)


def _case_of(project: Project) -> BusinessCase | None:
    return (
        BusinessCase.objects.select_related("discount_rate", "updated_by", "project__municipality")
        .filter(project=project)
        .first()
    )


def access_line(*, user: User, line_id: int, for_edit: bool = True) -> BusinessCaseLine:
    """A line of a business case whose project the user may change (or, with ``for_edit``
    False, read); 404/403 otherwise."""
    lines = BusinessCaseLine.objects.select_related("business_case__project")
    line = access_or_404(lines, pk=line_id)
    access = access_project_for_edit if for_edit else access_project
    access(user=user, project_id=line.business_case.project_id)
    return line


def line_rows(case: BusinessCase) -> list[BusinessCaseLine]:
    return list(
        case.lines.select_related(
            "business_case__project__municipality",
            "as_is_version__process__municipality",
            "to_be_version__process__municipality",
        ).all()
    )


def decimals(values: Sequence[object]) -> tuple[Decimal, ...]:
    return tuple(Decimal(str(value)) for value in values)


def ramp_up_for(ramp_up: Sequence[object], horizon: int) -> tuple[Decimal, ...]:
    """The ramp-up shares for ``horizon`` years: as given, the missing years at full effect."""
    shares = decimals(ramp_up)[:horizon]
    return shares + (Decimal(1),) * (horizon - len(shares))


def hours_saved(row: BusinessCaseLine) -> Decimal:
    """Hours per year the to-be version saves against the as-is version (may be negative)."""
    if row.as_is_version is None or row.to_be_version is None:
        raise UserError(MSG_VERSION_GONE, line=row.name)
    # Through the case's municipality's access: a process another municipality took back is
    # computed from the copy it shared, never from its private model (issue 12).
    diff = version_comparison_as_seen(
        municipality=row.business_case.project.municipality,
        before=row.as_is_version,
        after=row.to_be_version,
    )
    if diff is None:
        raise UserError(MSG_VERSION_NOT_SHARED, line=row.name)
    return Decimal(str(round(diff.hours_saved_per_year, 4)))


def to_line(row: BusinessCaseLine, horizon: int) -> LineView:
    """The :class:`npv.Line` of a stored line; a generated line is computed from its processes
    now, so it follows every change of the process versions."""
    category = npv.Category(row.category)
    risk = row.risk_share
    if row.is_generated:
        hours = hours_saved(row)
        line = npv.time_saving_benefit(
            row.name,
            hours,
            row.hourly_rate or Decimal(0),
            ramp_up_for(row.ramp_up, horizon),
            category=category,
            risk_share=risk,
        )
        # Named only when the case's municipality may still see the version (its own, or one
        # still shared): a withdrawn share is computed from its copy and not named here.
        owner = row.business_case.project.municipality_id
        unmeasured = tuple(
            version
            for version in (row.as_is_version, row.to_be_version)
            if version is not None
            and (version.process.municipality_id == owner or version.process.visibility != "own")
            and not version_metrics(version=version).minutes_per_case
        )
        return LineView(row, line, hours, unmeasured)
    amounts: tuple[Decimal, ...] | npv.ThreePoint
    if category is npv.Category.NON_ECONOMIC:
        amounts = ()
    elif row.is_three_point:
        amounts = npv.ThreePoint(decimals(row.minimum), decimals(row.likely), decimals(row.maximum))
    else:
        amounts = decimals(row.likely)
    return LineView(row, npv.Line(row.name, npv.Kind(row.kind), amounts, category, risk))


def business_case_result(*, case: BusinessCase) -> CaseResult:
    """Evaluate the case with npv.evaluate; a user error is returned for the page to show."""
    views: list[LineView] = []
    entries = tuple(risk_log(case))
    try:
        schedule = rate_for(case)
    except UserError as error:
        return CaseResult(case, (), None, None, error.render(gettext), risks=entries)
    uses_pool = case.risk_method == RiskMethod.RISK_LOG
    risks = [risk_of(entry) for entry in entries]
    pooled = {id(risk) for risk in npv.pool_risks(risks)} if uses_pool else set()
    pooled_ids = frozenset(
        entry.pk for entry, risk in zip(entries, risks, strict=True) if id(risk) in pooled
    )
    rate, later = schedule.rate, schedule.later_rate
    try:
        for row in line_rows(case):
            views.append(to_line(row, case.horizon))
        evaluation = npv.evaluate(
            case.first_year,
            schedule,
            [view.line for view in views],
            risk_share=case.risk_share,
            risks=risks if uses_pool else None,
        )
    except UserError as error:
        return CaseResult(
            case, tuple(views), rate, None, error.render(gettext), later, entries, pooled_ids
        )
    return CaseResult(case, tuple(views), rate, evaluation, None, later, entries, pooled_ids)


@dataclass(frozen=True)
class StateModelView:
    """The state IT project model for a case: its total cost (DKK, undiscounted, before risk),
    the phases with their documents, and which documents the system itself can vouch for."""

    total_cost: Decimal | None
    phases: tuple[statemodel.PhaseChecklist, ...]
    present: frozenset[statemodel.Document]


def state_model_checklist(project_phase: str, result: CaseResult) -> StateModelView:
    """The document checklist of the state IT project model with the thresholds applied to the
    case's total cost; without an evaluation no document counts as required by cost."""
    evaluation = result.evaluation
    total = (
        sum((row.costs for row in evaluation.unadjusted.years), Decimal(0))
        if evaluation is not None
        else None
    )
    present = {statemodel.Document.BUSINESS_CASE} if result.case.approved else set()
    if result.risks:
        present.add(statemodel.Document.RISK_LOG)
    return StateModelView(
        total,
        statemodel.checklist(project_phase, total or Decimal(0)),
        frozenset(present),
    )
