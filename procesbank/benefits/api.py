"""API of benefits realisation: a project's benefits with their status."""

from datetime import date

from django.utils.translation import gettext as _
from ninja import Router, Schema

from procesbank.benefits import selectors
from procesbank.organisations.models import AuthenticatedRequest

router = Router(tags=["benefits"])


class MeasurementOut(Schema):
    measured_on: date
    value: float
    status: str
    note: str
    explanation: str


class BenefitOut(Schema):
    id: int
    name: str
    benefit_type: str
    owner: str
    kpi_name: str
    kpi_unit: str
    baseline_value: float
    baseline_date: date
    target_value: float
    target_date: date
    yearly_value: float
    status: str
    status_label: str
    measurements: list[MeasurementOut]


@router.get(
    "/projects/{project_id}/benefits",
    response=list[BenefitOut],
    summary="A project's benefits with measurements and status",
)
def benefit_list(request: AuthenticatedRequest, project_id: int) -> list[BenefitOut]:
    _project, statuses = selectors.benefits_for(user=request.user, project_id=project_id)
    return [
        BenefitOut(
            id=row.benefit.pk,
            name=row.benefit.name,
            benefit_type=row.benefit.benefit_type,
            owner=row.benefit.owner_label,
            kpi_name=row.benefit.kpi_name,
            kpi_unit=row.benefit.kpi_unit,
            baseline_value=float(row.benefit.baseline_value),
            baseline_date=row.benefit.baseline_date,
            target_value=float(row.benefit.target_value),
            target_date=row.benefit.target_date,
            yearly_value=float(row.benefit.yearly_value),
            status=row.status.value,
            status_label=_(row.status_label),
            measurements=[
                MeasurementOut(
                    measured_on=m.measured_on,
                    value=float(m.value),
                    status=m.status,
                    note=m.note,
                    explanation=m.explanation,
                )
                for m in row.measurements
            ],
        )
        for row in statuses
    ]
