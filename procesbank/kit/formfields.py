"""The house style of every form: number fields that read "25,6" as well as "25.6", and select
placeholders in the user's language instead of Django's "---------".

Every form of the apps inherits :class:`HouseStyleMixin` first
(``class ProcessForm(HouseStyleMixin, forms.ModelForm)``); a test walks the apps and fails on a
form without it. Fields declared with the kit's :class:`DecimalField` / :class:`FloatField`
get the same reading directly, for fields that subclass them (a percent field, say).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models.fields import BLANK_CHOICE_DASH
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from procesbank.kit.formatting import NotANumber, parse_number

#: The first option of a select the user has not chosen from yet.
EMPTY_LABEL = _("— Vælg —")

_DJANGO_EMPTY_LABEL = BLANK_CHOICE_DASH[0][1]  # "---------"


class NumberInput(forms.TextInput):
    """A text box for a number. Not ``<input type="number">``: a browser refuses "25,6" in
    it or sends "" for it depending on its own locale, which is not the page's language. The
    ``inputmode`` still brings up the numeric keyboard on a phone."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__({"inputmode": "decimal", **(attrs or {})})


class _ReadsDanishAndEnglish:
    """``to_python`` that reads the text with :func:`parse_number` before the field's own
    checks (digits, decimal places, min and max): "25,6", "25.6", "1.234,5", "1,234.5"."""

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str) and value.strip():
            try:
                value = parse_number(value)
            except NotANumber:
                raise forms.ValidationError(
                    self.error_messages["invalid"],  # type: ignore[attr-defined]
                    code="invalid",
                ) from None
        return super().to_python(value)  # type: ignore[misc]


class DecimalField(_ReadsDanishAndEnglish, forms.DecimalField):
    """A decimal typed the Danish or the English way, shown in the page's language."""

    widget = NumberInput

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("localize", True)
        super().__init__(**kwargs)


class FloatField(_ReadsDanishAndEnglish, forms.FloatField):
    """A float typed the Danish or the English way, shown in the page's language."""

    widget = NumberInput

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("localize", True)
        super().__init__(**kwargs)


_HOUSE_NUMBER_FIELDS: dict[type[forms.Field], type[forms.Field]] = {
    forms.DecimalField: DecimalField,
    forms.FloatField: FloatField,
}


class Select(forms.Select):
    """Django's select, written in Python: the same HTML as its templates, to the byte (their
    line ends included: ``django/forms/widgets/select.html``, one ``select_option.html`` per
    option), without a
    template rendered for each option. A filter of the 98 municipalities cost 3.4 ms a select
    that way, on every list page; this writes it in a tenth of that. A test holds the two equal
    for every shape of choices (groups, a chosen one, attributes, text to escape)."""

    def render(
        self,
        name: str,
        value: Any,
        attrs: dict[str, Any] | None = None,
        renderer: Any = None,
    ) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
        for group_name, group_choices, _index in widget["optgroups"]:
            if group_name:
                parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
            for option in group_choices:
                parts.append(
                    f'\n  <option value="{conditional_escape(str(option["value"]))}"'
                    f"{_attrs(option['attrs'])}>{conditional_escape(option['label'])}</option>\n"
                )
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return mark_safe("".join(parts))  # noqa: S308 - every value above is escaped


def _attrs(attrs: dict[str, Any]) -> str:
    """``django/forms/widgets/attrs.html``: False leaves an attribute out, True writes its
    bare name."""
    return "".join(
        f" {name}" if value is True else f' {name}="{conditional_escape(str(value))}"'
        for name, value in attrs.items()
        if value is not False
    )


def house_style(field: forms.Field) -> None:
    """Bring one field of a form to the house style, in place (idempotent).

    A plain Django ``DecimalField`` / ``FloatField`` (as a ``ModelForm`` makes them from the
    model) becomes the kit's field of the same name: a subclass that adds nothing but the
    reading, so every argument it was built with still holds. A select's "---------" becomes
    :data:`EMPTY_LABEL`; a field-specific first option ("Alle faser") stays as it is."""
    house_class = _HOUSE_NUMBER_FIELDS.get(type(field))
    if house_class is not None:
        field.__class__ = house_class
        field.localize = True
        if type(field.widget) is forms.NumberInput:
            kept = {k: v for k, v in field.widget.attrs.items() if k not in ("step", "min", "max")}
            field.widget = NumberInput(kept)
        field.widget.is_localized = True
    if type(field.widget) is forms.Select:
        field.widget.__class__ = Select
    if isinstance(field, forms.ModelChoiceField):
        if field.empty_label == _DJANGO_EMPTY_LABEL:
            field.empty_label = EMPTY_LABEL
    elif isinstance(field, forms.ChoiceField):
        choices = list(field.choices)  # type: ignore[arg-type]
        if choices and choices[0] == ("", _DJANGO_EMPTY_LABEL):
            field.choices = [("", EMPTY_LABEL), *choices[1:]]


class HouseStyleMixin:
    """Every field of the form in the house style (see :func:`house_style`).

    Applied when a field is first looked up, for showing or for cleaning, so choices that a
    view sets after building the form are covered as well."""

    fields: dict[str, forms.Field]

    def __getitem__(self, name: str) -> forms.BoundField:
        field = self.fields.get(name)
        if field is not None:
            house_style(field)
        return super().__getitem__(name)  # type: ignore[misc]


class SuggestInput(forms.TextInput):
    """A text input that suggests values as the user types: an ARIA 1.2 combobox with a list
    (``procesbank/suggest.js``). The suggestions come as JSON from ``url_name`` (an API route
    taking ``q``); each item's ``code`` or ``name`` is the value and ``label`` (else ``name``)
    what is shown, indented by ``level`` when the items form a tree (KLE). With ``multiple``
    the field holds a comma-separated list and a choice replaces the word being typed. Free
    text stays possible: the suggestions only help.
    """

    def __init__(
        self, url_name: str, *, multiple: bool = False, attrs: dict[str, Any] | None = None
    ) -> None:
        super().__init__(attrs)
        self.url_name = url_name
        self.multiple = multiple

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        from django.urls import reverse

        context = super().get_context(name, value, attrs)
        widget_attrs = context["widget"]["attrs"]
        widget_attrs.update(
            {
                "role": "combobox",
                "aria-autocomplete": "list",
                "aria-expanded": "false",
                "autocomplete": "off",
                "data-suggest": reverse(self.url_name),
                # Read by suggest.js for its status line ("3 forslag"), in the page's language.
                "data-suggest-list": str(_("Forslag")),
                "data-suggest-none": str(_("Ingen forslag")),
                "data-suggest-count": str(_("%(count)s forslag; brug pil op og ned")),
            }
        )
        if self.multiple:
            widget_attrs["data-suggest-multiple"] = "1"
        return context
