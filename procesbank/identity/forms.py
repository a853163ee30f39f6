from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from procesbank.identity.models import NsisLevel, OidcClaim
from procesbank.kit.formfields import HouseStyleMixin
from procesbank.organisations.models import Municipality, Role


class _MunicipalityChoice:
    """Limits the form's municipality field to those the admin may configure."""

    fields: dict[str, forms.Field]

    def __init__(
        self, *args: Any, municipalities: QuerySet[Municipality] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if "municipality" in self.fields:
            self.fields["municipality"].queryset = municipalities  # type: ignore[attr-defined]


class SamlProviderForm(HouseStyleMixin, _MunicipalityChoice, forms.Form):
    municipality = forms.ModelChoiceField(label=_("Kommune"), queryset=Municipality.objects.none())
    name = forms.CharField(
        label=_("Navn på knappen"),
        max_length=100,
        help_text=_("Vises på log ind-siden som “Log ind med …”, fx “Helsingør Kommunes login”."),
    )
    cvr = forms.CharField(
        label=_("Kommunens CVR-nummer"),
        max_length=8,
        help_text=_("Brugere, hvis CVR-attribut er en anden organisations, afvises."),
    )
    metadata_file = forms.FileField(
        label=_("Identitetsudbyderens metadatafil (XML)"),
        required=False,
        help_text=_(
            "Fx KOMBITs metadata for Context Handler (IdP) hentet fra administrationsmodulet."
        ),
    )
    metadata_url = forms.URLField(
        label=_("… eller metadata-URL"),
        required=False,
        max_length=500,
        help_text=_("Hentes, når du gemmer; gem igen for at hente den på ny."),
    )
    entity_id = forms.CharField(
        label=_("Entity id"),
        required=False,
        max_length=500,
        help_text=_("Tomt: læses fra metadata."),
    )
    min_nsis_level = forms.ChoiceField(
        label=_("Mindste NSIS-sikringsniveau"),
        choices=NsisLevel.choices,
        initial=NsisLevel.SUBSTANTIAL,
    )
    enabled = forms.BooleanField(label=_("Aktiv (vis knappen på log ind-siden)"), required=False)
    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False, initial=0)


class OidcProviderForm(HouseStyleMixin, _MunicipalityChoice, forms.Form):
    municipality = forms.ModelChoiceField(label=_("Kommune"), queryset=Municipality.objects.none())
    name = forms.CharField(label=_("Navn på knappen"), max_length=100)
    issuer = forms.URLField(
        label=_("Udsteder (issuer)"),
        max_length=500,
        help_text=_("Entra ID: https://login.microsoftonline.com/<tenant-id>/v2.0"),
    )
    client_id = forms.CharField(label=_("Klient-id (application id)"), max_length=200)
    client_secret = forms.CharField(
        label=_("Klienthemmelighed"),
        max_length=500,
        required=False,
        widget=forms.PasswordInput(render_value=False),
        help_text=_("Tomt ved redigering: den gemte beholdes."),
    )
    claim = forms.ChoiceField(label=_("Rolle-claim"), choices=OidcClaim.choices)
    enabled = forms.BooleanField(label=_("Aktiv (vis knappen på log ind-siden)"), required=False)
    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False, initial=0)


class RoleMappingForm(HouseStyleMixin, _MunicipalityChoice, forms.Form):
    municipality = forms.ModelChoiceField(label=_("Kommune"), queryset=Municipality.objects.none())
    value = forms.CharField(
        label=_("Rettighed eller gruppe"),
        max_length=500,
        help_text=_(
            "KOMBIT: brugersystemrollens entity id (privilegie-URI), fx "
            "http://procesbank.dk/roles/usersystemrole/konsulent/1. Entra ID: app-rollens værdi "
            "eller gruppens object id."
        ),
    )
    role = forms.ChoiceField(label=_("Rolle i Procesbank"), choices=Role.choices)
