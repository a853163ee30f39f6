"""Every write to organisation data: users, roles, API tokens. Each is one transaction with
an audit entry."""

from __future__ import annotations

import secrets
from decimal import Decimal

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from procesbank.organisations.audit import audit_record, snapshot
from procesbank.organisations.models import (
    ApiToken,
    AuditEntry,
    Language,
    Municipality,
    OrganisationalUnit,
    User,
)
from procesbank.organisations.permissions import Action, assignable_roles, can

TOKEN_PREFIX = "pb_"  # noqa: S105 (a prefix, not a secret)


def _check_role_assignable(*, user: User, role: str) -> None:
    if role not in assignable_roles(user):
        raise ValidationError(
            {"role": _("Du kan ikke tildele rollen “%(role)s”.") % {"role": role}}
        )


@transaction.atomic
def user_create(
    *,
    user: User,
    username: str,
    role: str,
    password: str,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
) -> User:
    """Create a user in the administrator's own municipality."""
    if not can(user, Action.MANAGE_USERS):
        raise PermissionDenied
    _check_role_assignable(user=user, role=role)
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("Brugernavnet er allerede i brug.")})
    new_user = User(
        username=username,
        first_name=first_name,
        last_name=last_name,
        email=email,
        role=role,
        municipality_id=user.municipality_id,
    )
    validate_password(password, new_user)
    new_user.set_password(password)
    new_user.full_clean()
    new_user.save()
    audit_record(
        user=user,
        action=AuditEntry.Action.CREATE,
        instance=new_user,
        municipality=user.municipality,
        after=snapshot(new_user),
    )
    return new_user


@transaction.atomic
def user_update(*, user: User, target: User, role: str, is_active: bool) -> User:
    """Change a user's role or deactivate them; only within the administrator's municipality."""
    if not can(user, Action.MANAGE_USERS, target.municipality):
        raise PermissionDenied
    if target.pk == user.pk and (role != user.role or not is_active):
        raise ValidationError(
            {"role": _("Du kan ikke ændre din egen rolle eller spærre dig selv.")}
        )
    if role != target.role:
        _check_role_assignable(user=user, role=role)
    if target.role not in assignable_roles(user):
        raise PermissionDenied
    before = snapshot(target)
    target.role = role
    target.is_active = is_active
    target.full_clean()
    target.save(update_fields=["role", "is_active"])
    audit_record(
        user=user,
        action=AuditEntry.Action.UPDATE,
        instance=target,
        municipality=target.municipality,
        before=before,
        after=snapshot(target),
    )
    return target


PERSON_FIELDS = ("first_name", "last_name", "job_title", "email", "language")


def _set_person_fields(target: User, changes: dict[str, str]) -> None:
    unknown = set(changes) - set(PERSON_FIELDS)
    if unknown:
        raise TypeError(f"unknown person fields: {sorted(unknown)}")
    for name, value in changes.items():
        setattr(target, name, " ".join(str(value).split()) if name != "email" else value.strip())
    if "language" in changes and target.language not in Language.values:
        raise ValidationError({"language": _("Vælg dansk eller engelsk.")})
    email = target.email
    if email and User.objects.filter(email__iexact=email).exclude(pk=target.pk).exists():
        raise ValidationError({"email": _("En anden bruger har allerede den e-mailadresse.")})


@transaction.atomic
def user_profile_update(*, user: User, **changes: str) -> User:
    """The acting user changes their own name, job title, e-mail or language."""
    if not user.is_authenticated or not user.is_active:
        raise PermissionDenied
    target = User.objects.select_for_update().get(pk=user.pk)
    before = snapshot(target)
    _set_person_fields(target, changes)
    target.full_clean(exclude=["password"])
    target.save(update_fields=list(changes))
    audit_record(
        user=user,
        action=AuditEntry.Action.UPDATE,
        instance=target,
        municipality=target.municipality,
        before=before,
        after=snapshot(target),
    )
    for name in changes:  # the request's user object shows the change at once
        setattr(user, name, getattr(target, name))
    return target


@transaction.atomic
def user_language_set(*, user: User, language: str) -> None:
    """Store the interface language the user picked with the header's switcher."""
    if language not in Language.values:
        raise ValidationError({"language": _("Vælg dansk eller engelsk.")})
    if user.language != language:
        User.objects.filter(pk=user.pk).update(language=language)
        user.language = language


