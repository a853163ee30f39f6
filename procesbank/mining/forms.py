"""Forms of process mining: upload, CSV column mapping, and the analysis filters (GET)."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from procesbank.kit.formfields import HouseStyleMixin
from procesbank.mining.engine.eventlog import ColumnMapping
from procesbank.mining.engine.filters import (
    ActivityPresence,
    AttributeValues,
    DirectlyFollows,
    EndActivities,
    EventuallyFollows,
    Filter,
    LeadTime,
    StartActivities,
    TimeWindow,
    TopVariants,
    VariantCoverage,
    VariantPositions,
)
from procesbank.mining.engine.labels import ATTRIBUTE_SEPARATOR, WITH_LIFECYCLE
from procesbank.mining.engine.normalise import RESOURCE
from procesbank.processes.models import Visibility

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class UploadForm(HouseStyleMixin, forms.Form):
    file = forms.FileField(
        label=_("Fil"),
        help_text=_("CSV, XES (også .xes.gz) eller Parquet. Én række eller hændelse pr. trin."),
    )
    name = forms.CharField(
        label=_("Navn"), max_length=200, required=False, help_text=_("Tomt: filens navn.")
    )
    visibility = forms.ChoiceField(
        label=_("Synlighed"),
        choices=[
            (Visibility.OWN, Visibility.OWN.label),
            (Visibility.COLLABORATION, Visibility.COLLABORATION.label),
        ],
        initial=Visibility.OWN,
    )
    process = forms.TypedChoiceField(
        label=_("Proces i biblioteket"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args: Any, processes: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["process"].choices = [("", _("Ingen")), *processes]  # type: ignore[attr-defined]


class MappingForm(HouseStyleMixin, forms.Form):
    case_id = forms.ChoiceField(label=_("Sag (case id)"))
    activity = forms.ChoiceField(label=_("Aktivitet"))
    timestamp = forms.ChoiceField(label=_("Tidspunkt (afsluttet)"))
    start_timestamp = forms.ChoiceField(label=_("Starttidspunkt (valgfrit)"), required=False)
    resource = forms.ChoiceField(label=_("Ressource (valgfrit)"), required=False)
    lifecycle = forms.ChoiceField(
        label=_("Livscyklus eller anden kolonne (valgfrit)"),
        required=False,
        help_text=_("Fx start/complete, eller en kolonne der skelner trin med samme navn."),
    )
    combine = forms.BooleanField(
        label=_("Aktivitet + livscyklus"),
        required=False,
        help_text=_(
            "Navngiv aktiviteterne efter begge kolonner, fx »Behandling (start)«. Kan ændres "
            "senere på loggens overblik."
        ),
    )

    #: The roles a file may lack.
    OPTIONAL = ("start_timestamp", "resource", "lifecycle")

    def __init__(self, *args: Any, columns: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        required = [(column, column) for column in columns]
        optional = [("", _("Ingen")), *required]
        for name, field in self.fields.items():
            if name != "combine":
                field.choices = optional if name in self.OPTIONAL else required  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        chosen = [data.get(name) for name in self.fields if name != "combine" and data.get(name)]
        if len(chosen) != len(set(chosen)):
            raise forms.ValidationError(_("Vælg en kolonne til højst én rolle."))
        if data.get("combine") and not data.get("lifecycle"):
            self.add_error(
                "lifecycle",
                _("Vælg den kolonne, som skal kombineres med aktiviteten."),
            )
        return data

    def activity_key(self) -> str:
        """The naming chosen for the log's activities ("" its own activity column)."""
        return WITH_LIFECYCLE if self.cleaned_data.get("combine") else ""

    def mapping(self) -> ColumnMapping:
        data = self.cleaned_data
        return ColumnMapping(
            case_id=data["case_id"],
            activity=data["activity"],
            timestamp=data["timestamp"],
            start_timestamp=data.get("start_timestamp") or None,
            resource=data.get("resource") or None,
            lifecycle=data.get("lifecycle") or None,
        )


