"""Reads of a joint project's split business case (issue 15), on behalf of an acting user.

The joint case is the project's ordinary business case. Each participant's own case is every
joint line split by the line's key (:mod:`procesbank.projects.engine.split`) plus the
participant's local lines. Who sees what: every participant reads the joint case and its own
case; the lead municipality reads every participant's case; a participant never sees another
participant's local lines, nor its case (which would give them away).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.utils.translation import gettext

from procesbank.core.errors import UserError
from procesbank.economics.engine import npv
from procesbank.economics.models import BusinessCase, LineSplit, LocalLine, SplitKey
from procesbank.economics.selectors import (
    CaseResult,
    LineView,
    _case_of,
    business_case_result,
    decimals,
)
from procesbank.kit.access import access_or_404
from procesbank.organisations.models import User
from procesbank.organisations.permissions import require_edit
from procesbank.projects.engine import split
from procesbank.projects.models import Project, ProjectParticipant
from procesbank.projects.selectors import (
    access_project,
    is_lead,
    participant_list,
    participant_parts,
    participant_weights,
)


@dataclass(frozen=True)
class SplitLine:
    """A joint line and the participant's part of it (DKK per year, expected amounts)."""

    name: str
    kind: str
    key: str
    amounts: tuple[Decimal, ...]

    @property
    def key_label(self) -> str:
        return str(dict(SplitKey.choices)[self.key])


@dataclass(frozen=True)
class ParticipantCase:
    participant: ProjectParticipant
    population_share: Fraction
    split_lines: tuple[SplitLine, ...]
    local_lines: tuple[LocalLine, ...]
    evaluation: npv.Evaluation | None
    error: str | None

    @property
    def population_percent(self) -> Decimal:
        return Decimal(self.population_share.numerator * 100) / self.population_share.denominator


@dataclass(frozen=True)
class BenefitShare:
    """A gevinst of the joint project (DKK per year at target) and each participant's part of
    it (by its line's key), in the order of :attr:`JointCase.participants`; the parts add up to
    it."""

    name: str
    yearly_value: Decimal
    parts: tuple[Decimal, ...]


@dataclass(frozen=True)
class JointCase:
    project: Project
    case: BusinessCase | None
    participants: tuple[ProjectParticipant, ...]
    joint: CaseResult | None
    cases: tuple[ParticipantCase, ...]
    keys: Mapping[int, str]  # line id -> split key
    lead: bool


def _weights(
    key: str, participants: Sequence[ProjectParticipant]
) -> dict[ProjectParticipant, Decimal]:
    # The one reading of a key per participant, shared with the benefits' parts.
    by_municipality = participant_weights(participants, key)
    return {p: by_municipality[p.municipality_id] for p in participants}


def _named(participants: Sequence[ProjectParticipant]) -> dict[str, ProjectParticipant]:
    return {participant.municipality.name: participant for participant in participants}


def split_view(
    view: LineView, line_split: LineSplit | None, participants: Sequence[ProjectParticipant]
) -> dict[ProjectParticipant, npv.Line]:
    """One joint line split between the participants: each gets an :class:`npv.Line` with its
    part of every amount (three-point lines: minimum, likely and maximum split alike)."""
    line = view.line
    key = line_split.key if line_split else SplitKey.POPULATION
    if not line.amounts:  # a non-economic benefit, followed with a KPI: every one shares it
        return dict.fromkeys(participants, line)
    components = (
        (line.amounts.minimum, line.amounts.likely, line.amounts.maximum)
        if isinstance(line.amounts, npv.ThreePoint)
        else (line.amounts,)
    )
    names = _named(participants)
    likely = components[1] if len(components) == 3 else components[0]
    if key == SplitKey.AMOUNTS:
        # Stored per municipality id; a participant without amounts pays nothing.
        stored = line_split.amounts if line_split else {}
        nothing = (Decimal(0),) * len(likely)
        given = {
            p.municipality.name: decimals(stored.get(str(p.municipality_id), nothing))
            for p in participants
        }
        per_year = split.check_amounts_key(line.name, likely, given)
        parts = [split.split_series_by_year(amounts, per_year) for amounts in components]
    else:
        weights = {p.municipality.name: w for p, w in _weights(key, participants).items()}
        parts = [split.split_series(amounts, weights) for amounts in components]
    result = {}
    for name, participant in names.items():
        amounts: tuple[Decimal, ...] | npv.ThreePoint
        if len(parts) == 3:
            amounts = npv.ThreePoint(parts[0][name], parts[1][name], parts[2][name])
        else:
            amounts = parts[0][name]
        result[participant] = npv.Line(
            line.name, line.kind, amounts, line.category, line.risk_share
        )
    return result


