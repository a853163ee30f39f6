"""Pages of the risk log of a business case (statens business case-model): add, change and
delete risks. The risks and the pool they make are shown on the business-case page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from procesbank.economics import selectors, services
from procesbank.economics.forms import RiskForm
from procesbank.economics.views import _frame_form, _lock_version, _render_case
from procesbank.kit.formerrors import form_errors, message_errors
from procesbank.organisations.models import AuthenticatedRequest


def _risk_data(form: RiskForm) -> dict[str, object]:
    data = form.cleaned_data
    return {
        "lock_version": data["lock_version"],
        "name": data["name"],
        "probability": data["probability"],
        "consequence": data["consequence"],
        "owner": data["owner"],
        "action": data["action"],
    }


@login_required
@require_POST
def risk_add(request: AuthenticatedRequest, project_id: int) -> HttpResponse:
    project, case = selectors.business_case_for_edit(user=request.user, project_id=project_id)
    if case is None:
        messages.error(request, _("Gem først business casens første år og antal år."))
        return redirect("economics:business_case", project_id=project.pk)
    form = RiskForm(request.POST)
    if form.is_valid():
        with form_errors(form):
            services.risk_add(user=request.user, case=case, **_risk_data(form))  # type: ignore[arg-type]
            messages.success(
                request, _("Risikoen “%(name)s” er tilføjet.") % {"name": form.cleaned_data["name"]}
            )
            return redirect("economics:business_case", project_id=project.pk)
    return _render_case(
        request, project, case, form=_frame_form(case), editable=True, risk_form=form
    )


@login_required
@require_http_methods(["GET", "POST"])
def risk_edit(request: AuthenticatedRequest, risk_id: int) -> HttpResponse:
    risk = selectors.access_risk(user=request.user, risk_id=risk_id)
    case = risk.business_case
    initial = {
        "name": risk.name,
        "probability": risk.probability,
        "consequence": risk.consequence,
        "owner": risk.owner,
        "action": risk.action,
        "lock_version": case.lock_version,
    }
    form = RiskForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        with form_errors(form):
            services.risk_update(user=request.user, risk=risk, **_risk_data(form))  # type: ignore[arg-type]
            messages.success(request, _("Risikoen er gemt."))
            return redirect("economics:business_case", project_id=case.project_id)
    context = {"form": form, "risk": risk, "project": case.project}
    return render(request, "economics/risk_edit.html", context)


@login_required
@require_POST
def risk_delete(request: AuthenticatedRequest, risk_id: int) -> HttpResponse:
    risk = selectors.access_risk(user=request.user, risk_id=risk_id)
    project_id = risk.business_case.project_id
    with message_errors(request):
        services.risk_delete(user=request.user, risk=risk, lock_version=_lock_version(request))
        messages.success(request, _("Risikoen er slettet."))
    return redirect("economics:business_case", project_id=project_id)
