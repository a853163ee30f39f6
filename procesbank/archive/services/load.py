"""Loading an archive into an empty installation, all or nothing.

The archive is checked as a container first (:mod:`procesbank.archive.engine.container`:
names, sizes, zip bombs), then its manifest (format, and the same migrations as this
installation), then the installation (empty: no municipality, user or owned row). The rows are
loaded in one transaction with Django's deserialiser, foreign keys are checked before it
commits, sequences are moved past the loaded ids, and the files are written last: a failure
anywhere rolls back the rows and removes the files already written.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.core import serializers
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError, IntegrityError, connection, models, transaction

from procesbank.archive.engine.container import MANIFEST, ArchiveReader, Limits
from procesbank.archive.services.export import FORMAT, FORMAT_VERSION, applied_migrations
from procesbank.archive.services.scope import archived_models, label, owner_path
from procesbank.core.errors import UserError, gettext_noop


@dataclass
class ImportResult:
    rows: dict[str, int] = field(default_factory=dict)
    files: int = 0
    municipality: str | None = None


def _json(reader: ArchiveReader, name: str) -> Any:
    try:
        return json.loads(reader.read(name).decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as error:
        raise UserError(
            gettext_noop("Filen %(name)s i arkivet er ikke gyldig JSON (%(reason)s)."),
            name=name,
            reason=str(error)[:160],
        ) from None


def _manifest(reader: ArchiveReader) -> dict[str, Any]:
    if MANIFEST not in reader.names:
        raise UserError(
            gettext_noop("Arkivet mangler sin manifest.json: det er ikke et Procesbank-arkiv.")
        )
    manifest = _json(reader, MANIFEST)
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise UserError(
            gettext_noop("Arkivet mangler sin manifest.json: det er ikke et Procesbank-arkiv.")
        )
    if manifest.get("version") != FORMAT_VERSION:
        raise UserError(
            gettext_noop("Arkivets format (version %(version)s) kendes ikke af denne Procesbank."),
            version=str(manifest.get("version"))[:20],
        )
    ours = applied_migrations()
    theirs = manifest.get("migrations")
    if theirs != ours:
        missing = sorted(set(theirs or []) - set(ours)) if isinstance(theirs, list) else []
        extra = sorted(set(ours) - set(theirs or [])) if isinstance(theirs, list) else []
        raise UserError(
            gettext_noop(
                "Arkivet er lavet af en anden version af Procesbank end denne (migrationer kun i "
                "arkivet: %(missing)s; kun her: %(extra)s). Opdater den ene, så de er ens, og "
                "prøv igen."
            ),
            missing=", ".join(missing[:5]) or "-",
            extra=", ".join(extra[:5]) or "-",
        )
    return manifest


def installation_contents() -> dict[str, int]:
    """Rows of owned tables that are already here (empty when the installation is empty)."""
    found = {}
    for model in archived_models():
        if owner_path(model) is None:
            continue
        count = model._default_manager.count()
        if count:
            found[str(model._meta.verbose_name_plural)] = count
    return found


def _refuse_non_empty() -> None:
    if found := installation_contents():
        listed = ", ".join(f"{count} {name}" for name, count in list(found.items())[:4])
        raise UserError(
            gettext_noop(
                "Installationen er ikke tom (den har allerede %(listed)s). Et arkiv indlæses kun "
                "i en tom installation: migreret, uden demodata."
            ),
            listed=listed,
        )


def _check_rows(rows: Any, name: str, model_label: str) -> list[dict[str, Any]]:
    if not isinstance(rows, list) or not all(
        isinstance(row, dict)
        and row.get("model") == model_label
        and row.get("pk") is not None
        and isinstance(row.get("fields"), dict)
        for row in rows
    ):
        raise UserError(
            gettext_noop(
                "Filen %(name)s i arkivet har ikke den forventede form (en liste af rækker med "
                "model, pk og fields for %(model)s)."
            ),
            name=name,
            model=model_label,
        )
    return rows


def _media_path(name: str) -> Path:
    root = Path(settings.MEDIA_ROOT).resolve()
    path = (root / name).resolve()
    if root not in path.parents:
        raise UserError(
            gettext_noop("Arkivet indeholder et ugyldigt filnavn: %(name)s."), name=name[:120]
        )
    return path


def _reset_sequences(loaded: list[type[models.Model]]) -> None:
    statements = connection.ops.sequence_reset_sql(no_style(), loaded)
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def archive_import(*, source: IO[bytes] | Path, limits: Limits | None = None) -> ImportResult:
    """Load an archive into this (empty) installation; a :class:`UserError` says why not."""
    reader = ArchiveReader(source, limits)
    try:
        return _import(reader)
    finally:
        reader.close()


def _import(reader: ArchiveReader) -> ImportResult:
    manifest = _manifest(reader)
    known = {f"data/{label(model)}.json": model for model in archived_models()}
    tables = [name for name in reader.names if name.startswith("data/")]
    files = [name for name in reader.names if name.startswith("files/")]
    for name in reader.names:
        if name != MANIFEST and name not in known and not name.startswith("files/"):
            raise UserError(
                gettext_noop("Arkivet indeholder en fil, Procesbank ikke kender: %(name)s."),
                name=name[:120],
            )
    destinations = {name: _media_path(name.removeprefix("files/")) for name in files}
    result = ImportResult(municipality=manifest.get("municipality"))
    written: list[Path] = []
    try:
        with transaction.atomic():
            _refuse_non_empty()
            loaded = _load_rows(reader, known, tables, result)
            for name, path in destinations.items():
                if path.exists():
                    raise UserError(
                        gettext_noop(
                            "Filen %(name)s findes allerede på serveren; intet er indlæst."
                        ),
                        name=name.removeprefix("files/"),
                    )
                path.parent.mkdir(parents=True, exist_ok=True)
                written.append(path)  # before the copy: a half-written file is removed too
                reader.copy_to(name, path)
            result.files = len(written)
            _reset_sequences(loaded)
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    return result


def _load_rows(
    reader: ArchiveReader,
    known: dict[str, type[models.Model]],
    tables: list[str],
    result: ImportResult,
) -> list[type[models.Model]]:
    order = [name for name in known if name in tables]  # parents first
    loaded: list[type[models.Model]] = []
    for model in {known[name] for name in order}:
        if owner_path(model) is None:
            # Shared reference data seeded by the migrations (the discount rate): the
            # archive's rows replace it.
            model._default_manager.all().delete()
    with connection.constraint_checks_disabled():
        for name in order:
            model = known[name]
            rows = _check_rows(_json(reader, name), name, label(model))
            for number, row in enumerate(rows, start=1):
                try:
                    for item in serializers.deserialize("python", [row], ignorenonexistent=False):
                        item.save()
                except (
                    DeserializationError,
                    ValidationError,
                    ObjectDoesNotExist,
                    DatabaseError,
                    ValueError,
                    TypeError,
                    KeyError,
                    AttributeError,
                ) as error:
                    raise UserError(
                        gettext_noop(
                            "Række %(number)s i %(name)s kunne ikke indlæses (%(reason)s); "
                            "intet er indlæst."
                        ),
                        number=number,
                        name=name,
                        reason=str(error).splitlines()[0][:200]
                        if str(error)
                        else type(error).__name__,
                    ) from None
            result.rows[label(model)] = len(rows)
            loaded.append(model)
    try:
        tables = [model._meta.db_table for model in loaded] + [
            field.m2m_db_table()
            for model in loaded
            for field in model._meta.local_many_to_many
            if field.remote_field.through._meta.auto_created  # type: ignore[union-attr]
        ]
        connection.check_constraints(table_names=tables)
    except IntegrityError as error:
        raise UserError(
            gettext_noop(
                "Arkivet henviser til rækker, det ikke indeholder (%(reason)s); intet er indlæst."
            ),
            reason=str(error).splitlines()[0][:200],
        ) from None
    return loaded
