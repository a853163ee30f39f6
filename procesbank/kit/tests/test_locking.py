"""The locked update: of two edits from the same version one wins, the other is refused with
a message naming who saved in between and when; nothing of a refused edit is written or
audited. The kit knows no domain, so these tests borrow rows of the domain apps."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import UTC, datetime
from functools import partial

import pytest
from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils import timezone

from procesbank.catalogue.models import Umbrella
from procesbank.economics.models import BusinessCase
from procesbank.kit.locking import StaleEditError, claim_version, locked_update
from procesbank.organisations.audit import audited
from procesbank.organisations.models import AuditEntry, Role
from procesbank.processes.models import Process
from procesbank.projects.models import Project

# 1 July 2026 12:05 UTC is 14:05 in Copenhagen (summer time).
SAVED_AT = datetime(2026, 7, 1, 12, 5, tzinfo=UTC)


class AuditLog:
    """An audit hook that keeps what it was given: the row's name before and after."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str]] = []

    @contextmanager
    def __call__(self, *, user, instance):
        before = str(instance)
        yield
        self.rows.append((user.get_username(), before, str(instance)))


@pytest.fixture
def audit() -> AuditLog:
    return AuditLog()


@pytest.fixture
def project(own_municipality) -> Project:
    return Project.objects.create(municipality=own_municipality, name="Digital post")


@pytest.fixture
def colleague(make_user):
    return make_user(Role.KONSULENT, username="bo.helsingoer")


@pytest.fixture
def case(project) -> BusinessCase:
    return BusinessCase.objects.create(project=project, first_year=2026, horizon=5)


@pytest.fixture
def at_saved_time(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: SAVED_AT)


def test_locked_update_saves_the_changes_and_moves_the_version_on(konsulent, project, audit):
    saved = locked_update(
        user=konsulent,
        instance=project,
        lock_version=1,
        changes={"name": "Digital post 2.0"},
        audit=audit,
    )

    project.refresh_from_db()
    assert (saved.name, saved.lock_version) == ("Digital post 2.0", 2)
    assert (project.name, project.lock_version) == ("Digital post 2.0", 2)


def test_locked_update_writes_one_audit_row_with_before_and_after(konsulent, project, audit):
    locked_update(
        user=konsulent,
        instance=project,
        lock_version=1,
        changes={"name": "Digital post 2.0"},
        audit=audit,
    )

    assert audit.rows == [("konsulent.helsingoer", "Digital post", "Digital post 2.0")]


def test_second_of_two_concurrent_edits_is_refused_naming_who_saved_and_when(
    konsulent, colleague, case, audit, at_saved_time
):
    # Both opened the case at version 1; the colleague saves first.
    locked_update(
        user=colleague, instance=case, lock_version=1, changes={"horizon": 10}, audit=audit
    )

    with pytest.raises(StaleEditError) as error:
        locked_update(
            user=konsulent, instance=case, lock_version=1, changes={"horizon": 3}, audit=audit
        )

    assert error.value.render() == (
        "Mens du redigerede, har bo.helsingoer gemt en nyere udgave (1.7.2026 14:05). Dine "
        "ændringer er ikke gemt: genindlæs siden, og indtast dem igen."
    )
    case.refresh_from_db()
    assert (case.horizon, case.lock_version, case.updated_by) == (10, 2, colleague)
    assert len(audit.rows) == 1


def test_stale_edit_of_a_row_without_an_editor_says_another_user(
    konsulent, project, audit, at_saved_time
):
    locked_update(user=konsulent, instance=project, lock_version=1, changes={}, audit=audit)

    with pytest.raises(StaleEditError) as error:
        locked_update(
            user=konsulent, instance=project, lock_version=1, changes={"name": "X"}, audit=audit
        )

    assert error.value.render().startswith(
        "Mens du redigerede, har en anden bruger gemt en nyere udgave (1.7.2026 14:05)."
    )


def test_save_between_the_read_and_the_write_is_caught_by_the_conditional_update(
    konsulent, project, audit
):
    def someone_saves_meanwhile(row: Project) -> None:
        Project.objects.filter(pk=row.pk).update(lock_version=F("lock_version") + 1)

    with pytest.raises(StaleEditError):
        locked_update(
            user=konsulent,
            instance=project,
            lock_version=1,
            changes={"name": "Mine"},
            audit=audit,
            check=someone_saves_meanwhile,
        )

    # The other save ran inside this test's transaction, so the refusal rolled it back too.
    project.refresh_from_db()
    assert (project.name, audit.rows) == ("Digital post", [])


