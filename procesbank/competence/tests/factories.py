"""Builders of competence rows for the tests (through the services, as a user would)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from procesbank.competence import services
from procesbank.competence.models import Cohort, Consultant, Enrolment, Workshop
from procesbank.organisations.models import Municipality, Role, User
from procesbank.organisations.tests.factories import (
    CollaborationFactory,
    MunicipalityFactory,
    UserFactory,
)

MODULES = [
    "Procesoptimering",
    "Gevinstrealisering",
    "Forandringsledelse",
    "Kommunikationspsykologi",
]


def collaboration_admin(municipality: Municipality) -> User:
    return UserFactory(role=Role.SAMARBEJDSADMIN, municipality=municipality)


def municipal_admin(municipality: Municipality) -> User:
    return UserFactory(role=Role.KOMMUNEADMIN, municipality=municipality)


def make_cohort(
    admin: User,
    seats: dict[Municipality, int],
    *,
    name: str = "Hold 1",
    price: Decimal = Decimal("100000.00"),
) -> Cohort:
    programme = services.programme_create(
        user=admin, name=f"Forløb {name}", supplier="Akademiet", modules=MODULES
    )
    cohort = services.cohort_create(
        user=admin,
        programme=programme,
        name=name,
        start_date=datetime.date(2026, 2, 1),
        end_date=datetime.date(2026, 6, 1),
        price=price,
    )
    for municipality, count in seats.items():
        services.cohort_seats_set(user=admin, cohort=cohort, municipality=municipality, seats=count)
    return cohort


def enrol(cohort: Cohort, municipality: Municipality, name: str) -> Enrolment:
    admin = municipal_admin(municipality)
    consultant = services.consultant_create(user=admin, name=name)
    return services.enrolment_create(user=admin, cohort=cohort, consultant=consultant)


def foreign_municipality() -> Municipality:
    return MunicipalityFactory(
        collaboration=CollaborationFactory(name="Et andet samarbejde"),
        name="Fremmedby",
        code="999",
        slug="fremmedby",
    )


def make_workshop(admin: User, *, title: str = "Workshop") -> Workshop:
    return services.workshop_create(user=admin, title=title, held_on=datetime.date(2026, 9, 1))


def consultant(municipality: Municipality, name: str, login: User | None = None) -> Consultant:
    return services.consultant_create(user=municipal_admin(municipality), name=name, login=login)
