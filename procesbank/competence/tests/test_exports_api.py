from __future__ import annotations

import datetime
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from procesbank.competence import services
from procesbank.competence.exports import cohort_workbook
from procesbank.competence.tests import factories
from procesbank.organisations.models import Role


@pytest.fixture
def admin(own_municipality):
    return factories.collaboration_admin(own_municipality)


@pytest.fixture
def graded_cohort(admin, own_municipality, other_municipality):
    cohort = factories.make_cohort(admin, {own_municipality: 1, other_municipality: 1})
    own = factories.enrol(cohort, own_municipality, '=HYPERLINK("x")')
    other = factories.enrol(cohort, other_municipality, "Bo")
    for enrolment, grade in [(own, "-3"), (other, "02")]:
        services.enrolment_grade_set(
            user=admin,
            enrolment=enrolment,
            grade=grade,
            external_examiner=True,
            examined_on=datetime.date(2026, 6, 1),
        )
    workshop = services.workshop_create(
        user=admin, title="@Workshop", held_on=datetime.date(2026, 7, 1), cohort=cohort
    )
    services.action_create(
        user=admin,
        workshop=workshop,
        title="+Handling",
        owner=admin,
        deadline=datetime.date(2000, 1, 1),
    )
    return cohort


def test_export_neutralises_formulas_and_hides_other_municipalities_grades(
    graded_cohort, make_user
):
    content = cohort_workbook(user=make_user(Role.KOMMUNEADMIN), cohort=graded_cohort)

    book = load_workbook(BytesIO(content))
    people = [[c.value for c in row] for row in book["Deltagere"].iter_rows(min_row=2)]
    actions = [[c.value for c in row] for row in book["Handlinger"].iter_rows(min_row=2)]
    assert [row[0] for row in people] == ["Bo", '\'=HYPERLINK("x")']
    assert [row[4] for row in people] == ["skjult", "-3"]
    assert actions[0][:2] == ["'+Handling", "'@Workshop"]
    assert actions[0][5] == "ja"


def test_api_refuses_a_grade_off_the_scale_in_danish(client, admin, graded_cohort):
    enrolment = graded_cohort.enrolments.get(consultant__name="Bo")
    client.force_login(admin)

    response = client.put(
        f"/api/v1/competence/enrolments/{enrolment.pk}/grade",
        {"grade": "3"},
        content_type="application/json",
    )

    assert response.status_code == 422
    assert response.json() == {
        "detail": "'3' er ikke en karakter på 7-trinsskalaen. Brug 12, 10, 7, 4, 02, 00 eller -3."
    }


def test_api_cohort_shows_grades_as_written_to_the_administrator(client, admin, graded_cohort):
    client.force_login(admin)

    body = client.get(f"/api/v1/competence/cohorts/{graded_cohort.pk}").json()

    assert sorted(e["grade"] for e in body["enrolments"]) == ["-3", "02"]
    # (-3 + 2) / 2 = -0.5 -> "-0,5" (halves rounded away from zero); one of two passed.
    assert body["statistics"]["average"] == "-0,5"
    assert body["statistics"]["pass_rate"] == "0.5"
    assert [s["cost"] for s in body["seats"]] == ["50000.00", "50000.00"]


def test_cohort_export_is_named_after_the_cohort_with_danish_letters(
    client, admin, own_municipality
):
    cohort = factories.make_cohort(admin, {own_municipality: 1}, name="Hold Ærø forår")
    client.force_login(admin)

    response = client.get(reverse("competence:cohort_xlsx", args=[cohort.pk]))

    assert response["Content-Disposition"] == 'attachment; filename="hold-aeroe-foraar.xlsx"'
    book = load_workbook(BytesIO(response.content))
    assert [c.value for c in book["Hold"][8]] == [
        "Kommune", "Pladser", "Tilmeldte", "Andel af prisen (kr.)",
    ]  # fmt: skip
    assert [c.value for c in book["Hold"][9]] == ["Helsingør", 1, 0, 100000]
