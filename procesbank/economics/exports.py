"""Excel export of a business case as a live workbook: people keep working in it.

Every figure is a formula over the inputs, so a changed amount moves the whole case:

- ``Stamdata``: first year, years, the discount rate (and the rate from year 36 when split),
  the case's risk share, the risk method, and the case's id and version (read back on import).
- ``Linjer``: four rows per line (minimum, likely, maximum and the expected value
  ``(min + 4 × likely + max) / 6`` as a formula, the engine's PERT mean), one column per year.
- ``Risikolog``: the risks, expected value = probability × consequence, rank, the 12 largest in
  the pool, and the pool spread over the years of the one-off costs.
- ``År`` (risk-adjusted), ``År uden risiko``, ``Optimistisk``, ``Pessimistisk``: the year tables,
  discount factors, NPV and payback as formulas (the rules of :mod:`engine.npv`).
- ``Nutidsværdi``, ``Tilbagebetaling``, ``Scenarier``: the headline figures, referring to those.

The sensitivity (tornado) rows are values: they are one recomputation per line.
"""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from procesbank.economics.engine import npv
from procesbank.economics.models import RiskMethod
from procesbank.economics.selectors import CaseResult
from procesbank.kit.columns import safe_cell

KRONER = '#,##0 "kr."'
SHARE = "0.0%"
YEARS = "0.00"

# Stamdata cells the formulas refer to (column B).
FIRST_YEAR = "Stamdata!$B$4"
RATE = "Stamdata!$B$6"
LATER_RATE = "Stamdata!$B$7"
CASE_RISK = "Stamdata!$B$8"
USES_POOL = "Stamdata!$B$10"
VERSION_ROW = 11
CASE_ID_ROW = 12

# Linjer: columns A-K describe the row, the years start at L.
LINE_FIRST_YEAR_COLUMN = 12
FIELD_CODES = ("min", "likely", "max", "expected")
POOL_SIZE = npv.RISK_POOL_SIZE


def formula_lines() -> list[str]:
    """The formulas behind the figures, in Danish, as the business-case page shows them."""
    return [
        _("Forventet beløb (trepunkt) = (minimum + 4 × sandsynligt + maksimum) / 6"),
        _("Risikojusteret omkostning = omkostning × (1 + risikoandel)"),
        _("Risikojusteret gevinst = gevinst × (1 − risikoandel)"),
        _(
            "Risikopulje = summen af sandsynlighed × konsekvens for de højst 12 største risici; "
            "lægges til omkostningerne i forhold til engangsomkostningerne (ellers i år 0)"
        ),
        _("Netto = gevinster − omkostninger"),
        _(
            "Diskonteret netto = netto / (1 + rente)^t for år t ≤ 35; med delt rente "
            "netto / ((1 + rente)^35 × (1 + rente fra år 36)^(t − 35)) derefter"
        ),
        _("Nutidsværdi = summen af diskonteret netto"),
        _(
            "Tilbagebetalingstid = år før den akkumulerede netto bliver positiv + "
            "manglende beløb / næste års netto"
        ),
        _("Frigjort sagsbehandlertid = sparede timer pr. år × timepris × indfasning"),
    ]


def _num(amount: Decimal) -> float | int:
    integral = amount.to_integral_value()
    return int(integral) if amount == integral else float(amount)


def _bold_header(sheet: Worksheet) -> None:
    for cell in sheet[1]:
        cell.font = Font(bold=True)


def _ref(sheet: Worksheet) -> str:
    return "'" + sheet.title.replace("'", "''") + "'!"


def _year_column(offset: int) -> str:
    return get_column_letter(LINE_FIRST_YEAR_COLUMN + offset)


