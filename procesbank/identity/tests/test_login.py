"""The login service both protocols end in: just-in-time users, roles, refusals, hostile
values from a provider."""

from __future__ import annotations

import pytest

from procesbank.identity.services.login import SsoIdentity, SsoRefused, sso_login
from procesbank.identity.tests.factories import RoleMappingFactory
from procesbank.organisations.models import AuditEntry, Role, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def mapped(own_municipality):
    RoleMappingFactory(municipality=own_municipality, value="konsulent", role=Role.KONSULENT)
    RoleMappingFactory(municipality=own_municipality, value="admin", role=Role.KOMMUNEADMIN)
    return own_municipality


def identity(**overrides) -> SsoIdentity:
    values = {
        "method": "oidc",
        "issuer": "https://login.example/t/v2.0",
        "subject": "sub-1",
        "first_name": "Karen",
        "last_name": "Blixen",
        "email": "kbl@helsingor.dk",
        "values": ["konsulent"],
        **overrides,
    }
    return SsoIdentity(**values)


def test_first_login_creates_the_user_with_the_highest_mapped_role(mapped):
    user = sso_login(municipality=mapped, identity=identity(values=["konsulent", "admin", "x"]))

    assert (user.username, user.role, user.municipality) == (
        "kbl@helsingor.dk",
        Role.KOMMUNEADMIN,
        mapped,
    )
    assert AuditEntry.objects.filter(object_type="organisations.User", action="create").count() == 1


def test_username_taken_by_a_local_user_gets_a_suffix_and_no_takeover(mapped, make_user):
    local = make_user(Role.LAESER, username="kbl@helsingor.dk")

    user = sso_login(municipality=mapped, identity=identity())

    assert user.pk != local.pk
    assert user.username == "kbl@helsingor.dk-2"


def test_control_characters_and_a_bad_email_are_cleaned_not_stored(mapped):
    user = sso_login(
        municipality=mapped,
        identity=identity(
            subject="sub\x00-2", first_name="Ka\x00ren", email="not an e-mail", values=["konsulent"]
        ),
    )

    assert (user.first_name, user.email) == ("Karen", "")
    assert user.username.startswith("sso-")
    assert user.external_identities.get().subject == "sub-2"


def test_odd_characters_of_an_email_do_not_reach_the_username(mapped):
    user = sso_login(municipality=mapped, identity=identity(email="o'brien@helsingor.dk"))

    assert user.username == "o-brien@helsingor.dk"
    assert user.email == "o'brien@helsingor.dk"


def test_empty_subject_is_refused(mapped):
    with pytest.raises(SsoRefused, match="ingen entydig identifikation"):
        sso_login(municipality=mapped, identity=identity(subject=" \x00 "))

    assert not User.objects.filter(email="kbl@helsingor.dk").exists()


def test_same_person_through_another_municipality_is_refused(mapped, other_municipality):
    sso_login(municipality=mapped, identity=identity())
    RoleMappingFactory(municipality=other_municipality, value="konsulent", role=Role.KONSULENT)

    with pytest.raises(SsoRefused, match="hører til en anden kommune i Procesbank end Gribskov"):
        sso_login(municipality=other_municipality, identity=identity())


def test_blocked_user_is_refused(mapped):
    user = sso_login(municipality=mapped, identity=identity())
    user.is_active = False
    user.save()

    with pytest.raises(SsoRefused, match="spærret"):
        sso_login(municipality=mapped, identity=identity())
