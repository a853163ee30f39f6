"""API of projects; the same services and selectors as the pages."""

from datetime import datetime
from typing import Any

from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.responses import Status

from procesbank.kit.api import BodySchema
from procesbank.organisations.models import AuthenticatedRequest
from procesbank.projects import selectors, services
from procesbank.projects.engine import gates
from procesbank.projects.models import GateCriterion, Project, ProjectPhase

router = Router(tags=["projects"])


class ProjectOut(Schema):
    id: int
    name: str
    municipality: str
    description: str
    phase: str
    owner: str | None
    as_is_version_id: int | None
    to_be_version_id: int | None
    lock_version: int


class ProjectIn(BodySchema):
    name: str = Field(..., min_length=1, max_length=200)
    description: str = ""
    phase: ProjectPhase = ProjectPhase.IDEA
    as_is_version_id: int | None = None
    to_be_version_id: int | None = None


class CreatedOut(Schema):
    id: int


def _project_out(project: Project) -> ProjectOut:
    return ProjectOut(
        id=project.pk,
        name=project.name,
        municipality=project.municipality.name,
        description=project.description,
        phase=project.phase,
        owner=project.owner.get_username() if project.owner else None,
        as_is_version_id=project.as_is_version_id,
        to_be_version_id=project.to_be_version_id,
        lock_version=project.lock_version,
    )


# Not paged: a user reads the own municipality's projects and the joint projects it takes part
# in (about 50 at national scale, as in one municipality of the demo), so the list grows with
# one municipality's portfolio, not with the country; a page would change the response's
# shape for every client for no gain. One query of plain values, no model objects.
@router.get("/projects", response=list[ProjectOut], summary="The own municipality's projects")
def project_list(request: AuthenticatedRequest) -> Any:
    return [
        {
            "id": row["id"],
            "name": row["name"],
            "municipality": row["municipality_name"],
            "description": row["description"],
            "phase": row["phase"],
            "owner": row["owner_username"],
            "as_is_version_id": row["as_is_version_id"],
            "to_be_version_id": row["to_be_version_id"],
            "lock_version": row["lock_version"],
        }
        for row in selectors.project_values(user=request.user)
    ]


@router.post("/projects", response={201: CreatedOut}, summary="Create a project")
def project_create(request: AuthenticatedRequest, payload: ProjectIn) -> Status[CreatedOut]:
    data: dict[str, Any] = payload.dict()
    for key in ("as_is_version", "to_be_version"):
        version_id = data.pop(f"{key}_id")
        if version_id is not None:
            data[key] = selectors.access_version(user=request.user, version_id=version_id)
    project = services.project_create(user=request.user, owner=request.user, **data)
    return Status(201, CreatedOut(id=project.pk))


@router.get("/projects/{project_id}", response=ProjectOut, summary="One project")
def project_get(request: AuthenticatedRequest, project_id: int) -> ProjectOut:
    return _project_out(selectors.access_project(user=request.user, project_id=project_id))


# --- The gate out of the current phase ------------------------------------------------------


class GateItemOut(Schema):
    criterion: str
    label: str
    automatic: bool
    met: bool


class GateOut(Schema):
    """The gate out of the project's phase: automatic criteria are checked from the data,
    manual ones are confirmed (or any one waived with a reason) when advancing."""

    phase: str
    next_phase: str | None
    lock_version: int
    items: list[GateItemOut]


class AdvanceIn(BodySchema):
    lock_version: int
    confirmed: list[GateCriterion] = Field(
        [], description="Manual criteria the user confirms as met."
    )
    waived: dict[GateCriterion, str] = Field(
        {}, description="Criteria not met, each with the reason it is waived."
    )


class TransitionOut(Schema):
    from_phase: str
    to_phase: str
    at: datetime
    by: str | None
    checklist: dict[str, dict[str, Any]]
    lock_version: int


@router.get(
    "/projects/{project_id}/gate",
    response=GateOut,
    summary="The gate criteria a project must meet or waive to leave its phase",
)
def project_gate(request: AuthenticatedRequest, project_id: int) -> GateOut:
    project = selectors.access_project(user=request.user, project_id=project_id)
    return GateOut(
        phase=project.phase,
        next_phase=gates.next_phase(project.phase),
        lock_version=project.lock_version,
        items=[
            GateItemOut(
                criterion=item.criterion,
                label=_(item.label),
                automatic=item.automatic,
                met=item.met,
            )
            for item in selectors.gate_items(project=project)
        ],
    )


@router.post(
    "/projects/{project_id}/advance",
    response=TransitionOut,
    summary="Move a project through its gate to the next phase",
)
def project_advance(
    request: AuthenticatedRequest, project_id: int, payload: AdvanceIn
) -> TransitionOut:
    project = selectors.access_project_for_edit(user=request.user, project_id=project_id)
    transition = services.project_advance(
        user=request.user,
        project=project,
        lock_version=payload.lock_version,
        confirmed=frozenset(criterion.value for criterion in payload.confirmed),
        reasons={criterion.value: reason for criterion, reason in payload.waived.items()},
    )
    return TransitionOut(
        from_phase=transition.from_phase,
        to_phase=transition.to_phase,
        at=transition.at,
        by=transition.by.get_username() if transition.by else None,
        checklist=transition.checklist,
        lock_version=transition.project.lock_version,
    )
