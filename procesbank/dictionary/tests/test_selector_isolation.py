"""The dictionary's selectors with two municipalities: roles are each municipality's own; the IT
systems are one register shared by the collaboration (no municipality owns a row)."""

from __future__ import annotations

import pytest

from procesbank.dictionary import selectors
from procesbank.dictionary.tests.factories import ItSystemFactory, RoleFactory

pytestmark = pytest.mark.django_db


def test_role_names_are_the_own_municipalitys(konsulent, other_konsulent):
    RoleFactory(municipality=konsulent.municipality, name="Byggesagsbehandler")
    RoleFactory(municipality=other_konsulent.municipality, name="Gribskovs jurist")

    assert selectors.role_names(user=konsulent) == ["Byggesagsbehandler"]
    assert selectors.role_names(user=other_konsulent) == ["Gribskovs jurist"]


def test_the_it_systems_are_the_same_for_every_municipality(konsulent, other_konsulent):
    system = ItSystemFactory(name="SBSYS")

    assert list(selectors.it_system_list(user=konsulent)) == [system]
    assert list(selectors.it_system_list(user=other_konsulent)) == [system]
    assert selectors.access_it_system(user=other_konsulent, it_system_id=system.pk) == system
