"""Pages of single sign-on: the SAML service provider's endpoints (metadata, login, assertion
consumer, single logout) on djangosaml2's views, the OpenID Connect login and callback, and
the Danish refusal page every failed sign-on ends on."""

from __future__ import annotations

import logging
from typing import Any

import requests
import saml2
from authlib.common.errors import AuthlibBaseError
from authlib.integrations.base_client.errors import MismatchingStateError, OAuthError
from django.contrib import auth, messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from djangosaml2 import views as saml_views
from joserfc import errors as joserfc_errors
from saml2.client import Saml2Client
from saml2.response import StatusError, UnsolicitedResponse
from saml2.sigver import SignatureError, verify_redirect_signature
from saml2.validate import ResponseLifetimeExceed, ToEarly

from procesbank.core.errors import UserError
from procesbank.identity import oidc, selectors
from procesbank.identity.forms import OidcProviderForm, RoleMappingForm, SamlProviderForm
from procesbank.identity.saml import SamlNotConfigured, identity_from_assertion
from procesbank.identity.services import config as services_config
from procesbank.identity.services.login import sso_login
from procesbank.kit.formerrors import form_errors, message_errors
from procesbank.organisations.models import AuthenticatedRequest
from procesbank.organisations.permissions import Action, can

logger = logging.getLogger(__name__)

CONFIG_LOADER = "procesbank.identity.saml.config_loader"
SESSION_PROVIDER = "procesbank_saml_provider"
SESSION_METHOD = "procesbank_sso_method"
BACKEND = "django.contrib.auth.backends.ModelBackend"


def refused(request: HttpRequest, message: str, *, status: int = 403) -> HttpResponse:
    """The one page a refused sign-on ends on: why, in the reader's language, and the way
    back to the login page."""
    return render(request, "identity/refused.html", {"message": message}, status=status)


def _saml_failure_message(exception: BaseException | None) -> str:
    if isinstance(exception, PermissionDenied) and str(exception):
        return str(exception)
    if isinstance(exception, SignatureError):
        return _(
            "Svaret fra identitetsudbyderen har en ugyldig signatur og er afvist. Det kan være "
            "ændret undervejs. Prøv at logge ind igen."
        )
    if isinstance(exception, ResponseLifetimeExceed | ToEarly):
        return _(
            "Svaret fra identitetsudbyderen er udløbet (eller endnu ikke gyldigt) og er afvist. "
            "Prøv at logge ind igen, og kontrollér at computerens ur går rigtigt."
        )
    if exception is not None and "AudienceRestriction" in str(exception):
        return _(
            "Svaret fra identitetsudbyderen er udstedt til en anden tjeneste end Procesbank "
            "(forkert modtager/audience) og er afvist."
        )
    if isinstance(exception, UnsolicitedResponse):
        return _(
            "Procesbank har ikke bedt om dette login, eller det er allerede brugt. Start "
            "forfra fra log ind-siden."
        )
    if isinstance(exception, StatusError):
        return _("Identitetsudbyderen afviste login. Kontakt din kommunes it-afdeling.")
    return _("Svaret fra identitetsudbyderen kunne ikke læses og er afvist.")


def _not_configured(request: HttpRequest, error: UserError) -> HttpResponse:
    return refused(request, error.render(_), status=503)


class SamlMetadataView(saml_views.MetadataView):
    """The service provider's metadata at a stable URL, for KOMBIT's administration module."""

    config_loader_path = CONFIG_LOADER

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return super().get(request, *args, **kwargs)
        except SamlNotConfigured as error:
            return _not_configured(request, error)


class SamlLoginView(saml_views.LoginView):
    """Start a signed AuthnRequest to the chosen municipality's identity provider."""

    config_loader_path = CONFIG_LOADER

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        provider = selectors.access_enabled_saml_provider(provider_id=kwargs["provider_id"])
        if not provider.metadata_xml:
            return refused(
                request,
                _("Identitetsudbyderen for %(name)s mangler metadata. Kontakt administratoren.")
                % {"name": provider.municipality.name},
                status=503,
            )
        request.saml_session[SESSION_PROVIDER] = provider.pk  # type: ignore[attr-defined]
        query = request.GET.copy()
        query["idp"] = provider.entity_id
        request.GET = query  # type: ignore[assignment]
        try:
            return super().get(request, *args, **kwargs)
        except SamlNotConfigured as error:
            return _not_configured(request, error)

    def unknown_idp(self, request: HttpRequest, idp: str) -> HttpResponse:
        return refused(
            request,
            _("Identitetsudbyderens metadata kendes ikke. Kontakt administratoren."),
            status=503,
        )


