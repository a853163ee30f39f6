"""Control characters are cleaned at input and every exporter survives what is already stored
(issue 12, finding 6): one pasted U+0001 in a shared process's IT system made the catalogue's
Excel export answer 500 for every municipality."""

from __future__ import annotations

import importlib
from io import BytesIO
from urllib.parse import urlencode

import pytest
from django.apps import apps
from django.db import models
from django.urls import reverse
from openpyxl import load_workbook

from procesbank.catalogue import services as catalogue_services
from procesbank.catalogue.models import Candidate
from procesbank.kit.columns import Columns, Kind, safe_cell
from procesbank.kit.text import clean_text, clean_value
from procesbank.organisations.services import api_token_create
from procesbank.processes import services as process_services
from procesbank.processes.models import Process

HOSTILE = "SAP\x01 Opus\x00\x0b\x1f\x7f"


def test_clean_text_keeps_tabs_and_line_breaks():
    assert clean_text("a\x00b\x08c\td\ne\rf\x0c\x1bg\ufffe") == "abc\td\ne\rfg"


def test_clean_value_cleans_inside_json():
    assert clean_value({"k\x01": ["a\x02", 3, None, {"x": "y\x03"}]}) == {
        "k": ["a", 3, None, {"x": "y"}]
    }


def test_safe_cell_cleans_and_neutralises_a_formula():
    assert safe_cell("\x01=SUM(A1)") == "'=SUM(A1)"


# --- at input: forms, API, services, locked updates ------------------------------------------
def test_a_form_stores_the_it_system_without_the_control_character(client, konsulent):
    client.force_login(konsulent)

    response = client.post(
        reverse("processes:process_create"),
        urlencode(
            {
                "name": "Boligstøtte\x07",
                "it_systems": HOSTILE,
                "description": "Linje 1\r\nLinje\x0b 2",
                "phase": "kortlagt",
                "visibility": "collaboration",
                "yearly_volume": "10",
            }
        ),
        content_type="application/x-www-form-urlencoded",  # as a browser posts a form
    )

    assert response.status_code == 302
    process = Process.objects.get()
    assert process.name == "Boligstøtte"
    assert process.it_systems == ["SAP Opus"]
    assert process.description == "Linje 1\r\nLinje 2"


def test_the_api_stores_text_without_control_characters(client, konsulent):
    _token, raw = api_token_create(user=konsulent, name="test")
    headers = {"Authorization": f"Bearer {raw}"}

    # A NUL is refused by the API (422, tests/api/test_contract.py); the rest are cleaned.
    created = client.post(
        "/api/v1/processes",
        {"name": "Tilsyn\x1b", "it_systems": [HOSTILE.replace("\x00", "")]},
        content_type="application/json",
        headers=headers,
    )
    process_id = created.json()["id"]
    changed = client.patch(
        f"/api/v1/processes/{process_id}",
        {"description": "Linje 1\nLinje\x0c 2", "lock_version": 1},
        content_type="application/json",
        headers=headers,
    )

    assert created.status_code == 201
    assert changed.status_code == 200
    process = Process.objects.get(pk=process_id)
    assert process.name == "Tilsyn"
    assert process.it_systems == ["SAP Opus"]
    assert process.description == "Linje 1\nLinje 2"


def test_a_locked_update_is_cleaned_too(konsulent):
    candidate = catalogue_services.candidate_create(user=konsulent, title="Robot")

    catalogue_services.candidate_update(
        user=konsulent,
        candidate=candidate,
        lock_version=candidate.lock_version,
        vendor="Netcompany\x02",
        it_systems=[HOSTILE],
    )

    candidate.refresh_from_db()
    assert candidate.vendor == "Netcompany"
    assert candidate.it_systems == ["SAP Opus"]


def _text_fields(model: type[models.Model]) -> list[models.Field]:
    return [
        f
        for f in model._meta.concrete_fields
        if isinstance(f, models.CharField | models.TextField | models.JSONField)
    ]


