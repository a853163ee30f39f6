"""Excel export of a process version: the task table and the figures with their formulas."""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Font

from procesbank.kit.columns import Column, Columns, Kind, Label, safe_cell
from procesbank.processes.engine.metrics import ProcessMetrics, TaskMetrics
from procesbank.processes.models import ProcessVersion, TaskMeasurement

NUMBER = "#,##0.00"
INTEGER = "#,##0"


@dataclass(frozen=True)
class TaskRow:
    """A row of the task sheet: the task's figures and, when measured, its measurements."""

    task: TaskMetrics
    measured: TaskMeasurement | None


def _task_name(row: TaskRow) -> str:
    return row.task.name or row.task.task_id


def _it_system(row: TaskRow) -> str:
    return row.measured.it_system if row.measured else ""


def _figure(key: str, label: Label, attr: str, kind: Kind = Kind.NUMBER) -> Column:
    # The sheet keeps the figures unrounded: its totals are sums a reader may redo.
    return Column(key, label, kind, attr=attr, export_decimals=None)


TASK_COLUMNS = Columns(
    Column("task", gettext_lazy("Opgave"), get=_task_name),
    Column("role", gettext_lazy("Rolle"), attr="task.role"),
    Column("it_system", gettext_lazy("It-system"), get=_it_system),
    _figure("minutes_min", gettext_lazy("Min. (min.)"), "measured.minutes_min"),
    _figure("minutes_likely", gettext_lazy("Mest sandsynlig (min.)"), "measured.minutes_likely"),
    _figure("minutes_max", gettext_lazy("Maks. (min.)"), "measured.minutes_max"),
    _figure("executions", gettext_lazy("Udførelser pr. gang"), "task.executions_per_case"),
    _figure("visits", gettext_lazy("Forventede besøg pr. sag"), "task.visits"),
    _figure("minutes_per_case", gettext_lazy("Minutter pr. sag"), "task.minutes_per_case"),
    _figure("hours_per_year", gettext_lazy("Timer pr. år"), "task.hours_per_year"),
    _figure("hourly_rate", gettext_lazy("Timepris (kr.)"), "task.hourly_rate", Kind.MONEY),
    _figure(
        "cost_per_year", gettext_lazy("Omkostning pr. år (kr.)"), "task.cost_per_year", Kind.MONEY
    ),
)
TASK_WIDTHS = {c.key: 18 for c in TASK_COLUMNS} | {"task": 40}


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
    measured = {t.element_id: t for t in version.tasks.all()}
    TASK_COLUMNS.write_sheet(
        tasks,
        [TaskRow(task, measured.get(task.task_id)) for task in metrics.tasks],
        widths=TASK_WIDTHS,
    )
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