class SamlAcsView(saml_views.AssertionConsumerServiceView):
    """The assertion consumer service: pysaml2 checks the response (signature, audience,
    lifetime, that it answers our request); then the person is mapped to a user here."""

    config_loader_path = CONFIG_LOADER

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if "SAMLResponse" not in request.POST:
            return refused(request, _("Der kom intet SAML-svar med."), status=400)
        try:
            return super().post(request, *args, **kwargs)
        except SamlNotConfigured as error:
            return _not_configured(request, error)

    def handle_acs_failure(
        self,
        request: HttpRequest,
        exception: BaseException | None = None,
        status: int = 403,
        **kwargs: Any,
    ) -> HttpResponse:
        cause = exception
        if isinstance(exception, SuspiciousOperation) and exception.__context__ is not None:
            cause = exception.__context__
        return refused(request, _saml_failure_message(cause), status=403)

    def authenticate_user(
        self,
        request: HttpRequest,
        session_info: dict[str, Any],
        attribute_mapping: Any,
        create_unknown_user: Any,
        assertion_info: Any,
    ) -> Any:
        saml_session = request.saml_session  # type: ignore[attr-defined]
        provider_id = saml_session.get(SESSION_PROVIDER)
        provider = (
            selectors.enabled_saml_providers().filter(pk=provider_id).first()
            if provider_id
            else None
        )
        issuer = str(session_info.get("issuer") or "")
        if provider is None or provider.entity_id != issuer:
            raise PermissionDenied(
                _("Svaret kommer fra en anden identitetsudbyder end den, du valgte. Start forfra.")
            )
        name_id = session_info["name_id"]
        try:
            identity = identity_from_assertion(
                provider=provider,
                issuer=issuer,
                name_id=str(getattr(name_id, "text", name_id) or ""),
                ava=session_info.get("ava") or {},
            )
            user = sso_login(municipality=provider.municipality, identity=identity)
        except UserError as error:
            raise PermissionDenied(error.render(_)) from None
        auth.login(request, user, backend=BACKEND)
        request.session[SESSION_METHOD] = "saml"
        saml_views._set_subject_id(saml_session, name_id)
        return user


class SamlLogoutInitView(saml_views.LogoutInitView):
    config_loader_path = CONFIG_LOADER

    def handle_unsupported_slo_exception(
        self, request: HttpRequest, exception: Exception, *args: Any, **kwargs: Any
    ) -> HttpResponse:
        return HttpResponseRedirect(reverse("organisations:login"))


class SamlLogoutView(saml_views.LogoutView):
    """Single logout: the identity provider's answer to our logout, or its own request. A
    logout request from the identity provider must carry its valid signature (djangosaml2
    does not ask pysaml2 to check it), else anyone could log a user out with a link."""

    config_loader_path = CONFIG_LOADER
    logout_error_template = "identity/logout_error.html"

    def do_logout_service(
        self, request: HttpRequest, data: Any, binding: str, *args: Any, **kwargs: Any
    ) -> HttpResponse:
        try:
            if "SAMLRequest" in data and not self._signed_by_identity_provider(
                request, data, binding
            ):
                return refused(
                    request,
                    _(
                        "Log-ud-anmodningen fra identitetsudbyderen er ikke signeret korrekt og "
                        "er afvist."
                    ),
                )
            return super().do_logout_service(request, data, binding, *args, **kwargs)
        except SamlNotConfigured as error:
            return _not_configured(request, error)

    def _signed_by_identity_provider(self, request: HttpRequest, data: Any, binding: str) -> bool:
        client = Saml2Client(self.get_sp_config(request))
        try:
            parsed = client.parse_logout_request(data["SAMLRequest"], binding)
        except Exception:  # a request that does not even parse (or a bad XML signature)
            logger.info("Unreadable SAML LogoutRequest", exc_info=True)
            return False
        if parsed is None:
            return False
        if binding != saml2.BINDING_HTTP_REDIRECT:
            # POST: pysaml2 verified an enveloped signature when there is one; demand one.
            return parsed.message.signature is not None
        if "Signature" not in data or "SigAlg" not in data:
            return False
        message = {
            name: data[name]
            for name in ("SAMLRequest", "RelayState", "SigAlg", "Signature")
            if name in data
        }
        certs = client.sec.metadata.certs(parsed.sender(), "any", "signing")
        return any(
            verify_redirect_signature(message, client.sec.sec_backend, cert)
            for _name, cert in certs
        )


