"""access_or_404: one row within what the reader may see; anything else is a 404, so another
municipality's private row cannot be told apart from a row that does not exist."""

from __future__ import annotations

import pytest
from django.http import Http404

from procesbank.kit.access import access_or_404
from procesbank.projects.models import Project


@pytest.fixture
def own_project(own_municipality) -> Project:
    return Project.objects.create(municipality=own_municipality, name="Digital post")


@pytest.fixture
def other_project(other_municipality) -> Project:
    return Project.objects.create(municipality=other_municipality, name="Digital post")


def test_access_or_404_returns_the_visible_row(konsulent, own_project, other_project):
    visible = Project.objects.filter(municipality=konsulent.municipality)

    found = access_or_404(visible, pk=own_project.pk)

    assert found == own_project


def test_access_or_404_refuses_another_municipalitys_row(konsulent, own_project, other_project):
    visible = Project.objects.filter(municipality=konsulent.municipality)

    with pytest.raises(Http404):
        access_or_404(visible, pk=other_project.pk)


def test_access_or_404_refuses_a_row_that_does_not_exist(konsulent, own_project):
    visible = Project.objects.filter(municipality=konsulent.municipality)

    with pytest.raises(Http404):
        access_or_404(visible, pk=own_project.pk + 1000)


def test_access_or_404_looks_up_by_any_field(konsulent, own_project):
    visible = Project.objects.filter(municipality=konsulent.municipality)

    found = access_or_404(visible, name="Digital post")

    assert found == own_project
