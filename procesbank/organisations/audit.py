"""Writing the audit log: called by every service that changes domain data."""

from __future__ import annotations

import datetime
import decimal
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import models
from django.forms.models import model_to_dict

from procesbank.organisations.models import AuditEntry, Municipality, User

_SKIPPED_FIELDS = {"password", "token_hash", "bpmn_xml"}


def snapshot(instance: models.Model) -> dict[str, Any]:
    """A JSON-safe picture of a row's fields, for the before/after columns."""
    values = model_to_dict(instance)
    return {key: _json_safe(value) for key, value in values.items() if key not in _SKIPPED_FIELDS}


def _json_safe(value: Any) -> Any:
    if isinstance(value, datetime.date | datetime.datetime | decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, list | tuple):
        return [_json_safe(item) for item in value]
    if isinstance(value, dict):
        return {key: _json_safe(item) for key, item in value.items()}
    return value


def audit_record(
    *,
    user: User | None,
    action: str,
    instance: models.Model,
    municipality: Municipality | None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEntry:
    """Record one change. Call it inside the service's transaction so both land or neither."""
    return AuditEntry.objects.create(
        municipality=municipality,
        user=user if user is not None and user.pk else None,
        username=user.get_username() if user is not None and user.pk else "system",
        action=action,
        object_type=instance._meta.label,
        object_id=str(instance.pk),
        object_repr=str(instance)[:200],
        before=before,
        after=after,
    )


@contextmanager
def audited(
    *,
    user: User | None,
    instance: models.Model,
    municipality: Municipality | None,
    action: str = AuditEntry.Action.UPDATE,
) -> Iterator[None]:
    """Record the change made to ``instance`` inside the block: its snapshot when the block is
    entered and when it is left. Nothing is recorded when the block raises. This is the audit
    hook the kit's ``locked_update`` takes (bind ``municipality`` with ``functools.partial``)."""
    before = snapshot(instance)
    yield
    audit_record(
        user=user,
        action=action,
        instance=instance,
        municipality=municipality,
        before=before,
        after=snapshot(instance),
    )
