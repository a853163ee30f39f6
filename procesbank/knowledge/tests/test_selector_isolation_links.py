"""The knowledge selectors that follow a lesson or an answer to other apps' rows, each with two
municipalities: what the reader may not open stays out."""

from __future__ import annotations

import pytest

from procesbank.catalogue import services as catalogue_services
from procesbank.handbook.services.pages import page_create
from procesbank.knowledge import selectors
from procesbank.knowledge.tests.factories import LessonFactory
from procesbank.projects import services as project_services
from procesbank.projects.models import Project

pytestmark = pytest.mark.django_db


@pytest.fixture
def candidates(konsulent, other_konsulent):
    return {
        "own": catalogue_services.candidate_create(user=konsulent, title="Egen robot"),
        "shared": catalogue_services.candidate_create(
            user=other_konsulent, title="Delt robot", visibility="collaboration"
        ),
        "private": catalogue_services.candidate_create(
            user=other_konsulent, title="Privat robot", visibility="own"
        ),
    }


def _titles(rows) -> set[str]:
    return {getattr(row, "title", None) or row.name for row in rows}


def test_link_choices_offer_what_the_writer_may_read(
    konsulent, other_konsulent, make_process, candidates
):
    make_process(user=other_konsulent, name="Gribskovs delte")
    make_process(user=other_konsulent, name="Gribskovs private", visibility="own")
    page_create(user=other_konsulent, title="Delt side", section="times", body="x")
    page_create(
        user=other_konsulent, title="Privat side", section="times", body="x", visibility="own"
    )

    processes = _titles(selectors.link_process_choices(user=konsulent))
    offered = _titles(selectors.link_candidate_choices(user=konsulent))
    pages = _titles(selectors.link_page_choices(user=konsulent))

    assert "Gribskovs delte" in processes
    assert "Gribskovs private" not in processes
    assert offered == {"Egen robot", "Delt robot"}
    assert "Delt side" in pages
    assert "Privat side" not in pages


def test_a_lessons_candidates_are_those_the_reader_may_open(konsulent, other_konsulent, candidates):
    lesson = LessonFactory(author=other_konsulent)
    lesson.candidates.add(candidates["shared"], candidates["private"])

    assert _titles(selectors.lesson_candidates(user=konsulent, lesson=lesson)) == {"Delt robot"}
    assert _titles(selectors.lesson_candidates(user=other_konsulent, lesson=lesson)) == {
        "Delt robot",
        "Privat robot",
    }


def test_lessons_for_a_candidate_leave_out_others_private(konsulent, other_konsulent, candidates):
    shared = LessonFactory(author=other_konsulent)
    private = LessonFactory(author=other_konsulent, visibility="own")
    for lesson in (shared, private):
        lesson.candidates.add(candidates["shared"])

    found = list(selectors.lessons_for_candidate(user=konsulent, candidate=candidates["shared"]))

    assert found == [shared]


def test_projects_for_a_lesson_are_the_own_municipalitys(konsulent, other_konsulent):
    own = project_services.project_create(user=konsulent, name="Eget projekt", owner=konsulent)
    other = project_services.project_create(
        user=other_konsulent, name="Gribskovs projekt", owner=other_konsulent
    )
    Project.objects.filter(pk__in=[own.pk, other.pk]).update(phase="realisering")

    assert _titles(selectors.lesson_projects(user=konsulent)) == {"Eget projekt"}
    assert _titles(selectors.projects_awaiting_lesson(user=konsulent)) == {"Eget projekt"}
    assert selectors.lesson_for_project(user=konsulent, project=other) is None


def test_the_lesson_of_another_municipalitys_project_shows_only_when_shared(
    konsulent, other_konsulent
):
    project = project_services.project_create(
        user=other_konsulent, name="Gribskovs projekt", owner=other_konsulent
    )
    lesson = LessonFactory(author=other_konsulent, project=project, visibility="own")

    assert selectors.lesson_for_project(user=konsulent, project=project) is None
    assert selectors.lesson_for_project(user=other_konsulent, project=project) == lesson


def test_visible_to_keeps_others_private_rows_out(konsulent, other_konsulent):
    from procesbank.knowledge.models import Lesson

    LessonFactory(author=other_konsulent, title="Delt")
    LessonFactory(author=other_konsulent, title="Privat", visibility="own")

    assert set(
        Lesson.objects.filter(selectors.visible_to(konsulent)).values_list("title", flat=True)
    ) == {"Delt"}
