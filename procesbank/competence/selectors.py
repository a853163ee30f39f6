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
import statistics
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Sum
from django.http import Http404
from django.utils import timezone

from procesbank.benefits.models import Benefit
from procesbank.competence.costsplit import split_price
from procesbank.competence.grades import Grade, GradeStatistics, format_average, grade_statistics
from procesbank.competence.models import (
    ActionStatus,
    Cohort,
    CohortSeats,
    CommunicationItem,
    Consultant,
    Enrolment,
    ImprovementAction,
    Programme,
    Stakeholder,
    Workshop,
)
from procesbank.economics.models import BusinessCase
from procesbank.organisations.models import AuditEntry, Municipality, User
from procesbank.organisations.permissions import Action, can
from procesbank.processes.models import Process
from procesbank.processes.selectors import process_list
from procesbank.projects import selectors as project_selectors
from procesbank.projects.models import PhaseTransition, Project, ProjectPhase

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
    cohort = cohort_list(user=user).filter(pk=cohort_id).first()
    if cohort is None:
        raise Http404
    return cohort


def access_programme(*, user: User, programme_id: int) -> Programme:
    programme = programme_list(user=user).filter(pk=programme_id).first()
    if programme is None:
        raise Http404
    return programme


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
    enrolment = (
        Enrolment.objects.filter(
            pk=enrolment_id, cohort__programme__collaboration_id=_collaboration_id(user)
        )
        .select_related("cohort__programme", "consultant", "municipality")
        .first()
    )
    if enrolment is None:
        raise Http404
    if not (can_administer(user=user) or can_enrol(user=user, municipality=enrolment.municipality)):
        raise PermissionDenied
    return enrolment


def assignment_process_choices(*, user: User) -> QuerySet[Process]:
    """The library processes a final assignment may point to: those the user may read."""
    return process_list(user=user)


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
    workshop = (
        workshop_list(user=user)
        .prefetch_related(
            Prefetch("participants", queryset=Consultant.objects.select_related("municipality")),
            Prefetch("actions", queryset=ImprovementAction.objects.select_related("owner")),
        )
        .filter(pk=workshop_id)
        .first()
    )
    if workshop is None:
        raise Http404
    return workshop


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
    action = action_list(user=user).filter(pk=action_id).first()
    if action is None:
        raise Http404
    if action.owner_id != user.pk and not can_administer(user=user):
        raise PermissionDenied
    return action


def action_owner_choices(*, user: User) -> QuerySet[User]:
    """Anyone of the collaboration may own an action."""
    return User.objects.filter(
        municipality__collaboration_id=_collaboration_id(user), is_active=True
    ).select_related("municipality")


# --- effect -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class MunicipalityEffect:
    """The effect figures of one municipality (counts; shares are 0..1 or None)."""

    municipality: Municipality
    trained: int
    trained_active: int
    processes: int
    processes_shared: int
    processes_reused: int
    projects: int
    projects_mapped: int
    projects_with_case: int
    projects_with_owned_benefits: int
    lead_times: tuple[Decimal, ...] = ()  # days from idea to go-live, one per project

    @property
    def median_lead_days(self) -> Decimal | None:
        return statistics.median(self.lead_times) if self.lead_times else None

    @property
    def shared_share(self) -> Decimal | None:
        return _share(self.processes_shared, self.processes)

    @property
    def mapped_share(self) -> Decimal | None:
        return _share(self.projects_mapped, self.projects)

    @property
    def mapped_percent(self) -> Decimal | None:
        return _percent(self.projects_mapped, self.projects)

    @property
    def case_percent(self) -> Decimal | None:
        return _percent(self.projects_with_case, self.projects)

    @property
    def owned_benefits_percent(self) -> Decimal | None:
        return _percent(self.projects_with_owned_benefits, self.projects)


def _percent(part: int, whole: int) -> Decimal | None:
    share = _share(part, whole)
    return None if share is None else share * 100


