"""Pages of process mining: logs, upload with column mapping, import progress, analysis."""

from __future__ import annotations

import dataclasses
import functools
import itertools
import json
from typing import Any, TypeVar
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from django.views.decorators.http import require_POST

from procesbank.core.errors import UserError
from procesbank.jobs.selectors import access_job
from procesbank.jobs.views import go_on
from procesbank.kit.durations import readable_duration
from procesbank.kit.formatting import number
from procesbank.kit.formerrors import form_errors, message_errors
from procesbank.mining import selectors, services
from procesbank.mining.engine import discovery, figures, processmap
from procesbank.mining.engine.eventlog import csv_preview
from procesbank.mining.engine.labels import ATTRIBUTE_SEPARATOR, WITH_LIFECYCLE
from procesbank.mining.filtering import analysis
from procesbank.mining.forms import AsIsForm, FilterForm, MappingForm, NamingForm, UploadForm
from procesbank.mining.models import EventLog
from procesbank.organisations.models import AuthenticatedRequest
from procesbank.organisations.permissions import Action, can, require_edit
from procesbank.organisations.pickers import own_first, owner_label
from procesbank.processes.selectors import access_process, process_list

SESSION_KEY = "mining_pending_imports"

T = TypeVar("T")


@login_required
def eventlog_list(request: AuthenticatedRequest) -> HttpResponse:
    logs = selectors.eventlog_list(user=request.user)
    return render(
        request,
        "mining/eventlog_list.html",
        {"logs": logs, "can_upload": can(request.user, Action.EDIT)},
    )


@login_required
def eventlog_upload(request: AuthenticatedRequest) -> HttpResponse:
    require_edit(request.user)
    processes = own_first(process_list(user=request.user), user=request.user)[:500]
    choices = [(p.pk, owner_label(p.name, p.municipality.name)) for p in processes]
    form = UploadForm(request.POST or None, request.FILES or None, processes=choices)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with form_errors(form):
            process = (
                access_process(user=request.user, process_id=data["process"])
                if data["process"]
                else None
            )
            pending = services.eventlog_upload_stage(
                user=request.user,
                upload=data["file"],
                name=data["name"],
                visibility=data["visibility"],
                process=process,
            )
            if pending.source_format == EventLog.Format.CSV:
                stored = request.session.get(SESSION_KEY, {})
                stored[pending.token] = pending.as_dict()
                request.session[SESSION_KEY] = stored
                return redirect("mining:eventlog_mapping", token=pending.token)
            job = services.eventlog_import_start(user=request.user, pending=pending)
            return redirect("mining:eventlog_job", job_id=job.pk)
    return render(request, "mining/eventlog_upload.html", {"form": form})


@login_required
def eventlog_mapping(request: AuthenticatedRequest, token: str) -> HttpResponse:
    """Step two for a CSV file: check the detected layout and choose the columns."""
    require_edit(request.user)
    stored = request.session.get(SESSION_KEY, {})
    if token not in stored:
        raise Http404
    pending = services.PendingImport(**stored[token])
    if not pending.path.exists():
        # Cleaned up after the user left the page for longer than staged uploads are kept.
        del stored[token]
        request.session[SESSION_KEY] = stored
        messages.error(request, services.staged_gone_error().render(_))
        return redirect("mining:eventlog_upload")
    try:
        preview = csv_preview(pending.path, n=10)
    except UserError as error:
        return render(
            request,
            "mining/eventlog_mapping.html",
            {"pending": pending, "preview": None, "error": error.render(_)},
        )
    initial = {role: column for role, column in preview.suggested_mapping.items() if column}
    form = MappingForm(request.POST or None, columns=preview.columns, initial=initial)
    if request.method == "POST" and form.is_valid():
        job = services.eventlog_import_start(
            user=request.user,
            pending=dataclasses.replace(pending, activity_key=form.activity_key()),
            mapping=form.mapping(),
        )
        del stored[token]
        request.session[SESSION_KEY] = stored
        return redirect("mining:eventlog_job", job_id=job.pk)
    delimiter = {"\t": _("tabulator"), ",": _("komma"), ";": _("semikolon"), "|": "|"}
    return render(
        request,
        "mining/eventlog_mapping.html",
        {
            "pending": pending,
            "preview": preview,
            "delimiter": delimiter.get(preview.delimiter, preview.delimiter),
            "form": form,
        },
    )


