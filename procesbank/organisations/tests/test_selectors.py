"""Every organisations selector, with two municipalities: the other one's rows stay hidden."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from procesbank.organisations import selectors
from procesbank.organisations.audit import audit_record
from procesbank.organisations.models import ApiToken, AuditEntry, Role
from procesbank.organisations.tests.factories import (
    CollaborationFactory,
    MunicipalityFactory,
)


def test_municipality_list_shows_only_own_collaboration(make_user, other_municipality):
    foreign = MunicipalityFactory(collaboration=CollaborationFactory(name="Andet samarbejde"))
    user = make_user(Role.LAESER)

    names = {m.name for m in selectors.municipality_list(user=user)}

    assert names == {"Helsingør", "Gribskov"}
    assert foreign.name not in names


def test_user_list_shows_only_own_municipality(make_user, other_municipality):
    admin = make_user(Role.KOMMUNEADMIN, username="admin.helsingoer")
    make_user(Role.LAESER, username="laeser.helsingoer")
    make_user(Role.LAESER, other_municipality, username="laeser.gribskov")

    usernames = [u.username for u in selectors.user_list(user=admin)]

    assert usernames == ["admin.helsingoer", "laeser.helsingoer"]


def test_user_list_refuses_non_admins(konsulent):
    with pytest.raises(PermissionDenied):
        selectors.user_list(user=konsulent)


def test_access_user_of_other_municipality_is_not_found(make_user, other_municipality):
    admin = make_user(Role.SAMARBEJDSADMIN)
    stranger = make_user(Role.LAESER, other_municipality)

    with pytest.raises(Http404):
        selectors.access_user(user=admin, user_id=stranger.pk)


def _entry(user, municipality):
    return audit_record(
        user=user, action=AuditEntry.Action.UPDATE, instance=user, municipality=municipality
    )


def test_audit_log_of_municipality_admin_is_own_municipality(make_user, other_municipality):
    admin = make_user(Role.KOMMUNEADMIN)
    own = _entry(admin, admin.municipality)
    _entry(admin, other_municipality)

    assert list(selectors.audit_entry_list(user=admin)) == [own]


def test_collaboration_admin_reads_the_whole_collaboration_but_not_others(
    make_user, other_municipality
):
    admin = make_user(Role.SAMARBEJDSADMIN)
    outside = MunicipalityFactory(collaboration=CollaborationFactory(name="Andet samarbejde"))
    own = _entry(admin, admin.municipality)
    other = _entry(admin, other_municipality)
    _entry(admin, outside)

    assert set(selectors.audit_entry_list(user=admin)) == {own, other}


def test_audit_log_refuses_consultants(konsulent):
    with pytest.raises(PermissionDenied):
        selectors.audit_entry_list(user=konsulent)


def test_api_token_list_is_own_tokens_only(konsulent, other_konsulent):
    mine = ApiToken.objects.create(user=konsulent, name="mit", prefix="pb_a", token_hash="a")
    ApiToken.objects.create(user=other_konsulent, name="andres", prefix="pb_b", token_hash="b")

    assert list(selectors.api_token_list(user=konsulent)) == [mine]
