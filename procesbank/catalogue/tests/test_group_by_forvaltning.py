"""The catalogue and the comparison grouped by the owning unit's forvaltning (the top-level
unit's name), so the same kind of department is seen together across municipalities."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from procesbank.catalogue import selectors
from procesbank.catalogue.selectors import CatalogueFilters
from procesbank.catalogue.tests.conftest import measure
from procesbank.organisations.models import OrganisationalUnit

pytestmark = pytest.mark.django_db


def _unit(municipality, name, parent=None, kind="afdeling"):
    return OrganisationalUnit.objects.create(
        municipality=municipality, name=name, parent=parent, kind=kind
    )


@pytest.fixture
def world(konsulent, other_konsulent, own_municipality, other_municipality, make_process):
    """Helsingør: Teknik og Miljø > Byggeri > Team Byg, and Social og Sundhed > Hjælpemidler.
    Gribskov: Teknik og Miljø > Plan og Byg. Each process shared, one without a unit, and one
    of Gribskov private."""
    h_tm = _unit(own_municipality, "Teknik og Miljø", kind="forvaltning")
    team_byg = _unit(own_municipality, "Team Byg", _unit(own_municipality, "Byggeri", h_tm))
    hjaelp = _unit(own_municipality, "Hjælpemidler", _unit(own_municipality, "Social og Sundhed"))
    g_tm = _unit(other_municipality, "Teknik og Miljø", kind="forvaltning")
    plan = _unit(other_municipality, "Plan og Byg", g_tm)
    return {
        "byg_h": make_process(
            name="Byggetilladelse", unit=team_byg, kle_code="02.00.05", yearly_volume=100
        ),
        "hjaelp": make_process(name="Hjælpemiddel", unit=hjaelp, kle_code="02.00.05"),
        "uden": make_process(name="Aktindsigt", kle_code="02.00.05", yearly_volume=10),
        "byg_g": make_process(
            user=other_konsulent,
            name="Byggesag",
            unit=plan,
            kle_code="02.00.05",
            yearly_volume=200,
        ),
        "privat": make_process(
            user=other_konsulent, name="Privat byg", unit=plan, visibility="own", kle_code="02"
        ),
    }


def test_catalogue_groups_processes_of_the_same_forvaltning_across_municipalities(world, konsulent):
    rows = selectors.catalogue_processes(
        user=konsulent, filters=CatalogueFilters(group="forvaltning")
    )

    assert [(p.forvaltning, p.name, p.municipality.name) for p in rows] == [
        ("Social og Sundhed", "Hjælpemiddel", "Helsingør"),
        ("Teknik og Miljø", "Byggesag", "Gribskov"),
        ("Teknik og Miljø", "Byggetilladelse", "Helsingør"),
        ("", "Aktindsigt", "Helsingør"),  # without a unit: last
    ]


def test_catalogue_page_shows_a_heading_per_forvaltning(client, world, other_konsulent):
    client.force_login(other_konsulent)

    page = client.get(reverse("catalogue:catalogue"), {"group": "forvaltning"}).content.decode()

    headings = re.findall(r'<h3 class="group-heading">([^<]*)</h3>', page)
    assert headings == ["Social og Sundhed", "Teknik og Miljø", "Uden enhed"]
    assert page.index("Byggesag") < page.index("Byggetilladelse") < page.index("Uden enhed")
    assert '<option value="forvaltning" selected>Forvaltning</option>' in page


def test_catalogue_without_grouping_has_no_headings(client, world, konsulent):
    client.force_login(konsulent)

    page = client.get(reverse("catalogue:catalogue")).content.decode()

    assert "group-heading" not in page


def test_grouped_catalogue_queries_do_not_grow_with_the_rows(
    client, world, konsulent, make_process, django_assert_max_num_queries
):
    client.force_login(konsulent)
    url = reverse("catalogue:catalogue")
    client.get(url, {"group": "forvaltning"})  # warm the session
    # Both requests compute every kept figure afresh (the count is kept until a write).
    cache.clear()

    with django_assert_max_num_queries(40) as before:
        client.get(url, {"group": "forvaltning"})
    for number in range(5):
        make_process(name=f"Ekstra {number}", unit=world["byg_h"].unit)
    cache.clear()
    with django_assert_max_num_queries(len(before.captured_queries)):
        client.get(url, {"group": "forvaltning"})


def test_comparison_by_forvaltning_compares_the_same_department(world, konsulent):
    measure(konsulent, world["byg_h"], "T1", 30.0)

    groups = selectors.comparison_groups(user=konsulent, kle="02.00.05")

    by_group = {
        name: [(r.municipality, r.process_count, r.yearly_volume) for r in rows]
        for name, rows in groups
    }
    assert [name for name, _rows in groups] == ["Social og Sundhed", "Teknik og Miljø", ""]
    # Gribskov's private process (KLE 02) is left out; its shared one sits beside Helsingør's.
    assert by_group == {
        "Social og Sundhed": [("Helsingør", 1, 0)],
        "Teknik og Miljø": [("Gribskov", 1, 200), ("Helsingør", 1, 100)],
        "": [("Helsingør", 1, 10)],
    }
    # 30 min x 100 cases / 60 = 50 hours for Helsingør's Byggetilladelse.
    [_gribskov, helsingoer] = groups[1][1]
    assert helsingoer.hours_per_year == pytest.approx(50)


def test_comparison_page_by_forvaltning(client, world, other_konsulent):
    client.force_login(other_konsulent)

    page = client.get(
        reverse("catalogue:comparison"), {"kle": "02.00.05", "group": "forvaltning"}
    ).content.decode()

    headings = re.findall(r'<h3 class="group-heading">([^<]*)</h3>', page)
    assert headings == ["Social og Sundhed", "Teknik og Miljø", "Uden enhed"]
    assert page.count('id="comparison-table"') == 1
