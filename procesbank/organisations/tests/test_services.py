from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from procesbank.organisations import services
from procesbank.organisations.models import AuditEntry, Role, User
from procesbank.organisations.tests.factories import PASSWORD


def test_admin_creates_user_in_own_municipality_with_audit(make_user):
    admin = make_user(Role.KOMMUNEADMIN, username="admin.helsingoer")

    created = services.user_create(
        user=admin, username="ny", role=Role.KONSULENT, password=PASSWORD
    )

    assert created.municipality == admin.municipality
    assert created.check_password(PASSWORD)
    entry = AuditEntry.objects.get(object_id=str(created.pk))
    assert (entry.username, entry.action, entry.after["role"]) == (
        "admin.helsingoer",
        "create",
        "konsulent",
    )
    assert "password" not in entry.after


def test_consultant_cannot_create_users(konsulent):
    with pytest.raises(PermissionDenied):
        services.user_create(user=konsulent, username="ny", role=Role.LAESER, password=PASSWORD)


def test_municipality_admin_cannot_create_collaboration_admin(make_user):
    admin = make_user(Role.KOMMUNEADMIN)

    with pytest.raises(ValidationError) as error:
        services.user_create(
            user=admin, username="ny", role=Role.SAMARBEJDSADMIN, password=PASSWORD
        )

    assert error.value.message_dict == {"role": ["Du kan ikke tildele rollen “samarbejdsadmin”."]}
    assert not User.objects.filter(username="ny").exists()


def test_weak_password_is_refused_and_nothing_saved(make_user):
    admin = make_user(Role.KOMMUNEADMIN)

    with pytest.raises(ValidationError):
        services.user_create(user=admin, username="ny", role=Role.LAESER, password="1234")

    assert not User.objects.filter(username="ny").exists()
    assert not AuditEntry.objects.exists()


def test_duplicate_username_is_refused_case_insensitively(make_user):
    admin = make_user(Role.KOMMUNEADMIN)
    make_user(Role.LAESER, username="Anna")

    with pytest.raises(ValidationError) as error:
        services.user_create(user=admin, username="anna", role=Role.LAESER, password=PASSWORD)

    assert error.value.message_dict == {"username": ["Brugernavnet er allerede i brug."]}


def test_admin_changes_role_and_audit_keeps_before_and_after(make_user):
    admin = make_user(Role.KOMMUNEADMIN)
    target = make_user(Role.LAESER)

    services.user_update(user=admin, target=target, role=Role.KONSULENT, is_active=True)

    target.refresh_from_db()
    entry = AuditEntry.objects.get(action="update")
    assert target.role == Role.KONSULENT
    assert (entry.before["role"], entry.after["role"]) == ("laeser", "konsulent")


def test_admin_cannot_change_user_of_other_municipality(make_user, other_municipality):
    admin = make_user(Role.SAMARBEJDSADMIN)
    stranger = make_user(Role.LAESER, other_municipality)

    with pytest.raises(PermissionDenied):
        services.user_update(user=admin, target=stranger, role=Role.KONSULENT, is_active=True)


def test_admin_cannot_lock_themselves_out(make_user):
    admin = make_user(Role.KOMMUNEADMIN)

    with pytest.raises(ValidationError):
        services.user_update(user=admin, target=admin, role=Role.KOMMUNEADMIN, is_active=False)


def test_municipality_admin_cannot_demote_collaboration_admin(make_user):
    admin = make_user(Role.KOMMUNEADMIN)
    boss = make_user(Role.SAMARBEJDSADMIN)

    with pytest.raises(PermissionDenied):
        services.user_update(user=admin, target=boss, role=Role.LAESER, is_active=True)


def test_token_is_stored_hashed_and_authenticates(konsulent):
    token, raw = services.api_token_create(user=konsulent, name="Script")

    assert raw.startswith("pb_")
    assert len(raw) > 40
    assert raw not in (token.token_hash, token.prefix)
    assert services.api_token_authenticate(raw) == konsulent


def test_revoked_token_no_longer_authenticates(konsulent):
    token, raw = services.api_token_create(user=konsulent, name="Script")

    services.api_token_revoke(user=konsulent, token_id=token.pk)

    assert services.api_token_authenticate(raw) is None


def test_token_of_deactivated_user_does_not_authenticate(konsulent):
    _token, raw = services.api_token_create(user=konsulent, name="Script")
    konsulent.is_active = False
    konsulent.save()

    assert services.api_token_authenticate(raw) is None


def test_nobody_revokes_another_users_token(konsulent, other_konsulent):
    token, _raw = services.api_token_create(user=konsulent, name="Script")

    with pytest.raises(PermissionDenied):
        services.api_token_revoke(user=other_konsulent, token_id=token.pk)


def test_token_needs_a_name(konsulent):
    with pytest.raises(ValidationError) as error:
        services.api_token_create(user=konsulent, name="  ")

    assert error.value.message_dict == {"name": ["Giv nøglen et navn, så du kan kende den igen."]}
