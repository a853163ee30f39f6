"""Excel export of a business case: master data, the per-year table, NPV, payback, scenarios."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from procesbank.economics.engine import npv
from procesbank.economics.selectors import CaseResult
from procesbank.processes.exports import safe_cell

KRONER = '#,##0 "kr."'
SHARE = "0.0%"
YEARS = "0.00"


def formula_lines() -> list[str]:
    """The formulas behind the figures, in Danish, as the business-case page shows them."""
    return [
        _("Forventet beløb (trepunkt) = (minimum + 4 × sandsynligt + maksimum) / 6"),
        _("Risikojusteret omkostning = omkostning × (1 + risikoandel)"),
        _("Risikojusteret gevinst = gevinst × (1 − risikoandel)"),
        _("Netto = gevinster − omkostninger"),
        _("Diskonteret netto = netto / (1 + rente)^(år − første år)"),
        _("Nutidsværdi = summen af diskonteret netto"),
        _(
            "Tilbagebetalingstid = år før den akkumulerede netto bliver positiv + "
            "manglende beløb / næste års netto"
        ),
        _("Frigjort sagsbehandlertid = sparede timer pr. år × timepris × indfasning"),
    ]


def _f(amount: Decimal) -> float:
    return float(npv.round_kroner(amount))


def _bold_header(sheet: Worksheet) -> None:
    for cell in sheet[1]:
        cell.font = Font(bold=True)


def _year_sheet(book: Workbook, title: str, result: npv.Result) -> None:
    sheet = book.create_sheet(title)
    sheet.append(
        [_("År"), _("Omkostninger"), _("Gevinster"), _("Netto"), _("Diskonteret netto"),
         _("Akkumuleret netto"), _("Akkumuleret diskonteret netto")]
    )  # fmt: skip
    for row in result.years:
        sheet.append(
            [row.year, _f(row.costs), _f(row.benefits), _f(row.net), _f(row.discounted_net),
             _f(row.cumulative), _f(row.cumulative_discounted)]
        )  # fmt: skip
        for column in range(2, 8):
            sheet.cell(row=sheet.max_row, column=column).number_format = KRONER
    _bold_header(sheet)
    for letter in "ABCDEFG":
        sheet.column_dimensions[letter].width = 22


def business_case_workbook(*, result: CaseResult) -> bytes:
    """An .xlsx with sheets Stamdata, År (risk-adjusted), År uden risiko, Nutidsværdi,
    Tilbagebetaling and Scenarier. Amounts rounded to whole kroner."""
    case = result.case
    evaluation = result.evaluation
    if evaluation is None:
        raise ValueError("no evaluation")
    book = Workbook()
    master = book.active
    master.title = _("Stamdata")
    master.append([_("Felt"), _("Værdi")])
    rows: list[tuple[str, object, str]] = [
        (_("Projekt"), case.project.name, ""),
        (_("Kommune"), case.project.municipality.name, ""),
        (_("Første år"), case.first_year, "0"),
        (_("Antal år"), case.horizon, "0"),
        (_("Diskonteringsrente"), float(evaluation.discount_rate), SHARE),
        (_("Risikoandel for hele casen"), float(case.risk_share), SHARE),
    ]
    for label, value, number_format in rows:
        master.append([label, safe_cell(value)])
        if number_format:
            master.cell(row=master.max_row, column=2).number_format = number_format
    master.append([])
    master.append([_("Linje"), _("Type"), _("Kategori"), _("Risikoandel"),
                   *[str(case.first_year + offset) for offset in range(case.horizon)]])  # fmt: skip
    master.cell(row=master.max_row, column=1).font = Font(bold=True)
    for view in result.lines:
        amounts = view.line.expected_amounts() if view.line.is_economic else ()
        master.append(
            [safe_cell(view.row.name), view.row.get_kind_display(),
             view.row.get_category_display(),
             float(view.row.risk_share) if view.row.risk_share is not None else None,
             *[_f(amount) for amount in amounts]]
        )  # fmt: skip
        master.cell(row=master.max_row, column=4).number_format = SHARE
        for column in range(5, 5 + len(amounts)):
            master.cell(row=master.max_row, column=column).number_format = KRONER
    master.append([])
    master.append([_("Formler")])
    for line in formula_lines():
        master.append([line])
    _bold_header(master)
    master.column_dimensions["A"].width = 40
    master.column_dimensions["B"].width = 30
    master.column_dimensions["C"].width = 28

    _year_sheet(book, _("År"), evaluation.risk_adjusted)
    _year_sheet(book, _("År uden risiko"), evaluation.unadjusted)

    values = book.create_sheet(_("Nutidsværdi"))
    values.append([_("Beregning"), _("Nutidsværdi (kr.)")])
    values.append([_("Risikojusteret"), _f(evaluation.risk_adjusted.npv)])
    values.append([_("Uden risikojustering"), _f(evaluation.unadjusted.npv)])
    for row_number in (2, 3):
        values.cell(row=row_number, column=2).number_format = KRONER
    _bold_header(values)

    payback = book.create_sheet(_("Tilbagebetaling"))
    payback.append([_("Beregning"), _("Tilbagebetalingstid (år)")])
    for label, years in (
        (_("Risikojusteret"), evaluation.risk_adjusted.payback_years),
        (_("Uden risikojustering"), evaluation.unadjusted.payback_years),
    ):
        payback.append([label, float(years) if years is not None else _("Tjener sig ikke hjem")])
        payback.cell(row=payback.max_row, column=2).number_format = YEARS
    _bold_header(payback)

    scenarios = book.create_sheet(_("Scenarier"))
    scenarios.append([_("Scenarie"), _("Nutidsværdi (kr.)"), _("Tilbagebetalingstid (år)")])
    for label, scenario in (
        (_("Optimistisk"), evaluation.scenarios.optimistic),
        (_("Forventet"), evaluation.scenarios.expected),
        (_("Pessimistisk"), evaluation.scenarios.pessimistic),
    ):
        years = scenario.payback_years
        scenarios.append([label, _f(scenario.npv), float(years) if years is not None else None])
        scenarios.cell(row=scenarios.max_row, column=2).number_format = KRONER
        scenarios.cell(row=scenarios.max_row, column=3).number_format = YEARS
    scenarios.append([])
    scenarios.append([_("Følsomhed: nutidsværdi med én linje på minimum og maksimum")])
    scenarios.append([_("Linje"), _("Ved minimum (kr.)"), _("Ved maksimum (kr.)")])
    for bar in evaluation.sensitivity:
        scenarios.append([safe_cell(bar.line), _f(bar.npv_at_min), _f(bar.npv_at_max)])
        for column in (2, 3):
            scenarios.cell(row=scenarios.max_row, column=column).number_format = KRONER
    _bold_header(scenarios)
    for sheet in (values, payback, scenarios):
        sheet.column_dimensions["A"].width = 40
        sheet.column_dimensions["B"].width = 24
        sheet.column_dimensions["C"].width = 24
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()
