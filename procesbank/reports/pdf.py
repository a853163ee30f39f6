"""The documentation report as PDF (WeasyPrint), the diagram as vector graphics (SVG)."""

from __future__ import annotations

from collections.abc import Callable

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from procesbank.processes.engine.diagram.svg import render_svg, tiles
from procesbank.reports.selectors import ProcessSection, Report, raci_help


def report_pdf(report: Report, progress: Callable[[float, str], None] | None = None) -> bytes:
    """A PDF of ``report``: per process a cover, the diagram on a landscape page, the task
    table, the figures with their formulas, the RACI matrix and the revision history.
    ``progress(fraction, message)`` is told before each stage (0..1 of the whole)."""
    tell = progress or (lambda fraction, message: None)
    tell(0.0, _("Tegner diagrammerne"))
    sections = [(section, _pages(section)) for section in report.sections]
    html = render_to_string(
        "reports/report.html",
        {"report": report, "sections": sections, "raci_help": raci_help()},
    )
    # Imported here: WeasyPrint loads Pango, which only this download needs.
    from weasyprint import HTML

    # Laying out the pages takes most of the time (a 400-task diagram: some 30 pages).
    tell(0.1, _("Sætter siderne op"))
    document = HTML(string=html).render()
    tell(0.8, _("Skriver PDF-filen (%(pages)d sider)") % {"pages": len(document.pages)})
    return document.write_pdf() or b""


def _pages(section: ProcessSection) -> list[SafeString]:
    """The diagram as one SVG per landscape page: a wide one in strips, left to right."""
    if section.drawing is None:
        return []
    return [
        # render_svg escapes every name it writes, so the markup is safe to inline.
        mark_safe(render_svg(section.drawing, title=section.cover.process, view=view))  # noqa: S308
        for view in tiles(section.drawing)
    ]
