"""Excel export of a process version: the task table and the figures with their formulas."""

from __future__ import annotations

from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from procesbank.processes.engine.metrics import ProcessMetrics
from procesbank.processes.models import ProcessVersion

NUMBER = "#,##0.00"
INTEGER = "#,##0"


def safe_cell(value: object) -> object:
    """Neutralise text that a spreadsheet would run as a formula (=, +, -, @)."""
    if isinstance(value, str) and value[:1] in {"=", "+", "-", "@", "\t", "\r"}:
        return "'" + value
    return value


def version_workbook(*, version: ProcessVersion, metrics: ProcessMetrics) -> bytes:
    """An .xlsx with sheets "Nøgletal" (figures and formulas) and "Opgaver" (one row a task)."""
    book = Workbook()
    summary = book.active
    summary.title = _("Nøgletal")
    process = version.process
    rows: list[tuple[str, object, str]] = [
        (_("Proces"), process.name, ""),
        (_("Kommune"), process.municipality.name, ""),
        (_("Version"), version.display_label, ""),
        (_("KLE-nummer"), process.kle_code, ""),
        (_("Sager pr. år"), metrics.yearly_volume, INTEGER),
        (_("Behandlingstid pr. sag (min.)"), metrics.minutes_per_case, NUMBER),
        (_("Ventetid pr. sag (min.)"), metrics.waiting_minutes_per_case, NUMBER),
        (_("Timer pr. år"), metrics.hours_per_year, NUMBER),
        (_("Årsværk"), metrics.fte, "0.000"),
        (_("Omkostning pr. år (kr.)"), float(metrics.cost_per_year), NUMBER),
        (_("Timer pr. årsværk"), metrics.annual_hours_per_fte, NUMBER),
    ]
    summary.append([_("Nøgletal"), _("Værdi")])
    for label, value, number_format in rows:
        summary.append([label, safe_cell(value)])
        if number_format:
            summary.cell(row=summary.max_row, column=2).number_format = number_format
    summary.append([])
    summary.append([_("Formler")])
    for line in formula_lines():
        summary.append([line])
    summary["A1"].font = summary["B1"].font = Font(bold=True)
    summary.column_dimensions["A"].width = 36
    summary.column_dimensions["B"].width = 40

    tasks = book.create_sheet(_("Opgaver"))
    header = [
        _("Opgave"), _("Rolle"), _("It-system"), _("Min. (min.)"), _("Mest sandsynlig (min.)"),
        _("Maks. (min.)"), _("Udførelser pr. gang"), _("Forventede besøg pr. sag"),
        _("Minutter pr. sag"), _("Timer pr. år"), _("Timepris (kr.)"), _("Omkostning pr. år (kr.)"),
    ]  # fmt: skip
    tasks.append(header)
    measured = {t.element_id: t for t in version.tasks.all()}
    for task in metrics.tasks:
        row = measured.get(task.task_id)
        tasks.append(
            [
                safe_cell(task.name or task.task_id),
                safe_cell(task.role),
                safe_cell(row.it_system if row else ""),
                row.minutes_min if row else None,
                row.minutes_likely if row else None,
                row.minutes_max if row else None,
                task.executions_per_case,
                task.visits,
                task.minutes_per_case,
                task.hours_per_year,
                float(task.hourly_rate),
                float(task.cost_per_year),
            ]
        )
        for column in range(4, 13):
            tasks.cell(row=tasks.max_row, column=column).number_format = NUMBER
    for column, _title in enumerate(header, start=1):
        tasks.cell(row=1, column=column).font = Font(bold=True)
        tasks.column_dimensions[get_column_letter(column)].width = 18
    tasks.column_dimensions["A"].width = 40
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def formula_lines() -> list[str]:
    """The formulas behind the figures, in words, as the detail page shows them."""
    return [
        _("Forventet tid pr. udførelse = (min. + 4 × mest sandsynlig + maks.) / 6"),
        _("Minutter pr. sag = forventede besøg × udførelser × forventet tid pr. udførelse"),
        _("Behandlingstid pr. sag = summen af opgavernes minutter pr. sag"),
        _("Timer pr. år = behandlingstid pr. sag × sager pr. år / 60"),
        _("Årsværk = timer pr. år / timer pr. årsværk"),
        _("Omkostning pr. år = summen over opgaver af timer pr. år × rollens timepris"),
    ]
