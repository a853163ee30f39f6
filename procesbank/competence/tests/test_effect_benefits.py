"""Realised against planned benefit on the effect dashboard, against figures computed by hand.

The fixture (all values in kroner per year, the year looked at is 2026):

* Helsingør, project "Ansøgning", gevinst "Sagsbehandlingstid": 20 -> 10 days from 31.12.2025
  to 31.12.2027 (730 days), worth 200.000. At 31.12.2026, 365 of 730 days have passed: planned
  50 percent = 100.000. The latest measurement (30.6.2026) is 16 days: (16 - 20) / (10 - 20) =
  40 percent = 80.000 realised. A qualitative gevinst (worth 0) on the same project is left out.
* Helsingør, project "Selvbetjening", gevinst "Digitale ansøgninger": 0 -> 100 percent from
  31.12.2025 to 31.12.2026, worth 50.000. At 31.12.2026 the plan is complete: 50.000 planned;
  the latest measurement is 60 (30.9.2026): 60 percent = 30.000 realised.
* Gribskov, project "Visitation", gevinst "Hjemmeplejetimer": 100 -> 200 from 31.12.2025 to
  31.12.2027, worth 40.000, never measured: 50 percent planned = 20.000, nothing realised.
* A municipality of another collaboration has a gevinst worth 1.000.000; it counts nowhere.

Helsingør 2026: planned 100.000 + 50.000 = 150.000, realised 80.000 + 30.000 = 110.000.
Collaboration 2026: planned 170.000, realised 110.000 (64,7 percent). Full value 290.000.
Per year: 2025 nothing planned (every plan starts on its last day); 2027 every plan is
complete: 200.000 + 50.000 + 40.000 = 290.000 planned, realised not yet known.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from procesbank.benefits import services as benefit_services
from procesbank.competence import selectors
from procesbank.competence.tests import factories
from procesbank.organisations.models import Role
from procesbank.projects import services as project_services

START = datetime.date(2025, 12, 31)
ON = datetime.date(2026, 6, 30)


def _benefit(user, project, name, baseline, target, target_date, yearly_value):
    return benefit_services.benefit_create(
        user=user,
        project=project,
        name=name,
        owner=user,
        kpi_name=name,
        kpi_unit="enheder",
        baseline_value=Decimal(baseline),
        baseline_date=START,
        target_value=Decimal(target),
        target_date=target_date,
        yearly_value=Decimal(yearly_value),
    )


def _measure(user, benefit, value, day):
    benefit_services.benefit_measurement_add(
        user=user, benefit=benefit, value=Decimal(value), measured_on=day
    )


@pytest.fixture
def portfolio(konsulent, other_konsulent, make_user):
    application = project_services.project_create(user=konsulent, name="Ansøgning")
    days = _benefit(
        konsulent, application, "Sagsbehandlingstid", 20, 10, datetime.date(2027, 12, 31), 200_000
    )
    _measure(konsulent, days, 17, datetime.date(2026, 3, 31))
    _measure(konsulent, days, 16, datetime.date(2026, 6, 30))
    _benefit(konsulent, application, "Tilfredshed", 3, 4, datetime.date(2027, 12, 31), 0)
    selfservice = project_services.project_create(user=konsulent, name="Selvbetjening")
    digital = _benefit(
        konsulent, selfservice, "Digitale ansøgninger", 0, 100, datetime.date(2026, 12, 31), 50_000
    )
    _measure(konsulent, digital, 30, datetime.date(2026, 3, 31))
    _measure(konsulent, digital, 60, datetime.date(2026, 9, 30))
    visitation = project_services.project_create(user=other_konsulent, name="Visitation")
    _benefit(
        other_konsulent,
        visitation,
        "Hjemmeplejetimer",
        100,
        200,
        datetime.date(2027, 12, 31),
        40_000,
    )
    stranger = make_user(Role.KONSULENT, factories.foreign_municipality())
    foreign = project_services.project_create(user=stranger, name="Fremmed projekt")
    _benefit(stranger, foreign, "Fremmed gevinst", 1, 2, datetime.date(2026, 12, 31), 1_000_000)
    return application, selfservice, visitation


def test_benefit_realisation_per_municipality_against_hand_figures(konsulent, portfolio):
    result = selectors.benefit_realisation(user=konsulent, on=ON)

    rows = {
        row.municipality.name: (
            row.figures.benefits,
            row.figures.planned,
            row.figures.realised,
            row.figures.unmeasured,
        )
        for row in result.rows
    }
    assert result.year == 2026
    assert rows == {
        "Gribskov": (1, Decimal(20_000), Decimal(0), ("Hjemmeplejetimer",)),
        "Helsingør": (2, Decimal(150_000), Decimal(110_000), ()),
    }


def test_benefit_realisation_totals_and_years_against_hand_figures(konsulent, portfolio):
    result = selectors.benefit_realisation(user=konsulent, on=ON)

    assert (result.totals.planned, result.totals.realised) == (Decimal(170_000), Decimal(110_000))
    assert result.totals.full_value == Decimal(290_000)
    assert round(result.totals.realised_percent, 1) == Decimal("64.7")
    assert result.over_time == [
        (2025, Decimal(0), Decimal(0)),
        (2026, Decimal(170_000), Decimal(110_000)),
        (2027, Decimal(290_000), None),
    ]


def test_benefit_realisation_after_the_last_target_keeps_the_final_figures(
    konsulent, portfolio, monkeypatch
):
    # Today is 1.1.2030, after every target and measurement: the plan is complete (290.000) and
    # the latest measurements still stand (110.000). (A year after today's has no realised
    # value: the one realisation rule, benefits.engine.realisation.realisation.)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: datetime.date(2030, 1, 1))
    result = selectors.benefit_realisation(user=konsulent, on=datetime.date(2030, 1, 1))

    assert (result.totals.planned, result.totals.realised) == (Decimal(290_000), Decimal(110_000))


def test_benefit_realisation_projects_lists_only_projects_the_user_may_open(
    konsulent, other_municipality, own_municipality, portfolio
):
    application, selfservice, _visitation = portfolio

    own = selectors.benefit_realisation_projects(
        user=konsulent, municipality=own_municipality, on=ON
    )
    other = selectors.benefit_realisation_projects(
        user=konsulent, municipality=other_municipality, on=ON
    )

    assert [(row.project, row.figures.planned, row.figures.realised) for row in own] == [
        (application, Decimal(100_000), Decimal(80_000)),
        (selfservice, Decimal(50_000), Decimal(30_000)),
    ]
    assert other == []


def test_benefit_realisation_projects_of_every_municipality_for_the_collaboration_admin(
    other_municipality, own_municipality, portfolio
):
    admin = factories.collaboration_admin(own_municipality)

    rows = selectors.benefit_realisation_projects(
        user=admin, municipality=other_municipality, on=ON
    )

    assert [(row.project.name, row.figures.planned) for row in rows] == [
        ("Visitation", Decimal(20_000))
    ]


def test_effect_page_links_own_figures_to_the_benefits_register(
    client, konsulent, own_municipality, other_municipality, portfolio, monkeypatch
):
    application, _selfservice, visitation = portfolio
    client.force_login(konsulent)
    monkeypatch.setattr(timezone, "localdate", lambda: ON)

    page = client.get(
        reverse("competence:effect_dashboard"), {"vis": "gevinster", "kommune": own_municipality.pk}
    )
    html = page.content.decode()

    assert page.status_code == 200
    assert (
        f'href="?vis=gevinster&amp;kommune={own_municipality.pk}&amp;aar=2026#benefit-rows"' in html
    )
    assert f"kommune={other_municipality.pk}&amp;aar=2026#benefit-rows" not in html
    assert reverse("benefits:benefit_register", args=[application.pk]) in html
    assert reverse("benefits:benefit_register", args=[visitation.pk]) not in html


def test_effect_page_shows_no_foreign_projects_when_asked_for_them(
    client, konsulent, other_municipality, portfolio
):
    _application, _selfservice, visitation = portfolio
    client.force_login(konsulent)

    page = client.get(
        reverse("competence:effect_dashboard"),
        {"vis": "gevinster", "kommune": other_municipality.pk},
    )

    assert reverse("benefits:benefit_register", args=[visitation.pk]) not in page.content.decode()
    assert "Visitation" not in page.content.decode()
    assert "Ingen projekter med gevinster i kroner, som du må se." in page.content.decode()


def _strong(html: str, element_id: str) -> str:
    start = html.index(f'<strong id="{element_id}">') + len(f'<strong id="{element_id}">')
    return html[start : html.index("</strong>", start)]


def test_effect_page_shows_the_year_picked(client, konsulent, portfolio, monkeypatch):
    # Today is 1.3.2027. Picking 2026 gives the hand figures at 31.12.2026 (see the module
    # docstring): 170.000 planned, 110.000 realised; this year (2027) has every plan complete.
    monkeypatch.setattr(timezone, "localdate", lambda: datetime.date(2027, 3, 1))
    client.force_login(konsulent)

    picked = client.get(reverse("competence:effect_dashboard"), {"aar": "2026"}).content.decode()
    default = client.get(reverse("competence:effect_dashboard")).content.decode()

    assert (_strong(picked, "benefits-planned"), _strong(picked, "benefits-realised")) == (
        "170.000",
        "110.000",
    )
    assert '<option value="2026" selected>2026</option>' in picked
    assert (_strong(default, "benefits-planned"), _strong(default, "benefits-realised")) == (
        "290.000",
        "110.000",
    )
    assert '<option value="2027" selected>2027</option>' in default


def test_effect_page_offers_the_planned_years_up_to_this_year(
    client, konsulent, portfolio, monkeypatch
):
    monkeypatch.setattr(timezone, "localdate", lambda: datetime.date(2027, 3, 1))
    client.force_login(konsulent)

    html = client.get(reverse("competence:effect_dashboard")).content.decode()

    picker = html[html.index('id="benefits-year-choice"') : html.index("</select>")]
    assert [line.split('"')[1] for line in picker.split("<option ")[1:]] == [
        "2027",
        "2026",
        "2025",
    ]


@pytest.mark.parametrize("year", ["abc", "2099", "1999", ""])
def test_effect_page_falls_back_to_this_year_for_a_year_it_cannot_show(
    client, konsulent, portfolio, monkeypatch, year
):
    monkeypatch.setattr(timezone, "localdate", lambda: datetime.date(2027, 3, 1))
    client.force_login(konsulent)

    response = client.get(reverse("competence:effect_dashboard"), {"aar": year})

    assert response.status_code == 200
    assert _strong(response.content.decode(), "benefits-planned") == "290.000"


def test_effect_page_without_valued_benefits_shows_a_dash_with_its_reason(client, konsulent):
    client.force_login(konsulent)

    html = client.get(reverse("competence:effect_dashboard")).content.decode()

    assert (_strong(html, "benefits-planned"), _strong(html, "benefits-realised")) == ("–", "–")
    assert "Ingen projekter har en gevinst i kroner endnu." in html
