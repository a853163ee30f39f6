from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from procesbank.economics.engine.npv import MAX_YEARS_SPLIT
from procesbank.economics.models import BusinessCase, BusinessCaseLine, DiscountRate, RiskMethod
from procesbank.kit.formatting import NotANumber, number, parse_number
from procesbank.kit.formfields import DecimalField, HouseStyleMixin

HUNDRED = Decimal(100)
RAMP_UP_OUT_OF_RANGE = _(
    "Indfasningen skal være mellem 0 og 100 %%, men i år %(year)s er den %(percent)s %%."
)


def parse_amount(text: str) -> Decimal:
    """An amount typed the Danish or the English way: "1.250.000,50" and "1,250,000.50" are
    both Decimal("1250000.50"); see :func:`procesbank.kit.formatting.parse_number`."""
    try:
        return parse_number(text)
    except NotANumber:
        raise ValidationError(_("“%(value)s” er ikke et tal.") % {"value": text}) from None


class AmountsField(forms.CharField):
    """One amount per year typed as "100.000; 50.000; 50.000" ("100,000; 50,000" in English)."""

    def to_python(self, value: Any) -> list[Decimal]:  # type: ignore[override]
        text = super().to_python(value) or ""
        parts = (part.strip() for part in str(text).split(";"))
        return [parse_amount(part) for part in parts if part]


