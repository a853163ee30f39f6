"""The conformance tab of an event log: check the log against a process of the library."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from procesbank.core.errors import UserError
from procesbank.kit.formfields import HouseStyleMixin
from procesbank.mining.engine.conformance import VariantResult
from procesbank.mining.selectors import conformance as selectors
from procesbank.mining.views.eventlogs import _analysis
from procesbank.organisations.models import AuthenticatedRequest

VARIANTS_SHOWN = 100


class ConformanceForm(HouseStyleMixin, forms.Form):
    """The model to check against, read from the URL (a check only reads)."""

    model = forms.TypedChoiceField(
        label=gettext_lazy("Model i procesbiblioteket"),
        coerce=int,
        help_text=gettext_lazy(
            "Vælg en version af en proces, din kommune ejer eller har fået delt."
        ),
    )

    def __init__(self, *args: Any, choices: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["model"].choices = choices  # type: ignore[attr-defined]


def _variant_row(position: int, variant: VariantResult, cases: int) -> dict[str, Any]:
    result = variant.result
    out_of_order = set(result.out_of_order_steps)
    return {
        "position": position,
        "cases": variant.cases,
        "share_percent": 100 * variant.cases / cases if cases else 0,
        "fitness_percent": 100 * result.fitness,
        "steps": [
            {
                "activity": activity,
                "unknown": activity in result.unknown,
                "out_of_order": position in out_of_order,
            }
            for position, activity in enumerate(variant.activities)
        ],
        "skipped": sorted(result.skipped),
    }


def _report_context(report: selectors.ConformanceReport) -> dict[str, Any]:
    result = report.result
    return {
        "report": report,
        "result": result,
        "fitness_percent": 100 * result.fitness,
        "average_percent": 100 * result.average_trace_fitness,
        "fitting_percent": 100 * result.fitting_share,
        "deviating_cases": sum(variant.cases for variant in result.deviating_variants),
        "variants": [
            _variant_row(position, variant, result.cases)
            for position, variant in enumerate(result.deviating_variants[:VARIANTS_SHOWN], start=1)
        ],
        "more_variants": max(0, len(result.deviating_variants) - VARIANTS_SHOWN),
    }


@login_required
def eventlog_conformance(request: AuthenticatedRequest, eventlog_id: int) -> HttpResponse:
    """Pick a library model; with one chosen (``?model=<version id>``) replay the log on it."""
    context, log = _analysis(request, eventlog_id, "conformance")
    choices = selectors.conformance_model_choices(user=request.user)
    default = selectors.default_conformance_version(user=request.user, eventlog=context["eventlog"])
    chosen = "model" in request.GET
    form = ConformanceForm(
        request.GET if chosen else None,
        choices=choices,
        initial={"model": default.pk if default else None},
    )
    context.update(form=form, has_choices=bool(choices), default=default, model_id=None)
    if chosen and form.is_valid():
        version = selectors.access_conformance_version(
            user=request.user, version_id=form.cleaned_data["model"]
        )
        context["model_id"] = version.pk
        try:
            context.update(_report_context(selectors.conformance_report(log=log, version=version)))
        except UserError as error:
            context["error"] = error.render(_)
    return render(request, "mining/eventlog_conformance.html", context)
