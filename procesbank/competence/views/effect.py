"""The effect dashboard."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from procesbank.benefits.selectors import portfolio_models
from procesbank.competence import selectors
from procesbank.kit.stamps import cached, cached_with_appended, viewer_key
from procesbank.organisations.models import AuthenticatedRequest, User


# --- effect -----------------------------------------------------------------------------------
@login_required
def effect_dashboard(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    effect, by_municipality_html = _effect_by_municipality(user)
    context: dict[str, Any] = {
        "effect": effect,
        "active_days": selectors.ACTIVE_DAYS,
        "by_municipality_html": by_municipality_html,
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
    # The benefits behind a municipality's figures open only where the user may read projects.
    sees_all_projects = selectors.can_administer(user=user)
    benefits, benefits_html = _benefits_by_municipality(user, on, sees_all_projects)
    context.update(_benefit_context(benefits))
    context["benefits_by_municipality_html"] = benefits_html
    context["year_choices"] = _year_choices(benefits)
    context["sees_all_projects"] = sees_all_projects
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


# The two tables of a row per municipality (98 at national scale) are most of the page's work:
# their figures and their rendered HTML are kept together under the stamp of what the figures
# read (kit.stamps), so a write anywhere in them shows on the next request. What else the
# HTML depends on is in the key: the reader's view (municipality and collaboration: the
# counts of visible processes, the link to the own projects), the language (labels and number
# format), the day (the 90 days of "active"), and for the benefits the year and whether the
# reader may open every municipality's projects.
def _effect_by_municipality(user: User) -> tuple[selectors.Effect, str]:
    def compute() -> tuple[selectors.Effect, str]:
        effect = selectors.effect_figures(user=user)
        chart = {
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
        }
        html = render_to_string(
            "competence/_effect_by_municipality.html",
            {"effect": effect, "by_municipality_chart": chart, "user": user},
        )
        return effect, html

    effect, html = cached_with_appended(
        f"effect-page:{viewer_key(user)}:{get_language()}:{timezone.localdate().isoformat()}",
        selectors.effect_models(),
        selectors.EFFECT_APPENDED,
        compute,
    )
    return effect, mark_safe(html)  # noqa: S308 (rendered by our template, escaped there)


def _benefits_by_municipality(
    user: User, on: datetime.date, sees_all_projects: bool
) -> tuple[selectors.BenefitRealisation, str]:
    def compute() -> tuple[selectors.BenefitRealisation, str]:
        benefits = selectors.benefit_realisation(user=user, on=on)
        html = render_to_string(
            "competence/_benefits_by_municipality.html",
            {
                "benefits": benefits,
                "benefits_municipality_chart": _benefits_municipality_chart(benefits),
                "sees_all_projects": sees_all_projects,
                "user": user,
            },
        )
        return benefits, html

    benefits, html = cached(
        f"benefits-page:{viewer_key(user)}:{sees_all_projects}:{on.year}:{get_language()}:"
        f"{timezone.localdate().isoformat()}",
        portfolio_models(),
        compute,
    )
    return benefits, mark_safe(html)  # noqa: S308 (rendered by our template, escaped there)


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


def _benefits_municipality_chart(benefits: selectors.BenefitRealisation) -> dict[str, Any]:
    """Planned against realised benefit per municipality (DKK per year)."""
    return {
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
    }
