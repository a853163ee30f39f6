from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from procesbank.kit.formfields import HouseStyleMixin
from procesbank.organisations.models import User
from procesbank.organisations.pickers import owner_label
from procesbank.processes.models import VersionKind
from procesbank.projects import selectors
from procesbank.projects.models import CommunicationStatus, Project

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ProjectForm(HouseStyleMixin, forms.ModelForm):
    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Project
        fields = ["name", "description", "owner", "phase", "as_is_version", "to_be_version"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: Any = self.fields
        if self.instance.pk:
            del fields["phase"]  # the phase moves on through the gate on the project page
        fields["owner"].queryset = User.objects.filter(
            municipality=user.municipality, is_active=True
        ).order_by("username")
        fields["as_is_version"].queryset = selectors.version_choices(
            user=user, kind=VersionKind.AS_IS
        )
        fields["to_be_version"].queryset = selectors.version_choices(
            user=user, kind=VersionKind.TO_BE
        )
        for key in ("as_is_version", "to_be_version"):
            fields[key].label_from_instance = _version_label
        fields["as_is_version"].help_text = _(
            "Processen, som den er i dag. Vælg blandt de processer, du kan se."
        )
        fields["to_be_version"].help_text = _("Den fremtidige proces; samme proces som som-er.")


def _version_label(version: Any) -> str:
    return owner_label(
        f"{version.process.name} · {version.display_label}", version.process.municipality.name
    )


class StakeholderForm(HouseStyleMixin, forms.Form):
    name = forms.CharField(label=_("Interessent"), max_length=200)
    interest = forms.CharField(label=_("Interesse"), max_length=300, required=False)
    influence = forms.TypedChoiceField(
        label=_("Indflydelse"),
        coerce=int,
        choices=[(n, str(n)) for n in range(1, 6)],
        help_text=_("1 = lille, 5 = afgørende."),
    )
    attitude = forms.TypedChoiceField(
        label=_("Holdning"),
        coerce=int,
        choices=[
            (-2, _("-2 imod")),
            (-1, _("-1 skeptisk")),
            (0, _("0 neutral")),
            (1, _("+1 positiv")),
            (2, _("+2 for")),
        ],
        initial=0,
    )


class CommunicationForm(HouseStyleMixin, forms.Form):
    audience = forms.CharField(label=_("Målgruppe"), max_length=200)
    message = forms.CharField(label=_("Budskab"), widget=forms.Textarea(attrs={"rows": 2}))
    channel = forms.CharField(label=_("Kanal"), max_length=100)
    sender = forms.CharField(label=_("Afsender"), max_length=200)
    planned_on = forms.DateField(label=_("Dato"), widget=DATE)


class CommunicationStatusForm(HouseStyleMixin, forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=CommunicationStatus.choices)
