"""Writing an archive: one JSON file per table, the files the rows point at, a manifest.

The format, and why it is so, is described in ``docs/archive.md``. In short: Django's own
serialisation ("python" serialiser, written out as JSON) with primary keys kept, so links
between rows survive as they are; rows sorted by primary key, many-to-many lists sorted, keys
sorted, no time of export anywhere but in ``manifest.json``. Two exports of the same data are
member-for-member identical, whichever database they came from.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.core.serializers.python import Serializer as PythonSerializer
from django.db import connection, models
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from procesbank.archive.engine.container import MANIFEST, sha256_of, write_archive
from procesbank.archive.services.scope import (
    SECRET_FIELDS,
    SECRET_MODELS,
    archived_models,
    label,
    owned_queryset,
)
from procesbank.mining.models import EventLog
from procesbank.organisations.models import Municipality

FORMAT = "procesbank-archive"
FORMAT_VERSION = 1
# Files that live beside a row rather than in a FileField (the event log's Parquet file).
EXTRA_FILES: dict[str, Callable[[Any], list[str]]] = {
    label(EventLog): lambda row: [f"eventlogs/{row['fields']['file_id']}.parquet"],
}
_NATURAL = (Permission, ContentType)  # rows that every installation makes for itself


class _Serializer(PythonSerializer):
    """Django's python serialiser with natural keys for permissions and content types only:
    their ids differ between installations; every other link keeps its primary key."""

    def handle_fk_field(self, obj: models.Model, field: Any) -> None:
        self.use_natural_foreign_keys = field.related_model in _NATURAL
        super().handle_fk_field(obj, field)

    def handle_m2m_field(self, obj: models.Model, field: Any) -> None:
        self.use_natural_foreign_keys = field.related_model in _NATURAL
        super().handle_m2m_field(obj, field)


class _Encoder(DjangoJSONEncoder):
    """Times in UTC with all six digits of the microseconds: Django's encoder cuts them to
    milliseconds (lossy) and leaves them out when they are zero (so a time would read
    differently after a round trip)."""

    def default(self, o: Any) -> Any:
        if isinstance(o, datetime.datetime):
            if o.tzinfo is not None:
                o = o.astimezone(datetime.UTC)
            text = o.isoformat(timespec="microseconds")
            return text.removesuffix("+00:00") + ("Z" if o.tzinfo is not None else "")
        if isinstance(o, datetime.time):
            return o.isoformat(timespec="microseconds")
        return super().default(o)


def dump(rows: Any) -> bytes:
    """The bytes of one table's member: stable keys, one row per few lines, UTF-8."""
    text = json.dumps(rows, cls=_Encoder, ensure_ascii=False, indent=1, sort_keys=True)
    return (text + "\n").encode()


@dataclass
class ExportResult:
    rows: dict[str, int] = field(default_factory=dict)
    files: int = 0
    missing_files: list[str] = field(default_factory=list)


def _serialise(
    model: type[models.Model], municipality: Municipality | None
) -> list[dict[str, Any]]:
    queryset = owned_queryset(model, municipality).order_by("pk")
    m2m = [f.name for f in plain_many_to_many(model)]
    if m2m:
        queryset = queryset.prefetch_related(*m2m)
    rows: list[dict[str, Any]] = _Serializer().serialize(
        queryset.iterator(chunk_size=2000) if not m2m else queryset
    )
    for row in rows:
        for name in m2m:
            row["fields"][name] = sorted(row["fields"][name], key=_sort_key)
    return rows


def _sort_key(value: Any) -> Any:
    return (0, value, "") if isinstance(value, int) else (1, 0, json.dumps(value, default=str))


def _name(member: tuple[str, bytes | Path]) -> str:
    return member[0]


def _links(model: type[models.Model]) -> tuple[list[Any], list[Any]]:
    single = [
        f
        for f in model._meta.concrete_fields
        if (f.many_to_one or f.one_to_one) and f.related_model not in _NATURAL
    ]
    many = [f for f in plain_many_to_many(model) if f.related_model not in _NATURAL]
    return single, many


def plain_many_to_many(model: type[models.Model]) -> list[Any]:
    """The many-to-many fields Django keeps in a table of its own making. One with a model of
    its own between (``through=``, a review's reviewers) is archived as that model's rows, and
    Django's serialiser leaves it out of the row."""
    return [
        f
        for f in model._meta.many_to_many
        if f.remote_field.through._meta.auto_created  # type: ignore[union-attr]
    ]


