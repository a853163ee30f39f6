"""The effect dashboard."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from procesbank.competence import selectors
from procesbank.organisations.models import AuthenticatedRequest


# --- effect -----------------------------------------------------------------------------------
@login_required
def effect_dashboard(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    effect = selectors.effect_figures(user=user)
    context: dict[str, Any] = {
        "effect": effect,
        "active_days": selectors.ACTIVE_DAYS,
        "by_municipality_chart": {
            "kind": "bar",
            "categories": [row.municipality.name for row in effect.rows],
            "series": [
                {"name": _("Uddannede"), "data": [row.trained for row in effect.rows]},
                {
                    "name": _("Uddannede og aktive"),
                    "data": [row.trained_active for row in effect.rows],
                },
                {"name": _("Delte processer"), "data": [r.processes_shared for r in effect.rows]},
            ],
        },
        "over_time_chart": {
            "kind": "line",
            "categories": [quarter for quarter, _count in effect.trained_over_time],
            "series": [
                {
                    "name": _("Uddannede i alt"),
                    "data": [count for _quarter, count in effect.trained_over_time],
                }
            ],
        },
    }
    year = _chosen_year(request)
    on = datetime.date(year, 12, 31)
    benefits = selectors.benefit_realisation(user=user, on=on)
    context.update(_benefit_context(benefits))
    context["year_choices"] = _year_choices(benefits)
    # The benefits behind a municipality's figures open only where the user may read projects.
    context["sees_all_projects"] = selectors.can_administer(user=user)
    drill = request.GET.get("vis", "")
    municipality = next(
        (
            r.municipality
            for r in effect.rows
            if str(r.municipality.pk) == request.GET.get("kommune")
        ),
        None,
    )
    if drill == "uddannede" and municipality is not None:
        context["drill_consultants"] = selectors.trained_consultant_list(user=user).filter(
            municipality=municipality
        )
        context["drill_municipality"] = municipality
    if drill == "gevinster" and municipality is not None:
        context["drill_projects"] = selectors.benefit_realisation_projects(
            user=user, municipality=municipality, on=on
        )
        context["drill_benefit_municipality"] = municipality
    return render(request, "competence/effect.html", context)


# The earliest year the picker accepts; a benefit plan from before it is not expected.
FIRST_YEAR = 2000


def _chosen_year(request: AuthenticatedRequest) -> int:
    """The year of ``?aar=``: a past year or this one; anything else (text, a future year)
    falls back to this year, whose figures the page shows by default."""
    this_year = timezone.localdate().year
    try:
        year = int(request.GET.get("aar", this_year))
    except ValueError:
        return this_year
    return year if FIRST_YEAR <= year <= this_year else this_year


def _year_choices(benefits: selectors.BenefitRealisation) -> list[int]:
    """The years with a plan up to this year, newest first; this year is always offered."""
    this_year = timezone.localdate().year
    planned = {year for year, _planned, _realised in benefits.over_time if year <= this_year}
    return sorted(planned | {this_year, benefits.year}, reverse=True)


def _benefit_context(benefits: selectors.BenefitRealisation) -> dict[str, Any]:
    """The realised-against-planned figures and their two charts (DKK per year)."""
    return {
        "benefits": benefits,
        "benefits_municipality_chart": {
            "kind": "bar",
            "yName": _("kr. pr. år"),
            "categories": [row.municipality.name for row in benefits.rows],
            "series": [
                {
                    "name": _("Planlagt"),
                    "data": [float(row.figures.planned) for row in benefits.rows],
                },
                {
                    "name": _("Realiseret"),
                    "data": [float(row.figures.realised) for row in benefits.rows],
                },
            ],
        },
        "benefits_time_chart": {
            "kind": "line",
            "yName": _("kr. pr. år"),
            "categories": [str(year) for year, _planned, _realised in benefits.over_time],
            "series": [
                {
                    "name": _("Planlagt"),
                    "data": [float(planned) for _year, planned, _realised in benefits.over_time],
                },
                {
                    "name": _("Realiseret"),
                    "data": [
                        None if realised is None else float(realised)
                        for _year, _planned, realised in benefits.over_time
                    ],
                },
            ],
        },
    }
