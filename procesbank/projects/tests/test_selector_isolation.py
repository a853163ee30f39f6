"""The project selectors not called by name elsewhere, with two municipalities: Helsingør
(own) and Gribskov (other). Projects are never shared."""

from __future__ import annotations

import pytest
from django.http import Http404

from procesbank.organisations.models import Role
from procesbank.projects import selectors, services
from procesbank.projects.models import Project
from procesbank.projects.tests.factories import process_pair


def test_visible_to_is_the_own_municipalitys_projects(konsulent, other_konsulent):
    services.project_create(user=konsulent, name="Egen")
    services.project_create(user=other_konsulent, name="Gribskovs")

    def names(user):
        return {p.name for p in Project.objects.filter(selectors.visible_to(user))}

    assert names(konsulent) == {"Egen"}
    assert names(other_konsulent) == {"Gribskovs"}


def test_can_edit_only_the_own_municipalitys_project(konsulent, other_konsulent, make_user):
    own = services.project_create(user=konsulent, name="Egen")
    other = services.project_create(user=other_konsulent, name="Gribskovs")
    reader = make_user(Role.LAESER, username="laeser.helsingoer")

    assert selectors.can_edit(user=konsulent, project=own) is True
    assert selectors.can_edit(user=konsulent, project=other) is False
    assert selectors.can_edit(user=reader, project=own) is False


def test_access_version_finds_shared_versions_never_the_others_private(konsulent, other_konsulent):
    _process, shared, _to_be = process_pair(other_konsulent, "Gribskov delt", "collaboration")
    _process, private, _to_be = process_pair(other_konsulent, "Gribskov privat")

    assert selectors.access_version(user=konsulent, version_id=shared.pk) == shared
    with pytest.raises(Http404):
        selectors.access_version(user=konsulent, version_id=private.pk)
