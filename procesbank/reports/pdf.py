"""The documentation report as PDF (WeasyPrint), the diagram as vector graphics (SVG)."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from procesbank.processes.engine.diagram.svg import render_svg
from procesbank.reports.selectors import Report, raci_help


def report_pdf(report: Report) -> bytes:
    """A PDF of ``report``: per process a cover, the diagram on a landscape page, the task
    table, the figures with their formulas, the RACI matrix and the revision history."""
    sections = [
        (
            section,
            # render_svg escapes every name it writes, so the markup is safe to inline.
            mark_safe(render_svg(section.drawing, title=section.cover.process))  # noqa: S308
            if section.drawing
            else "",
        )
        for section in report.sections
    ]
    html = render_to_string(
        "reports/report.html",
        {"report": report, "sections": sections, "raci_help": raci_help()},
    )
    # Imported here: WeasyPrint loads Pango, which only this download needs.
    from weasyprint import HTML

    return HTML(string=html).write_pdf() or b""