@require_POST
def logout(request: HttpRequest) -> HttpResponse:
    """Log out; after a SAML sign-on also at the identity provider (single logout)."""
    if request.session.get(SESSION_METHOD) == "saml" and request.user.is_authenticated:
        request.method = "GET"
        try:
            return SamlLogoutInitView.as_view()(request)
        except SamlNotConfigured:
            pass
    auth.logout(request)
    return HttpResponseRedirect(reverse("organisations:login"))


OIDC_NEXT = "procesbank_oidc_next"


def oidc_login(request: HttpRequest, provider_id: int) -> HttpResponse:
    """Send the browser to the municipality's OpenID Connect provider (code flow, with state
    and nonce kept in the session by authlib)."""
    provider = selectors.access_enabled_oidc_provider(provider_id=provider_id)
    next_url = request.GET.get("next", "")
    if next_url and url_has_allowed_host_and_scheme(next_url, {request.get_host()}):
        request.session[OIDC_NEXT] = next_url
    redirect_uri = request.build_absolute_uri(reverse("identity:oidc_callback", args=[provider.pk]))
    try:
        return oidc.client_for(provider).authorize_redirect(request, redirect_uri)
    except (requests.RequestException, ValueError, KeyError, RuntimeError) as error:
        logger.warning("OIDC discovery failed for %s: %s", provider.issuer, error)
        return refused(request, oidc.refusal(error).render(_), status=503)


def oidc_callback(request: HttpRequest, provider_id: int) -> HttpResponse:
    """The provider's answer: exchange the code, check the id_token, log the person in."""
    provider = selectors.access_enabled_oidc_provider(provider_id=provider_id)
    try:
        token = oidc.client_for(provider).authorize_access_token(
            request, claims_options=oidc.claims_options(provider)
        )
    except OAuthError as error:
        if isinstance(error, MismatchingStateError):
            return refused(request, UserError(oidc.MSG_STATE).render(_))
        text = str(error.description or error.error)[:200]
        return refused(request, UserError(oidc.MSG_REFUSED_BY_IDP, error=text).render(_))
    except (
        AuthlibBaseError,
        joserfc_errors.JoseError,
        requests.RequestException,
        ValueError,
        KeyError,
    ) as error:
        logger.info("OIDC sign-in refused for %s: %r", provider.issuer, error)
        return refused(request, oidc.refusal(error).render(_))
    claims = dict(token.get("userinfo") or {})
    if not claims.get("sub"):
        return refused(request, UserError(oidc.MSG_INVALID).render(_))
    try:
        identity = oidc.identity_from_claims(provider=provider, claims=claims)
        user = sso_login(municipality=provider.municipality, identity=identity)
    except UserError as error:
        return refused(request, error.render(_))
    next_url = request.session.pop(OIDC_NEXT, "")
    auth.login(request, user, backend=BACKEND)
    request.session[SESSION_METHOD] = "oidc"
    return HttpResponseRedirect(next_url or reverse("web:home"))


# --- The collaboration admin's set-up pages --------------------------------------------------


def _admin_only(request: AuthenticatedRequest) -> None:
    if not can(request.user, Action.ADMINISTER_COLLABORATION):
        raise PermissionDenied


@login_required
def sso_admin(request: AuthenticatedRequest) -> HttpResponse:
    """Overview: the SP metadata URL to register, the providers, the role mappings."""
    _admin_only(request)
    municipalities = selectors.administered_municipalities(user=request.user)
    return render(
        request,
        "identity/admin.html",
        {
            "metadata_url": request.build_absolute_uri(reverse("identity:saml_metadata")),
            "saml_providers": selectors.saml_provider_list(user=request.user),
            "oidc_providers": selectors.oidc_provider_list(user=request.user),
            "mappings": selectors.role_mapping_list(user=request.user),
            "mapping_form": RoleMappingForm(municipalities=municipalities),
        },
    )


