"""Stamps over models, and aggregates cached under them.

The pages that count, sum or rank over a whole collaboration (98 municipalities at national
scale) cannot be constant-time without keeping their answer. The default cache is per worker
process (LocMem), so "forget it on write" would reach only the writing worker. Instead every
cached aggregate is keyed by a *stamp* read from the database in one cheap query, which changes
with every write to the models the aggregate reads: a write shows on the next request in every
worker, and a stale entry is never read again (it ages out).

A stamp over some models is, for each of them:

* ``MAX(id)``, read from the primary key's index: it sees rows inserted without ``save()``
  (``bulk_create``: a version's task rows, the generator);
* its :class:`~procesbank.kit.models.ModelChange` counter, raised by ``post_save`` and
  ``post_delete``: it sees an edit in place and a hard delete (a cascade too: Django's
  collector sends ``post_delete`` for every row once a receiver listens).

The counter is raised once per model and transaction, right after the commit, by an UPDATE of
its own. Raised inside the writing transaction, its row would stay locked until the commit: every
writer of the same model in the installation would wait for the slowest (an import of a
thousand candidates holds its transaction for seconds), and two transactions writing two
watched models in opposite order would deadlock. Raised after the commit, a reader between the
commit and the raise may still be given the figures cached before the write (for the few
milliseconds between them), and a reader that computes across the commit keeps its figures
under the old stamp, which no one reads again once the counter moves. A process that dies
between its commit and the raise leaves the old figures until the next write of that model or
the cache's hour. Tests run in a transaction that never commits, so the root conftest raises
at once (:data:`RAISE_AT_ONCE`); a transactional test checks the real order.

Why a counter, not ``MAX(updated_at)`` as before: most models have no ``updated_at``
(municipality, unit, enrolment, measurement ...), it is indexed on few, and a transaction that
commits late carries an older time than one committed before it, so its change would not move
the stamp. Why per model: writers of different models do not touch the same row.

What a stamp cannot see by itself: ``QuerySet.update()``, ``bulk_update()`` and raw SQL send
no signal. Code that writes a watched model that way calls :func:`touch`: the locked update
(``kit.locking``, behind most edit forms) does, and so do the renames of IT-system names and
the catalogue's refresh of a candidate's expected hours.

A model is watched once its app's ``AppConfig.ready`` calls :func:`watch` (then every process
counts its writes, whatever it imports); :func:`stamp` refuses a model nobody watches, so a
forgotten registration fails in the first test instead of serving stale figures.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, connections, transaction
from django.db.models import Model
from django.db.models.signals import post_delete, post_save

T = TypeVar("T")

#: How long a cached aggregate lives at most; a write replaces it long before.
CACHE_SECONDS = 3600

_WATCHED: set[str] = set()
_MISSING = object()

_BUMP_SQL = (
    "INSERT INTO kit_modelchange (label, changes) VALUES (%s, 1)"
    " ON CONFLICT (label) DO UPDATE SET changes = kit_modelchange.changes + 1"
)


def _label(model: type[Model]) -> str:
    return model._meta.label_lower


def watch(*models: type[Model]) -> None:
    """Count every ``save()`` and ``delete()`` of these models (from ``AppConfig.ready``)."""
    for model in models:
        label = _label(model)
        post_save.connect(_count_write, sender=model, dispatch_uid=f"kit.stamps.save.{label}")
        post_delete.connect(_count_write, sender=model, dispatch_uid=f"kit.stamps.delete.{label}")
        _WATCHED.add(label)


def _count_write(sender: type[Model], *, using: str, **kwargs: Any) -> None:
    touch(sender, using=using)


def touch(model: type[Model], *, using: str = "default") -> None:
    """Raise the model's counter once the writing transaction commits (at once outside one):
    also for a write that sends no signal (``QuerySet.update()``). Nothing for a model nobody
    watches (no stamp reads it), so shared code such as the locked update may call it for any
    model."""
    label = _label(model)
    if label not in _WATCHED:
        return
    connection_ = connections[using]
    if RAISE_AT_ONCE or not connection_.in_atomic_block:
        _Raise(using, {label})()
        return
    # One raise per transaction, for every model it wrote: the pending one is still in the
    # connection's list unless a savepoint it was registered in was rolled back.
    for entry in connection_.run_on_commit:  # (savepoint ids, callback, robust)
        callback = entry[1]
        if isinstance(callback, _Raise):
            callback.labels.add(label)
            return
    transaction.on_commit(_Raise(using, {label}), using=using)


#: Tests: raise the counter inside the transaction (a test's transaction never commits).
RAISE_AT_ONCE = False


class _Raise:
    """The counters of the models one transaction wrote, raised by one UPDATE each (in label
    order, so two raises never wait for each other in a cycle)."""

    def __init__(self, using: str, labels: set[str]) -> None:
        self.using = using
        self.labels = labels

    def __call__(self) -> None:
        with connections[self.using].cursor() as cursor:
            for label in sorted(self.labels):
                cursor.execute(_BUMP_SQL, [label])


def stamp(*models: type[Model]) -> str:
    """A short string that changes whenever a row of one of ``models`` is written, read in one
    query from indexes (a COUNT would scan every row)."""
    return _stamp(models, appended=())


def _digest(text: str) -> str:
    """Short, and without the spaces and colons memcached refuses in a key."""
    return hashlib.blake2b(text.encode(), digest_size=12).hexdigest()


def cached(key: str, models: tuple[type[Model], ...], compute: Callable[[], T]) -> T:
    """``compute()``, kept under ``key`` (which names the aggregate and everything it depends
    on besides the rows of ``models``: the viewer's scope, a filter, the day) and the stamp of
    ``models``; computed again after any write to them."""
    return _kept(key, stamp(*models), compute)


def _kept(key: str, stamped: str, compute: Callable[[], T]) -> T:
    """``compute()`` kept under ``key`` and the stamp ``stamped``."""
    # Hashed: the key may hold what a user typed (a KLE number), which memcached could refuse.
    full_key = f"pb:aggregate:{_digest(key)}:{stamped}"
    value = cache.get(full_key, _MISSING)
    if value is _MISSING:
        value = compute()
        cache.set(full_key, value, CACHE_SECONDS)
    return value


def viewer_key(user: Any) -> str:
    """What decides which shared rows a user sees: their municipality and its collaboration
    (every member of a municipality sees the same processes, candidates and counts)."""
    municipality = user.municipality
    if municipality is None:
        return "none"
    return f"{municipality.pk}-{municipality.collaboration_id}"


def cached_with_appended(
    key: str,
    models: tuple[type[Model], ...],
    appended: tuple[type[Model], ...],
    compute: Callable[[], T],
) -> T:
    """:func:`cached`, with the stamp also over ``appended``: models whose rows are only ever
    inserted, never changed or deleted (the audit log), so ``MAX(id)`` sees every write and
    they need no counter (watching the audit log would raise one shared counter after every
    writing transaction of the installation). Still one query."""
    return _kept(key, _stamp(models, appended), compute)


def _stamp(models: tuple[type[Model], ...], appended: tuple[type[Model], ...]) -> str:
    """The stamp of ``models`` (MAX(id) and the write counters) and of ``appended`` (MAX(id)
    alone: only ever inserted), in one query."""
    labels = sorted({_label(model) for model in models})
    unwatched = set(labels) - _WATCHED
    if unwatched:
        raise ImproperlyConfigured(f"kit.stamps.watch() was never called for {sorted(unwatched)}")
    newest = [
        f"(SELECT MAX({model._meta.pk.column}) FROM {model._meta.db_table})"  # noqa: S608 (no user input)
        for model in sorted(set(models) | set(appended), key=_label)
    ]
    marks = ", ".join(["%s"] * len(labels))
    counted = f"(SELECT SUM(changes) FROM kit_modelchange WHERE label IN ({marks}))"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join([*newest, counted])}", labels)
        row = cursor.fetchone()
    return _digest("-".join(str(part) for part in row))
