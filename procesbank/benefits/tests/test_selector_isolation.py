"""Every benefits selector that takes the acting user, called directly with two
municipalities: Helsingør (own) and Gribskov (other).

Benefits live in projects, which are never shared: a Helsingør user reads exactly
Helsingør's, and every getter of a Gribskov row raises the project's not-found (Http404).
Only the collaboration's administrator sees every municipality's portfolio.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from procesbank.benefits import selectors, services
from procesbank.organisations.models import Role, User
from procesbank.projects import services as project_services


def project_with_benefit(user: User, name: str, yearly_value: int) -> SimpleNamespace:
    """A project with one benefit (30 -> 10 days over 2026) and one box on its map."""
    project = project_services.project_create(user=user, name=name)
    benefit = services.benefit_create(
        user=user, project=project, name=f"Kortere sagsbehandling i {name}", owner=user,
        kpi_name="Sagsbehandlingstid", kpi_unit="dage", baseline_value=Decimal(30),
        baseline_date=date(2026, 1, 1), target_value=Decimal(10), target_date=date(2027, 1, 1),
        yearly_value=Decimal(yearly_value),
    )  # fmt: skip
    node = services.map_node_add(
        user=user, project=project, level="deliverable", label="Selvbetjening"
    )
    return SimpleNamespace(project=project, benefit=benefit, node=node)


@pytest.fixture
def world(konsulent, other_konsulent):
    return SimpleNamespace(
        own=project_with_benefit(konsulent, "Helsingørs projekt", 50_000),
        other=project_with_benefit(other_konsulent, "Gribskovs projekt", 80_000),
    )


def test_benefits_for_reads_the_own_projects_benefits(world, konsulent):
    project, statuses = selectors.benefits_for(user=konsulent, project_id=world.own.project.pk)

    assert project == world.own.project
    assert [s.benefit for s in statuses] == [world.own.benefit]


def test_benefits_for_of_the_other_municipality_is_not_found(world, konsulent):
    with pytest.raises(Http404):
        selectors.benefits_for(user=konsulent, project_id=world.other.project.pk)


def test_access_benefit_of_the_other_municipality_is_not_found(world, konsulent, make_user):
    reader = make_user(Role.LAESER, username="laeser.helsingoer")

    found = selectors.access_benefit(user=konsulent, benefit_id=world.own.benefit.pk)
    read_only = selectors.access_benefit(user=reader, benefit_id=world.own.benefit.pk)

    assert found == read_only == world.own.benefit
    with pytest.raises(Http404):
        selectors.access_benefit(user=konsulent, benefit_id=world.other.benefit.pk)
    with pytest.raises(Http404):
        selectors.access_benefit(user=konsulent, benefit_id=world.other.benefit.pk, for_edit=True)
    with pytest.raises(PermissionDenied):
        selectors.access_benefit(user=reader, benefit_id=world.own.benefit.pk, for_edit=True)


def test_access_map_node_of_the_other_municipality_is_not_found(world, konsulent):
    assert selectors.access_map_node(user=konsulent, node_id=world.own.node.pk) == world.own.node
    with pytest.raises(Http404):
        selectors.access_map_node(user=konsulent, node_id=world.other.node.pk)


def test_portfolio_sums_the_own_municipalitys_benefits_only(world, konsulent):
    result = selectors.portfolio(user=konsulent)

    # By 31.12.2027 the target date has passed: planned = the whole 50,000 DKK a year.
    planned = {year.year: year.planned for year in result.years}
    assert (result.project_count, result.spans_collaboration) == (1, False)
    assert planned[2027] == Decimal(50_000)


def test_portfolio_of_the_collaboration_administrator_spans_both(world, make_user):
    admin = make_user(Role.SAMARBEJDSADMIN, username="admin.samarbejde")

    result = selectors.portfolio(user=admin)

    # 50,000 + 80,000 DKK a year, both fully planned by 31.12.2027.
    planned = {year.year: year.planned for year in result.years}
    assert (result.project_count, result.spans_collaboration) == (2, True)
    assert planned[2027] == Decimal(130_000)
