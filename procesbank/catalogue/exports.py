"""Excel and CSV exports of the catalogue's search result, with formula injection neutralised
(a cell starting with =, +, - or @ is written as text)."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from io import BytesIO, StringIO

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from procesbank.catalogue.models import Candidate
from procesbank.processes.exports import safe_cell
from procesbank.processes.models import Process


def process_rows(processes: Iterable[Process]) -> tuple[list[str], list[list[object]]]:
    header = [
        _("Navn"), _("Kommune"), _("KLE-nummer"), _("Fase"), _("Synlighed"), _("Sager pr. år"),
        _("It-systemer"), _("Genbrugt"), _("Ændret"),
    ]  # fmt: skip
    rows = [
        [
            p.name,
            p.municipality.name,
            p.kle_code,
            p.get_phase_display(),
            p.get_visibility_display(),
            p.yearly_volume,
            ", ".join(p.it_systems),
            getattr(p, "reuse_count", 0),
            p.updated_at.date().isoformat(),
        ]
        for p in processes
    ]
    return header, rows


def _yes_no(value: bool) -> str:
    return _("Ja") if value else _("Nej")


def _domains(candidate: Candidate) -> str:
    return ", ".join(candidate.domain_labels)


def candidate_rows(
    candidates: Iterable[Candidate], *, internal_municipality_id: int | None = None
) -> tuple[list[str], list[list[object]]]:
    """The export rows; the ESDH reference is filled only for rows of
    ``internal_municipality_id`` (the exporting editor's own municipality)."""
    header = [
        _("Titel"), _("Resumé"), _("Kommune"), _("KLE-nummer"), _("Fase"), _("Status"),
        _("Teknologi"), _("It-systemer"), _("Potentiale (%)"), _("Lethed (%)"),
        _("Timer pr. år"), _("Forventet sparede timer pr. år"), _("Forventet besparelse (kr.)"),
        _("Interesserede kommuner"), _("Ændret"),
        _("Fagområder"), _("Kørselsfrekvens"), _("KL's generiske proces"), _("KL-id"),
        _("Borgere"), _("Virksomheder"), _("Leverandør"), _("Sat i drift"),
        _("Taget ud af drift"), _("Link til kode"), _("ESDH-reference"),
    ]  # fmt: skip
    rows = [
        [
            c.title,
            c.summary,
            c.municipality.name,
            c.kle_code,
            c.get_phase_display(),
            c.get_status_display(),
            c.get_technology_display(),
            ", ".join(c.it_systems),
            float(c.potential) if c.potential is not None else None,
            float(c.ease) if c.ease is not None else None,
            round(c.hours_per_year, 2),
            round(c.expected_hours, 2),
            float(c.expected_kroner),
            getattr(c, "interest_count", 0),
            c.updated_at.date().isoformat(),
            _domains(c),
            c.get_run_schedule_display(),
            _yes_no(c.kl_generic),
            c.kl_id,
            _yes_no(c.targets_citizens),
            _yes_no(c.targets_companies),
            c.vendor,
            c.in_operation_on.isoformat() if c.in_operation_on else None,
            c.decommissioned_on.isoformat() if c.decommissioned_on else None,
            c.code_repository_url,
            c.esdh_reference if c.municipality_id == internal_municipality_id else None,
        ]
        for c in candidates
    ]
    return header, rows


def to_csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """Semicolon-separated UTF-8 with BOM, as Danish Excel opens it."""
    buffer = StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if v is None else safe_cell(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(title: str, header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    sheet.append(list(header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([safe_cell(v) for v in row])
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()
