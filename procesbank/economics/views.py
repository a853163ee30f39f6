"""Pages of business cases: the case with its line editor and results, the Excel export and
the table of discount rates."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from procesbank.economics import selectors, services
from procesbank.economics.engine.npv import Evaluation, round_kroner
from procesbank.economics.exports import business_case_workbook, formula_lines
from procesbank.economics.forms import (
    BusinessCaseForm,
    DiscountRateForm,
    LineForm,
    RiskForm,
    TimeSavingForm,
    line_initial,
    percent_text,
)
from procesbank.economics.models import BusinessCase, BusinessCaseLine, RiskMethod
from procesbank.economics.report import business_case_pdf as business_case_pdf_bytes
from procesbank.economics.selectors import state_model_checklist
from procesbank.kit.downloads import download, file_name, file_slug
from procesbank.kit.formerrors import form_errors, message_errors
from procesbank.organisations.models import AuthenticatedRequest
from procesbank.organisations.permissions import Action, can
from procesbank.processes.rates import rates_for
from procesbank.projects.models import Project
from procesbank.projects.selectors import can_edit as can_edit_project


def _chart_data(evaluation: Evaluation) -> dict[str, Any]:
    base = evaluation.scenarios.expected.npv
    return {
        "labels": {
            "net": _("Netto (risikojusteret)"),
            "cumulative": _("Akkumuleret netto (risikojusteret)"),
            "cumulative_unadjusted": _("Akkumuleret netto (uden risiko)"),
            "at_min": _("Linjen på minimum"),
            "at_max": _("Linjen på maksimum"),
            "at_min_short": _("min."),
            "at_max_short": _("maks."),
            "npv": _("Nutidsværdi (kr.)"),
            "kroner": _("kr."),
        },
        "years": [row.year for row in evaluation.years],
        "net": [float(round_kroner(row.net)) for row in evaluation.years],
        "cumulative": [float(round_kroner(row.cumulative)) for row in evaluation.years],
        "cumulative_unadjusted": [
            float(round_kroner(row.cumulative)) for row in evaluation.unadjusted.years
        ],
        "base_npv": float(round_kroner(base)),
        "tornado": [
            {
                "line": bar.line,
                "at_min": float(round_kroner(bar.npv_at_min)),
                "at_max": float(round_kroner(bar.npv_at_max)),
            }
            for bar in evaluation.sensitivity
            if bar.swing > 0
        ],
    }


def _scenarios(evaluation: Evaluation) -> list[tuple[str, Any]]:
    return [
        (_("Optimistisk"), evaluation.scenarios.optimistic),
        (_("Forventet"), evaluation.scenarios.expected),
        (_("Pessimistisk"), evaluation.scenarios.pessimistic),
    ]


@login_required
@require_http_methods(["GET", "POST"])
def business_case(request: AuthenticatedRequest, project_id: int) -> HttpResponse:
    """The business case of a project: frame, lines, results and charts. POST saves the frame
    (and creates the case the first time)."""
    project, case = selectors.business_case_for(user=request.user, project_id=project_id)
    editable = can_edit_project(user=request.user, project=project)
    if request.method == "POST":
        if not editable:
            raise PermissionDenied
        form = BusinessCaseForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            with message_errors(request):
                services.business_case_save(
                    user=request.user,
                    project=project,
                    first_year=data["first_year"],
                    horizon=data["horizon"],
                    risk_share=data["risk_percent"] or Decimal(0),
                    discount_rate=data["discount_rate"],
                    lock_version=data["lock_version"],
                    # An older form (or client) without the field keeps the case's method.
                    risk_method=data["risk_method"]
                    or (case.risk_method if case else RiskMethod.SHARE),
                )
                messages.success(request, _("Business casen er gemt."))
                return redirect("economics:business_case", project_id=project.pk)
    elif case is not None:
        form = _frame_form(case)
    else:
        form = BusinessCaseForm(initial={"first_year": date.today().year + 1, "horizon": 5})
    return _render_case(request, project, case, form=form, editable=editable)


def _frame_form(case: BusinessCase) -> BusinessCaseForm:
    return BusinessCaseForm(
        initial={
            "first_year": case.first_year,
            "horizon": case.horizon,
            "risk_method": case.risk_method,
            "risk_percent": percent_text(case.risk_share),
            "discount_rate": case.discount_rate,
            "lock_version": case.lock_version,
        }
    )


def _render_case(
    request: AuthenticatedRequest,
    project: Project,
    case: BusinessCase | None,
    *,
    form: BusinessCaseForm,
    editable: bool,
    line_form: LineForm | None = None,
    time_form: TimeSavingForm | None = None,
    risk_form: RiskForm | None = None,
) -> HttpResponse:
    """The case page. A refused line comes back in ``line_form`` / ``time_form`` (bound, with
    its errors by the fields), so the user keeps what was typed (answered 200, as every form
    page here: a 4xx page is a console error in the browser)."""
    context: dict[str, Any] = {"project": project, "case": case, "form": form, "can_edit": editable}
    if case is not None:
        result = selectors.business_case_result(case=case)
        default_rate = rates_for(project.municipality)[1]
        context |= {
            "result": result,
            "evaluation": result.evaluation,
            "formulas": formula_lines(),
            "line_form": line_form or LineForm(initial={"lock_version": case.lock_version}),
            "time_form": time_form
            or TimeSavingForm(
                initial={"lock_version": case.lock_version, "hourly_rate": default_rate}
            ),
            "chart": _chart_data(result.evaluation) if result.evaluation else None,
            "risk_form": risk_form or RiskForm(initial={"lock_version": case.lock_version}),
            "state_model": state_model_checklist(project.phase, result),
            "scenarios": _scenarios(result.evaluation) if result.evaluation else [],
        }
    return render(request, "economics/business_case.html", context)


@login_required
@require_POST
def business_case_line_add(request: AuthenticatedRequest, project_id: int) -> HttpResponse:
    project, case = selectors.business_case_for_edit(user=request.user, project_id=project_id)
    if case is None:
        messages.error(request, _("Gem først business casens første år og antal år."))
        return redirect("economics:business_case", project_id=project.pk)
    form = LineForm(request.POST)
    if not form.is_valid():
        return _render_case(
            request, project, case, form=_frame_form(case), editable=True, line_form=form
        )
    data = form.cleaned_data
    with form_errors(form):
        services.business_case_line_add(
            user=request.user,
            case=case,
            lock_version=data["lock_version"],
            kind=data["kind"],
            category=data["category"],
            name=data["name"],
            likely=data["likely"],
            minimum=data["minimum"],
            maximum=data["maximum"],
            risk_share=data["risk_percent"],
        )
        messages.success(request, _("Linjen “%(name)s” er tilføjet.") % {"name": data["name"]})
        return redirect("economics:business_case", project_id=project.pk)
    return _render_case(
        request, project, case, form=_frame_form(case), editable=True, line_form=form
    )


@login_required
@require_POST
def business_case_time_saving_add(request: AuthenticatedRequest, project_id: int) -> HttpResponse:
    project, case = selectors.business_case_for_edit(user=request.user, project_id=project_id)
    form = TimeSavingForm(request.POST)
    if case is None:
        messages.error(request, _("Gem først business casens første år og antal år."))
        return redirect("economics:business_case", project_id=project.pk)
    if project.as_is_version is None or project.to_be_version is None:
        # The page shows no time form then, so the refusal goes above the page.
        messages.error(request, _(services.MSG_NO_PROCESSES))
        return redirect("economics:business_case", project_id=project.pk)
    if not form.is_valid():
        return _render_case(
            request, project, case, form=_frame_form(case), editable=True, time_form=form
        )
    data = form.cleaned_data
    with form_errors(form):
        services.business_case_time_saving_add(
            user=request.user,
            case=case,
            lock_version=data["lock_version"],
            as_is_version=project.as_is_version,
            to_be_version=project.to_be_version,
            hourly_rate=data["hourly_rate"],
            ramp_up=data["ramp_up"],
            name=data["name"],
            risk_share=data["risk_percent"],
        )
        messages.success(request, _("Gevinsten for frigjort sagsbehandlertid er tilføjet."))
        return redirect("economics:business_case", project_id=project.pk)
    return _render_case(
        request, project, case, form=_frame_form(case), editable=True, time_form=form
    )


def _lock_version(request: AuthenticatedRequest) -> int:
    try:
        return int(request.POST.get("lock_version", "-1"))
    except ValueError:
        return -1


def _is_htmx(request: AuthenticatedRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _back_to_case(request: AuthenticatedRequest, project_id: int) -> HttpResponse:
    """After a change: htmx reloads the whole case page (every figure moves), a plain form
    is redirected there."""
    url = reverse("economics:business_case", kwargs={"project_id": project_id})
    if _is_htmx(request):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return redirect(url)


# A generated line's type and amounts come from its processes, so its form leaves them out.
COMPUTED_FIELDS = ("kind", "likely", "minimum", "maximum")


def _line_edit_form(line: BusinessCaseLine, data: Any = None) -> LineForm:
    case = line.business_case
    form = LineForm(data, initial=line_initial(line, case.lock_version), prefix=f"l{line.pk}")
    if line.is_generated:
        for name in COMPUTED_FIELDS:
            del form.fields[name]
    return form


@login_required
@require_http_methods(["GET", "POST"])
def business_case_line_edit(request: AuthenticatedRequest, line_id: int) -> HttpResponse:
    """Edit a line in place: GET gives its form (an htmx partial under the table, or a page
    of its own without JavaScript); POST saves it, or shows the form again with the refusal."""
    line = selectors.access_line(user=request.user, line_id=line_id)
    case = line.business_case
    form = _line_edit_form(line, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with form_errors(form):
            services.business_case_line_update(
                user=request.user,
                line=line,
                lock_version=data["lock_version"],
                kind=data.get("kind", line.kind),
                category=data["category"],
                name=data["name"],
                likely=data.get("likely", ()),
                minimum=data.get("minimum", ()),
                maximum=data.get("maximum", ()),
                risk_share=data["risk_percent"],
            )
            messages.success(request, _("Linjen “%(name)s” er gemt.") % {"name": data["name"]})
            return _back_to_case(request, case.project_id)
    template = "economics/_line_edit.html" if _is_htmx(request) else "economics/line_edit.html"
    context = {"form": form, "line": line, "project": case.project}
    return render(request, template, context)


@login_required
@require_POST
def business_case_line_delete(request: AuthenticatedRequest, line_id: int) -> HttpResponse:
    line = selectors.access_line(user=request.user, line_id=line_id)
    project_id = line.business_case.project_id
    with message_errors(request):
        services.business_case_line_delete(
            user=request.user, line=line, lock_version=_lock_version(request)
        )
        messages.success(request, _("Linjen er slettet."))
    return redirect("economics:business_case", project_id=project_id)


@login_required
@require_POST
def business_case_approve(request: AuthenticatedRequest, project_id: int) -> HttpResponse:
    project, case = selectors.business_case_for_edit(user=request.user, project_id=project_id)
    if case is not None:
        with message_errors(request):
            services.business_case_approve(
                user=request.user,
                case=case,
                lock_version=_lock_version(request),
                approved=request.POST.get("approved") == "1",
            )
            messages.success(request, _("Godkendelsen er gemt."))
    return redirect("economics:business_case", project_id=project.pk)


@login_required
def business_case_xlsx(request: AuthenticatedRequest, project_id: int) -> HttpResponse:
    project, case = selectors.business_case_for(user=request.user, project_id=project_id)
    result = selectors.business_case_result(case=case) if case is not None else None
    if result is None or result.evaluation is None:
        messages.error(
            request, _("Business casen kan ikke beregnes endnu, så der er intet at hente.")
        )
        return redirect("economics:business_case", project_id=project.pk)
    name = file_slug(project.name, "projekt")
    return download(
        business_case_workbook(result=result), file_name("business-case", name, extension="xlsx")
    )


@login_required
def business_case_pdf(request: AuthenticatedRequest, project_id: int) -> HttpResponse:
    """The business case as PDF: master data, tables, NPV, payback, scenarios, formulas."""
    project, case = selectors.business_case_for(user=request.user, project_id=project_id)
    result = selectors.business_case_result(case=case) if case is not None else None
    if result is None or result.evaluation is None:
        messages.error(
            request, _("Business casen kan ikke beregnes endnu, så der er intet at hente.")
        )
        return redirect("economics:business_case", project_id=project.pk)
    name = file_slug(project.name, "projekt")
    return download(
        business_case_pdf_bytes(result=result, on=date.today()),
        file_name("business-case", name, extension="pdf"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def discount_rates(request: AuthenticatedRequest) -> HttpResponse:
    """The dated discount rates; the collaboration's administrator adds new ones."""
    may_add = can(request.user, Action.ADMINISTER_COLLABORATION)
    form = DiscountRateForm(request.POST or None)
    if request.method == "POST":
        if not may_add:
            raise PermissionDenied
        if form.is_valid():
            with form_errors(form):
                services.discount_rate_add(
                    user=request.user,
                    valid_from=form.cleaned_data["valid_from"],
                    rate=form.cleaned_data["rate_percent"],
                    later_rate=form.cleaned_data["later_rate_percent"],
                    note=form.cleaned_data["note"],
                )
                messages.success(request, _("Renten er gemt."))
                return redirect("economics:discount_rates")
    context = {"rates": selectors.discount_rate_list(), "form": form, "may_add": may_add}
    return render(request, "economics/discount_rates.html", context)
