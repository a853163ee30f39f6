"""Pages for people and organisations: start page, municipalities, users, audit log, API keys."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from procesbank.kit.formerrors import form_errors, message_errors
from procesbank.organisations import selectors, services
from procesbank.organisations.forms import (
    AccessibilityStatementForm,
    ApiTokenForm,
    UserCreateForm,
    UserUpdateForm,
)
from procesbank.organisations.models import AuthenticatedRequest
from procesbank.organisations.permissions import Action, assignable_roles, can


@login_required
def municipality_list(request: AuthenticatedRequest) -> HttpResponse:
    municipalities = selectors.municipality_list(user=request.user)
    return render(
        request, "organisations/municipality_list.html", {"municipalities": municipalities}
    )


@login_required
@require_http_methods(["GET", "POST"])
def accessibility_statement_edit(request: AuthenticatedRequest) -> HttpResponse:
    """The own municipality's link to its accessibility statement (municipal admins)."""
    municipality = request.user.municipality
    if municipality is None or not can(request.user, Action.ADMINISTER_MUNICIPALITY, municipality):
        raise PermissionDenied
    form = AccessibilityStatementForm(
        request.POST if request.method == "POST" else None,
        initial={"url": municipality.accessibility_statement_url},
    )
    if request.method == "POST" and form.is_valid():
        with form_errors(form):
            services.municipality_accessibility_statement_update(
                user=request.user, url=form.cleaned_data["url"]
            )
            messages.success(request, _("Linket til tilgængelighedserklæringen er gemt."))
            return redirect("organisations:accessibility_statement_edit")
    return render(
        request,
        "organisations/accessibility_statement_form.html",
        {"form": form, "municipality": municipality},
    )


@login_required
@require_http_methods(["GET", "POST"])
def user_list(request: AuthenticatedRequest) -> HttpResponse:
    users = selectors.user_list(user=request.user)
    roles = assignable_roles(request.user)
    form = UserCreateForm(request.POST or None, roles=roles)
    if request.method == "POST" and form.is_valid():
        with form_errors(form):
            created = services.user_create(user=request.user, **form.cleaned_data)
            messages.success(
                request, _("Brugeren %(username)s er oprettet.") % {"username": created.username}
            )
            return redirect("organisations:user_list")
    return render(
        request, "organisations/user_list.html", {"users": users, "form": form, "roles": roles}
    )


@login_required
@require_POST
def user_update(request: AuthenticatedRequest, user_id: int) -> HttpResponse:
    target = selectors.access_user(user=request.user, user_id=user_id)
    form = UserUpdateForm(request.POST, roles=assignable_roles(request.user))
    if form.is_valid():
        with message_errors(request):
            services.user_update(user=request.user, target=target, **form.cleaned_data)
            messages.success(
                request, _("Ændringen af %(username)s er gemt.") % {"username": target.username}
            )
    else:
        messages.error(request, _("Vælg en gyldig rolle."))
    return redirect("organisations:user_list")


@login_required
def audit_log(request: AuthenticatedRequest) -> HttpResponse:
    entries = selectors.audit_entry_list(user=request.user)
    page = Paginator(entries, 50).get_page(request.GET.get("side"))
    rows = selectors.audit_rows(user=request.user, entries=page.object_list)
    return render(request, "organisations/audit_log.html", {"page": page, "rows": rows})


@login_required
@require_http_methods(["GET", "POST"])
def api_tokens(request: AuthenticatedRequest) -> HttpResponse:
    form = ApiTokenForm(request.POST or None)
    new_token = None
    if request.method == "POST" and form.is_valid():
        with form_errors(form):
            _token, new_token = services.api_token_create(
                user=request.user, name=form.cleaned_data["name"]
            )
            form = ApiTokenForm()
    tokens = selectors.api_token_list(user=request.user)
    return render(
        request,
        "organisations/api_tokens.html",
        {"form": form, "tokens": tokens, "new_token": new_token},
    )


@login_required
@require_POST
def api_token_revoke(request: AuthenticatedRequest, token_id: int) -> HttpResponse:
    token = services.api_token_revoke(user=request.user, token_id=token_id)
    messages.success(request, _("Nøglen “%(name)s” er spærret.") % {"name": token.name})
    return redirect("organisations:api_tokens")
