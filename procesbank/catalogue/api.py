"""API of the shared catalogue; the same services and selectors as the pages."""

from datetime import date
from typing import TYPE_CHECKING, Any, Literal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from procesbank.catalogue import selectors, services
from procesbank.catalogue.columns import CANDIDATE, EDITABLE_FIELDS, SHARED_PROCESS
from procesbank.catalogue.models import (
    SUMMARY_MAX,
    TITLE_MAX,
    Candidate,
    CandidatePhase,
    CandidateStatus,
    Domain,
    RunSchedule,
    Technology,
    UserMark,
)
from procesbank.kit.api import BodySchema
from procesbank.kit.badinput import db_int
from procesbank.kit.pagination import Pages
from procesbank.organisations.models import AuthenticatedRequest
from procesbank.processes.models import Process, Visibility

router = Router(tags=["catalogue"])


class CatalogueQuery(Schema):
    q: str = ""
    kle: str = ""
    phase: str = ""
    technology: str = ""
    municipality: int | None = None
    sort: str = "name"
    domain: str = ""
    run_schedule: str = ""
    kl_generic: str = Field("", description="'ja': only KL's generic processes; 'nej': none.")


class _IdOut(Schema):
    id: int


# The lists' columns (catalogue/columns.py) are the fields of the output schemas, so a new
# column is in the API without a line here. A list never holds internal columns. (The type
# checker sees the hand-written base: the fields are made when the module is loaded.)
if TYPE_CHECKING:
    SharedProcessOut = _IdOut
    CandidateListOut = _IdOut
else:
    SharedProcessOut = SHARED_PROCESS.schema("SharedProcessOut", base=_IdOut, internal=False)
    CandidateListOut = CANDIDATE.schema("CandidateListOut", base=_IdOut, internal=False)


class _CandidateDetail(Schema):
    """What the candidate's page shows beyond the list columns."""

    id: int
    description: str
    problems: str
    process_id: int | None = Field(
        ..., description="The linked process; null when the caller may not read it."
    )
    process_label: str | None = Field(
        ...,
        description="The linked process's name as the caller may see it: 'en proces fra "
        "<kommune> (ikke delt)' when the caller may not read it.",
    )
    status_reason: str
    answers: dict[str, str]
    visibility: str
    interested_municipalities: list[str]
    lock_version: int
    contact_email: str
    quick_share: bool = Field(..., description="Made with the quick share; a full edit clears it.")
    internal_notes: str | None = Field(
        None, description="Only for editors of the owner municipality."
    )


CandidateOut = CANDIDATE.schema("CandidateOut", base=_CandidateDetail)


class _CandidateIn(BodySchema):
    title: str = Field(..., min_length=1, max_length=TITLE_MAX)
    summary: str = Field("", max_length=SUMMARY_MAX)
    description: str = ""
    process_id: int | None = None
    kle_code: str = ""
    phase: CandidatePhase = CandidatePhase.IDEA
    status: CandidateStatus = CandidateStatus.PENDING
    status_reason: str = ""
    technology: Technology = Technology.RPA
    it_systems: list[str] = []
    answers: dict[str, str] = {}
    internal_notes: str = ""
    visibility: Visibility = Visibility.COLLABORATION
    domains: list[Domain] = []
    run_schedule: RunSchedule | Literal[""] = ""
    kl_generic: bool = False
    kl_id: str = Field("", max_length=40)
    targets_citizens: bool = False
    targets_companies: bool = False
    vendor: str = Field("", max_length=200)
    in_operation_on: date | None = None
    decommissioned_on: date | None = None
    code_repository_url: str = Field("", max_length=500)
    esdh_reference: str = Field("", max_length=100)
    problems: str = ""
    contact_email: str = Field("", max_length=254)


