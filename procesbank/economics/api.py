"""API of business cases: a stateless evaluation, and the stored case of a project."""

from datetime import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from ninja import Field, Router, Schema

from procesbank.economics import npv, selectors, services
from procesbank.economics.models import BusinessCase
from procesbank.organisations.models import AuthenticatedRequest
from procesbank.projects.selectors import can_edit

router = Router(tags=["economics"])


class EvaluateIn(Schema):
    first_year: int
    discount_rate: Decimal = npv.DEFAULT_DISCOUNT_RATE
    risk_share: Decimal | None = None
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
    discount_rate: float | None
    approved: bool
    lock_version: int
    updated_at: datetime
    lines: list[CaseLineOut]
    error: str | None
    risk_adjusted: EvaluationOut | None
    unadjusted: EvaluationOut | None
    optimistic: ScenarioOut | None
    pessimistic: ScenarioOut | None


class BusinessCaseIn(Schema):
    first_year: int = Field(..., ge=2000, le=2100)
    horizon: int = Field(5, ge=1, le=35)
    risk_share: Decimal = Field(Decimal(0), ge=0, le=1)
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
    evaluation = npv.evaluate(
        payload.first_year, payload.discount_rate, payload.lines, risk_share=payload.risk_share
    )
    return _evaluation_out(evaluation.risk_adjusted)


def _case_out(case: BusinessCase) -> BusinessCaseOut:
    result = selectors.business_case_result(case=case)
    evaluation = result.evaluation
    return BusinessCaseOut(
        project_id=case.project_id,
        first_year=case.first_year,
        horizon=case.horizon,
        risk_share=float(case.risk_share),
        discount_rate=float(result.rate) if result.rate is not None else None,
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
    )
    return _case_out(case)
