"""API of the municipality profile ("Kommuneprofil"); the same services and selectors as the
pages. Mounted by procesbank.api."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from ninja import Field, Router, Schema

from procesbank.catalogue.models import Technology
from procesbank.kit.api import BodySchema
from procesbank.organisations.models import AuthenticatedRequest
from procesbank.profiles import selectors as profile_selectors
from procesbank.profiles import services
from procesbank.profiles.models import MunicipalityProfile

router = Router(tags=["profiles"])


class SharedCountsOut(Schema):
    processes: int
    candidates: int
    in_operation: int
    quick_shares: int


class MunicipalityProfileOut(Schema):
    code: str
    name: str
    population: int
    contact_person: str
    contact_email: str
    contact_phone: str
    website: str
    technologies: list[str]
    it_systems: list[str]
    shared: SharedCountsOut
    updated_at: datetime | None
    lock_version: int


class MunicipalityProfilePatch(BodySchema):
    lock_version: int = Field(..., description="The lock_version the change is based on.")
    contact_person: str | None = Field(None, max_length=200)
    contact_email: str | None = Field(None, max_length=254)
    contact_phone: str | None = Field(None, max_length=30)
    website: str | None = Field(None, max_length=300)
    technologies: list[Technology] | None = None
    it_systems: list[str] | None = None


def _out(request: AuthenticatedRequest, profile: MunicipalityProfile) -> MunicipalityProfileOut:
    municipality = profile.municipality
    counts = profile_selectors.profile_shared_counts(user=request.user, municipality=municipality)
    return MunicipalityProfileOut(
        code=municipality.code,
        name=municipality.name,
        population=municipality.population,
        contact_person=profile.contact_person,
        contact_email=profile.contact_email,
        contact_phone=profile.contact_phone,
        website=profile.website,
        technologies=list(profile.technologies),
        it_systems=list(profile.it_systems),
        shared=SharedCountsOut(**counts.__dict__),
        updated_at=profile.updated_at,
        lock_version=profile.lock_version,
    )


@router.get(
    "/municipalities/{code}/profile",
    response=MunicipalityProfileOut,
    summary="A municipality's profile in the caller's collaboration",
)
def municipality_profile(request: AuthenticatedRequest, code: str) -> MunicipalityProfileOut:
    profile = profile_selectors.access_municipality_profile(user=request.user, code=code)
    return _out(request, profile)


@router.patch(
    "/municipalities/{code}/profile",
    response=MunicipalityProfileOut,
    summary="Change the profile of the caller's own municipality (its administrators only)",
)
def municipality_profile_update(
    request: AuthenticatedRequest, code: str, payload: MunicipalityProfilePatch
) -> MunicipalityProfileOut:
    profile = profile_selectors.access_municipality_profile(user=request.user, code=code)
    if not profile_selectors.can_edit_profile(user=request.user, municipality=profile.municipality):
        raise PermissionDenied
    changes = payload.dict(exclude_unset=True)
    current: dict[str, Any] = {
        "contact_person": profile.contact_person,
        "contact_email": profile.contact_email,
        "contact_phone": profile.contact_phone,
        "website": profile.website,
        "technologies": list(profile.technologies),
        "it_systems": list(profile.it_systems),
    }
    current.update({k: v for k, v in changes.items() if k != "lock_version" and v is not None})
    current["technologies"] = [str(t) for t in current["technologies"]]
    updated = services.municipality_profile_update(
        user=request.user,
        municipality=profile.municipality,
        lock_version=changes["lock_version"],
        **current,
    )
    return _out(request, updated)