class PercentField(DecimalField):
    """A share typed in percent (25 for 25 %), cleaned to a share (0.25)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", 100)
        kwargs.setdefault("decimal_places", 2)
        super().__init__(**kwargs)

    def clean(self, value: Any) -> Decimal | None:
        percent = super().clean(value)
        return None if percent is None else percent / HUNDRED


class BusinessCaseForm(HouseStyleMixin, forms.Form):
    first_year = forms.IntegerField(label=_("Første år"), min_value=2000, max_value=2100)
    horizon = forms.IntegerField(
        label=_("Antal år"),
        min_value=1,
        max_value=MAX_YEARS_SPLIT,
        help_text=_(
            "Højst 35 år med én rente; med Finansministeriets delte rente (3,5 pct. til år 35, "
            "2,5 pct. derefter) op til 71 år (år 0-70)."
        ),
    )
    risk_method = forms.ChoiceField(
        label=_("Risikometode"),
        choices=RiskMethod.choices,
        initial=RiskMethod.SHARE,
        required=False,
        help_text=BusinessCase._meta.get_field("risk_method").help_text,
    )
    risk_percent = PercentField(
        label=_("Risikotillæg for hele casen (%)"),
        required=False,
        help_text=_(
            "Ved fast risikoandel: hæver alle omkostninger og sænker alle gevinster med andelen."
        ),
    )
    discount_rate = forms.ModelChoiceField(
        label=_("Diskonteringsrente"),
        queryset=DiscountRate.objects.order_by("-valid_from"),
        required=False,
        empty_label=_("Den rente, der gælder 1. januar i første år"),
    )
    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Its own ids: the case page also holds the line and time forms, whose risk and
        # lock_version fields share these names (a duplicate id left "Risikotillæg for hele
        # casen" without an accessible name).
        kwargs.setdefault("auto_id", "case_%s")
        super().__init__(*args, **kwargs)


class LineForm(HouseStyleMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Type"), choices=BusinessCaseLine.KindChoices.choices)
    category = forms.ChoiceField(
        label=_("Kategori"), choices=BusinessCaseLine.CategoryChoices.choices
    )
    name = forms.CharField(label=_("Navn"), max_length=200)
    likely = AmountsField(
        label=_("Beløb pr. år (kr.)"),
        required=False,
        help_text=_("Ét beløb pr. år adskilt af semikolon, fx 100.000; 50.000; 50.000."),
    )
    minimum = AmountsField(label=_("Minimum pr. år (kr.)"), required=False)
    maximum = AmountsField(label=_("Maksimum pr. år (kr.)"), required=False)
    risk_percent = PercentField(
        label=_("Linjens risikotillæg (%)"),
        required=False,
        help_text=_("Tom: hele casens risikotillæg."),
    )
    lock_version = forms.IntegerField(widget=forms.HiddenInput)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if bool(data.get("minimum")) != bool(data.get("maximum")):
            raise ValidationError(_("Angiv både minimum og maksimum, eller ingen af dem."))
        return data


class TimeSavingForm(HouseStyleMixin, forms.Form):
    name = forms.CharField(label=_("Navn"), max_length=200, required=False)
    hourly_rate = DecimalField(
        label=_("Timepris (kr.)"), min_value=0, max_digits=10, decimal_places=2
    )
    ramp_up = AmountsField(
        label=_("Indfasning pr. år (%)"),
        required=False,
        help_text=_("Fx 50; 100 når halvdelen af gevinsten kommer i første år. Tom: 100 %."),
    )
    risk_percent = PercentField(label=_("Linjens risikotillæg (%)"), required=False)
    lock_version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Its own ids: the page also holds the line form, whose fields share these names.
        kwargs.setdefault("auto_id", "time_%s")
        super().__init__(*args, **kwargs)

    def clean_ramp_up(self) -> list[Decimal]:
        # Typed in percent; checked here so the message speaks percent, not the 0-1 share.
        percents = self.cleaned_data["ramp_up"]
        for year, percent in enumerate(percents, start=1):
            if not 0 <= percent <= HUNDRED:
                raise ValidationError(
                    RAMP_UP_OUT_OF_RANGE
                    % {"year": year, "percent": percent_text(percent / HUNDRED)}
                )
        return [percent / HUNDRED for percent in percents]


class DiscountRateForm(HouseStyleMixin, forms.Form):
    valid_from = forms.DateField(
        label=_("Gælder fra"), widget=forms.DateInput(attrs={"type": "date"})
    )
    rate_percent = PercentField(label=_("Rente (%)"), max_value=Decimal("99.99"), decimal_places=3)
    later_rate_percent = PercentField(
        label=_("Rente fra år 36 (%)"),
        max_value=Decimal("99.99"),
        decimal_places=3,
        required=False,
        help_text=_("Tom: samme rente alle år (højst 35 år)."),
    )
    note = forms.CharField(label=_("Kilde"), max_length=300, required=False)


def percent_text(share: Decimal) -> str:
    """A share as the percent a form shows: Decimal("0.100") -> "10", 0.125 -> "12,5"."""
    return number(share * HUNDRED, None)


def amounts_text(values: list[str]) -> str:
    """Stored amounts as the line form shows them, in the page's language:
    ["100000", "1250.50"] -> "100.000; 1.250,50" (English "100,000; 1,250.50")."""
    return "; ".join(number(value, _typed_decimals(Decimal(value))) for value in values)


def _typed_decimals(amount: Decimal) -> int:
    # As many decimals as were stored: "1250.50" keeps its two, "1250.5" its one, "100000" none.
    exponent = amount.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def line_initial(line: BusinessCaseLine, lock_version: int) -> dict[str, Any]:
    """The line form filled in with a stored line, for editing it in place."""
    return {
        "kind": line.kind,
        "category": line.category,
        "name": line.name,
        "likely": amounts_text(line.likely),
        "minimum": amounts_text(line.minimum),
        "maximum": amounts_text(line.maximum),
        "risk_percent": percent_text(line.risk_share) if line.risk_share is not None else "",
        "lock_version": lock_version,
    }


class RiskForm(HouseStyleMixin, forms.Form):
    """One risk of the risk log; the probability in percent, the consequence in kroner."""

    name = forms.CharField(label=_("Risiko"), max_length=300)
    probability = DecimalField(
        label=_("Sandsynlighed (%)"), min_value=0, max_value=100, max_digits=5, decimal_places=2
    )
    consequence = DecimalField(
        label=_("Konsekvens (kr.)"), min_value=0, max_digits=15, decimal_places=2
    )
    owner = forms.CharField(label=_("Risikoejer"), max_length=200, required=False)
    action = forms.CharField(
        label=_("Handling"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    lock_version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "risk_%s")
        super().__init__(*args, **kwargs)


class WorkbookUploadForm(HouseStyleMixin, forms.Form):
    workbook = forms.FileField(
        label=_("Excel-fil (.xlsx) hentet fra denne business case"),
        help_text=_("Højst 5 MB. Du ser ændringerne, før noget gemmes."),
    )
