"""Importing an edited business-case workbook: upload, a preview of the changed amounts, then
saving them all or nothing (:func:`services.business_case_workbook_import`)."""

from __future__ import annotations

import json
from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from procesbank.core.errors import UserError, gettext_noop
from procesbank.economics import imports, selectors, services
from procesbank.economics.forms import WorkbookUploadForm
from procesbank.organisations.models import AuthenticatedRequest

MSG_BAD_PREVIEW = gettext_noop("Forhåndsvisningen kunne ikke læses. Indlæs projektmappen igen.")


def _encode(amounts: dict[int, dict[str, list[Decimal]]]) -> str:
    return json.dumps(
        {str(key): {code: [str(v) for v in values] for code, values in fields.items()}
         for key, fields in amounts.items()}
    )  # fmt: skip


def _decode(text: str) -> dict[int, dict[str, list[Decimal]]]:
    try:
        raw = json.loads(text)
        return {
            int(key): {
                code: [Decimal(str(v)) for v in fields[code]] for code in ("min", "likely", "max")
            }
            for key, fields in raw.items()
        }
    except (ValueError, TypeError, KeyError, AttributeError, InvalidOperation):
        raise UserError(MSG_BAD_PREVIEW) from None


@login_required
@require_http_methods(["GET", "POST"])
def workbook_import(request: AuthenticatedRequest, project_id: int) -> HttpResponse:
    project, case = selectors.business_case_for_edit(user=request.user, project_id=project_id)
    if case is None:
        raise PermissionDenied
    form = WorkbookUploadForm()
    context: dict[str, object] = {"project": project, "case": case}
    if request.method == "POST" and "apply" in request.POST:
        try:
            amounts = _decode(request.POST.get("amounts", ""))
            version = int(request.POST.get("lock_version", "-1"))
            count = services.business_case_workbook_import(
                user=request.user, case=case, lock_version=version, amounts=amounts
            )
        except (UserError, ValueError) as error:
            message = error.render(_) if isinstance(error, UserError) else _(MSG_BAD_PREVIEW)
            context |= {"form": form, "error": message}
            return render(request, "economics/workbook_import.html", context)
        text = ngettext(
            "%(count)s linje er opdateret fra Excel.",
            "%(count)s linjer er opdateret fra Excel.",
            count,
        )
        messages.success(request, text % {"count": count})
        return redirect("economics:business_case", project_id=project.pk)
    if request.method == "POST":
        form = WorkbookUploadForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["workbook"]
            try:
                if upload.size > imports.MAX_UPLOAD_BYTES:
                    raise UserError(imports.MSG_TOO_LARGE)
                parsed = imports.parse_workbook(upload.read(), years=case.horizon)
                if parsed.case_id != case.pk:
                    raise UserError(imports.MSG_OTHER_CASE)
                if parsed.lock_version != case.lock_version:
                    raise UserError(imports.MSG_STALE_WORKBOOK)
                changes = services.workbook_changes(case=case, amounts=parsed.lines)
            except UserError as error:
                form.add_error("workbook", error.render(_))
            else:
                context |= {
                    "changes": changes,
                    "amounts": _encode(parsed.lines),
                    "lock_version": parsed.lock_version,
                    "years": [case.first_year + offset for offset in range(case.horizon)],
                }
    context["form"] = form
    return render(request, "economics/workbook_import.html", context)
