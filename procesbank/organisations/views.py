"""Pages for people and organisations: start page, municipalities, users, audit log, API keys."""

from __future__ import annotations

from dataclasses import asdict

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django.views.i18n import set_language

from procesbank.core.errors import UserError
from procesbank.kit.formerrors import form_errors, message_errors
from procesbank.kit.paging import CappedPaginator
from procesbank.organisations import selectors, services
from procesbank.organisations.forms import (
    AccessibilityStatementForm,
    ApiTokenForm,
    PersonForm,
    ProfileForm,
    UnitForm,
    UnitImportForm,
    UserCreateForm,
    UserUpdateForm,
)
from procesbank.organisations.models import AuthenticatedRequest, Language, Role
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
    page = CappedPaginator(entries, 50).get_page(request.GET.get("side"))
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


# --- the person's own profile ----------------------------------------------------------------
def _person_initial(person: object) -> dict[str, object]:
    initial = {name: getattr(person, name) for name in services.PERSON_FIELDS}
    # Not chosen yet: the language the person reads in now.
    initial["language"] = initial["language"] or translation.get_language() or "da"
    return initial


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: AuthenticatedRequest) -> HttpResponse:
    """The user's own name, job title, e-mail and language (role and unit are shown; the
    municipality's administrators set them)."""
    form = ProfileForm(
        request.POST if request.method == "POST" else None, initial=_person_initial(request.user)
    )
    if request.method == "POST" and form.is_valid():
        with form_errors(form):
            services.user_profile_update(user=request.user, **form.cleaned_data)
            messages.success(request, _("Din profil er gemt."))
            response = redirect("organisations:profile")
            # The cookie follows, so pages before the next log-in keep the language too.
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                request.user.language,
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
            )
            return response
    return render(request, "organisations/profile.html", {"form": form})


@require_POST
def language_set(request: HttpRequest) -> HttpResponse:
    """The header's language switch: stored on a logged-in user, a cookie for everyone."""
    language = request.POST.get("language", "")
    user = request.user
    if user.is_authenticated and language in Language.values:
        services.user_language_set(user=user, language=language)
    return set_language(request)


# --- people (municipal administrators) --------------------------------------------------------
@login_required
def person_list(request: AuthenticatedRequest) -> HttpResponse:
    people = selectors.person_list(user=request.user)
    return render(
        request,
        "organisations/person_list.html",
        {"people": people, "across": request.user.role == Role.SAMARBEJDSADMIN},
    )


@login_required
@require_http_methods(["GET", "POST"])
def person_edit(request: AuthenticatedRequest, person_id: int) -> HttpResponse:
    person = selectors.access_person(user=request.user, person_id=person_id)
    if not selectors.can_edit_person(user=request.user, person=person):
        raise PermissionDenied
    initial = {**_person_initial(person), "unit": person.unit_id}
    form = PersonForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        units=selectors.unit_choices(user=request.user),
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        unit_id = data.pop("unit")
        with form_errors(form):
            unit = selectors.access_unit(user=request.user, unit_id=unit_id) if unit_id else None
            services.person_update(user=request.user, target=person, unit=unit, **data)
            messages.success(request, _("%(name)s er gemt.") % {"name": person})
            return redirect("organisations:person_list")
    return render(request, "organisations/person_form.html", {"form": form, "person": person})


# --- organisational units --------------------------------------------------------------------
def _require_unit_admin(request: AuthenticatedRequest) -> None:
    if not can(request.user, Action.ADMINISTER_MUNICIPALITY):
        raise PermissionDenied


