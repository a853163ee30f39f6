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
class DemoPerson:
    first_name: str
    last_name: str
    job_title: str


# Who the demo users are (issue #14): names and titles as Danish municipalities have them. The
# consultants are the ones the competence demo enrols (demo/competence.py PEOPLE).
PEOPLE: dict[str, DemoPerson] = {
    "laeser.fredensborg": DemoPerson("Birgitte", "Holm Jensen", "Sagsbehandler"),
    "konsulent.fredensborg": DemoPerson("Mette", "Lund", "Digitaliseringskonsulent"),
    "admin.fredensborg": DemoPerson("Henrik", "Mortensen", "Digitaliseringschef"),
    "laeser.frederikssund": DemoPerson("Lone", "Kristiansen", "Byggesagsbehandler"),
    "konsulent.frederikssund": DemoPerson("Sofie", "Brandt", "Proceskonsulent"),
    "admin.frederikssund": DemoPerson("Thomas", "Bak", "IT- og digitaliseringschef"),
    "laeser.gribskov": DemoPerson("Pia", "Nørgaard", "Teamleder, Borgerservice"),
    "konsulent.gribskov": DemoPerson("Jonas", "Krogh", "Forretningsudvikler"),
    "admin.gribskov": DemoPerson("Susanne", "Lauridsen", "Digitaliseringschef"),
    "laeser.halsnaes": DemoPerson("Kim", "Andersen", "Jobkonsulent"),
    "konsulent.halsnaes": DemoPerson("Peter", "Vinther", "Digitaliseringskonsulent"),
    "admin.halsnaes": DemoPerson("Hanne", "Skov Larsen", "Leder af Digitalisering og IT"),
    "laeser.helsingoer": DemoPerson("Maria", "Østergaard", "Sagsbehandler, Ydelse"),
    "konsulent.helsingoer": DemoPerson("Camilla", "Friis", "Proceskonsulent"),
    "admin.helsingoer": DemoPerson("Jesper", "Dahl", "Digitaliseringschef"),
    "laeser.hilleroed": DemoPerson("Ole", "Sørensen", "Byggesagsbehandler"),
    "konsulent.hilleroed": DemoPerson("Karen", "Thorsen", "Digitaliseringskonsulent"),
    "admin.hilleroed": DemoPerson("Anne-Mette", "Hvid", "Chefkonsulent, Digitalisering"),
    "laeser.hoersholm": DemoPerson("Julie", "Kjær", "Administrativ medarbejder"),
    "konsulent.hoersholm": DemoPerson("Ida", "Winther", "Proceskonsulent"),
    "admin.hoersholm": DemoPerson("Lars", "Bendtsen", "IT-chef"),
    "samarbejde.admin": DemoPerson(
        "Charlotte", "Aagaard", "Sekretariatsleder, Nordsjællands Digitaliseringssamarbejde"
    ),
}


def _demo_email(person: DemoPerson, municipality: Municipality) -> str:
    """Initials at the municipality's domain, as many municipalities write addresses
    ("mlu@fredensborg.dk"); "ø" and "æ" as the address allows them."""
    initials = (person.first_name[:1] + person.last_name.split()[-1][:2]).casefold()
    initials = initials.replace("ø", "oe").replace("æ", "ae").replace("å", "aa")
    return f"{initials}@{municipality.slug}.dk"


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
    _name(user, municipality)
    return DemoAccount(
        username=user.username, role=user.get_role_display(), municipality=municipality.name
    )


def _name(user: User, municipality: Municipality) -> None:
    """Give a demo user their name, title and e-mail; only the fields still empty, so a
    second run (or a name the demo's user changed on their profile) is left as it is."""
    person = PEOPLE.get(user.username)
    if person is None:
        return
    wanted = {
        "first_name": person.first_name,
        "last_name": person.last_name,
        "job_title": person.job_title,
        "email": _demo_email(person, municipality),
    }
    empty = {name: value for name, value in wanted.items() if not getattr(user, name)}
    if empty:
        for name, value in empty.items():
            setattr(user, name, value)
        user.save(update_fields=list(empty))
