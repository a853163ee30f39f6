"""Every read of organisation data, always on behalf of an acting user."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from procesbank.kit.access import access_or_404
from procesbank.organisations.audit import AuditRow, rows_as_seen_by
from procesbank.organisations.models import ApiToken, AuditEntry, Municipality, Role, User
from procesbank.organisations.permissions import Action, can


def own_municipality(*, user: User) -> Municipality:
    """The acting user's municipality; users without one (a technical superuser) see nothing."""
    if user.municipality is None:
        raise PermissionDenied
    return user.municipality


def municipality_list(*, user: User) -> QuerySet[Municipality]:
    """The municipalities of the user's collaboration (public facts: name, code, population)."""
    if user.municipality is None:
        return Municipality.objects.none()
    return Municipality.objects.filter(
        collaboration_id=user.municipality.collaboration_id
    ).select_related("collaboration")


def user_list(*, user: User) -> QuerySet[User]:
    """The users an administrator manages: those of the administrator's own municipality."""
    if not can(user, Action.MANAGE_USERS):
        raise PermissionDenied
    return User.objects.filter(municipality=own_municipality(user=user)).order_by("username")


def access_user(*, user: User, user_id: int) -> User:
    """One user of the administrator's municipality; 404 for anyone else's."""
    return access_or_404(user_list(user=user), pk=user_id)


def audit_entry_list(*, user: User) -> QuerySet[AuditEntry]:
    """The audit log an administrator may read: own municipality, or all for collaboration
    administrators (their collaboration's municipalities only)."""
    if not can(user, Action.VIEW_AUDIT):
        raise PermissionDenied
    municipality = own_municipality(user=user)
    entries = AuditEntry.objects.select_related("municipality")
    if user.role == Role.SAMARBEJDSADMIN:
        return entries.filter(municipality__collaboration_id=municipality.collaboration_id)
    return entries.filter(municipality=municipality)


def audit_rows(*, user: User, entries: Iterable[AuditEntry]) -> list[AuditRow]:
    """Entries of ``audit_entry_list`` (a page of them) as the user may see them now: another
    municipality's internal fields blanked, rows about objects the user cannot see reduced to
    "changed by <municipality>" (``organisations.audit.AuditPolicy``)."""
    return rows_as_seen_by(own_municipality(user=user), entries)


# The administration's own records (users, roles, API keys, sign-on): for those who may read the
# log (``Action.VIEW_AUDIT``); everyone else's "what changed" is the municipality's content.
ADMINISTRATION_TYPES = ("organisations.", "identity.")


def municipality_changes(
    *, user: User, since: datetime.datetime | None, limit: int = 10
) -> list[AuditRow]:
    """The latest audit entries of the user's own municipality after ``since`` (all when None),
    newest first, as the user may see them (``audit_rows``). Those who may not read the log do
    not see the administration's entries."""
    if user.municipality is None:
        return []
    entries = AuditEntry.objects.filter(municipality=user.municipality)
    if since is not None:
        entries = entries.filter(at__gt=since)
    if not can(user, Action.VIEW_AUDIT):
        for prefix in ADMINISTRATION_TYPES:
            entries = entries.exclude(object_type__startswith=prefix)
    latest = entries.select_related("municipality").order_by("-at", "-id")[:limit]
    return rows_as_seen_by(user.municipality, latest)


def api_token_list(*, user: User) -> QuerySet[ApiToken]:
    """The user's own API tokens, newest first."""
    return ApiToken.objects.filter(user=user)