@login_required
@require_http_methods(["GET", "POST"])
def unit_tree(request: AuthenticatedRequest) -> HttpResponse:
    """The municipality's units as a tree, with a form to add one."""
    _require_unit_admin(request)
    nodes = selectors.unit_tree(user=request.user, with_counts=True)
    choices = [(node.unit.pk, node.indented_name) for node in nodes]
    form = UnitForm(request.POST if request.method == "POST" else None, units=choices)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("lock_version", None)
        parent_id = data.pop("parent")
        with form_errors(form):
            parent = (
                selectors.access_unit(user=request.user, unit_id=parent_id) if parent_id else None
            )
            unit = services.unit_create(user=request.user, parent=parent, **data)
            messages.success(request, _("Enheden %(name)s er oprettet.") % {"name": unit.name})
            return redirect("organisations:unit_tree")
    return render(request, "organisations/unit_tree.html", {"nodes": nodes, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def unit_edit(request: AuthenticatedRequest, unit_id: int) -> HttpResponse:
    """Rename, re-kind or move a unit (choose another unit above it)."""
    _require_unit_admin(request)
    unit = selectors.access_unit(user=request.user, unit_id=unit_id)
    below = selectors.unit_with_descendants(user=request.user, unit_id=unit.pk)
    choices = [pk_name for pk_name in selectors.unit_choices(user=request.user)]
    choices = [(pk, name) for pk, name in choices if pk not in below]
    initial = {
        "name": unit.name,
        "kind": unit.kind,
        "parent": unit.parent_id,
        "external_id": unit.external_id,
        "lock_version": unit.lock_version,
    }
    form = UnitForm(
        request.POST if request.method == "POST" else None, initial=initial, units=choices
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        parent_id = data.pop("parent")
        lock_version = data.pop("lock_version") or unit.lock_version
        with form_errors(form):
            parent = (
                selectors.access_unit(user=request.user, unit_id=parent_id) if parent_id else None
            )
            services.unit_update(
                user=request.user, unit=unit, lock_version=lock_version, parent=parent, **data
            )
            messages.success(request, _("Enheden %(name)s er gemt.") % {"name": data["name"]})
            return redirect("organisations:unit_tree")
    return render(request, "organisations/unit_form.html", {"form": form, "unit": unit})


@login_required
@require_POST
def unit_delete(request: AuthenticatedRequest, unit_id: int) -> HttpResponse:
    _require_unit_admin(request)
    unit = selectors.access_unit(user=request.user, unit_id=unit_id)
    name = unit.name
    with message_errors(request):
        services.unit_delete(user=request.user, unit=unit)
        messages.success(request, _("Enheden %(name)s er slettet.") % {"name": name})
    return redirect("organisations:unit_tree")


UNIT_IMPORT_SESSION_KEY = "unit_import"


@login_required
@require_http_methods(["GET", "POST"])
def unit_import(request: AuthenticatedRequest) -> HttpResponse:
    """Upload an export and see every row (new, update or error); nothing is saved yet."""
    _require_unit_admin(request)
    form = UnitImportForm(request.POST or None, request.FILES or None)
    rows: list[services.UnitPreviewRow] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rows = services.unit_import_preview(
                user=request.user,
                data=upload.read(services.units.IMPORT_MAX_BYTES + 1),
                filename=upload.name or "",
            )
        except UserError as error:
            form.add_error("file", error.render(_))
    valid = bool(rows) and not any(row.action == services.units.ERROR for row in rows)
    request.session[UNIT_IMPORT_SESSION_KEY] = [asdict(row) for row in rows] if valid else None
    counts = {
        action: sum(1 for row in rows if row.action == action)
        for action in (services.units.NEW, services.units.UPDATE, services.units.ERROR)
    }
    return render(
        request,
        "organisations/unit_import.html",
        {"form": form, "rows": rows, "valid": valid, "counts": counts},
    )


@login_required
@require_POST
def unit_import_save(request: AuthenticatedRequest) -> HttpResponse:
    """Save the previewed rows, all or nothing."""
    _require_unit_admin(request)
    stored = request.session.get(UNIT_IMPORT_SESSION_KEY) or []
    if not stored:
        messages.error(request, _("Der er ingen kontrolleret fil at gemme. Indlæs filen igen."))
        return redirect("organisations:unit_import")
    with message_errors(request, prefix=_("Intet er gemt: %(error)s")):
        result = services.unit_import(user=request.user, rows=stored)
        request.session.pop(UNIT_IMPORT_SESSION_KEY, None)
        messages.success(
            request,
            _("Enhederne er importeret: %(created)s nye og %(updated)s opdaterede.")
            % {"created": result.created, "updated": result.updated},
        )
        return redirect("organisations:unit_tree")
    return redirect("organisations:unit_import")
