"""The documentation report as Word (.docx, python-docx): the same content as the PDF.

The diagram is a PNG drawn with Pillow from the same primitives as the PDF's SVG: Word's
own SVG support is an Office 2016 extension (``asvg:svgBlip``) that python-docx cannot
write, and LibreOffice and older Word would show only its PNG fallback anyway.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence

from django.utils.translation import gettext as _
from docx import Document
from docx.document import Document as DocxDocument
from docx.shared import Length, Mm, Pt

from procesbank.kit import formatting
from procesbank.processes.engine.diagram.png import render_png
from procesbank.processes.engine.diagram.svg import tiles
from procesbank.reports.selectors import ProcessSection, Report, raci_help


def report_docx(report: Report, progress: Callable[[float, str], None] | None = None) -> bytes:
    """A .docx of ``report``, section by section as in the PDF. ``progress(fraction,
    message)`` is told before each process and before saving (0..1 of the whole)."""
    count = len(report.sections)
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(10)
    document.core_properties.title = report.title
    if report.note:
        document.add_heading(report.title, level=0)
        document.add_paragraph(report.note)
    for index, section in enumerate(report.sections):
        if progress is not None:
            progress(
                0.9 * index / count,
                _("Skriver proces %(number)d af %(count)d") % {"number": index + 1, "count": count},
            )
        if index:
            document.add_page_break()
        _cover(document, section, report)
        document.add_page_break()
        _about(document, section)
        document.add_heading(_("Diagram"), level=1)
        if section.drawing is not None:
            width = _text_width(document)
            views = tiles(section.drawing)
            for number, view in enumerate(views, start=1):
                png, _scale = render_png(section.drawing, view)
                document.add_picture(io.BytesIO(png), width=width)
                if len(views) > 1:
                    document.add_paragraph(
                        _("Diagrammet, del %(number)s af %(count)s")
                        % {"number": number, "count": len(views)}
                    )
        else:
            document.add_paragraph(section.diagram_note)
        _tasks(document, section)
        _figures(document, section)
        _raci(document, section)
        _revisions(document, section)
    if progress is not None:
        progress(0.9, _("Gemmer dokumentet"))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _cover(document: DocxDocument, section: ProcessSection, report: Report) -> None:
    cover = section.cover
    document.add_paragraph(_("Procesdokumentation").upper())
    document.add_heading(cover.process, level=0)
    rows = [
        (_("Kommune"), cover.municipality),
        (_("Procesejer"), cover.owner or "–"),
        (_("Enhed"), cover.unit or "–"),
        (_("Status"), cover.status),
        (
            _("Version"),
            cover.version
            if cover.version == cover.version_kind
            else f"{cover.version} ({cover.version_kind})",
        ),
        (_("Udgave"), str(cover.revision)),
        (_("Godkendelse"), cover.approval or _("Ikke registreret")),
        (_("KLE"), cover.kle or "–"),
        (
            _("Sidst gemt"),
            formatting.short_date_time(cover.updated_at)
            + (f" · {cover.updated_by}" if cover.updated_by else ""),
        ),
        (_("Udskrevet"), formatting.short_date(report.made_on)),
    ]
    _table(document, None, rows)


def _about(document: DocxDocument, section: ProcessSection) -> None:
    parts = [
        (_("Beskrivelse"), section.description),
        (_("Formål"), section.purpose),
        (_("Lovgrundlag"), section.legal_basis),
    ]
    if any(text for _label, text in parts):
        document.add_heading(_("Om processen"), level=1)
        for label, text in parts:
            if text:
                paragraph = document.add_paragraph()
                paragraph.add_run(f"{label}: ").bold = True
                paragraph.add_run(text)


def _text_width(document: DocxDocument) -> Length:
    """The width between the margins of the last section's page (A4 by default)."""
    page = document.sections[-1]
    width = page.page_width or Mm(210)
    return Length(width - (page.left_margin or Mm(25)) - (page.right_margin or Mm(25)))


def _table(document: DocxDocument, head: list[str] | None, rows: Sequence[Sequence[str]]) -> None:
    columns = len(head) if head else len(rows[0]) if rows else 1
    table = document.add_table(rows=0, cols=columns)
    table.style = "Table Grid"
    if head:
        cells = table.add_row().cells
        for cell, text in zip(cells, head, strict=True):
            cell.text = ""
            cell.paragraphs[0].add_run(text).bold = True
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = text


def _tasks(document: DocxDocument, section: ProcessSection) -> None:
    document.add_heading(_("Opgaver"), level=1)
    head = [
        _("Opgave"),
        _("Rolle"),
        _("It-system"),
        _("Min. pr. sag"),
        _("Udførelser pr. år"),
        _("Timer pr. år"),
        _("Dokumentation"),
    ]
    rows = [
        (
            task.name,
            task.role or "–",
            task.it_system or "–",
            formatting.number(task.minutes_per_case, 1) if task.measured else _("ikke målt"),
            formatting.number(task.executions_per_year),
            formatting.number(task.hours_per_year, 1),
            task.documentation,
        )
        for task in section.tasks
    ]
    if rows:
        _table(document, head, rows)
    else:
        document.add_paragraph(_("Versionen har ingen opgaver."))


def _figures(document: DocxDocument, section: ProcessSection) -> None:
    document.add_heading(_("Nøgletal"), level=1)
    metrics = section.metrics
    if metrics is None:
        document.add_paragraph(section.metrics_note)
        return
    rows = [
        (_("Tid pr. sag"), f"{formatting.number(metrics.minutes_per_case, 1)} {_('min.')}"),
        (_("Sager pr. år"), formatting.number(metrics.yearly_volume)),
        (_("Timer pr. år"), formatting.number(metrics.hours_per_year, 1)),
        (_("Årsværk"), formatting.number(metrics.fte, 2)),
        (_("Omkostning pr. år"), formatting.money(metrics.cost_per_year, 0)),
    ]
    _table(document, None, rows)
    document.add_heading(_("Sådan er tallene regnet"), level=2)
    for line in section.formulas:
        document.add_paragraph(line, style="List Bullet")


def _raci(document: DocxDocument, section: ProcessSection) -> None:
    if section.raci is None:
        return
    document.add_heading(_("RACI-matrix"), level=1)
    document.add_paragraph(raci_help())
    rows = [(task, *letters) for task, letters in section.raci.table()]
    _table(document, [_("Opgave"), *section.raci.roles], rows)


def _revisions(document: DocxDocument, section: ProcessSection) -> None:
    document.add_heading(_("Revisionshistorik"), level=1)
    rows = [
        (
            str(r.number),
            formatting.short_date_time(r.saved_at),
            r.author or "–",
            r.comment,
        )
        for r in section.revisions
    ]
    _table(document, [_("Udgave"), _("Gemt"), _("Af"), _("Kommentar")], rows)
