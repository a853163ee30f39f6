"""API: who am I, and which municipalities are in my collaboration."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema

from procesbank.organisations import selectors

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
def me(request: HttpRequest) -> MeOut:
    user = request.user
    municipality = user.municipality  # type: ignore[union-attr]
    return MeOut(
        username=user.get_username(),
        role=user.role,  # type: ignore[union-attr]
        municipality=MunicipalityOut.from_orm(municipality) if municipality else None,
    )


@router.get(
    "/municipalities",
    response=list[MunicipalityOut],
    summary="The municipalities of the caller's collaboration",
)
def municipalities(request: HttpRequest) -> list[MunicipalityOut]:
    return list(selectors.municipality_list(user=request.user))  # type: ignore[arg-type]