def _master(book: Workbook, result: CaseResult) -> Worksheet:
    case = result.case
    evaluation = result.evaluation
    assert evaluation is not None
    master = book.active
    assert master is not None
    master.title = _("Stamdata")
    master.append([_("Felt"), _("Værdi")])
    uses_pool = case.risk_method == RiskMethod.RISK_LOG
    rows: list[tuple[str, object, str]] = [
        (_("Projekt"), case.project.name, ""),
        (_("Kommune"), case.project.municipality.name, ""),
        (_("Første år"), case.first_year, "0"),
        (_("Antal år"), len(evaluation.years), "0"),
        (_("Diskonteringsrente"), float(evaluation.discount_rate), SHARE),
        (
            _("Rente fra år 36"),
            float(evaluation.later_rate) if evaluation.later_rate is not None else None,
            SHARE,
        ),
        (_("Risikoandel for hele casen"), float(case.risk_share), SHARE),
        (_("Risikometode"), str(case.get_risk_method_display()), ""),
        (_("Risikopulje bruges (1 = ja, 0 = nej)"), 1 if uses_pool else 0, "0"),
        (_("Version (bruges ved indlæsning)"), case.lock_version, "0"),
        (_("Business case-id (bruges ved indlæsning)"), case.pk, "0"),
    ]
    for label, value, number_format in rows:
        master.append([label, safe_cell(value)])
        if number_format:
            master.cell(row=master.max_row, column=2).number_format = number_format
    master.append([])
    master.append([_("Formler")])
    for line in formula_lines():
        master.append([line])
    _bold_header(master)
    master.column_dimensions["A"].width = 44
    master.column_dimensions["B"].width = 30
    return master


def _lines_sheet(book: Workbook, result: CaseResult, years: int) -> tuple[Worksheet, int]:
    """The Linjer sheet; returns it and its last row."""
    sheet = book.create_sheet(_("Linjer"))
    year_labels = [str(result.case.first_year + offset) for offset in range(years)]
    sheet.append(
        [_("ID"), _("Linje"), _("Type"), _("Kategori"), _("Omkostning (1/0)"),
         _("I nutidsværdi (1/0)"), _("Engangsomkostning (1/0)"), _("Egen risikoandel"),
         _("Anvendt risikoandel"), _("Værdi"), _("Kode"), *year_labels]
    )  # fmt: skip
    labels = {
        "min": _("Minimum"),
        "likely": _("Sandsynligt"),
        "max": _("Maksimum"),
        "expected": _("Forventet"),
    }
    for view in result.lines:
        line, row = view.line, view.row
        is_cost = 1 if line.kind is npv.Kind.COST else 0
        in_npv = 1 if line.is_economic else 0
        one_off = 1 if is_cost and line.category in npv.ONE_OFF_CATEGORIES else 0
        own = float(row.risk_share) if row.risk_share is not None else None
        if not line.has_amounts:
            sheet.append(
                [row.pk, safe_cell(row.name), row.get_kind_display(), row.get_category_display(),
                 is_cost, 0, 0, own, 0, _("KPI (ingen beløb)"), "kpi"]
            )  # fmt: skip
            continue
        values = {
            "min": line.minimum_amounts(),
            "likely": line.amounts.likely
            if isinstance(line.amounts, npv.ThreePoint)
            else line.amounts,
            "max": line.maximum_amounts(),
        }
        first = sheet.max_row + 1
        for index, code in enumerate(FIELD_CODES):
            current = first + index
            applied = (
                f'=IF({USES_POOL}=1,0,IF(H{current}="",{CASE_RISK},H{current}))' if in_npv else 0
            )
            cells: list[object] = [
                row.pk, safe_cell(row.name), row.get_kind_display(), row.get_category_display(),
                is_cost, in_npv, one_off, own, applied, labels[code], code,
            ]  # fmt: skip
            for offset in range(years):
                column = _year_column(offset)
                if code == "expected":
                    cells.append(f"=({column}{first}+4*{column}{first + 1}+{column}{first + 2})/6")
                else:
                    cells.append(_num(values[code][offset]))
            sheet.append(cells)
            sheet.cell(row=current, column=8).number_format = SHARE
            sheet.cell(row=current, column=9).number_format = SHARE
            for offset in range(years):
                sheet.cell(
                    row=current, column=LINE_FIRST_YEAR_COLUMN + offset
                ).number_format = KRONER
    _bold_header(sheet)
    sheet.column_dimensions["B"].width = 30
    sheet.column_dimensions["J"].width = 14
    sheet.freeze_panes = "C2"
    return sheet, max(sheet.max_row, 2)


