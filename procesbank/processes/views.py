"""Pages of the process library: list, create, import, detail, edit, modeler, exports."""

from __future__ import annotations

import dataclasses
import json
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from procesbank.core.errors import UserError
from procesbank.jobs.models import Job
from procesbank.jobs.selectors import access_job
from procesbank.jobs.views import go_on
from procesbank.kit.badinput import parse_int
from procesbank.kit.downloads import download, file_name, file_slug
from procesbank.kit.formerrors import form_errors, message_errors
from procesbank.kit.locking import StaleEditError
from procesbank.kit.paging import CappedPaginator, capped_count
from procesbank.organisations.models import AuthenticatedRequest
from procesbank.organisations.permissions import Action, can, require_edit
from procesbank.organisations.pickers import own_first
from procesbank.organisations.selectors import municipality_list, unit_tree, work_contact
from procesbank.organisations.services import municipality_settings_update
from procesbank.processes import selectors, services
from procesbank.processes.exports import version_workbook
from procesbank.processes.forms import (
    ALL_MUNICIPALITIES,
    MY_UNIT,
    ImportForm,
    MunicipalityRatesForm,
    ProcessFilterForm,
    ProcessForm,
    RoleRateForm,
    VersionCopyForm,
)
from procesbank.processes.models import Process, VersionKind
from procesbank.processes.services.imports import process_import_start

PAGE_SIZE = 25


def _set_choices(form: ProcessFilterForm, field: str, choices: list[Any]) -> None:
    form.fields[field].choices = choices  # type: ignore[attr-defined]


def _list_filters(
    request: AuthenticatedRequest,
) -> tuple[ProcessFilterForm, selectors.ProcessFilters, Any, list[Any]]:
    """(the filter form, the filters chosen, the query as read, the municipalities offered)."""
    user = request.user
    # The library opens on the user's own municipality; the others are one choice away.
    params = request.GET.copy()
    own = user.municipality
    if own is not None and "municipality" not in params:
        params["municipality"] = str(own.pk)
    form = ProcessFilterForm(params)
    groups = selectors.kle_group_choices(user=user)
    # Each "all" says what it is all of: a bare "Alle" is the public visibility ("Everyone").
    _set_choices(form, "kle_group", [("", _("Alle grupper")), *groups])
    municipalities = list(own_first(municipality_list(user=user), user=user, via="", then=()))
    _set_choices(
        form,
        "municipality",
        [(ALL_MUNICIPALITIES, _("Alle kommuner")), *[(str(m.pk), m.name) for m in municipalities]],
    )
    _set_choices(
        form,
        "it_system",
        [
            ("", _("Alle it-systemer")),
            *[(s, s) for s in selectors.it_system_choices(user=request.user)],
        ],
    )
    units = unit_tree(user=user)
    mine = [(MY_UNIT, _("Min enhed (%(name)s)") % {"name": user.unit.name})] if user.unit else []
    _set_choices(
        form,
        "unit",
        [("", _("Alle enheder")), *mine, *[(str(n.unit.pk), n.indented_name) for n in units]],
    )
    filters = selectors.ProcessFilters()
    if form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if v not in (None, "")}
        chosen = data.pop("municipality", ALL_MUNICIPALITIES)
        data["municipality"] = None if chosen == ALL_MUNICIPALITIES else int(chosen)
        unit = data.pop("unit", "")
        data["my_unit"] = unit == MY_UNIT
        data["unit"] = int(unit) if unit and unit != MY_UNIT else None
        filters = selectors.ProcessFilters(**data)
    return form, filters, params, municipalities


def _scope(
    filters: selectors.ProcessFilters, params: Any, municipalities: list[Any]
) -> dict[str, Any] | None:
    """The list narrowed to one municipality: which, and the query of the same list in all."""
    if filters.municipality is None:
        return None
    all_params = params.copy()
    all_params["municipality"] = ALL_MUNICIPALITIES
    all_params.pop("side", None)
    scoped = params.copy()
    scoped.pop("side", None)
    return {
        "municipality": next((m for m in municipalities if m.pk == filters.municipality), None),
        "all_query": all_params.urlencode(),
        "query": scoped.urlencode(),
    }


def _count_everywhere(
    user: Any, filters: selectors.ProcessFilters, scope: dict[str, Any], shown: int
) -> None:
    everywhere = dataclasses.replace(filters, municipality=None)
    count, capped = capped_count(selectors.process_list_paged(user=user, filters=everywhere))
    scope.update(counted=True, count=shown, all_count=count, all_capped=capped)


