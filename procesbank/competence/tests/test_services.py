from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from procesbank.competence import selectors, services
from procesbank.competence.models import Consultant, Enrolment
from procesbank.competence.tests import factories
from procesbank.core.errors import UserError
from procesbank.organisations.models import AuditEntry, Role
from procesbank.processes import services as process_services


@pytest.fixture
def admin(own_municipality):
    return factories.collaboration_admin(own_municipality)


@pytest.fixture
def cohort(admin, own_municipality, other_municipality):
    return factories.make_cohort(admin, {own_municipality: 2, other_municipality: 1})


def test_programme_keeps_module_order(admin):
    programme = services.programme_create(
        user=admin, name="Akademi", supplier="Lev", modules=factories.MODULES
    )

    assert [m.name for m in programme.modules.all()] == factories.MODULES


def test_only_the_collaboration_admin_registers_programmes(make_user):
    with pytest.raises(PermissionDenied):
        services.programme_create(
            user=make_user(Role.KOMMUNEADMIN), name="A", supplier="B", modules=["C"]
        )


def test_cost_per_municipality_adds_up_to_the_price_to_the_ore(
    admin, own_municipality, other_municipality
):
    # 100.000,00 kr. / 3 seats = 33.333,333...: Helsingør (2 seats) 66.666,67, Gribskov 33.333,33
    cohort = factories.make_cohort(admin, {own_municipality: 2, other_municipality: 1})

    shares = selectors.cohort_seat_shares(cohort=cohort)

    costs = {s.municipality.name: s.cost for s in shares}
    assert costs == {"Gribskov": Decimal("33333.33"), "Helsingør": Decimal("66666.67")}
    assert sum(costs.values()) == Decimal("100000.00")


def test_municipal_admin_enrols_own_consultant_on_a_bought_seat(cohort, own_municipality):
    enrolment = factories.enrol(cohort, own_municipality, "Anne")

    assert enrolment.municipality == own_municipality
    assert AuditEntry.objects.filter(object_type="competence.Enrolment").count() == 1


def test_enrolment_beyond_the_seats_bought_is_refused(cohort, other_municipality):
    factories.enrol(cohort, other_municipality, "Første")

    with pytest.raises(ValidationError) as error:
        factories.enrol(cohort, other_municipality, "Anden")

    assert error.value.messages == [
        "Den ene plads, Gribskov har købt, er i brug. "
        "Samarbejdsadministratoren kan tilføje pladser."
    ]


def test_refused_enrolment_of_a_new_person_creates_no_person(admin, cohort, other_municipality):
    factories.enrol(cohort, other_municipality, "Første")
    municipal_admin = factories.municipal_admin(other_municipality)

    with pytest.raises(ValidationError):
        services.enrolment_create(user=municipal_admin, cohort=cohort, new_name="Ny Person")
    services.cohort_seats_set(user=admin, cohort=cohort, municipality=other_municipality, seats=2)
    enrolment = services.enrolment_create(user=municipal_admin, cohort=cohort, new_name="Ny Person")

    assert enrolment.consultant.name == "Ny Person"
    assert Consultant.objects.filter(name="Ny Person").count() == 1


def test_admin_cannot_enrol_another_municipalitys_consultant(cohort, other_municipality, make_user):
    consultant = factories.consultant(other_municipality, "Fremmed")

    with pytest.raises(PermissionDenied):
        services.enrolment_create(
            user=make_user(Role.KOMMUNEADMIN), cohort=cohort, consultant=consultant
        )


@pytest.mark.parametrize(("typed", "stored"), [("12", 12), ("02", 2), ("00", 0), ("-3", -3)])
def test_grade_is_stored_as_its_value(admin, cohort, own_municipality, typed, stored):
    enrolment = factories.enrol(cohort, own_municipality, "Anne")

    services.enrolment_grade_set(
        user=admin, enrolment=enrolment, grade=typed, external_examiner=True
    )

    enrolment.refresh_from_db()
    assert enrolment.grade == stored
    assert selectors.grade_label(enrolment.grade) == typed


def test_a_grade_off_the_scale_is_refused_in_danish(admin, cohort, own_municipality):
    enrolment = factories.enrol(cohort, own_municipality, "Anne")

    with pytest.raises(UserError) as error:
        services.enrolment_grade_set(
            user=admin, enrolment=enrolment, grade="3", external_examiner=False
        )

    assert error.value.render() == (
        "'3' er ikke en karakter på 7-trinsskalaen. Brug 12, 10, 7, 4, 02, 00 eller -3."
    )
    assert Enrolment.objects.get(pk=enrolment.pk).grade is None


def test_municipal_admin_may_not_grade(cohort, own_municipality, make_user):
    enrolment = factories.enrol(cohort, own_municipality, "Anne")

    with pytest.raises(PermissionDenied):
        services.enrolment_grade_set(
            user=make_user(Role.KOMMUNEADMIN),
            enrolment=enrolment,
            grade="7",
            external_examiner=False,
        )


def test_final_assignment_must_be_a_readable_process(
    cohort, own_municipality, other_municipality, make_user
):
    enrolment = factories.enrol(cohort, own_municipality, "Anne")
    private = process_services.process_create(
        user=make_user(Role.KONSULENT, other_municipality), name="Privat"
    )

    with pytest.raises(ValidationError):
        services.enrolment_update(
            user=make_user(Role.KOMMUNEADMIN),
            enrolment=enrolment,
            attended_modules=[],
            assignment_title="Opgave",
            assignment_process_id=private.pk,
        )


def test_attendance_is_kept_per_module(cohort, own_municipality, make_user):
    enrolment = factories.enrol(cohort, own_municipality, "Anne")
    first_two = list(cohort.programme.modules.all())[:2]

    services.enrolment_update(
        user=make_user(Role.KOMMUNEADMIN),
        enrolment=enrolment,
        attended_modules=first_two,
        assignment_title="",
        assignment_process_id=None,
    )

    assert list(enrolment.attended_modules.all()) == first_two


def test_seats_below_the_enrolled_are_refused(admin, cohort, own_municipality):
    factories.enrol(cohort, own_municipality, "Anne")
    factories.enrol(cohort, own_municipality, "Bo")

    with pytest.raises(ValidationError):
        services.cohort_seats_set(user=admin, cohort=cohort, municipality=own_municipality, seats=1)


def test_action_owner_may_move_the_status_but_not_others(admin, make_user, other_municipality):
    workshop = factories.make_workshop(admin)
    owner = make_user(Role.KONSULENT)
    action = services.action_create(
        user=admin, workshop=workshop, title="Gør", owner=owner, deadline=datetime.date(2026, 1, 1)
    )

    services.action_status_set(user=owner, action=action, status="faerdig")
    with pytest.raises(PermissionDenied):
        services.action_status_set(
            user=make_user(Role.KONSULENT, other_municipality), action=action, status="aaben"
        )

    assert action.status == "faerdig"
