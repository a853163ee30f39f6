"""The business case as PDF (WeasyPrint): master data, lines, the per-year tables with and
without risk adjustment, NPV, payback, scenarios and the formulas, in Danish."""

from __future__ import annotations

from datetime import date

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from procesbank.economics.exports import formula_lines
from procesbank.economics.selectors import CaseResult


def business_case_pdf(*, result: CaseResult, on: date) -> bytes:
    """A PDF of an evaluated case; amounts in whole kroner, as on the page."""
    evaluation = result.evaluation
    if evaluation is None:
        raise ValueError("no evaluation")
    years = [row.year for row in evaluation.years]
    html = render_to_string(
        "economics/report.html",
        {
            "case": result.case,
            "project": result.case.project,
            "result": result,
            "evaluation": evaluation,
            "on": on,
            "formulas": formula_lines(),
            "lines": [
                (view, list(zip(years, view.line.expected_amounts(), strict=False)))
                for view in result.lines
            ],
            "results": [
                (_("Risikojusteret"), evaluation.risk_adjusted),
                (_("Uden risikojustering"), evaluation.unadjusted),
            ],
            "scenarios": [
                (_("Optimistisk"), evaluation.scenarios.optimistic),
                (_("Forventet"), evaluation.scenarios.expected),
                (_("Pessimistisk"), evaluation.scenarios.pessimistic),
            ],
        },
    )
    # Imported here: WeasyPrint loads Pango, which only this download needs.
    from weasyprint import HTML

    return HTML(string=html).write_pdf() or b""
