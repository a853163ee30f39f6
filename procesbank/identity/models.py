"""Single sign-on: each municipality's identity providers (SAML 2.0 for KOMBIT's Context
Handler, OpenID Connect for Entra ID), the table that turns privileges and group claims into
Procesbank roles, and the link from an external identity to its Procesbank user."""

from __future__ import annotations

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from procesbank.organisations.models import Municipality, Role, User


class NsisLevel(models.TextChoices):
    """NSIS assurance levels (OIOSAML 3 attribute ``https://data.gov.dk/concept/core/nsis/loa``)."""

    LOW = "Low", _("Lav")
    SUBSTANTIAL = "Substantial", _("Betydelig")
    HIGH = "High", _("Høj")


NSIS_ORDER = [NsisLevel.LOW, NsisLevel.SUBSTANTIAL, NsisLevel.HIGH]


class SamlProvider(models.Model):
    """A municipality's SAML 2.0 identity provider (typically KOMBIT's Context Handler)."""

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="saml_providers",
        verbose_name=_("kommune"),
    )
    name = models.CharField(
        _("navn på knappen"),
        max_length=100,
        help_text=_("Vises på log ind-siden, fx “Helsingør Kommunes login”."),
    )
    entity_id = models.CharField(
        _("entity id"),
        max_length=500,
        help_text=_("Identitetsudbyderens entityID; læses fra metadata, når det er tomt."),
    )
    metadata_url = models.URLField(_("metadata-URL"), max_length=500, blank=True)
    metadata_xml = models.TextField(_("metadata (XML)"), blank=True)
    cvr = models.CharField(
        _("kommunens CVR-nummer"),
        max_length=8,
        validators=[RegexValidator(r"^\d{8}$", _("CVR-nummeret skal være otte cifre."))],
        help_text=_("Brugere, hvis CVR-attribut er en anden kommunes, afvises."),
    )
    min_nsis_level = models.CharField(
        _("mindste NSIS-sikringsniveau"),
        max_length=20,
        choices=NsisLevel.choices,
        default=NsisLevel.SUBSTANTIAL,
    )
    enabled = models.BooleanField(_("aktiv"), default=False)
    lock_version = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["municipality__name", "name"]
        verbose_name = _("SAML-identitetsudbyder")
        verbose_name_plural = _("SAML-identitetsudbydere")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "entity_id"], name="identity_saml_unique_entity"
            )
        ]

    def __str__(self) -> str:
        return self.name


class OidcClaim(models.TextChoices):
    ROLES = "roles", _("App-roller (roles)")
    GROUPS = "groups", _("Grupper (groups)")


class OidcProvider(models.Model):
    """A municipality's OpenID Connect provider (typically its Entra ID tenant)."""

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="oidc_providers",
        verbose_name=_("kommune"),
    )
    name = models.CharField(
        _("navn på knappen"),
        max_length=100,
        help_text=_("Vises på log ind-siden, fx “Helsingør Kommunes login”."),
    )
    issuer = models.URLField(
        _("udsteder (issuer)"),
        max_length=500,
        help_text=_("Fx https://login.microsoftonline.com/<tenant-id>/v2.0"),
    )
    client_id = models.CharField(_("klient-id"), max_length=200)
    client_secret = models.CharField(_("klienthemmelighed"), max_length=500)
    claim = models.CharField(
        _("rolle-claim"), max_length=20, choices=OidcClaim.choices, default=OidcClaim.ROLES
    )
    enabled = models.BooleanField(_("aktiv"), default=False)
    lock_version = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["municipality__name", "name"]
        verbose_name = _("OpenID Connect-udbyder")
        verbose_name_plural = _("OpenID Connect-udbydere")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "issuer", "client_id"], name="identity_oidc_unique"
            )
        ]

    def __str__(self) -> str:
        return self.name


class RoleMapping(models.Model):
    """One privilege URI (OIO-BPP), group id or app role (OpenID Connect) and the Procesbank
    role it gives in the municipality. A user with several gets the highest."""

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="role_mappings",
        verbose_name=_("kommune"),
    )
    value = models.CharField(
        _("rettighed eller gruppe"),
        max_length=500,
        help_text=_(
            "Et privilegie-URI fra KOMBITs rettighedsattribut eller en gruppe/app-rolle fra "
            "Entra ID."
        ),
    )
    role = models.CharField(_("rolle i Procesbank"), max_length=20, choices=Role.choices)

    class Meta:
        ordering = ["municipality__name", "value"]
        verbose_name = _("rolletilknytning")
        verbose_name_plural = _("rolletilknytninger")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "value"], name="identity_rolemapping_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.value} → {self.role}"


class ExternalIdentity(models.Model):
    """Who a user is at an identity provider: the issuer and the subject (SAML NameID or OIDC
    ``sub``). The next login from the same pair is the same Procesbank user."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="external_identities")
    issuer = models.CharField(max_length=500)
    subject = models.CharField(max_length=255)
    nsis_level = models.CharField(max_length=20, blank=True)
    last_login_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("ekstern identitet")
        verbose_name_plural = _("eksterne identiteter")
        constraints = [
            models.UniqueConstraint(fields=["issuer", "subject"], name="identity_external_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user.username} @ {self.issuer}"
