from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from procesbank.kit.formfields import HouseStyleMixin

FORMATS = [("pdf", _("PDF")), ("docx", _("Word (.docx)"))]


class SelectionForm(HouseStyleMixin, forms.Form):
    """Which processes the report holds (a KLE main group; later also a unit) and its format."""

    kle = forms.ChoiceField(
        label=_("KLE-hovedgruppe"),
        help_text=_("Rapporten tager alle processer i gruppen, som du kan se."),
        error_messages={
            "required": _("Vælg en KLE-hovedgruppe."),
            "invalid_choice": _("Vælg en af de KLE-hovedgrupper, der står på listen."),
        },
    )
    format = forms.ChoiceField(
        label=_("Format"),
        choices=FORMATS,
        initial="pdf",
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Vælg PDF eller Word.")},
    )

    def __init__(self, *args: Any, kle_choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["kle"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("Vælg …")), *kle_choices]
