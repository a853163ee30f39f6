"""Every form of the house reads "25,6" as well as "25.6" and opens its selects with a
placeholder in the user's language (``procesbank.kit.formfields``)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django import forms
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from procesbank.kit import formfields
from procesbank.kit.formfields import DecimalField, FloatField, HouseStyleMixin
from procesbank.organisations.models import Municipality


class PlainForm(HouseStyleMixin, forms.Form):
    """Fields as Django makes them, as a ModelForm builds them from a model."""

    price = forms.DecimalField(max_digits=8, decimal_places=2, min_value=0, required=False)
    share = forms.FloatField(required=False)
    colour = forms.ChoiceField(choices=[("", "---------"), ("red", "Rød")], required=False)
    phase = forms.ChoiceField(choices=[("", "Alle faser"), ("idea", "Idé")], required=False)
    municipality = forms.ModelChoiceField(queryset=Municipality.objects.none(), required=False)


@pytest.mark.parametrize("language", ["da", "en"])
@pytest.mark.parametrize(
    ("typed", "expected"),
    [("25,6", Decimal("25.6")), ("25.6", Decimal("25.6")), ("1.234,5", Decimal("1234.5"))],
)
def test_a_plain_decimal_field_reads_both_ways_in_both_languages(language, typed, expected):
    with translation.override(language):
        form = PlainForm(data={"price": typed, "share": typed})

        assert form.is_valid(), form.errors
    assert (form.cleaned_data["price"], form.cleaned_data["share"]) == (expected, float(expected))


def test_a_declared_kit_field_reads_both_ways():
    class KitForm(forms.Form):
        rate = DecimalField(decimal_places=3)
        hours = FloatField()

    with translation.override("da"):
        form = KitForm(data={"rate": "3,5", "hours": "1.924,5"})

        assert form.is_valid(), form.errors
    assert form.cleaned_data == {"rate": Decimal("3.5"), "hours": 1924.5}


def test_text_that_is_no_number_gets_djangos_own_message():
    with translation.override("da"):
        form = PlainForm(data={"price": "25,6,7"})

        assert not form.is_valid()
        assert form.errors["price"] == ["Indtast et tal."]


def test_the_field_keeps_its_own_checks():
    with translation.override("da"):
        form = PlainForm(data={"price": "-1,5"})

        assert not form.is_valid()
        assert form.errors["price"] == ["Denne værdi skal være større end eller lig 0."]


@pytest.mark.parametrize(
    ("language", "shown"), [("da", 'value="1.234,5"'), ("en", 'value="1,234.5"')]
)
def test_a_number_is_shown_as_the_language_writes_it_in_a_text_box(language, shown):
    with translation.override(language):
        html = str(PlainForm(initial={"price": Decimal("1234.5")})["price"])

    assert shown in html
    assert 'type="text"' in html
    assert 'inputmode="decimal"' in html


@pytest.mark.parametrize(("language", "label"), [("da", "— Vælg —"), ("en", "— Choose —")])
def test_selects_open_with_a_placeholder_in_the_users_language(db, language, label):
    with translation.override(language):
        form = PlainForm()
        html = str(form["colour"]) + str(form["municipality"])

    assert "---------" not in html
    assert html.count(f'<option value="" selected>{label}</option>') == 2


def test_a_field_specific_first_option_stays():
    with translation.override("da"):
        html = str(PlainForm()["phase"])

    assert '<option value="" selected>Alle faser</option>' in html


def test_choices_set_by_a_view_after_the_form_is_built_get_the_placeholder_too():
    form = PlainForm()
    form.fields["colour"].choices = [("", "---------"), ("blue", "Blå")]

    with translation.override("da"):
        html = str(form["colour"])

    assert '<option value="" selected>— Vælg —</option>' in html


def test_suggest_input_renders_an_aria_combobox_fed_by_its_route() -> None:
    from procesbank.kit.formfields import SuggestInput

    html = SuggestInput("api:kle_lookup", multiple=True).render("kle", "02.34", {"id": "id_kle"})

    for attribute in (
        'role="combobox"',
        'aria-autocomplete="list"',
        'aria-expanded="false"',
        'autocomplete="off"',
        'data-suggest="/api/v1/kle"',
        'data-suggest-multiple="1"',
        'data-suggest-list="Forslag"',
        'value="02.34"',
    ):
        assert attribute in html


@pytest.mark.parametrize(
    ("choices", "value", "attrs"),
    [
        ([("", "Alle kommuner"), ("1", "Helsingør"), ("2", "Gribskov")], "2", {}),
        ([(1, "Én"), (2, "To")], 1, {"id": "id_x", "required": True, "disabled": False}),
        (
            [("Nordsjælland", [("1", "Helsingør"), ("2", "Gribskov")]), ("3", "Aarhus")],
            "3",
            {"class": "wide", "data-x": '"quoted" <b>'},
        ),
        ([("<script>", 'A & B "C"'), ("x", mark_safe("<em>safe</em>"))], "<script>", {}),
        ([("a", _("Alle faser")), ("b", "b")], None, {"aria-describedby": "help"}),
    ],
)
def test_the_house_select_writes_what_djangos_select_writes(choices, value, attrs):
    django_select = forms.Select(choices=choices)
    house_select = formfields.Select(choices=choices)

    assert house_select.render("felt", value, attrs=dict(attrs)) == django_select.render(
        "felt", value, attrs=dict(attrs)
    )


def test_every_house_form_select_is_the_house_select():
    class Filters(formfields.HouseStyleMixin, forms.Form):
        municipality = forms.ChoiceField(choices=[("1", "Helsingør")])
        several = forms.MultipleChoiceField(choices=[("1", "Helsingør")])

    form = Filters()

    assert type(form["municipality"].field.widget) is formfields.Select
    assert type(form["several"].field.widget) is forms.SelectMultiple  # left as Django's
