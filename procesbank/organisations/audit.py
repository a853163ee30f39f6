"""The audit log: written by every service that changes domain data (``audit_record``,
``audited``), and read through ``rows_as_seen_by``, which shows a reader of another
municipality only what that reader may see of each object now (``AuditPolicy``)."""

from __future__ import annotations

import datetime
import decimal
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.forms.models import model_to_dict
from django.utils.translation import gettext

from procesbank.organisations.models import AuditEntry, Municipality, User

_SKIPPED_FIELDS = {"password", "token_hash", "bpmn_xml", "client_secret", "metadata_xml"}


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


# --- what a reader may see of the log ------------------------------------------------------
@dataclass(frozen=True)
class AuditPolicy:
    """How the audit log shows a row about one kind of object to a reader of *another*
    municipality: only what that reader may see of the object now. A model declares it as the
    class attribute ``audit_policy``; a model that declares nothing is its owner's alone
    (another municipality's reader sees only "changed by <municipality>"), so a new model
    cannot leak through the log.

    ``owner``      path to the owning municipality (``candidate__municipality``); "" when
                   only the log row's own municipality may read it
    ``visibility`` path to the ``visibility`` field ("own" / "collaboration" / "public") that
                   decides who else may read the object; None: nobody else
    ``shared``     a further condition for others (an attachment must be ``shared``)
    ``internal``   fields only the owner sees (blanked in before/after for everyone else)
    """

    owner: str = "municipality"
    visibility: str | None = None
    shared: Q | None = None
    internal: tuple[str, ...] = ()

    def visible_to(self, municipality: Municipality) -> Q:
        """The rows of the model a user of ``municipality`` may read."""
        if not self.owner:
            return Q(pk__in=[])
        own = Q(**{self.owner: municipality})
        if self.visibility is None:
            return own
        others = Q(
            **{
                self.visibility: "collaboration",
                f"{self.owner}__collaboration_id": municipality.collaboration_id,
            }
        ) | Q(**{self.visibility: "public"})
        if self.shared is not None:
            others &= self.shared
        return own | others


OWNER_ONLY = AuditPolicy()
NOBODY_ELSE = AuditPolicy(owner="")  # no owner field: only the log's own municipality reads it
REDACTED = "•••"


def policy_of(model: type[models.Model] | None) -> AuditPolicy:
    """The model's declared policy; undeclared: its owner's alone (by its ``municipality``)."""
    policy = getattr(model, "audit_policy", None)
    if isinstance(policy, AuditPolicy):
        return policy
    if model is not None and any(f.name == "municipality" for f in model._meta.get_fields()):
        return OWNER_ONLY
    return NOBODY_ELSE


def _model_of(label: str) -> type[models.Model] | None:
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


@dataclass(frozen=True)
class AuditRow:
    """One log row as a reader sees it. ``reduced``: the object is not visible to the reader,
    so the row only says which municipality changed something."""

    at: datetime.datetime
    action: str
    username: str
    object_repr: str
    object_type: str
    municipality: Municipality | None
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    reduced: bool = False

    def get_action_display(self) -> str:
        return str(AuditEntry.Action(self.action).label)


def _redact(values: dict[str, Any] | None, internal: tuple[str, ...]) -> dict[str, Any] | None:
    if values is None:
        return None
    return {key: REDACTED if key in internal else value for key, value in values.items()}


def _visible_ids(
    municipality: Municipality, model: type[models.Model], object_ids: set[str]
) -> set[str]:
    pks = []
    for object_id in object_ids:
        try:
            pks.append(model._meta.pk.to_python(object_id))
        except ValidationError:
            continue
    rows = model._default_manager.filter(policy_of(model).visible_to(municipality), pk__in=pks)
    return {str(pk) for pk in rows.values_list("pk", flat=True)}


class _LinkCheck:
    """Blanks, in a visible object's before/after, the ids of linked rows the reader may not
    see (a shared candidate's private process): the id alone says such a row exists."""

    def __init__(self, municipality: Municipality) -> None:
        self.municipality = municipality
        self.seen: dict[tuple[str, str], bool] = {}

    def redact(
        self, model: type[models.Model] | None, values: dict[str, Any] | None
    ) -> dict[str, Any] | None:
        if model is None or values is None:
            return values
        result = dict(values)
        for field in model._meta.get_fields():
            if not (field.is_relation and field.concrete) or field.name not in result:
                continue
            target = field.related_model
            if not isinstance(target, type) or target is Municipality:
                continue
            value = result[field.name]
            ids = value if isinstance(value, list) else [value]
            if any(i is not None and not self._visible(target, str(i)) for i in ids):
                result[field.name] = REDACTED
        return result

    def _visible(self, model: type[models.Model], object_id: str) -> bool:
        key = (model._meta.label, object_id)
        if key not in self.seen:
            self.seen[key] = bool(_visible_ids(self.municipality, model, {object_id}))
        return self.seen[key]


def rows_as_seen_by(municipality: Municipality, entries: Iterable[AuditEntry]) -> list[AuditRow]:
    """The entries as a reader of ``municipality`` may see them now: its own municipality's in
    full; another's with internal fields blanked, or reduced to "changed by <municipality>" when
    the object is not (or no longer) visible to the reader. One query per kind of object."""
    entries = list(entries)
    foreign: dict[str, set[str]] = {}
    for entry in entries:
        if entry.municipality_id != municipality.pk:
            foreign.setdefault(entry.object_type, set()).add(entry.object_id)
    visible: dict[str, set[str]] = {}
    for label, ids in foreign.items():
        model = _model_of(label)
        visible[label] = _visible_ids(municipality, model, ids) if model is not None else set()
    links = _LinkCheck(municipality)
    rows = []
    for entry in entries:
        if entry.municipality_id == municipality.pk:
            rows.append(_row(entry, entry.before, entry.after, entry.username, entry.object_repr))
        elif entry.object_id in visible[entry.object_type]:
            model = _model_of(entry.object_type)
            internal = policy_of(model).internal
            before = links.redact(model, _redact(entry.before, internal))
            after = links.redact(model, _redact(entry.after, internal))
            rows.append(_row(entry, before, after, entry.username, entry.object_repr))
        else:
            name = entry.municipality.name if entry.municipality else ""
            what = gettext("Noget, %(municipality)s ikke har delt med jer") % {"municipality": name}
            rows.append(_row(entry, None, None, name, what, reduced=True))
    return rows


def _row(
    entry: AuditEntry,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    username: str,
    what: str,
    *,
    reduced: bool = False,
) -> AuditRow:
    return AuditRow(
        at=entry.at,
        action=entry.action,
        username=username,
        object_repr=what,
        object_type="" if reduced else entry.object_type,
        municipality=entry.municipality,
        before=before,
        after=after,
        reduced=reduced,
    )
