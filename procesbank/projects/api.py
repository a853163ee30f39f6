"""API of projects; the same services and selectors as the pages."""

from typing import Any

from ninja import Field, Router, Schema
from ninja.responses import Status

from procesbank.organisations.models import AuthenticatedRequest
from procesbank.projects import selectors, services
from procesbank.projects.models import Project, ProjectPhase

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


class ProjectIn(Schema):
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


@router.get("/projects", response=list[ProjectOut], summary="The own municipality's projects")
def project_list(request: AuthenticatedRequest) -> Any:
    return [_project_out(project) for project in selectors.project_list(user=request.user)]


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
