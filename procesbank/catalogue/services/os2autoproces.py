"""Moving candidates between OS2autoproces and Procesbank, either way, in OS2autoproces' own
Excel layout (``engine/os2autoproces.py`` has the columns and how values translate).

Import: every row is checked and shown first (new, update of the own candidate with the same
title, or error); nothing is saved until the user confirms, and then all rows in one
transaction, or none. IT systems are spelled as the dictionary spells them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from io import BytesIO
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from procesbank.catalogue.engine.os2autoproces import HEADERS, SHEET, export_row, parse_export
from procesbank.catalogue.models import Candidate
from procesbank.catalogue.services.candidates import candidate_create, candidate_update
from procesbank.core.errors import UserError
from procesbank.core.tables import read_table
from procesbank.dictionary.selectors import canonical_it_systems
from procesbank.kit.columns import safe_cell
from procesbank.organisations.models import User
from procesbank.organisations.permissions import require_edit
from procesbank.organisations.selectors import own_municipality
from procesbank.processes.engine.kle import KleError, validate_kle_code
from procesbank.processes.selectors import kle_plan

MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 5000
NEW, UPDATE, ERROR = "new", "update", "error"


@dataclass
class PreviewRow:
    """A row of the file as the preview shows it; ``fields`` are JSON-safe (for the session)."""

    number: int
    title: str
    action: str
    errors: list[str] = field(default_factory=list)
    fields: dict[str, Any] = field(default_factory=dict)


def _json_safe(fields: dict[str, Any]) -> dict[str, Any]:
    safe = {}
    for key, value in fields.items():
        if isinstance(value, date):
            value = value.isoformat()
        elif isinstance(value, Decimal):
            value = str(value)
        safe[key] = value
    return safe


def _from_json(fields: dict[str, Any]) -> dict[str, Any]:
    values = dict(fields)
    for key in ("legal_basis_checked_on", "in_operation_on", "decommissioned_on"):
        if values.get(key):
            values[key] = date.fromisoformat(values[key])
    if values.get("automation_share") is not None:
        values["automation_share"] = Decimal(values["automation_share"])
    return values


def os2autoproces_preview(*, user: User, data: bytes, filename: str) -> list[PreviewRow]:
    """Read and check an OS2autoproces export for the preview; nothing is written."""
    municipality = own_municipality(user=user)
    require_edit(user, municipality)
    table = read_table(data, filename, max_bytes=MAX_BYTES, max_rows=MAX_ROWS, sheet=SHEET)
    rows = parse_export(table)
    existing = {
        title.casefold(): pk
        for pk, title in Candidate.objects.filter(municipality=municipality).values_list(
            "pk", "title"
        )
    }
    plan = kle_plan()
    preview = []
    for row in rows:
        errors = [_(message) % params if params else _(message) for message, params in row.errors]
        fields = row.fields
        if fields["kle_code"]:
            try:
                fields["kle_code"] = validate_kle_code(fields["kle_code"], plan=plan)
            except KleError as error:
                errors.append(error.render(_))
        fields["it_systems"] = canonical_it_systems(fields["it_systems"])[:50]
        if not errors:
            errors = _model_errors(fields, municipality)
        action = ERROR if errors else (UPDATE if row.title.casefold() in existing else NEW)
        preview.append(
            PreviewRow(
                number=row.number,
                title=row.title,
                action=action,
                errors=errors,
                fields=_json_safe(fields),
            )
        )
    return preview


def _model_errors(fields: dict[str, Any], municipality: Any) -> list[str]:
    """What the model's own validation says (an e-mail that is no e-mail, a date order)."""
    candidate = Candidate(municipality=municipality, **fields)
    try:
        candidate.full_clean(
            exclude=["municipality", "process", "created_by"], validate_unique=False
        )
    except ValidationError as error:
        labels = {f.name: str(f.verbose_name) for f in Candidate._meta.fields}
        return [
            f"{labels.get(name, name).capitalize()}: {' '.join(messages)}"
            for name, messages in error.message_dict.items()
        ]
    return []


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int


@transaction.atomic
def os2autoproces_import(*, user: User, rows: Iterable[dict[str, Any]]) -> ImportResult:
    """Save the previewed rows (their ``fields``): a new candidate per new title, the own
    candidate of that title updated otherwise. All or nothing: a refusal of any row (the
    services check every field again) leaves everything as it was."""
    municipality = own_municipality(user=user)
    require_edit(user, municipality)
    created = updated = 0
    for row in rows:
        fields = _from_json(row["fields"])
        title = fields.pop("title")
        current = Candidate.objects.filter(municipality=municipality, title__iexact=title).first()
        try:
            if current is None:
                candidate_create(user=user, title=title, **fields)
                created += 1
            else:
                candidate_update(
                    user=user,
                    candidate=current,
                    lock_version=current.lock_version,
                    title=title,
                    **fields,
                )
                updated += 1
        except (ValidationError, UserError) as error:
            message = error.render(_) if isinstance(error, UserError) else " ".join(error.messages)
            raise UserError(
                _("Række %(row)s (%(title)s): %(error)s")
                % {"row": row.get("number", "?"), "title": title, "error": message}
            ) from None
    return ImportResult(created=created, updated=updated)


def os2autoproces_export(
    *, candidates: Iterable[Candidate], internal_municipality_id: int | None, base_url: str = ""
) -> bytes:
    """The candidates as an OS2autoproces export (.xlsx). Internal notes and the ESDH
    reference only for the candidates of ``internal_municipality_id`` (the reader's own,
    when they edit it), as everywhere else."""
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    sheet.append(list(HEADERS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for candidate in candidates:
        internal = candidate.municipality_id == internal_municipality_id
        values = {
            f.name: getattr(candidate, f.name)
            for f in Candidate._meta.concrete_fields
            if not f.is_relation
        }
        values |= {
            "municipality": candidate.municipality.name,
            "created_at": _naive(candidate.created_at),
            "updated_at": _naive(candidate.updated_at),
            "url": f"{base_url}/katalog/kandidater/{candidate.pk}/" if base_url else "",
        }
        if not internal:
            values |= {"internal_notes": "", "esdh_reference": ""}
        sheet.append([safe_cell(value) for value in export_row(values)])
    for column in ("AA", "AB", "BC", "BD", "BE"):
        for cell in sheet[column][1:]:
            cell.number_format = "dd/mm/yyyy"
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def _naive(moment: datetime | None) -> datetime | None:
    return None if moment is None else localtime(moment).replace(tzinfo=None)
