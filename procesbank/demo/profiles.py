"""Demo profiles ("Kommuneprofil") for the seven demo municipalities: contact details and the
technologies and IT systems each uses, so "Anbefalet til din kommune" has something to match.

Contact details are made up (the e-mail domain is reserved for examples); the websites are
the municipalities' public ones. Idempotent: a saved profile is left as it is.
"""

from __future__ import annotations

from dataclasses import dataclass

from procesbank.catalogue.models import Technology
from procesbank.organisations.models import Municipality, Role, User
from procesbank.profiles import services
from procesbank.profiles.models import MunicipalityProfile


@dataclass(frozen=True)
class ProfileSpec:
    website: str
    phone: str
    technologies: tuple[str, ...]
    it_systems: tuple[str, ...]


RPA, INTEGRATION, SELF_SERVICE, AI = (
    Technology.RPA,
    Technology.INTEGRATION,
    Technology.SELF_SERVICE,
    Technology.AI,
)

PROFILES = {
    "fredensborg": ProfileSpec(
        "https://www.fredensborg.dk", "+45 00 00 02 10", (RPA, SELF_SERVICE), ("Acadre", "OPUS")
    ),
    "frederikssund": ProfileSpec(
        "https://www.frederikssund.dk", "+45 00 00 02 50", (RPA,), ("SBSYS", "Prisme")
    ),
    "gribskov": ProfileSpec(
        "https://www.gribskov.dk", "+45 00 00 02 70", (RPA, INTEGRATION), ("Prisme", "SBSYS")
    ),
    "halsnaes": ProfileSpec(
        "https://www.halsnaes.dk", "+45 00 00 02 60", (SELF_SERVICE,), ("Acadre", "KMD Nexus")
    ),
    "helsingoer": ProfileSpec(
        "https://www.helsingor.dk", "+45 00 00 02 17", (RPA, AI), ("SBSYS", "KMD Nexus")
    ),
    "hilleroed": ProfileSpec(
        "https://www.hillerod.dk",
        "+45 00 00 02 19",
        (RPA, INTEGRATION, AI),
        ("Prisme", "SBSYS", "KMD Nexus"),
    ),
    "hoersholm": ProfileSpec(
        "https://www.horsholm.dk", "+45 00 00 02 23", (SELF_SERVICE, AI), ("Acadre", "CPR")
    ),
}


def load_profiles() -> int:
    """Save the missing demo profiles (as each municipality's administrator); returns how
    many were saved."""
    saved = 0
    for slug, spec in PROFILES.items():
        municipality = Municipality.objects.filter(slug=slug).first()
        if (
            municipality is None
            or MunicipalityProfile.objects.filter(municipality=municipality).exists()
        ):
            continue
        admin = User.objects.filter(municipality=municipality, role=Role.KOMMUNEADMIN).first()
        if admin is None:
            continue
        services.municipality_profile_update(
            user=admin,
            municipality=municipality,
            lock_version=1,
            contact_person="Digitaliseringsenheden",
            contact_email=f"digitalisering@{slug}.example",
            contact_phone=spec.phone,
            website=spec.website,
            technologies=list(spec.technologies),
            it_systems=list(spec.it_systems),
        )
        saved += 1
    return saved
