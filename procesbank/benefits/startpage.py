"""The benefits' panel on the start page: the benefits I own whose next measurement is due, by
the one rule of ``engine.realisation.measurement_due`` (the benefit's schedule from its latest
measurement, until it is measured on its target date)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Max, OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from procesbank.benefits.engine import realisation
from procesbank.benefits.models import Benefit, Measurement
from procesbank.benefits.selectors import plan_of
from procesbank.core.errors import UserError
from procesbank.kit.startpage import Panel, register_panel
from procesbank.organisations.models import User
from procesbank.organisations.permissions import Action, can
from procesbank.projects.selectors import project_list

# The benefits one person owns are few; the cap keeps the panel's one query bounded anyway.
OWNED_CAP = 200


@dataclass(frozen=True)
class DueBenefit:
    benefit: Benefit
    due_on: date
    last_measured: date | None
    last_status: str

    @property
    def last_status_label(self) -> str:
        return realisation.STATUS_LABELS[realisation.Status(self.last_status)]


def benefits_due_for(*, user: User, today: date | None = None, limit: int = 8) -> list[DueBenefit]:
    """The benefits of the own municipality's projects the user owns that need a measurement
    now, the longest overdue first."""
    today = today or timezone.localdate()
    latest = Measurement.objects.filter(benefit=OuterRef("pk")).order_by("-measured_on", "-id")
    owned = (
        Benefit.objects.filter(owner_id=user.pk, project__in=project_list(user=user).values("pk"))
        .select_related("project")
        .annotate(
            last_measured=Max("measurements__measured_on"),
            last_status=Subquery(latest.values("status")[:1]),
        )
        .order_by("pk")[:OWNED_CAP]
    )
    due = []
    for benefit in owned:
        try:
            plan = plan_of(benefit)
        except UserError:  # a plan without a way to go has nothing to measure
            continue
        due_on = realisation.measurement_due(benefit.schedule, plan, benefit.last_measured, today)
        if due_on is not None:
            due.append(
                DueBenefit(
                    benefit=benefit,
                    due_on=due_on,
                    last_measured=benefit.last_measured,
                    last_status=benefit.last_status or realisation.Status.NOT_MEASURED,
                )
            )
    due.sort(key=lambda row: (row.due_on, row.benefit.name))
    return due[:limit]


register_panel(
    Panel(
        key="benefits-due",
        order=30,
        title=_("Gevinster, der skal måles"),
        template="benefits/startpage/benefits_due.html",
        context=lambda user: {"due": benefits_due_for(user=user)},
        visible=lambda user: can(user, Action.EDIT),
    )
)