@login_required
def eventlog_job(request: AuthenticatedRequest, job_id: UUID) -> HttpResponse:
    job = access_job(user=request.user, job_id=job_id)
    return go_on(request, job) or render(request, "mining/eventlog_job.html", {"job": job})


@login_required
@require_POST
def eventlog_delete(request: AuthenticatedRequest, eventlog_id: int) -> HttpResponse:
    eventlog = selectors.access_eventlog_for_edit(user=request.user, eventlog_id=eventlog_id)
    services.eventlog_delete(user=request.user, eventlog=eventlog)
    messages.success(request, _("“%(name)s” er slettet.") % {"name": eventlog.name})
    return redirect("mining:eventlog_list")


def _analysis(
    request: AuthenticatedRequest, eventlog_id: int, tab: str, *, with_variant_pick: bool = True
) -> tuple[dict[str, Any], selectors.LogFigures]:
    """The log, the filter form from the URL and the figures of the filtered events, for every
    tab (the variants page, where variants are picked, leaves the pick out:
    ``with_variant_pick``)."""
    eventlog = selectors.access_eventlog(user=request.user, eventlog_id=eventlog_id)
    seen = analysis(eventlog, request.GET)
    form, params, activity_key = seen.form, seen.params, seen.activity_key
    attributes = selectors.activity_attributes(eventlog=eventlog)
    rules = seen.rules(with_variant_pick=with_variant_pick)
    events = functools.cache(lambda: seen.frame(eventlog, with_variant_pick=with_variant_pick))
    figures_of = selectors.LogFigures(eventlog, activity_key, seen.resource_key, rules, events)
    in_url = seen.activity_in_url
    context = {
        "eventlog": eventlog,
        "filter_form": form,
        "filtered": bool(rules),
        "filter_chips": filter_chips(request.GET, form),
        "query": _with_activity_key(params, activity_key, in_url=in_url).urlencode(),
        "activity_key": activity_key,
        # The naming travels in links only when it is not the log's saved one (which applies
        # without it): "" there means the log's own names, chosen for a one-off look.
        "activity_in_url": in_url,
        "resource_key": seen.resource_key,
        "activity_choices": [
            (key, _("Navn og livscyklus") if key == WITH_LIFECYCLE else key) for key in attributes
        ],
        "tab": tab,
        "can_edit": selectors.can_edit(user=request.user, eventlog=eventlog),
        "filtered_cases": figures_of("cases", figures.case_count),
    }
    return context, figures_of


#: URL parameters that are filters, and how a chip names each (the form's labels).
_CHIP_FIELDS = (
    "fra",
    "til",
    "med",
    "uden",
    "start",
    "slut",
    "ressource",
    "egenskab",
    "sti_fra",
    "sti_til",
    "ef_fra",
    "ef_til",
    "min_dage",
    "max_dage",
    "top",
    "daekning",
    "variant",
)
#: Parameters that only make sense together: removing one chip removes its partner.
_CHIP_PARTNERS = {
    "sti_fra": "sti_til",
    "sti_til": "sti_fra",
    "ef_fra": "ef_til",
    "ef_til": "ef_fra",
}


_PAIR_LABELS = {
    "sti_fra": gettext_lazy("Direkte efterfulgt: %(first)s → %(then)s"),
    "ef_fra": gettext_lazy("Senere efterfulgt: %(first)s → %(then)s"),
}