def test_invalid_change_is_refused_and_nothing_is_written(konsulent, project, audit):
    with pytest.raises(ValidationError) as error:
        locked_update(
            user=konsulent, instance=project, lock_version=1, changes={"name": ""}, audit=audit
        )

    project.refresh_from_db()
    assert list(error.value.message_dict) == ["name"]
    assert (project.name, project.lock_version, audit.rows) == ("Digital post", 1, [])


def test_services_own_rule_wins_over_the_generic_constraint_message(
    konsulent, project, own_municipality, audit
):
    Project.objects.create(municipality=own_municipality, name="Taken")

    def unique_name(row: Project) -> None:
        if Project.objects.filter(name=row.name).exclude(pk=row.pk).exists():
            raise ValidationError({"name": "Din kommune har allerede et projekt med det navn."})

    with pytest.raises(ValidationError) as error:
        locked_update(
            user=konsulent,
            instance=project,
            lock_version=1,
            changes={"name": "Taken"},
            audit=audit,
            check=unique_name,
        )

    assert error.value.message_dict == {
        "name": ["Din kommune har allerede et projekt med det navn."]
    }


def test_model_constraints_are_checked_when_the_service_has_no_rule(
    konsulent, project, own_municipality, audit
):
    Project.objects.create(municipality=own_municipality, name="Taken")

    with pytest.raises(ValidationError):
        locked_update(
            user=konsulent, instance=project, lock_version=1, changes={"name": "Taken"}, audit=audit
        )

    project.refresh_from_db()
    assert project.name == "Digital post"


def test_locked_update_records_the_editor_and_the_time(konsulent, case, audit, at_saved_time):
    saved = locked_update(
        user=konsulent, instance=case, lock_version=1, changes={"horizon": 7}, audit=audit
    )

    assert (saved.updated_by, saved.updated_at) == (konsulent, SAVED_AT)


def test_locked_update_sets_many_to_many_fields_inside_the_audited_change(
    konsulent, own_municipality
):
    umbrella = Umbrella.objects.create(
        municipality=own_municipality, name="Ydelser", created_by=konsulent
    )
    process = Process.objects.create(municipality=own_municipality, name="Enkeltydelse")
    seen: list[list[str]] = []

    @contextmanager
    def audit(*, user, instance):
        seen.append([p.name for p in instance.processes.all()])
        yield
        seen.append([p.name for p in instance.processes.all()])

    locked_update(
        user=konsulent,
        instance=umbrella,
        lock_version=1,
        changes={"processes": [process]},
        audit=audit,
    )

    assert seen == [[], ["Enkeltydelse"]]


def test_claim_version_moves_the_counter_on_once(konsulent, colleague, case, at_saved_time):
    claimed = claim_version(user=colleague, instance=case, version=1)

    with pytest.raises(StaleEditError) as error:
        claim_version(user=konsulent, instance=case, version=1)

    assert (claimed.lock_version, claimed.updated_by, claimed.updated_at) == (
        2,
        colleague,
        SAVED_AT,
    )
    assert error.value.params == {"who": "bo.helsingoer", "when": "1.7.2026 14:05"}


def test_locked_update_with_the_organisations_audit_hook_writes_one_audit_entry(
    konsulent, project, own_municipality
):
    locked_update(
        user=konsulent,
        instance=project,
        lock_version=1,
        changes={"name": "Digital post 2.0"},
        audit=partial(audited, municipality=own_municipality),
    )

    entry = AuditEntry.objects.get()
    assert (entry.username, entry.action, entry.object_repr, entry.municipality) == (
        "konsulent.helsingoer",
        AuditEntry.Action.UPDATE,
        "Digital post 2.0",
        own_municipality,
    )
    assert (entry.before["name"], entry.after["name"]) == ("Digital post", "Digital post 2.0")


def test_refused_edit_writes_no_audit_entry(konsulent, project, own_municipality):
    audit = partial(audited, municipality=own_municipality)
    locked_update(user=konsulent, instance=project, lock_version=1, changes={}, audit=audit)

    with pytest.raises(StaleEditError):
        locked_update(
            user=konsulent, instance=project, lock_version=1, changes={"name": "X"}, audit=audit
        )

    assert AuditEntry.objects.count() == 1
