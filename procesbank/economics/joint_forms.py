"""Forms of the joint project page (issue 15)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from procesbank.economics.forms import AmountsField
from procesbank.economics.models import BusinessCaseLine, SplitKey
from procesbank.kit.formfields import DecimalField, HouseStyleMixin
from procesbank.organisations.models import Municipality
from procesbank.projects.models import ProjectKind, ProjectParticipant


class JointFrameForm(HouseStyleMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Projekttype"), choices=ProjectKind.choices)
    collaboration_owned = forms.BooleanField(label=_("Ejet af samarbejdet"), required=False)
    contract_value = DecimalField(
        label=_("Kontraktværdi (kr.)"),
        required=False,
        min_value=0,
        max_digits=14,
        decimal_places=2,
    )
    lock_version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "frame_%s")
        super().__init__(*args, **kwargs)


class ParticipantForm(HouseStyleMixin, forms.Form):
    municipality = forms.ModelChoiceField(label=_("Kommune"), queryset=Municipality.objects.none())
    cases = forms.IntegerField(label=_("Antal sager"), min_value=0, initial=0)
    seats = forms.IntegerField(label=_("Antal pladser"), min_value=0, initial=0)
    fixed_share = DecimalField(
        label=_("Fast andel (%)"),
        min_value=0,
        max_value=100,
        max_digits=7,
        decimal_places=4,
        initial=0,
    )

    def __init__(self, *args: Any, collaboration_id: int, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "participant_%s")
        super().__init__(*args, **kwargs)
        field = self.fields["municipality"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Municipality.objects.filter(collaboration_id=collaboration_id)


class LineSplitForm(HouseStyleMixin, forms.Form):
    """A line's split key, and for the amounts key one field of amounts per participant."""

    key = forms.ChoiceField(label=_("Fordelingsnøgle"), choices=SplitKey.choices)

    def __init__(
        self, *args: Any, line_id: int, participants: list[ProjectParticipant], **kwargs: Any
    ) -> None:
        kwargs.setdefault("auto_id", f"split{line_id}_%s")
        super().__init__(*args, **kwargs)
        for participant in participants:
            self.fields[f"amounts_{participant.municipality_id}"] = AmountsField(
                label=_("%(municipality)s: beløb pr. år (kr.)")
                % {"municipality": participant.municipality.name},
                required=False,
                help_text=_("Kun for nøglen “Beløb pr. kommune”; adskil årene med semikolon."),
            )


class LocalLineForm(HouseStyleMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Type"), choices=BusinessCaseLine.KindChoices.choices)
    category = forms.ChoiceField(
        label=_("Kategori"), choices=BusinessCaseLine.CategoryChoices.choices
    )
    name = forms.CharField(label=_("Navn"), max_length=200)
    amounts = AmountsField(
        label=_("Beløb pr. år (kr.)"),
        required=False,
        help_text=_("Ét beløb pr. år adskilt af semikolon, fx 100.000; 50.000; 50.000."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "local_%s")
        super().__init__(*args, **kwargs)


class MilestoneForm(HouseStyleMixin, forms.Form):
    due_on = forms.DateField(
        label=_("Dato"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    done = forms.BooleanField(label=_("Gennemført"), required=False)

    def __init__(self, *args: Any, milestone_id: int, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"milestone{milestone_id}_%s")
        super().__init__(*args, **kwargs)
