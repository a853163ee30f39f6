"""Optimistic locking: the one way a row that two people may edit at once is changed.

A row that may be edited concurrently carries a version counter (``lock_version``; a BPMN
version uses its ``revision``). The form is loaded with the counter; the save is a
conditional ``UPDATE ... WHERE version = <the loaded one>`` that moves it on. Of two saves
from the same version exactly one matches; the other is refused with :class:`StaleEditError`,
which names who saved in between and when (from the row's ``updated_by`` / ``updated_at``,
when it has them), and nothing of it is written.

The kit knows no domain: it cannot import organisations, so the audit row is written by a
hook the service passes in (``organisations.audit.audited`` is the one every app uses). The
hook is a context manager around the change, so it sees the row as it was and as it became.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from contextlib import AbstractContextManager
from typing import Any, Protocol, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from procesbank.core.errors import UserError, gettext_noop
from procesbank.kit.stamps import touch
from procesbank.kit.templatetags.procesbank import day_time
from procesbank.kit.text import clean_text_fields

MSG_STALE = gettext_noop(
    "Mens du redigerede, har %(who)s gemt en nyere udgave (%(when)s). Dine ændringer er ikke "
    "gemt: genindlæs siden, og indtast dem igen."
)

M = TypeVar("M", bound=models.Model)


class StaleEditError(UserError):
    """A save based on an older version of the row than the current one; nothing was written.

    ``editor`` (a username) and ``edited_at`` say who saved in between and when, where the row
    keeps them: the API answers them beside the message (409 Conflict)."""

    editor: str | None = None
    edited_at: Any = None


class AuditHook(Protocol):
    """Writes the audit row of one change: entered with the row before the change, left (without
    an error) once the change is saved; the row object is the same, so it sees both states."""

    def __call__(self, *, user: Any, instance: Any) -> AbstractContextManager[object]: ...


def stale_edit_error(row: models.Model) -> StaleEditError:
    """The refusal for a save that came too late: who saved ``row`` last, and when."""
    editor = getattr(row, "updated_by", None)
    when = getattr(row, "updated_at", None)
    error = StaleEditError(
        MSG_STALE,
        who=str(editor) if editor is not None else _("en anden bruger"),
        when=day_time(when) if when else _("for nylig"),
    )
    error.editor = editor.get_username() if editor is not None else None
    error.edited_at = when
    return error


def _fresh(model: type[M], pk: Any) -> M:
    return model._base_manager.get(pk=pk)


def claim_version(*, user: Any, instance: M, version: int, field: str = "lock_version") -> M:
    """Move ``instance``'s version counter on if it is still ``version``, and return the row as
    stored now. Refused with :class:`StaleEditError` when another save came first.

    For a change of the row's own fields use :func:`locked_update`. This is for changes to
    other rows that this one guards (a business case's lines move the case's version on) or
    that other code writes (a BPMN revision), and for a claim that must come before judging
    the change (a project's gate). It sets ``updated_by`` to ``user`` and touches
    ``updated_at`` when the row has them. Call it inside the service's transaction: the claim
    holds the row until the transaction ends, and a later refusal rolls it back.
    """
    model = type(instance)
    values: dict[str, Any] = {field: F(field) + 1}
    names = {f.name for f in model._meta.concrete_fields}
    if "updated_by" in names and user is not None and user.pk:
        values["updated_by"] = user
    if "updated_at" in names:
        values["updated_at"] = timezone.now()
    claimed = model._base_manager.filter(pk=instance.pk, **{field: version}).update(**values)
    current = _fresh(model, instance.pk)
    if not claimed:
        raise stale_edit_error(current)
    touch(model)  # an UPDATE sends no post_save: cached aggregates must still see it
    return current


def locked_update(
    *,
    user: Any,
    instance: M,
    lock_version: int,
    changes: Mapping[str, Any],
    audit: AuditHook,
    check: Callable[[M], None] | None = None,
    exclude: Iterable[str] = (),
) -> M:
    """Change ``instance``'s fields to ``changes`` if nobody saved it since the user's form was
    loaded at ``lock_version``, and return the row as stored now (its ``lock_version`` moved on).

    In one transaction: the row is read afresh (refused at once if already newer), the changes
    are applied, the service's own rules run (``check``: it raises ``ValidationError`` /
    ``UserError`` and may fill derived fields; first, so its Danish message on a clash wins
    over the generic constraint one), then ``full_clean`` (without ``exclude``). The
    conditional UPDATE writes every field and moves ``lock_version`` on only where it is still
    ``lock_version``. Many-to-many fields in ``changes`` are set after it. ``audit`` wraps all
    of it and writes one audit row when it succeeds.
    """
    model = type(instance)
    exclude = list(exclude)
    many_to_many = {f.name for f in model._meta.many_to_many}
    with transaction.atomic():
        current = _fresh(model, instance.pk)
        if current.lock_version != lock_version:  # type: ignore[attr-defined]
            raise stale_edit_error(current)
        with audit(user=user, instance=current):
            _refuse_nulls(model, changes)
            for name, value in changes.items():
                if name not in many_to_many:
                    setattr(current, name, value)
            if check is not None:
                check(current)
            clean_text_fields(current)  # what save() does through the pre_save receiver
            current.full_clean(exclude=exclude)
            _write(current, user=user, lock_version=lock_version)
            for name, value in changes.items():
                if name in many_to_many:
                    getattr(current, name).set(value)
            current.refresh_from_db()
    return current


def _refuse_nulls(model: type[models.Model], changes: Mapping[str, Any]) -> None:
    """A ``None`` for a column that cannot hold NULL, refused on its field.

    ``full_clean`` does not: it skips an empty value (and ``None`` is one) of a field with
    ``blank=True``, so an API body's explicit ``null`` for an optional text reached the
    database as an IntegrityError (a 500) instead of a 422 naming the field.
    """
    errors = {}
    for name, value in changes.items():
        if value is not None:
            continue
        field = model._meta.get_field(name)
        if field.concrete and not field.null and not field.many_to_many:
            errors[name] = ValidationError(field.error_messages["null"], code="null")
    if errors:
        raise ValidationError(errors)


def _write(row: models.Model, *, user: Any, lock_version: int) -> None:
    """The conditional UPDATE of every field: what ``save()`` writes, plus the version filter."""
    model = type(row)
    names = {f.name for f in model._meta.concrete_fields}
    if "updated_by" in names and user is not None and user.pk:
        row.updated_by = user  # type: ignore[attr-defined]
    values = {
        field.attname: field.pre_save(row, add=False)  # auto_now fields take the time here
        for field in model._meta.concrete_fields
        if not field.primary_key and field.name != "lock_version"
    }
    written = model._base_manager.filter(pk=row.pk, lock_version=lock_version).update(
        lock_version=F("lock_version") + 1, **values
    )
    if not written:  # another save came between our read and our write
        raise stale_edit_error(_fresh(model, row.pk))
    touch(model)  # an UPDATE sends no post_save: cached aggregates must still see it
