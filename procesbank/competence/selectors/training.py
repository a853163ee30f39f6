"""Every read of the competence app, on behalf of an acting user.

Who sees what:

* Programmes, cohorts, seats, the cost per municipality, the participants (name, municipality,
  attendance, final assignment) and workshops are shared by the whole collaboration.
* An individual grade is personal: it is shown to the collaboration administrator (who enters
  it), to the administrators of the graduate's own municipality and to the graduate. Everyone
  else sees statistics only, and statistics of a group of fewer than
  :data:`MIN_GROUP_FOR_STATISTICS` graded people are hidden from them, since a group of one
  or two would give the individual grades away.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, Sum
from django.utils import timezone

from procesbank.competence.engine.costsplit import split_price
from procesbank.competence.engine.grades import (
    Grade,
    GradeStatistics,
    format_average,
    grade_statistics,
)
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
)
from procesbank.kit.access import access_or_404
from procesbank.organisations.models import AuditEntry, Municipality, User
from procesbank.organisations.permissions import Action, can
from procesbank.organisations.pickers import own_first
from procesbank.processes.models import Process
from procesbank.processes.selectors import process_list

ACTIVE_DAYS = 90
# Changes to these apps' data make a consultant active (processes, projects, benefits).
ACTIVE_APPS = ("processes.", "projects.", "benefits.")
MIN_GROUP_FOR_STATISTICS = 3


def _collaboration_id(user: User) -> int:
    if user.municipality is None:
        raise PermissionDenied
    return user.municipality.collaboration_id


# --- programmes and cohorts ------------------------------------------------------------------
def programme_list(*, user: User) -> QuerySet[Programme]:
    return Programme.objects.filter(collaboration_id=_collaboration_id(user)).prefetch_related(
        "modules"
    )


def cohort_list(*, user: User) -> QuerySet[Cohort]:
    """The collaboration's cohorts, newest first."""
    return (
        Cohort.objects.filter(programme__collaboration_id=_collaboration_id(user))
        .select_related("programme")
        .annotate(seat_count=Sum("seats__seats"))
    )


def access_cohort(*, user: User, cohort_id: int) -> Cohort:
    """A cohort of the user's collaboration; 404 for any other."""
    return access_or_404(cohort_list(user=user), pk=cohort_id)


def access_programme(*, user: User, programme_id: int) -> Programme:
    return access_or_404(programme_list(user=user), pk=programme_id)


def access_module(*, user: User, module_id: int) -> Module:
    """A module of a programme of the user's collaboration; 404 for any other."""
    modules = Module.objects.filter(programme__collaboration_id=_collaboration_id(user))
    return access_or_404(modules.select_related("programme"), pk=module_id)


def can_administer(*, user: User) -> bool:
    """The collaboration administrator registers programmes, cohorts, seats and grades."""
    return can(user, Action.ADMINISTER_COLLABORATION)


def can_enrol(*, user: User, municipality: Municipality | None = None) -> bool:
    """A municipality's administrator enrols its own consultants."""
    return can(user, Action.MANAGE_USERS, municipality)


def can_see_grade(*, user: User, enrolment: Enrolment) -> bool:
    if can(user, Action.ADMINISTER_COLLABORATION):
        return True
    if can(user, Action.MANAGE_USERS, enrolment.municipality):
        return True
    return enrolment.consultant.user_id is not None and enrolment.consultant.user_id == user.pk


@dataclass(frozen=True)
class SeatShare:
    municipality: Municipality
    seats: int
    enrolled: int
    cost: Decimal


def cohort_seat_shares(*, cohort: Cohort) -> list[SeatShare]:
    """Seats, enrolled and cost per municipality; the costs add up to the price to the øre."""
    rows = list(CohortSeats.objects.filter(cohort=cohort).select_related("municipality"))
    if not rows:
        return []
    costs = split_price(cohort.price, {row.municipality.name: row.seats for row in rows})
    enrolled: dict[int, int] = {}
    for municipality_id in Enrolment.objects.filter(cohort=cohort).values_list(
        "municipality_id", flat=True
    ):
        enrolled[municipality_id] = enrolled.get(municipality_id, 0) + 1
    return [
        SeatShare(
            municipality=row.municipality,
            seats=row.seats,
            enrolled=enrolled.get(row.municipality_id, 0),
            cost=costs[row.municipality.name],
        )
        for row in rows
    ]