def filter_chips(params: QueryDict, form: FilterForm) -> list[dict[str, str]]:
    """One removable chip per chosen filter value: its label and the URL without it (the rest
    of the query, map sliders and naming included, kept). Only a valid form's values show."""
    if not form.is_bound or not form.is_valid():
        return []
    chips = []
    for name in _CHIP_FIELDS:
        if name not in form.fields:
            continue
        for value in params.getlist(name):
            if value == "":
                continue
            remaining = params.copy()
            remaining.setlist(name, [kept for kept in params.getlist(name) if kept != value])
            if name in _CHIP_PARTNERS:
                remaining.pop(_CHIP_PARTNERS[name], None)
            for page_key in ("side", "afvigelser_side"):
                remaining.pop(page_key, None)
            if name in ("sti_til", "ef_til"):
                continue  # one chip for the pair, made at its first half
            if name in _PAIR_LABELS:
                label = _PAIR_LABELS[name] % {
                    "first": value,
                    "then": params.get(_CHIP_PARTNERS[name], ""),
                }
            else:
                shown = value.replace(ATTRIBUTE_SEPARATOR, ": ", 1) if name == "egenskab" else value
                label = f"{form.fields[name].label}: {shown}"
            chips.append({"label": label, "remove_url": "?" + remaining.urlencode()})
    return chips


def _histogram_chart(histogram: dict[str, list[Any]]) -> dict[str, list[Any]]:
    """The lead-time histogram with its bars labelled in the page's language: "2,5–5,0"."""
    edges = histogram["edges"]
    labels = [f"{number(low, 1)}–{number(high, 1)}" for low, high in itertools.pairwise(edges)]
    return {"labels": labels, "counts": histogram["counts"]}


def _with_activity_key(params: QueryDict, activity_key: str, *, in_url: bool) -> QueryDict:
    """The filter parameters with the activity naming when it is not the log's saved one, so
    that every tab keeps a one-off choice."""
    kept = params.copy()
    if in_url:
        kept["aktivitet"] = activity_key
    return kept


@login_required
def eventlog_overview(request: AuthenticatedRequest, eventlog_id: int) -> HttpResponse:
    context, figures_of = _analysis(request, eventlog_id, "overview")
    overview = figures_of("overview", figures.log_overview)
    histogram = _histogram_chart(overview["histogram"])
    context.update(
        overview=overview,
        chart={"histogram": histogram},
        # The chart's text alternative: its bars as table rows.
        histogram_rows=list(zip(histogram["labels"], histogram["counts"], strict=True)),
        asis_form=AsIsForm(
            initial={
                "name": _("%(name)s (som-er)") % {"name": context["eventlog"].name},
                "noise": 20,
            }
        ),
        may_create=can(request.user, Action.EDIT),
        **_naming_context(request, context),
    )
    return render(request, "mining/eventlog_overview.html", context)


#: Case attributes the overview lists before "vis alle".
CASE_ATTRIBUTES_SHOWN = 10


def _naming_context(request: AuthenticatedRequest, context: dict[str, Any]) -> dict[str, Any]:
    """The overview's naming card: the case attributes found, and for the log's editors the
    form that saves the naming now in view as the log's own."""
    eventlog = context["eventlog"]
    found = selectors.case_attributes(eventlog=eventlog)
    show_all = request.GET.get("alle_egenskaber") == "1"
    params = request.GET.copy()
    params["alle_egenskaber"] = "1"
    resources = selectors.resource_attributes(eventlog=eventlog)
    form = NamingForm(
        initial={"activity_key": context["activity_key"], "resource_key": context["resource_key"]},
        activities=context["activity_choices"],
        resources=resources,
    )
    return {
        "case_attributes": found if show_all else found[:CASE_ATTRIBUTES_SHOWN],
        "case_attributes_hidden": 0 if show_all else max(0, len(found) - CASE_ATTRIBUTES_SHOWN),
        "all_case_attributes_query": params.urlencode(),
        "naming_form": form,
        "resource_choices": resources,
        # A log with names to choose between whose editors never chose: say so (BPIC15's
        # codes beside taskNameEN), once, until someone saves.
        "naming_offer": eventlog.naming_chosen_at is None
        and bool(context["activity_choices"] or resources),
    }


