from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from procesbank.kit.formfields import HouseStyleMixin
from procesbank.organisations.models import User


def _person(user: User) -> str:
    full = user.get_full_name()
    return f"{full} ({user.username})" if full else user.username


class SubmitForm(HouseStyleMixin, forms.Form):
    reviewers = forms.ModelMultipleChoiceField(
        label=_("Reviewere"),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("De får besked i Procesbank og på mail."),
    )

    def __init__(self, *args: Any, choices: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["reviewers"]
        field.queryset = choices  # type: ignore[attr-defined]
        field.label_from_instance = _person  # type: ignore[attr-defined]


class CommentForm(HouseStyleMixin, forms.Form):
    element_id = forms.ChoiceField(label=_("Element i diagrammet"), required=False)
    text = forms.CharField(
        label=_("Kommentar"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, elements: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["element_id"].choices = [  # type: ignore[attr-defined]
            ("", _("Hele versionen")),
            *elements,
        ]


class PublishForm(HouseStyleMixin, forms.Form):
    next_review_on = forms.DateField(
        label=_("Næste gennemgang"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Procesejeren bliver mindet om gennemgangen 30 dage før."),
    )
