from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.core.validators import MaxValueValidator
from django.utils.translation import gettext_lazy as _

from procesbank.kit.formfields import HouseStyleMixin, SuggestInput
from procesbank.organisations.models import OrganisationalUnit, User
from procesbank.organisations.selectors import UnitNode
from procesbank.processes.models import (
    MSG_YEARLY_VOLUME_TOO_HIGH,
    YEARLY_VOLUME_MAX,
    Phase,
    Process,
    Visibility,
)


def _person(user: User) -> str:
    full = user.get_full_name()
    return f"{full} ({user.username})" if full else user.username


class CommaListField(forms.CharField):
    """A list of short texts typed as "SBSYS, KMD Nexus"."""

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list):
            return ", ".join(value)
        return value

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        text = super().to_python(value) or ""
        items = [item.strip() for item in str(text).split(",")]
        return list(dict.fromkeys(item[:100] for item in items if item))


# What taking a share back means (README, Decisions: "Taking a share back").
WITHDRAWAL_HELP = _(
    "Gør du en delt proces privat igen, beholder de kommuner, der har brugt den i projekter, "
    "business cases, hændelseslogs eller genbrug, en frosset kopi af det, du delte, tydeligt "
    "mærket. De ser ikke dine senere ændringer, og deres beregninger bygger på kopien."
)