def enrolment_list(*, cohort: Cohort) -> QuerySet[Enrolment]:
    return (
        Enrolment.objects.filter(cohort=cohort)
        .select_related("consultant", "municipality", "assignment_process")
        .prefetch_related("attended_modules")
    )


def access_enrolment(*, user: User, enrolment_id: int) -> Enrolment:
    """An enrolment the user may change: their own municipality's administrator or the
    collaboration administrator. Others of the collaboration get 403, anyone else 404."""
    enrolments = Enrolment.objects.filter(
        cohort__programme__collaboration_id=_collaboration_id(user)
    ).select_related("cohort__programme", "consultant", "municipality")
    enrolment = access_or_404(enrolments, pk=enrolment_id)
    if not (can_administer(user=user) or can_enrol(user=user, municipality=enrolment.municipality)):
        raise PermissionDenied
    return enrolment


def assignment_examples(*, user: User) -> list[Enrolment]:
    """Final assignments their graduates agreed to show as examples, from every municipality of
    the user's collaboration (the template shows each process through ``{% process_link %}``,
    so a process the reader may not read shows only whose it is)."""
    if user.municipality is None:
        return []
    return list(
        Enrolment.objects.filter(
            assignment_example=True,
            municipality__collaboration_id=user.municipality.collaboration_id,
        )
        .select_related("municipality", "consultant", "assignment_process__municipality", "cohort")
        .order_by("-cohort__start_date", "assignment_title", "pk")
    )


def assignment_process_choices(*, user: User) -> QuerySet[Process]:
    """The library processes a final assignment may point to: those the user may read, the
    own municipality's first."""
    return own_first(process_list(user=user), user=user)


@dataclass(frozen=True)
class ShownStatistics:
    """Statistics as a page shows them; ``hidden`` when the group is too small to show."""

    label: str
    count: int
    average: str
    pass_rate: Decimal | None
    distribution: dict[str, int]
    hidden: bool

    @property
    def pass_percent(self) -> Decimal | None:
        return None if self.pass_rate is None else self.pass_rate * 100


def _shown(label: str, stats: GradeStatistics, allowed: bool) -> ShownStatistics:
    hidden = not allowed and 0 < stats.count < MIN_GROUP_FOR_STATISTICS
    return ShownStatistics(
        label=label,
        count=stats.count,
        average=format_average(stats.average) if stats.average is not None and not hidden else "",
        pass_rate=None if hidden else stats.pass_rate,
        distribution={k: 0 for k in stats.distribution} if hidden else stats.distribution,
        hidden=hidden,
    )


@dataclass(frozen=True)
class CohortStatistics:
    overall: ShownStatistics
    by_municipality: list[ShownStatistics]


def cohort_statistics(*, user: User, cohort: Cohort) -> CohortStatistics:
    """Grade statistics of the cohort, overall and per municipality, as the user may see them."""
    graded = list(
        Enrolment.objects.filter(cohort=cohort, grade__isnull=False)
        .select_related("municipality")
        .order_by("municipality__name")
    )
    sees_all = can_administer(user=user)
    overall = _shown(
        "", grade_statistics(row.grade for row in graded if row.grade is not None), sees_all
    )
    by_municipality: dict[Municipality, list[int]] = {}
    for row in graded:
        if row.grade is not None:
            by_municipality.setdefault(row.municipality, []).append(row.grade)
    return CohortStatistics(
        overall=overall,
        by_municipality=[
            _shown(
                municipality.name,
                grade_statistics(grades),
                sees_all or can_enrol(user=user, municipality=municipality),
            )
            for municipality, grades in by_municipality.items()
        ],
    )


def grade_label(value: int | None) -> str:
    return "" if value is None else Grade(value).label


# --- consultants ------------------------------------------------------------------------------
def _recently_active(since: datetime.datetime) -> Exists:
    app_filter = Q()
    for prefix in ACTIVE_APPS:
        app_filter |= Q(object_type__startswith=prefix)
    return Exists(AuditEntry.objects.filter(app_filter, user_id=OuterRef("user_id"), at__gte=since))


