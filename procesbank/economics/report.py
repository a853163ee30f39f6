"""The business case as PDF (WeasyPrint): master data, lines, the per-year tables with and
without risk adjustment, NPV, payback, scenarios and the formulas, in Danish."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from procesbank.core.svgchart import Series, TornadoBar, bar_chart, tornado_chart
from procesbank.economics.engine.npv import Evaluation, round_kroner
from procesbank.economics.exports import formula_lines
from procesbank.economics.selectors import CaseResult
from procesbank.kit.formatting import number


def _kroner(value: float) -> str:
    return number(value, 0)


def case_charts(evaluation: Evaluation) -> dict[str, str]:
    """The SVG of each chart by :func:`case_figures`, by name."""
    return {name: svg for name, (_title, svg) in case_figures(evaluation).items()}


def case_figures(evaluation: Evaluation) -> dict[str, tuple[str, str]]:
    """The case's charts, each (title, SVG) in whole kroner: the cumulative cash flow with and
    without risk adjustment, the benefit profile (costs and benefits per year, risk-adjusted)
    and the tornado (NPV with each line at its minimum and maximum; lines that do not swing are
    left out)."""
    years = [str(row.year) for row in evaluation.years]

    def whole(amounts: list[Decimal]) -> list[float | None]:
        return [float(round_kroner(amount)) for amount in amounts]

    titles = {
        "cumulative": _("Akkumuleret pengestrøm pr. år (kr.)"),
        "profile": _("Gevinstprofil: omkostninger og gevinster pr. år (kr., risikojusteret)"),
        "tornado": _("Følsomhed: nutidsværdi med hver linje på minimum og maksimum (kr.)"),
    }
    cumulative = bar_chart(
        years,
        [
            Series(
                _("Akkumuleret netto (risikojusteret)"),
                whole([row.cumulative for row in evaluation.years]),
                "#1f5f99",
            ),
            Series(
                _("Akkumuleret netto (uden risiko)"),
                whole([row.cumulative for row in evaluation.unadjusted.years]),
                "#9aa5b1",
            ),
        ],
        title=titles["cumulative"],
        fmt=_kroner,
    )
    profile = bar_chart(
        years,
        [
            Series(_("Omkostninger"), whole([row.costs for row in evaluation.years]), "#b45309"),
            Series(_("Gevinster"), whole([row.benefits for row in evaluation.years]), "#15803d"),
        ],
        title=titles["profile"],
        fmt=_kroner,
    )
    bars = [
        TornadoBar(
            bar.line, float(round_kroner(bar.npv_at_min)), float(round_kroner(bar.npv_at_max))
        )
        for bar in evaluation.sensitivity
        if bar.swing > 0
    ]
    tornado = (
        tornado_chart(
            bars,
            base=float(round_kroner(evaluation.scenarios.expected.npv)),
            title=titles["tornado"],
            low_label=_("Linjen på minimum"),
            high_label=_("Linjen på maksimum"),
            fmt=_kroner,
        )
        if bars
        else ""
    )
    charts = {"cumulative": cumulative, "profile": profile, "tornado": tornado}
    return {name: (titles[name], svg) for name, svg in charts.items() if svg}


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
            "years": years,
            "charts": case_figures(evaluation).values(),
            "tornado": [bar for bar in evaluation.sensitivity if bar.swing > 0],
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
