"""API of the process library; the same services and selectors as the pages."""

from datetime import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, File, Form, Query, Router, Schema
from ninja.files import UploadedFile
from ninja.pagination import paginate
from ninja.responses import Status

from procesbank.core.errors import UserError
from procesbank.kit.api import BodySchema
from procesbank.kit.badinput import db_int
from procesbank.kit.pagination import Pages
from procesbank.organisations.models import AuthenticatedRequest, User
from procesbank.organisations.selectors import unit_list, work_contact
from procesbank.processes import selectors, services
from procesbank.processes.engine.bpmn import TaskMeasurements
from procesbank.processes.engine.metrics import ProcessMetrics
from procesbank.processes.models import Phase, Process, Visibility

router = Router(tags=["processes"])


class ProcessListOut(Schema):
    id: int
    name: str
    municipality: str = Field(..., alias="municipality.name")
    kle_code: str
    phase: str
    visibility: str
    yearly_volume: int
    updated_at: datetime


#: The fields ProcessListOut reads: a page loads these only, without the list page's badges.
LIST_FIELDS = (
    "name",
    "municipality__name",
    "kle_code",
    "phase",
    "visibility",
    "yearly_volume",
    "updated_at",
)


class MeasurementsIn(BodySchema):
    lock_version: int = Field(
        ...,
        description="The as-is version's revision when the form was loaded "
        "(`version.revision` of the process): a newer one answers 409.",
    )
    minutes_min: float = Field(..., ge=0)
    minutes_likely: float = Field(..., ge=0)
    minutes_max: float = Field(..., ge=0)
    executions_per_case: float = Field(1.0, ge=0)
    waiting_minutes: float | None = Field(None, ge=0)
    it_system: str = Field("", max_length=200)
    automation_note: str = ""


class TaskOut(Schema):
    id: str
    name: str
    kind: str
    role: str
    measured: bool
    minutes_min: float | None
    minutes_likely: float | None
    minutes_max: float | None
    executions_per_case: float
    waiting_minutes: float | None
    it_system: str
    automation_note: str
    visits: float
    minutes_per_case: float
    hours_per_year: float
    cost_per_year: Decimal


class MetricsOut(Schema):
    minutes_per_case: float
    waiting_minutes_per_case: float
    hours_per_year: float
    fte: float
    cost_per_year: Decimal
    yearly_volume: int
    annual_hours_per_fte: float


class VersionOut(Schema):
    id: int
    kind: str
    label: str
    revision: int


class ProcessOut(Schema):
    id: int
    name: str
    municipality: str
    description: str
    purpose: str
    kle_code: str
    handlingsfacet: str
    form_number: str
    legal_basis: str
    owner: str
    owner_user_id: int | None = Field(
        None, description="The process owner as a user id (own municipality only)."
    )
    owner_name: str | None = Field(
        None, description="The process owner's full name; shown to every reader of the process."
    )
    owner_job_title: str | None = Field(
        None, description="The process owner's job title; shown to every reader of the process."
    )
    contact: str
    phase: str
    visibility: str
    it_systems: list[str]
    tags: list[str]
    yearly_volume: int
    digital_share: Decimal | None
    unit_id: int | None = Field(
        None, description="The owning unit; shown to the process's own municipality only."
    )
    unit: str | None = Field(None, description="The owning unit's name; shown to every reader.")
    lock_version: int
    version: VersionOut
    versions: list[VersionOut]
    metrics: MetricsOut | None
    tasks: list[TaskOut]


class ProcessIn(BodySchema):
    name: str = Field(..., min_length=1, max_length=200)
    description: str = ""
    purpose: str = ""
    kle_code: str = ""
    handlingsfacet: str = ""
    form_number: str = ""
    legal_basis: str = ""
    owner: str = ""
    owner_user_id: int | None = Field(
        None, description="The process owner: an active user of the caller's municipality."
    )
    contact: str = ""
    phase: Phase = Phase.MAPPED
    visibility: Visibility = Visibility.OWN
    it_systems: list[str] = []
    tags: list[str] = []
    yearly_volume: int = Field(0, ge=0)
    digital_share: Decimal | None = Field(None, ge=0, le=100)
    unit_id: int | None = Field(None, description="One of the caller's municipality's units.")


class ProcessPatch(BodySchema):
    lock_version: int
    name: str | None = Field(None, min_length=1, max_length=200)
    description: str | None = None
    purpose: str | None = None
    kle_code: str | None = None
    handlingsfacet: str | None = None
    form_number: str | None = None
    legal_basis: str | None = None
    owner: str | None = None
    owner_user_id: int | None = Field(None, description="null removes the owner")
    contact: str | None = None
    phase: Phase | None = None
    visibility: Visibility | None = None
    it_systems: list[str] | None = None
    tags: list[str] | None = None
    yearly_volume: int | None = Field(None, ge=0)
    digital_share: Decimal | None = Field(None, ge=0, le=100)
    unit_id: int | None = Field(None, description="One of the caller's units; null: none.")