def consultant_list(
    *, user: User, municipality: Municipality | None = None
) -> QuerySet[Consultant]:
    """The consultants of the collaboration (or of one municipality), each with ``is_active``:
    a user who changed a process, project or benefit in the last 90 days (from the audit
    log). A consultant without a login is never active."""
    since = timezone.now() - datetime.timedelta(days=ACTIVE_DAYS)
    consultants = Consultant.objects.filter(
        municipality__collaboration_id=_collaboration_id(user)
    ).select_related("municipality", "user")
    if municipality is not None:
        consultants = consultants.filter(municipality=municipality)
    return consultants.annotate(is_active=_recently_active(since)).order_by(
        "municipality__name", "name"
    )


def enrollable_consultants(*, user: User, cohort: Cohort) -> QuerySet[Consultant]:
    """The user's municipality's consultants not yet on the cohort."""
    if user.municipality is None:
        return Consultant.objects.none()
    return Consultant.objects.filter(municipality=user.municipality).exclude(
        enrolments__cohort=cohort
    )


def municipality_users(*, user: User) -> QuerySet[User]:
    """Users of the administrator's own municipality, for linking a consultant to a login."""
    if user.municipality is None:
        return User.objects.none()
    return User.objects.filter(municipality=user.municipality, is_active=True).order_by("username")


# --- workshops and actions --------------------------------------------------------------------
def workshop_list(*, user: User) -> QuerySet[Workshop]:
    return Workshop.objects.filter(collaboration_id=_collaboration_id(user)).select_related(
        "cohort"
    )


def access_workshop(*, user: User, workshop_id: int) -> Workshop:
    return access_or_404(
        workshop_list(user=user).prefetch_related(
            Prefetch("participants", queryset=Consultant.objects.select_related("municipality")),
            Prefetch("actions", queryset=ImprovementAction.objects.select_related("owner")),
        ),
        pk=workshop_id,
    )


@dataclass(frozen=True)
class EvaluationSummary:
    count: int
    usefulness: str
    relevance: str
    organisation: str
    comments: list[str]


def _mean(values: list[int]) -> str:
    if not values:
        return ""
    return format_average(Decimal(sum(values)) / Decimal(len(values)))


def workshop_evaluation_summary(*, workshop: Workshop) -> EvaluationSummary:
    """Averages of the 1-5 scales (one decimal, Danish comma) and the free-text comments."""
    rows = list(workshop.evaluations.all())
    return EvaluationSummary(
        count=len(rows),
        usefulness=_mean([row.usefulness for row in rows]),
        relevance=_mean([row.relevance for row in rows]),
        organisation=_mean([row.organisation for row in rows]),
        comments=[row.comment for row in rows if row.comment.strip()],
    )


def action_list(*, user: User) -> QuerySet[ImprovementAction]:
    """The collaboration's improvement actions, earliest deadline first."""
    return ImprovementAction.objects.filter(
        workshop__collaboration_id=_collaboration_id(user)
    ).select_related("workshop", "owner")


def today() -> datetime.date:
    """Today in the site's time zone (the day deadlines are compared with)."""
    return timezone.localdate()


def _overdue(actions: QuerySet[ImprovementAction]) -> QuerySet[ImprovementAction]:
    return actions.filter(deadline__lt=today()).exclude(status=ActionStatus.DONE)


def overdue_action_list(*, user: User) -> QuerySet[ImprovementAction]:
    """The collaboration's actions past their deadline and not done."""
    return _overdue(action_list(user=user))


def overdue_actions_for(user: User) -> QuerySet[ImprovementAction]:
    """The user's own improvement actions past their deadline and not done (for the start
    page)."""
    if user.municipality is None:
        return ImprovementAction.objects.none()
    return _overdue(action_list(user=user).filter(owner=user))


def access_action(*, user: User, action_id: int) -> ImprovementAction:
    """An action whose status the user may change: its owner or the collaboration
    administrator."""
    action = access_or_404(action_list(user=user), pk=action_id)
    if action.owner_id != user.pk and not can_administer(user=user):
        raise PermissionDenied
    return action


def action_owner_choices(*, user: User) -> QuerySet[User]:
    """Anyone of the collaboration may own an action."""
    return User.objects.filter(
        municipality__collaboration_id=_collaboration_id(user), is_active=True
    ).select_related("municipality")