def _expected_sum(lines_ref: str, last: int, column: str, *factors: str) -> str:
    """SUMPRODUCT over the expected rows of Linjer for one year column, with extra factors."""
    rng = lambda col: f"{lines_ref}${col}$2:${col}${last}"  # noqa: E731
    terms = [
        f'({rng("K")}="expected")',
        rng("F"),
        *factors,
        f"{lines_ref}{column}$2:{column}${last}",
    ]
    return "SUMPRODUCT(" + "*".join(terms) + ")"


def _risk_sheet(book: Workbook, result: CaseResult, years: int, lines_last: int) -> tuple[str, int]:
    """The Risikolog sheet; returns its reference and the row of the pool per year (columns
    B onwards, one per year)."""
    sheet = book.create_sheet(_("Risikolog"))
    ref = _ref(sheet)
    lines_ref = "Linjer!"
    sheet.append(
        [_("Risiko"), _("Sandsynlighed (%)"), _("Konsekvens (kr.)"), _("Forventet værdi (kr.)"),
         _("Rang"), _("I puljen (1/0)"), _("Risikoejer"), _("Handling")]
    )  # fmt: skip
    risks = result.risks
    last = len(risks) + 1
    for index, risk in enumerate(risks, start=2):
        sheet.append(
            [safe_cell(risk.name), _num(risk.probability), _num(risk.consequence),
             f"=B{index}*C{index}/100",
             # Rank by expected value; equal values keep the log's order (as the engine).
             f"=SUMPRODUCT(--($D$2:$D${last}>D{index}))+SUMPRODUCT(--($D$2:D{index}=D{index}))",
             f"=IF(E{index}<={POOL_SIZE},1,0)", safe_cell(risk.owner), safe_cell(risk.action)]
        )  # fmt: skip
        sheet.cell(row=index, column=3).number_format = KRONER
        sheet.cell(row=index, column=4).number_format = KRONER
    # Rows counted by hand: openpyxl's max_row skips an empty appended row.
    pool_row = last + 2
    pool = f"=SUMPRODUCT(D2:D{last},F2:F{last})" if risks else 0
    sheet.cell(row=pool_row, column=1, value=_("Risikopulje (kr.)"))
    sheet.cell(row=pool_row, column=4, value=pool)
    sheet.cell(row=pool_row, column=4).number_format = KRONER
    year_row = pool_row + 2
    for offset, value in enumerate(
        [_("År"), *[result.case.first_year + offset for offset in range(years)]], start=1
    ):
        sheet.cell(row=year_row, column=offset, value=value)
    one_off_row = year_row + 1
    one_off: list[object] = [_("Engangsomkostninger (kr.)")]
    for offset in range(years):
        column = _year_column(offset)
        one_off.append(
            "="
            + _expected_sum(
                lines_ref, lines_last, column, f"{lines_ref}$E$2:$E${lines_last}",
                f"{lines_ref}$G$2:$G${lines_last}",
            )
        )  # fmt: skip
    for offset, value in enumerate(one_off, start=1):
        sheet.cell(row=one_off_row, column=offset, value=value)
    spread_row = one_off_row + 1
    last_col = get_column_letter(1 + years)
    total = f"SUM($B${one_off_row}:${last_col}${one_off_row})"
    spread: list[object] = [_("Risikopulje pr. år (kr.)")]
    for offset in range(years):
        column = get_column_letter(2 + offset)
        first_year_share = 1 if offset == 0 else 0
        spread.append(
            f"=IF({total}=0,$D${pool_row}*{first_year_share},"
            f"$D${pool_row}*{column}{one_off_row}/{total})"
        )
    for offset, value in enumerate(spread, start=1):
        sheet.cell(row=spread_row, column=offset, value=value)
    for row in (one_off_row, spread_row):
        for offset in range(years):
            sheet.cell(row=row, column=2 + offset).number_format = KRONER
    _bold_header(sheet)
    sheet.column_dimensions["A"].width = 36
    return ref, spread_row


