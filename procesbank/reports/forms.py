from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from procesbank.kit.formfields import HouseStyleMixin

FORMATS = [("pdf", _("PDF")), ("docx", _("Word (.docx)"))]


class SelectionForm(HouseStyleMixin, forms.Form):
    """Which processes the report holds (a KLE main group, a unit with the units below it, or
    both) and its format."""

    kle = forms.ChoiceField(
        label=_("KLE-hovedgruppe"),
        help_text=_("Rapporten tager alle processer i gruppen, som du kan se."),
        required=False,
        error_messages={
            "invalid_choice": _("Vælg en af de KLE-hovedgrupper, der står på listen."),
        },
    )
    unit = forms.TypedChoiceField(
        label=_("Enhed"),
        help_text=_("Alle processer i enheden og i enhederne under den."),
        required=False,
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": _("Vælg en af kommunens enheder på listen.")},
    )
    format = forms.ChoiceField(
        label=_("Format"),
        choices=FORMATS,
        initial="pdf",
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Vælg PDF eller Word.")},
    )

    def __init__(
        self,
        *args: Any,
        kle_choices: list[tuple[str, str]],
        unit_choices: list[tuple[int, str]] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["kle"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("Vælg …")), *kle_choices]
        units = self.fields["unit"]
        assert isinstance(units, forms.ChoiceField)
        units.choices = [("", _("Alle enheder")), *(unit_choices or [])]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors and not data.get("kle") and data.get("unit") is None:
            self.add_error("kle", _("Vælg en KLE-hovedgruppe eller en enhed."))
        return data
