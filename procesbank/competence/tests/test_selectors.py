from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.http import Http404
from django.utils import timezone

from procesbank.benefits.models import Benefit
from procesbank.catalogue.models import Reuse
from procesbank.competence import selectors, services
from procesbank.competence.tests import factories
from procesbank.economics.models import BusinessCase
from procesbank.organisations.models import AuditEntry, Role
from procesbank.processes import services as process_services
from procesbank.projects.models import PhaseTransition, Project


def _benefit(project, owner):
    return Benefit.objects.create(
        project=project,
        name=f"Gevinst {project.name}",
        owner=owner,
        kpi_name="Timer",
        kpi_unit="timer",
        baseline_value=100,
        baseline_date=datetime.date(2026, 1, 1),
        target_value=50,
        target_date=datetime.date(2027, 1, 1),
    )


@pytest.fixture
def admin(own_municipality):
    return factories.collaboration_admin(own_municipality)


def _graded(admin, cohort, municipality, grades):
    for number, grade in enumerate(grades):
        enrolment = factories.enrol(cohort, municipality, f"Person {municipality.slug} {number}")
        services.enrolment_grade_set(
            user=admin,
            enrolment=enrolment,
            grade=grade,
            external_examiner=True,
            examined_on=datetime.date(2026, 6, 19),
        )


def test_cohort_statistics_average_to_one_decimal_with_a_comma(admin, own_municipality):
    # 12+12+12+12+12+12+10+7+2 = 91; 91 / 9 = 10.11 -> "10,1"; all nine passed.
    cohort = factories.make_cohort(admin, {own_municipality: 9})
    _graded(admin, cohort, own_municipality, ["12"] * 6 + ["10", "7", "02"])

    stats = selectors.cohort_statistics(user=admin, cohort=cohort)

    assert stats.overall.average == "10,1"
    assert stats.overall.pass_rate == Decimal(1)
    assert stats.overall.distribution["02"] == 1


def test_other_municipality_sees_no_individual_grade(
    admin, own_municipality, other_municipality, make_user
):
    cohort = factories.make_cohort(admin, {own_municipality: 1})
    _graded(admin, cohort, own_municipality, ["7"])
    enrolment = cohort.enrolments.get()

    assert selectors.can_see_grade(user=make_user(Role.KOMMUNEADMIN), enrolment=enrolment)
    assert not selectors.can_see_grade(user=make_user(Role.KONSULENT), enrolment=enrolment)
    assert not selectors.can_see_grade(
        user=make_user(Role.KOMMUNEADMIN, other_municipality), enrolment=enrolment
    )


def test_statistics_of_fewer_than_three_are_hidden_from_other_municipalities(
    admin, own_municipality, other_municipality, make_user
):
    cohort = factories.make_cohort(admin, {own_municipality: 2, other_municipality: 3})
    _graded(admin, cohort, own_municipality, ["12", "02"])
    _graded(admin, cohort, other_municipality, ["4", "7", "10"])

    stats = selectors.cohort_statistics(
        user=make_user(Role.KOMMUNEADMIN, other_municipality), cohort=cohort
    )

    by_name = {row.label: row for row in stats.by_municipality}
    assert by_name["Helsingør"].hidden is True
    assert by_name["Helsingør"].average == ""
    assert by_name["Gribskov"].average == "7,0"
    # 12+2+4+7+10 = 35 over 5 = 7.0; the whole cohort is five people, so it is shown.
    assert stats.overall.average == "7,0"


def test_cohort_of_another_collaboration_is_not_found(admin):
    foreign = factories.foreign_municipality()
    cohort = factories.make_cohort(factories.collaboration_admin(foreign), {foreign: 1})

    with pytest.raises(Http404):
        selectors.access_cohort(user=admin, cohort_id=cohort.pk)


def test_consultant_is_active_after_changing_a_process_within_90_days(own_municipality, make_user):
    busy = make_user(Role.KONSULENT)
    idle = make_user(Role.KONSULENT)
    factories.consultant(own_municipality, "Travl", login=busy)
    factories.consultant(own_municipality, "Stille", login=idle)
    factories.consultant(own_municipality, "Uden login")
    process_services.process_create(user=busy, name="Proces")
    process_services.process_create(user=idle, name="Gammel")
    AuditEntry.objects.filter(user=idle).update(at=timezone.now() - datetime.timedelta(days=91))

    consultants = selectors.consultant_list(user=busy)

    assert {c.name: c.is_active for c in consultants} == {
        "Stille": False,
        "Travl": True,
        "Uden login": False,
    }


