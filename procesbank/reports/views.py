"""Downloads of the documentation report: a version's (from the process page) and a
selection's (all processes of a KLE main group, of a unit with the units below it, or both)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from procesbank.kit.downloads import download, file_name
from procesbank.organisations.models import AuthenticatedRequest
from procesbank.organisations.selectors import unit_choices
from procesbank.reports import selectors
from procesbank.reports.forms import SelectionForm
from procesbank.reports.pdf import report_pdf
from procesbank.reports.word import report_docx

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _file(report: selectors.Report, name: str, extension: str) -> HttpResponse:
    if extension == "docx":
        return download(
            report_docx(report), file_name("procesdokumentation", name, extension="docx"), DOCX
        )
    return download(report_pdf(report), file_name("procesdokumentation", name, extension="pdf"))


@login_required
def version_report(request: AuthenticatedRequest, version_id: int, extension: str) -> HttpResponse:
    report = selectors.version_report(user=request.user, version_id=version_id)
    return _file(report, report.title, extension)


@login_required
def selection(request: AuthenticatedRequest) -> HttpResponse:
    """The selection page; with a valid choice in the query it answers with the file."""
    choices = selectors.kle_group_choices(user=request.user)
    units = unit_choices(user=request.user)
    form = SelectionForm(request.GET or None, kle_choices=choices, unit_choices=units)
    if form.is_bound and form.is_valid():
        group, unit = form.cleaned_data["kle"], form.cleaned_data["unit"]
        report = selectors.selection_report(user=request.user, kle_group=group, unit_id=unit)
        return _file(report, form.file_stem(), form.cleaned_data["format"])
    return render(
        request,
        "reports/selection.html",
        {
            "form": form,
            "has_groups": bool(choices or units),
            "raci_help": selectors.raci_help(),
        },
    )
