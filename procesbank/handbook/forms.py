from __future__ import annotations

from typing import Any

from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from procesbank.handbook.models import DocumentTemplate, Page
from procesbank.kit.formfields import HouseStyleMixin
from procesbank.organisations.models import User


class PageForm(HouseStyleMixin, forms.ModelForm):
    note = forms.CharField(
        label=_("Hvad har du ændret?"),
        max_length=300,
        required=False,
        help_text=_("Kort note til historikken, fx “Tilføjet afsnit om interview”."),
    )
    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Page
        fields = [
            "title",
            "section",
            "position",
            "summary",
            "body",
            "visibility",
            "owner",
            "review_interval_months",
        ]
        widgets = {
            # The live preview: htmx posts the text as it is typed and shows the answer.
            "body": forms.Textarea(
                attrs={
                    "rows": 24,
                    "class": "markdown-source",
                    "spellcheck": "true",
                    "hx-post": reverse_lazy("handbook:preview"),
                    "hx-trigger": "input changed delay:400ms",
                    "hx-target": "#preview",
                    "hx-sync": "this:replace",
                }
            ),
        }

    def __init__(self, *args: Any, municipality_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: Any = self.fields
        fields["owner"].queryset = User.objects.filter(
            municipality_id=municipality_id, is_active=True
        ).order_by("first_name", "username")
        fields["owner"].label_from_instance = lambda u: u.get_full_name() or u.get_username()


class TemplateForm(HouseStyleMixin, forms.ModelForm):
    file = forms.FileField(
        label=_("Fil"),
        help_text=_(
            "Word, Excel, PowerPoint, PDF, OpenDocument-tekst eller Markdown; højst 10 MB."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".docx,.xlsx,.pptx,.pdf,.odt,.md"}),
    )

    class Meta:
        model = DocumentTemplate
        fields = ["name", "kind", "section", "description", "visibility"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}


class TemplateVersionForm(HouseStyleMixin, forms.Form):
    file = forms.FileField(
        label=_("Ny version af filen"),
        help_text=_(
            "Word, Excel, PowerPoint, PDF, OpenDocument-tekst eller Markdown; højst 10 MB."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".docx,.xlsx,.pptx,.pdf,.odt,.md"}),
    )
    note = forms.CharField(label=_("Hvad er ændret?"), max_length=300, required=False)
    lock_version = forms.IntegerField(widget=forms.HiddenInput)
