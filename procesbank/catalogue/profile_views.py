"""Pages of the municipality profile ("Kommuneprofil") and of the quick share, and the
state of the candidate page's record sections."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from procesbank.catalogue import profile_selectors, services
from procesbank.catalogue.engine.record import SECTION_FIELDS, filled_sections, record_sections
from procesbank.catalogue.models import Candidate, CandidatePhase
from procesbank.catalogue.profile_forms import MunicipalityProfileForm, QuickShareForm
from procesbank.core.errors import UserError
from procesbank.organisations.formerrors import attach_errors
from procesbank.organisations.models import AuthenticatedRequest
from procesbank.organisations.permissions import Action, can


@login_required
def municipality_profile(request: AuthenticatedRequest, code: str) -> HttpResponse:
    profile = profile_selectors.access_municipality_profile(user=request.user, code=code)
    municipality = profile.municipality
    context = {
        "profile": profile,
        "municipality": municipality,
        "counts": profile_selectors.profile_shared_counts(
            user=request.user, municipality=municipality
        ),
        "process_systems": sorted(
            profile_selectors.process_it_systems(municipality=municipality)
            - {s.lower() for s in profile.it_systems}
        ),
        "can_edit": profile_selectors.can_edit_profile(
            user=request.user, municipality=municipality
        ),
    }
    return render(request, "catalogue/municipality_profile.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def municipality_profile_edit(request: AuthenticatedRequest, code: str) -> HttpResponse:
    profile = profile_selectors.access_municipality_profile(user=request.user, code=code)
    municipality = profile.municipality
    if not profile_selectors.can_edit_profile(user=request.user, municipality=municipality):
        raise PermissionDenied
    initial = {
        "contact_person": profile.contact_person,
        "contact_email": profile.contact_email,
        "contact_phone": profile.contact_phone,
        "website": profile.website,
        "technologies": profile.technologies,
        "it_systems": profile.it_systems,
        "lock_version": profile.lock_version,
    }
    form = MunicipalityProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.municipality_profile_update(
                user=request.user, municipality=municipality, **form.service_data()
            )
        except (ValidationError, UserError) as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("Kommuneprofilen er gemt."))
            return redirect("catalogue:municipality_profile", code=municipality.code)
    return render(
        request,
        "catalogue/municipality_profile_form.html",
        {"form": form, "municipality": municipality},
    )


@login_required
@require_http_methods(["GET", "POST"])
def candidate_quick_share(request: AuthenticatedRequest) -> HttpResponse:
    if not can(request.user, Action.EDIT):
        raise PermissionDenied
    form = QuickShareForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            candidate = services.candidate_quick_share(user=request.user, **form.cleaned_data)
        except (ValidationError, UserError) as error:
            attach_errors(form, error)
        else:
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
    sections = record_sections(candidate.phase, filled_sections(values))
    return {
        key: SectionState(key, section.reached, str(labels[section.opens_at]), section.open)
        for key, section in sections.items()
    }
