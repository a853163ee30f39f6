"""The stamp over models moves with every kind of write, and what is cached under it follows."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

from procesbank.kit import stamps
from procesbank.kit.models import ModelChange
from procesbank.kit.stamps import cached, cached_with_appended, stamp, touch
from procesbank.organisations.models import AuditEntry, Collaboration, Municipality
from procesbank.organisations.tests.factories import MunicipalityFactory
from procesbank.processes import services as process_services
from procesbank.processes.selectors import library_stamp

pytestmark = pytest.mark.django_db


def test_stamp_moves_when_a_row_is_added():
    before = stamp(Municipality)

    MunicipalityFactory(name="Fanø", code="563", slug="fanoe")

    assert stamp(Municipality) != before


def test_stamp_moves_when_a_row_is_changed_in_place():
    municipality = MunicipalityFactory(name="Fanø", code="563", slug="fanoe", population=3_500)
    before = stamp(Municipality)

    municipality.population = 3_501
    municipality.save()

    assert stamp(Municipality) != before


def test_stamp_moves_when_the_newest_row_is_deleted():
    MunicipalityFactory(name="Fanø", code="563", slug="fanoe")
    newest = MunicipalityFactory(name="Læsø", code="825", slug="laesoe")
    before = stamp(Municipality)

    newest.delete()  # MAX(id) goes back to the row before it: only the counter tells

    assert stamp(Municipality) != before


def test_stamp_moves_when_rows_are_inserted_without_save():
    collaboration = Collaboration.objects.create(name="Nordjylland")
    before = stamp(Municipality)

    Municipality.objects.bulk_create(
        [
            Municipality(
                name="Læsø",
                code="825",
                slug="laesoe",
                population=1_800,
                collaboration=collaboration,
            )
        ]
    )

    assert stamp(Municipality) != before


def test_touch_moves_the_stamp_for_a_write_that_sends_no_signal():
    MunicipalityFactory(name="Fanø", code="563", slug="fanoe", population=3_500)
    before = stamp(Municipality)

    Municipality.objects.update(population=3_600)
    unchanged = stamp(Municipality)
    touch(Municipality)

    assert unchanged == before
    assert stamp(Municipality) != before


def test_each_write_raises_the_models_counter_by_one():
    municipality = MunicipalityFactory(name="Fanø", code="563", slug="fanoe")
    after_create = ModelChange.objects.get(label="organisations.municipality").changes

    municipality.save()
    municipality.delete()

    assert ModelChange.objects.get(label="organisations.municipality").changes == after_create + 2


def test_stamp_refuses_a_model_nobody_watches():
    with pytest.raises(ImproperlyConfigured, match=r"organisations\.collaboration"):
        stamp(Collaboration)


def test_cached_value_is_kept_until_a_watched_model_is_written():
    municipality = MunicipalityFactory(name="Fanø", code="563", slug="fanoe", population=3_500)

    def population() -> int:
        return Municipality.objects.get(pk=municipality.pk).population

    first = cached("test-population", (Municipality,), population)
    Municipality.objects.filter(pk=municipality.pk).update(population=1)  # no signal: unseen
    kept = cached("test-population", (Municipality,), population)
    municipality.population = 4_000
    municipality.save()
    recomputed = cached("test-population", (Municipality,), population)

    assert (first, kept, recomputed) == (3_500, 3_500, 4_000)


def test_cached_values_under_different_keys_are_apart():
    MunicipalityFactory(name="Fanø", code="563", slug="fanoe")

    one = cached("test-scope:1", (Municipality,), lambda: "one")
    two = cached("test-scope:2", (Municipality,), lambda: "two")

    assert (one, two) == ("one", "two")


def test_the_process_librarys_stamp_moves_when_a_process_is_deleted(konsulent):
    # The filter choices' old stamp (newest change time and highest id) did not move when the
    # newest process was deleted: its choices stayed until the next write or the hour was up.
    process_services.process_create(user=konsulent, name="Ældre")
    newest = process_services.process_create(user=konsulent, name="Nyeste")
    before = library_stamp()

    process_services.process_delete(user=konsulent, process=newest)

    assert library_stamp() != before


@pytest.mark.django_db(transaction=True)
def test_the_counter_is_raised_once_per_transaction_after_its_commit(monkeypatch):
    # The real order (the other tests raise at once): nothing is locked while the writing
    # transaction runs, one raise follows its commit, none follows a rollback.
    monkeypatch.setattr(stamps, "RAISE_AT_ONCE", False)

    def changes() -> int:
        row = ModelChange.objects.filter(label="organisations.municipality").first()
        return row.changes if row else 0

    start = changes()
    with transaction.atomic():
        municipality = MunicipalityFactory(name="Fanø", code="563", slug="fanoe")
        municipality.population = 3_501
        municipality.save()
        inside = changes()
    after_commit = changes()
    with transaction.atomic():
        municipality.save()
        transaction.set_rollback(True)
    after_rollback = changes()

    assert (inside, after_commit, after_rollback) == (start, start + 1, start + 1)


def test_cached_with_appended_follows_a_row_inserted_into_an_appended_model():
    municipality = MunicipalityFactory(name="Fanø", code="563", slug="fanoe")

    def entries() -> int:
        return AuditEntry.objects.count()

    first = cached_with_appended("test-entries", (Municipality,), (AuditEntry,), entries)
    AuditEntry.objects.create(municipality=municipality, action=AuditEntry.Action.CREATE)
    recomputed = cached_with_appended("test-entries", (Municipality,), (AuditEntry,), entries)

    assert (first, recomputed) == (0, 1)
