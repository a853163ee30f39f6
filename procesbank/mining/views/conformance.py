"""The conformance tab of an event log: check the log against a process of the library."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from procesbank.core.errors import UserError
from procesbank.kit.formfields import HouseStyleMixin
from procesbank.mining import services
from procesbank.mining.engine.conformance import VariantResult
from procesbank.mining.selectors import conformance as selectors
from procesbank.mining.selectors import eventlogs as eventlog_selectors
from procesbank.mining.views.eventlogs import _analysis
from procesbank.organisations.models import AuthenticatedRequest

VARIANTS_PER_PAGE = 25
#: Log activities offered for mapping, most frequent first (a long log's rare codes matter
#: least; the page says how many are left out).
MAPPING_ROWS = 150
ACTIVITIES_SHOWN = 15


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


def _report_context(report: selectors.ConformanceReport, page: int) -> dict[str, Any]:
    """The figures of the page. A case fits when its replay neither lacks nor leaves a token
    (PM4Py's definition); every other case deviates, so fitting + deviating = cases. Cases
    that fit but also hold activities the model lacks are counted on their own."""
    result = report.result
    not_fitting = [v for v in result.deviating_variants if not v.result.fits]
    pages = max(1, -(-len(not_fitting) // VARIANTS_PER_PAGE))
    page = min(max(1, page), pages)
    first = (page - 1) * VARIANTS_PER_PAGE
    return {
        "report": report,
        "result": result,
        "fitness_percent": 100 * result.fitness,
        "average_percent": 100 * result.average_trace_fitness,
        "fitting_percent": 100 * result.fitting_share,
        "deviating_cases": result.cases - result.fitting_cases,
        "fitting_with_unknown": sum(v.cases for v in result.deviating_variants if v.result.fits),
        "matched_event_percent": 100 * report.matched_event_share,
        "activity_parts": [
            result.activities[:ACTIVITIES_SHOWN],
            result.activities[ACTIVITIES_SHOWN:],
        ],
        "variants": [
            _variant_row(position, variant, result.cases)
            for position, variant in enumerate(
                not_fitting[first : first + VARIANTS_PER_PAGE], start=first + 1
            )
        ],
        "variant_page": page,
        "variant_pages": pages,
        "deviating_variant_count": len(not_fitting),
    }


def _overlays(report: selectors.ConformanceReport) -> list[dict[str, Any]]:
    """Deviation counts per diagram element, for the badges on the model (the activity table
    beside it is their text alternative)."""
    badges = []
    for deviation in report.result.activities:
        for element_id in report.task_elements.get(deviation.activity, []):
            if deviation.skipped or deviation.out_of_order:
                badges.append(
                    {
                        "element": element_id,
                        "skipped": deviation.skipped,
                        "out_of_order": deviation.out_of_order,
                    }
                )
    return badges


def _page(request: AuthenticatedRequest) -> int:
    try:
        return max(1, int(request.GET.get("afvigelser_side", 1)))
    except ValueError:
        return 1


@login_required
def eventlog_conformance(request: AuthenticatedRequest, eventlog_id: int) -> HttpResponse:
    """Pick a library model; with one chosen (``?model=<version id>``) replay the log on it."""
    context, figures_of = _analysis(request, eventlog_id, "conformance")
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
            activities = eventlog_selectors.activity_names(
                eventlog=context["eventlog"], activity_key=context["activity_key"]
            )
            mapping, saved = selectors.activity_mapping(
                eventlog=context["eventlog"],
                version=version,
                activity_key=context["activity_key"],
                activities=activities,
            )
            report = selectors.conformance_report(
                log=figures_of.events(), version=version, mapping=mapping
            )
            context.update(_report_context(report, _page(request)))
            context.update(
                mapping_rows=[
                    {"activity": name, "task": mapping.get(name, "")}
                    for name in activities[:MAPPING_ROWS]
                ],
                mapping_hidden=max(0, len(activities) - MAPPING_ROWS),
                mapping_saved=saved,
                mapping_renamed=sum(1 for name, task in mapping.items() if task and task != name),
                model_tasks=selectors.model_tasks(version=version),
                version=version,
                overlays=_overlays(report),
            )
            params = request.GET.copy()
            params.pop("afvigelser_side", None)
            context["page_query"] = params.urlencode()
        except UserError as error:
            context["error"] = error.render(_)
    return render(request, "mining/eventlog_conformance.html", context)


@login_required
@require_POST
def eventlog_activity_mapping(request: AuthenticatedRequest, eventlog_id: int) -> HttpResponse:
    """Save which log activity is which model task (rows ``aktivitet-N`` / ``opgave-N``), then
    go back to the conformance tab with the same model, naming and filters."""
    eventlog = eventlog_selectors.access_eventlog_for_edit(
        user=request.user, eventlog_id=eventlog_id
    )
    try:
        version_id = int(request.POST.get("model", ""))
    except ValueError:
        raise Http404 from None
    version = selectors.access_conformance_version(user=request.user, version_id=version_id)
    attributes = eventlog_selectors.activity_attributes(eventlog=eventlog)
    activity_key = request.POST.get("aktivitet", "")
    if activity_key not in attributes:
        activity_key = ""
    mapping: dict[str, str] = {}
    for key in request.POST:
        if key.startswith("aktivitet-"):
            task = request.POST.get("opgave-" + key.removeprefix("aktivitet-"), "")
            mapping[request.POST.get(key, "")] = task
    back = QueryDict(request.POST.get("query", ""), mutable=True)
    back["model"] = str(version.pk)
    url = reverse("mining:eventlog_conformance", args=[eventlog.pk]) + "?" + back.urlencode()
    try:
        services.activity_mapping_save(
            user=request.user,
            eventlog=eventlog,
            version=version,
            activity_key=activity_key,
            mapping={activity: task.strip() for activity, task in mapping.items()},
            activities=eventlog_selectors.activity_names(
                eventlog=eventlog, activity_key=activity_key
            ),
            tasks=selectors.model_tasks(version=version),
        )
    except UserError as error:
        messages.error(request, error.render(_))
        return redirect(url)
    messages.success(request, _("Koblingen er gemt, og overensstemmelsen er beregnet igen."))
    return redirect(url)
