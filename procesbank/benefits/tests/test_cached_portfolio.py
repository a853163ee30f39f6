"""The portfolio's figures are cached per reader's view and day (kit.stamps): another
municipality's new benefit, measurement and deleted project show on the next request, and
the collaboration administrator's figures never answer a consultant's."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from procesbank.benefits import selectors, services
from procesbank.benefits.tests.test_selector_isolation import project_with_benefit
from procesbank.organisations.models import Role
from procesbank.projects import services as project_services

TODAY = date(2026, 12, 1)


@pytest.fixture
def admin(make_user):
    return make_user(Role.SAMARBEJDSADMIN, username="admin.samarbejde")


def _unmeasured_2026(portfolio) -> list[str]:
    row = next(row for row in portfolio.year_rows if row.year.year == 2026)
    return sorted(b.name for b in row.unmeasured)


def test_portfolio_counts_another_municipalitys_new_project_and_forgets_it_when_deleted(
    konsulent, other_konsulent, admin
):
    project_with_benefit(konsulent, "Helsingørs projekt", 50_000)
    before = selectors.portfolio(user=admin, today=TODAY)

    theirs = project_with_benefit(other_konsulent, "Gribskovs projekt", 80_000)
    added = selectors.portfolio(user=admin, today=TODAY)
    project_services.project_delete(user=other_konsulent, project=theirs.project)
    deleted = selectors.portfolio(user=admin, today=TODAY)

    assert (before.project_count, added.project_count, deleted.project_count) == (1, 2, 1)
    assert _unmeasured_2026(added) == [
        "Kortere sagsbehandling i Gribskovs projekt",
        "Kortere sagsbehandling i Helsingørs projekt",
    ]
    assert _unmeasured_2026(deleted) == ["Kortere sagsbehandling i Helsingørs projekt"]
    assert deleted.page is not None
    assert deleted.page.paginator.count == 1


def test_portfolio_follows_another_municipalitys_measurement(konsulent, other_konsulent, admin):
    project_with_benefit(konsulent, "Helsingørs projekt", 50_000)
    theirs = project_with_benefit(other_konsulent, "Gribskovs projekt", 80_000)
    before = selectors.portfolio(user=admin, today=TODAY)

    # 30 -> 10 days over 2026: 20 days on 1 June is ahead of the plan (about 21.6).
    services.benefit_measurement_add(
        user=other_konsulent, benefit=theirs.benefit, value=Decimal(20),
        measured_on=date(2026, 6, 1), today=TODAY,
    )  # fmt: skip
    after = selectors.portfolio(user=admin, today=TODAY)

    assert len(_unmeasured_2026(before)) == 2
    assert _unmeasured_2026(after) == ["Kortere sagsbehandling i Helsingørs projekt"]


def test_portfolio_cached_for_the_administrator_never_answers_a_consultant(
    konsulent, other_konsulent, admin
):
    project_with_benefit(konsulent, "Helsingørs projekt", 50_000)
    project_with_benefit(other_konsulent, "Gribskovs projekt", 80_000)

    collaboration = selectors.portfolio(user=admin, today=TODAY)
    own = selectors.portfolio(user=konsulent, today=TODAY)
    partner = selectors.portfolio(user=other_konsulent, today=TODAY)

    assert (collaboration.project_count, own.project_count, partner.project_count) == (2, 1, 1)
    assert _unmeasured_2026(own) == ["Kortere sagsbehandling i Helsingørs projekt"]
    assert _unmeasured_2026(partner) == ["Kortere sagsbehandling i Gribskovs projekt"]
    assert [p.name for p in own.page.object_list] == ["Helsingørs projekt"]
