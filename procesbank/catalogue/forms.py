from __future__ import annotations

from typing import Any

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from procesbank.catalogue.columns import CANDIDATE, EDITABLE_FIELDS, SHARED_PROCESS
from procesbank.catalogue.engine.assessment import ANSWER_LABELS, QUESTION_TEXTS, Answer, Question
from procesbank.catalogue.models import (
    SUMMARY_MAX,
    TITLE_MAX,
    Candidate,
    CandidatePhase,
    Domain,
    RunSchedule,
    Technology,
)
from procesbank.kit.columns import Columns, in_order
from procesbank.kit.formfields import HouseStyleMixin, SuggestInput
from procesbank.organisations.pickers import owner_label
from procesbank.processes.forms import CommaListField
from procesbank.processes.models import KLE_CODE_VALIDATOR, Phase, Process, Visibility

ANSWER_CHOICES = [("", _("Ikke besvaret"))] + [
    (answer.value, _(ANSWER_LABELS[answer])) for answer in Answer
]


# The column picker of the catalogue list ("kolonner" in the URL, so links and saved searches
# keep the choice): the pickable columns of the registry (columns.py). The title/name column is
# always shown.
def column_registry(kind: str) -> Columns:
    return CANDIDATE if kind == "kandidater" else SHARED_PROCESS


def column_choices(kind: str) -> list[tuple[str, Any]]:
    return column_registry(kind).picker_choices()


def chosen_columns(kind: str, requested: list[str]) -> list[str]:
    """The known columns asked for, in the picker's order; the defaults when none is."""
    return column_registry(kind).chosen(requested)


