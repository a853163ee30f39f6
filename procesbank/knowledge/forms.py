from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from procesbank.kit.formfields import HouseStyleMixin
from procesbank.knowledge import selectors
from procesbank.knowledge.models import Answer, Lesson, Question, Topic
from procesbank.organisations.models import User
from procesbank.organisations.pickers import own_first, owner_label
from procesbank.processes.forms import CommaListField

IT_SYSTEMS_HELP = _("Adskil med komma, fx SBSYS, KMD Nexus.")


def _owner_label(obj: Any) -> str:
    return owner_label(str(obj), obj.municipality.name)


def _pickers(form: forms.BaseForm, user: User, process_field: str, candidate_field: str) -> None:
    fields: Any = form.fields
    fields[process_field].queryset = own_first(
        selectors.link_process_choices(user=user), user=user, then=("name", "pk")
    )
    fields[process_field].label_from_instance = _owner_label
    fields[candidate_field].queryset = own_first(
        selectors.link_candidate_choices(user=user), user=user, then=("title", "pk")
    )
    fields[candidate_field].label_from_instance = _owner_label


class QuestionForm(HouseStyleMixin, forms.ModelForm):
    it_systems = CommaListField(label=_("It-systemer"), required=False, help_text=IT_SYSTEMS_HELP)

    class Meta:
        model = Question
        fields = ["title", "body", "topic", "kle_code", "it_systems", "visibility"]
        widgets = {"body": forms.Textarea(attrs={"rows": 5})}
        help_texts = {
            "title": _("Et kort spørgsmål, fx “Hvordan måler I tiden på byggesager?”"),
            "kle_code": _("Valgfrit: KLE-nummeret for opgaven, fx 02.34.02."),
            "visibility": _("Samarbejdet: konsulenter i alle kommunerne kan se og svare."),
        }


class AnswerForm(HouseStyleMixin, forms.ModelForm):
    class Meta:
        model = Answer
        fields = ["body", "linked_process", "linked_candidate", "linked_handbook_page"]
        widgets = {"body": forms.Textarea(attrs={"rows": 5})}
        help_texts = {
            "linked_process": _("Valgfrit: en proces, der viser, hvordan I gør."),
            "linked_candidate": _("Valgfrit: en automatiseringskandidat, svaret bygger på."),
            "linked_handbook_page": _("Valgfrit: en side i metodehåndbogen om emnet."),
        }

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _pickers(self, user, "linked_process", "linked_candidate")
        pages: Any = self.fields["linked_handbook_page"]
        pages.queryset = selectors.link_page_choices(user=user)


class LessonForm(HouseStyleMixin, forms.ModelForm):
    it_systems = CommaListField(label=_("It-systemer"), required=False, help_text=IT_SYSTEMS_HELP)
    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Lesson
        fields = [
            "title",
            "outcome",
            "worked",
            "did_not_work",
            "advice",
            "topic",
            "project_type",
            "kle_code",
            "it_systems",
            "processes",
            "candidates",
            "visibility",
        ]
        widgets = {
            "worked": forms.Textarea(attrs={"rows": 4}),
            "did_not_work": forms.Textarea(attrs={"rows": 4}),
            "advice": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "worked": _("Det, I ville gøre igen: metoder, samarbejde, beslutninger."),
            "did_not_work": _("Det, der kostede tid eller ikke gav det ventede."),
            "advice": _("Et par konkrete råd til den næste kommune, der går i gang."),
            "visibility": _("Samarbejdet: de andre kommuner kan læse erfaringen."),
            "processes": _("Processerne, projektet ændrede."),
        }

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _pickers(self, user, "processes", "candidates")


class FollowForm(HouseStyleMixin, forms.Form):
    topics = forms.MultipleChoiceField(
        label=_("Emner, jeg følger"),
        choices=Topic.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Du får besked, når der kommer et nyt spørgsmål i et emne, du følger."),
    )


class QuestionFilterForm(HouseStyleMixin, forms.Form):
    topic = forms.ChoiceField(
        label=_("Emne"), choices=[("", _("Alle emner")), *Topic.choices], required=False
    )
    kle = forms.RegexField(
        label=_("KLE"), regex=r"^\d{2}(\.\d{2}){0,2}$", required=False, max_length=8
    )
    it_system = forms.CharField(label=_("It-system"), required=False, max_length=100)
    unanswered = forms.BooleanField(label=_("Kun ubesvarede"), required=False)


class ExpertForm(HouseStyleMixin, forms.Form):
    topic = forms.ChoiceField(
        label=_("Emne"), choices=[("", _("Alle emner")), *Topic.choices], required=False
    )
    kle = forms.RegexField(
        label=_("KLE"),
        regex=r"^\d{2}(\.\d{2}){0,2}$",
        required=False,
        max_length=8,
        help_text=_("Hele nummeret eller begyndelsen, fx 02 eller 02.34."),
        error_messages={"invalid": _("KLE-nummeret skal have formen NN.NN.NN, fx 32.18.08.")},
    )
    it_system = forms.CharField(label=_("It-system"), required=False, max_length=100)
