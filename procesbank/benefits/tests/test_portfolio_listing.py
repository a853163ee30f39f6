"""The portfolio names the projects of each phase and the project of each unmeasured benefit,
but only where the user may open the project; other municipalities' projects (the
collaboration administrator's view) appear as figures only."""

from __future__ import annotations

from datetime import UTC, datetime
from types import SimpleNamespace

import pytest

from procesbank.benefits import selectors
from procesbank.benefits.tests.test_selector_isolation import project_with_benefit
from procesbank.organisations.models import Role
from procesbank.projects.models import PhaseTransition


@pytest.fixture
def world(konsulent, other_konsulent):
    own = project_with_benefit(konsulent, "Helsingørs projekt", 50_000)
    own.project.owner = konsulent
    own.project.phase = "analyse"
    own.project.save()
    PhaseTransition.objects.create(
        project=own.project,
        from_phase="ide",
        to_phase="analyse",
        at=datetime(2026, 3, 2, 9, 0, tzinfo=UTC),
        by=konsulent,
    )
    return SimpleNamespace(
        own=own, other=project_with_benefit(other_konsulent, "Gribskovs projekt", 80_000)
    )


@pytest.fixture
def admin(make_user):
    return make_user(Role.SAMARBEJDSADMIN, username="admin.samarbejde")


def _groups(result):
    return {group.label: group for group in result.phase_groups if group.count}


def test_the_own_projects_are_listed_under_their_phase_since_the_phase_change(world, konsulent):
    groups = _groups(selectors.portfolio(user=konsulent))

    analysis = groups["Analyse"]
    assert list(groups) == ["Analyse"]
    assert [(r.project, r.phase_since) for r in analysis.projects] == [
        (world.own.project, datetime(2026, 3, 2, 9, 0, tzinfo=UTC))
    ]
    assert analysis.others_by_municipality == ()


def test_the_collaboration_view_counts_other_municipalities_projects_without_naming_them(
    world, admin
):
    groups = _groups(selectors.portfolio(user=admin))

    assert [r.project for r in groups["Analyse"].projects] == [world.own.project]
    assert groups["Idé"].projects == ()
    assert groups["Idé"].others_by_municipality == (("Gribskov", 1),)


def test_an_unmeasured_benefit_comes_with_its_project_only_where_the_user_may_open_it(world, admin):
    rows = selectors.portfolio(user=admin).year_rows

    unmeasured_2026 = next(row for row in rows if row.year.year == 2026).unmeasured
    shown = sorted((b.name, b.project, b.municipality) for b in unmeasured_2026)
    assert shown == [
        ("Kortere sagsbehandling i Gribskovs projekt", None, "Gribskov"),
        ("Kortere sagsbehandling i Helsingørs projekt", world.own.project, "Helsingør"),
    ]


def test_the_portfolio_page_links_own_projects_and_shows_others_as_figures(client, world, admin):
    client.force_login(admin)

    html = client.get("/portefoelje/").content.decode()

    own_url = f'href="/projekter/{world.own.project.pk}/"'
    other_url = f'href="/projekter/{world.other.project.pk}/'
    assert own_url in html
    assert other_url not in html
    assert ">Gribskovs projekt<" not in html  # the benefit's own name may mention it
    assert "Gribskov: 1 projekt" in html
    assert "<td>2.3.2026</td>" in html
    assert f'<a href="/projekter/{world.own.project.pk}/gevinster/">Helsingørs projekt</a>' in html


def test_a_project_without_an_owner_is_listed_with_a_dash(client, konsulent):
    project_with_benefit(konsulent, "Projekt uden ejer", 10_000)
    client.force_login(konsulent)

    response = client.get("/portefoelje/")

    assert response.status_code == 200
    assert "Projekt uden ejer</a></th>\n                  <td>Helsingør</td>\n" in (
        response.content.decode()
    )
    assert "<td>–</td>" in response.content.decode()