def _payback_formula(ref: str, last: int, never: str) -> str:
    """The engine's payback rule: the last crossing of the cumulative net, interpolated."""
    helper = f"{ref}$I$2:$I${last}"
    return (
        f'=IF({ref}$F${last}<0,"{never}",IF(MAX({helper})=0,'
        f"IF({ref}$B$2=0,0,{ref}$B$2/{ref}$C$2),"
        f"MAX({helper})-INDEX({ref}$F$2:$F${last},MAX({helper}))"
        f"/INDEX({ref}$D$2:$D${last},MAX({helper})+1)))"
    )


def _year_sheet(
    book: Workbook,
    title: str,
    *,
    years: int,
    lines_last: int,
    cost_code: str,
    benefit_code: str,
    with_risk: bool,
    pool: tuple[str, int] | None,
) -> tuple[str, int]:
    """A year table over the Linjer sheet; returns its reference and last row."""
    sheet = book.create_sheet(title)
    sheet.append(
        [_("År"), _("Omkostninger"), _("Gevinster"), _("Netto"), _("Diskonteret netto"),
         _("Akkumuleret netto"), _("Akkumuleret diskonteret netto"), _("Diskonteringsfaktor"),
         _("Hjælp: år med negativ akkumuleret netto")]
    )  # fmt: skip
    lines = "Linjer!"

    def column_sum(code: str, is_cost: bool, column: str) -> str:
        kind = f"{lines}$E$2:$E${lines_last}" if is_cost else f"(1-{lines}$E$2:$E${lines_last})"
        factors = [kind, f'({lines}$K$2:$K${lines_last}="{code}")']
        if with_risk:
            sign = "+" if is_cost else "-"
            factors.append(f"(1{sign}{lines}$I$2:$I${lines_last})")
        terms = "*".join([*factors, f"{lines}$F$2:$F${lines_last}"])
        return f"SUMPRODUCT({terms}*{lines}{column}$2:{column}${lines_last})"

    for offset in range(years):
        row = offset + 2
        column = _year_column(offset)
        costs = "=" + column_sum(cost_code, True, column)
        if pool is not None:
            pool_ref, pool_row = pool
            costs += f"+{USES_POOL}*{pool_ref}{get_column_letter(2 + offset)}{pool_row}"
        factor = (
            f'=IF(OR({offset}<=35,{LATER_RATE}=""),1/(1+{RATE})^{offset},'
            f"1/((1+{RATE})^35*(1+{LATER_RATE})^({offset}-35)))"
        )
        sheet.append(
            [f"={FIRST_YEAR}+{offset}", costs, "=" + column_sum(benefit_code, False, column),
             f"=C{row}-B{row}", f"=D{row}*H{row}",
             f"=D{row}" if offset == 0 else f"=F{row - 1}+D{row}",
             f"=E{row}" if offset == 0 else f"=G{row - 1}+E{row}",
             factor, f"=IF(F{row}<0,{offset + 1},0)"]
        )  # fmt: skip
        for col in range(2, 8):
            sheet.cell(row=row, column=col).number_format = KRONER
        sheet.cell(row=row, column=8).number_format = "0.000000"
    _bold_header(sheet)
    for letter in "ABCDEFGHI":
        sheet.column_dimensions[letter].width = 20
    return _ref(sheet), years + 1


