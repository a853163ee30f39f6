"""API of business cases: a stateless evaluation, and the stored case of a project."""

from datetime import datetime
from decimal import Decimal
from typing import Any, Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.responses import Status

from procesbank.core.errors import UserError, gettext_noop
from procesbank.economics import selectors, services
from procesbank.economics.engine import npv
from procesbank.economics.models import BusinessCase, BusinessCaseLine, RiskMethod
from procesbank.kit.api import BodySchema
from procesbank.organisations.models import AuthenticatedRequest
from procesbank.projects.selectors import can_edit

router = Router(tags=["economics"])


class EvaluateIn(BodySchema):
    first_year: int
    discount_rate: Decimal | Literal["finansministeriet"] = Field(
        npv.DEFAULT_DISCOUNT_RATE,
        description=(
            "A share (0.035 for 3.5 %), flat for every year (at most 35 years), or "
            '"finansministeriet": 3.5 % for years 0-35 and a later year t discounted by '
            "1.035^-35 x 1.025^-(t-35) (at most 70 years). Year 0 is not discounted."
        ),
    )
    risk_share: Decimal | None = None
    risks: list[dict[str, Any]] | None = Field(
        None,
        description=(
            'A risk log, each {"name", "probability_percent" (0-100), "consequence" (DKK)}. '
            "When given, the 12 largest risks by expected value form the risk pool, added as a "
            "cost spread over the years of the one-off costs, and no risk share applies."
        ),
    )
    lines: list[dict[str, Any]] = Field(
        ...,
        description=(
            'Each {"name", "type": "cost"|"benefit", "amounts": [...]} or with "min", '
            '"likely" and "max" lists instead of "amounts"; optional "category", "risk_share".'
        ),
    )


class YearOut(Schema):
    year: int
    costs: float
    benefits: float
    net: float
    discounted_net: float
    cumulative: float


class EvaluationOut(Schema):
    npv: float
    payback_years: float | None
    years: list[YearOut]
    risk_pool: float | None = None
    societal_npv: float | None = None


class ScenarioOut(Schema):
    npv: float
    payback_years: float | None


class CaseLineOut(Schema):
    id: int
    name: str
    type: str
    category: str
    generated: bool
    amounts: list[float]


class BusinessCaseOut(Schema):
    project_id: int
    first_year: int
    horizon: int
    risk_share: float
    risk_method: str
    discount_rate: float | None
    discount_rate_from_year_36: float | None
    risk_pool: float | None
    societal_npv: float | None
    approved: bool
    lock_version: int
    updated_at: datetime
    lines: list[CaseLineOut]
    error: str | None
    risk_adjusted: EvaluationOut | None
    unadjusted: EvaluationOut | None
    optimistic: ScenarioOut | None
    pessimistic: ScenarioOut | None


class BusinessCaseIn(BodySchema):
    first_year: int = Field(..., ge=2000, le=2100)
    horizon: int = Field(5, ge=1, le=npv.MAX_YEARS_SPLIT)
    risk_share: Decimal = Field(Decimal(0), ge=0, le=1)
    risk_method: RiskMethod = RiskMethod.SHARE
    lock_version: int | None = None


def _money(amount: Decimal) -> float:
    return float(amount.quantize(Decimal("0.01")))


def _years(payback: Decimal | None) -> float | None:
    return None if payback is None else float(payback.quantize(Decimal("0.0001")))


def _evaluation_out(result: npv.Result) -> EvaluationOut:
    return EvaluationOut(
        npv=_money(result.npv),
        payback_years=_years(result.payback_years),
        years=[
            YearOut(
                year=row.year,
                costs=_money(row.costs),
                benefits=_money(row.benefits),
                net=_money(row.net),
                discounted_net=_money(row.discounted_net),
                cumulative=_money(row.cumulative),
            )
            for row in result.years
        ],
    )