class ProcessForm(HouseStyleMixin, forms.ModelForm):
    it_systems = CommaListField(
        label=_("It-systemer"),
        required=False,
        help_text=_("Adskil med komma, fx SBSYS, KMD Nexus. Navnene foreslås fra ordbogen."),
        widget=SuggestInput("api:it_system_lookup", multiple=True),
    )
    tags = CommaListField(label=_("Nøgleord"), required=False, help_text=_("Adskil med komma."))
    # The owning unit: one of the own municipality's (the view passes them, in tree order).
    unit = forms.TypedChoiceField(
        label=_("Enhed"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_("Den forvaltning, afdeling eller det team, der ejer processen."),
    )
    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Process
        fields = [
            "name",
            "description",
            "purpose",
            "kle_code",
            "handlingsfacet",
            "form_number",
            "legal_basis",
            "owner",
            "owner_user",
            "contact",
            "phase",
            "visibility",
            "it_systems",
            "tags",
            "yearly_volume",
            "digital_share",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "purpose": forms.Textarea(attrs={"rows": 2}),
            "legal_basis": forms.Textarea(attrs={"rows": 2}),
            "kle_code": SuggestInput("api:kle_lookup", attrs={"placeholder": "02.34.02"}),
        }

    def __init__(
        self,
        *args: Any,
        units: Sequence[UnitNode] = (),
        owner_choices: Any = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self._units = {node.unit.pk: node.unit for node in units}
        self.fields["unit"].choices = [  # type: ignore[attr-defined]
            ("", _("Ingen enhed")),
            *[(node.unit.pk, node.indented_name) for node in units],
        ]
        if self.instance.pk and "unit" not in self.initial:
            self.initial["unit"] = self.instance.unit_id
        self.fields["handlingsfacet"].widget.attrs["placeholder"] = "G01"
        owner_user = self.fields["owner_user"]
        owner_user.queryset = owner_choices if owner_choices is not None else User.objects.none()  # type: ignore[attr-defined]
        owner_user.label_from_instance = _person  # type: ignore[attr-defined]
        owner_user.empty_label = _("Ingen (kommunens administratorer godkender)")  # type: ignore[attr-defined]
        owner_user.help_text = _(
            "Personen, der godkender nye versioner og bliver mindet om næste gennemgang."
        )
        self.fields["visibility"].help_text = WITHDRAWAL_HELP
        self._cap_yearly_volume()
        # The model's uniqueness check is done by the service, with a clearer message.
        self.instance.municipality_id = self.instance.municipality_id or 0

    def _cap_yearly_volume(self) -> None:
        field = self.fields["yearly_volume"]
        field.validators = [
            validator
            for validator in field.validators
            if not isinstance(validator, MaxValueValidator)
        ]
        field.validators.append(
            MaxValueValidator(YEARLY_VOLUME_MAX, message=MSG_YEARLY_VOLUME_TOO_HIGH)
        )
        field.widget.attrs["max"] = YEARLY_VOLUME_MAX

    def validate_unique(self) -> None:
        return

    def clean_unit(self) -> OrganisationalUnit | None:
        unit_id = self.cleaned_data.get("unit")
        return self._units.get(unit_id) if unit_id else None

    def clean_handlingsfacet(self) -> str:
        return str(self.cleaned_data.get("handlingsfacet") or "").strip().upper()

    def clean_kle_code(self) -> str:
        return str(self.cleaned_data.get("kle_code") or "").strip()


class ImportForm(HouseStyleMixin, forms.Form):
    file = forms.FileField(
        label=_("BPMN-fil"),
        help_text=_("En .bpmn- eller .xml-fil fra fx Camunda, Signavio, ARIS eller QualiWare."),
    )
    name = forms.CharField(
        label=_("Navn"), required=False, max_length=200, help_text=_("Tomt: navnet fra filen.")
    )


class VersionCopyForm(HouseStyleMixin, forms.Form):
    label = forms.CharField(
        label=_("Navn på den nye version"), max_length=100, initial=_("Skal-være")
    )


ALL_MUNICIPALITIES = "alle"
# The "min enhed" quick filter of the unit picker: the user's unit and the units below it.
MY_UNIT = "min"


class ProcessFilterForm(HouseStyleMixin, forms.Form):
    def clean_mine(self) -> bool:
        return self.cleaned_data.get("mine") == "1"

    q = forms.CharField(label=_("Søg"), required=False)
    kle_group = forms.ChoiceField(label=_("KLE-hovedgruppe"), required=False)
    phase = forms.ChoiceField(
        label=_("Fase"), required=False, choices=[("", _("Alle faser")), *Phase.choices]
    )
    # The library opens on the user's own municipality; ALL_MUNICIPALITIES shows every one.
    municipality = forms.ChoiceField(label=_("Kommune"), required=False)
    visibility = forms.ChoiceField(
        # Not plain "Alle": that is also the name of the public visibility ("Everyone").
        label=_("Synlighed"),
        required=False,
        choices=[("", _("Alle synligheder")), *Visibility.choices],
    )
    it_system = forms.ChoiceField(label=_("It-system"), required=False)
    # The own municipality's units (a unit includes the units below it); "mine" is the
    # user's own unit and the units below it.
    unit = forms.ChoiceField(label=_("Enhed"), required=False)
    # A select, not a checkbox: the filter form reloads the results on a select's change.
    mine = forms.ChoiceField(
        label=_("Procesejer"),
        required=False,
        choices=[("", _("Alle procesejere")), ("1", _("Mine processer"))],
    )
    sort = forms.ChoiceField(
        label=_("Sortér efter"),
        required=False,
        choices=[
            ("name", _("Navn")),
            ("-updated", _("Senest ændret")),
            ("kle", _("KLE-nummer")),
            ("municipality", _("Kommune")),
            ("-volume", _("Flest sager")),
        ],
    )


class MunicipalityRatesForm(HouseStyleMixin, forms.Form):
    annual_hours_per_fte = forms.DecimalField(
        label=_("Timer pr. årsværk"),
        min_value=1,
        max_digits=6,
        decimal_places=1,
        help_text=_("Standard: 1.924 timer = 37 timer × 52 uger."),
    )
    default_hourly_rate = forms.DecimalField(
        label=_("Standard timepris (kr.)"),
        min_value=0,
        max_digits=8,
        decimal_places=2,
        help_text=_("Bruges for roller uden egen timepris."),
    )


class RoleRateForm(HouseStyleMixin, forms.Form):
    role = forms.CharField(
        label=_("Rolle (banens navn)"),
        max_length=200,
        widget=forms.TextInput(attrs={"list": "lane-names"}),
    )
    hourly_rate = forms.DecimalField(
        label=_("Timepris (kr.)"), min_value=0, max_digits=8, decimal_places=2
    )
