"""Demo data for the organisational units (issue #14): a realistic tree in each demo
municipality (forvaltning > afdeling > team), the demo users placed in their units and the
demo processes given their owning units.

Idempotent: units are found by their unit id (``<kommunekode>-<nnn>``); a user or process that
has a unit already keeps it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from procesbank.organisations.models import Municipality, OrganisationalUnit, UnitKind, User
from procesbank.processes.models import Process

F, A, T = UnitKind.FORVALTNING, UnitKind.AFDELING, UnitKind.TEAM


@dataclass(frozen=True)
class DemoUnit:
    number: int  # the unit id is "<kommunekode>-<number>"
    name: str
    kind: str
    parent: int | None = None


# One tree for all seven, as their organisations look alike; the staff directorate's name is
# the municipality's own (STAFF_NAMES).
TREE = [
    DemoUnit(100, "Borger og Arbejdsmarked", F),
    DemoUnit(110, "Jobcenter", A, 100),
    DemoUnit(111, "Team Ydelse", T, 110),
    DemoUnit(112, "Team Virksomhedsservice", T, 110),
    DemoUnit(120, "Borgerservice", A, 100),
    DemoUnit(121, "Team Folkeregister", T, 120),
    DemoUnit(122, "Team Pas og Kørekort", T, 120),
    DemoUnit(200, "Teknik og Miljø", F),
    DemoUnit(210, "Byggeri", A, 200),
    DemoUnit(211, "Team Byggesag", T, 210),
    DemoUnit(212, "Team BBR og Ejendomsdata", T, 210),
    DemoUnit(220, "Natur og Miljø", A, 200),
    DemoUnit(230, "Vej og Park", A, 200),
    DemoUnit(300, "Sundhed og Omsorg", F),
    DemoUnit(310, "Visitation", A, 300),
    DemoUnit(311, "Team Praktisk og Personlig Hjælp", T, 310),
    DemoUnit(400, "Børn og Unge", F),
    DemoUnit(410, "Dagtilbud", A, 400),
    DemoUnit(411, "Team Pladsanvisning", T, 410),
    DemoUnit(500, "Økonomi og Administration", F),
    DemoUnit(510, "Økonomi", A, 500),
    DemoUnit(511, "Team Kreditorer", T, 510),
    DemoUnit(520, "HR og Løn", A, 500),
    DemoUnit(530, "Digitalisering og IT", A, 500),
    DemoUnit(531, "Team Digitalisering", T, 530),
    DemoUnit(540, "Sekretariat", A, 500),
]
STAFF_NAMES = {
    "helsingoer": "Koncernservice",
    "hilleroed": "Center for Økonomi og Digitalisering",
    "gribskov": "Økonomi, Digitalisering og HR",
}
# The owning unit of each demo process (by the start of its name).
PROCESS_UNITS = {
    "Behandling af ansøgning om enkeltydelse": 111,
    "Ansøgning om byggetilladelse": 211,
    "Ansættelse af ny medarbejder": 520,
    "Ansøgning om beboerindskudslån": 120,
    "Anmeldelse af flytning": 121,
    "Ansøgning om beboerparkeringslicens": 230,
    "Visitation til hjemmehjælp": 311,
    "Ansøgning om økonomisk friplads": 411,
    "Behandling af anmodning om aktindsigt": 540,
    "Fakturahåndtering": 511,
    "Modtagelse af ansøgning om miljøtilladelse": 220,
}
# The demo users' units, by the first part of their user name (the job titles match).
USER_UNITS = {"konsulent": 531, "admin": 530, "samarbejde": 531}
READER_UNITS = {
    "fredensborg": 111,
    "frederikssund": 211,
    "gribskov": 120,
    "halsnaes": 110,
    "helsingoer": 111,
    "hilleroed": 211,
    "hoersholm": 540,
}


def unit_id(municipality: Municipality, number: int) -> str:
    return f"{municipality.code}-{number}"


@transaction.atomic
def load_units() -> int:
    """Create the missing demo units and place users and processes; returns the new units."""
    created = 0
    for municipality in Municipality.objects.order_by("name"):
        units = {
            unit.external_id: unit
            for unit in OrganisationalUnit.objects.filter(municipality=municipality)
        }
        for demo in TREE:
            key = unit_id(municipality, demo.number)
            if key in units:
                continue
            name = demo.name
            if demo.number == 500:
                name = STAFF_NAMES.get(municipality.slug, name)
            parent = units[unit_id(municipality, demo.parent)] if demo.parent else None
            units[key] = OrganisationalUnit.objects.create(
                municipality=municipality, parent=parent, name=name, kind=demo.kind, external_id=key
            )
            created += 1
        _place_users(municipality, units)
        _place_processes(municipality, units)
    return created


def _place_users(municipality: Municipality, units: dict[str, OrganisationalUnit]) -> None:
    for user in User.objects.filter(municipality=municipality, unit__isnull=True):
        prefix = user.username.split(".", 1)[0]
        number = USER_UNITS.get(prefix)
        if prefix == "laeser":
            number = READER_UNITS.get(municipality.slug)
        unit = units.get(unit_id(municipality, number)) if number else None
        if unit is not None:
            User.objects.filter(pk=user.pk).update(unit=unit)


def _place_processes(municipality: Municipality, units: dict[str, OrganisationalUnit]) -> None:
    # A plain update: placing the demo's processes is no edit a user made (no audit row, and
    # the processes' change stamps stay as the process demo left them).
    for process in Process.objects.filter(municipality=municipality, unit__isnull=True):
        number = next(
            (n for start, n in PROCESS_UNITS.items() if process.name.startswith(start)), None
        )
        unit = units.get(unit_id(municipality, number)) if number else None
        if unit is not None:
            Process.objects.filter(pk=process.pk).update(unit=unit)