@router.post(
    "/business-cases/evaluate",
    response=EvaluationOut,
    summary="Evaluate a business case (risk-adjusted NPV, payback, per-year table)",
)
def business_case_evaluate(request: AuthenticatedRequest, payload: EvaluateIn) -> EvaluationOut:
    rate = (
        npv.FINANSMINISTERIET
        if payload.discount_rate == "finansministeriet"
        else npv.DiscountSchedule(Decimal(payload.discount_rate))
    )
    risks = None if payload.risks is None else [npv.parse_risk(risk) for risk in payload.risks]
    evaluation = npv.evaluate(
        payload.first_year, rate, payload.lines, risk_share=payload.risk_share, risks=risks
    )
    out = _evaluation_out(evaluation.risk_adjusted)
    out.risk_pool = None if evaluation.risk_pool is None else _money(evaluation.risk_pool)
    out.societal_npv = _money(evaluation.societal_npv) if evaluation.societal_lines else None
    return out


def _case_out(case: BusinessCase) -> BusinessCaseOut:
    result = selectors.business_case_result(case=case)
    evaluation = result.evaluation
    return BusinessCaseOut(
        project_id=case.project_id,
        first_year=case.first_year,
        horizon=case.horizon,
        risk_share=float(case.risk_share),
        risk_method=case.risk_method,
        discount_rate=float(result.rate) if result.rate is not None else None,
        discount_rate_from_year_36=float(result.later_rate)
        if result.later_rate is not None
        else None,
        risk_pool=_money(evaluation.risk_pool)
        if evaluation and evaluation.risk_pool is not None
        else None,
        societal_npv=_money(evaluation.societal_npv) if evaluation else None,
        approved=case.approved,
        lock_version=case.lock_version,
        updated_at=case.updated_at,
        lines=[
            CaseLineOut(
                id=view.row.pk,
                name=view.row.name,
                type=view.row.kind,
                category=view.row.category,
                generated=view.row.is_generated,
                amounts=[_money(amount) for amount in view.line.expected_amounts()],
            )
            for view in result.lines
        ],
        error=result.error,
        risk_adjusted=_evaluation_out(evaluation.risk_adjusted) if evaluation else None,
        unadjusted=_evaluation_out(evaluation.unadjusted) if evaluation else None,
        optimistic=ScenarioOut(
            npv=_money(evaluation.scenarios.optimistic.npv),
            payback_years=_years(evaluation.scenarios.optimistic.payback_years),
        )
        if evaluation
        else None,
        pessimistic=ScenarioOut(
            npv=_money(evaluation.scenarios.pessimistic.npv),
            payback_years=_years(evaluation.scenarios.pessimistic.payback_years),
        )
        if evaluation
        else None,
    )


@router.get(
    "/projects/{project_id}/business-case",
    response=BusinessCaseOut,
    summary="A project's business case with its results",
)
def business_case_get(request: AuthenticatedRequest, project_id: int) -> BusinessCaseOut:
    _project, case = selectors.business_case_for(user=request.user, project_id=project_id)
    if case is None:
        raise Http404
    return _case_out(case)


@router.post(
    "/projects/{project_id}/business-case",
    response=BusinessCaseOut,
    summary="Create or change a project's business case frame",
)
def business_case_save(
    request: AuthenticatedRequest, project_id: int, payload: BusinessCaseIn
) -> BusinessCaseOut:
    project, _case = selectors.business_case_for(user=request.user, project_id=project_id)
    if not can_edit(user=request.user, project=project):
        raise PermissionDenied
    case = services.business_case_save(
        user=request.user,
        project=project,
        first_year=payload.first_year,
        horizon=payload.horizon,
        risk_share=payload.risk_share,
        lock_version=payload.lock_version,
        risk_method=payload.risk_method,
    )
    return _case_out(case)


# --- Lines of a stored business case --------------------------------------------------------

MSG_NO_CASE = gettext_noop("Gem først business casens første år og antal år.")


class LineOut(Schema):
    """A line as stored (``likely``/``minimum``/``maximum`` in DKK per year) with the expected
    amounts the case uses (``amounts``: three-point mean, or computed for a generated line)."""

    id: int
    name: str
    type: str
    category: str
    generated: bool
    likely: list[float]
    minimum: list[float]
    maximum: list[float]
    risk_share: float | None
    amounts: list[float]
    lock_version: int