def _file_bytes(form: Any) -> bytes | None:
    upload = form.cleaned_data.get("metadata_file")
    return upload.read() if upload else None


@login_required
@require_http_methods(["GET", "POST"])
def saml_provider_edit(
    request: AuthenticatedRequest, provider_id: int | None = None
) -> HttpResponse:
    _admin_only(request)
    municipalities = selectors.administered_municipalities(user=request.user)
    provider = (
        selectors.access_saml_provider(user=request.user, provider_id=provider_id)
        if provider_id
        else None
    )
    initial = (
        {
            "municipality": provider.municipality,
            "name": provider.name,
            "cvr": provider.cvr,
            "metadata_url": provider.metadata_url,
            "entity_id": provider.entity_id,
            "min_nsis_level": provider.min_nsis_level,
            "enabled": provider.enabled,
            "lock_version": provider.lock_version,
        }
        if provider
        else None
    )
    form = SamlProviderForm(
        request.POST or None, request.FILES or None, initial=initial, municipalities=municipalities
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("metadata_file")
        lock_version = data.pop("lock_version") or 0
        with form_errors(form):
            if provider is None:
                services_config.saml_provider_create(
                    user=request.user, metadata_file=_file_bytes(form), **data
                )
            else:
                data.pop("municipality")
                services_config.saml_provider_update(
                    user=request.user,
                    provider=provider,
                    lock_version=lock_version,
                    metadata_file=_file_bytes(form),
                    **data,
                )
            messages.success(request, _("Identitetsudbyderen er gemt."))
            return redirect("identity:admin")
    if provider is not None:
        form.fields["municipality"].disabled = True
    return render(
        request,
        "identity/provider_form.html",
        {"form": form, "provider": provider, "kind": "saml", "multipart": True},
    )


@login_required
@require_http_methods(["GET", "POST"])
def oidc_provider_edit(
    request: AuthenticatedRequest, provider_id: int | None = None
) -> HttpResponse:
    _admin_only(request)
    municipalities = selectors.administered_municipalities(user=request.user)
    provider = (
        selectors.access_oidc_provider(user=request.user, provider_id=provider_id)
        if provider_id
        else None
    )
    initial = (
        {
            "municipality": provider.municipality,
            "name": provider.name,
            "issuer": provider.issuer,
            "client_id": provider.client_id,
            "claim": provider.claim,
            "enabled": provider.enabled,
            "lock_version": provider.lock_version,
        }
        if provider
        else None
    )
    form = OidcProviderForm(request.POST or None, initial=initial, municipalities=municipalities)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        lock_version = data.pop("lock_version") or 0
        with form_errors(form):
            if provider is None:
                services_config.oidc_provider_create(user=request.user, **data)
            else:
                data.pop("municipality")
                services_config.oidc_provider_update(
                    user=request.user, provider=provider, lock_version=lock_version, **data
                )
            messages.success(request, _("Identitetsudbyderen er gemt."))
            return redirect("identity:admin")
    if provider is not None:
        form.fields["municipality"].disabled = True
    return render(
        request,
        "identity/provider_form.html",
        {"form": form, "provider": provider, "kind": "oidc", "multipart": False},
    )


@login_required
@require_POST
def role_mapping_create(request: AuthenticatedRequest) -> HttpResponse:
    _admin_only(request)
    form = RoleMappingForm(
        request.POST, municipalities=selectors.administered_municipalities(user=request.user)
    )
    if form.is_valid():
        with message_errors(request):
            services_config.role_mapping_create(user=request.user, **form.cleaned_data)
            messages.success(request, _("Rolletilknytningen er gemt."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
    return redirect("identity:admin")


@login_required
@require_POST
def role_mapping_delete(request: AuthenticatedRequest, mapping_id: int) -> HttpResponse:
    _admin_only(request)
    mapping = selectors.access_role_mapping(user=request.user, mapping_id=mapping_id)
    with message_errors(request):
        services_config.role_mapping_delete(user=request.user, mapping=mapping)
        messages.success(request, _("Rolletilknytningen er slettet."))
    return redirect("identity:admin")
