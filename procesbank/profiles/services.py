"""Writing a municipality's profile ("Kommuneprofil"): only its own administrators."""

from __future__ import annotations

from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from procesbank.catalogue.models import Technology
from procesbank.dictionary.selectors import canonical_it_systems
from procesbank.kit.locking import locked_update
from procesbank.organisations.audit import audited
from procesbank.organisations.models import Municipality, User
from procesbank.profiles.models import MunicipalityProfile
from procesbank.profiles.selectors import can_edit_profile

MAX_IT_SYSTEMS = 50
IT_SYSTEM_MAX_CHARS = 100


def _clean_it_systems(it_systems: list[str]) -> list[str]:
    """Trimmed, without empty ones and without repeats that differ only in case."""
    seen: dict[str, str] = {}
    for system in it_systems:
        name = str(system).strip()
        if len(name) > IT_SYSTEM_MAX_CHARS:
            raise ValidationError(
                {
                    "it_systems": _("Et it-systems navn må højst have %(max)s tegn.")
                    % {"max": IT_SYSTEM_MAX_CHARS}
                }
            )
        if name:
            seen.setdefault(name.lower(), name)
    if len(seen) > MAX_IT_SYSTEMS:
        raise ValidationError(
            {"it_systems": _("Højst %(max)s it-systemer.") % {"max": MAX_IT_SYSTEMS}}
        )
    return canonical_it_systems(list(seen.values()))


def _clean_technologies(technologies: list[str]) -> list[str]:
    unknown = sorted(set(technologies) - set(Technology.values))
    if unknown:
        raise ValidationError(
            {"technologies": _("Ukendt teknologi: %(values)s.") % {"values": ", ".join(unknown)}}
        )
    # In the order of the choices, so the page and the API always list them alike.
    return [t for t in Technology.values if t in technologies]


@transaction.atomic
def municipality_profile_update(
    *,
    user: User,
    municipality: Municipality,
    lock_version: int,
    contact_person: str = "",
    contact_email: str = "",
    contact_phone: str = "",
    website: str = "",
    technologies: list[str] | None = None,
    it_systems: list[str] | None = None,
) -> MunicipalityProfile:
    """Save the profile of the administrator's own municipality. ``lock_version`` is the one
    the form was loaded with (1 for a profile never saved)."""
    if not can_edit_profile(user=user, municipality=municipality):
        raise PermissionDenied
    profile, _created = MunicipalityProfile.objects.get_or_create(municipality=municipality)
    return locked_update(
        user=user,
        instance=profile,
        lock_version=lock_version,
        changes={
            "contact_person": contact_person.strip(),
            "contact_email": contact_email.strip(),
            "contact_phone": contact_phone.strip(),
            "website": website.strip(),
            "technologies": _clean_technologies(technologies or []),
            "it_systems": _clean_it_systems(it_systems or []),
        },
        audit=partial(audited, municipality=municipality),
    )
