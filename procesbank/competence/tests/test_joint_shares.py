"""A joint project counts in Effekt and in the benefits portfolio for every participant at its
own share, and the shares add up to the joint figures (issue 15). The figures are computed by
hand in :mod:`procesbank.benefits.tests.joint_benefits`."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from procesbank.benefits import selectors as benefit_selectors
from procesbank.benefits.tests.joint_benefits import joint_benefits
from procesbank.competence import selectors

D = Decimal
YEAR_END = datetime.date(2026, 12, 31)


@pytest.fixture
def world(db, monkeypatch):
    return joint_benefits(monkeypatch)


def _planned_realised(figures) -> tuple[Decimal, Decimal]:
    return figures.planned, figures.realised


def test_effect_counts_each_participant_at_its_share(world) -> None:
    result = selectors.benefit_realisation(user=world.users["Beta"], on=YEAR_END)

    rows = {row.municipality.name: _planned_realised(row.figures) for row in result.rows}
    assert rows == {
        "Alfa": (D(35_000), D(10_000)),
        "Beta": (D(31_000), D(13_000)),
        "Gamma": (D(34_000), D(20_000)),
    }
    assert {row.municipality.name: row.figures.full_value for row in result.rows} == {
        "Alfa": D(70_000),
        "Beta": D(62_000),
        "Gamma": D(68_000),
    }


def test_effect_shares_add_up_to_the_joint_totals(world) -> None:
    result = selectors.benefit_realisation(user=world.users["Gamma"], on=YEAR_END)

    # The joint project's 95,000 planned and 40,000 realised plus Beta's own 5,000 and 3,000.
    assert _planned_realised(result.totals) == (D(100_000), D(43_000))
    assert sum(row.figures.planned for row in result.rows) == result.totals.planned
    assert sum(row.figures.realised for row in result.rows) == result.totals.realised
    assert result.totals.full_value == D(200_000)
    # Three benefits, not one per participant's part; the unmeasured one named once.
    assert result.totals.benefits == 3
    assert result.totals.unmeasured == ("Færre henvendelser",)


def test_effect_drill_down_lists_the_joint_project_at_the_municipality_share(world) -> None:
    rows = selectors.benefit_realisation_projects(
        user=world.users["Gamma"], municipality=world.municipalities["Gamma"], on=YEAR_END
    )

    assert [(row.project.name, *_planned_realised(row.figures)) for row in rows] == [
        ("Fælles ydelsesportal", D(34_000), D(20_000))
    ]


def test_effect_drill_down_into_another_participant_shows_nothing(world) -> None:
    # Beta and Gamma both take part, but Gamma's part rests on Gamma's own measurements.
    rows = selectors.benefit_realisation_projects(
        user=world.users["Beta"], municipality=world.municipalities["Gamma"], on=YEAR_END
    )

    assert rows == []


def test_portfolio_counts_the_joint_project_at_the_own_share(world) -> None:
    years = {
        name: {
            row.year: (row.planned, row.realised)
            for row in benefit_selectors.portfolio(user=world.users[name]).years
        }
        for name in ("Alfa", "Beta", "Gamma")
    }

    assert years["Alfa"][2026] == (D(35_000), D(10_000))
    assert years["Beta"][2026] == (D(31_000), D(13_000))
    assert years["Gamma"][2026] == (D(34_000), D(20_000))
    # 2027 (plans complete, today 31.3.2027): Gamma 50,000 + 18,000 planned, 20,000 realised.
    assert years["Gamma"][2027] == (D(68_000), D(20_000))


def test_portfolio_of_the_collaboration_admin_adds_the_shares_up_to_the_joint_total(
    world,
) -> None:
    portfolio = benefit_selectors.portfolio(user=world.users["admin"])

    years = {row.year: (row.planned, row.realised) for row in portfolio.years}
    assert years[2026] == (D(100_000), D(43_000))
    assert years[2027] == (D(200_000), D(43_000))
    # The unmeasured joint benefit is listed once, with its project.
    row_2026 = next(row for row in portfolio.year_rows if row.year.year == 2026)
    assert [(u.name, u.project) for u in row_2026.unmeasured] == [
        ("Færre henvendelser", world.project)
    ]


def test_effect_page_shows_each_participant_at_its_share(client, world) -> None:
    client.force_login(world.users["Gamma"])

    page = client.get(reverse("competence:effect_dashboard"), {"aar": "2026"}).content.decode()

    cells = [
        " ".join(re.sub(r"<[^>]+>", " ", row).split())
        for row in re.findall(r"<tr>(.*?)</tr>", page, re.S)
    ]
    # A row of the benefits table: municipality, planned, realised, benefits (unmeasured).
    assert any(c.startswith("Alfa") and "35.000 10.000" in c for c in cells)
    assert any(c.startswith("Beta") and "31.000 13.000" in c for c in cells)
    assert any(c.startswith("Gamma") and "34.000 20.000" in c for c in cells)
    assert 'id="benefits-joint"' in page


def test_the_joint_case_page_splits_each_benefit_by_the_same_key(world) -> None:
    from procesbank.economics import joint_selectors

    joint = joint_selectors.joint_case_for(user=world.users["Beta"], project_id=world.project.pk)

    shares = joint_selectors.benefit_rollup(joint=joint)

    # Alfa, Beta, Gamma: by cases 1:1:2 (the line's key) and by population 5:3:2 (no line).
    assert [(s.name, s.parts) for s in shares] == [
        ("Færre henvendelser", (D(45_000), D(27_000), D(18_000))),
        ("Kortere sagsbehandling", (D(25_000), D(25_000), D(50_000))),
    ]