class LineIn(BodySchema):
    """A cost or benefit line: amounts in DKK per year, one per year of the case; give
    ``minimum`` and ``maximum`` too for a three-point estimate. ``lock_version`` is the case's."""

    lock_version: int
    type: npv.Kind
    category: npv.Category
    name: str = Field(..., min_length=1, max_length=200)
    likely: list[Decimal] = []
    minimum: list[Decimal] = []
    maximum: list[Decimal] = []
    risk_share: Decimal | None = Field(None, ge=0, le=1)


def _amounts(values: list[Any]) -> list[float]:
    return [_money(Decimal(str(value))) for value in values]


def _line_out(row: BusinessCaseLine, case: BusinessCase) -> LineOut:
    try:
        used = selectors.to_line(row, case.horizon).line.expected_amounts()
    except UserError:
        used = ()  # a generated line whose process versions are gone
    return LineOut(
        id=row.pk,
        name=row.name,
        type=row.kind,
        category=row.category,
        generated=row.is_generated,
        likely=_amounts(row.likely),
        minimum=_amounts(row.minimum),
        maximum=_amounts(row.maximum),
        risk_share=float(row.risk_share) if row.risk_share is not None else None,
        amounts=[_money(amount) for amount in used],
        lock_version=case.lock_version,
    )


def _line_fields(payload: LineIn) -> dict[str, Any]:
    if bool(payload.minimum) != bool(payload.maximum):
        field = "maximum" if payload.minimum else "minimum"
        raise ValidationError({field: _("Angiv både minimum og maksimum, eller ingen af dem.")})
    return {
        "lock_version": payload.lock_version,
        "kind": payload.type.value,
        "category": payload.category.value,
        "name": payload.name,
        "likely": payload.likely,
        "minimum": payload.minimum,
        "maximum": payload.maximum,
        "risk_share": payload.risk_share,
    }


@router.get(
    "/projects/{project_id}/business-case/lines",
    response=list[LineOut],
    summary="The lines of a project's business case",
)
def business_case_line_list(request: AuthenticatedRequest, project_id: int) -> list[LineOut]:
    _project, case = selectors.business_case_for(user=request.user, project_id=project_id)
    if case is None:
        raise Http404
    return [_line_out(row, case) for row in selectors.line_rows(case)]


@router.post(
    "/projects/{project_id}/business-case/lines",
    response={201: LineOut},
    summary="Add a cost or benefit line to a project's business case",
)
def business_case_line_create(
    request: AuthenticatedRequest, project_id: int, payload: LineIn
) -> Status[LineOut]:
    _project, case = selectors.business_case_for_edit(user=request.user, project_id=project_id)
    if case is None:
        raise UserError(MSG_NO_CASE)
    row = services.business_case_line_add(user=request.user, case=case, **_line_fields(payload))
    return Status(201, _line_out(row, BusinessCase.objects.get(pk=case.pk)))


@router.get(
    "/business-case-lines/{line_id}", response=LineOut, summary="One line of a business case"
)
def business_case_line_get(request: AuthenticatedRequest, line_id: int) -> LineOut:
    row = selectors.access_line(user=request.user, line_id=line_id, for_edit=False)
    return _line_out(row, row.business_case)


@router.put(
    "/business-case-lines/{line_id}",
    response=LineOut,
    summary="Change a line (a generated line keeps its computed amounts and type)",
)
def business_case_line_update(
    request: AuthenticatedRequest, line_id: int, payload: LineIn
) -> LineOut:
    row = selectors.access_line(user=request.user, line_id=line_id)
    row = services.business_case_line_update(user=request.user, line=row, **_line_fields(payload))
    return _line_out(row, BusinessCase.objects.get(pk=row.business_case_id))


@router.delete(
    "/business-case-lines/{line_id}",
    response={204: None},
    summary="Delete a line; lock_version is the business case's",
)
def business_case_line_delete(
    request: AuthenticatedRequest, line_id: int, lock_version: int
) -> Status[None]:
    row = selectors.access_line(user=request.user, line_id=line_id)
    services.business_case_line_delete(user=request.user, line=row, lock_version=lock_version)
    return Status(204, None)
