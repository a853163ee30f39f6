"""Pages of the method handbook: the table of contents, a page with its history (view an old
version, compare two side by side, restore), the editor with a live preview, and the templates
with their versions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from procesbank.core.errors import UserError
from procesbank.handbook import selectors
from procesbank.handbook.engine.files import CONTENT_TYPES, MSG_TOO_LARGE
from procesbank.handbook.engine.markdown import MAX_CHARS, TooLong
from procesbank.handbook.engine.markdown import render as render_markdown
from procesbank.handbook.engine.review import diff_counts
from procesbank.handbook.forms import PageForm, TemplateForm, TemplateVersionForm
from procesbank.handbook.models import Section, TemplateKind
from procesbank.handbook.services import pages as page_services
from procesbank.handbook.services import templates as template_services
from procesbank.kit.downloads import download, file_name
from procesbank.kit.formerrors import form_errors, message_errors
from procesbank.organisations.models import AuthenticatedRequest
from procesbank.organisations.permissions import require_edit


def _markdown(text: str) -> str:
    try:
        return render_markdown(text)
    except TooLong:
        return ""


@login_required
def index(request: AuthenticatedRequest) -> HttpResponse:
    """The handbook's table of contents: every section with its pages, the reader's pages due
    for review, and the templates."""
    context = {
        "sections": selectors.handbook_sections(user=request.user),
        "due": selectors.reviews_due(user=request.user),
        "templates": selectors.template_list(user=request.user)[:8],
        "can_create": selectors.can_create(user=request.user),
    }
    return render(request, "handbook/index.html", context)


@login_required
@require_POST
def preview(request: AuthenticatedRequest) -> HttpResponse:
    """The live preview of the editor (htmx): the Markdown as it will be shown."""
    text = request.POST.get("body", "")
    if len(text) > MAX_CHARS:
        message = _("Teksten er for lang til forhåndsvisning (højst %(limit)s tegn).") % {
            "limit": f"{MAX_CHARS:,}".replace(",", ".")
        }
        return render(request, "handbook/_preview.html", {"error": message})
    return render(request, "handbook/_preview.html", {"html": _markdown(text)})


@login_required
@require_http_methods(["GET", "POST"])
def page_create(request: AuthenticatedRequest) -> HttpResponse:
    require_edit(request.user)
    initial = {"owner": request.user, "section": request.GET.get("afsnit", "")}
    form = PageForm(
        request.POST or None, municipality_id=request.user.municipality_id or 0, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "lock_version"}
        with form_errors(form):
            page = page_services.page_create(user=request.user, **data)
            messages.success(request, _("Siden er oprettet."))
            return redirect("handbook:page_detail", page_id=page.pk)
    return render(
        request,
        "handbook/page_form.html",
        {"form": form, "creating": True, "preview": _markdown(form["body"].value() or "")},
    )


@login_required
def page_detail(request: AuthenticatedRequest, page_id: int) -> HttpResponse:
    page = selectors.access_page(user=request.user, page_id=page_id)
    context = {
        "page": page,
        "html": _markdown(page.body),
        "can_edit": selectors.can_edit_page(user=request.user, page=page),
        "review_due": page.review_due(),
        "latest": page.versions.order_by("-number").first(),
    }
    return render(request, "handbook/page_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def page_edit(request: AuthenticatedRequest, page_id: int) -> HttpResponse:
    page = selectors.access_page_for_edit(user=request.user, page_id=page_id)
    form = PageForm(
        request.POST or None,
        municipality_id=page.municipality_id,
        instance=selectors.access_page(user=request.user, page_id=page_id),
        initial={"lock_version": page.lock_version},
    )
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "lock_version"}
        with form_errors(form):
            page_services.page_update(
                user=request.user,
                page=page,
                lock_version=form.cleaned_data["lock_version"] or 0,
                **data,
            )
            messages.success(request, _("Siden er gemt som en ny version."))
            return redirect("handbook:page_detail", page_id=page.pk)
    context = {"form": form, "page": page, "preview": _markdown(form["body"].value() or "")}
    return render(request, "handbook/page_form.html", context)


@login_required
@require_POST
def page_reviewed(request: AuthenticatedRequest, page_id: int) -> HttpResponse:
    page = selectors.access_page_for_edit(user=request.user, page_id=page_id)
    with message_errors(request):
        lock_version = int(request.POST.get("lock_version", "0") or 0)
        page_services.page_mark_reviewed(user=request.user, page=page, lock_version=lock_version)
        messages.success(request, _("Siden er markeret som gennemgået i dag."))
    return redirect("handbook:page_detail", page_id=page.pk)


@login_required
def page_history(request: AuthenticatedRequest, page_id: int) -> HttpResponse:
    page, versions = selectors.version_list(user=request.user, page_id=page_id)
    context = {
        "page": page,
        "versions": versions,
        "can_edit": selectors.can_edit_page(user=request.user, page=page),
    }
    return render(request, "handbook/page_history.html", context)


@login_required
def page_version(request: AuthenticatedRequest, page_id: int, number: int) -> HttpResponse:
    version = selectors.access_page_version(user=request.user, page_id=page_id, number=number)
    page = version.page
    context = {
        "page": page,
        "version": version,
        "html": _markdown(version.body),
        "can_edit": selectors.can_edit_page(user=request.user, page=page),
        "is_current": not page.versions.filter(number__gt=number).exists(),
    }
    return render(request, "handbook/page_version.html", context)


@login_required
@require_POST
def page_restore(request: AuthenticatedRequest, page_id: int, number: int) -> HttpResponse:
    page = selectors.access_page_for_edit(user=request.user, page_id=page_id)
    with message_errors(request, _("Intet er gendannet: %(error)s")):
        lock_version = int(request.POST.get("lock_version", "0") or 0)
        page_services.page_restore(
            user=request.user, page=page, number=number, lock_version=lock_version
        )
        messages.success(
            request, _("Version %(number)s er gendannet som en ny version.") % {"number": number}
        )
    return redirect("handbook:page_detail", page_id=page.pk)


def _version_number(value: str | None, default: int) -> int:
    try:
        number = int(value or default)
    except ValueError:
        return default
    return number if 0 < number < 1_000_000 else default


@login_required
def page_compare(request: AuthenticatedRequest, page_id: int) -> HttpResponse:
    """Two versions side by side (?fra=2&til=5; default: the previous and the latest)."""
    page, versions = selectors.version_list(user=request.user, page_id=page_id)
    numbers = list(versions.values_list("number", flat=True))
    latest = numbers[0] if numbers else 1
    previous = numbers[1] if len(numbers) > 1 else latest
    before = _version_number(request.GET.get("fra"), previous)
    after = _version_number(request.GET.get("til"), latest)
    comparison = selectors.version_comparison(
        user=request.user, page_id=page_id, before=before, after=after
    )
    added, removed = diff_counts(comparison.lines)
    context = {
        "page": page,
        "comparison": comparison,
        "numbers": numbers,
        "added": added,
        "removed": removed,
        "can_edit": selectors.can_edit_page(user=request.user, page=page),
    }
    return render(request, "handbook/page_compare.html", context)


# --- templates -----------------------------------------------------------------------------
def _too_large(form: TemplateForm | TemplateVersionForm, upload: UploadedFile) -> bool:
    """Refuse a file over the template limit on the form before its bytes are read."""
    limit = template_services.limit_mb()
    if (upload.size or 0) <= limit * 1024 * 1024:
        return False
    form.add_error("file", UserError(MSG_TOO_LARGE, limit_mb=limit).render(_))
    return True


@login_required
def template_list(request: AuthenticatedRequest) -> HttpResponse:
    kind = request.GET.get("type", "")
    if kind not in TemplateKind.values:
        kind = ""
    context = {
        "templates": selectors.template_list(user=request.user, kind=kind),
        "kinds": TemplateKind.choices,
        "kind": kind,
        "can_create": selectors.can_create(user=request.user),
        "sections": dict(Section.choices),
    }
    return render(request, "handbook/template_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def template_create(request: AuthenticatedRequest) -> HttpResponse:
    require_edit(request.user)
    form = TemplateForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data.pop("file")
        if _too_large(form, upload):
            return render(request, "handbook/template_form.html", {"form": form})
        with form_errors(form):
            template = template_services.template_create(
                user=request.user, file_name=upload.name, content=upload.read(), **form.cleaned_data
            )
            messages.success(request, _("Skabelonen er oprettet."))
            return redirect("handbook:template_detail", template_id=template.pk)
    return render(request, "handbook/template_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def template_detail(request: AuthenticatedRequest, template_id: int) -> HttpResponse:
    """A template, its versions (each downloadable), and for editors the upload of a new one."""
    template, versions = selectors.template_versions(user=request.user, template_id=template_id)
    can_edit = selectors.can_edit_template(user=request.user, template=template)
    form = TemplateVersionForm(
        request.POST or None,
        request.FILES or None,
        initial={"lock_version": template.lock_version},
    )
    if request.method == "POST":
        template = selectors.access_template_for_edit(user=request.user, template_id=template_id)
        if form.is_valid() and not _too_large(form, form.cleaned_data["file"]):
            upload = form.cleaned_data["file"]
            with form_errors(form):
                version = template_services.template_version_add(
                    user=request.user,
                    template=template,
                    lock_version=form.cleaned_data["lock_version"],
                    file_name=upload.name,
                    content=upload.read(),
                    note=form.cleaned_data["note"],
                )
                messages.success(
                    request, _("Version %(number)s er lagt op.") % {"number": version.number}
                )
                return redirect("handbook:template_detail", template_id=template.pk)
    context = {"template": template, "versions": versions, "form": form, "can_edit": can_edit}
    return render(request, "handbook/template_detail.html", context)


@login_required
def template_download(request: AuthenticatedRequest, template_id: int, number: int) -> HttpResponse:
    version = selectors.access_template_version(
        user=request.user, template_id=template_id, number=number
    )
    name = file_name(version.template.name, f"v{version.number}", extension=version.extension)
    return download(bytes(version.content), name, CONTENT_TYPES.get(version.extension))
