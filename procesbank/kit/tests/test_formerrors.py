"""A service's refusal reaches the user: on the form field it names, above the form, or as a
message on the page a button redirects to. Other exceptions are not swallowed."""

from __future__ import annotations

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from procesbank.core.errors import UserError
from procesbank.kit.formerrors import attach_errors, error_text, form_errors, message_errors


class NameForm(forms.Form):
    name = forms.CharField()


def _form() -> NameForm:
    form = NameForm({"name": "Digital post"})
    assert form.is_valid()
    return form


def _request():
    request = RequestFactory().post("/")
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def test_validation_error_on_a_field_lands_on_that_field():
    form = _form()

    attach_errors(form, ValidationError({"name": "Navnet er taget."}))

    assert form.errors == {"name": ["Navnet er taget."]}


def test_validation_error_on_an_unknown_field_lands_above_the_form():
    form = _form()

    attach_errors(form, ValidationError({"owner": "Ejeren skal være fra din kommune."}))

    assert form.errors == {"__all__": ["Ejeren skal være fra din kommune."]}


def test_user_error_lands_on_the_field_it_names():
    form = _form()

    attach_errors(form, UserError("Navnet %(name)s er taget.", name="X", field="name"))

    assert form.errors == {"name": ["Navnet X er taget."]}


def test_form_errors_puts_the_refusal_on_the_form_and_skips_the_rest_of_the_block():
    form = _form()
    reached = []

    with form_errors(form) as outcome:
        raise UserError("Projektet er i sidste fase og kan ikke rykke videre.")
        reached.append(True)  # pragma: no cover - a refusal leaves the block

    assert (outcome.refused, reached, form.is_valid()) == (True, [], False)
    assert form.errors == {"__all__": ["Projektet er i sidste fase og kan ikke rykke videre."]}


def test_form_errors_leaves_a_successful_block_alone():
    form = _form()

    with form_errors(form) as outcome:
        pass

    assert (outcome.refused, form.is_valid()) == (False, True)


def test_form_errors_lets_other_exceptions_through():
    form = _form()

    with pytest.raises(KeyError), form_errors(form):
        raise KeyError("name")


def test_message_errors_shows_one_message_per_problem():
    request = _request()

    with message_errors(request):
        raise ValidationError(["Filen er tom.", "Vælg en fil."])

    assert [str(m) for m in get_messages(request)] == ["Filen er tom.", "Vælg en fil."]


def test_message_errors_with_a_lead_in_shows_one_message():
    request = _request()

    with message_errors(request, prefix="Intet er gemt: %(error)s"):
        raise UserError("Linje %(row)s mangler en titel.", row=3)

    assert [str(m) for m in get_messages(request)] == ["Intet er gemt: Linje 3 mangler en titel."]


def test_error_text_joins_the_messages_of_a_validation_error():
    text = error_text(ValidationError({"name": "Navnet er taget.", "owner": "Vælg en ejer."}))

    assert text == "Navnet er taget. Vælg en ejer."
