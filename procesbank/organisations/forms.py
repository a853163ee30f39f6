from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from procesbank.kit.formfields import HouseStyleMixin
from procesbank.organisations.models import Role


class UserCreateForm(HouseStyleMixin, forms.Form):
    username = forms.CharField(label=_("Brugernavn"), max_length=150)
    first_name = forms.CharField(label=_("Fornavn"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Efternavn"), max_length=150, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    role = forms.ChoiceField(label=_("Rolle"))
    password = forms.CharField(
        label=_("Midlertidig adgangskode"),
        widget=forms.PasswordInput(render_value=False),
        help_text=_("Giv den videre på en sikker måde; brugeren kan selv skifte den."),
    )

    def __init__(self, *args: Any, roles: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [(r, Role(r).label) for r in roles]  # type: ignore[attr-defined]


class UserUpdateForm(HouseStyleMixin, forms.Form):
    role = forms.ChoiceField(label=_("Rolle"))
    is_active = forms.BooleanField(label=_("Aktiv"), required=False)

    def __init__(self, *args: Any, roles: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [(r, Role(r).label) for r in roles]  # type: ignore[attr-defined]


class ApiTokenForm(HouseStyleMixin, forms.Form):
    name = forms.CharField(
        label=_("Navn på nøglen"),
        max_length=100,
        help_text=_("Fx det script eller system, der skal bruge den."),
    )


class AccessibilityStatementForm(HouseStyleMixin, forms.Form):
    url = forms.URLField(
        label=_("Link til kommunens tilgængelighedserklæring"),
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=_(
            "Erklæringen laves i Digitaliseringsstyrelsens WAS-værktøj og vises i sidefoden for "
            "kommunens brugere. Tom: installationens erklæring."
        ),
    )
