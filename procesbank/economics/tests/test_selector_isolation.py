"""Every business-case selector that takes the acting user, called directly with two
municipalities: Helsingør (own) and Gribskov (other).

Projects, and so their business cases, are never shared: a Helsingør user reads exactly
Helsingør's, and every getter of a Gribskov row raises the project's not-found (Http404).
"""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse

from procesbank.economics import selectors, services
from procesbank.economics.models import BusinessCaseLine
from procesbank.organisations.models import Role, User
from procesbank.projects import services as project_services
from procesbank.projects.models import Project


def case_with_line(user: User, project_name: str) -> tuple[Project, BusinessCaseLine]:
    project = project_services.project_create(user=user, name=project_name)
    case = services.business_case_save(user=user, project=project, first_year=2027, horizon=2)
    line = services.business_case_line_add(
        user=user, case=case, lock_version=1, kind="cost", category="purchase",
        name="Indkøb", likely=[Decimal(100), Decimal(0)],
    )  # fmt: skip
    return project, line


@pytest.fixture
def world(konsulent, other_konsulent):
    own_project, own_line = case_with_line(konsulent, "Helsingørs projekt")
    other_project, other_line = case_with_line(other_konsulent, "Gribskovs projekt")
    bare = project_services.project_create(user=konsulent, name="Uden business case")
    return SimpleNamespace(
        own_project=own_project,
        own_line=own_line,
        other_project=other_project,
        other_line=other_line,
        bare=bare,
    )


def test_business_case_for_reads_the_own_project_and_its_case(world, konsulent):
    project, case = selectors.business_case_for(user=konsulent, project_id=world.own_project.pk)
    bare, none = selectors.business_case_for(user=konsulent, project_id=world.bare.pk)

    assert project == world.own_project
    assert case is not None
    assert case.pk == world.own_line.business_case_id
    assert (bare, none) == (world.bare, None)


def test_business_case_for_of_the_other_municipality_is_not_found(world, konsulent):
    with pytest.raises(Http404):
        selectors.business_case_for(user=konsulent, project_id=world.other_project.pk)


def test_business_case_for_edit_is_for_own_editors_only(world, konsulent, make_user):
    reader = make_user(Role.LAESER, username="laeser.helsingoer")

    project, case = selectors.business_case_for_edit(
        user=konsulent, project_id=world.own_project.pk
    )

    assert project == world.own_project
    assert case is not None
    with pytest.raises(Http404):
        selectors.business_case_for_edit(user=konsulent, project_id=world.other_project.pk)
    with pytest.raises(PermissionDenied):
        selectors.business_case_for_edit(user=reader, project_id=world.own_project.pk)


def test_access_line_of_the_other_municipality_is_not_found(world, konsulent, other_konsulent):
    assert selectors.access_line(user=konsulent, line_id=world.own_line.pk) == world.own_line
    assert selectors.access_line(user=other_konsulent, line_id=world.other_line.pk) == (
        world.other_line
    )
    with pytest.raises(Http404):
        selectors.access_line(user=konsulent, line_id=world.other_line.pk)
    with pytest.raises(Http404):
        selectors.access_line(user=other_konsulent, line_id=world.own_line.pk)


def test_access_risk_of_the_other_municipality_is_not_found(world, konsulent, other_konsulent):
    own = services.risk_add(
        user=konsulent, case=world.own_line.business_case, lock_version=2, name="Forsinkelse",
        probability=Decimal(50), consequence=Decimal(1000),
    )  # fmt: skip
    other = services.risk_add(
        user=other_konsulent, case=world.other_line.business_case, lock_version=2,
        name="Gribskovs risiko", probability=Decimal(10), consequence=Decimal(100),
    )  # fmt: skip

    assert selectors.access_risk(user=konsulent, risk_id=own.pk) == own
    with pytest.raises(Http404):
        selectors.access_risk(user=konsulent, risk_id=other.pk)
    with pytest.raises(Http404):
        selectors.access_risk(user=other_konsulent, risk_id=own.pk)


def test_risk_log_page_of_the_other_municipality_shows_nothing(
    world, client, konsulent, other_konsulent
):
    services.risk_add(
        user=konsulent, case=world.own_line.business_case, lock_version=2,
        name="Hemmelig risiko", probability=Decimal(50), consequence=Decimal(1000),
    )  # fmt: skip
    client.force_login(other_konsulent)

    response = client.get(reverse("economics:business_case", args=[world.own_project.pk]))

    assert response.status_code == 404
    assert "Hemmelig risiko" not in response.content.decode()
