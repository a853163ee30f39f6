"""Umbrella processes (paraplyprocesser): create, change, delete."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from procesbank.catalogue.models import Umbrella
from procesbank.organisations.audit import audit_record, snapshot
from procesbank.organisations.models import AuditEntry, User
from procesbank.organisations.permissions import Action, can
from procesbank.organisations.selectors import own_municipality
from procesbank.processes.models import Process, Visibility
from procesbank.processes.selectors import visible_to
from procesbank.processes.services.common import stale_error

RANK: dict[str, int] = {Visibility.OWN: 0, Visibility.COLLABORATION: 1, Visibility.PUBLIC: 2}


def _check_children(user: User, visibility: str, processes: Sequence[Process]) -> list[Process]:
    """Every process must be readable by the user and at least as visible as the umbrella."""
    ids = [p.pk for p in processes]
    readable = list(Process.objects.filter(visible_to(user), pk__in=ids))
    if len(readable) != len(set(ids)):
        raise PermissionDenied
    too_private = sorted(p.name for p in readable if RANK[p.visibility] < RANK[visibility])
    if too_private:
        raise ValidationError(
            {
                "processes": _(
                    "Processerne i en paraplyproces skal være mindst lige så synlige som den. "
                    "Del dem først, eller gør paraplyprocessen mindre synlig: %(names)s."
                )
                % {"names": ", ".join(too_private)}
            }
        )
    return readable


def _check_unique(umbrella: Umbrella) -> None:
    clash = Umbrella.objects.filter(municipality=umbrella.municipality, name=umbrella.name)
    if umbrella.pk:
        clash = clash.exclude(pk=umbrella.pk)
    if clash.exists():
        raise ValidationError(
            {"name": _("Din kommune har allerede en paraplyproces med det navn.")}
        )


@transaction.atomic
def umbrella_create(
    *,
    user: User,
    name: str,
    description: str = "",
    visibility: str = Visibility.OWN,
    processes: Sequence[Process] = (),
) -> Umbrella:
    municipality = own_municipality(user=user)
    if not can(user, Action.EDIT, municipality):
        raise PermissionDenied
    children = _check_children(user, visibility, processes)
    umbrella = Umbrella(
        municipality=municipality,
        name=name.strip(),
        description=description,
        visibility=visibility,
        created_by=user,
    )
    umbrella.full_clean()
    _check_unique(umbrella)
    umbrella.save()
    umbrella.processes.set(children)
    audit_record(
        user=user,
        action=AuditEntry.Action.CREATE,
        instance=umbrella,
        municipality=municipality,
        after=snapshot(umbrella),
    )
    return umbrella


@transaction.atomic
def umbrella_update(
    *,
    user: User,
    umbrella: Umbrella,
    lock_version: int,
    name: str,
    description: str,
    visibility: str,
    processes: Sequence[Process],
) -> Umbrella:
    if not can(user, Action.EDIT, umbrella.municipality):
        raise PermissionDenied
    current = Umbrella.objects.select_for_update().get(pk=umbrella.pk)
    if current.lock_version != lock_version:
        raise stale_error(who=None, when=current.updated_at)
    children = _check_children(user, visibility, processes)
    before = snapshot(current)
    current.name, current.description, current.visibility = name.strip(), description, visibility
    current.full_clean(exclude=["lock_version"])
    _check_unique(current)
    current.lock_version = F("lock_version") + 1
    current.save()
    current.refresh_from_db()
    current.processes.set(children)
    audit_record(
        user=user,
        action=AuditEntry.Action.UPDATE,
        instance=current,
        municipality=current.municipality,
        before=before,
        after=snapshot(current),
    )
    return current


@transaction.atomic
def umbrella_delete(*, user: User, umbrella: Umbrella) -> None:
    if not can(user, Action.EDIT, umbrella.municipality):
        raise PermissionDenied
    audit_record(
        user=user,
        action=AuditEntry.Action.DELETE,
        instance=umbrella,
        municipality=umbrella.municipality,
        before=snapshot(umbrella),
    )
    umbrella.delete()