def test_overdue_actions_for_lists_only_the_users_open_late_actions(admin, make_user):
    workshop = factories.make_workshop(admin)
    owner = make_user(Role.KONSULENT)
    today = timezone.localdate()

    def action(title, days, who=owner):
        return services.action_create(
            user=admin,
            workshop=workshop,
            title=title,
            owner=who,
            deadline=today + datetime.timedelta(days=days),
        )

    late = action("Sen", -1)
    done = action("Færdig", -5)
    services.action_status_set(user=admin, action=done, status="faerdig")
    action("Senere", 3)
    action("Andens", -2, who=admin)

    assert list(selectors.overdue_actions_for(owner)) == [late]
    assert [a.title for a in selectors.overdue_action_list(user=owner)] == ["Andens", "Sen"]


def test_workshop_evaluation_is_averaged(admin):
    workshop = factories.make_workshop(admin)
    for scores in [(5, 4, 3), (4, 4, 4), (4, 5, 2)]:
        services.workshop_evaluation_add(
            user=admin,
            workshop=workshop,
            usefulness=scores[0],
            relevance=scores[1],
            organisation=scores[2],
            comment="",
        )

    summary = selectors.workshop_evaluation_summary(workshop=workshop)

    # (5+4+4)/3 = 4.33 -> "4,3"; (4+4+5)/3 = 4.33 -> "4,3"; (3+4+2)/3 = 3.0 -> "3,0"
    assert (summary.count, summary.usefulness, summary.relevance, summary.organisation) == (
        3,
        "4,3",
        "4,3",
        "3,0",
    )


def test_effect_figures_against_hand_counts(admin, own_municipality, other_municipality, make_user):
    # Helsingør: 3 graded (12, 7, -3) -> 2 trained; one of them has a login and made a process
    # -> 1 trained and active. Processes: 2 own (1 shared, copied once by Gribskov) -> 1 / 2,
    # 1 reused. Projects: 2; P1 mapped, with a business case and an owned benefit; P2 has a
    # benefit without owner -> 1 / 1 / 1 of 2.
    # Gribskov: nothing trained; 1 shared process of 1 readable (its private ones are hidden).
    cohort = factories.make_cohort(admin, {own_municipality: 3})
    worker = make_user(Role.KONSULENT)
    anne = factories.consultant(own_municipality, "Anne", login=worker)
    enrolment = services.enrolment_create(
        user=factories.municipal_admin(own_municipality), cohort=cohort, consultant=anne
    )
    services.enrolment_grade_set(
        user=admin,
        enrolment=enrolment,
        grade="12",
        external_examiner=True,
        examined_on=datetime.date(2026, 5, 1),
    )
    _graded(admin, cohort, own_municipality, ["7", "-3"])
    shared = process_services.process_create(user=worker, name="Delt", visibility="collaboration")
    process_services.process_create(user=worker, name="Egen")
    other = make_user(Role.KONSULENT, other_municipality)
    process_services.process_create(user=other, name="Deres delte", visibility="public")
    process_services.process_create(user=other, name="Deres private")
    p1 = Project.objects.create(
        municipality=own_municipality, name="P1", as_is_version=shared.versions.get()
    )
    p2 = Project.objects.create(municipality=own_municipality, name="P2")
    BusinessCase.objects.create(project=p1, first_year=2026)
    _benefit(p1, owner=worker)
    _benefit(p2, owner=None)
    copy = process_services.process_create(user=other, name="Kopi af Delt")
    Reuse.objects.create(
        municipality=other_municipality,
        source=shared,
        source_name="Delt",
        source_municipality_name="Helsingør",
        copy=copy,
    )

    # Lead times: P1 created 1 March 2026, realised 31 March (30 days); P2 created 1 March,
    # realised 11 April (41 days) and again later (ignored) -> median (30 + 41) / 2 = 35.5.
    march = timezone.make_aware(datetime.datetime(2026, 3, 1, 12))
    Project.objects.filter(pk__in=[p1.pk, p2.pk]).update(created_at=march)
    for project, days in [(p1, 30), (p2, 41), (p2, 60)]:
        PhaseTransition.objects.create(
            project=project,
            from_phase="gennemfoerelse",
            to_phase="realisering",
            at=march + datetime.timedelta(days=days),
        )

    effect = selectors.effect_figures(user=admin)

    rows = {r.municipality.name: r for r in effect.rows}
    helsingoer, gribskov = rows["Helsingør"], rows["Gribskov"]
    assert (helsingoer.trained, helsingoer.trained_active) == (2, 1)
    assert (helsingoer.processes_shared, helsingoer.processes) == (1, 2)
    assert (helsingoer.projects_mapped, helsingoer.projects) == (1, 2)
    assert helsingoer.mapped_percent == Decimal(50)
    assert helsingoer.processes_reused == 1
    assert (helsingoer.projects_with_case, helsingoer.projects_with_owned_benefits) == (1, 1)
    assert (gribskov.trained, gribskov.processes_shared, gribskov.processes) == (0, 1, 1)
    assert helsingoer.median_lead_days == Decimal("35.5")
    assert gribskov.median_lead_days is None
    assert effect.totals.median_lead_days == Decimal("35.5")
    assert effect.trained_over_time == [("2026 K2", 2)]