class CreatedOut(Schema):
    id: int


class ImportedOut(Schema):
    id: int
    notices: list[str] = Field(
        default_factory=list, description="What the user should know about the import."
    )


class ProcessQuery(Schema):
    q: str = ""
    kle_group: str = ""
    phase: str = ""
    municipality: int | None = None
    visibility: str = ""
    it_system: str = ""
    sort: str = "name"
    unit: int | None = Field(
        None, description="A unit of the caller's municipality, with the units below it."
    )
    my_unit: bool = Field(False, description="Only the caller's unit and the units below it.")
    mine: bool = False


def _owner_user(request: AuthenticatedRequest, fields: dict[str, Any]) -> None:
    """``owner_user_id`` as the service's ``owner_user``: a user of the caller's municipality
    (one of another, or unknown, is refused alike, by the service's message)."""
    if "owner_user_id" not in fields:
        return
    owner_id = fields.pop("owner_user_id")
    if owner_id is None:
        fields["owner_user"] = None
        return
    db_int(owner_id)
    owner = selectors.owner_choices(user=request.user).filter(pk=owner_id).first()
    fields["owner_user"] = owner if owner is not None else ""  # "" is refused by the service


def _unit_from(user: User, changes: dict[str, Any]) -> None:
    """``unit_id`` of a body as the service's ``unit``: one of the caller's municipality's."""
    if "unit_id" not in changes:
        return
    unit_id = db_int(changes.pop("unit_id"))
    unit = unit_list(user=user).filter(pk=unit_id).first() if unit_id is not None else None
    if unit_id is not None and unit is None:
        raise ValidationError({"unit_id": [_("Vælg en af kommunens egne enheder.")]})
    changes["unit"] = unit


def _process_out(process: Process, user: User | None = None) -> ProcessOut:
    version = selectors.primary_version(process=process)
    metrics: ProcessMetrics | None
    try:
        metrics = selectors.version_metrics(version=version)
    except UserError:
        metrics = None
    figures = {t.task_id: t for t in metrics.tasks} if metrics else {}
    tasks = []
    for row in version.tasks.all():
        figure = figures.get(row.element_id)
        tasks.append(
            TaskOut(
                id=row.element_id,
                name=row.name,
                kind=row.kind,
                role=row.lane,
                measured=row.measured,
                minutes_min=row.minutes_min,
                minutes_likely=row.minutes_likely,
                minutes_max=row.minutes_max,
                executions_per_case=row.executions_per_case,
                waiting_minutes=row.waiting_minutes,
                it_system=row.it_system,
                automation_note=row.automation_note,
                visits=row.visits,
                minutes_per_case=row.minutes_per_case,
                hours_per_year=figure.hours_per_year if figure else 0.0,
                cost_per_year=figure.cost_per_year if figure else Decimal("0"),
            )
        )
    versions = [VersionOut.from_orm(v) for v in selectors.version_list(process=process)]
    own = user is not None and process.municipality_id == user.municipality_id
    # Another municipality sees the owner's name and title, never an id, e-mail or user name
    # (the decision is written at organisations.selectors.work_contact).
    contact = work_contact(user=user, person=process.owner_user) if user is not None else None
    return ProcessOut(
        id=process.pk,
        name=process.name,
        municipality=process.municipality.name,
        description=process.description,
        purpose=process.purpose,
        kle_code=process.kle_code,
        handlingsfacet=process.handlingsfacet,
        form_number=process.form_number,
        legal_basis=process.legal_basis,
        owner=process.owner,
        owner_user_id=process.owner_user_id if own else None,
        owner_name=contact.name if contact else None,
        owner_job_title=contact.job_title if contact else None,
        contact=process.contact,
        phase=process.phase,
        visibility=process.visibility,
        it_systems=process.it_systems,
        tags=process.tags,
        yearly_volume=process.yearly_volume,
        digital_share=process.digital_share,
        # The unit's id is the owner municipality's handle; its name is shown to every reader.
        unit_id=process.unit_id if own else None,
        unit=process.unit.name if process.unit else None,
        lock_version=process.lock_version,
        version=VersionOut.from_orm(version),
        versions=versions,
        metrics=MetricsOut(**{k: getattr(metrics, k) for k in MetricsOut.model_fields})
        if metrics
        else None,
        tasks=tasks,
    )


@router.get("/processes", response=list[ProcessListOut], summary="Processes the caller may read")
@paginate(Pages, page_size=50)
def process_list(request: AuthenticatedRequest, filters: Query[ProcessQuery]) -> Any:
    db_int(filters.municipality)  # a too-large id is refused alike on every database
    db_int(filters.unit)
    return selectors.process_list_paged(
        user=request.user, filters=selectors.ProcessFilters(**filters.dict()), only=LIST_FIELDS
    )