class NamingForm(HouseStyleMixin, forms.Form):
    """The log's saved naming: which attribute names the activities, which the resources.
    The fields take any text: the service checks it against the log and says what is wrong
    (the same check as for any other caller)."""

    # Labelled apart from the page's own naming switch, which names them for one look only.
    activity_key = forms.CharField(
        label=_("Aktiviteter navngives som standard efter"), required=False, widget=forms.Select
    )
    resource_key = forms.CharField(
        label=_("Ressourcer som standard efter"), required=False, widget=forms.Select
    )

    def __init__(
        self, *args: Any, activities: list[tuple[str, str]], resources: list[str], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["activity_key"].widget.choices = [
            ("", _("loggens aktivitetsnavn")),
            *activities,
        ]
        self.fields["resource_key"].widget.choices = [
            ("", _("loggens ressource")),
            *[(name, name) for name in resources],
        ]


class AsIsForm(HouseStyleMixin, forms.Form):
    name = forms.CharField(label=_("Navn på processen"), max_length=200)
    noise = forms.FloatField(
        label=_("Støjtærskel (%)"),
        min_value=0,
        max_value=100,
        initial=20,
        help_text=_(
            "0 % tager al adfærd i loggen med. Jo højere, jo flere sjældne forløb udelades, og "
            "jo enklere bliver modellen. Hvor mange sager modellen dækker, skrives i "
            "procesbeskrivelsen."
        ),
    )


class PositionsField(forms.Field):
    """Variant numbers (1, 2, 3 ...) from repeated URL parameters, kept as hidden inputs."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value: Any) -> tuple[int, ...]:
        if not value:
            return ()
        values = value if isinstance(value, list | tuple) else [value]
        try:
            positions = sorted({int(item) for item in values})
        except (TypeError, ValueError):
            raise forms.ValidationError(
                _("Varianter vælges med deres nummer (1, 2, 3 …)."), code="invalid"
            ) from None
        if positions[0] < 1:
            raise forms.ValidationError(
                _("Varianter vælges med deres nummer (1, 2, 3 …)."), code="invalid"
            )
        return tuple(positions)


def _multi(label: StrOrPromise, help_text: StrOrPromise = "") -> forms.MultipleChoiceField:
    """A multi-select that reads repeated URL parameters (``?med=A&med=B``); a long list
    stays a compact, keyboard-usable list box."""
    return forms.MultipleChoiceField(
        label=label,
        required=False,
        help_text=help_text,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )


class FilterForm(HouseStyleMixin, forms.Form):
    """The analysis filters, read from the URL so that a filtered view can be shared, and by
    the API's analysis endpoints with the same names.

    How several values combine (written in the help texts too): every activity under "med"
    must occur (each is its own rule); none under "uden" may; a case starts (ends) with any of
    the chosen start (end) activities; any chosen resource did at least one of its events;
    case attributes match any chosen value of an attribute, and every attribute chosen.
    """

    fra = forms.DateField(
        label=_("Startet fra"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    til = forms.DateField(
        label=_("Startet før"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    top = forms.IntegerField(label=_("Hyppigste varianter"), required=False, min_value=1)
    daekning = forms.FloatField(
        label=_("Variantdækning (%)"), required=False, min_value=1, max_value=100
    )
    med = _multi(_("Sager med aktivitet"), _("Flere valgt: sagen skal have dem alle."))
    uden = _multi(_("Sager uden aktivitet"), _("Flere valgt: sagen må ikke have nogen af dem."))
    start = _multi(_("Startaktivitet"), _("Flere valgt: sagen starter med en af dem."))
    slut = _multi(_("Slutaktivitet"), _("Flere valgt: sagen slutter med en af dem."))
    ressource = _multi(_("Ressource"), _("Sager hvor mindst én af de valgte har udført et trin."))
    egenskab = _multi(
        _("Sagsegenskab"),
        _("Samme egenskab: en af værdierne. Forskellige egenskaber: alle skal passe."),
    )
    sti_fra = forms.ChoiceField(label=_("Direkte efterfulgt: fra"), required=False)
    sti_til = forms.ChoiceField(label=_("Direkte efterfulgt: til"), required=False)
    ef_fra = forms.ChoiceField(label=_("Senere efterfulgt: fra"), required=False)
    ef_til = forms.ChoiceField(
        label=_("Senere efterfulgt: til"),
        required=False,
        help_text=_("Sager hvor den anden aktivitet kommer et sted efter den første."),
    )
    variant = PositionsField(label=_("Valgte varianter"), required=False)
    min_dage = forms.FloatField(label=_("Gennemløbstid min. (dage)"), required=False, min_value=0)
    max_dage = forms.FloatField(label=_("Gennemløbstid maks. (dage)"), required=False, min_value=0)

    def __init__(
        self,
        *args: Any,
        activities: list[str],
        resources: list[str] | None = None,
        case_attributes: dict[str, list[str]] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        names = [(name, name) for name in activities]
        for name in ("med", "uden", "start", "slut"):
            self.fields[name].choices = names  # type: ignore[attr-defined]
        for name in ("sti_fra", "sti_til", "ef_fra", "ef_til"):
            self.fields[name].choices = [("", _("Alle")), *names]  # type: ignore[attr-defined]
        if resources:
            self.fields["ressource"].choices = [(name, name) for name in resources]  # type: ignore[attr-defined]
        else:
            del self.fields["ressource"]
        if case_attributes:
            self.fields["egenskab"].choices = [  # type: ignore[attr-defined]
                (column, [(f"{column}{ATTRIBUTE_SEPARATOR}{value}", value) for value in values])
                for column, values in case_attributes.items()
            ]
        else:
            del self.fields["egenskab"]

    #: The fields in the groups a user thinks in; a group without fields left is not shown.
    GROUPS = (
        (_("Periode og gennemløbstid"), ("fra", "til", "min_dage", "max_dage")),
        (_("Aktiviteter"), ("med", "uden", "start", "slut")),
        (_("Hvem og hvad"), ("ressource", "egenskab")),
        (_("Rækkefølge"), ("sti_fra", "sti_til", "ef_fra", "ef_til")),
        (_("Varianter"), ("top", "daekning", "variant")),
    )

    def groups(self) -> list[tuple[Any, list[forms.BoundField]]]:
        """(legend, bound fields) per group, for the template."""
        return [
            (legend, [self[name] for name in names if name in self.fields])
            for legend, names in self.GROUPS
            if any(name in self.fields for name in names)
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if bool(data.get("sti_fra")) != bool(data.get("sti_til")):
            raise forms.ValidationError(
                _("Vælg både den aktivitet der kommer først, og den der følger direkte efter.")
            )
        if bool(data.get("ef_fra")) != bool(data.get("ef_til")):
            raise forms.ValidationError(
                _("Vælg både den aktivitet der kommer først, og den der kommer senere.")
            )
        return data

    def rules(self, *, with_variant_pick: bool = True) -> list[Filter]:
        """The chosen filters, in a fixed order (period, activities, attributes, lead time,
        variants)."""
        if not self.is_bound or not self.is_valid():
            return []
        data = self.cleaned_data
        rules: list[Filter] = []
        if data["fra"] or data["til"]:
            start = datetime.combine(data["fra"] or datetime(1900, 1, 1).date(), time(), UTC)
            end = (
                datetime.combine(data["til"], time(), UTC)
                if data["til"]
                else datetime(9999, 1, 1, tzinfo=UTC) - timedelta(days=1)
            )
            rules.append(TimeWindow(start, end))
        rules.extend(ActivityPresence((name,)) for name in data["med"])
        if data["uden"]:
            rules.append(ActivityPresence(tuple(data["uden"]), present=False))
        if data["start"]:
            rules.append(StartActivities(tuple(data["start"])))
        if data["slut"]:
            rules.append(EndActivities(tuple(data["slut"])))
        if data["sti_fra"] and data["sti_til"]:
            rules.append(DirectlyFollows(data["sti_fra"], data["sti_til"]))
        if data["ef_fra"] and data["ef_til"]:
            rules.append(EventuallyFollows(data["ef_fra"], data["ef_til"]))
        if data.get("ressource"):
            rules.append(AttributeValues(RESOURCE, tuple(data["ressource"])))
        rules.extend(_attribute_rules(data.get("egenskab") or []))
        if data["min_dage"] is not None or data["max_dage"] is not None:
            rules.append(
                LeadTime(
                    None if data["min_dage"] is None else data["min_dage"] * 86400,
                    None if data["max_dage"] is None else data["max_dage"] * 86400,
                )
            )
        if data["top"]:
            rules.append(TopVariants(data["top"]))
        if data["daekning"]:
            rules.append(VariantCoverage(data["daekning"]))
        if data["variant"] and with_variant_pick:
            # Last: the numbers are those the variants page showed on the log the other
            # filters leave.
            rules.append(VariantPositions(data["variant"]))
        return rules


def _attribute_rules(choices: list[str]) -> list[Filter]:
    """One rule per attribute (any of its chosen values); the rules together: all must hold."""
    chosen: dict[str, list[str]] = {}
    for choice in choices:
        column, _separator, value = choice.partition(ATTRIBUTE_SEPARATOR)
        chosen.setdefault(column, []).append(value)
    return [AttributeValues(column, tuple(values)) for column, values in chosen.items()]