@login_required
def process_list(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    form, filters, params, municipalities = _list_filters(request)
    processes = selectors.process_list_paged(user=user, filters=filters)
    page = CappedPaginator(processes, PAGE_SIZE).get_page(request.GET.get("side"))
    query = urlencode([(k, str(v)) for k, v in request.GET.items() if k != "side" and v])
    scope = _scope(filters, params, municipalities)
    if scope is not None and not page.paginator.count:
        # Nothing here: whether the others have any decides what the empty page says. Else
        # the page asks for the number in all municipalities after it has shown (htmx,
        # process_scope): counting a search's hits in the whole country cost more than the
        # page (9,000 of "byggetilladelse").
        _count_everywhere(user, filters, scope, shown=0)
    context = {
        "form": form,
        "page": page,
        "query": query,
        "filtered": bool(query) or bool(scope and scope.get("all_count")),
        "scope": scope,
        "can_create": can(user, Action.EDIT),
    }
    partial = request.headers.get("HX-Request") == "true"
    template = "processes/_process_results.html" if partial else "processes/process_list.html"
    return render(request, template, context)


@login_required
def process_scope(request: AuthenticatedRequest) -> HttpResponse:
    """The list narrowed to one municipality: how many the same list holds in all of them (a
    link to it), loaded by the list page after it has shown; nothing when it is not narrowed."""
    user = request.user
    _form, filters, params, municipalities = _list_filters(request)
    scope = _scope(filters, params, municipalities)
    if scope is None:
        return HttpResponse("")
    shown, _capped = capped_count(selectors.process_list_paged(user=user, filters=filters))
    _count_everywhere(user, filters, scope, shown=shown)
    return render(request, "processes/_process_scope.html", {"scope": scope})


@login_required
@require_http_methods(["GET", "POST"])
def process_create(request: AuthenticatedRequest) -> HttpResponse:
    require_edit(request.user)  # readers get no forms they could not submit
    form = ProcessForm(
        request.POST or None,
        units=unit_tree(user=request.user),
        owner_choices=selectors.owner_choices(user=request.user),
    )
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "lock_version"}
        with form_errors(form):
            process = services.process_create(user=request.user, **data)
            messages.success(
                request, _("Processen er oprettet. Tegn den nu i modelleringsværktøjet.")
            )
            return redirect("processes:version_modeler", version_id=process.versions.get().pk)
    return render(
        request,
        "processes/process_form.html",
        {"form": form, "creating": True},
    )


@login_required
@require_http_methods(["GET", "POST"])
def process_import(request: AuthenticatedRequest) -> HttpResponse:
    require_edit(request.user)  # readers get no forms they could not submit
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        limit = services.common.upload_limit_bytes()
        data = upload.read(limit + 1)
        with form_errors(form):
            result = process_import_start(
                user=request.user, data=data, name=form.cleaned_data["name"], filename=upload.name
            )
            if isinstance(result, Job):  # a large file without a diagram: drawn in the background
                return redirect("processes:process_import_job", job_id=result.pk)
            process = result.process
            messages.success(request, _("“%(name)s” er importeret.") % {"name": process.name})
            for notice in result.notices:
                messages.info(request, notice)
            return redirect("processes:process_detail", process_id=process.pk)
    return render(request, "processes/process_import.html", {"form": form})


@login_required
def process_import_job(request: AuthenticatedRequest, job_id: UUID) -> HttpResponse:
    """The progress of a background import; it goes on to the process when done."""
    job = access_job(user=request.user, job_id=job_id)
    return go_on(request, job) or render(request, "processes/process_import_job.html", {"job": job})


@login_required
@require_POST
def process_import_name(request: AuthenticatedRequest) -> HttpResponse:
    """The import form's preview (htmx): the name the chosen file's process will get."""
    require_edit(request.user)
    form = ImportForm(request.POST, request.FILES)
    name, error = "", ""
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            name = services.process_import_name(
                data=upload.read(services.common.upload_limit_bytes() + 1),
                name=form.cleaned_data["name"],
                filename=upload.name,
            )
        except UserError as refusal:
            error = refusal.render(_)
    return render(request, "processes/_import_name.html", {"name": name, "error": error})


@login_required
def process_detail(request: AuthenticatedRequest, process_id: int) -> HttpResponse:
    process = selectors.access_process(user=request.user, process_id=process_id)
    versions = list(selectors.version_list(process=process))
    version = _chosen(versions, request.GET.get("version")) or versions[0]
    compare_to = _chosen(versions, request.GET.get("sammenlign"))
    context: dict[str, Any] = {
        "process": process,
        "versions": versions,
        "version": version,
        "can_edit": selectors.can_edit(user=request.user, process=process),
        # The approval workflow is the owner municipality's own business.
        "is_own": process.municipality_id == request.user.municipality_id,
        "owner_contact": work_contact(user=request.user, person=process.owner_user),
        "history": selectors.revision_history(version=version),
        "copy_form": VersionCopyForm(),
        "compare_to": compare_to,
        "outline": _outline_or_none(version.bpmn_xml.encode("utf-8")),
    }
    try:
        context["metrics"] = selectors.version_metrics(version=version)
        if compare_to and compare_to != version:
            context["comparison"] = selectors.version_comparison(before=version, after=compare_to)
    except UserError as error:
        context["metrics_error"] = error.render(_)
    return render(request, "processes/process_detail.html", context)


