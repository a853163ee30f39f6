"""The REST API at /api/v1: one NinjaAPI that mounts each app's router.

The generated schema is committed as docs/openapi.json and a test fails when they differ:
regenerate with ``make openapi`` after a deliberate change.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.operation import Operation

from procesbank.benefits.api import router as benefits_router
from procesbank.catalogue.api import router as catalogue_router
from procesbank.competence.api import router as competence_router
from procesbank.core.errors import UserError
from procesbank.dictionary.api import router as dictionary_router
from procesbank.economics.api import router as economics_router
from procesbank.governance.api import router as governance_router
from procesbank.handbook.api import router as handbook_router
from procesbank.kit.api import (
    BodyRefusedError,
    ErrorOut,
    ObjectBodyParser,
    StaleOut,
    ValidationErrorOut,
    django_validation_details,
    nul_details,
    nul_locations,
    validation_details,
)
from procesbank.kit.apidocs import AccessibleDocs
from procesbank.kit.locking import StaleEditError
from procesbank.knowledge.api import router as knowledge_router
from procesbank.mining.api import router as mining_router
from procesbank.notifications.api import router as notifications_router
from procesbank.organisations.api import router as organisations_router
from procesbank.organisations.api_auth import api_auth
from procesbank.processes.api import router as processes_router
from procesbank.profiles.api import router as profiles_router
from procesbank.projects.api import router as projects_router
from procesbank.search.api import router as search_router

api = NinjaAPI(
    title="Procesbank API",
    version="1",
    description=(
        "Procesbank's REST API. Authenticate with a personal API token: "
        "`Authorization: Bearer <token>` (create one under *API-nøgler* or with "
        "`procesbank token create USERNAME`)."
    ),
    auth=api_auth,
    parser=ObjectBodyParser(),
    urls_namespace="api",
    # An accessible page of the house instead of Swagger UI (WCAG 2.1 AA, issue 19).
    docs=AccessibleDocs(),
)
for router in (
    organisations_router,
    dictionary_router,
    processes_router,
    governance_router,
    mining_router,
    catalogue_router,
    profiles_router,
    projects_router,
    economics_router,
    benefits_router,
    handbook_router,
    knowledge_router,
    competence_router,
    notifications_router,
    search_router,
):
    api.add_router("/", router)


# --- Errors: every refusal answers {"detail": ...} in the user's language (kit/api.py) --------

# The parameter names of request bodies, left out of a field's location ("body", "name").
_BODY_PARAMS: set[str] = set()


@api.exception_handler(StaleEditError)
def _stale(request: HttpRequest, error: StaleEditError) -> HttpResponse:
    body = StaleOut(
        detail=error.render(_), updated_by=error.editor, updated_at=error.edited_at
    ).model_dump(mode="json")
    return api.create_response(request, body, status=409)


@api.exception_handler(UserError)
def _user_error(request: HttpRequest, error: UserError) -> HttpResponse:
    return api.create_response(request, {"detail": error.render(_)}, status=422)


@api.exception_handler(ValidationError)
def _validation_error(request: HttpRequest, error: ValidationError) -> HttpResponse:
    messages = error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}
    return api.create_response(request, {"detail": django_validation_details(messages)}, status=422)


@api.exception_handler(NinjaValidationError)
def _schema_error(request: HttpRequest, error: NinjaValidationError) -> HttpResponse:
    detail = validation_details(error.errors, body_params=_BODY_PARAMS)
    return api.create_response(request, {"detail": detail}, status=422)


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, error: HttpError) -> HttpResponse:
    if isinstance(error.__cause__, BodyRefusedError):  # JSON, but not a body we can take
        return api.create_response(request, {"detail": error.__cause__.details}, status=422)
    messages = {
        400: _("Forespørgslens indhold kunne ikke læses: send gyldig JSON."),
        401: _("Log ind, eller send en gyldig API-nøgle: Authorization: Bearer <nøgle>."),
        403: _("Du har ikke adgang til dette."),
        429: _("For mange forespørgsler: vent lidt, og prøv igen."),
    }
    message = messages.get(error.status_code, str(error))
    return api.create_response(request, {"detail": message}, status=error.status_code)


@api.exception_handler(PermissionDenied)
def _permission_denied(request: HttpRequest, error: PermissionDenied) -> HttpResponse:
    return api.create_response(request, {"detail": _("Du har ikke adgang til dette.")}, status=403)


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, error: Http404) -> HttpResponse:
    return api.create_response(request, {"detail": _("Findes ikke.")}, status=404)


def _fields(model: Any) -> dict[str, Any]:
    return getattr(model, "model_fields", {})


def _takes_field(operation: Operation, wanted: Callable[[str], bool]) -> bool:
    """Whether a parameter, or a field of a body, has a name that ``wanted`` accepts."""
    for model in operation.models:
        for name, field in _fields(model).items():
            if wanted(name) or any(wanted(inner) for inner in _fields(field.annotation)):
                return True
    return False


def _declare_errors(operation: Operation, path: str) -> None:
    """Add the error answers an operation may give to its documented responses (they are
    made by the handlers above, so only the schema learns of them)."""
    sources = {model.__ninja_param_source__ for model in operation.models}
    for model in operation.models:
        if model.__ninja_param_source__ in ("body", "form", "file"):
            _BODY_PARAMS.update(_fields(model))
    codes: dict[int, type] = {}
    if sources & {"body", "form", "file"}:
        codes[400] = ErrorOut
    if operation.auth_callbacks:
        codes[401] = ErrorOut
        codes[403] = ErrorOut
    if "{" in path or _takes_field(operation, lambda name: name.endswith("_id")):
        codes[404] = ErrorOut  # a row named in the path or the body that the caller cannot see
    if _takes_field(operation, lambda name: name == "lock_version"):
        codes[409] = StaleOut
    if operation.models:
        codes[422] = ValidationErrorOut
    for code, schema in codes.items():
        operation.response_models.setdefault(code, operation._create_response_model(schema))


def _refuse_nul(run: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Refuse a NUL character in the path or the query (the body's are refused by its parser)
    before any parameter reaches a selector: the database cannot store or compare it."""

    def checked(request: HttpRequest, *args: Any, **path: Any) -> HttpResponse:
        places = nul_locations(path, ["path"]) + nul_locations(dict(request.GET.lists()), ["query"])
        if places:
            query = [[*p[:2]] for p in places if p[0] == "query"]  # a query value's index: no use
            shown = [p for p in places if p[0] == "path"] + query
            return api.create_response(request, {"detail": nul_details(shown)}, status=422)
        return run(request, *args, **path)

    return checked


api.add_decorator(_refuse_nul, mode="view")

# django-ninja binds a copy of each router's operations to the API (with the API's auth); those
# copies are what runs and what the schema shows.
for _bound in api._get_bound_routers():
    for _path, _view in _bound.path_operations.items():
        for _operation in _view.operations:
            _declare_errors(_operation, _path)
