"""The audit log shows a reader of another municipality only what that reader may see of each
object now (issue 12, finding 1): internal fields blanked, rows about objects the reader cannot
see reduced to "changed by <municipality>"."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.urls import reverse

from procesbank.catalogue import services as catalogue_services
from procesbank.kit.columns import Columns
from procesbank.organisations import selectors
from procesbank.organisations.audit import REDACTED, audit_record, policy_of
from procesbank.organisations.models import AuditEntry, Role
from procesbank.processes import services as process_services

SECRET_NOTE = "Budgettet er skåret; sig det ikke til de andre"
SECRET_ESDH = "27.00.00-G01-99-26"


@pytest.fixture
def reader(make_user):
    """The collaboration administrator of Helsingør, who reads the whole collaboration's log."""
    return make_user(Role.SAMARBEJDSADMIN, username="samarbejde.helsingoer")


@pytest.fixture
def gribskov(other_konsulent):
    return other_konsulent


def _log_page(client, reader) -> str:
    client.force_login(reader)
    response = client.get(reverse("organisations:audit_log"))
    assert response.status_code == 200
    return response.content.decode()


def test_shared_candidate_internal_fields_are_blanked_for_another_municipality(
    client, reader, gribskov
):
    candidate = catalogue_services.candidate_create(
        user=gribskov, title="Robot til kørselsgodtgørelse", visibility="collaboration"
    )
    catalogue_services.candidate_update(
        user=gribskov,
        candidate=candidate,
        lock_version=candidate.lock_version,
        internal_notes=SECRET_NOTE,
        esdh_reference=SECRET_ESDH,
    )

    page = _log_page(client, reader)
    rows = selectors.audit_rows(user=reader, entries=selectors.audit_entry_list(user=reader))

    assert "Robot til kørselsgodtgørelse" in page
    assert SECRET_NOTE not in page
    assert SECRET_ESDH not in page
    update = next(r for r in rows if r.action == AuditEntry.Action.UPDATE)
    assert update.after is not None
    assert update.after["internal_notes"] == REDACTED
    assert update.after["esdh_reference"] == REDACTED
    assert update.after["title"] == "Robot til kørselsgodtgørelse"


def test_owner_reads_its_own_internal_fields_in_the_log(client, make_user, other_municipality):
    owner_admin = make_user(Role.KOMMUNEADMIN, other_municipality, username="admin.gribskov")
    candidate = catalogue_services.candidate_create(
        user=owner_admin, title="Robot", internal_notes=SECRET_NOTE
    )

    rows = selectors.audit_rows(
        user=owner_admin, entries=selectors.audit_entry_list(user=owner_admin)
    )

    assert rows[0].after is not None
    assert rows[0].after["internal_notes"] == SECRET_NOTE
    assert rows[0].object_repr == candidate.title


def test_rows_about_a_private_object_say_only_which_municipality_changed_something(
    client, reader, gribskov
):
    catalogue_services.candidate_create(
        user=gribskov, title="Hemmelig robot", visibility="own", esdh_reference=SECRET_ESDH
    )
    process_services.process_create(user=gribskov, name="Privat tilsynsproces", visibility="own")

    page = _log_page(client, reader)
    rows = selectors.audit_rows(user=reader, entries=selectors.audit_entry_list(user=reader))

    assert "Hemmelig robot" not in page
    assert "Privat tilsynsproces" not in page
    assert SECRET_ESDH not in page
    assert "konsulent.gribskov" not in page
    assert rows
    assert all(r.reduced for r in rows)
    assert {r.object_repr for r in rows} == {"Noget, Gribskov ikke har delt med jer"}
    assert {r.username for r in rows} == {"Gribskov"}
    assert all(r.before is None and r.after is None for r in rows)