def _chosen(versions: list[Any], wanted: str | None) -> Any:
    return next((v for v in versions if str(v.pk) == wanted), None)


@login_required
@require_http_methods(["GET", "POST"])
def process_edit(request: AuthenticatedRequest, process_id: int) -> HttpResponse:
    process = selectors.access_process_for_edit(user=request.user, process_id=process_id)
    form = ProcessForm(
        request.POST or None,
        instance=Process.objects.get(pk=process.pk),
        initial={"lock_version": process.lock_version},
        units=unit_tree(user=request.user),
        owner_choices=selectors.owner_choices(user=request.user),
    )
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "lock_version"}
        with form_errors(form):
            services.process_update(
                user=request.user,
                process=process,
                lock_version=form.cleaned_data["lock_version"] or 0,
                **data,
            )
            messages.success(request, _("Ændringerne er gemt."))
            return redirect("processes:process_detail", process_id=process.pk)
    return render(
        request,
        "processes/process_form.html",
        {"form": form, "process": process},
    )


@login_required
@require_POST
def process_delete(request: AuthenticatedRequest, process_id: int) -> HttpResponse:
    process = selectors.access_process_for_edit(user=request.user, process_id=process_id)
    name = process.name
    services.process_delete(user=request.user, process=process)
    messages.success(request, _("“%(name)s” er slettet.") % {"name": name})
    return redirect("processes:process_list")


@login_required
def version_modeler(request: AuthenticatedRequest, version_id: int) -> HttpResponse:
    version = selectors.access_version(user=request.user, version_id=version_id, for_edit=True)
    context = {
        "version": version,
        "process": version.process,
        "metrics": _metrics_or_none(version),
        "outline": _outline_or_none(version.bpmn_xml.encode("utf-8")),
    }
    return render(request, "processes/version_modeler.html", context)


def _outline_or_none(xml: bytes) -> Any:
    try:
        return selectors.outline_for_xml(xml=xml)
    except UserError:
        return None


def _metrics_or_none(version: Any) -> Any:
    try:
        return selectors.version_metrics(version=version)
    except UserError:
        return None


def _json_body(request: AuthenticatedRequest) -> dict[str, Any]:
    try:
        body = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError):
        return {}
    return body if isinstance(body, dict) else {}


@login_required
@require_POST
def version_save(request: AuthenticatedRequest, version_id: int) -> JsonResponse:
    """The modeler's save: JSON {xml, base_revision, comment} -> {revision} or an error."""
    version = selectors.access_version(user=request.user, version_id=version_id, for_edit=True)
    body = _json_body(request)
    try:
        base_revision = int(body.get("base_revision", -1))
    except (TypeError, ValueError):
        base_revision = -1
    try:
        saved = services.version_save_bpmn(
            user=request.user,
            version=version,
            data=str(body.get("xml", "")).encode("utf-8"),
            base_revision=base_revision,
            comment=str(body.get("comment", ""))[:300],
        )
    except StaleEditError as error:
        return JsonResponse({"detail": error.render(_), "stale": True}, status=409)
    except UserError as error:
        return JsonResponse({"detail": error.render(_)}, status=422)
    if saved.pk != version.pk:  # a published version: the save started a new draft
        return JsonResponse(
            {
                "revision": saved.revision,
                "detail": _("Gemt som ny kladde “%(label)s”.") % {"label": saved.label},
                "redirect": reverse("processes:version_modeler", args=[saved.pk]),
            }
        )
    return JsonResponse(
        {"revision": saved.revision, "detail": _("Gemt som udgave %(n)s.") % {"n": saved.revision}}
    )


@login_required
@require_POST
def version_calculate(request: AuthenticatedRequest, version_id: int) -> HttpResponse:
    """The figures of the model in the modeler, before it is saved (htmx partial)."""
    version = selectors.access_version(user=request.user, version_id=version_id, for_edit=True)
    xml = str(_json_body(request).get("xml", "")).encode("utf-8")
    context: dict[str, Any] = {"version": version, "process": version.process}
    try:
        context["metrics"] = selectors.metrics_for_xml(version=version, xml=xml)
        context["outline"] = selectors.outline_for_xml(xml=xml)
    except UserError as error:
        context["metrics_error"] = error.render(_)
    return render(request, "processes/_modeler_figures.html", context)


