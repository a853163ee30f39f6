"""Umbrella processes (paraplyprocesser): create, change, delete."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from procesbank.catalogue.models import Umbrella
from procesbank.kit.locking import locked_update
from procesbank.organisations.audit import audit_record, audited, snapshot
from procesbank.organisations.models import AuditEntry, User
from procesbank.organisations.permissions import require_edit
from procesbank.organisations.selectors import own_municipality
from procesbank.processes.models import Process, Visibility
from procesbank.processes.selectors import visible_to

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
    require_edit(user, municipality)
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
    require_edit(user, umbrella.municipality)
    children = _check_children(user, visibility, processes)
    return locked_update(
        user=user,
        instance=umbrella,
        lock_version=lock_version,
        changes={
            "name": name.strip(),
            "description": description,
            "visibility": visibility,
            "processes": children,
        },
        check=_check_unique,
        audit=partial(audited, municipality=umbrella.municipality),
    )


@transaction.atomic
def umbrella_delete(*, user: User, umbrella: Umbrella) -> None:
    require_edit(user, umbrella.municipality)
    audit_record(
        user=user,
        action=AuditEntry.Action.DELETE,
        instance=umbrella,
        municipality=umbrella.municipality,
        before=snapshot(umbrella),
    )
    umbrella.delete()
