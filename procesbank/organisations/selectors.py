"""Every read of organisation data, always on behalf of an acting user."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Count, QuerySet

from procesbank.kit.access import access_or_404
from procesbank.organisations.audit import AuditRow, rows_as_seen_by
from procesbank.organisations.engine.units import descendants, tree_order
from procesbank.organisations.models import (
    ApiToken,
    AuditEntry,
    Municipality,
    OrganisationalUnit,
    Role,
    User,
)
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


# --- people ----------------------------------------------------------------------------------
def person_list(*, user: User) -> QuerySet[User]:
    """The people an administrator may see with their names, titles and units: their own
    municipality's; a collaboration administrator sees the collaboration's."""
    if not can(user, Action.MANAGE_USERS):
        raise PermissionDenied
    municipality = own_municipality(user=user)
    people = User.objects.select_related("municipality", "unit")
    if user.role == Role.SAMARBEJDSADMIN:
        people = people.filter(municipality__collaboration_id=municipality.collaboration_id)
    else:
        people = people.filter(municipality=municipality)
    return people.order_by("municipality__name", "first_name", "last_name", "username")


def access_person(*, user: User, person_id: int) -> User:
    """One person the administrator may see (``person_list``); 404 for anyone else."""
    return access_or_404(person_list(user=user), pk=person_id)


def can_edit_person(*, user: User, person: User) -> bool:
    """Administrators edit the people of their own municipality only."""
    return can(user, Action.MANAGE_USERS, person.municipality)


# --- organisational units ------------------------------------------------------------------
def unit_list(*, user: User) -> QuerySet[OrganisationalUnit]:
    """The units of the user's own municipality (every role reads them; another
    municipality's units are never shown)."""
    if user.municipality_id is None:
        return OrganisationalUnit.objects.none()
    return OrganisationalUnit.objects.filter(municipality_id=user.municipality_id)


def access_unit(*, user: User, unit_id: int) -> OrganisationalUnit:
    """One unit of the user's own municipality; 404 for any other."""
    return access_or_404(unit_list(user=user), pk=unit_id)


@dataclass(frozen=True)
class UnitNode:
    """A unit in the tree as read top-down: its depth (0 for a forvaltning at the top) and
    how many processes and people belong to it directly."""

    unit: OrganisationalUnit
    depth: int
    process_count: int = 0
    people_count: int = 0
    child_count: int = 0

    @property
    def indented_name(self) -> str:
        return "\u2003" * self.depth + self.unit.name


def unit_tree(*, user: User, with_counts: bool = False) -> list[UnitNode]:
    """The own municipality's units in tree order (each followed by its children)."""
    units = unit_list(user=user)
    if with_counts:
        units = units.annotate(
            process_count=Count("processes", distinct=True),
            people_count=Count("people", distinct=True),
            child_count=Count("children", distinct=True),
        )
    by_pk = {unit.pk: unit for unit in units}
    order = tree_order(
        {pk: unit.parent_id for pk, unit in by_pk.items()},
        {pk: unit.name for pk, unit in by_pk.items()},
    )
    return [
        UnitNode(
            unit=by_pk[pk],
            depth=depth,
            process_count=getattr(by_pk[pk], "process_count", 0),
            people_count=getattr(by_pk[pk], "people_count", 0),
            child_count=getattr(by_pk[pk], "child_count", 0),
        )
        for pk, depth in order
    ]


def unit_choices(*, user: User) -> list[tuple[int, str]]:
    """The own municipality's units for a picker, indented to show the tree."""
    return [(node.unit.pk, node.indented_name) for node in unit_tree(user=user)]


def unit_with_descendants(*, user: User, unit_id: int) -> set[int]:
    """The ids of a unit of the own municipality and all units below it (empty for a unit
    the user cannot see)."""
    parents = dict(unit_list(user=user).values_list("pk", "parent_id"))
    if unit_id not in parents:
        return set()
    return descendants(parents, unit_id)


# --- a person as a work contact ------------------------------------------------------------
@dataclass(frozen=True)
class WorkContact:
    """A person as shown beside something they are responsible for (a process owner)."""

    name: str
    job_title: str


def work_contact(*, user: User, person: User | None) -> WorkContact | None:
    """What ``user`` sees of ``person`` named as the owner of a process; None for nothing.

    Decision (issue #14): a process shared with the collaboration is read by the other
    municipalities, and they see its owning municipality, the owning unit's name and the
    process owner's NAME and job title: a work contact, as OS2autoproces shows a contact. They
    never see the owner's e-mail, user name (the login) or the person's other processes, so a
    reader of another municipality gets the full name only, never the user name in its place,
    and no id or link that leads to the person. The owner's own municipality sees the user
    name where a person has no name yet, as every page of the library does (``User.__str__``).
    """
    if person is None:
        return None
    own = user.municipality_id is not None and person.municipality_id == user.municipality_id
    name = person.get_full_name() if not own else str(person)
    if not name and not person.job_title:
        return None
    return WorkContact(name=name, job_title=person.job_title)
