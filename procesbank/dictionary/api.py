"""API of the dictionary: IT systems (shared) and the caller's municipality's roles."""

from __future__ import annotations

from uuid import UUID

from ninja import Query, Router, Schema

from procesbank.dictionary import selectors
from procesbank.organisations.models import AuthenticatedRequest

router = Router(tags=["dictionary"])


class ItSystemOut(Schema):
    id: int
    name: str
    vendor: str
    kitos_uuid: UUID | None
    spellings: list[str]


class RoleOut(Schema):
    id: int
    name: str
    description: str


@router.get(
    "/it-systems",
    response=list[ItSystemOut],
    summary="IT systems of the shared dictionary",
    description="Names starting with `q` first, then names, vendors or spellings holding it.",
)
def it_system_lookup(
    request: AuthenticatedRequest,
    q: str = Query("", max_length=100),
    limit: int = Query(20, ge=1, le=100),
) -> list[ItSystemOut]:
    systems = selectors.it_system_suggestions(user=request.user, q=q, limit=limit)
    return [
        ItSystemOut(
            id=s.pk,
            name=s.name,
            vendor=s.vendor,
            kitos_uuid=s.kitos_uuid,
            spellings=[a.text for a in s.aliases.all()],
        )
        for s in systems
    ]


@router.get(
    "/roles",
    response=list[RoleOut],
    summary="Roles (job functions) of the caller's municipality",
)
def role_lookup(
    request: AuthenticatedRequest,
    q: str = Query("", max_length=100),
    limit: int = Query(20, ge=1, le=100),
) -> list[RoleOut]:
    roles = selectors.role_list(user=request.user, q=q)[:limit]
    return [RoleOut(id=r.pk, name=r.name, description=r.description) for r in roles]