def test_a_private_attachment_name_stays_with_its_owner(
    client, reader, gribskov, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    candidate = catalogue_services.candidate_create(
        user=gribskov, title="Delt robot", visibility="collaboration"
    )
    catalogue_services.attachment_add(
        user=gribskov,
        candidate=candidate,
        upload=SimpleUploadedFile("fyringsrunde-2027.pdf", b"%PDF 1"),
        shared=False,
    )
    catalogue_services.attachment_add(
        user=gribskov,
        candidate=candidate,
        upload=SimpleUploadedFile("vejledning.pdf", b"%PDF 1"),
        shared=True,
    )

    page = _log_page(client, reader)

    assert "fyringsrunde-2027" not in page
    assert "vejledning.pdf" in page


def test_withdrawn_share_hides_the_old_rows_too(client, reader, gribskov):
    """ "What the reader may see of the object now": a process made private again takes its
    earlier, shared rows out of other municipalities' log."""
    process = process_services.process_create(
        user=gribskov, name="Delt, så privat", visibility="collaboration"
    )
    assert "Delt, så privat" in _log_page(client, reader)
    process.refresh_from_db()
    process_services.process_update(
        user=gribskov, process=process, lock_version=process.lock_version, visibility="own"
    )

    assert "Delt, så privat" not in _log_page(client, reader)


# --- guards: the class of leak cannot come back ---------------------------------------------
def _procesbank_models() -> list[type[models.Model]]:
    return [
        m
        for m in apps.get_models()
        if m.__module__.startswith("procesbank.") and not m._meta.abstract
    ]


@pytest.mark.parametrize("model", _procesbank_models(), ids=lambda m: m._meta.label)
def test_every_model_s_rows_of_another_municipality_are_reduced_unless_visible(
    model, reader, other_municipality
):
    """Whatever the model, a row about an object the reader cannot see (here: none with that
    id) says only which municipality changed something; the policy's paths are real fields."""
    entry = AuditEntry.objects.create(
        municipality=other_municipality,
        username="konsulent.gribskov",
        action=AuditEntry.Action.UPDATE,
        object_type=model._meta.label,
        object_id="987654",
        object_repr="Hemmeligt navn",
        after={"x": "hemmeligt"},
    )

    (row,) = selectors.audit_rows(user=reader, entries=[entry])

    assert row.reduced
    assert row.object_repr == "Noget, Gribskov ikke har delt med jer"
    assert row.after is None
    # The declared paths must resolve: a typo would otherwise only show on a real row.
    list(model._default_manager.filter(policy_of(model).visible_to(reader.municipality))[:1])


def test_an_unknown_object_type_is_reduced(reader, other_municipality):
    entry = AuditEntry.objects.create(
        municipality=other_municipality,
        username="x",
        action=AuditEntry.Action.DELETE,
        object_type="fjernet.Model",
        object_id="1",
        object_repr="Hemmeligt",
    )

    (row,) = selectors.audit_rows(user=reader, entries=[entry])

    assert row.reduced


def _registries() -> list[Columns]:
    import importlib

    found = []
    for config in apps.get_app_configs():
        if not config.name.startswith("procesbank."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.columns")
        except ModuleNotFoundError:
            continue
        found += [v for v in vars(module).values() if isinstance(v, Columns)]
    return found


def test_every_internal_column_is_internal_in_the_audit_log_too():
    """A field the column registry keeps from other municipalities (``internal=True``) is
    blanked in their audit log: its model's ``audit_policy`` names it."""
    missing = []
    for registry in _registries():
        for column in registry:
            if not column.internal or not column.field_name:
                continue
            owners = [
                m
                for m in _procesbank_models()
                if any(f.name == column.field_name for f in m._meta.get_fields())
                and column.field_name not in policy_of(m).internal
            ]
            missing += [f"{m._meta.label}.{column.field_name}" for m in owners]

    assert missing == []


def test_audit_record_round_trip_for_the_own_municipality(make_user):
    admin = make_user(Role.KOMMUNEADMIN)
    entry = audit_record(
        user=admin, action=AuditEntry.Action.UPDATE, instance=admin, municipality=admin.municipality
    )

    (row,) = selectors.audit_rows(user=admin, entries=[entry])

    assert not row.reduced
    assert row.username == admin.username


def test_a_link_to_a_private_row_is_blanked_and_a_shared_one_kept(reader, gribskov):
    """A shared candidate of Gribskov linked to a process Gribskov keeps private: the log shows
    Helsingør the candidate but not the private process's id; a shared process's id stays."""
    private = process_services.process_create(user=gribskov, name="Hemmelig", visibility="own")
    shared = process_services.process_create(user=gribskov, name="Delt", visibility="collaboration")
    candidate = catalogue_services.candidate_create(
        user=gribskov, title="Robot", visibility="collaboration", process=private
    )
    catalogue_services.candidate_update(
        user=gribskov, candidate=candidate, lock_version=candidate.lock_version, process=shared
    )

    rows = selectors.audit_rows(user=reader, entries=selectors.audit_entry_list(user=reader))

    update = next(
        r for r in rows if r.action == AuditEntry.Action.UPDATE and r.object_repr == "Robot"
    )
    assert update.before is not None
    assert update.after is not None
    assert update.before["process"] == REDACTED
    assert update.after["process"] == shared.pk