def business_case_workbook(*, result: CaseResult) -> bytes:
    """The live .xlsx of the case (see the module docstring)."""
    evaluation = result.evaluation
    if evaluation is None:
        raise ValueError("no evaluation")
    years = len(evaluation.years)
    book = Workbook()
    _master(book, result)
    _lines, lines_last = _lines_sheet(book, result, years)
    pool = _risk_sheet(book, result, years, lines_last)
    common = {"years": years, "lines_last": lines_last}
    adjusted = _year_sheet(
        book, _("År"), cost_code="expected", benefit_code="expected", with_risk=True, pool=pool,
        **common,
    )  # fmt: skip
    unadjusted = _year_sheet(
        book, _("År uden risiko"), cost_code="expected", benefit_code="expected",
        with_risk=False, pool=None, **common,
    )  # fmt: skip
    optimistic = _year_sheet(
        book, _("Optimistisk"), cost_code="min", benefit_code="max", with_risk=False, pool=None,
        **common,
    )  # fmt: skip
    pessimistic = _year_sheet(
        book, _("Pessimistisk"), cost_code="max", benefit_code="min", with_risk=False,
        pool=None, **common,
    )  # fmt: skip

    def npv_of(sheet: tuple[str, int]) -> str:
        ref, last = sheet
        return f"=SUM({ref}$E$2:$E${last})"

    never = _("Tjener sig ikke hjem")
    values = book.create_sheet(_("Nutidsværdi"))
    values.append([_("Beregning"), _("Nutidsværdi (kr.)")])
    values.append([_("Risikojusteret"), npv_of(adjusted)])
    values.append([_("Uden risikojustering"), npv_of(unadjusted)])
    for row_number in (2, 3):
        values.cell(row=row_number, column=2).number_format = KRONER
    _bold_header(values)

    payback = book.create_sheet(_("Tilbagebetaling"))
    payback.append([_("Beregning"), _("Tilbagebetalingstid (år)")])
    payback.append([_("Risikojusteret"), _payback_formula(*adjusted, never)])
    payback.append([_("Uden risikojustering"), _payback_formula(*unadjusted, never)])
    for row_number in (2, 3):
        payback.cell(row=row_number, column=2).number_format = YEARS
    _bold_header(payback)

    scenarios = book.create_sheet(_("Scenarier"))
    scenarios.append([_("Scenarie"), _("Nutidsværdi (kr.)"), _("Tilbagebetalingstid (år)")])
    for label, sheet in (
        (_("Optimistisk"), optimistic),
        (_("Forventet"), unadjusted),
        (_("Pessimistisk"), pessimistic),
    ):
        scenarios.append([label, npv_of(sheet), _payback_formula(*sheet, "")])
        scenarios.cell(row=scenarios.max_row, column=2).number_format = KRONER
        scenarios.cell(row=scenarios.max_row, column=3).number_format = YEARS
    scenarios.append([])
    scenarios.append([_("Følsomhed: nutidsværdi med én linje på minimum og maksimum (værdier)")])
    scenarios.append([_("Linje"), _("Ved minimum (kr.)"), _("Ved maksimum (kr.)")])
    for bar in evaluation.sensitivity:
        scenarios.append(
            [safe_cell(bar.line), _num(npv.round_kroner(bar.npv_at_min)),
             _num(npv.round_kroner(bar.npv_at_max))]
        )  # fmt: skip
        for column in (2, 3):
            scenarios.cell(row=scenarios.max_row, column=column).number_format = KRONER
    if evaluation.societal_lines:
        scenarios.append([])
        scenarios.append(
            [_("Samfundsmæssige gevinster (indgår ikke i nutidsværdien)"),
             _num(npv.round_kroner(evaluation.societal_npv))]
        )  # fmt: skip
    _bold_header(scenarios)
    for sheet_ in (values, payback, scenarios):
        sheet_.column_dimensions["A"].width = 40
        sheet_.column_dimensions["B"].width = 24
        sheet_.column_dimensions["C"].width = 24
    _point_at_titles(book)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _point_at_titles(book: Workbook) -> None:
    """The formulas are written against the Danish sheet names; in another language the
    sheets carry translated titles, so the references follow them."""
    renames = {
        "Stamdata!": "'" + _("Stamdata").replace("'", "''") + "'!",
        "Linjer!": "'" + _("Linjer").replace("'", "''") + "'!",
    }
    if all(old == new.strip("'").replace("'!", "!") for old, new in renames.items()):
        return
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    value = cell.value
                    for old, new in renames.items():
                        value = value.replace(old, new)
                    cell.value = value
