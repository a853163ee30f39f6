"""Every read of single sign-on data. The login page's buttons are public (they name only
providers a municipality enabled); the configuration is read by the collaboration admin for
the municipalities of their own collaboration."""

from __future__ import annotations

from django.db.models import QuerySet

from procesbank.identity.models import OidcProvider, RoleMapping, SamlProvider
from procesbank.kit.access import access_or_404
from procesbank.organisations.models import Municipality, User
from procesbank.organisations.permissions import Action, can


def enabled_saml_providers() -> QuerySet[SamlProvider]:
    """The SAML providers shown as buttons on the login page (no user yet)."""
    return SamlProvider.objects.filter(enabled=True).select_related("municipality")


def enabled_oidc_providers() -> QuerySet[OidcProvider]:
    """The OpenID Connect providers shown as buttons on the login page (no user yet)."""
    return OidcProvider.objects.filter(enabled=True).select_related("municipality")


def access_enabled_saml_provider(*, provider_id: int) -> SamlProvider:
    """An enabled SAML provider for a login that starts (404 for a disabled or unknown one)."""
    return access_or_404(enabled_saml_providers(), pk=provider_id)


def access_enabled_oidc_provider(*, provider_id: int) -> OidcProvider:
    """An enabled OpenID Connect provider for a login that starts (404 otherwise)."""
    return access_or_404(enabled_oidc_providers(), pk=provider_id)


def administered_municipalities(*, user: User) -> QuerySet[Municipality]:
    """The municipalities whose sign-on ``user`` configures: every municipality of the
    collaboration admin's own collaboration; none for anyone else."""
    if not can(user, Action.ADMINISTER_COLLABORATION) or user.municipality is None:
        return Municipality.objects.none()
    return Municipality.objects.filter(collaboration_id=user.municipality.collaboration_id)


def saml_provider_list(*, user: User) -> QuerySet[SamlProvider]:
    return SamlProvider.objects.filter(
        municipality__in=administered_municipalities(user=user)
    ).select_related("municipality")


def access_saml_provider(*, user: User, provider_id: int) -> SamlProvider:
    return access_or_404(saml_provider_list(user=user), pk=provider_id)


def oidc_provider_list(*, user: User) -> QuerySet[OidcProvider]:
    return OidcProvider.objects.filter(
        municipality__in=administered_municipalities(user=user)
    ).select_related("municipality")


def access_oidc_provider(*, user: User, provider_id: int) -> OidcProvider:
    return access_or_404(oidc_provider_list(user=user), pk=provider_id)


def role_mapping_list(*, user: User) -> QuerySet[RoleMapping]:
    return RoleMapping.objects.filter(
        municipality__in=administered_municipalities(user=user)
    ).select_related("municipality")


def access_role_mapping(*, user: User, mapping_id: int) -> RoleMapping:
    return access_or_404(role_mapping_list(user=user), pk=mapping_id)
