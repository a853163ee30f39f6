"""Every list selector of the competence app with two municipalities of one collaboration
(Helsingør, Gribskov) and a third outside it (Fremmedby).

What the collaboration shares (programmes, cohorts, participants, workshops, actions) both
municipalities see, and never Fremmedby's; what a municipality owns (its users, the consultants
it may enrol) only that municipality sees, and only its administrators change its enrolments.
(Stakeholders and communication plans moved to projects: projects/tests/test_anchoring.py.)
"""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from procesbank.competence import selectors, services
from procesbank.competence.tests import factories
from procesbank.organisations.models import Role
from procesbank.processes import services as process_services

DEADLINE = datetime.date(2020, 1, 1)  # long past, so every open action is overdue


@pytest.fixture
def fremmedby(db):
    return factories.foreign_municipality()


@pytest.fixture
def world(own_municipality, other_municipality, fremmedby, konsulent, other_konsulent, make_user):
    admin = factories.collaboration_admin(own_municipality)
    stranger_admin = factories.collaboration_admin(fremmedby)
    stranger = make_user(Role.KONSULENT, fremmedby, username="konsulent.fremmed")
    cohort = factories.make_cohort(admin, {own_municipality: 2, other_municipality: 1})
    foreign_cohort = factories.make_cohort(stranger_admin, {fremmedby: 1}, name="Fremmed hold")
    factories.enrol(cohort, own_municipality, "Anna Helsingør")
    factories.enrol(cohort, other_municipality, "Bo Gribskov")
    factories.enrol(foreign_cohort, fremmedby, "Carl Fremmed")
    workshop = factories.make_workshop(admin, title="Vores workshop")
    foreign_workshop = factories.make_workshop(stranger_admin, title="Fremmed workshop")
    for owner, title in (
        (konsulent, "Helsingørs handling"),
        (other_konsulent, "Gribskovs handling"),
    ):
        services.action_create(
            user=admin, workshop=workshop, title=title, owner=owner, deadline=DEADLINE
        )
    services.action_create(
        user=stranger_admin,
        workshop=foreign_workshop,
        title="Fremmed handling",
        owner=stranger,
        deadline=DEADLINE,
    )
    return {
        "admin": admin,
        "cohort": cohort,
        "foreign_cohort": foreign_cohort,
        "workshop": workshop,
        "foreign_workshop": foreign_workshop,
        "stranger_admin": stranger_admin,
    }


def test_programme_list_shows_the_collaborations_programmes_to_both_municipalities(
    world, konsulent, other_konsulent
):
    for user in (konsulent, other_konsulent):
        assert [p.name for p in selectors.programme_list(user=user)] == ["Forløb Hold 1"]


def test_cohort_list_hides_another_collaborations_cohorts(world, konsulent, other_konsulent):
    assert [c.name for c in selectors.cohort_list(user=konsulent)] == ["Hold 1"]
    assert [c.name for c in selectors.cohort_list(user=other_konsulent)] == ["Hold 1"]


def test_enrolment_list_shows_both_municipalities_participants(world):
    names = [e.consultant.name for e in selectors.enrolment_list(cohort=world["cohort"])]

    # Ordered by municipality name: Gribskov before Helsingør.
    assert names == ["Bo Gribskov", "Anna Helsingør"]


def test_consultant_list_shows_the_collaborations_consultants_only(
    world, konsulent, other_municipality
):
    everyone = [c.name for c in selectors.consultant_list(user=konsulent)]
    gribskov = [
        c.name for c in selectors.consultant_list(user=konsulent, municipality=other_municipality)
    ]

    assert everyone == ["Bo Gribskov", "Anna Helsingør"]
    assert gribskov == ["Bo Gribskov"]


def test_trained_consultant_list_counts_only_the_collaborations_graduates(
    world, own_municipality, konsulent
):
    foreign = world["foreign_cohort"].enrolments.get()
    services.enrolment_grade_set(
        user=factories.collaboration_admin(foreign.municipality),
        enrolment=foreign,
        grade="12",
        external_examiner=True,
        examined_on=datetime.date(2026, 6, 1),
    )
    own = world["cohort"].enrolments.get(municipality=own_municipality)
    services.enrolment_grade_set(
        user=world["admin"],
        enrolment=own,
        grade="7",
        external_examiner=True,
        examined_on=datetime.date(2026, 6, 1),
    )

    assert [c.name for c in selectors.trained_consultant_list(user=konsulent)] == ["Anna Helsingør"]


def test_enrollable_consultants_are_the_own_municipalitys_not_yet_enrolled(
    world, own_municipality, other_municipality, konsulent, other_konsulent
):
    factories.consultant(own_municipality, "Dorte Helsingør")
    factories.consultant(other_municipality, "Erik Gribskov")

    own = selectors.enrollable_consultants(user=konsulent, cohort=world["cohort"])
    other = selectors.enrollable_consultants(user=other_konsulent, cohort=world["cohort"])

    assert [c.name for c in own] == ["Dorte Helsingør"]
    assert [c.name for c in other] == ["Erik Gribskov"]


def test_municipality_users_are_the_own_municipalitys_only(world, konsulent, other_konsulent):
    own = set(selectors.municipality_users(user=konsulent))
    other = set(selectors.municipality_users(user=other_konsulent))

    assert konsulent in own
    assert other_konsulent not in own
    assert other_konsulent in other
    assert konsulent not in other
    assert {user.municipality_id for user in own} == {konsulent.municipality_id}


