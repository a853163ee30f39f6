"""Excel export of a cohort: the cohort with seats and costs, the participants with their grades
(as far as the user may see them) and the improvement actions of its workshops."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from io import BytesIO

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook

from procesbank.competence import selectors
from procesbank.competence.models import Cohort, Enrolment, ImprovementAction
from procesbank.kit.columns import Column, Columns, Kind, safe_cell
from procesbank.organisations.models import User

MONEY = "#,##0.00"

SEAT_COLUMNS = Columns(
    Column("municipality", gettext_lazy("Kommune"), attr="municipality.name"),
    Column("seats", gettext_lazy("Pladser"), Kind.NUMBER),
    Column("enrolled", gettext_lazy("Tilmeldte"), Kind.NUMBER),
    Column("cost", gettext_lazy("Andel af prisen (kr.)"), Kind.MONEY),
)


@dataclass(frozen=True)
class Participant:
    """A row of the participants' sheet: the grade and examination only as far as the
    exporting user may see them ("skjult" for the grade otherwise)."""

    name: str
    municipality: str
    modules: int
    assignment: str
    grade: str
    external_examiner: str
    examined_on: date | None


PARTICIPANT_COLUMNS = Columns(
    Column("name", gettext_lazy("Navn")),
    Column("municipality", gettext_lazy("Kommune")),
    Column("modules", gettext_lazy("Moduler deltaget"), Kind.NUMBER),
    Column("assignment", gettext_lazy("Afsluttende opgave")),
    # A grade is text as written ("02", "-3"); neutralising would prefix "-3" with '.
    Column("grade", gettext_lazy("Karakter"), formula_safe=True),
    Column("external_examiner", gettext_lazy("Ekstern censor")),
    Column("examined_on", gettext_lazy("Eksamensdato"), Kind.DATE),
)
PARTICIPANT_WIDTHS = dict(
    zip(PARTICIPANT_COLUMNS.keys(), [28, 18, 16, 40, 10, 14, 14], strict=True)
)


@dataclass(frozen=True)
class ActionRow:
    action: ImprovementAction
    overdue: bool


ACTION_COLUMNS = Columns(
    Column("title", gettext_lazy("Handling"), attr="action.title"),
    Column("workshop", gettext_lazy("Workshop"), attr="action.workshop.title"),
    Column("owner", gettext_lazy("Ansvarlig"), get=lambda row: str(row.action.owner)),
    Column("deadline", gettext_lazy("Frist"), Kind.DATE, attr="action.deadline"),
    Column("status", gettext_lazy("Status"), attr="action.get_status_display"),
    Column("overdue", gettext_lazy("Overskredet"), get=lambda row: _("ja") if row.overdue else ""),
)
ACTION_WIDTHS = dict(zip(ACTION_COLUMNS.keys(), [44, 36, 22, 12, 12, 12], strict=True))


def _participant(user: User, enrolment: Enrolment) -> Participant:
    visible = selectors.can_see_grade(user=user, enrolment=enrolment)
    grade = selectors.grade_label(enrolment.grade) if visible else _("skjult")
    examiner = _("ja") if enrolment.external_examiner else _("nej")
    return Participant(
        name=enrolment.consultant.name,
        municipality=enrolment.municipality.name,
        modules=len(enrolment.attended_modules.all()),
        assignment=enrolment.assignment_title,
        grade=grade if enrolment.grade is not None else "",
        external_examiner=examiner if visible else "",
        examined_on=enrolment.examined_on if visible else None,
    )


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
    SEAT_COLUMNS.write_sheet(summary, selectors.cohort_seat_shares(cohort=cohort))
    summary.cell(row=6, column=2).number_format = MONEY
    summary.column_dimensions["A"].width = 28

    people = book.create_sheet(_("Deltagere"))
    PARTICIPANT_COLUMNS.write_sheet(
        people,
        [_participant(user, e) for e in selectors.enrolment_list(cohort=cohort)],
        widths=PARTICIPANT_WIDTHS,
    )

    actions = book.create_sheet(_("Handlinger"))
    today = selectors.today()
    ACTION_COLUMNS.write_sheet(
        actions,
        [
            ActionRow(action, action.deadline < today and action.status != "faerdig")
            for action in ImprovementAction.objects.filter(workshop__cohort=cohort).select_related(
                "workshop", "owner"
            )
        ],
        widths=ACTION_WIDTHS,
    )

    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()
