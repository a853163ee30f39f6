"""Demo data for the organisations: the collaboration, its seven municipalities and their users.

Idempotent: running it twice changes nothing (rows are looked up by natural keys, passwords are
only set when a user is created).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from procesbank.organisations.models import Collaboration, Municipality, Role, User

COLLABORATION_NAME = "Nordsjællands Digitaliseringssamarbejde"
COLLABORATION_FOUNDED = 2016
# The collaboration administrator must belong to a municipality (every user does); the demo
# places them in Hillerød.
COLLABORATION_ADMIN_HOME = "hilleroed"


@dataclass(frozen=True)
class DemoMunicipality:
    name: str
    code: str
    slug: str
    population: int


# Populations: Statistics Denmark (table FOLK1A), 1 January 2025, rounded to the nearest ten.
MUNICIPALITIES = [
    DemoMunicipality("Fredensborg", "210", "fredensborg", 41_540),
    DemoMunicipality("Frederikssund", "250", "frederikssund", 46_960),
    DemoMunicipality("Gribskov", "270", "gribskov", 41_990),
    DemoMunicipality("Halsnæs", "260", "halsnaes", 31_850),
    DemoMunicipality("Helsingør", "217", "helsingoer", 64_210),
    DemoMunicipality("Hillerød", "219", "hilleroed", 54_890),
    DemoMunicipality("Hørsholm", "223", "hoersholm", 25_770),
]

_USER_ROLES = [("laeser", Role.LAESER), ("konsulent", Role.KONSULENT), ("admin", Role.KOMMUNEADMIN)]


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: str
    municipality: str


@transaction.atomic
def load_organisations(*, password: str) -> list[DemoAccount]:
    """Create (or find) the collaboration, municipalities and demo users; return the accounts."""
    collaboration, _ = Collaboration.objects.get_or_create(
        name=COLLABORATION_NAME, defaults={"founded": COLLABORATION_FOUNDED}
    )
    accounts: list[DemoAccount] = []
    for demo in MUNICIPALITIES:
        municipality, _ = Municipality.objects.get_or_create(
            code=demo.code,
            defaults={
                "collaboration": collaboration,
                "name": demo.name,
                "slug": demo.slug,
                "population": demo.population,
            },
        )
        for prefix, role in _USER_ROLES:
            accounts.append(_ensure_user(f"{prefix}.{demo.slug}", role, municipality, password))
    home = Municipality.objects.get(slug=COLLABORATION_ADMIN_HOME)
    accounts.append(_ensure_user("samarbejde.admin", Role.SAMARBEJDSADMIN, home, password))
    return accounts


def _ensure_user(
    username: str, role: str, municipality: Municipality, password: str
) -> DemoAccount:
    user, created = User.objects.get_or_create(
        username=username, defaults={"role": role, "municipality": municipality}
    )
    if created:
        user.set_password(password)
        user.save(update_fields=["password"])
    return DemoAccount(
        username=user.username, role=user.get_role_display(), municipality=municipality.name
    )