class CatalogueFilterForm(HouseStyleMixin, forms.Form):
    q = forms.CharField(label=_("Søg"), required=False)
    kle = forms.CharField(
        label=_("KLE-nummer"),
        required=False,
        max_length=8,
        widget=SuggestInput("api:kle_lookup", attrs={"placeholder": "02.34"}),
    )
    phase = forms.ChoiceField(label=_("Fase"), required=False)
    technology = forms.ChoiceField(
        label=_("Teknologi"),
        required=False,
        # Not plain "Alle": that is also the public visibility, "Everyone" in English.
        choices=[("", _("Alle teknologier")), *Technology.choices],
    )
    municipality = forms.TypedChoiceField(
        label=_("Kommune"), required=False, coerce=int, empty_value=None
    )
    domain = forms.ChoiceField(
        label=_("Fagområde"), required=False, choices=[("", _("Alle fagområder")), *Domain.choices]
    )
    run_schedule = forms.ChoiceField(
        label=_("Kørselsfrekvens"),
        required=False,
        choices=[("", _("Alle frekvenser")), *RunSchedule.choices],
    )
    kl_generic = forms.ChoiceField(
        label=_("KL's generiske processer"),
        required=False,
        choices=[
            ("", _("Alle kandidater")),
            ("ja", _("Kun KL's generiske")),
            ("nej", _("Uden KL's")),
        ],
    )
    mine = forms.ChoiceField(
        label=_("Vis"),
        required=False,
        choices=[
            ("", _("Alle kandidater")),
            ("favoritter", _("Mine favoritter")),
            ("foelger", _("Dem, jeg følger")),
        ],
    )
    sort = forms.ChoiceField(label=_("Sortér efter"), required=False)
    group = forms.ChoiceField(
        label=_("Gruppér efter"),
        required=False,
        choices=[("", _("Ingen gruppering")), ("forvaltning", _("Forvaltning"))],
    )

    def __init__(self, *args: Any, kind: str, municipalities: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        phases = CandidatePhase.choices if kind == "kandidater" else Phase.choices
        self.fields["phase"].choices = [("", _("Alle faser")), *phases]  # type: ignore[attr-defined]
        self.fields["municipality"].choices = [  # type: ignore[attr-defined]
            ("", _("Alle kommuner")),
            *[(m.pk, m.name) for m in municipalities],
        ]
        sorts = [
            ("name", _("Navn")),
            ("-updated", _("Senest ændret")),
            ("kle", _("KLE-nummer")),
            ("municipality", _("Kommune")),
        ]
        if kind == "kandidater":
            del self.fields["group"]
            sorts += [
                ("-saving", _("Potentiale × timer sparet")),
                ("-potential", _("Højeste potentiale")),
                ("-interest", _("Flest interesserede")),
            ]
        else:
            sorts += [("-volume", _("Flest sager"))]
            for name in ("mine", "domain", "run_schedule", "kl_generic"):
                del self.fields[name]
        self.fields["sort"].choices = sorts  # type: ignore[attr-defined]

    def clean_kle(self) -> str:
        return str(self.cleaned_data.get("kle") or "").strip()


# The edit form's layout. A field it does not name (a new one) follows the field declared
# before it on the model; every editable field is on the form but the assessment's answers,
# which have a question field each.
CANDIDATE_FORM_ORDER = (
    "title",
    "summary",
    "process",
    "kle_code",
    "description",
    "problems",
    "solution_ideas",
    "yearly_occurrences",
    "minutes_per_occurrence",
    "employees",
    "automation_share",
    "phase",
    "status",
    "status_reason",
    "technology",
    "it_systems",
    "domains",
    "run_schedule",
    "targets_citizens",
    "targets_companies",
    "kl_generic",
    "kl_id",
    "vendor",
    "in_operation_on",
    "decommissioned_on",
    "code_repository_url",
    "legal_basis",
    "legal_basis_checked_on",
    "visibility",
    "contact_email",
    "internal_notes",
    "esdh_reference",
)
CANDIDATE_FORM_FIELDS = in_order(
    [name for name in EDITABLE_FIELDS if name != "answers"], CANDIDATE_FORM_ORDER
)


def _date_input(model_field: models.Field[Any, Any], **kwargs: Any) -> forms.Field | None:
    """A browser date picker for every date field (ISO value, as the input expects)."""
    if isinstance(model_field, models.DateField) and not isinstance(
        model_field, models.DateTimeField
    ):
        kwargs.setdefault("widget", forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    return model_field.formfield(**kwargs)


class CandidateForm(HouseStyleMixin, forms.ModelForm):
    it_systems = CommaListField(
        label=_("It-systemer"),
        required=False,
        help_text=_("Adskil med komma, fx SBSYS, KMD Nexus. Navnene foreslås fra ordbogen."),
        widget=SuggestInput("api:it_system_lookup", multiple=True),
    )
    domains = forms.MultipleChoiceField(
        label=_("Fagområder"),
        choices=Domain.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "checkbox-columns"}),
    )
    code_repository_url = forms.URLField(
        label=_("Link til kode"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=_("Fx et link til koden på GitHub."),
    )
    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Candidate
        fields = CANDIDATE_FORM_FIELDS
        formfield_callback = _date_input
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "kle_code": SuggestInput("api:kle_lookup", attrs={"placeholder": "02.34.02"}),
            "problems": forms.Textarea(attrs={"rows": 3}),
            "solution_ideas": forms.Textarea(attrs={"rows": 3}),
            "status_reason": forms.Textarea(attrs={"rows": 2}),
            "internal_notes": forms.Textarea(attrs={"rows": 3}),
            "legal_basis": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "title": _("Højst 65 tegn."),
            "summary": _("Højst 140 tegn."),
            "internal_notes": _("Kun din kommunes redaktører ser dem."),
            "esdh_reference": _(
                "Sagsnummer i jeres ESDH-system. Kun din kommunes redaktører ser det."
            ),
            "kl_generic": _(
                "Sæt flueben, hvis kandidaten bygger på en af KL's generiske processer."
            ),
            "process": _("Sparede timer beregnes ud fra processens som-er-tal."),
            "problems": _("Hvad er problemet i dag, og hvilken løsning ønsker I?"),
        }

    def __init__(self, *args: Any, processes: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["process"]
        field.queryset = processes if processes is not None else Process.objects.none()  # type: ignore[attr-defined]
        field.required = False
        for question in Question:
            self.fields[f"q_{question.value}"] = forms.ChoiceField(
                label=_(QUESTION_TEXTS[question]), choices=ANSWER_CHOICES, required=False
            )
            if self.instance.pk:
                self.initial[f"q_{question.value}"] = self.instance.answers.get(question.value, "")
        self.instance.municipality_id = self.instance.municipality_id or 0

    def validate_unique(self) -> None:
        return

    def question_fields(self) -> list[Any]:
        return [self[f"q_{q.value}"] for q in Question]

    def service_data(self) -> dict[str, Any]:
        data = {k: v for k, v in self.cleaned_data.items() if k in self.Meta.fields}
        data["domains"] = list(self.cleaned_data.get("domains") or [])
        data["answers"] = {
            q.value: self.cleaned_data[f"q_{q.value}"]
            for q in Question
            if self.cleaned_data.get(f"q_{q.value}")
        }
        return data


class CommentForm(HouseStyleMixin, forms.Form):
    text = forms.CharField(
        label=_("Kommentar"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Nævn en kollega med @brugernavn. Kommentarer kan ikke redigeres."),
    )


class AttachmentForm(HouseStyleMixin, forms.Form):
    file = forms.FileField(label=_("Fil"), help_text=_("Højst 10 MB. Ingen personoplysninger."))
    shared = forms.BooleanField(
        label=_("Delt med andre kommuner"),
        required=False,
        help_text=_("Uden flueben ser kun din kommune bilaget."),
    )


class ComparisonForm(HouseStyleMixin, forms.Form):
    kle = forms.CharField(
        label=_("KLE-nummer"),
        max_length=8,
        required=False,
        error_messages={"max_length": _("Et KLE-nummer har højst 8 tegn, fx 32.18.08.")},
    )

    group = forms.ChoiceField(
        label=_("Gruppér efter"),
        required=False,
        choices=[("", _("Ingen gruppering")), ("forvaltning", _("Forvaltning"))],
    )

    def clean_kle(self) -> str:
        return str(self.cleaned_data.get("kle") or "").strip()


class CatalogueImportForm(HouseStyleMixin, forms.Form):
    file = forms.FileField(
        label=_("Fil"),
        help_text=_(
            "Excel (.xlsx) eller CSV, højst 2 MB. Kolonner: navn, KLE, sager pr. år, "
            "minutter pr. sag, it-system, fase."
        ),
    )


class SavedSearchForm(HouseStyleMixin, forms.Form):
    NAME_MAX = 100
    QUERY_MAX = 1000

    name = forms.CharField(label=_("Navn på søgningen"), max_length=NAME_MAX)
    query = forms.CharField(widget=forms.HiddenInput, required=False, max_length=QUERY_MAX)


class ProcessChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return owner_label(obj.name, obj.municipality.name)


class UmbrellaForm(HouseStyleMixin, forms.Form):
    name = forms.CharField(label=_("Navn"), max_length=200)
    description = forms.CharField(
        label=_("Beskrivelse"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    visibility = forms.ChoiceField(label=_("Synlighed"), choices=Visibility.choices)
    processes = ProcessChoiceField(
        label=_("Processer"),
        queryset=Process.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 12}),
        help_text=_("Egne og delte processer. De skal være mindst lige så synlige som paraplyen."),
    )
    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, processes: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["processes"].queryset = processes  # type: ignore[attr-defined]


class QuickShareForm(HouseStyleMixin, forms.Form):
    """The handful of fields of a quick share; the rest is filled in by editing it later."""

    title = forms.CharField(label=_("Titel"), max_length=TITLE_MAX, help_text=_("Højst 65 tegn."))
    summary = forms.CharField(
        label=_("Resumé"),
        max_length=SUMMARY_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Højst 140 tegn."),
    )
    kle_code = forms.CharField(
        label=_("KLE-nummer"),
        max_length=8,
        required=False,
        validators=[KLE_CODE_VALIDATOR],
        help_text=_("Skriv et nummer eller ord, fx 02.34 eller byggesag."),
        widget=SuggestInput("api:kle_lookup", attrs={"placeholder": "02.34.02"}),
    )
    technology = forms.ChoiceField(label=_("Teknologi"), choices=Technology.choices)
    contact_email = forms.EmailField(
        label=_("Kontakt (e-mail)"),
        required=False,
        help_text=_("Hvem andre kommuner kan spørge. Tomt: din egen e-mail."),
    )