@login_required
def version_bpmn(request: AuthenticatedRequest, version_id: int) -> HttpResponse:
    version = selectors.access_version(user=request.user, version_id=version_id)
    number = request.GET.get("udgave")
    xml = version.bpmn_xml
    suffix = ""
    revision = parse_int(number)
    if revision is not None:
        xml = selectors.revision_get(version=version, number=revision).bpmn_xml
        suffix = f"udgave-{number}"
    name = file_slug(version.process.name, "proces")
    return download(
        xml.encode("utf-8"), file_name(name, version.display_label, suffix, extension="bpmn")
    )


@login_required
def version_xlsx(request: AuthenticatedRequest, version_id: int) -> HttpResponse:
    version = selectors.access_version(user=request.user, version_id=version_id)
    try:
        content = version_workbook(
            version=version, metrics=selectors.version_metrics(version=version)
        )
    except UserError as error:
        messages.error(request, error.render(_))
        return redirect("processes:process_detail", process_id=version.process_id)
    name = file_slug(version.process.name, "proces")
    return download(content, file_name(name, version.display_label, extension="xlsx"))


@login_required
@require_POST
def version_copy(request: AuthenticatedRequest, version_id: int) -> HttpResponse:
    version = selectors.access_version(user=request.user, version_id=version_id, for_edit=True)
    form = VersionCopyForm(request.POST)
    if form.is_valid():
        with message_errors(request):
            copy = services.version_copy(
                user=request.user,
                version=version,
                label=form.cleaned_data["label"],
                kind=VersionKind.TO_BE,
            )
            messages.success(
                request, _("Versionen “%(label)s” er oprettet som kopi.") % {"label": copy.label}
            )
            return redirect("processes:version_modeler", version_id=copy.pk)
    return redirect(
        f"{reverse('processes:process_detail', args=[version.process_id])}?version={version.pk}"
    )


@login_required
@require_POST
def version_restore(request: AuthenticatedRequest, version_id: int) -> HttpResponse:
    version = selectors.access_version(user=request.user, version_id=version_id, for_edit=True)
    try:
        services.version_restore(
            user=request.user,
            version=version,
            number=int(request.POST.get("number", "0") or 0),
            base_revision=int(request.POST.get("base_revision", "0") or 0),
        )
    except (ValidationError, UserError, ValueError) as error:
        messages.error(
            request,
            error.render(_) if isinstance(error, UserError) else _("Udgaven kunne ikke gendannes."),
        )
    else:
        messages.success(request, _("Udgaven er gendannet."))
    return redirect(
        f"{reverse('processes:process_detail', args=[version.process_id])}?version={version.pk}"
    )


@login_required
@require_POST
def version_delete(request: AuthenticatedRequest, version_id: int) -> HttpResponse:
    version = selectors.access_version(user=request.user, version_id=version_id, for_edit=True)
    with message_errors(request):
        services.version_delete(user=request.user, version=version)
        messages.success(request, _("Versionen er slettet."))
    return redirect("processes:process_detail", process_id=version.process_id)


@login_required
@require_http_methods(["GET", "POST"])
def rate_settings(request: AuthenticatedRequest) -> HttpResponse:
    """The own municipality's hours per FTE, default rate and rates by role (administrators)."""
    if not can(request.user, Action.ADMINISTER_MUNICIPALITY):
        raise PermissionDenied
    municipality = request.user.municipality
    assert municipality is not None  # can() is False without one
    settings_form = MunicipalityRatesForm(
        request.POST if "settings" in request.POST else None,
        initial={
            "annual_hours_per_fte": municipality.annual_hours_per_fte,
            "default_hourly_rate": municipality.default_hourly_rate,
        },
    )
    rate_form = RoleRateForm(request.POST if "rate" in request.POST else None)
    if request.method == "POST":
        with form_errors(settings_form if settings_form.is_bound else rate_form):
            if settings_form.is_bound and settings_form.is_valid():
                municipality_settings_update(user=request.user, **settings_form.cleaned_data)
                messages.success(request, _("Timer pr. årsværk og standardtimepris er gemt."))
                return redirect("processes:rate_settings")
            if rate_form.is_bound and rate_form.is_valid():
                services.role_rate_set(user=request.user, **rate_form.cleaned_data)
                messages.success(
                    request,
                    _("Timeprisen for %(role)s er gemt.")
                    % {"role": rate_form.cleaned_data["role"]},
                )
                return redirect("processes:rate_settings")
    context = {
        "settings_form": settings_form,
        "rate_form": rate_form,
        "rates": selectors.role_rate_list(user=request.user),
        "lane_names": selectors.lane_names(user=request.user),
    }
    return render(request, "processes/rate_settings.html", context)


@login_required
@require_POST
def role_rate_delete(request: AuthenticatedRequest, rate_id: int) -> HttpResponse:
    services.role_rate_delete(user=request.user, rate_id=rate_id)
    messages.success(request, _("Timeprisen er fjernet; rollen koster nu standardtimeprisen."))
    return redirect("processes:rate_settings")
