from __future__ import annotations

from procesbank.organisations.models import Municipality
from procesbank.organisations.pickers import own_first, owner_label
from procesbank.organisations.tests.factories import MunicipalityFactory


def test_own_first_puts_the_users_municipality_first_then_the_others_by_name(
    konsulent, own_municipality, other_municipality
):
    MunicipalityFactory(name="Allerød", code="201", slug="alleroed")

    ordered = own_first(Municipality.objects.all(), user=konsulent, via="", then=())

    assert [m.name for m in ordered] == ["Helsingør", "Allerød", "Gribskov"]


def test_owner_label_names_the_owner():
    assert owner_label("Byggetilladelse", "Gribskov") == "Byggetilladelse (Gribskov)"
