"""Pages of the municipality profile ("Kommuneprofil") and the recommendations built on it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from procesbank.kit.formerrors import form_errors
from procesbank.organisations.models import AuthenticatedRequest
from procesbank.profiles import selectors as profile_selectors
from procesbank.profiles import services
from procesbank.profiles.forms import MunicipalityProfileForm


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
    return render(request, "profiles/municipality_profile.html", context)


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
        with form_errors(form):
            services.municipality_profile_update(
                user=request.user, municipality=municipality, **form.service_data()
            )
            messages.success(request, _("Kommuneprofilen er gemt."))
            return redirect("profiles:municipality_profile", code=municipality.code)
    return render(
        request,
        "profiles/municipality_profile_form.html",
        {"form": form, "municipality": municipality},
    )


@login_required
def recommended(request: AuthenticatedRequest) -> HttpResponse:
    """Other municipalities' candidates that use what the user's municipality uses: a partial
    that the catalogue's dashboard loads."""
    items = profile_selectors.recommended_for(user=request.user)
    return render(request, "profiles/_recommended.html", {"recommended": items})