@login_required
@require_POST
def eventlog_naming(request: AuthenticatedRequest, eventlog_id: int) -> HttpResponse:
    """Save the naming as the log's own ("Gem som loggens standard"), back to the overview."""
    eventlog = selectors.access_eventlog_for_edit(user=request.user, eventlog_id=eventlog_id)
    form = NamingForm(request.POST, activities=[], resources=[])
    if form.is_valid():
        with message_errors(request):
            services.eventlog_naming_set(
                user=request.user,
                eventlog=eventlog,
                activity_key=form.cleaned_data["activity_key"],
                resource_key=form.cleaned_data["resource_key"],
            )
            messages.success(
                request,
                _("Navngivningen er gemt som loggens standard og bruges nu i alle analyser."),
            )
    # The saved naming applies without a parameter: the other filters are kept.
    back = QueryDict(request.POST.get("query", ""), mutable=True)
    back.pop("aktivitet", None)
    url = reverse("mining:eventlog_overview", args=[eventlog.pk])
    return redirect(f"{url}?{back.urlencode()}" if back else url)


def _number(request: AuthenticatedRequest, key: str, default: int) -> int:
    """A whole number of at least 1 from the URL; the default when it is not one."""
    try:
        return max(int(request.GET.get(key, default)), 1)
    except ValueError:
        return default


def _percent(request: AuthenticatedRequest, key: str, default: int) -> int:
    try:
        return min(max(int(request.GET.get(key, default)), 1), 100)
    except ValueError:
        return default


def _map_labels(name: str) -> dict[str, str]:
    """The words the map's script shows (it has no gettext of its own)."""
    return {
        "start": _("Start"),
        "end": _("Slut"),
        "events": _("Hændelser"),
        "cases": _("Sager"),
        "transitions": _("Overgange"),
        "median": _("Varighed, median"),
        "mean": _("Varighed, gennemsnit"),
        "max": _("Varighed, længste"),
        "median_wait": _("Tid imellem, median"),
        "mean_wait": _("Tid imellem, gennemsnit"),
        "max_wait": _("Tid imellem, længste"),
        "rework_cases": _("Sager der gentager den"),
        "repetitions": _("Gentagelser"),
        "instant": _("Hændelserne har kun ét tidspunkt, så aktiviteten har ingen varighed."),
        "filter": _("Filtrér til sager gennem her"),
        "close": _("Luk"),
        "unit_days": pgettext("tidsenhed", "d"),
        "unit_hours": pgettext("tidsenhed", "t"),
        "unit_minutes": pgettext("tidsenhed", "min"),
        "unit_seconds": pgettext("tidsenhed", "s"),
        "filename": _("proceskort-%(name)s") % {"name": name},
    }


@login_required
def eventlog_map(request: AuthenticatedRequest, eventlog_id: int) -> HttpResponse:
    context, figures_of = _analysis(request, eventlog_id, "map")
    activity_count = figures_of("activities", figures.activity_count)
    default = processmap.default_activity_percent(activity_count)
    activities = _percent(request, "aktiviteter", default)
    paths = _percent(request, "stier", processmap.DEFAULT_PATH_PERCENT)
    mode = "performance" if request.GET.get("visning") == "tid" else "frequency"
    direction = "LR" if request.GET.get("retning") == "vandret" else "TB"
    figured = figures_of(
        "map",
        lambda log: processmap.map_figures(
            log,
            edges=figures_of.dfg(),
            stats=figures_of.activity_stats(),
            rework=figures_of.rework(),
        ),
    )
    # Each slider position only reduces the kept figures.
    graph = processmap.reduced_map(figured, activity_share=activities / 100, path_share=paths / 100)
    graph.update(mode=mode, direction=direction)
    # The edge labels follow the one rule for durations (kit/durations.py), in the UI language.
    # Activities get theirs too, for the map's tables (its text alternative).
    for item in [*graph["edges"], *(n for n in graph["nodes"] if n["kind"] == "activity")]:
        seconds = item.get("median_seconds")
        item["median_label"] = "" if seconds is None else readable_duration(seconds / 60)
    context.update(
        graph=graph,
        map_labels=_map_labels(context["eventlog"].name),
        activities=activities,
        paths=paths,
        mode=mode,
        direction=direction,
        shown_activities=graph["activities_total"] - graph["activities_hidden"],
        hidden_event_percent=100 * graph["hidden_events"] / graph["events"]
        if graph["events"]
        else 0,
    )
    return render(request, "mining/eventlog_map.html", context)


