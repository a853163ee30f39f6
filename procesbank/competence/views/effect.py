"""The effect dashboard."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
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
    return render(request, "competence/effect.html", context)