@transaction.atomic
def person_update(
    *, user: User, target: User, unit: OrganisationalUnit | None, **changes: str
) -> User:
    """A municipal administrator changes a person of their own municipality: name, job title,
    e-mail, language and organisational unit (one of the municipality's units)."""
    if not can(user, Action.MANAGE_USERS, target.municipality):
        raise PermissionDenied
    if target.role not in assignable_roles(user) and target.pk != user.pk:
        raise PermissionDenied  # a municipal admin does not edit the collaboration admin
    if unit is not None and unit.municipality_id != target.municipality_id:
        raise ValidationError({"unit": _("Vælg en af kommunens egne enheder.")})
    target = User.objects.select_for_update().get(pk=target.pk)
    before = snapshot(target)
    _set_person_fields(target, changes)
    target.unit = unit
    target.full_clean(exclude=["password"])
    target.save(update_fields=[*changes, "unit"])
    audit_record(
        user=user,
        action=AuditEntry.Action.UPDATE,
        instance=target,
        municipality=target.municipality,
        before=before,
        after=snapshot(target),
    )
    return target


def _administered_municipality(user: User) -> Municipality:
    """The acting user's own municipality, if they may administer it."""
    municipality = user.municipality
    if municipality is None or not can(user, Action.ADMINISTER_MUNICIPALITY, municipality):
        raise PermissionDenied
    return municipality


def _save_municipality_fields(
    *, user: User, municipality: Municipality, **values: object
) -> Municipality:
    """Set ``values`` on the municipality, validate, save only those fields and audit the
    change (before and after)."""
    before = snapshot(municipality)
    for field, value in values.items():
        setattr(municipality, field, value)
    municipality.full_clean()
    municipality.save(update_fields=list(values))
    audit_record(
        user=user,
        action=AuditEntry.Action.UPDATE,
        instance=municipality,
        municipality=municipality,
        before=before,
        after=snapshot(municipality),
    )
    return municipality


@transaction.atomic
def municipality_settings_update(
    *, user: User, annual_hours_per_fte: Decimal, default_hourly_rate: Decimal
) -> Municipality:
    """Change the own municipality's hours per FTE and default hourly rate (DKK)."""
    municipality = _administered_municipality(user)
    if annual_hours_per_fte <= 0:
        raise ValidationError({"annual_hours_per_fte": _("Timer pr. årsværk skal være over 0.")})
    if default_hourly_rate < 0:
        raise ValidationError({"default_hourly_rate": _("Timeprisen må ikke være negativ.")})
    return _save_municipality_fields(
        user=user,
        municipality=municipality,
        annual_hours_per_fte=annual_hours_per_fte,
        default_hourly_rate=default_hourly_rate,
    )


@transaction.atomic
def municipality_accessibility_statement_update(*, user: User, url: str) -> Municipality:
    """Set the link to the own municipality's accessibility statement (its WAS-tool page)."""
    return _save_municipality_fields(
        user=user,
        municipality=_administered_municipality(user),
        accessibility_statement_url=url.strip(),
    )


@transaction.atomic
def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """A new personal token. Returns the row and the token itself, which is never stored."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Giv nøglen et navn, så du kan kende den igen.")})
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name[:100], prefix=raw[:12], token_hash=ApiToken.hash(raw)
    )
    audit_record(
        user=user,
        action=AuditEntry.Action.CREATE,
        instance=token,
        municipality=user.municipality,
        after={"name": token.name, "prefix": token.prefix},
    )
    return token, raw


@transaction.atomic
def api_token_revoke(*, user: User, token_id: int) -> ApiToken:
    """Revoke one of the user's own tokens; other people's tokens are not found."""
    token = ApiToken.objects.select_for_update().filter(user=user, pk=token_id).first()
    if token is None:
        raise PermissionDenied
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_record(
            user=user,
            action=AuditEntry.Action.DELETE,
            instance=token,
            municipality=user.municipality,
            before={"name": token.name, "prefix": token.prefix},
        )
    return token


def api_token_authenticate(raw: str) -> User | None:
    """The active user behind a bearer token, or None. Records when the token was last used."""
    if not raw.startswith(TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("user", "user__municipality")
        .filter(token_hash=ApiToken.hash(raw), revoked_at__isnull=True)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user
