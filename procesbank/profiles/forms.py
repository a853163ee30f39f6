"""Forms of the municipality profile and of the quick share ("Hurtig deling")."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from procesbank.catalogue.models import Technology
from procesbank.kit.formfields import HouseStyleMixin, SuggestInput
from procesbank.processes.forms import CommaListField


class MunicipalityProfileForm(HouseStyleMixin, forms.Form):
    contact_person = forms.CharField(label=_("Kontaktperson"), max_length=200, required=False)
    contact_email = forms.EmailField(label=_("E-mail"), required=False)
    contact_phone = forms.CharField(label=_("Telefon"), max_length=30, required=False)
    website = forms.URLField(
        label=_("Hjemmeside"), max_length=300, required=False, assume_scheme="https"
    )
    technologies = forms.MultipleChoiceField(
        label=_("Teknologier, I bruger"),
        choices=Technology.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "checkbox-columns"}),
    )
    it_systems = CommaListField(
        label=_("It-systemer, I bruger"),
        required=False,
        help_text=_(
            "Adskil med komma, fx Acadre, KMD Nexus. Systemerne på jeres processer "
            "tælles med af sig selv."
        ),
        widget=SuggestInput("api:it_system_lookup", multiple=True),
    )
    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def service_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["lock_version"] = data.get("lock_version") or 0
        data["technologies"] = list(data.get("technologies") or [])
        return data
