from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from procesbank.dictionary.models import ItSystem
from procesbank.dictionary.selectors import it_system_by_name
from procesbank.kit.formfields import HouseStyleMixin, SuggestInput


class ItSystemForm(HouseStyleMixin, forms.Form):
    name = forms.CharField(label=_("Navn"), max_length=100)
    vendor = forms.CharField(label=_("Leverandør"), max_length=200, required=False)
    kitos_uuid = forms.UUIDField(
        label=_("KITOS-uuid"),
        required=False,
        help_text=_("Systemets uuid i KITOS, hvis det er kendt."),
        error_messages={"invalid": _("Skriv et uuid som i KITOS, fx 6a1b2c3d-…")},
    )
    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class _SystemByName(forms.CharField):
    """An IT system picked by typing its name (with suggestions from the dictionary)."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(
            max_length=100,
            widget=SuggestInput("api:it_system_lookup"),
            **kwargs,  # type: ignore[arg-type]
        )

    def clean(self, value: object) -> ItSystem:
        name = super().clean(value)
        system = it_system_by_name(name)
        if system is None:
            raise forms.ValidationError(
                _("Ordbogen har intet it-system, der hedder “%(name)s”.") % {"name": name}
            )
        return system


class MergeForm(HouseStyleMixin, forms.Form):
    source = _SystemByName(
        label=_("Dubletten"),
        help_text=_("Slettes; dens navn og stavemåder bliver stavemåder af systemet nedenfor."),
    )
    target = _SystemByName(label=_("Lægges sammen med"))


class MapTextForm(HouseStyleMixin, forms.Form):
    text = forms.CharField(label=_("Tekst"), max_length=100, widget=forms.HiddenInput)
    target = _SystemByName(label=_("It-system"))


class KitosImportForm(HouseStyleMixin, forms.Form):
    file = forms.FileField(
        label=_("Eksport fra KITOS"),
        help_text=_(
            "Excel (.xlsx) eller CSV, højst 5 MB. Kolonner: IT System (eller Navn), "
            "Rettighedshaver (eller Leverandør) og UUID; andre kolonner ignoreres."
        ),
    )


class RoleForm(HouseStyleMixin, forms.Form):
    name = forms.CharField(label=_("Rolle"), max_length=200)
    description = forms.CharField(label=_("Beskrivelse"), max_length=300, required=False)