def _share(part: int, whole: int) -> Decimal | None:
    return None if whole == 0 else Decimal(part) / Decimal(whole)


@dataclass(frozen=True)
class Effect:
    rows: list[MunicipalityEffect]
    totals: MunicipalityEffect | None
    # (quarter "2026 K2", trained so far in the collaboration)
    trained_over_time: list[tuple[str, int]]


def trained_consultant_list(*, user: User) -> QuerySet[Consultant]:
    """Consultants of the collaboration who passed an exam (02 or above), with ``is_active``."""
    return consultant_list(user=user).filter(enrolments__grade__gte=Grade.TWO).distinct()


def effect_figures(*, user: User) -> Effect:
    """The effect of the programme per municipality of the user's collaboration:

    * trained: consultants with a passed exam (02 or above);
    * trained and active: of those, the ones who changed a process, project or benefit in the
      last 90 days (audit log);
    * processes and shared processes: the municipality's processes the user can see in the
      library, and those of them shared with the collaboration or the public;
    * reused processes: the municipality's processes that another municipality copied
      (catalogue's reuse);
    * projects with a mapped process (an as-is version), with a business case, and with a
      benefits plan whose every benefit has an owner (a user or a named person);
    * median lead time idea -> go-live: days from a project's creation (every project starts
      as an idea) to its first move into the realisation phase, which follows go-live.
    """
    municipalities = list(
        Municipality.objects.filter(collaboration_id=_collaboration_id(user)).order_by("name")
    )
    trained = list(trained_consultant_list(user=user))
    processes = list(
        process_list(user=user)
        .annotate(reuse_count=Count("reuses", distinct=True))
        .values_list("municipality_id", "visibility", "reuse_count")
        .order_by()
    )
    # Counts over every municipality of the collaboration: aggregate figures only, no rows
    # (the projects app shows a project's rows to its own municipality alone).
    projects = list(
        Project.objects.filter(municipality__in=municipalities)
        .annotate(
            has_case=Exists(BusinessCase.objects.filter(project=OuterRef("pk"))),
            has_benefit=Exists(Benefit.objects.filter(project=OuterRef("pk"))),
            has_ownerless_benefit=Exists(
                Benefit.objects.filter(project=OuterRef("pk"), owner__isnull=True, owner_name="")
            ),
        )
        .values_list(
            "municipality_id",
            "as_is_version_id",
            "has_case",
            "has_benefit",
            "has_ownerless_benefit",
        )
        .order_by()
    )
    lead_times = _lead_times(municipalities)
    rows = []
    for municipality in municipalities:
        mine = [c for c in trained if c.municipality_id == municipality.pk]
        own_processes = [row for row in processes if row[0] == municipality.pk]
        own_projects = [row for row in projects if row[0] == municipality.pk]
        rows.append(
            MunicipalityEffect(
                municipality=municipality,
                trained=len(mine),
                trained_active=sum(1 for c in mine if getattr(c, "is_active", False)),
                processes=len(own_processes),
                processes_shared=sum(1 for row in own_processes if row[1] in SHARED_VISIBILITIES),
                processes_reused=sum(1 for row in own_processes if row[2] > 0),
                projects=len(own_projects),
                projects_mapped=sum(1 for row in own_projects if row[1] is not None),
                projects_with_case=sum(1 for row in own_projects if row[2]),
                projects_with_owned_benefits=sum(
                    1 for row in own_projects if row[3] and not row[4]
                ),
                lead_times=tuple(lead_times.get(municipality.pk, ())),
            )
        )
    totals = None
    if rows:
        totals = MunicipalityEffect(
            municipality=Municipality(name=""),
            trained=sum(r.trained for r in rows),
            trained_active=sum(r.trained_active for r in rows),
            processes=sum(r.processes for r in rows),
            processes_shared=sum(r.processes_shared for r in rows),
            processes_reused=sum(r.processes_reused for r in rows),
            projects=sum(r.projects for r in rows),
            projects_mapped=sum(r.projects_mapped for r in rows),
            projects_with_case=sum(r.projects_with_case for r in rows),
            projects_with_owned_benefits=sum(r.projects_with_owned_benefits for r in rows),
            lead_times=tuple(days for r in rows for days in r.lead_times),
        )
    return Effect(rows=rows, totals=totals, trained_over_time=_trained_over_time(user))


