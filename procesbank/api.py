"""The REST API at /api/v1: one NinjaAPI that mounts each app's router.

The generated schema is committed as docs/openapi.json and a test fails when they differ:
regenerate with ``make openapi`` after a deliberate change.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI

from procesbank.benefits.api import router as benefits_router
from procesbank.catalogue.api import router as catalogue_router
from procesbank.competence.api import router as competence_router
from procesbank.core.errors import UserError
from procesbank.economics.api import router as economics_router
from procesbank.kit.text import CleanParser
from procesbank.mining.api import router as mining_router
from procesbank.organisations.api import router as organisations_router
from procesbank.organisations.api_auth import api_auth
from procesbank.processes.api import router as processes_router
from procesbank.profiles.api import router as profiles_router
from procesbank.projects.api import router as projects_router

api = NinjaAPI(
    title="Procesbank API",
    version="1",
    description=(
        "Procesbank's REST API. Authenticate with a personal API token: "
        "`Authorization: Bearer <token>` (create one under *API-nøgler* or with "
        "`procesbank token create USERNAME`)."
    ),
    auth=api_auth,
    urls_namespace="api",
    parser=CleanParser(),  # text without control characters (kit/text.py)
)
for router in (
    organisations_router,
    processes_router,
    mining_router,
    catalogue_router,
    profiles_router,
    projects_router,
    economics_router,
    benefits_router,
    competence_router,
):
    api.add_router("/", router)


@api.exception_handler(UserError)
def _user_error(request: HttpRequest, error: UserError) -> HttpResponse:
    return api.create_response(request, {"detail": error.render(_)}, status=422)


@api.exception_handler(ValidationError)
def _validation_error(request: HttpRequest, error: ValidationError) -> HttpResponse:
    detail = error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}
    return api.create_response(request, {"detail": detail}, status=422)


@api.exception_handler(PermissionDenied)
def _permission_denied(request: HttpRequest, error: PermissionDenied) -> HttpResponse:
    return api.create_response(request, {"detail": _("Du har ikke adgang til dette.")}, status=403)


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, error: Http404) -> HttpResponse:
    return api.create_response(request, {"detail": _("Findes ikke.")}, status=404)
