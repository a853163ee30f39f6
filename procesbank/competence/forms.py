from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from procesbank.competence.models import ActionStatus
from procesbank.handbook.models import Section
from procesbank.kit.formfields import HouseStyleMixin

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
SCALE_CHOICES = [(n, str(n)) for n in range(1, 6)]


class ProgrammeForm(HouseStyleMixin, forms.Form):
    name = forms.CharField(label=_("Navn"), max_length=200)
    supplier = forms.CharField(label=_("Leverandør"), max_length=200)
    modules = forms.CharField(
        label=_("Moduler"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Ét modul pr. linje, i rækkefølge."),
    )
    description = forms.CharField(
        label=_("Beskrivelse"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean_modules(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["modules"].splitlines() if line.strip()]


class CohortForm(HouseStyleMixin, forms.Form):
    programme = forms.TypedChoiceField(label=_("Forløb"), coerce=int)
    name = forms.CharField(label=_("Holdets navn"), max_length=200)
    start_date = forms.DateField(label=_("Startdato"), widget=DATE)
    end_date = forms.DateField(label=_("Slutdato"), widget=DATE)
    price = forms.DecimalField(
        label=_("Pris i alt (kr.)"), min_value=0, max_digits=12, decimal_places=2
    )


class SeatsForm(HouseStyleMixin, forms.Form):
    municipality = forms.TypedChoiceField(label=_("Kommune"), coerce=int)
    seats = forms.IntegerField(label=_("Pladser"), min_value=0, max_value=999)


class ConsultantForm(HouseStyleMixin, forms.Form):
    name = forms.CharField(
        label=_("Navn"), max_length=200, required=False, help_text=_("Tomt: brugerens navn.")
    )
    user = forms.TypedChoiceField(
        label=_("Bruger (valgfri)"), coerce=int, required=False, empty_value=None
    )


class EnrolForm(HouseStyleMixin, forms.Form):
    consultant = forms.TypedChoiceField(
        label=_("Konsulent"), coerce=int, required=False, empty_value=None
    )
    new_name = forms.CharField(
        label=_("Eller en ny person uden login"), max_length=200, required=False
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("consultant") and not str(data.get("new_name") or "").strip():
            raise forms.ValidationError(_("Vælg en konsulent eller skriv et navn."))
        return data


class EnrolmentForm(HouseStyleMixin, forms.Form):
    attended_modules = forms.TypedMultipleChoiceField(
        label=_("Deltog i modulerne"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    assignment_title = forms.CharField(
        label=_("Afsluttende opgave"), max_length=200, required=False
    )
    assignment_process = forms.TypedChoiceField(
        label=_("Proces i biblioteket"), coerce=int, required=False, empty_value=None
    )
    assignment_example = forms.BooleanField(
        label=_("Må vises som eksempel for hele samarbejdet"),
        required=False,
        help_text=_(
            "Kun med den uddannedes samtykke. Eksemplet viser titel og kommune; processen ses "
            "kun af dem, der må læse den."
        ),
    )


class GradeForm(HouseStyleMixin, forms.Form):
    # A text field: "02", "00" and "-3" are typed as written; grades.parse_grade decides.
    grade = forms.CharField(label=_("Karakter"), max_length=5)
    external_examiner = forms.BooleanField(label=_("Ekstern censor"), required=False)


class WorkshopForm(HouseStyleMixin, forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=200)
    held_on = forms.DateField(label=_("Dato"), widget=DATE)
    cohort = forms.TypedChoiceField(label=_("Hold"), coerce=int, required=False, empty_value=None)
    participants = forms.TypedMultipleChoiceField(
        label=_("Deltagere"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )
    agenda = forms.CharField(
        label=_("Dagsorden"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    findings = forms.CharField(
        label=_("Erfaringer og fund"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )


class EvaluationForm(HouseStyleMixin, forms.Form):
    usefulness = forms.TypedChoiceField(label=_("Udbytte (1-5)"), coerce=int, choices=SCALE_CHOICES)
    relevance = forms.TypedChoiceField(
        label=_("Relevans for arbejdet (1-5)"), coerce=int, choices=SCALE_CHOICES
    )
    organisation = forms.TypedChoiceField(
        label=_("Tilrettelæggelse (1-5)"), coerce=int, choices=SCALE_CHOICES
    )
    comment = forms.CharField(
        label=_("Kommentar"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ActionForm(HouseStyleMixin, forms.Form):
    title = forms.CharField(label=_("Handling"), max_length=300)
    owner = forms.TypedChoiceField(label=_("Ansvarlig"), coerce=int)
    deadline = forms.DateField(label=_("Frist"), widget=DATE)
    handbook_page = forms.TypedChoiceField(
        label=_("Side i metodehåndbogen"), coerce=int, required=False, empty_value=None
    )


class ActionStatusForm(HouseStyleMixin, forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)


class ModuleSectionForm(HouseStyleMixin, forms.Form):
    handbook_section = forms.ChoiceField(
        label=_("Afsnit i metodehåndbogen"),
        choices=[("", _("Intet afsnit")), *Section.choices],
        required=False,
    )

    @staticmethod
    def section_choices() -> list[tuple[str, Any]]:
        """The options of the overview's small per-module forms."""
        return [("", _("Intet afsnit")), *Section.choices]
