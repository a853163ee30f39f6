"""Demo data of the competence programme: the seven municipalities' cohort of a programme with
four modules, twelve enrolled consultants of whom nine were examined (grades 12, 12, 12, 12,
12, 12, 10, 7 and 02: sum 91, average 91 / 9 = 10.11, shown "10,1"), and a follow-up workshop
with an evaluation and improvement actions, two of them overdue.

Idempotent: rows are looked up by their natural keys and left alone when they exist. Needs the
organisations demo (users ``samarbejde.admin`` and ``admin.<slug>``); processes are optional.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from procesbank.competence import services
from procesbank.competence.models import (
    ActionStatus,
    Cohort,
    CohortSeats,
    Consultant,
    Enrolment,
    Programme,
    Workshop,
)
from procesbank.handbook.models import Page as HandbookPage
from procesbank.organisations.models import Municipality, User
from procesbank.processes.selectors import ProcessFilters, process_list

PROGRAMME = "Procesbank-akademiet"
SUPPLIER = "Nordsjællands Erhvervsakademi"
MODULES = [
    "Procesoptimering",
    "Gevinstrealisering",
    "Forandringsledelse",
    "Kommunikationspsykologi",
]
COHORT = "Hold 2026"
PRICE = Decimal("250000.00")
SEATS = {
    "fredensborg": 2,
    "frederikssund": 2,
    "gribskov": 2,
    "halsnaes": 1,
    "helsingoer": 3,
    "hilleroed": 3,
    "hoersholm": 2,
}
# (municipality slug, name, login or "", grade or None). Nine grades summing to 91.
PEOPLE: list[tuple[str, str, str, str | None]] = [
    ("fredensborg", "Mette Lund", "konsulent.fredensborg", "12"),
    ("fredensborg", "Anders Holm", "", None),
    ("frederikssund", "Sofie Brandt", "konsulent.frederikssund", "10"),
    ("gribskov", "Jonas Krogh", "konsulent.gribskov", "12"),
    ("gribskov", "Line Dam", "", "7"),
    ("halsnaes", "Peter Vinther", "konsulent.halsnaes", "02"),
    ("helsingoer", "Camilla Friis", "konsulent.helsingoer", "12"),
    ("helsingoer", "Rasmus Bech", "", "12"),
    ("hilleroed", "Karen Thorsen", "konsulent.hilleroed", "12"),
    ("hilleroed", "Mikkel Juhl", "", "12"),
    ("hilleroed", "Nanna Skov", "", None),
    ("hoersholm", "Ida Winther", "konsulent.hoersholm", None),
]
WORKSHOP = "Erfaringsworkshop: gevinster i praksis"
# (title, owner username, days from today, status)
#: The section of the method handbook each module teaches (demo/handbook loads the pages).
MODULE_SECTIONS = {
    "Procesoptimering": "mapping",
    "Gevinstrealisering": "benefits",
    "Forandringsledelse": "change",
    "Kommunikationspsykologi": "change",
}
#: Actions that are to change a page of the handbook: the page's title.
ACTION_PAGES = {
    "Skabelon til gevinstdiagram i Procesbank": "Gevinstrealisering: KPI, baseline, mål og ejer",
    "Fælles målepunkter for borgerservice": "Tidsmåling med et tidsstudie",
}
ACTIONS = [
    ("Skabelon til gevinstdiagram i Procesbank", "konsulent.helsingoer", -14, ActionStatus.OPEN),
    ("Fælles målepunkter for borgerservice", "konsulent.gribskov", -3, ActionStatus.IN_PROGRESS),
    ("Netværksmøde for procesfolk hvert kvartal", "samarbejde.admin", 30, ActionStatus.OPEN),
    ("Del kortlægningen af byggesager", "konsulent.hilleroed", -30, ActionStatus.DONE),
]


@transaction.atomic
def load_competence() -> int:
    """Create the missing competence demo rows; returns how many enrolments were created."""
    admin = User.objects.filter(username="samarbejde.admin").first()
    if admin is None or admin.municipality is None:
        return 0
    programme = Programme.objects.filter(
        collaboration_id=admin.municipality.collaboration_id, name=PROGRAMME
    ).first() or services.programme_create(
        user=admin,
        name=PROGRAMME,
        supplier=SUPPLIER,
        modules=MODULES,
        description=(
            "Uddannelse i procesoptimering og gevinstrealisering for kommunernes konsulenter."
        ),
    )
    for module in programme.modules.filter(handbook_section=""):
        if module.name in MODULE_SECTIONS:
            services.module_handbook_section_set(
                user=admin, module=module, section=MODULE_SECTIONS[module.name]
            )
    cohort = Cohort.objects.filter(programme=programme, name=COHORT).first()
    if cohort is None:
        cohort = services.cohort_create(
            user=admin,
            programme=programme,
            name=COHORT,
            start_date=datetime.date(2026, 2, 2),
            end_date=datetime.date(2026, 6, 19),
            price=PRICE,
        )
    by_slug = {m.slug: m for m in Municipality.objects.filter(slug__in=SEATS)}
    for slug, seats in SEATS.items():
        municipality = by_slug.get(slug)
        if (
            municipality
            and not CohortSeats.objects.filter(cohort=cohort, municipality=municipality).exists()
        ):
            services.cohort_seats_set(
                user=admin, cohort=cohort, municipality=municipality, seats=seats
            )
    created = sum(_enrol(admin, cohort, person, n) for n, person in enumerate(PEOPLE))
    _workshop(admin, cohort)
    return created


def _enrol(
    admin: User, cohort: Cohort, person: tuple[str, str, str, str | None], number: int
) -> int:
    slug, name, login, grade = person
    municipal_admin = User.objects.filter(username=f"admin.{slug}").first()
    if municipal_admin is None or municipal_admin.municipality is None:
        return 0
    consultant = Consultant.objects.filter(
        municipality=municipal_admin.municipality, name=name
    ).first() or services.consultant_create(
        user=municipal_admin, name=name, login=User.objects.filter(username=login).first()
    )
    if Enrolment.objects.filter(cohort=cohort, consultant=consultant).exists():
        return 0
    enrolment = services.enrolment_create(
        user=municipal_admin, cohort=cohort, consultant=consultant
    )
    # Each graduate's final assignment improves a different process of their municipality.
    processes = list(
        process_list(
            user=municipal_admin,
            filters=ProcessFilters(municipality=municipal_admin.municipality.pk),
        ).order_by("name")[:10]
    )
    process = processes[number % len(processes)] if processes else None
    services.enrolment_update(
        user=municipal_admin,
        enrolment=enrolment,
        attended_modules=list(cohort.programme.modules.all())[: 4 if grade else 3],
        assignment_title=f"Optimering af {process.name.lower()}" if process else "",
        assignment_process_id=process.pk if process else None,
    )
    if grade is not None:
        services.enrolment_grade_set(
            user=admin,
            enrolment=enrolment,
            grade=grade,
            external_examiner=True,
            examined_on=datetime.date(2026, 6, 19),
        )
    return 1


def _workshop(admin: User, cohort: Cohort) -> None:
    if Workshop.objects.filter(cohort=cohort, title=WORKSHOP).exists():
        return
    today = timezone.localdate()
    workshop = services.workshop_create(
        user=admin,
        title=WORKSHOP,
        held_on=today - datetime.timedelta(days=21),
        agenda="1. Hvad virkede?\n2. Gevinster, vi har hentet\n3. Hvad gør vi nu?",
        findings=(
            "Gevinstdiagrammer gør samtalen med ledelsen konkret.\n"
            "Målinger før og efter mangler ofte; aftal målepunkter tidligt."
        ),
        cohort=cohort,
        participants=Consultant.objects.filter(enrolments__cohort=cohort),
    )
    for usefulness, relevance, organisation, comment in [
        (5, 5, 4, "Meget konkret."),
        (4, 5, 4, ""),
        (4, 4, 3, "Mere tid til erfaringsudveksling."),
    ]:
        services.workshop_evaluation_add(
            user=admin,
            workshop=workshop,
            usefulness=usefulness,
            relevance=relevance,
            organisation=organisation,
            comment=comment,
        )
    for title, username, days, status in ACTIONS:
        owner = User.objects.filter(username=username).first()
        if owner is None:
            continue
        page = HandbookPage.objects.filter(title=ACTION_PAGES.get(title, "")).first()
        action = services.action_create(
            user=admin,
            workshop=workshop,
            title=title,
            owner=owner,
            deadline=today + datetime.timedelta(days=days),
            handbook_page_id=page.pk if page else None,
        )
        if status != ActionStatus.OPEN:
            services.action_status_set(user=admin, action=action, status=status)
