"""The process selectors not called by name elsewhere, with two municipalities: Helsingør
(own) and Gribskov (other), and a third municipality outside the collaboration."""

from __future__ import annotations

from procesbank.organisations.models import Role
from procesbank.organisations.tests.factories import CollaborationFactory, MunicipalityFactory
from procesbank.processes import selectors
from procesbank.processes.models import Process


def test_visible_to_is_own_shared_and_public_never_the_others_private(
    make_process, konsulent, other_konsulent, make_user
):
    make_process(konsulent, "Egen privat")
    make_process(other_konsulent, "Gribskov privat")
    make_process(other_konsulent, "Gribskov delt", visibility="collaboration")
    make_process(other_konsulent, "Gribskov offentlig", visibility="public")
    stranger = make_user(
        Role.KONSULENT,
        MunicipalityFactory(collaboration=CollaborationFactory(name="Fremmed samarbejde")),
        username="konsulent.fremmed",
    )

    def names(user):
        return {p.name for p in Process.objects.filter(selectors.visible_to(user))}

    assert names(konsulent) == {"Egen privat", "Gribskov delt", "Gribskov offentlig"}
    assert names(stranger) == {"Gribskov offentlig"}


def test_can_edit_only_the_own_municipalitys_process(make_process, konsulent, other_konsulent):
    own = make_process(konsulent, "Egen")
    shared = make_process(other_konsulent, "Gribskov delt", visibility="collaboration")

    assert selectors.can_edit(user=konsulent, process=own) is True
    assert selectors.can_edit(user=konsulent, process=shared) is False


def test_owner_choices_are_own_library_users(konsulent, other_konsulent):
    from procesbank.organisations.tests.factories import UserFactory

    UserFactory(role=Role.MEDARBEJDER, municipality=konsulent.municipality)

    owners = list(selectors.owner_choices(user=konsulent))

    assert owners == [konsulent]
