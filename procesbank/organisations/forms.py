from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from procesbank.kit.formfields import HouseStyleMixin
from procesbank.organisations.models import Language, Role, UnitKind


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


class ProfileForm(HouseStyleMixin, forms.Form):
    """A person's own details (the profile page), and an administrator's edit of them."""

    first_name = forms.CharField(label=_("Fornavn"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Efternavn"), max_length=150, required=False)
    job_title = forms.CharField(
        label=_("Stillingsbetegnelse"),
        max_length=200,
        required=False,
        help_text=_("Fx proceskonsulent eller teamleder."),
    )
    email = forms.EmailField(label=_("E-mail"), required=False)
    language = forms.ChoiceField(
        label=_("Sprog"),
        choices=Language.choices,
        help_text=_("Sproget i Procesbanks sider og i de mails, du får."),
    )


class PersonForm(ProfileForm):
    unit = forms.TypedChoiceField(label=_("Enhed"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args: Any, units: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].help_text = _("Sproget i personens sider og mails.")
        self.fields["unit"].choices = [("", _("Ingen enhed")), *units]  # type: ignore[attr-defined]


class UnitForm(HouseStyleMixin, forms.Form):
    name = forms.CharField(label=_("Navn"), max_length=200)
    kind = forms.ChoiceField(label=_("Type"), choices=UnitKind.choices, initial=UnitKind.AFDELING)
    parent = forms.TypedChoiceField(
        label=_("Ligger under"), required=False, coerce=int, empty_value=None
    )
    external_id = forms.CharField(
        label=_("Enheds-id"),
        max_length=64,
        required=False,
        help_text=_("Enhedens id i kommunens organisations- eller lønsystem (valgfrit)."),
    )
    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, units: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", _("Øverst (ingen overordnet enhed)")), *units]
        self.fields["parent"].choices = choices  # type: ignore[attr-defined]


class UnitImportForm(HouseStyleMixin, forms.Form):
    file = forms.FileField(
        label=_("Fil med enheder"),
        help_text=_(
            "En CSV- eller Excel-fil (.xlsx), højst 5 MB, med en overskriftsrække og kolonnerne "
            "navn, enheds-id og overordnet enheds-id (valgfrit: type). Fx en eksport fra "
            "kommunens organisations- eller lønsystem."
        ),
    )