@pytest.mark.parametrize(
    "model",
    [m for m in apps.get_models() if m.__module__.startswith("procesbank.") and _text_fields(m)],
    ids=lambda m: m._meta.label,
)
def test_every_text_field_of_every_model_is_cleaned_before_it_is_stored(model):
    """The guard: the cleaning sits on the model layer, so no model and no field of a new app
    can be left out (a form, the API and an import all end in save() or locked_update)."""
    instance = model()
    for f in _text_fields(model):
        setattr(instance, f.attname, ["a\x01"] if isinstance(f, models.JSONField) else "a\x01")

    models.signals.pre_save.send(sender=model, instance=instance, raw=False, using="default")

    for f in _text_fields(model):
        value = getattr(instance, f.attname)
        assert value in ("a", ["a"]), f.name


# --- exporters: robust to what is already stored -----------------------------------------
def _stored_before_the_fix(model: type[models.Model], pk: int, **values) -> None:
    """Write past the cleaning, as rows stored before it was there. Without NUL: PostgreSQL,
    the production database, cannot store one in text or JSON, so no stored row holds it."""
    stored = {
        name: [v.replace("\x00", "") for v in value]
        if isinstance(value, list)
        else value.replace("\x00", "")
        for name, value in values.items()
    }
    model._default_manager.filter(pk=pk).update(**stored)


def test_catalogue_excel_export_survives_a_stored_control_character(
    client, konsulent, other_konsulent
):
    process = process_services.process_create(
        user=konsulent, name="Boligstøtte", visibility="collaboration"
    )
    candidate = catalogue_services.candidate_create(user=konsulent, title="Robot")
    _stored_before_the_fix(Process, process.pk, it_systems=[HOSTILE], description=HOSTILE)
    _stored_before_the_fix(Candidate, candidate.pk, vendor=HOSTILE, it_systems=[HOSTILE])

    for reader in (konsulent, other_konsulent):  # the owner and another municipality
        client.force_login(reader)
        for kind in ("processer", "kandidater"):
            url = reverse("catalogue:catalogue_export", args=["xlsx"]) + f"?vis={kind}"
            response = client.get(url)

            assert response.status_code == 200, (reader, kind)
            sheet = load_workbook(BytesIO(response.content)).active
            values = [c.value for row in sheet.iter_rows() for c in row]
            assert "SAP Opus" in values, (reader, kind)


def test_version_workbook_survives_a_stored_control_character(client, konsulent):
    process = process_services.process_create(user=konsulent, name="Boligstøtte")
    _stored_before_the_fix(Process, process.pk, name="Bolig\x01støtte", kle_code="\x02")
    version = process.versions.get()
    client.force_login(konsulent)

    response = client.get(reverse("processes:version_xlsx", args=[version.pk]))

    assert response.status_code == 200
    sheet = load_workbook(BytesIO(response.content))["Nøgletal"]
    assert sheet["B2"].value == "Boligstøtte"


def _registries() -> list[Columns]:
    found = []
    for config in apps.get_app_configs():
        if not config.name.startswith("procesbank."):
            continue
        for module_name in ("columns", "exports"):
            try:
                module = importlib.import_module(f"{config.name}.{module_name}")
            except ModuleNotFoundError:
                continue
            found += [v for v in vars(module).values() if isinstance(v, Columns)]
    return found


def _hostile_row(columns: Columns) -> dict:
    """A row (nested mappings along each column's path) with hostile text in every column."""
    row: dict = {}
    for column in columns:
        *parents, leaf = column.path.split(".")
        node = row
        for part in parents:
            node = node.setdefault(part, {})
        node[leaf] = [HOSTILE] if column.kind == Kind.LIST else HOSTILE
    return row


TEXT_KINDS = {Kind.TEXT, Kind.CHOICE, Kind.LIST, Kind.URL}


def test_every_registry_writes_hostile_text_to_excel_and_csv():
    """The guard for exporters: every column registry (lists and workbook sheets) writes a row
    with control characters in every text column, and the workbook holds none of them."""
    registries = _registries()
    assert len(registries) >= 5
    for registry in registries:
        columns = registry.where(lambda c: c.kind in TEXT_KINDS and c.get is None and c.export)
        row = _hostile_row(columns)

        content = columns.to_xlsx(HOSTILE, [row])
        columns.to_csv([row])

        values = [c.value for r in load_workbook(BytesIO(content)).active.iter_rows() for c in r]
        assert values, registry
        assert all("\x01" not in str(v) for v in values)
