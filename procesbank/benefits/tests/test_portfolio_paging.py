"""The portfolio pages its projects (50 a page) while its figures count every project in the
database: phase counts, the project total and other municipalities' figures do not depend on
the page, and the page's query count does not grow with the number of projects (#20)."""

from __future__ import annotations

import pytest

from procesbank.benefits import selectors
from procesbank.benefits.tests.test_selector_isolation import project_with_benefit
from procesbank.organisations.models import Role
from procesbank.projects import services as project_services
from procesbank.projects.models import Project


@pytest.fixture
def admin(make_user):
    return make_user(Role.SAMARBEJDSADMIN, username="admin.samarbejde")


@pytest.fixture
def two_a_page(monkeypatch):
    monkeypatch.setattr(selectors, "PORTFOLIO_PAGE_SIZE", 2)


def _projects(user, names, phase="ide"):
    for name in names:
        project = project_services.project_create(user=user, name=name)
        Project.objects.filter(pk=project.pk).update(phase=phase)


def _names(portfolio):
    return [row.project.name for group in portfolio.phase_groups for row in group.projects]


def test_a_page_holds_fifty_projects():
    assert selectors.PORTFOLIO_PAGE_SIZE == 50


@pytest.mark.usefixtures("two_a_page")
def test_pages_go_in_phase_order_then_by_name_and_counts_cover_every_page(konsulent):
    _projects(konsulent, ["Cirkel", "Alfa"], phase="ide")
    _projects(konsulent, ["Bravo"], phase="analyse")

    first = selectors.portfolio(user=konsulent, page_number=1)
    second = selectors.portfolio(user=konsulent, page_number=2)

    # Idé comes before Analyse: page 1 = Alfa, Cirkel (Idé); page 2 = Bravo (Analyse).
    assert _names(first) == ["Alfa", "Cirkel"]
    assert _names(second) == ["Bravo"]
    for result in (first, second):
        assert result.project_count == 3
        assert ("Idé", 2) in result.phases
        assert ("Analyse", 1) in result.phases
        assert {g.label: g.count for g in result.phase_groups if g.count} == {
            "Idé": 2,
            "Analyse": 1,
        }


@pytest.mark.usefixtures("two_a_page")
def test_the_admins_pages_name_only_openable_projects_and_count_the_others(
    konsulent, other_konsulent, admin
):
    _projects(konsulent, ["H1", "H2", "H3"])
    _projects(other_konsulent, ["G1", "G2"])

    pages = [selectors.portfolio(user=admin, page_number=n) for n in (1, 2, 3)]

    # The admin (of Helsingør) opens Helsingør's three projects: 2 + 1 over two pages; a page
    # past the end shows the last. Gribskov's two are figures on every page.
    assert [_names(p) for p in pages] == [["H1", "H2"], ["H3"], ["H3"]]
    assert all(p.project_count == 5 and p.spans_collaboration for p in pages)
    [idea] = [g for g in pages[0].phase_groups if g.count]
    assert (idea.count, idea.others_by_municipality) == (5, (("Gribskov", 2),))


@pytest.mark.usefixtures("two_a_page")
def test_a_consultant_never_pages_into_another_municipalitys_projects(konsulent, other_konsulent):
    _projects(konsulent, ["H1"])
    _projects(other_konsulent, ["G1", "G2", "G3"])

    result = selectors.portfolio(user=konsulent, page_number=2)

    assert (_names(result), result.project_count, result.page.paginator.num_pages) == (["H1"], 1, 1)
    assert all(g.others_by_municipality == () for g in result.phase_groups)


def test_the_portfolio_page_links_the_next_page(client, konsulent, two_a_page):
    _projects(konsulent, ["A", "B", "C"])
    client.force_login(konsulent)

    html = client.get("/portefoelje/", {"side": 2}).content.decode()

    assert 'href="?side=1" rel="prev"' in html
    assert "Side 2 af 2" in html
    assert "3 projekter" in html


def test_portfolio_query_count_does_not_grow_with_projects(
    client, konsulent, other_konsulent, admin, django_assert_max_num_queries
):
    for user in (konsulent, admin):
        client.force_login(user)
        project_with_benefit(konsulent, f"Første {user.username}", 10_000)
        project_with_benefit(other_konsulent, f"Fremmed {user.username}", 10_000)
        with django_assert_max_num_queries(25) as few:
            client.get("/portefoelje/")
        for number in range(6):
            project_with_benefit(konsulent, f"Egen {number} {user.username}", 10_000)
            project_with_benefit(other_konsulent, f"Anden {number} {user.username}", 10_000)

        with django_assert_max_num_queries(len(few.captured_queries)):
            response = client.get("/portefoelje/")

        assert response.status_code == 200