class _CandidatePatch(BodySchema):
    lock_version: int
    title: str | None = Field(None, min_length=1, max_length=TITLE_MAX)
    summary: str | None = Field(None, max_length=SUMMARY_MAX)
    description: str | None = None
    kle_code: str | None = None
    phase: CandidatePhase | None = None
    status: CandidateStatus | None = None
    status_reason: str | None = None
    technology: Technology | None = None
    it_systems: list[str] | None = None
    answers: dict[str, str] | None = None
    internal_notes: str | None = None
    visibility: Visibility | None = None
    domains: list[Domain] | None = None
    run_schedule: RunSchedule | Literal[""] | None = None
    kl_generic: bool | None = None
    kl_id: str | None = Field(None, max_length=40)
    targets_citizens: bool | None = None
    targets_companies: bool | None = None
    vendor: str | None = Field(None, max_length=200)
    in_operation_on: date | None = None
    decommissioned_on: date | None = None
    code_repository_url: str | None = Field(None, max_length=500)
    esdh_reference: str | None = Field(None, max_length=100)
    problems: str | None = None
    contact_email: str | None = Field(None, max_length=254)


# Editable candidate fields with a column but without a line above (a new one) are added from
# the registry, typed as its API output. (The type checker sees the hand-written part.)
if TYPE_CHECKING:
    CandidateIn = _CandidateIn
    CandidatePatch = _CandidatePatch
else:
    CandidateIn = CANDIDATE.input_schema(
        "CandidateIn", base=_CandidateIn, model=Candidate, fields=EDITABLE_FIELDS
    )
    CandidatePatch = CANDIDATE.input_schema(
        "CandidatePatch",
        base=_CandidatePatch,
        model=Candidate,
        fields=EDITABLE_FIELDS,
        partial=True,
    )


class CreatedOut(Schema):
    id: int


class MarkedOut(Schema):
    marked: bool


class ComparisonRowOut(Schema):
    municipality: str
    population: int
    process_count: int
    yearly_volume: int
    cases_per_10000: float | None
    minutes_per_case: float | None
    hours_per_year: float
    fte_per_10000: float | None
    task_count: int
    automation_share: float | None
    best: list[str] = Field(
        ...,
        description="Columns where this municipality has the best value; only the measures "
        "comparable whatever the volume: minutes_per_case, task_count (equal process counts "
        "only), automation_share.",
    )


def _filters(query: CatalogueQuery) -> selectors.CatalogueFilters:
    db_int(query.municipality)  # a too-large id is refused alike on every database
    return selectors.CatalogueFilters(**query.dict())


def _linked_process(request: AuthenticatedRequest, process_id: int | None) -> Process | None:
    if process_id is None:
        return None
    process = selectors.linked_process_choices(user=request.user).filter(pk=process_id).first()
    if process is None:
        raise ValidationError({"process_id": _("Kandidaten kan kun knyttes til egne processer.")})
    return process


def _candidate_out(request: AuthenticatedRequest, candidate: Candidate) -> Any:
    internal = selectors.can_see_internal(user=request.user, candidate=candidate)
    interests = selectors.interest_list(candidate=candidate)
    link = selectors.candidate_process_link(user=request.user, candidate=candidate)
    return CandidateOut(
        id=candidate.pk,
        description=candidate.description,
        problems=candidate.problems,
        process_id=link.process_id if link is not None and link.live else None,
        process_label=link.label if link is not None else None,
        status_reason=candidate.status_reason,
        answers=candidate.answers,
        visibility=candidate.visibility,
        interested_municipalities=[i.municipality.name for i in interests],
        lock_version=candidate.lock_version,
        contact_email=candidate.contact_email,
        quick_share=candidate.quick_share,
        internal_notes=candidate.internal_notes if internal else None,
        **CANDIDATE.api_values(candidate, internal=internal),
    )


@router.get(
    "/catalogue/processes",
    response=list[SharedProcessOut],
    summary="Shared processes of the collaboration",
)
@paginate(Pages, page_size=50)
def catalogue_processes(request: AuthenticatedRequest, filters: Query[CatalogueQuery]) -> Any:
    chosen = _filters(filters)
    rows = selectors.catalogue_processes(user=request.user, filters=chosen)
    return selectors.catalogue_counted(user=request.user, filters=chosen, rows=rows)


@router.post(
    "/catalogue/processes/{process_id}/reuse",
    response={201: CreatedOut},
    summary="Copy a shared process into the caller's municipality (Genbrug)",
)
def process_reuse(request: AuthenticatedRequest, process_id: int) -> Status[CreatedOut]:
    source = selectors.access_shared_process(user=request.user, process_id=process_id)
    reuse = services.process_reuse(user=request.user, source=source)
    return Status(201, CreatedOut(id=reuse.copy_id))


