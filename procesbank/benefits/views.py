"""Pages of benefits realisation: a project's register with measurements, the realisation
report (PDF) and the portfolio."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from procesbank.benefits import selectors, services
from procesbank.benefits.charts import profile_chart
from procesbank.benefits.engine import realisation
from procesbank.benefits.forms import BenefitForm, MapNodeEditForm, MapNodeForm, MeasurementForm
from procesbank.benefits.report import realisation_report_pdf
from procesbank.core.errors import UserError
from procesbank.kit.downloads import download, file_name, file_slug
from procesbank.kit.formatting import month_abbreviations
from procesbank.kit.formerrors import form_errors
from procesbank.organisations.models import AuthenticatedRequest
from procesbank.organisations.permissions import Action, can
from procesbank.projects.selectors import can_edit as can_edit_project


def _register(
    request: AuthenticatedRequest,
    project_id: int,
    form: BenefitForm | None = None,
    failed: tuple[int, MeasurementForm] | None = None,
) -> HttpResponse:
    project, statuses = selectors.benefits_for(user=request.user, project_id=project_id)
    editable = can_edit_project(user=request.user, project=project)
    own_part = selectors.records_own_part(user=request.user, project=project)
    measurement_forms = {
        row.benefit.pk: MeasurementForm(
            prefix=f"m{row.benefit.pk}", own_choice=editable and own_part
        )
        for row in statuses
    }
    if failed is not None:
        measurement_forms[failed[0]] = failed[1]
    context = {
        "project": project,
        "rows": [(row, measurement_forms[row.benefit.pk], profile_chart(row)) for row in statuses],
        "can_edit": editable,
        "can_measure": editable or own_part,
        "joint": project.participants.exists(),
        "form": form or BenefitForm(project=project, initial={"owner": request.user}),
        "status_rule": _(realisation.STATUS_RULE),
        "chart": {
            "series": selectors.chart_series(statuses),
            "labels": {"planned": _("Planlagt"), "realised": _("Målt")},
            # The time axis names months as the pages do ("jan.", "maj", "jun."), not as the
            # browser's locale data does.
            "months": month_abbreviations(),
        },
    }
    return render(request, "benefits/register.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def benefit_register(request: AuthenticatedRequest, project_id: int) -> HttpResponse:
    """The benefits of a project with their status; POST adds a benefit."""
    if request.method != "POST":
        return _register(request, project_id)
    project, _statuses = selectors.benefits_for(user=request.user, project_id=project_id)
    if not can_edit_project(user=request.user, project=project):
        raise PermissionDenied
    # The same initial owner as the page offered, so that the form knows whether it was changed.
    form = BenefitForm(request.POST, project=project, initial={"owner": request.user})
    if form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "lock_version"}
        with form_errors(form):
            services.benefit_create(user=request.user, project=project, **data)
            messages.success(request, _("Gevinsten er tilføjet."))
            return redirect("benefits:benefit_register", project_id=project.pk)
    return _register(request, project_id, form=form)


@login_required
@require_POST
def benefit_measurement_add(request: AuthenticatedRequest, benefit_id: int) -> HttpResponse:
    benefit = selectors.access_benefit(user=request.user, benefit_id=benefit_id)
    own_choice = can_edit_project(
        user=request.user, project=benefit.project
    ) and selectors.records_own_part(user=request.user, project=benefit.project)
    form = MeasurementForm(request.POST, prefix=f"m{benefit.pk}", own_choice=own_choice)
    if form.is_valid():
        municipality = selectors.measurement_municipality(
            user=request.user, benefit=benefit, own_part=form.cleaned_data.get("own_part", False)
        )
        with form_errors(form):
            services.benefit_measurement_add(
                user=request.user,
                benefit=benefit,
                municipality=municipality,
                value=form.cleaned_data["value"],
                measured_on=form.cleaned_data["measured_on"],
                note=form.cleaned_data["note"],
                explanation=form.cleaned_data["explanation"],
            )
            messages.success(request, _("Målingen er gemt."))
            return redirect("benefits:benefit_register", project_id=benefit.project_id)
    return _register(request, benefit.project_id, failed=(benefit.pk, form))


def _is_htmx(request: AuthenticatedRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _saved(request: AuthenticatedRequest, url: str) -> HttpResponse:
    """After an edit in place: htmx reloads the page (status, charts and map move along), a
    plain form is redirected."""
    if _is_htmx(request):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return redirect(url)


def _edit_form(
    request: AuthenticatedRequest, partial: str, back: str, context: dict[str, Any]
) -> HttpResponse:
    """The edit form alone for htmx, or inside a page of its own without JavaScript."""
    context = context | {"partial": partial, "back": back}
    template = partial if _is_htmx(request) else "benefits/edit_page.html"
    return render(request, template, context)


@login_required
@require_http_methods(["GET", "POST"])
def benefit_edit(request: AuthenticatedRequest, benefit_id: int) -> HttpResponse:
    """Edit every field of a benefit in place, refused when someone saved it meanwhile."""
    benefit = selectors.access_benefit(user=request.user, benefit_id=benefit_id, for_edit=True)
    back = reverse("benefits:benefit_register", kwargs={"project_id": benefit.project_id})
    form = BenefitForm(
        request.POST if request.method == "POST" else None,
        project=benefit.project,
        instance=benefit,
        initial={"lock_version": benefit.lock_version},
        prefix=f"b{benefit.pk}",
    )
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "lock_version"}
        with form_errors(form):
            services.benefit_update(
                user=request.user,
                benefit=benefit,
                lock_version=form.cleaned_data["lock_version"] or 0,
                **data,
            )
            messages.success(request, _("Gevinsten “%(name)s” er gemt.") % {"name": data["name"]})
            return _saved(request, back)
    context = {"form": form, "benefit": benefit, "project": benefit.project}
    return _edit_form(request, "benefits/_benefit_edit.html", back, context)


@login_required
@require_POST
def benefit_delete(request: AuthenticatedRequest, benefit_id: int) -> HttpResponse:
    benefit = selectors.access_benefit(user=request.user, benefit_id=benefit_id, for_edit=True)
    project_id = benefit.project_id
    services.benefit_delete(user=request.user, benefit=benefit)
    messages.success(request, _("Gevinsten er slettet."))
    return redirect("benefits:benefit_register", project_id=project_id)


@login_required
def benefit_report(request: AuthenticatedRequest, project_id: int) -> HttpResponse:
    """The realisation report of a project as PDF."""
    project, statuses = selectors.benefits_for(user=request.user, project_id=project_id)
    content = realisation_report_pdf(project=project, statuses=statuses, on=timezone.localdate())
    name = file_slug(project.name, "projekt")
    return download(content, file_name("gevinstrealisering", name, extension="pdf"))


@login_required
def portfolio(request: AuthenticatedRequest) -> HttpResponse:
    data = selectors.portfolio(user=request.user, page_number=request.GET.get("side"))
    context = {
        "portfolio": data,
        "page": data.page,
        "collaboration": can(request.user, Action.ADMINISTER_COLLABORATION),
        "chart": {
            "phases": [[label, count] for label, count in data.phases],
            "years": [year.year for year in data.years],
            "planned": [round(float(year.planned)) for year in data.years],
            "realised": [
                None if year.realised is None else round(float(year.realised))
                for year in data.years
            ],
            "labels": {
                "planned": _("Planlagt gevinst pr. år"),
                "realised": _("Realiseret gevinst pr. år"),
                "projects": _("Projekter"),
            },
        },
    }
    return render(request, "benefits/portfolio.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def benefit_map(request: AuthenticatedRequest, project_id: int) -> HttpResponse:
    """The benefits map (deliverables -> changes -> benefits -> goals); POST adds a box."""
    project, _statuses = selectors.benefits_for(user=request.user, project_id=project_id)
    editable = can_edit_project(user=request.user, project=project)
    form = MapNodeForm(request.POST or None, project=project)
    if request.method == "POST":
        if not editable:
            raise PermissionDenied
        if form.is_valid():
            with form_errors(form):
                services.map_node_add(
                    user=request.user,
                    project=project,
                    level=form.cleaned_data["level"],
                    label=form.cleaned_data["label"],
                    comes_from=list(form.cleaned_data["comes_from"]),
                )
                messages.success(request, _("Elementet er tilføjet."))
                return redirect("benefits:benefit_map", project_id=project.pk)
    nodes = selectors.map_nodes(project=project)
    context = {
        "project": project,
        "nodes": nodes,
        "form": form,
        "can_edit": editable,
        "chart": selectors.map_chart(nodes),
    }
    return render(request, "benefits/benefit_map.html", context)


@login_required
@require_POST
def benefit_map_node_delete(request: AuthenticatedRequest, node_id: int) -> HttpResponse:
    node = selectors.access_map_node(user=request.user, node_id=node_id)
    project_id = node.project_id
    try:
        services.map_node_delete(user=request.user, node=node)
    except UserError as error:
        messages.error(request, error.render(_))
    else:
        messages.success(request, _("Elementet er slettet."))
    return redirect("benefits:benefit_map", project_id=project_id)


@login_required
@require_http_methods(["GET", "POST"])
def benefit_map_node_edit(request: AuthenticatedRequest, node_id: int) -> HttpResponse:
    """Edit a box of the benefits map in place: its text and column."""
    node = selectors.access_map_node(user=request.user, node_id=node_id)
    back = reverse("benefits:benefit_map", kwargs={"project_id": node.project_id})
    form = MapNodeEditForm(
        request.POST if request.method == "POST" else None,
        initial={"level": node.level, "label": node.label},
        prefix=f"n{node.pk}",
        node=node,
    )
    if request.method == "POST" and form.is_valid():
        with form_errors(form):
            comes_from = form.cleaned_data.get("comes_from")
            services.map_node_update(
                user=request.user,
                node=node,
                level=form.cleaned_data["level"],
                label=form.cleaned_data["label"],
                comes_from=None if comes_from is None else list(comes_from),
            )
            messages.success(request, _("Elementet er gemt."))
            return _saved(request, back)
    context = {"form": form, "node": node, "project": node.project}
    return _edit_form(request, "benefits/_map_node_edit.html", back, context)
