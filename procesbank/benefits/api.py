"""API of benefits realisation: a project's benefits with their status."""

from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.responses import Status

from procesbank.benefits import selectors, services
from procesbank.benefits.engine.realisation import STATUS_LABELS
from procesbank.benefits.engine.realisation import Status as KpiStatus
from procesbank.benefits.models import Measurement
from procesbank.kit.api import BodySchema
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


class MeasurementDetailOut(MeasurementOut):
    id: int
    status_label: str
    created_by: str | None
    # A joint project's participant whose own part was measured; None for the whole project.
    municipality: str | None = None


class MeasurementIn(BodySchema):
    """A KPI value measured on a date; ``explanation`` is required when the value puts the
    benefit off track."""

    measured_on: date
    value: Decimal = Field(..., max_digits=14, decimal_places=2)
    note: str = ""
    explanation: str = ""
    # In a joint project: the lead's measurement of its own part, not of the whole project
    # (another participant always measures its own part).
    own_part: bool = False


def _measurement_out(m: Measurement) -> MeasurementDetailOut:
    return MeasurementDetailOut(
        id=m.pk,
        measured_on=m.measured_on,
        value=float(m.value),
        status=m.status,
        status_label=_(STATUS_LABELS[KpiStatus(m.status)]),
        note=m.note,
        explanation=m.explanation,
        created_by=m.created_by.get_username() if m.created_by else None,
        municipality=m.municipality.name if m.municipality else None,
    )


@router.get(
    "/benefits/{benefit_id}/measurements",
    response=list[MeasurementDetailOut],
    summary="The measurements of a benefit, oldest first",
)
def measurement_list(request: AuthenticatedRequest, benefit_id: int) -> list[MeasurementDetailOut]:
    _benefit, measurements = selectors.measurement_list(user=request.user, benefit_id=benefit_id)
    return [_measurement_out(m) for m in measurements]


@router.post(
    "/benefits/{benefit_id}/measurements",
    response={201: MeasurementDetailOut},
    summary="Record a measurement; its status follows the status rule",
)
def measurement_create(
    request: AuthenticatedRequest, benefit_id: int, payload: MeasurementIn
) -> Status[MeasurementDetailOut]:
    benefit = selectors.access_benefit(user=request.user, benefit_id=benefit_id)
    measurement = services.benefit_measurement_add(
        user=request.user,
        benefit=benefit,
        municipality=selectors.measurement_municipality(
            user=request.user, benefit=benefit, own_part=payload.own_part
        ),
        value=payload.value,
        measured_on=payload.measured_on,
        note=payload.note,
        explanation=payload.explanation,
    )
    return Status(201, _measurement_out(measurement))