@router.get(
    "/catalogue/candidates", response=list[CandidateListOut], summary="Automation candidates"
)
@paginate(Pages, page_size=50)
def candidate_list(request: AuthenticatedRequest, filters: Query[CatalogueQuery]) -> Any:
    chosen = _filters(filters)
    rows = selectors.catalogue_candidate_rows(user=request.user, filters=chosen)
    return selectors.catalogue_counted(user=request.user, filters=chosen, rows=rows)


@router.post("/catalogue/candidates", response={201: CreatedOut}, summary="Register a candidate")
def candidate_create(request: AuthenticatedRequest, payload: CandidateIn) -> Status[CreatedOut]:
    data = payload.dict()
    data["process"] = _linked_process(request, data.pop("process_id"))
    candidate = services.candidate_create(user=request.user, **data)
    return Status(201, CreatedOut(id=candidate.pk))


@router.get(
    "/catalogue/candidates/{candidate_id}",
    response=CandidateOut,
    summary="A candidate with its assessment and expected saving",
)
def candidate_get(request: AuthenticatedRequest, candidate_id: int) -> Any:
    candidate = selectors.access_candidate(user=request.user, candidate_id=candidate_id)
    return _candidate_out(request, candidate)


@router.patch(
    "/catalogue/candidates/{candidate_id}", response=CandidateOut, summary="Change a candidate"
)
def candidate_update(
    request: AuthenticatedRequest, candidate_id: int, payload: CandidatePatch
) -> Any:
    candidate = selectors.access_candidate_for_edit(user=request.user, candidate_id=candidate_id)
    changes = payload.dict(exclude_unset=True)
    lock_version = changes.pop("lock_version")
    updated = services.candidate_update(
        user=request.user, candidate=candidate, lock_version=lock_version, **changes
    )
    return _candidate_out(request, updated)


@router.delete(
    "/catalogue/candidates/{candidate_id}", response={204: None}, summary="Delete a candidate"
)
def candidate_delete(request: AuthenticatedRequest, candidate_id: int) -> Status[None]:
    candidate = selectors.access_candidate_for_edit(user=request.user, candidate_id=candidate_id)
    services.candidate_delete(user=request.user, candidate=candidate)
    return Status(204, None)


@router.post(
    "/catalogue/candidates/{candidate_id}/interest",
    response=MarkedOut,
    summary="Toggle 'Vi er også interesserede' for the caller's municipality",
)
def candidate_interest(request: AuthenticatedRequest, candidate_id: int) -> MarkedOut:
    candidate = selectors.access_candidate(user=request.user, candidate_id=candidate_id)
    return MarkedOut(marked=services.interest_toggle(user=request.user, candidate=candidate))


@router.post(
    "/catalogue/candidates/{candidate_id}/follow",
    response=MarkedOut,
    summary="Toggle following a candidate (e-mail on changes and comments)",
)
def candidate_follow(request: AuthenticatedRequest, candidate_id: int) -> MarkedOut:
    candidate = selectors.access_candidate(user=request.user, candidate_id=candidate_id)
    marked = services.mark_toggle(user=request.user, candidate=candidate, kind=UserMark.Kind.FOLLOW)
    return MarkedOut(marked=marked)


@router.get(
    "/catalogue/comparison",
    response=list[ComparisonRowOut],
    summary="Shared processes with a KLE number compared across municipalities",
)
def comparison(request: AuthenticatedRequest, kle: str) -> list[ComparisonRowOut]:
    rows = selectors.comparison_rows(user=request.user, kle=kle.strip())
    return [
        ComparisonRowOut(
            municipality=r.municipality,
            population=r.population,
            process_count=r.process_count,
            yearly_volume=r.yearly_volume,
            cases_per_10000=r.cases_per_10000,
            minutes_per_case=r.minutes_per_case,
            hours_per_year=r.hours_per_year,
            fte_per_10000=r.fte_per_10000,
            task_count=r.task_count,
            automation_share=r.automation_share,
            best=sorted(r.best),
        )
        for r in rows
    ]
