"""Pages moving candidates between OS2autoproces and Procesbank in OS2autoproces' Excel layout:
upload and preview every row, confirm, and export (services/os2autoproces.py)."""

from __future__ import annotations

from dataclasses import asdict

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from procesbank.catalogue import selectors
from procesbank.catalogue.services.os2autoproces import (
    ERROR,
    MAX_BYTES,
    NEW,
    UPDATE,
    PreviewRow,
    os2autoproces_export,
    os2autoproces_import,
    os2autoproces_preview,
)
from procesbank.catalogue.views import _filters
from procesbank.core.errors import UserError
from procesbank.kit.downloads import download, file_name
from procesbank.kit.formerrors import message_errors
from procesbank.kit.formfields import HouseStyleMixin
from procesbank.organisations.models import AuthenticatedRequest
from procesbank.organisations.permissions import require_edit

SESSION_KEY = "os2autoproces_import"


class Os2autoprocesImportForm(HouseStyleMixin, forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Eksport fra OS2autoproces"),
        help_text=gettext_lazy(
            "Excel-filen, OS2autoproces giver under “Eksportér til Excel” (processes.xlsx), "
            "højst 10 MB. Kolonnenavne og værdier læses, som OS2autoproces skriver dem."
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def os2autoproces_import_page(request: AuthenticatedRequest) -> HttpResponse:
    """Upload an export and see every row: new, update or error. Nothing is saved yet."""
    require_edit(request.user)
    form = Os2autoprocesImportForm(request.POST or None, request.FILES or None)
    rows: list[PreviewRow] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rows = os2autoproces_preview(
                user=request.user, data=upload.read(MAX_BYTES + 1), filename=upload.name or ""
            )
        except UserError as error:
            form.add_error("file", error.render(_))
    valid = bool(rows) and not any(row.action == ERROR for row in rows)
    request.session[SESSION_KEY] = [asdict(row) for row in rows] if valid else None
    context = {
        "form": form,
        "rows": rows,
        "valid": valid,
        "counts": {
            "new": sum(1 for r in rows if r.action == NEW),
            "update": sum(1 for r in rows if r.action == UPDATE),
            "error": sum(1 for r in rows if r.action == ERROR),
        },
    }
    return render(request, "catalogue/os2autoproces_import.html", context)


@login_required
@require_POST
def os2autoproces_import_save(request: AuthenticatedRequest) -> HttpResponse:
    """Save the previewed rows, all or nothing."""
    require_edit(request.user)
    stored = request.session.get(SESSION_KEY) or []
    if not stored:
        messages.error(request, _("Der er ingen kontrolleret fil at gemme. Indlæs filen igen."))
        return redirect("catalogue:os2autoproces_import")
    with message_errors(request, prefix=_("Intet er gemt: %(error)s")):
        result = os2autoproces_import(user=request.user, rows=stored)
        request.session.pop(SESSION_KEY, None)
        messages.success(
            request,
            _("Importeret fra OS2autoproces: %(created)s nye og %(updated)s opdaterede kandidater.")
            % {"created": result.created, "updated": result.updated},
        )
        return redirect("catalogue:catalogue")
    return redirect("catalogue:os2autoproces_import")


@login_required
def os2autoproces_export_page(request: AuthenticatedRequest) -> HttpResponse:
    """The catalogue's candidates (with the page's filters) in OS2autoproces' layout."""
    _form, filters = _filters(request, "kandidater")
    candidates = selectors.catalogue_candidates(user=request.user, filters=filters)
    content = os2autoproces_export(
        candidates=candidates,
        internal_municipality_id=selectors.internal_municipality_id(user=request.user),
        base_url=request.build_absolute_uri("/").rstrip("/"),
    )
    return download(content, file_name("os2autoproces", "kandidater", extension="xlsx"))
