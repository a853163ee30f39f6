"""Excel export of a cohort: the cohort with seats and costs, the participants with their grades
(as far as the user may see them) and the improvement actions of its workshops."""

from __future__ import annotations

from io import BytesIO
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from procesbank.competence import selectors
from procesbank.competence.models import Cohort, ImprovementAction
from procesbank.organisations.models import User
from procesbank.processes.exports import safe_cell

MONEY = "#,##0.00"


def _header(sheet: Any, titles: list[str]) -> None:
    sheet.append(titles)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)


def cohort_workbook(*, user: User, cohort: Cohort) -> bytes:
    """An .xlsx with the sheets "Hold", "Deltagere" and "Handlinger"."""
    book = Workbook()
    summary = book.active
    summary.title = _("Hold")
    for label, value in [
        (_("Hold"), cohort.name),
        (_("Forløb"), cohort.programme.name),
        (_("Leverandør"), cohort.programme.supplier),
        (_("Startdato"), cohort.start_date),
        (_("Slutdato"), cohort.end_date),
        (_("Pris (kr.)"), cohort.price),
    ]:
        summary.append([label, safe_cell(value)])
    summary.append([])
    _header(summary, [_("Kommune"), _("Pladser"), _("Tilmeldte"), _("Andel af prisen (kr.)")])
    for share in selectors.cohort_seat_shares(cohort=cohort):
        summary.append([share.municipality.name, share.seats, share.enrolled, share.cost])
        summary.cell(row=summary.max_row, column=4).number_format = MONEY
    summary.cell(row=6, column=2).number_format = MONEY
    summary.column_dimensions["A"].width = 28

    people = book.create_sheet(_("Deltagere"))
    _header(
        people,
        [
            _("Navn"),
            _("Kommune"),
            _("Moduler deltaget"),
            _("Afsluttende opgave"),
            _("Karakter"),
            _("Ekstern censor"),
            _("Eksamensdato"),
        ],
    )
    for enrolment in selectors.enrolment_list(cohort=cohort):
        visible = selectors.can_see_grade(user=user, enrolment=enrolment)
        grade = selectors.grade_label(enrolment.grade) if visible else _("skjult")
        people.append(
            [
                safe_cell(enrolment.consultant.name),
                enrolment.municipality.name,
                len(enrolment.attended_modules.all()),
                safe_cell(enrolment.assignment_title),
                # A grade is text as written ("02", "-3"); safe_cell would prefix "-3" with '.
                grade if enrolment.grade is not None else "",
                (_("ja") if enrolment.external_examiner else _("nej")) if visible else "",
                enrolment.examined_on if visible else None,
            ]
        )
    for column, width in zip("ABCDEFG", [28, 18, 16, 40, 10, 14, 14], strict=True):
        people.column_dimensions[column].width = width

    actions = book.create_sheet(_("Handlinger"))
    _header(
        actions,
        [_("Handling"), _("Workshop"), _("Ansvarlig"), _("Frist"), _("Status"), _("Overskredet")],
    )
    today = selectors.today()
    for action in ImprovementAction.objects.filter(workshop__cohort=cohort).select_related(
        "workshop", "owner"
    ):
        overdue = action.deadline < today and action.status != "faerdig"
        actions.append(
            [
                safe_cell(action.title),
                safe_cell(action.workshop.title),
                action.owner.username,
                action.deadline,
                action.get_status_display(),
                _("ja") if overdue else "",
            ]
        )
    for column, width in zip("ABCDEF", [44, 36, 22, 12, 12, 12], strict=True):
        actions.column_dimensions[column].width = width

    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()
