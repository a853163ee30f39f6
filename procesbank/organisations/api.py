"""API: who am I, and which municipalities are in my collaboration."""

from __future__ import annotations

from ninja import Router, Schema

from procesbank.organisations import selectors
from procesbank.organisations.models import AuthenticatedRequest

router = Router(tags=["organisations"])


class MunicipalityOut(Schema):
    code: str
    name: str
    slug: str
    population: int


class MeOut(Schema):
    username: str
    role: str
    municipality: MunicipalityOut | None


@router.get("/me", response=MeOut, summary="The calling user")
def me(request: AuthenticatedRequest) -> MeOut:
    user = request.user
    municipality = user.municipality
    return MeOut(
        username=user.get_username(),
        role=user.role,
        municipality=MunicipalityOut.from_orm(municipality) if municipality else None,
    )


@router.get(
    "/municipalities",
    response=list[MunicipalityOut],
    summary="The municipalities of the caller's collaboration",
)
def municipalities(request: AuthenticatedRequest) -> list[MunicipalityOut]:
    return [MunicipalityOut.from_orm(m) for m in selectors.municipality_list(user=request.user)]
