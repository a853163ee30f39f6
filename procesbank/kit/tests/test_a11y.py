"""The shared form rendering ties help and errors to their fields and marks required ones; the
page title says what and where; text users wrote is marked Danish on English pages (issue 19)."""

from __future__ import annotations

import re

import pytest
from django import forms
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from procesbank.api import api
from procesbank.kit.formfields import HouseStyleMixin
from procesbank.kit.templatetags.a11y import danish, page_title
from procesbank.processes.services import process_create


class _Form(HouseStyleMixin, forms.Form):
    name = forms.CharField(label="Navn", help_text="Som borgeren kender den.")
    note = forms.CharField(label="Note", required=False)


def _render(form: forms.Form) -> str:
    return Template('{% include "includes/form_fields.html" %}').render(Context({"form": form}))


def _ids_pointed_at(html: str) -> set[str]:
    return {
        target
        for value in re.findall(r'aria-describedby="([^"]*)"', html)
        for target in value.split()
    }


def test_help_text_has_the_id_the_field_points_at():
    html = _render(_Form())

    assert _ids_pointed_at(html) == {"id_name_helptext"}
    assert 'id="id_name_helptext"' in html


def test_an_error_is_tied_to_its_field_as_well_as_the_help():
    html = _render(_Form(data={"name": ""}))

    assert _ids_pointed_at(html) == {"id_name_helptext", "id_name_error"}
    assert 'id="id_name_error"' in html
    assert 'aria-invalid="true"' in html


def test_a_required_field_shows_the_marker_and_the_form_explains_it():
    html = _render(_Form())

    # The label's text stays the name; the class draws the asterisk (CSS, empty alternative).
    assert re.search(r'<label for="id_name" class="required">Navn</label>', html)
    assert re.search(r'<label for="id_note">', html)
    assert "Felter med * skal udfyldes." in html
    assert '<input type="text" name="name" required aria-describedby' in html


def test_a_form_without_required_fields_has_no_legend():
    class Optional(HouseStyleMixin, forms.Form):
        note = forms.CharField(label="Note", required=False)

    assert "skal udfyldes" not in _render(Optional())


def test_the_title_names_the_page_its_section_and_the_site():
    assert page_title("Byggetilladelse · Redigér", "Processer") == (
        "Byggetilladelse – Redigér – Processer – Procesbank"
    )
    assert page_title("Processer", "Processer") == "Processer – Procesbank"
    assert page_title("Log ind", "") == "Log ind – Procesbank"


def test_the_title_escapes_the_section_once():
    assert page_title("Tom &amp; Jerry", "A & B") == "Tom &amp; Jerry – A &amp; B – Procesbank"


def test_user_text_is_marked_danish_only_on_english_pages():
    with translation.override("en"):
        assert danish("Byggetilladelse <b>") == '<span lang="da">Byggetilladelse &lt;b&gt;</span>'
    with translation.override("da"):
        assert danish("Byggetilladelse") == "Byggetilladelse"
    assert danish("") == ""


@pytest.mark.django_db
def test_the_api_documentation_is_a_page_of_the_house_with_every_operation(client, konsulent):
    client.force_login(konsulent)

    response = client.get(reverse("api:openapi-view"))

    html = response.content.decode()
    schema = api.get_openapi_schema()
    assert response.status_code == 200
    assert '<html lang="da">' in html
    assert "swagger" not in html.lower()
    assert all(f"<code>{path}</code>" in html for path in schema["paths"])
    assert '<h3 id="schema-MeasurementIn">' in html


@pytest.mark.django_db
def test_a_process_name_and_description_are_marked_danish_on_the_english_page(client, konsulent):
    process = process_create(
        user=konsulent, name="Byggetilladelse", description="Ansøgning om byggeri."
    )
    client.force_login(konsulent)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})

    html = client.get(reverse("processes:process_detail", args=[process.pk])).content.decode()
    listing = client.get(reverse("processes:process_list")).content.decode()

    assert '<h1 lang="da">Byggetilladelse</h1>' in html
    assert '<dd lang="da">Ansøgning om byggeri.</dd>' in html
    assert f'<a href="/processer/{process.pk}/" lang="da">Byggetilladelse</a>' in listing
