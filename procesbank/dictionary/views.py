"""The dictionary's pages: IT systems (everyone reads; the collaboration administrator edits,
merges, maps typed texts and imports from KITOS) and the own municipality's roles."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from procesbank.dictionary import selectors, services
from procesbank.dictionary.forms import (
    ItSystemForm,
    KitosImportForm,
    MapTextForm,
    MergeForm,
    RoleForm,
)
from procesbank.kit.formerrors import form_errors
from procesbank.organisations.models import AuthenticatedRequest
from procesbank.organisations.permissions import Action, can

PAGE_SIZE = 50


@login_required
@require_http_methods(["GET", "POST"])
def it_system_list(request: AuthenticatedRequest) -> HttpResponse:
    admin = can(request.user, Action.ADMINISTER_COLLABORATION)
    q = request.GET.get("q", "")[:100]
    form = ItSystemForm(request.POST if "create" in request.POST else None)
    kitos_form = KitosImportForm(
        request.POST if "kitos" in request.POST else None,
        request.FILES if "kitos" in request.POST else None,
    )
    merge_form = MergeForm(request.POST if "merge" in request.POST else None)
    if request.method == "POST":
        if not admin:
            raise PermissionDenied
        if form.is_bound:
            with form_errors(form):
                if form.is_valid():
                    data = form.cleaned_data
                    system = services.it_system_create(
                        user=request.user,
                        name=data["name"],
                        vendor=data["vendor"],
                        kitos_uuid=data["kitos_uuid"],
                    )
                    messages.success(
                        request, _("%(name)s er føjet til ordbogen.") % {"name": system}
                    )
                    return redirect("dictionary:it_system_list")
        if kitos_form.is_bound:
            with form_errors(kitos_form):
                if kitos_form.is_valid():
                    upload = kitos_form.cleaned_data["file"]
                    result = services.kitos_import(
                        user=request.user, data=upload.read(), filename=upload.name
                    )
                    messages.success(
                        request,
                        _("KITOS-eksporten er indlæst: %(created)s nye og %(updated)s opdaterede.")
                        % {"created": result.created, "updated": result.updated},
                    )
                    return redirect("dictionary:it_system_list")
        if merge_form.is_bound:
            with form_errors(merge_form):
                if merge_form.is_valid():
                    target = services.it_system_merge(
                        user=request.user,
                        source=merge_form.cleaned_data["source"],
                        target=merge_form.cleaned_data["target"],
                    )
                    messages.success(
                        request, _("Dubletten er lagt sammen med %(name)s.") % {"name": target}
                    )
                    return redirect("dictionary:it_system_list")
    systems = selectors.it_system_list(user=request.user, q=q)
    page = Paginator(systems, PAGE_SIZE).get_page(request.GET.get("side"))
    context = {
        "page": page,
        "q": q,
        "query": urlencode({"q": q}) if q else "",
        "admin": admin,
        "form": form,
        "kitos_form": kitos_form,
        "merge_form": merge_form,
        "unmapped_count": len(selectors.unmapped_texts(user=request.user)) if admin else 0,
    }
    return render(request, "dictionary/it_system_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def it_system_edit(request: AuthenticatedRequest, it_system_id: int) -> HttpResponse:
    if not can(request.user, Action.ADMINISTER_COLLABORATION):
        raise PermissionDenied
    system = selectors.access_it_system(user=request.user, it_system_id=it_system_id)
    initial = {
        "name": system.name,
        "vendor": system.vendor,
        "kitos_uuid": system.kitos_uuid,
        "lock_version": system.lock_version,
    }
    form = ItSystemForm(request.POST or None, initial=initial)
    if request.method == "POST":
        with form_errors(form):
            if form.is_valid():
                data = form.cleaned_data
                services.it_system_update(
                    user=request.user,
                    it_system=system,
                    lock_version=data["lock_version"] or 0,
                    name=data["name"],
                    vendor=data["vendor"],
                    kitos_uuid=data["kitos_uuid"],
                )
                messages.success(request, _("It-systemet er gemt."))
                return redirect("dictionary:it_system_list")
    return render(request, "dictionary/it_system_form.html", {"form": form, "system": system})


@login_required
@require_http_methods(["GET", "POST"])
def unmapped_texts(request: AuthenticatedRequest) -> HttpResponse:
    """Typed IT-system texts without a record, each with a form to map it onto one."""
    if not can(request.user, Action.ADMINISTER_COLLABORATION):
        raise PermissionDenied
    if request.method == "POST":
        form = MapTextForm(request.POST)
        with form_errors(form):
            if form.is_valid():
                text, target = form.cleaned_data["text"], form.cleaned_data["target"]
                changed = services.it_system_map_text(user=request.user, text=text, target=target)
                messages.success(
                    request,
                    ngettext(
                        "“%(text)s” er koblet til %(name)s (%(count)s forekomst rettet).",
                        "“%(text)s” er koblet til %(name)s (%(count)s forekomster rettet).",
                        changed,
                    )
                    % {"text": text, "name": target, "count": changed},
                )
                return redirect("dictionary:unmapped_texts")
        for error in form.errors.values():
            messages.error(request, " ".join(str(message) for message in error))
    texts = selectors.unmapped_texts(user=request.user)
    rows = [(text, count, MapTextForm(initial={"text": text})) for text, count in texts]
    return render(request, "dictionary/unmapped_texts.html", {"rows": rows})


@login_required
@require_http_methods(["GET", "POST"])
def role_list(request: AuthenticatedRequest) -> HttpResponse:
    admin = can(request.user, Action.ADMINISTER_MUNICIPALITY, request.user.municipality)
    form = RoleForm(request.POST or None)
    if request.method == "POST":
        if not admin:
            raise PermissionDenied
        with form_errors(form):
            if form.is_valid():
                role = services.role_create(user=request.user, **form.cleaned_data)
                messages.success(request, _("Rollen %(name)s er oprettet.") % {"name": role})
                return redirect("dictionary:role_list")
    roles = selectors.role_list(user=request.user)
    return render(
        request, "dictionary/role_list.html", {"roles": roles, "form": form, "admin": admin}
    )


@login_required
@require_POST
def role_delete(request: AuthenticatedRequest, role_id: int) -> HttpResponse:
    role = selectors.access_role(user=request.user, role_id=role_id)
    services.role_delete(user=request.user, role=role)
    messages.success(request, _("Rollen %(name)s er slettet.") % {"name": role.name})
    return redirect("dictionary:role_list")
