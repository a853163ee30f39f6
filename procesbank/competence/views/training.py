"""Pages of programmes, cohorts, enrolments, grades, consultants and the cohort export."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from procesbank.competence import selectors, services
from procesbank.competence.engine.grades import Grade
from procesbank.competence.exports import cohort_workbook
from procesbank.competence.forms import (
    CohortForm,
    ConsultantForm,
    EnrolForm,
    EnrolmentForm,
    GradeForm,
    ModuleSectionForm,
    ProgrammeForm,
    SeatsForm,
)
from procesbank.competence.views.common import (
    require_admin,
    set_choices,
)
from procesbank.kit.downloads import download, file_name
from procesbank.kit.formerrors import form_errors, message_errors
from procesbank.kit.formfields import EMPTY_LABEL
from procesbank.organisations.models import AuthenticatedRequest
from procesbank.organisations.pickers import owner_label
from procesbank.organisations.selectors import municipality_list


# --- overview, programmes, cohorts -------------------------------------------------------------
@login_required
def competence_overview(request: AuthenticatedRequest) -> HttpResponse:
    context = {
        "programmes": selectors.programme_list(user=request.user),
        "cohorts": selectors.cohort_list(user=request.user),
        "can_administer": selectors.can_administer(user=request.user),
        "section_choices": ModuleSectionForm.section_choices(),
        "examples": selectors.assignment_examples(user=request.user),
    }
    return render(request, "competence/overview.html", context)


@login_required
@require_POST
def module_handbook_section(request: AuthenticatedRequest, module_id: int) -> HttpResponse:
    """The collaboration administrator links a module to the handbook section it teaches."""
    module = selectors.access_module(user=request.user, module_id=module_id)
    require_admin(request)
    form = ModuleSectionForm(request.POST)
    if form.is_valid():
        with message_errors(request):
            services.module_handbook_section_set(
                user=request.user, module=module, section=form.cleaned_data["handbook_section"]
            )
            messages.success(request, _("Modulets afsnit i metodehåndbogen er gemt."))
    else:
        messages.error(request, _("Vælg et afsnit i metodehåndbogen."))
    return redirect("competence:competence_overview")


@login_required
@require_http_methods(["GET", "POST"])
def programme_create(request: AuthenticatedRequest) -> HttpResponse:
    require_admin(request)
    form = ProgrammeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with form_errors(form):
            services.programme_create(user=request.user, **form.cleaned_data)
            messages.success(request, _("Forløbet er oprettet."))
            return redirect("competence:competence_overview")
    return render(
        request, "competence/form.html", {"form": form, "title": _("Nyt uddannelsesforløb")}
    )


@login_required
@require_http_methods(["GET", "POST"])
def cohort_create(request: AuthenticatedRequest) -> HttpResponse:
    require_admin(request)
    form = CohortForm(request.POST or None)
    programmes = selectors.programme_list(user=request.user)
    set_choices(form, "programme", [(p.pk, p.name) for p in programmes])
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        programme = selectors.access_programme(
            user=request.user, programme_id=data.pop("programme")
        )
        with form_errors(form):
            cohort = services.cohort_create(user=request.user, programme=programme, **data)
            messages.success(request, _("Holdet er oprettet. Angiv nu kommunernes pladser."))
            return redirect("competence:cohort_detail", cohort_id=cohort.pk)
    return render(request, "competence/form.html", {"form": form, "title": _("Nyt hold")})


@login_required
def cohort_detail(request: AuthenticatedRequest, cohort_id: int) -> HttpResponse:
    user = request.user
    cohort = selectors.access_cohort(user=user, cohort_id=cohort_id)
    enrolments = list(selectors.enrolment_list(cohort=cohort))
    readable = set(
        selectors.assignment_process_choices(user=user)
        .filter(pk__in=[e.assignment_process_id for e in enrolments if e.assignment_process_id])
        .values_list("pk", flat=True)
    )
    rows = [
        {
            "enrolment": e,
            "grade": selectors.grade_label(e.grade)
            if selectors.can_see_grade(user=user, enrolment=e)
            else None,
            "attended": len(e.attended_modules.all()),
            "process_readable": e.assignment_process_id in readable,
            "can_edit": selectors.can_administer(user=user)
            or selectors.can_enrol(user=user, municipality=e.municipality),
        }
        for e in enrolments
    ]
    statistics = selectors.cohort_statistics(user=user, cohort=cohort)
    shares = selectors.cohort_seat_shares(cohort=cohort)
    context: dict[str, Any] = {
        "cohort": cohort,
        "modules": list(cohort.programme.modules.all()),
        "shares": shares,
        "seats_total": sum(s.seats for s in shares),
        "cost_total": sum(s.cost for s in shares),
        "rows": rows,
        "statistics": statistics,
        "chart": {
            "kind": "bar",
            "categories": [grade.label for grade in Grade],
            "series": [
                {"name": _("Antal"), "data": list(statistics.overall.distribution.values())}
            ],
        },
        "can_administer": selectors.can_administer(user=user),
        "grades": [grade.label for grade in Grade],
    }
    if selectors.can_administer(user=user):
        seats_form = SeatsForm()
        set_choices(
            seats_form, "municipality", [(m.pk, m.name) for m in municipality_list(user=user)]
        )
        context["seats_form"] = seats_form
    if selectors.can_enrol(user=user) and any(s.municipality == user.municipality for s in shares):
        enrol_form = EnrolForm()
        set_choices(
            enrol_form,
            "consultant",
            [("", EMPTY_LABEL)]
            + [(c.pk, c.name) for c in selectors.enrollable_consultants(user=user, cohort=cohort)],
        )
        context["enrol_form"] = enrol_form
    return render(request, "competence/cohort_detail.html", context)


@login_required
@require_POST
def cohort_seats(request: AuthenticatedRequest, cohort_id: int) -> HttpResponse:
    cohort = selectors.access_cohort(user=request.user, cohort_id=cohort_id)
    require_admin(request)
    form = SeatsForm(request.POST)
    municipalities = {m.pk: m for m in municipality_list(user=request.user)}
    set_choices(form, "municipality", [(pk, m.name) for pk, m in municipalities.items()])
    if form.is_valid():
        with message_errors(request):
            services.cohort_seats_set(
                user=request.user,
                cohort=cohort,
                municipality=municipalities[form.cleaned_data["municipality"]],
                seats=form.cleaned_data["seats"],
            )
            messages.success(request, _("Pladserne er gemt."))
    else:
        messages.error(request, _("Vælg en kommune og et antal pladser."))
    return redirect("competence:cohort_detail", cohort_id=cohort.pk)


@login_required
@require_POST
def enrolment_create(request: AuthenticatedRequest, cohort_id: int) -> HttpResponse:
    cohort = selectors.access_cohort(user=request.user, cohort_id=cohort_id)
    if not selectors.can_enrol(user=request.user):
        raise PermissionDenied
    form = EnrolForm(request.POST)
    candidates = {
        c.pk: c for c in selectors.enrollable_consultants(user=request.user, cohort=cohort)
    }
    set_choices(
        form, "consultant", [("", EMPTY_LABEL), *[(pk, c.name) for pk, c in candidates.items()]]
    )
    if not form.is_valid():
        for error in form.errors.values():
            messages.error(request, " ".join(str(message) for message in error))
        return redirect("competence:cohort_detail", cohort_id=cohort.pk)
    with message_errors(request):
        chosen = form.cleaned_data["consultant"]
        enrolment = services.enrolment_create(
            user=request.user,
            cohort=cohort,
            consultant=None if chosen is None else candidates[chosen],
            new_name=form.cleaned_data["new_name"] or "",
        )
        messages.success(
            request, _("%(name)s er tilmeldt holdet.") % {"name": enrolment.consultant.name}
        )
    return redirect("competence:cohort_detail", cohort_id=cohort.pk)


@login_required
@require_http_methods(["GET", "POST"])
def enrolment_edit(request: AuthenticatedRequest, enrolment_id: int) -> HttpResponse:
    enrolment = selectors.access_enrolment(user=request.user, enrolment_id=enrolment_id)
    modules = list(enrolment.cohort.programme.modules.all())
    form = EnrolmentForm(
        request.POST or None,
        initial={
            "attended_modules": [m.pk for m in enrolment.attended_modules.all()],
            "assignment_title": enrolment.assignment_title,
            "assignment_process": enrolment.assignment_process_id,
            "assignment_example": enrolment.assignment_example,
        },
    )
    set_choices(form, "attended_modules", [(m.pk, m.name) for m in modules])
    processes = selectors.assignment_process_choices(user=request.user)
    set_choices(
        form,
        "assignment_process",
        [("", EMPTY_LABEL), *[(p.pk, owner_label(p.name, p.municipality.name)) for p in processes]],
    )
    if request.method == "POST" and form.is_valid():
        chosen = set(form.cleaned_data["attended_modules"])
        with form_errors(form):
            services.enrolment_update(
                user=request.user,
                enrolment=enrolment,
                attended_modules=[m for m in modules if m.pk in chosen],
                assignment_title=form.cleaned_data["assignment_title"],
                assignment_process_id=form.cleaned_data["assignment_process"],
                assignment_example=form.cleaned_data["assignment_example"],
            )
            messages.success(request, _("Fremmøde og opgave er gemt."))
            return redirect("competence:cohort_detail", cohort_id=enrolment.cohort_id)
    return render(request, "competence/enrolment_form.html", {"form": form, "enrolment": enrolment})


@login_required
@require_POST
def enrolment_grade(request: AuthenticatedRequest, enrolment_id: int) -> HttpResponse:
    enrolment = selectors.access_enrolment(user=request.user, enrolment_id=enrolment_id)
    require_admin(request)
    form = GradeForm(request.POST)
    if form.is_valid():
        with message_errors(request):
            services.enrolment_grade_set(
                user=request.user,
                enrolment=enrolment,
                grade=form.cleaned_data["grade"],
                external_examiner=form.cleaned_data["external_examiner"],
            )
            messages.success(
                request,
                _("Karakteren %(grade)s er gemt for %(name)s.")
                % {"grade": selectors.grade_label(enrolment.grade), "name": enrolment.consultant},
            )
    else:
        messages.error(request, _("Skriv en karakter."))
    return redirect("competence:cohort_detail", cohort_id=enrolment.cohort_id)


# --- consultants -------------------------------------------------------------------------------
@login_required
@require_http_methods(["GET", "POST"])
def consultant_list(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    may_add = selectors.can_enrol(user=user)
    if request.method == "POST" and not may_add:
        raise PermissionDenied
    form = ConsultantForm(request.POST or None) if may_add else None
    if form is not None:
        users = {u.pk: u for u in selectors.municipality_users(user=user)}
        # The name, and the login the consultant is linked by ("Mette Lund (konsulent.x)").
        labels = [
            (pk, u.username if str(u) == u.username else f"{u} ({u.username})")
            for pk, u in users.items()
        ]
        set_choices(form, "user", [("", EMPTY_LABEL), *labels])
        if request.method == "POST" and form.is_valid():
            with form_errors(form):
                consultant = services.consultant_create(
                    user=user,
                    name=form.cleaned_data["name"],
                    login=users.get(form.cleaned_data["user"] or 0),
                )
                messages.success(request, _("%(name)s er registreret.") % {"name": consultant})
                return redirect("competence:consultant_list")
    context = {
        "consultants": selectors.consultant_list(user=user),
        "form": form,
        "active_days": selectors.ACTIVE_DAYS,
    }
    return render(request, "competence/consultant_list.html", context)


# --- export -----------------------------------------------------------------------------------
@login_required
def cohort_xlsx(request: AuthenticatedRequest, cohort_id: int) -> HttpResponse:
    cohort = selectors.access_cohort(user=request.user, cohort_id=cohort_id)
    content = cohort_workbook(user=request.user, cohort=cohort)
    return download(content, file_name(cohort.name, extension="xlsx", fallback="hold"))
