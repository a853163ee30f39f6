from __future__ import annotations

import pytest

from procesbank.organisations.models import Role
from procesbank.processes import services as process_services
from procesbank.processes.tests.conftest import two_task_bpmn


@pytest.fixture
def make_process(konsulent):
    def make(user=None, name: str = "Byggetilladelse", **fields):
        fields.setdefault("bpmn_xml", two_task_bpmn())
        fields.setdefault("visibility", "collaboration")
        return process_services.process_create(user=user or konsulent, name=name, **fields)

    return make


@pytest.fixture
def laeser(make_user):
    return make_user(Role.LAESER, username="laeser.helsingoer")


@pytest.fixture
def third_municipality(db, own_municipality):
    # Outside the collaboration: sees nothing shared with "the collaboration".
    from procesbank.organisations.tests.factories import CollaborationFactory, MunicipalityFactory

    return MunicipalityFactory(
        name="Aarhus", slug="aarhus", collaboration=CollaborationFactory(name="Østjylland")
    )