def prune(tables: dict[type[models.Model], list[dict[str, Any]]]) -> None:
    """Make a municipality's rows loadable on their own: a required link to a row outside the
    archive drops the row (another municipality's comment on our candidate), an optional link
    is emptied (a reuse's source process in another municipality), a many-to-many list keeps
    the rows inside. Repeated until nothing changes, since a dropped row may be a parent."""
    changed = True
    while changed:
        changed = False
        present = {model: {row["pk"] for row in rows} for model, rows in tables.items()}
        for model, rows in tables.items():
            single, many = _links(model)
            kept = []
            for row in rows:
                fields = row["fields"]
                keep = True
                for link in single:
                    value = fields.get(link.name)
                    if value is None or value in present.get(link.related_model, ()):
                        continue
                    if link.null:
                        fields[link.name] = None
                        changed = True
                    else:
                        keep = False
                for link in many:
                    inside = [
                        v
                        for v in fields.get(link.name, [])
                        if v in present.get(link.related_model, ())
                    ]
                    if len(inside) != len(fields.get(link.name, [])):
                        fields[link.name] = inside
                        changed = True
                if keep:
                    kept.append(row)
                else:
                    changed = True
            rows[:] = kept


def _file_names(model: type[models.Model], row: dict[str, Any]) -> list[str]:
    names = [
        row["fields"][f.name]
        for f in model._meta.concrete_fields
        if isinstance(f, models.FileField) and row["fields"].get(f.name)
    ]
    if extra := EXTRA_FILES.get(label(model)):
        names += extra(row)
    return names


def applied_migrations() -> list[str]:
    """``app.migration`` of every applied migration of the archived apps, sorted."""
    app_labels = {model._meta.app_label for model in archived_models()}
    applied = MigrationRecorder(connection).applied_migrations()
    return sorted(f"{app}.{name}" for app, name in applied if app in app_labels)


def archive_export(
    *,
    target: IO[bytes] | Path,
    municipality: Municipality | None = None,
    include_secrets: bool = True,
    progress: Callable[[float, str], None] | None = None,
) -> ExportResult:
    """Write the archive of ``municipality`` (None: the whole installation) to ``target``.

    Reads in one repeatable-read snapshot on PostgreSQL (one transaction on SQLite), so rows
    added while it runs do not half appear.
    """
    from django.db import transaction

    result = ExportResult()
    members: list[tuple[str, bytes | Path]] = []
    # A snapshot needs a transaction of its own; inside a caller's one (tests) its reads are
    # as consistent as the caller made them.
    snapshot = connection.vendor == "postgresql" and not connection.in_atomic_block
    if progress:
        progress(0.05, "")
    with transaction.atomic():
        if snapshot:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        models_ = [m for m in archived_models() if include_secrets or label(m) not in SECRET_MODELS]
        tables: dict[type[models.Model], list[dict[str, Any]]] = {}
        # No progress report in here: on PostgreSQL the snapshot is READ ONLY, and the job's
        # progress row is written through the same connection (reading takes about a second).
        for model in models_:
            tables[model] = _serialise(model, municipality)
        migrations = applied_migrations()
    if progress:
        progress(0.5, "")
    if municipality is not None:
        prune(tables)
    if not include_secrets:
        for model, rows in tables.items():
            for name, value in SECRET_FIELDS.get(label(model), {}).items():
                for row in rows:
                    row["fields"][name] = value
    storage_root = Path(settings.MEDIA_ROOT)
    for model, rows in tables.items():
        members.append((f"data/{label(model)}.json", dump(rows)))
        result.rows[label(model)] = len(rows)
        for row in rows:
            for name in _file_names(model, row):
                path = storage_root / name
                if path.is_file():
                    members.append((f"files/{name}", path))
                    result.files += 1
                else:
                    result.missing_files.append(name)
    if progress:
        progress(0.9, "")
    manifest = {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "created_at": timezone.now().isoformat(),
        "municipality": municipality.code if municipality else None,
        "secrets": include_secrets,
        "tables": [f"data/{label(model)}.json" for model in tables],
        "rows": result.rows,
        "migrations": migrations,
        "missing_files": sorted(result.missing_files),
        "sha256": {name: sha256_of(content) for name, content in sorted(members, key=_name)},
    }
    members.append((MANIFEST, dump(manifest)))
    write_archive(target, members)
    return result