def local_line(row: LocalLine) -> npv.Line:
    category = npv.Category(row.category)
    amounts = () if category is npv.Category.NON_ECONOMIC else decimals(row.amounts)
    return npv.Line(row.name, npv.Kind(row.kind), amounts, category)


def _expected(line: npv.Line) -> tuple[Decimal, ...]:
    if isinstance(line.amounts, npv.ThreePoint):
        return tuple(
            (low + 4 * likely + high) / 6
            for low, likely, high in zip(
                line.amounts.minimum, line.amounts.likely, line.amounts.maximum, strict=True
            )
        )
    return line.amounts


def joint_case_for(*, user: User, project_id: int) -> JointCase:
    """The joint case and the participants' cases the user may see (404 for a project the user
    may not read)."""
    project = access_project(user=user, project_id=project_id)
    participants = tuple(participant_list(project=project))
    lead = is_lead(user=user, project=project)
    case = _case_of(project)
    if case is None or not participants:
        return JointCase(project, case, participants, None, (), {}, lead)
    joint = business_case_result(case=case)
    line_splits = {s.line_id: s for s in LineSplit.objects.filter(line__business_case=case)}
    keys = {
        view.row.pk: (line_splits[view.row.pk].key if view.row.pk in line_splits else "population")
        for view in joint.lines
    }
    shown = [p for p in participants if lead or p.municipality_id == user.municipality_id]
    local = LocalLine.objects.filter(
        business_case=case, municipality_id__in=[p.municipality_id for p in shown]
    ).order_by("created_at", "id")
    if any(p.municipality.population for p in participants):
        population = split.shares({p: p.municipality.population for p in participants})
    else:
        population = dict.fromkeys(participants, Fraction(0))
    cases = []
    split_error = None
    splits: list[tuple[LineView, dict[ProjectParticipant, npv.Line]]] = []
    if joint.error is None:
        try:
            splits = [
                (view, split_view(view, line_splits.get(view.row.pk), participants))
                for view in joint.lines
            ]
        except UserError as refused:
            split_error = refused.render(gettext)
    for participant in shown:
        own_local = tuple(
            row for row in local if row.municipality_id == participant.municipality_id
        )
        problem = joint.error or split_error
        evaluation = None
        split_lines = tuple(
            SplitLine(
                view.line.name, view.line.kind, keys[view.row.pk], _expected(parts[participant])
            )
            for view, parts in splits
        )
        if problem is None:
            lines = [parts[participant] for _view, parts in splits]
            lines += [local_line(row) for row in own_local]
            try:
                evaluation = npv.evaluate(
                    case.first_year, joint.rate or Decimal(0), lines, risk_share=case.risk_share
                )
            except UserError as failure:
                problem = failure.render(gettext)
        cases.append(
            ParticipantCase(
                participant, population[participant], split_lines, own_local, evaluation, problem
            )
        )
    return JointCase(project, case, participants, joint, tuple(cases), keys, lead)


def access_local_line(*, user: User, line_id: int) -> LocalLine:
    """A local line the user may change: its own municipality's, in a joint project it takes
    part in, with a role that may edit; 404/403 otherwise."""
    row = access_or_404(
        LocalLine.objects.select_related("business_case__project", "municipality"),
        pk=line_id,
        municipality_id=user.municipality_id,
    )
    access_project(user=user, project_id=row.business_case.project_id)
    require_edit(user, row.municipality)
    return row


def benefit_rollup(*, joint: JointCase) -> list[BenefitShare]:
    """The joint project's benefits in kroner split between its participants by the key of the
    business-case line each is registered from (population without one), the parts the
    portfolio and Effekt count for each participant; for a :class:`JointCase` the caller
    reached through :func:`joint_case_for`."""
    participants = joint.participants
    if not participants:
        return []
    # Through the ORM's reverse relation: benefits is an app beside this one, not below it.
    benefits = (
        joint.project.benefits.exclude(yearly_value=0)
        .select_related("business_case_line__split")
        .order_by("name")
    )
    shares = []
    for benefit in benefits:
        line_split = getattr(benefit.business_case_line, "split", None)
        key, amounts = (line_split.key, line_split.amounts) if line_split else ("population", {})
        parts = participant_parts(benefit.yearly_value, participants, key, amounts)
        shares.append(
            BenefitShare(
                benefit.name,
                benefit.yearly_value,
                tuple(parts[p.municipality_id] for p in participants),
            )
        )
    return shares
