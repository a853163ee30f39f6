from __future__ import annotations

from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from procesbank.catalogue import selectors, services
from procesbank.catalogue.models import Event, Interest, Reuse, UserMark
from procesbank.catalogue.tests.conftest import ANSWERS, measure
from procesbank.kit.locking import StaleEditError
from procesbank.organisations.models import AuditEntry, Role
from procesbank.processes import services as process_services
from procesbank.processes.models import Process, VersionKind


def test_candidate_stores_potential_and_expected_saving(konsulent, make_process, make_candidate):
    process = make_process(yearly_volume=1000)
    measure(konsulent, process, "T1", 6.0)

    candidate = make_candidate(process=process, answers=ANSWERS)

    # 6 min x 1,000 cases / 60 = 100 hours per year; potential 14 / 15 points = 93.33 %;
    # 100 h x 14 / 15 = 93.33 h saved; at the default rate 450 kr.: 93.33 x 450 = 42,000 kr.
    assert candidate.potential == Decimal("93.33")
    assert candidate.hours_per_year == pytest.approx(100)
    assert candidate.expected_hours == pytest.approx(100 * 14 / 15)
    assert candidate.expected_kroner == Decimal("42000.00")
    assert candidate.kle_code == process.kle_code


def test_candidate_without_answers_saves_nothing(make_candidate):
    candidate = make_candidate()

    assert candidate.potential is None
    assert candidate.expected_hours == 0


def test_candidate_cannot_link_another_municipalitys_process(
    make_candidate, make_process, other_konsulent
):
    foreign = make_process(user=other_konsulent)

    with pytest.raises(ValidationError) as error:
        make_candidate(process=foreign)

    assert error.value.message_dict == {
        "process": ["Kandidaten kan kun knyttes til egne processer."]
    }


def test_reader_cannot_create_candidate(make_user, make_candidate):
    with pytest.raises(PermissionDenied):
        make_candidate(user=make_user(Role.LAESER))


def test_stale_candidate_update_is_refused(konsulent, make_candidate):
    candidate = make_candidate()
    services.candidate_update(user=konsulent, candidate=candidate, lock_version=1, summary="Ny")

    with pytest.raises(StaleEditError):
        services.candidate_update(
            user=konsulent, candidate=candidate, lock_version=1, summary="Gammel"
        )


def test_update_writes_timeline_and_audit(konsulent, make_candidate):
    candidate = make_candidate()

    services.candidate_update(
        user=konsulent, candidate=candidate, lock_version=1, phase="pre_analysis"
    )

    assert [e.text for e in candidate.events.all()] == ["Ændrede fase", "Oprettede kandidaten"]
    assert AuditEntry.objects.filter(object_type="catalogue.Candidate").count() == 2


@pytest.mark.django_db(transaction=True)
def test_followers_get_mail_on_change_after_commit(konsulent, other_konsulent, make_candidate):
    other_konsulent.email = "gribskov@example.dk"
    other_konsulent.save()
    candidate = make_candidate()
    services.mark_toggle(user=other_konsulent, candidate=candidate, kind=UserMark.Kind.FOLLOW)

    services.candidate_update(
        user=konsulent, candidate=candidate, lock_version=1, status="rejected"
    )

    assert [m.to for m in mail.outbox] == [["gribskov@example.dk"]]
    assert mail.outbox[0].subject == "Procesbank: Robot registrerer ansøgninger"
    assert "Ændrede status" in mail.outbox[0].body


def test_internal_notes_change_is_not_in_the_timeline(konsulent, make_candidate):
    candidate = make_candidate()

    services.candidate_update(
        user=konsulent, candidate=candidate, lock_version=1, internal_notes="Hemmeligt"
    )

    assert not candidate.events.filter(kind=Event.Kind.CHANGED).exists()


def test_interest_is_marked_and_unmarked_by_another_municipality(other_konsulent, make_candidate):
    candidate = make_candidate()

    assert services.interest_toggle(user=other_konsulent, candidate=candidate) is True
    assert Interest.objects.get().municipality == other_konsulent.municipality
    assert services.interest_toggle(user=other_konsulent, candidate=candidate) is False
    assert not Interest.objects.exists()


def test_own_municipality_cannot_mark_interest(konsulent, make_candidate):
    with pytest.raises(PermissionDenied):
        services.interest_toggle(user=konsulent, candidate=make_candidate())


def test_other_municipality_cannot_touch_a_private_candidate(other_konsulent, make_candidate):
    candidate = make_candidate(visibility="own")

    with pytest.raises(PermissionDenied):
        services.interest_toggle(user=other_konsulent, candidate=candidate)
    with pytest.raises(PermissionDenied):
        services.comment_add(user=other_konsulent, candidate=candidate, text="Hej")


@pytest.mark.django_db(transaction=True)
def test_comment_mentions_mail_the_mentioned_user(konsulent, other_konsulent, make_candidate):
    konsulent.email = "helsingoer@example.dk"
    konsulent.save()
    candidate = make_candidate()

    comment = services.comment_add(
        user=other_konsulent, candidate=candidate, text="@konsulent.helsingoer kan I dele koden?"
    )

    assert comment.text == "@konsulent.helsingoer kan I dele koden?"
    assert [m.to for m in mail.outbox] == [["helsingoer@example.dk"]]


def test_empty_comment_is_refused(konsulent, make_candidate):
    with pytest.raises(ValidationError) as error:
        services.comment_add(user=konsulent, candidate=make_candidate(), text="   ")

    assert error.value.message_dict == {"text": ["Skriv en kommentar."]}


