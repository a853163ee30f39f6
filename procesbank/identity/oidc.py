"""OpenID Connect sign-in on authlib (the authorization code flow): a client per
municipality's provider, built for each request from its issuer's discovery document, and the
reading of a checked id_token (signature against the provider's JWKS, issuer, audience,
lifetime and nonce, all by authlib) into an
:class:`~procesbank.identity.services.login.SsoIdentity`."""

from __future__ import annotations

import re
from typing import Any

from authlib.common.errors import AuthlibBaseError
from authlib.integrations.django_client import OAuth
from authlib.integrations.django_client.apps import DjangoOAuth2App
from joserfc import errors as joserfc_errors

from procesbank.core.errors import UserError, gettext_noop
from procesbank.identity.models import OidcProvider
from procesbank.identity.services.login import SsoIdentity

MSG_GROUPS_OVERAGE = gettext_noop(
    "Din bruger er medlem af så mange grupper, at Entra ID ikke sender dem med i login. Bed "
    "administratoren bruge app-roller (claim “roles”) i stedet for grupper."
)
MSG_SIGNATURE = gettext_noop(
    "Id-tokenet fra identitetsudbyderen har en ugyldig signatur og er afvist."
)
MSG_EXPIRED = gettext_noop("Id-tokenet fra identitetsudbyderen er udløbet og er afvist.")
MSG_ISSUER = gettext_noop(
    "Id-tokenet er udstedt af en anden udsteder (issuer) end den, kommunen har sat op, og er "
    "afvist."
)
MSG_AUDIENCE = gettext_noop(
    "Id-tokenet er udstedt til en anden klient end Procesbank (forkert audience) og er afvist."
)
MSG_STATE = gettext_noop(
    "Login-forløbet kunne ikke genkendes (det er udløbet eller allerede brugt). Start forfra "
    "fra log ind-siden."
)
MSG_REFUSED_BY_IDP = gettext_noop("Identitetsudbyderen afviste login: %(error)s")
MSG_UNREACHABLE = gettext_noop(
    "Identitetsudbyderen kunne ikke nås eller svarede ikke som forventet. Prøv igen om lidt."
)
MSG_INVALID = gettext_noop("Id-tokenet fra identitetsudbyderen er ugyldigt og er afvist.")


_CLAIM = re.compile(r"claim:? ['\"](\w+)['\"]", re.IGNORECASE)


def discovery_url(issuer: str) -> str:
    return issuer.rstrip("/") + "/.well-known/openid-configuration"


def client_for(provider: OidcProvider) -> DjangoOAuth2App:
    oauth = OAuth()
    client = oauth.register(
        name=f"procesbank{provider.pk}",
        client_id=provider.client_id,
        client_secret=provider.client_secret,
        server_metadata_url=discovery_url(provider.issuer),
        client_kwargs={"scope": "openid profile email", "timeout": 10},
    )
    return client


def claims_options(provider: OidcProvider) -> dict[str, Any]:
    """The id_token's issuer must be the one configured, not only the one the discovery
    document names."""
    return {"iss": {"essential": True, "values": [provider.issuer]}}


def refusal(error: Exception) -> UserError:
    """What went wrong with an id_token or the code exchange, in Danish."""
    code = getattr(error, "error", "")  # authlib's own errors carry a code
    if isinstance(error, joserfc_errors.BadSignatureError) or code == "bad_signature":
        return UserError(MSG_SIGNATURE)
    if isinstance(error, joserfc_errors.ExpiredTokenError) or code == "expired_token":
        return UserError(MSG_EXPIRED)
    if isinstance(error, joserfc_errors.ClaimError | AuthlibBaseError):
        claim = _CLAIM.search(str(error))
        name = claim.group(1) if claim else ""
        if name == "iss":
            return UserError(MSG_ISSUER)
        # azp is demanded only when the token's audience is not (only) Procesbank.
        if name in ("aud", "azp"):
            return UserError(MSG_AUDIENCE)
        if name in ("exp", "nbf", "iat"):
            return UserError(MSG_EXPIRED)
    if isinstance(error, joserfc_errors.JoseError | AuthlibBaseError):
        return UserError(MSG_INVALID)
    return UserError(MSG_UNREACHABLE)


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [str(item) for item in value if isinstance(item, str | int)]
    return []


def identity_from_claims(*, provider: OidcProvider, claims: dict[str, Any]) -> SsoIdentity:
    """The person in a checked id_token. Entra ID leaves ``groups`` out for a member of very
    many groups (the "overage" ``_claim_names``): refused with advice, never guessed."""
    if provider.claim == "groups" and "groups" in (claims.get("_claim_names") or {}):
        raise UserError(MSG_GROUPS_OVERAGE)
    first = str(claims.get("given_name") or "")
    last = str(claims.get("family_name") or "")
    if not (first or last) and claims.get("name"):
        first, _space, last = str(claims["name"]).rpartition(" ")
        if not first:
            first, last = last, ""
    email = str(claims.get("email") or claims.get("preferred_username") or "")
    return SsoIdentity(
        method="oidc",
        issuer=provider.issuer,
        subject=str(claims.get("sub") or ""),
        first_name=first,
        last_name=last,
        email=email if "@" in email else "",
        values=_strings(claims.get(provider.claim)),
    )
