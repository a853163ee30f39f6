"""Pages of single sign-on: the SAML service provider's endpoints (metadata, login, assertion
consumer, single logout) on djangosaml2's views, the OpenID Connect login and callback, and
the Danish refusal page every failed sign-on ends on."""

from __future__ import annotations

import logging
from typing import Any

import requests
from authlib.integrations.base_client.errors import MismatchingStateError, OAuthError
from authlib.jose import errors as jose_errors
from django.contrib import auth
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from djangosaml2 import views as saml_views
from joserfc import errors as joserfc_errors
from saml2.response import StatusError, UnsolicitedResponse
from saml2.sigver import SignatureError
from saml2.validate import ResponseLifetimeExceed, ToEarly

from procesbank.core.errors import UserError
from procesbank.identity import oidc, selectors
from procesbank.identity.saml import SamlNotConfigured, identity_from_assertion
from procesbank.identity.services.login import sso_login

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
        request.GET = query
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
    """Single logout: the identity provider's answer to our logout, or its own request."""

    config_loader_path = CONFIG_LOADER
    logout_error_template = "identity/logout_error.html"


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
        return oidc.client_for(provider).authorize_redirect(request, redirect_uri)  # type: ignore[no-any-return]
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
        jose_errors.JoseError,
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
