from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from procesbank.kit.formfields import HouseStyleMixin
from procesbank.search.selectors import MAX_QUERY


class SearchForm(HouseStyleMixin, forms.Form):
    """The results page's search and filters, all in the URL so a search can be shared."""

    q = forms.CharField(label=_("Søg efter"), required=False, max_length=MAX_QUERY)
    type = forms.MultipleChoiceField(
        label=_("Type"), required=False, widget=forms.CheckboxSelectMultiple
    )
    municipality = forms.TypedChoiceField(
        label=_("Kommune"), required=False, coerce=int, empty_value=None
    )
    kle = forms.CharField(
        label=_("KLE-nummer"),
        required=False,
        max_length=8,
        help_text=_("Et emne og alt under det, fx 02 eller 02.34."),
    )

    def __init__(
        self,
        *args: Any,
        municipalities: list[Any],
        kinds: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["type"].choices = kinds  # type: ignore[attr-defined]
        self.fields["municipality"].choices = [  # type: ignore[attr-defined]
            ("", _("Alle kommuner")),
            *[(m.pk, m.name) for m in municipalities],
        ]
