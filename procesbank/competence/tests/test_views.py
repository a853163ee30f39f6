from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from procesbank.competence import services
from procesbank.competence.models import Consultant
from procesbank.competence.tests import factories
from procesbank.organisations.models import Role


@pytest.fixture
def admin(own_municipality):
    return factories.collaboration_admin(own_municipality)


def _queries(client, url):
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def _grade_all(admin, cohort, municipality, count, start=0):
    for number in range(start, start + count):
        enrolment = factories.enrol(cohort, municipality, f"Person {number}")
        services.enrolment_grade_set(
            user=admin, enrolment=enrolment, grade="7", external_examiner=False
        )


def test_cohort_page_queries_do_not_grow_with_participants(client, admin, own_municipality):
    cohort = factories.make_cohort(admin, {own_municipality: 10})
    _grade_all(admin, cohort, own_municipality, 2)
    client.force_login(admin)
    url = reverse("competence:cohort_detail", args=[cohort.pk])
    few = _queries(client, url)

    _grade_all(admin, cohort, own_municipality, 6, start=2)

    assert _queries(client, url) == few


def test_action_list_queries_do_not_grow_with_actions(client, admin):
    workshop = factories.make_workshop(admin)
    client.force_login(admin)

    def add(n):
        for i in range(n):
            services.action_create(
                user=admin,
                workshop=workshop,
                title=f"H{i}",
                owner=admin,
                deadline=datetime.date(2026, 1, 1),
            )

    add(1)
    few = _queries(client, reverse("competence:action_list"))
    add(5)

    assert _queries(client, reverse("competence:action_list")) == few


def test_other_municipality_sees_the_cohort_but_not_the_grades(
    client, admin, own_municipality, other_municipality, make_user
):
    cohort = factories.make_cohort(admin, {own_municipality: 2})
    _grade_all(admin, cohort, own_municipality, 2)
    client.force_login(make_user(Role.KOMMUNEADMIN, other_municipality))

    page = client.get(reverse("competence:cohort_detail", args=[cohort.pk])).content.decode()

    assert "Person 0" in page
    assert page.count(">skjult<") == 2
    assert "<strong>7</strong>" not in page
    assert "Skjult: færre end tre har fået karakter." in page


def test_grade_refused_on_the_page_with_the_danish_message(client, admin, own_municipality):
    cohort = factories.make_cohort(admin, {own_municipality: 1})
    enrolment = factories.enrol(cohort, own_municipality, "Anne")
    client.force_login(admin)

    response = client.post(
        reverse("competence:enrolment_grade", args=[enrolment.pk]), {"grade": "3"}, follow=True
    )

    assert "er ikke en karakter på 7-trinsskalaen. Brug 12, 10, 7, 4, 02, 00 eller -3." in (
        response.content.decode()
    )


def test_refused_enrolment_form_says_who_adds_seats_and_keeps_no_person(
    client, admin, own_municipality
):
    cohort = factories.make_cohort(admin, {own_municipality: 1})
    factories.enrol(cohort, own_municipality, "Første")
    client.force_login(factories.municipal_admin(own_municipality))

    response = client.post(
        reverse("competence:enrolment_create", args=[cohort.pk]),
        {"consultant": "", "new_name": "Ny Person"},
        follow=True,
    )

    assert [str(m) for m in response.context["messages"]] == [
        "Den ene plads, Helsingør har købt, er i brug. "
        "Samarbejdsadministratoren kan tilføje pladser."
    ]
    assert not Consultant.objects.filter(name="Ny Person").exists()
