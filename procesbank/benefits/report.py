"""The realisation report of a project as PDF (WeasyPrint)."""

from __future__ import annotations

from datetime import date

from django.template.loader import render_to_string
from django.utils.translation import gettext

from procesbank.benefits.charts import profile_chart
from procesbank.benefits.engine import realisation
from procesbank.benefits.selectors import BenefitStatus
from procesbank.projects.models import Project


def realisation_report_pdf(*, project: Project, statuses: list[BenefitStatus], on: date) -> bytes:
    """A PDF with every benefit: owner, KPI plan, measurements, status and the status rule."""
    html = render_to_string(
        "benefits/report.html",
        {
            "project": project,
            "statuses": statuses,
            "profiles": [(row, profile_chart(row)) for row in statuses],
            "on": on,
            "status_rule": gettext(realisation.STATUS_RULE),
        },
    )
    # Imported here: WeasyPrint loads Pango, which only this page needs.
    from weasyprint import HTML

    return HTML(string=html).write_pdf() or b""
