"""Pages of the shared catalogue: the catalogue, reuse, candidates, comparison."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from itertools import groupby
from operator import attrgetter
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from procesbank.catalogue import selectors, services
from procesbank.catalogue.columns import CANDIDATE, SECTION_FIELDS
from procesbank.catalogue.engine import assessment
from procesbank.catalogue.engine.importing import MAX_BYTES as MAX_IMPORT_BYTES
from procesbank.catalogue.engine.importing import ImportRow
from procesbank.catalogue.engine.record import filled_sections, record_sections
from procesbank.catalogue.forms import (
    AttachmentForm,
    CandidateForm,
    CatalogueFilterForm,
    CatalogueImportForm,
    CommentForm,
    ComparisonForm,
    QuickShareForm,
    SavedSearchForm,
    UmbrellaForm,
    chosen_columns,
    column_choices,
    column_registry,
)
from procesbank.catalogue.models import Candidate, CandidatePhase, UserMark
from procesbank.core.errors import UserError
from procesbank.kit.badinput import parse_int
from procesbank.kit.downloads import download, file_name
from procesbank.kit.formerrors import form_errors, message_errors
from procesbank.kit.paging import CappedPaginator
from procesbank.organisations.models import AuthenticatedRequest
from procesbank.organisations.permissions import Action, can, require_edit
from procesbank.organisations.selectors import municipality_list
from procesbank.processes.models import Phase

PAGE_SIZES = (10, 20, 50)
KINDS = ("processer", "kandidater")


def _filters(request: AuthenticatedRequest, kind: str) -> tuple[Any, selectors.CatalogueFilters]:
    form = CatalogueFilterForm(
        request.GET or None, kind=kind, municipalities=list(municipality_list(user=request.user))
    )
    filters = selectors.CatalogueFilters()
    if form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if v not in (None, "")}
        filters = selectors.CatalogueFilters(**data)
    return form, filters


def _query(request: AuthenticatedRequest, *, drop: set[str]) -> str:
    """The search state as a query string, every value of repeated keys (the columns) kept."""
    return urlencode(
        [(k, v) for k, values in request.GET.lists() if k not in drop for v in values if v]
    )


def _kind(request: AuthenticatedRequest) -> str:
    kind = request.GET.get("vis", "processer")
    return kind if kind in KINDS else "processer"


@login_required
def catalogue(request: AuthenticatedRequest) -> HttpResponse:
    kind = _kind(request)
    form, filters = _filters(request, kind)
    rows: Any
    if kind == "kandidater":
        rows = selectors.catalogue_candidates(user=request.user, filters=filters)
    else:
        rows = selectors.catalogue_processes(user=request.user, filters=filters)
    size = int(request.GET["antal"]) if request.GET.get("antal") in {"10", "20", "50"} else 20
    counted = selectors.catalogue_counted(user=request.user, filters=filters, rows=rows)
    page = CappedPaginator(counted, size).get_page(request.GET.get("side"))
    query = _query(request, drop={"side"})
    # Switching between processes and candidates keeps the filters, not the other's columns.
    base = _query(request, drop={"side", "vis", "kolonner"})
    chosen = chosen_columns(kind, request.GET.getlist("kolonner"))
    groups = None
    if kind == "processer" and filters.group == selectors.GROUP_FORVALTNING:
        groups = [
            (name, column_registry(kind).table(rows, chosen))
            for name, rows in groupby(page.object_list, key=attrgetter("forvaltning"))
        ]
    context = {
        "groups": groups,
        "kind": kind,
        "form": form,
        "columns": chosen,
        "table": column_registry(kind).table(page.object_list, chosen),
        "column_choices": column_choices(kind),
        "page": page,
        "query": query,
        "base_query": base,
        "page_sizes": PAGE_SIZES,
        "size": size,
        "filtered": bool(set(request.GET) - {"vis", "side", "antal", "sort", "kolonner", "group"}),
        "changed_sources": selectors.changed_reuse_ids(user=request.user),
        "can_edit": can(request.user, Action.EDIT),
        "my_municipality_id": request.user.municipality_id,
        "saved_searches": selectors.saved_search_list(user=request.user),
        "save_form": SavedSearchForm(initial={"query": query}),
    }
    partial = request.headers.get("HX-Request") == "true"
    template = "catalogue/_results.html" if partial else "catalogue/catalogue.html"
    return render(request, template, context)


@login_required
def catalogue_export(request: AuthenticatedRequest, fmt: str) -> HttpResponse:
    if fmt not in {"csv", "xlsx"}:
        raise Http404
    kind = _kind(request)
    _form, filters = _filters(request, kind)
    registry = column_registry(kind)
    # The internal columns (the ESDH reference) are filled for the editor's own rows only.
    own = selectors.internal_municipality_id(user=request.user)

    def internal(row: Any) -> bool:
        return own is not None and row.municipality_id == own

    rows: Any
    if kind == "kandidater":
        rows = selectors.catalogue_candidates(user=request.user, filters=filters)
    else:
        rows = selectors.catalogue_processes(user=request.user, filters=filters)
    if fmt == "csv":
        content = registry.to_csv(rows, internal=internal)
    else:
        content = registry.to_xlsx(_("Fælles katalog"), rows, internal=internal)
    return download(content, file_name("faelles-katalog", kind, extension=fmt))


# --- Reuse -------------------------------------------------------------------------------


@login_required
@require_POST
def process_reuse(request: AuthenticatedRequest, process_id: int) -> HttpResponse:
    source = selectors.access_shared_process(user=request.user, process_id=process_id)
    with message_errors(request):
        reuse = services.process_reuse(user=request.user, source=source)
        messages.success(
            request,
            _("“%(name)s” er kopieret til din kommune. Kopien er kun synlig for jer.")
            % {"name": reuse.copy.name},
        )
        return redirect("catalogue:reuse_detail", reuse_id=reuse.pk)
    return redirect("catalogue:catalogue")


@login_required
def reuse_detail(request: AuthenticatedRequest, reuse_id: int) -> HttpResponse:
    reuse = selectors.access_reuse(user=request.user, reuse_id=reuse_id)
    changes = selectors.reuse_source_changes(user=request.user, reuse=reuse)
    return render(
        request, "catalogue/reuse_detail.html", {"reuse": reuse, "source_changes": changes}
    )


@login_required
def reuse_list(request: AuthenticatedRequest) -> HttpResponse:
    reuses = selectors.my_reuses(user=request.user)
    changed = selectors.changed_reuse_ids(user=request.user)
    return render(request, "catalogue/reuse_list.html", {"reuses": reuses, "changed": changed})


# --- Candidates --------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def candidate_create(request: AuthenticatedRequest) -> HttpResponse:
    require_edit(request.user)
    processes = selectors.linked_process_choices(user=request.user)
    initial = {}
    process_id = parse_int(request.GET.get("proces"))
    if process_id is not None:
        initial["process"] = process_id
    form = CandidateForm(request.POST or None, processes=processes, initial=initial)
    if request.method == "POST" and form.is_valid():
        with form_errors(form):
            candidate = services.candidate_create(user=request.user, **form.service_data())
            messages.success(request, _("Kandidaten er oprettet."))
            return redirect("catalogue:candidate_detail", candidate_id=candidate.pk)
    return render(request, "catalogue/candidate_form.html", {"form": form, "creating": True})


@login_required
@require_http_methods(["GET", "POST"])
def candidate_edit(request: AuthenticatedRequest, candidate_id: int) -> HttpResponse:
    candidate = selectors.access_candidate_for_edit(user=request.user, candidate_id=candidate_id)
    form = CandidateForm(
        request.POST or None,
        instance=Candidate.objects.get(pk=candidate.pk),
        processes=selectors.linked_process_choices(user=request.user),
        initial={"lock_version": candidate.lock_version},
    )
    if request.method == "POST" and form.is_valid():
        with form_errors(form):
            services.candidate_update(
                user=request.user,
                candidate=candidate,
                lock_version=form.cleaned_data["lock_version"] or 0,
                **form.service_data(),
            )
            messages.success(request, _("Ændringerne er gemt."))
            return redirect("catalogue:candidate_detail", candidate_id=candidate.pk)
    return render(request, "catalogue/candidate_form.html", {"form": form, "candidate": candidate})


@login_required
def candidate_detail(request: AuthenticatedRequest, candidate_id: int) -> HttpResponse:
    candidate = selectors.access_candidate(user=request.user, candidate_id=candidate_id)
    services.candidate_seen(user=request.user, candidate=candidate)
    can_edit = selectors.can_edit_candidate(user=request.user, candidate=candidate)
    result = selectors.candidate_assessment(candidate=candidate)
    answers = assessment.parse_answers(candidate.answers)
    interests = list(selectors.interest_list(candidate=candidate))
    context = {
        "candidate": candidate,
        "can_edit": can_edit,
        "show_notes": selectors.can_see_internal(user=request.user, candidate=candidate),
        "assessment": result,
        "missing": selectors.candidate_missing_figures(user=request.user, candidate=candidate),
        "answers": [
            (
                _(assessment.QUESTION_TEXTS[q]),
                _(assessment.ANSWER_LABELS[answers[q]]) if q in answers else _("Ikke besvaret"),
            )
            for q in assessment.Question
        ],
        "formulas": {
            "potential": _(assessment.POTENTIAL_FORMULA),
            "ease": _(assessment.EASE_FORMULA),
            "gain": _(assessment.GAIN_FORMULA),
            "saving": _(assessment.SAVING_FORMULA),
            "scale": _(assessment.SCALE_RULE),
        },
        "attachments": selectors.attachment_list(user=request.user, candidate=candidate),
        "comments": selectors.comment_list(candidate=candidate),
        "interests": interests,
        "interested": any(i.municipality_id == request.user.municipality_id for i in interests),
        "events": selectors.event_list(candidate=candidate)[:30],
        "marks": selectors.user_marks(user=request.user, candidate=candidate),
        "seen": selectors.seen_count(candidate=candidate),
        "can_interest": selectors.can_mark_interest(user=request.user, candidate=candidate),
        "comment_form": CommentForm(),
        "attachment_form": AttachmentForm(),
        "kinds": UserMark.Kind,
        "sections": record_section_states(candidate),
        "facts": CANDIDATE.facts(candidate),
        "process_link": selectors.candidate_process_link(user=request.user, candidate=candidate),
    }
    return render(request, "catalogue/candidate_detail.html", context)


@login_required
@require_POST
def candidate_delete(request: AuthenticatedRequest, candidate_id: int) -> HttpResponse:
    candidate = selectors.access_candidate_for_edit(user=request.user, candidate_id=candidate_id)
    title = candidate.title
    services.candidate_delete(user=request.user, candidate=candidate)
    messages.success(request, _("“%(title)s” er slettet.") % {"title": title})
    return redirect(f"{reverse('catalogue:catalogue')}?vis=kandidater")


@login_required
@require_POST
def candidate_interest(request: AuthenticatedRequest, candidate_id: int) -> HttpResponse:
    candidate = selectors.access_candidate(user=request.user, candidate_id=candidate_id)
    marked = services.interest_toggle(user=request.user, candidate=candidate)
    messages.success(
        request,
        _("Din kommune er markeret som interesseret.") if marked else _("Markeringen er fjernet."),
    )
    return redirect("catalogue:candidate_detail", candidate_id=candidate.pk)


@login_required
@require_POST
def candidate_mark(request: AuthenticatedRequest, candidate_id: int, kind: str) -> HttpResponse:
    candidate = selectors.access_candidate(user=request.user, candidate_id=candidate_id)
    if kind not in (UserMark.Kind.FOLLOW, UserMark.Kind.FAVOURITE):
        raise PermissionDenied
    services.mark_toggle(user=request.user, candidate=candidate, kind=kind)
    return redirect("catalogue:candidate_detail", candidate_id=candidate.pk)


@login_required
@require_POST
def candidate_comment(request: AuthenticatedRequest, candidate_id: int) -> HttpResponse:
    candidate = selectors.access_candidate(user=request.user, candidate_id=candidate_id)
    form = CommentForm(request.POST)
    if form.is_valid():
        with message_errors(request):
            services.comment_add(
                user=request.user, candidate=candidate, text=form.cleaned_data["text"]
            )
            messages.success(request, _("Kommentaren er tilføjet."))
    else:
        messages.error(request, _("Skriv en kommentar."))
    return redirect("catalogue:candidate_detail", candidate_id=candidate.pk)


@login_required
@require_POST
def attachment_upload(request: AuthenticatedRequest, candidate_id: int) -> HttpResponse:
    candidate = selectors.access_candidate_for_edit(user=request.user, candidate_id=candidate_id)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        with message_errors(request):
            services.attachment_add(
                user=request.user,
                candidate=candidate,
                upload=form.cleaned_data["file"],
                shared=form.cleaned_data["shared"],
            )
            messages.success(request, _("Bilaget er tilføjet."))
    else:
        messages.error(request, _("Vælg en fil."))
    return redirect("catalogue:candidate_detail", candidate_id=candidate.pk)


@login_required
@require_POST
def attachment_delete(request: AuthenticatedRequest, attachment_id: int) -> HttpResponse:
    attachment = selectors.access_attachment(user=request.user, attachment_id=attachment_id)
    candidate_id = attachment.candidate_id
    name = attachment.name
    services.attachment_delete(user=request.user, attachment=attachment)
    messages.success(request, _("Bilaget “%(name)s” er slettet.") % {"name": name})
    return redirect("catalogue:candidate_detail", candidate_id=candidate_id)


@login_required
def attachment_download(request: AuthenticatedRequest, attachment_id: int) -> FileResponse:
    attachment = selectors.access_attachment(user=request.user, attachment_id=attachment_id)
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.name)


# --- Comparison --------------------------------------------------------------------------


@login_required
def comparison(request: AuthenticatedRequest) -> HttpResponse:
    form = ComparisonForm(request.GET or None)
    valid = form.is_valid()
    kle = form.cleaned_data["kle"] if valid else ""
    rows = selectors.comparison_rows(user=request.user, kle=kle)
    grouped = valid and form.cleaned_data["group"] == selectors.GROUP_FORVALTNING
    groups = selectors.comparison_groups(user=request.user, kle=kle) if grouped else None
    kle_choices = selectors.comparison_kle_choices(user=request.user)
    chart = {
        "municipalities": [r.municipality for r in rows],
        "hours": [round(r.hours_per_year, 1) for r in rows],
        "fte_per_10000": [
            round(r.fte_per_10000, 3) if r.fte_per_10000 is not None else None for r in rows
        ],
        "labels": {"hours": _("Timer pr. år"), "fte": _("Årsværk pr. 10.000 indbyggere")},
    }
    context = {
        "form": form,
        "kle": kle,
        "rows": rows,
        "groups": groups,
        "chart": chart,
        # All zero until someone measures the tasks: an empty chart would only puzzle.
        "chart_has_data": any(r.hours_per_year for r in rows),
        "kle_choices": kle_choices,
        "kle_groups": [code for code in kle_choices if len(code) == 5],
    }
    return render(request, "catalogue/comparison.html", context)


# --- Import ------------------------------------------------------------------------------

IMPORT_SESSION_KEY = "catalogue_import"


def _row_errors(row: ImportRow) -> list[str]:
    return [_(e.message) % e.params if e.params else _(e.message) for e in row.errors]


@login_required
@require_http_methods(["GET", "POST"])
def catalogue_import(request: AuthenticatedRequest) -> HttpResponse:
    """Upload a file and see every row checked; nothing is saved yet."""
    require_edit(request.user)
    form = CatalogueImportForm(request.POST or None, request.FILES or None)
    rows: list[ImportRow] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rows = services.catalogue_import_check(
                user=request.user,
                data=upload.read(MAX_IMPORT_BYTES + 1),
                filename=upload.name or "",
            )
        except UserError as error:
            form.add_error("file", error.render(_))
    valid = bool(rows) and not any(row.errors for row in rows)
    phase_labels = dict(Phase.choices)
    request.session[IMPORT_SESSION_KEY] = (
        [asdict(row) | {"errors": []} for row in rows] if valid else None
    )
    context = {
        "form": form,
        "rows": [(row, _row_errors(row), phase_labels.get(row.phase, "")) for row in rows],
        "valid": valid,
        "error_count": sum(1 for row in rows if row.errors),
    }
    return render(request, "catalogue/import.html", context)


@login_required
@require_POST
def catalogue_import_save(request: AuthenticatedRequest) -> HttpResponse:
    """Save the previewed rows, all or nothing."""
    require_edit(request.user)
    stored = request.session.get(IMPORT_SESSION_KEY) or []
    rows = [ImportRow(**{k: v for k, v in row.items() if k != "errors"}) for row in stored]
    if not rows:
        messages.error(request, _("Der er ingen kontrolleret fil at gemme. Indlæs filen igen."))
        return redirect("catalogue:catalogue_import")
    with message_errors(request, prefix=_("Intet er gemt: %(error)s")):
        created = services.catalogue_import_save(user=request.user, rows=rows)
        request.session.pop(IMPORT_SESSION_KEY, None)
        messages.success(
            request,
            ngettext(
                "%(count)s proces er importeret.",
                "%(count)s processer er importeret.",
                len(created),
            )
            % {"count": len(created)},
        )
        return redirect("processes:process_list")
    return redirect("catalogue:catalogue_import")


# --- Dashboard and saved searches --------------------------------------------------------


@login_required
def catalogue_dashboard(request: AuthenticatedRequest) -> HttpResponse:
    own_only = request.GET.get("omfang") == "egen"
    context = {
        "own_only": own_only,
        "can_edit": can(request.user, Action.EDIT),
        "dashboard": selectors.dashboard(user=request.user, own_only=own_only),
        "reminders": selectors.legal_basis_reminders(user=request.user, today=timezone.localdate()),
    }
    return render(request, "catalogue/dashboard.html", context)


@login_required
@require_POST
def saved_search_create(request: AuthenticatedRequest) -> HttpResponse:
    form = SavedSearchForm(request.POST)
    query = ""
    if form.is_valid():
        query = form.cleaned_data["query"]
        with message_errors(request):
            services.saved_search_create(
                user=request.user, name=form.cleaned_data["name"], query=query
            )
            messages.success(request, _("Søgningen er gemt."))
    else:
        messages.error(request, _saved_search_refusal(form))
        # Keep the user's filters: the query is only ever appended to the catalogue's own URL.
        query = str(request.POST.get("query", ""))[: SavedSearchForm.QUERY_MAX]
    # Re-encoded, so a hand-made query with a line break cannot break the Location header.
    return redirect(f"{reverse('catalogue:catalogue')}?{QueryDict(query).urlencode()}")


def _saved_search_refusal(form: SavedSearchForm) -> str:
    if form.has_error("name", "max_length"):
        return _("Navnet på søgningen må højst have %(max)s tegn.") % {
            "max": SavedSearchForm.NAME_MAX
        }
    return _("Giv søgningen et navn.")


@login_required
@require_POST
def saved_search_delete(request: AuthenticatedRequest, search_id: int) -> HttpResponse:
    search = selectors.access_saved_search(user=request.user, search_id=search_id)
    services.saved_search_delete(user=request.user, search=search)
    messages.success(request, _("Søgningen er slettet."))
    return redirect("catalogue:catalogue")


# --- Umbrella processes ------------------------------------------------------------------


@login_required
def umbrella_list(request: AuthenticatedRequest) -> HttpResponse:
    context = {
        "umbrellas": selectors.umbrella_list(user=request.user),
        "can_edit": can(request.user, Action.EDIT),
    }
    return render(request, "catalogue/umbrella_list.html", context)


@login_required
def umbrella_detail(request: AuthenticatedRequest, umbrella_id: int) -> HttpResponse:
    umbrella = selectors.access_umbrella(user=request.user, umbrella_id=umbrella_id)
    context = {
        "umbrella": umbrella,
        "processes": selectors.umbrella_processes(user=request.user, umbrella=umbrella),
        "can_edit": can(request.user, Action.EDIT, umbrella.municipality),
    }
    return render(request, "catalogue/umbrella_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def umbrella_create(request: AuthenticatedRequest) -> HttpResponse:
    require_edit(request.user)
    form = UmbrellaForm(
        request.POST or None, processes=selectors.umbrella_process_choices(user=request.user)
    )
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "lock_version"}
        with form_errors(form):
            umbrella = services.umbrella_create(user=request.user, **data)
            messages.success(request, _("Paraplyprocessen er oprettet."))
            return redirect("catalogue:umbrella_detail", umbrella_id=umbrella.pk)
    return render(request, "catalogue/umbrella_form.html", {"form": form, "creating": True})


@login_required
@require_http_methods(["GET", "POST"])
def umbrella_edit(request: AuthenticatedRequest, umbrella_id: int) -> HttpResponse:
    umbrella = selectors.access_umbrella_for_edit(user=request.user, umbrella_id=umbrella_id)
    initial = {
        "name": umbrella.name,
        "description": umbrella.description,
        "visibility": umbrella.visibility,
        "processes": list(umbrella.processes.all()),
        "lock_version": umbrella.lock_version,
    }
    form = UmbrellaForm(
        request.POST or None,
        initial=initial,
        processes=selectors.umbrella_process_choices(user=request.user),
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["lock_version"] = data["lock_version"] or 0
        with form_errors(form):
            services.umbrella_update(user=request.user, umbrella=umbrella, **data)
            messages.success(request, _("Ændringerne er gemt."))
            return redirect("catalogue:umbrella_detail", umbrella_id=umbrella.pk)
    return render(request, "catalogue/umbrella_form.html", {"form": form, "umbrella": umbrella})


@login_required
@require_POST
def umbrella_delete(request: AuthenticatedRequest, umbrella_id: int) -> HttpResponse:
    umbrella = selectors.access_umbrella_for_edit(user=request.user, umbrella_id=umbrella_id)
    services.umbrella_delete(user=request.user, umbrella=umbrella)
    messages.success(request, _("Paraplyprocessen er slettet."))
    return redirect("catalogue:umbrella_list")


# --- Quick share and the record sections' state ------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def candidate_quick_share(request: AuthenticatedRequest) -> HttpResponse:
    require_edit(request.user)
    form = QuickShareForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with form_errors(form):
            candidate = services.candidate_quick_share(user=request.user, **form.cleaned_data)
            messages.success(
                request,
                _("Kandidaten er delt med samarbejdet. Udfyld resten, når I når længere."),
            )
            return redirect("catalogue:candidate_detail", candidate_id=candidate.pk)
    return render(request, "catalogue/quick_share_form.html", {"form": form})


@dataclass(frozen=True)
class SectionState:
    key: str
    reached: bool
    phase_label: str  # the phase from which the section is filled in
    open: bool  # unfolded: its phase is reached or it already holds something


def record_section_states(candidate: Candidate) -> dict[str, SectionState]:
    """The candidate page's record sections for its phase and content, with the phase names to
    show."""
    labels = dict(CandidatePhase.choices)
    values = {
        field: candidate.process_id if field == "process" else getattr(candidate, field)
        for fields in SECTION_FIELDS.values()
        for field in fields
    }
    sections = record_sections(candidate.phase, filled_sections(values, SECTION_FIELDS))
    return {
        key: SectionState(key, section.reached, str(labels[section.opens_at]), section.open)
        for key, section in sections.items()
    }