@login_required
def eventlog_variants(request: AuthenticatedRequest, eventlog_id: int) -> HttpResponse:
    context, figures_of = _analysis(request, eventlog_id, "variants", with_variant_pick=False)
    form = context["filter_form"]
    picked = form.cleaned_data.get("variant", ()) if form.is_bound and form.is_valid() else ()
    # Every page of the variants shows part of the same table.
    page = figures_of.variant_page(page=_number(request, "side", 1), picked=picked)
    shown = {row["position"] for row in page["rows"]}
    params = request.GET.copy()
    params.pop("side", None)
    keep = params.copy()
    keep.pop("variant", None)
    context.update(
        page=page,
        picked=set(picked),
        picked_list=list(picked),
        picked_elsewhere=[position for position in picked if position not in shown],
        page_query=params.urlencode(),
        keep_params=[(name, value) for name, values in keep.lists() for value in values],
    )
    return render(request, "mining/eventlog_variants.html", context)


@login_required
def eventlog_statistics(request: AuthenticatedRequest, eventlog_id: int) -> HttpResponse:
    context, figures_of = _analysis(request, eventlog_id, "statistics")
    default = figures.default_min_transitions(context["filtered_cases"])
    min_transitions = _number(request, "min_overgange", default)
    # The map keeps three of these tables too; a new least frequency only filters the DFG.
    stats = figures.statistics_of(
        activities=figures_of.activity_stats(),
        resources=figures_of("resource_stats", discovery.resource_stats),
        rework=figures_of.rework(),
        edges=figures_of.dfg(),
        min_transitions=min_transitions,
    )
    context.update(
        stats=stats,
        min_transitions=min_transitions,
    )
    return render(request, "mining/eventlog_statistics.html", context)


@login_required
def eventlog_cases(request: AuthenticatedRequest, eventlog_id: int) -> HttpResponse:
    context, figures_of = _analysis(request, eventlog_id, "cases")
    case_id = request.GET.get("sag", "")
    # One case's timeline is not kept: it is quick, and there are as many as there are cases.
    timeline = figures.case_timeline(figures_of.events(), case_id) if case_id else None
    context.update(
        cases=figures_of("case_list", figures.case_list),
        case_id=case_id,
        timeline=timeline,
        chart=json.loads(json.dumps(timeline or [], default=str)),
    )
    return render(request, "mining/eventlog_cases.html", context)


@login_required
@require_POST
def eventlog_asis(request: AuthenticatedRequest, eventlog_id: int) -> HttpResponse:
    """Start discovering an as-is process for the library from the log (a job)."""
    require_edit(request.user)
    eventlog = selectors.access_eventlog(user=request.user, eventlog_id=eventlog_id)
    form = AsIsForm(request.POST)
    if form.is_valid():
        with message_errors(request):
            job = services.eventlog_asis_start(
                user=request.user,
                eventlog=eventlog,
                name=form.cleaned_data["name"],
                noise=form.cleaned_data["noise"] / 100,
            )
            return redirect("mining:eventlog_job", job_id=job.pk)
    else:
        messages.error(request, _("Angiv et navn og en støjtærskel mellem 0 og 100."))
    return redirect("mining:eventlog_overview", eventlog_id=eventlog.pk)


@login_required
def eventlog_comparison(request: AuthenticatedRequest) -> HttpResponse:
    """The logs the user may read side by side: lead times, variety, frequent activities."""
    rows = selectors.log_comparison(user=request.user)
    selectors.comparison_conformance(user=request.user, rows=rows)
    chart = {
        "names": [row["eventlog"].name for row in rows],
        "median": [row["median_days"] for row in rows],
        "p90": [row["p90_days"] for row in rows],
        "labels": {"median": _("Median (dage)"), "p90": _("90-procentsfraktil (dage)")},
    }
    return render(request, "mining/eventlog_comparison.html", {"rows": rows, "chart": chart})
