"""Competence's part of knowledge: Effekt counts projects with a recorded lesson, and training
is evidence in "who knows about this?" (registered from CompetenceConfig.ready)."""

from __future__ import annotations

import datetime

import pytest

from procesbank.competence import selectors, services
from procesbank.competence.tests import factories
from procesbank.knowledge import experts
from procesbank.knowledge import services as knowledge_services
from procesbank.organisations.models import Role
from procesbank.processes import services as process_services
from procesbank.projects import services as project_services

pytestmark = pytest.mark.django_db

LESSON = {"title": "T", "worked": "a", "did_not_work": "b", "advice": "c"}


def test_effect_counts_projects_with_a_lesson(own_municipality, other_municipality, make_user):
    # Helsingør: 3 projects, 2 with a lesson (one kept private: it still counts) -> 2 of 3, 67 %.
    # Gribskov: 1 project, none -> 0 of 1. Totals: 2 of 4.
    worker = make_user(Role.KONSULENT)
    projects = [project_services.project_create(user=worker, name=f"P{n}") for n in range(3)]
    knowledge_services.lesson_create(user=worker, project=projects[0], **LESSON)
    knowledge_services.lesson_create(user=worker, project=projects[1], visibility="own", **LESSON)
    other = make_user(Role.KONSULENT, other_municipality)
    project_services.project_create(user=other, name="Q")

    effect = selectors.effect_figures(user=factories.collaboration_admin(own_municipality))

    rows = {r.municipality.name: r for r in effect.rows}
    assert (rows["Helsingør"].projects_with_lesson, rows["Helsingør"].projects) == (2, 3)
    assert round(rows["Helsingør"].lesson_percent) == 67
    assert (rows["Gribskov"].projects_with_lesson, rows["Gribskov"].lesson_percent) == (0, 0)
    assert (effect.totals.projects_with_lesson, effect.totals.projects) == (2, 4)


def test_effect_page_shows_the_lesson_figure(client, own_municipality, make_user):
    worker = make_user(Role.KONSULENT)
    project = project_services.project_create(user=worker, name="P")
    knowledge_services.lesson_create(user=worker, project=project, **LESSON)
    client.force_login(worker)

    page = client.get("/effekt/").content.decode()

    assert "Projekter, hvis team har registreret erfaringer: 1 af 1." in page


def test_training_counts_as_evidence_for_a_topic_and_a_kle(own_municipality, make_user):
    # Anne passed (12) and attended "Procesoptimering" (a time-measuring topic) with her final
    # assignment on a 02.34 process; Bo failed (-3) and counts for nothing.
    admin = factories.collaboration_admin(own_municipality)
    cohort = factories.make_cohort(admin, {own_municipality: 2})
    anne_user = make_user(Role.KONSULENT, username="anne")
    bo_user = make_user(Role.KONSULENT, username="bo")
    process = process_services.process_create(
        user=admin, name="Byggesag", kle_code="02.34.02", visibility="collaboration"
    )
    municipal = factories.municipal_admin(own_municipality)
    for name, login, grade in [("Anne", anne_user, "12"), ("Bo", bo_user, "-3")]:
        consultant = factories.consultant(own_municipality, name, login=login)
        enrolment = services.enrolment_create(user=municipal, cohort=cohort, consultant=consultant)
        services.enrolment_update(
            user=admin,
            enrolment=enrolment,
            attended_modules=cohort.programme.modules.filter(name="Procesoptimering"),
            assignment_title="Byggesager",
            assignment_process_id=process.pk,
        )
        services.enrolment_grade_set(
            user=admin, enrolment=enrolment, grade=grade, external_examiner=False,
            examined_on=datetime.date(2026, 6, 1),
        )  # fmt: skip

    by_topic = experts.who_knows(user=anne_user, query=experts.ExpertQuery(topic="tidsmaaling"))
    by_kle = experts.who_knows(user=anne_user, query=experts.ExpertQuery(kle="02.34"))
    unrelated = experts.who_knows(user=anne_user, query=experts.ExpertQuery(topic="gevinster"))

    assert [(e.user.username, e.counts) for e in by_topic] == [("anne", {"training": 1})]
    assert ("anne", {"training": 1}) in [(e.user.username, e.counts) for e in by_kle]
    assert "bo" not in [e.user.username for e in by_kle]
    assert unrelated == []


def test_a_final_assignment_is_an_example_only_with_consent(
    client, own_municipality, other_municipality, make_user
):
    """Two graduates of Helsingør; only the one who consented is shown, to Gribskov too, and
    her private process only as whose it is."""
    admin = factories.collaboration_admin(own_municipality)
    cohort = factories.make_cohort(admin, {own_municipality: 2})
    municipal = factories.municipal_admin(own_municipality)
    private = process_services.process_create(user=admin, name="Intern byggesag", visibility="own")
    for name, consent in [("Anne", True), ("Bo", False)]:
        consultant = factories.consultant(own_municipality, name)
        enrolment = services.enrolment_create(user=municipal, cohort=cohort, consultant=consultant)
        services.enrolment_update(
            user=admin,
            enrolment=enrolment,
            attended_modules=[],
            assignment_title=f"{name}s opgave om byggesager",
            assignment_process_id=private.pk,
            assignment_example=consent,
        )
    reader = make_user(Role.KONSULENT, other_municipality)

    shown = selectors.assignment_examples(user=reader)
    client.force_login(reader)
    page = client.get("/kompetencer/").content.decode()

    assert [e.assignment_title for e in shown] == ["Annes opgave om byggesager"]
    assert "Annes opgave om byggesager" in page
    assert "Bos opgave" not in page
    assert "Intern byggesag" not in page
    assert "en proces fra Helsingør (ikke delt)" in page


def test_an_example_needs_a_title_or_a_process(own_municipality):
    from django.core.exceptions import ValidationError

    admin = factories.collaboration_admin(own_municipality)
    cohort = factories.make_cohort(admin, {own_municipality: 1})
    consultant = factories.consultant(own_municipality, "Anne")
    enrolment = services.enrolment_create(
        user=factories.municipal_admin(own_municipality), cohort=cohort, consultant=consultant
    )

    with pytest.raises(ValidationError) as refused:
        services.enrolment_update(
            user=admin, enrolment=enrolment, attended_modules=[], assignment_title="",
            assignment_process_id=None, assignment_example=True,
        )  # fmt: skip

    assert "assignment_example" in refused.value.message_dict
