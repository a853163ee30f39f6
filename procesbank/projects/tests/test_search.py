"""The projects' search provider: the own municipality's projects only (issue #16)."""

from __future__ import annotations

import pytest

from procesbank.kit.search import SearchFilters
from procesbank.projects import services
from procesbank.projects.models import Project
from procesbank.projects.search import ProjectSearch
from procesbank.projects.tests.factories import project_with_processes

pytestmark = pytest.mark.django_db

ALL = SearchFilters()


def test_a_project_is_found_by_an_inflected_word_of_its_description(konsulent):
    services.project_create(
        user=konsulent, name="Hurtigere sager", description="Vi digitaliserer byggetilladelser."
    )
    services.project_create(user=konsulent, name="Ny hjemmeside")

    hits = ProjectSearch().search(user=konsulent, query="byggetilladelse", filters=ALL, limit=5)

    assert [h.title for h in hits] == ["Hurtigere sager"]
    assert hits[0].snippet == "Vi digitaliserer byggetilladelser."
    assert hits[0].url == f"/projekter/{Project.objects.get(name='Hurtigere sager').pk}/"


def test_another_municipalitys_project_is_never_found(konsulent, other_konsulent):
    services.project_create(user=other_konsulent, name="Byggesager i Gribskov")
    services.project_create(user=konsulent, name="Byggesager i Helsingør")

    mine = ProjectSearch().search(user=konsulent, query="byggesager", filters=ALL, limit=5)
    filtered_to_theirs = ProjectSearch().search(
        user=konsulent,
        query="byggesager",
        filters=SearchFilters(municipality_id=other_konsulent.municipality_id),
        limit=5,
    )

    assert [h.title for h in mine] == ["Byggesager i Helsingør"]
    assert filtered_to_theirs == []


def test_the_kle_filter_uses_the_process_of_the_projects_versions(konsulent):
    project = project_with_processes(konsulent, name="Digital ansøgning")
    process = project.as_is_version.process
    process.kle_code = "32.18.08"
    process.save(update_fields=["kle_code"])

    found = ProjectSearch().search(
        user=konsulent, query="digital", filters=SearchFilters(kle="32.18"), limit=5
    )
    not_found = ProjectSearch().search(
        user=konsulent, query="digital", filters=SearchFilters(kle="02"), limit=5
    )

    assert [h.title for h in found] == ["Digital ansøgning"]
    assert not_found == []