SHARED_VISIBILITIES = {"collaboration", "public"}


def _lead_times(municipalities: list[Municipality]) -> dict[int, list[Decimal]]:
    """Days (one decimal) from idea to go-live per project, grouped by municipality."""
    seen: set[int] = set()
    result: dict[int, list[Decimal]] = {}
    for project_id, municipality_id, created_at, moved_at in (
        PhaseTransition.objects.filter(
            project__municipality__in=municipalities, to_phase=ProjectPhase.REALISATION
        )
        .values_list("project_id", "project__municipality_id", "project__created_at", "at")
        .order_by("at", "id")
    ):
        if project_id in seen:
            continue
        seen.add(project_id)
        days = Decimal((moved_at - created_at).total_seconds()) / Decimal(86400)
        result.setdefault(municipality_id, []).append(days.quantize(Decimal("0.1")))
    return result


def _trained_over_time(user: User) -> list[tuple[str, int]]:
    """Cumulative number of consultants trained, by the quarter of their first passed exam."""
    first_pass: dict[int, datetime.date] = {}
    for consultant_id, examined_on in (
        Enrolment.objects.filter(
            cohort__programme__collaboration_id=_collaboration_id(user),
            grade__gte=Grade.TWO,
            examined_on__isnull=False,
        )
        .values_list("consultant_id", "examined_on")
        .order_by("examined_on")
    ):
        if examined_on is not None:
            first_pass.setdefault(consultant_id, examined_on)
    per_quarter: dict[str, int] = {}
    for day in sorted(first_pass.values()):
        key = f"{day.year} K{(day.month - 1) // 3 + 1}"
        per_quarter[key] = per_quarter.get(key, 0) + 1
    running = 0
    result = []
    for key, count in per_quarter.items():
        running += count
        result.append((key, running))
    return result


# --- anchoring: stakeholders and communication per project ---------------------------------
def anchoring_project_list(*, user: User) -> QuerySet[Project]:
    """The own municipality's projects (the projects app decides which), with counts."""
    return project_selectors.project_list(user=user).annotate(
        stakeholder_count=Count("stakeholders", distinct=True),
        communication_count=Count("communication_items", distinct=True),
    )


def access_anchoring_project(*, user: User, project_id: int, for_edit: bool = False) -> Project:
    if for_edit:
        return project_selectors.access_project_for_edit(user=user, project_id=project_id)
    return project_selectors.access_project(user=user, project_id=project_id)


def can_edit_project(*, user: User, project: Project) -> bool:
    return project_selectors.can_edit(user=user, project=project)


def stakeholder_list(*, project: Project) -> QuerySet[Stakeholder]:
    return Stakeholder.objects.filter(project=project)


def communication_list(*, project: Project) -> QuerySet[CommunicationItem]:
    return CommunicationItem.objects.filter(project=project)


def access_stakeholder(*, user: User, stakeholder_id: int) -> Stakeholder:
    """A stakeholder of a project the user may change."""
    stakeholder = Stakeholder.objects.filter(pk=stakeholder_id).first()
    if stakeholder is None:
        raise Http404
    access_anchoring_project(user=user, project_id=stakeholder.project_id, for_edit=True)
    return stakeholder


def access_communication(*, user: User, item_id: int) -> CommunicationItem:
    """A communication plan line of a project the user may change."""
    item = CommunicationItem.objects.filter(pk=item_id).first()
    if item is None:
        raise Http404
    access_anchoring_project(user=user, project_id=item.project_id, for_edit=True)
    return item