def test_too_large_attachment_is_refused(konsulent, make_candidate, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    big = SimpleUploadedFile("stor.pdf", b"x" * (services.ATTACHMENT_LIMIT_BYTES + 1))

    with pytest.raises(ValidationError) as error:
        services.attachment_add(user=konsulent, candidate=make_candidate(), upload=big, shared=True)

    assert error.value.message_dict == {
        "file": ["Filen er for stor. Et bilag må højst fylde 10 MB."]
    }
    assert list(tmp_path.iterdir()) == []


def test_reuse_copies_every_version_with_measurements(konsulent, other_konsulent, make_process):
    source = make_process(yearly_volume=500, kle_code="32.18.08")
    measure(konsulent, source, "T1", 6.0)
    as_is = source.versions.get()
    process_services.version_copy(user=konsulent, version=as_is, label="Skal-være")

    reuse = services.process_reuse(user=other_konsulent, source=source)

    copy = reuse.copy
    assert copy.municipality == other_konsulent.municipality
    assert copy.visibility == "own"
    assert copy.kle_code == "32.18.08"
    assert copy.yearly_volume == 500
    assert sorted(copy.versions.values_list("label", "kind")) == [
        ("Skal-være", VersionKind.TO_BE),
        ("Som-er", VersionKind.AS_IS),
    ]
    copied_task = copy.versions.get(kind="as_is").tasks.get(element_id="T1")
    assert copied_task.minutes_likely == 6.0
    assert reuse.revisions == {str(v.pk): v.revision for v in source.versions.all()}
    assert reuse.source_municipality_name == "Helsingør"


def test_reuse_of_own_process_is_refused(konsulent, make_process):
    with pytest.raises(PermissionDenied):
        services.process_reuse(user=konsulent, source=make_process())


def test_reuse_twice_gets_a_free_name(other_konsulent, make_process):
    source = make_process()

    services.process_reuse(user=other_konsulent, source=source)
    second = services.process_reuse(user=other_konsulent, source=source)

    assert second.copy.name == "Enkeltydelse (2)"
    assert Reuse.objects.count() == 2


def test_source_change_is_shown_with_the_measurement_diff(konsulent, other_konsulent, make_process):
    source = make_process(yearly_volume=600)
    measure(konsulent, source, "T1", 6.0)
    reuse = services.process_reuse(user=other_konsulent, source=source)
    assert selectors.reuse_source_changes(user=other_konsulent, reuse=reuse) == []

    measure(konsulent, source, "T1", 3.0)

    [change] = selectors.reuse_source_changes(user=other_konsulent, reuse=reuse)
    assert (change.copied_revision, change.current_revision) == (2, 3)
    fields = {(c.field, c.before, c.after) for c in change.changes}
    assert ("Mest sandsynlig (min.)", 6.0, 3.0) in fields
    # 3 minutes saved per case x 600 cases / 60 = 30 hours per year.
    assert change.diff.hours_saved_per_year == pytest.approx(30)
    assert selectors.changed_reuse_ids(user=other_konsulent) == {source.pk}


def test_source_made_private_is_no_longer_compared(konsulent, other_konsulent, make_process):
    source = make_process()
    reuse = services.process_reuse(user=other_konsulent, source=source)

    process_services.process_update(
        user=konsulent, process=source, lock_version=source.lock_version, visibility="own"
    )

    assert selectors.reuse_source_changes(user=other_konsulent, reuse=reuse) is None
    assert Process.objects.filter(pk=reuse.copy_id).exists()


def test_malformed_kle_number_is_refused(make_candidate):
    with pytest.raises(ValidationError) as error:
        make_candidate(kle_code="32-18")

    assert error.value.message_dict == {
        "kle_code": ["KLE-nummeret skal have formen NN.NN.NN, fx 32.18.08."]
    }


def test_expected_hours_follow_the_process_task_minutes(konsulent, make_process, make_candidate):
    process = make_process(yearly_volume=1000)
    measure(konsulent, process, "T1", 6.0)
    candidate = make_candidate(process=process, answers=ANSWERS)
    lock_version = candidate.lock_version

    measure(konsulent, process, "T1", 12.0)

    candidate.refresh_from_db()
    # 12 min x 1,000 cases / 60 = 200 hours per year; x 14 / 15 = 186.67 hours saved;
    # 186.67 h x 450 kr. = 84,000 kr.
    assert candidate.hours_per_year == pytest.approx(200)
    assert candidate.expected_hours == pytest.approx(200 * 14 / 15)
    assert candidate.expected_kroner == Decimal("84000.00")
    assert candidate.lock_version == lock_version


def test_expected_hours_follow_the_process_yearly_volume(konsulent, make_process, make_candidate):
    process = make_process(yearly_volume=1000)
    measure(konsulent, process, "T1", 6.0)
    candidate = make_candidate(process=process, answers=ANSWERS)

    process_services.process_update(
        user=konsulent, process=process, lock_version=process.lock_version, yearly_volume=500
    )

    candidate.refresh_from_db()
    # 6 min x 500 cases / 60 = 50 hours per year; x 14 / 15 = 46.67 hours; x 450 = 21,000 kr.
    assert candidate.hours_per_year == pytest.approx(50)
    assert candidate.expected_hours == pytest.approx(50 * 14 / 15)
    assert candidate.expected_kroner == Decimal("21000.00")


def test_other_processes_changes_leave_a_candidate_alone(konsulent, make_process, make_candidate):
    linked = make_process(yearly_volume=1000)
    other = make_process(name="Anden proces", yearly_volume=1000)
    measure(konsulent, linked, "T1", 6.0)
    candidate = make_candidate(process=linked, answers=ANSWERS)

    measure(konsulent, other, "T1", 30.0)

    candidate.refresh_from_db()
    assert candidate.hours_per_year == pytest.approx(100)