def test_workshop_list_hides_another_collaborations_workshops(world, konsulent, other_konsulent):
    assert [w.title for w in selectors.workshop_list(user=konsulent)] == ["Vores workshop"]
    assert [w.title for w in selectors.workshop_list(user=other_konsulent)] == ["Vores workshop"]


def test_action_list_shows_the_collaborations_actions_only(world, konsulent):
    titles = {a.title for a in selectors.action_list(user=konsulent)}

    assert titles == {"Helsingørs handling", "Gribskovs handling"}


def test_overdue_action_list_shows_the_collaborations_late_actions_only(world, other_konsulent):
    titles = {a.title for a in selectors.overdue_action_list(user=other_konsulent)}

    assert titles == {"Helsingørs handling", "Gribskovs handling"}


def test_overdue_actions_for_lists_only_the_users_own(world, konsulent, other_konsulent):
    assert [a.title for a in selectors.overdue_actions_for(konsulent)] == ["Helsingørs handling"]
    assert [a.title for a in selectors.overdue_actions_for(other_konsulent)] == [
        "Gribskovs handling"
    ]


def test_action_owner_choices_span_the_collaboration_only(world, konsulent, other_konsulent):
    choices = set(selectors.action_owner_choices(user=konsulent))

    assert {konsulent, other_konsulent} <= choices
    assert all(
        user.municipality.collaboration_id == konsulent.municipality.collaboration_id
        for user in choices
    )


def test_access_programme_and_access_cohort_find_only_the_collaborations(world, konsulent):
    cohort = world["cohort"]

    assert selectors.access_programme(user=konsulent, programme_id=cohort.programme_id) == (
        cohort.programme
    )
    assert selectors.access_cohort(user=konsulent, cohort_id=cohort.pk) == cohort
    with pytest.raises(Http404):
        selectors.access_programme(
            user=konsulent, programme_id=world["foreign_cohort"].programme_id
        )
    with pytest.raises(Http404):
        selectors.access_cohort(user=konsulent, cohort_id=world["foreign_cohort"].pk)


def test_access_enrolment_lets_only_the_own_municipalitys_administrator_change_it(
    world, own_municipality, other_municipality
):
    own = world["cohort"].enrolments.get(municipality=own_municipality)
    other = world["cohort"].enrolments.get(municipality=other_municipality)
    admin = factories.municipal_admin(own_municipality)

    assert selectors.access_enrolment(user=admin, enrolment_id=own.pk) == own
    with pytest.raises(PermissionDenied):
        selectors.access_enrolment(user=admin, enrolment_id=other.pk)
    with pytest.raises(Http404):
        selectors.access_enrolment(
            user=admin, enrolment_id=world["foreign_cohort"].enrolments.get().pk
        )


def test_access_enrolment_of_either_municipality_for_the_collaboration_admin(
    world, other_municipality
):
    other = world["cohort"].enrolments.get(municipality=other_municipality)

    assert selectors.access_enrolment(user=world["admin"], enrolment_id=other.pk) == other


def test_access_workshop_finds_only_the_collaborations(world, other_konsulent):
    workshop = selectors.access_workshop(user=other_konsulent, workshop_id=world["workshop"].pk)

    assert workshop.title == "Vores workshop"
    with pytest.raises(Http404):
        selectors.access_workshop(user=other_konsulent, workshop_id=world["foreign_workshop"].pk)


def test_access_action_is_for_its_owner_and_the_collaboration_admin(
    world, konsulent, other_konsulent
):
    own = selectors.action_list(user=konsulent).get(title="Helsingørs handling")
    foreign = world["foreign_workshop"].actions.get()

    assert selectors.access_action(user=konsulent, action_id=own.pk) == own
    assert selectors.access_action(user=world["admin"], action_id=own.pk) == own
    with pytest.raises(PermissionDenied):
        selectors.access_action(user=other_konsulent, action_id=own.pk)
    with pytest.raises(Http404):
        selectors.access_action(user=world["admin"], action_id=foreign.pk)


def test_can_administer_only_the_collaboration_admin(world, konsulent, own_municipality):
    assert selectors.can_administer(user=world["admin"]) is True
    assert selectors.can_administer(user=factories.municipal_admin(own_municipality)) is False
    assert selectors.can_administer(user=konsulent) is False


def test_can_enrol_only_in_the_own_municipality(own_municipality, other_municipality):
    admin = factories.municipal_admin(own_municipality)

    assert selectors.can_enrol(user=admin, municipality=own_municipality) is True
    assert selectors.can_enrol(user=admin, municipality=other_municipality) is False


def test_assignment_process_choices_are_the_processes_the_user_may_read(konsulent, other_konsulent):
    from procesbank.processes.tests.conftest import two_task_bpmn

    for user, name, visibility in (
        (konsulent, "Egen", "own"),
        (other_konsulent, "Gribskov privat", "own"),
        (other_konsulent, "Gribskov delt", "collaboration"),
    ):
        process_services.process_create(
            user=user, name=name, bpmn_xml=two_task_bpmn(), visibility=visibility
        )

    names = [p.name for p in selectors.assignment_process_choices(user=konsulent)]

    assert names == ["Egen", "Gribskov delt"]


def test_assignment_process_choices_put_the_own_municipality_first(konsulent, other_konsulent):
    from procesbank.processes.tests.conftest import two_task_bpmn

    for user in (other_konsulent, konsulent):
        process_services.process_create(
            user=user, name="Byggetilladelse", bpmn_xml=two_task_bpmn(), visibility="collaboration"
        )

    owners = [p.municipality.name for p in selectors.assignment_process_choices(user=konsulent)]

    assert owners == ["Helsingør", "Gribskov"]
