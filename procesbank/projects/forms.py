from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from procesbank.organisations.models import User
from procesbank.processes.models import VersionKind
from procesbank.projects import selectors
from procesbank.projects.models import Project


class ProjectForm(forms.ModelForm):
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
    return f"{version.process.name} · {version.label} ({version.process.municipality.name})"
