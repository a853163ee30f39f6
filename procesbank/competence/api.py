"""API of the competence programme: cohorts with seats, costs and grade statistics, recording a
grade, and the improvement actions; the same services and selectors as the pages."""

from datetime import date
from decimal import Decimal

from ninja import Query, Router, Schema

from procesbank.competence import selectors, services
from procesbank.competence.models import Cohort, Enrolment, ImprovementAction
from procesbank.kit.api import BodySchema
from procesbank.organisations.models import AuthenticatedRequest, User

router = Router(tags=["competence"])


class SeatOut(Schema):
    municipality: str
    seats: int
    enrolled: int
    cost: Decimal


class CohortOut(Schema):
    id: int
    name: str
    programme: str
    supplier: str
    modules: list[str]
    start_date: date
    end_date: date
    price: Decimal
    seats: list[SeatOut]


class StatisticsOut(Schema):
    municipality: str | None
    count: int
    hidden: bool
    average: str | None
    pass_rate: Decimal | None
    distribution: dict[str, int]


class EnrolmentOut(Schema):
    id: int
    consultant: str
    municipality: str
    modules_attended: int
    assignment_title: str
    assignment_process_id: int | None
    grade: str | None  # as written ("02", "-3"); None when not graded or not the caller's to see
    external_examiner: bool | None


class CohortDetailOut(CohortOut):
    statistics: StatisticsOut
    statistics_by_municipality: list[StatisticsOut]
    enrolments: list[EnrolmentOut]


class GradeIn(BodySchema):
    grade: int | str
    external_examiner: bool = False
    examined_on: date | None = None


class ActionOut(Schema):
    id: int
    title: str
    workshop: str
    owner: str
    deadline: date
    status: str
    overdue: bool


class ActionQuery(Schema):
    overdue: bool = False


def _cohort_out(cohort: Cohort) -> dict:
    return {
        "id": cohort.pk,
        "name": cohort.name,
        "programme": cohort.programme.name,
        "supplier": cohort.programme.supplier,
        "modules": [m.name for m in cohort.programme.modules.all()],
        "start_date": cohort.start_date,
        "end_date": cohort.end_date,
        "price": cohort.price,
        "seats": [
            SeatOut(
                municipality=s.municipality.name, seats=s.seats, enrolled=s.enrolled, cost=s.cost
            )
            for s in selectors.cohort_seat_shares(cohort=cohort)
        ],
    }


def _statistics_out(stats: selectors.ShownStatistics, municipality: str | None) -> StatisticsOut:
    return StatisticsOut(
        municipality=municipality,
        count=stats.count,
        hidden=stats.hidden,
        average=stats.average or None,
        pass_rate=stats.pass_rate,
        distribution=stats.distribution,
    )


def _readable_processes(user: User, enrolments: list[Enrolment]) -> set[int]:
    """The assignment processes the user may read (the page's rule: a private one of another
    municipality is not linked, issue 12)."""
    ids = [e.assignment_process_id for e in enrolments if e.assignment_process_id]
    choices = selectors.assignment_process_choices(user=user).filter(pk__in=ids)
    return set(choices.values_list("pk", flat=True))


def _enrolment_out(
    user: User, enrolment: Enrolment, readable: set[int] | None = None
) -> EnrolmentOut:
    if readable is None:
        readable = _readable_processes(user, [enrolment])
    visible = selectors.can_see_grade(user=user, enrolment=enrolment)
    process_id = enrolment.assignment_process_id
    process_id = process_id if process_id in readable else None
    return EnrolmentOut(
        id=enrolment.pk,
        consultant=enrolment.consultant.name,
        municipality=enrolment.municipality.name,
        modules_attended=len(enrolment.attended_modules.all()),
        assignment_title=enrolment.assignment_title,
        assignment_process_id=process_id,
        grade=selectors.grade_label(enrolment.grade) or None if visible else None,
        external_examiner=enrolment.external_examiner if visible else None,
    )


def _action_out(action: ImprovementAction) -> ActionOut:
    return ActionOut(
        id=action.pk,
        title=action.title,
        workshop=action.workshop.title,
        owner=action.owner.username,
        deadline=action.deadline,
        status=action.status,
        overdue=action.deadline < selectors.today() and action.status != "faerdig",
    )


@router.get(
    "/competence/cohorts",
    response=list[CohortOut],
    summary="The collaboration's cohorts with seats and cost per municipality",
)
def cohort_list(request: AuthenticatedRequest) -> list[CohortOut]:
    return [CohortOut(**_cohort_out(c)) for c in selectors.cohort_list(user=request.user)]


@router.get(
    "/competence/cohorts/{cohort_id}",
    response=CohortDetailOut,
    summary="A cohort with grade statistics and participants (grades as far as the caller may "
    "see them)",
)
def cohort_get(request: AuthenticatedRequest, cohort_id: int) -> CohortDetailOut:
    user = request.user
    cohort = selectors.access_cohort(user=user, cohort_id=cohort_id)
    stats = selectors.cohort_statistics(user=user, cohort=cohort)
    enrolments = list(selectors.enrolment_list(cohort=cohort))
    readable = _readable_processes(user, enrolments)
    return CohortDetailOut(
        **_cohort_out(cohort),
        statistics=_statistics_out(stats.overall, None),
        statistics_by_municipality=[_statistics_out(s, s.label) for s in stats.by_municipality],
        enrolments=[_enrolment_out(user, e, readable) for e in enrolments],
    )


@router.put(
    "/competence/enrolments/{enrolment_id}/grade",
    response=EnrolmentOut,
    summary="Record an exam grade (12, 10, 7, 4, 02, 00 or -3)",
)
def enrolment_grade(
    request: AuthenticatedRequest, enrolment_id: int, payload: GradeIn
) -> EnrolmentOut:
    enrolment = selectors.access_enrolment(user=request.user, enrolment_id=enrolment_id)
    graded = services.enrolment_grade_set(
        user=request.user,
        enrolment=enrolment,
        grade=payload.grade,
        external_examiner=payload.external_examiner,
        examined_on=payload.examined_on,
    )
    return _enrolment_out(request.user, graded)


@router.get(
    "/competence/actions",
    response=list[ActionOut],
    summary="The collaboration's improvement actions (overdue=true: only those past deadline)",
)
def action_list(request: AuthenticatedRequest, filters: Query[ActionQuery]) -> list[ActionOut]:
    actions = (
        selectors.overdue_action_list(user=request.user)
        if filters.overdue
        else selectors.action_list(user=request.user)
    )
    return [_action_out(a) for a in actions]