@router.post("/processes", response={201: CreatedOut}, summary="Create a process (blank as-is map)")
def process_create(request: AuthenticatedRequest, payload: ProcessIn) -> Status[CreatedOut]:
    fields = payload.dict()
    _unit_from(request.user, fields)
    _owner_user(request, fields)
    process = services.process_create(user=request.user, **fields)
    return Status(201, CreatedOut(id=process.pk))


@router.post("/processes/import", response={201: ImportedOut}, summary="Import a .bpmn file")
def process_import(
    request: AuthenticatedRequest, file: File[UploadedFile], name: Form[str] = ""
) -> Status[ImportedOut]:
    limit = services.common.upload_limit_bytes()
    data = file.read(limit + 1)
    result = services.process_import_bpmn(
        user=request.user, data=data, name=name, filename=file.name or ""
    )
    return Status(201, ImportedOut(id=result.process.pk, notices=result.notices))


@router.get(
    "/processes/{process_id}", response=ProcessOut, summary="A process with figures and tasks"
)
def process_get(request: AuthenticatedRequest, process_id: int) -> ProcessOut:
    process = selectors.access_process(user=request.user, process_id=process_id)
    return _process_out(process, request.user)


@router.patch("/processes/{process_id}", response=ProcessOut, summary="Change a process's facts")
def process_update(
    request: AuthenticatedRequest, process_id: int, payload: ProcessPatch
) -> ProcessOut:
    process = selectors.access_process_for_edit(user=request.user, process_id=process_id)
    changes = payload.dict(exclude_unset=True)
    lock_version = changes.pop("lock_version")
    _unit_from(request.user, changes)
    _owner_user(request, changes)
    updated = services.process_update(
        user=request.user, process=process, lock_version=lock_version, **changes
    )
    return _process_out(updated, request.user)


@router.delete("/processes/{process_id}", response={204: None}, summary="Delete a process")
def process_delete(request: AuthenticatedRequest, process_id: int) -> Status[None]:
    process = selectors.access_process_for_edit(user=request.user, process_id=process_id)
    services.process_delete(user=request.user, process=process)
    return Status(204, None)


@router.get(
    "/processes/{process_id}/bpmn",
    summary="The as-is version's BPMN XML",
    openapi_extra={
        "responses": {
            200: {
                "description": "BPMN 2.0 XML",
                "content": {"application/xml": {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    },
)
def process_bpmn(request: AuthenticatedRequest, process_id: int) -> HttpResponse:
    process = selectors.access_process(user=request.user, process_id=process_id)
    version = selectors.primary_version(process=process)
    return HttpResponse(
        version.bpmn_xml.encode("utf-8"), content_type="application/xml; charset=utf-8"
    )


class MeasuredTaskOut(TaskOut):
    lock_version: int = Field(..., description="The as-is version's revision after the change.")


@router.put(
    "/processes/{process_id}/tasks/{task_id}/measurements",
    response=MeasuredTaskOut,
    summary="Set a task's measurements (written into the BPMN)",
)
def task_measurements(
    request: AuthenticatedRequest, process_id: int, task_id: str, payload: MeasurementsIn
) -> MeasuredTaskOut:
    process = selectors.access_process_for_edit(user=request.user, process_id=process_id)
    version = selectors.primary_version(process=process)
    values = payload.dict()
    base_revision = values.pop("lock_version")
    updated = services.task_measurements_set(
        user=request.user,
        version=version,
        task_id=task_id,
        measurements=TaskMeasurements(**values),
        base_revision=base_revision,
    )
    out = _process_out(process)
    task = next((t for t in out.tasks if t.id == task_id), None)
    if task is None:  # cannot happen: the service refused unknown ids
        raise UserError(_("Opgaven findes ikke."))
    return MeasuredTaskOut(**task.dict(), lock_version=updated.revision)


class KleOut(Schema):
    code: str
    title: str
    level: int = Field(..., description="1 main group (NN), 2 group (NN.NN), 3 topic (NN.NN.NN)")
    parent_code: str
    label: str


@router.get(
    "/kle",
    response=list[KleOut],
    summary="Look up KLE numbers by number or words",
    description=(
        "Entries of the imported KLE plan (KL's KLE-Emneplan), best first: `q=02.34` gives the "
        "group and its topics, `q=byggesag` the entries whose title holds the word. Without an "
        "imported plan only the main groups are known. Expired entries are left out."
    ),
)
def kle_lookup(
    request: AuthenticatedRequest,
    q: str = Query("", max_length=100),
    limit: int = Query(20, ge=1, le=100),
) -> list[KleOut]:
    entries = selectors.kle_search(user=request.user, q=q, limit=limit)
    return [
        KleOut(
            code=e.code,
            title=e.title,
            level=int(e.level),
            parent_code=e.parent_code,
            label=e.label,
        )
        for e in entries
    ]
