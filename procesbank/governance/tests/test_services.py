"""The approval workflow: each step, who may take it, what it refuses, audit and notices."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from procesbank.governance import services
from procesbank.governance.models import Review, ReviewComment
from procesbank.governance.tests.conftest import TODAY, fresh, publish
from procesbank.notifications.models import Notification
from procesbank.organisations.models import AuditEntry, Role
from procesbank.processes import services as process_services
from procesbank.processes.models import ProcessVersion, VersionKind, VersionState
from procesbank.processes.tests.conftest import two_task_bpmn

pytestmark = pytest.mark.django_db


def _messages(error: ValidationError) -> list[str]:
    return error.messages


def test_submit_puts_the_version_in_review_and_tells_reviewers_and_owner(
    version, konsulent, reviewer, owner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.review_submit(user=konsulent, version=version, reviewers=[reviewer])

    assert fresh(version).state == VersionState.IN_REVIEW
    assert set(Notification.objects.values_list("recipient__username", flat=True)) == {
        "laeser.helsingoer",
        "ejer.helsingoer",
    }
    assert sorted(m.to[0] for m in mail.outbox) == ["ejer@example.org", "laeser@example.org"]
    entry = AuditEntry.objects.filter(object_type="governance.Review").get()
    assert entry.after == {
        "step": "submitted",
        "version": version.pk,
        "reviewers": ["laeser.helsingoer"],
    }


def test_submit_refuses_no_reviewer_and_a_reviewer_of_another_municipality(
    version, konsulent, make_user, other_municipality
):
    stranger = make_user(Role.LAESER, other_municipality)

    with pytest.raises(ValidationError) as none:
        services.review_submit(user=konsulent, version=version, reviewers=[])
    with pytest.raises(ValidationError) as foreign:
        services.review_submit(user=konsulent, version=version, reviewers=[stranger])

    assert _messages(none.value) == ["Vælg mindst én reviewer."]
    assert _messages(foreign.value) == ["En reviewer skal være en bruger i din kommune."]
    assert fresh(version).state == VersionState.DRAFT
    assert not Review.objects.exists()


def test_a_reader_may_not_submit(version, reviewer):
    with pytest.raises(PermissionDenied):
        services.review_submit(user=reviewer, version=version, reviewers=[reviewer])


def test_comment_on_an_element_keeps_its_name(version, konsulent, reviewer):
    services.review_submit(user=konsulent, version=version, reviewers=[reviewer])

    comment = services.review_comment_add(
        user=reviewer, version=fresh(version), text="Frist?", element_id="T2"
    )

    assert (comment.element_id, comment.element_name, comment.text) == (
        "T2",
        "Træf afgørelse",
        "Frist?",
    )


def test_comment_on_an_unknown_element_or_empty_is_refused(version, reviewer):
    with pytest.raises(ValidationError) as unknown:
        services.review_comment_add(user=reviewer, version=version, text="x", element_id="Nope")
    with pytest.raises(ValidationError) as empty:
        services.review_comment_add(user=reviewer, version=version, text="   ")

    assert _messages(unknown.value) == ["Elementet findes ikke i diagrammet."]
    assert _messages(empty.value) == ["Skriv en kommentar."]
    assert not ReviewComment.objects.exists()


def test_another_municipality_may_not_comment(version, other_konsulent):
    with pytest.raises(PermissionDenied):
        services.review_comment_add(user=other_konsulent, version=version, text="Hej")


def test_approval_waits_for_every_reviewer(version, konsulent, reviewer, owner):
    services.review_submit(user=konsulent, version=version, reviewers=[reviewer])

    with pytest.raises(ValidationError) as error:
        services.review_approve(user=owner, version=fresh(version))

    assert _messages(error.value) == [
        "Alle reviewere skal være færdige, før versionen kan godkendes."
    ]
    assert fresh(version).state == VersionState.IN_REVIEW


def test_only_the_owner_approves_when_there_is_one(version, konsulent, reviewer, admin):
    services.review_submit(user=konsulent, version=version, reviewers=[reviewer])
    services.review_mark_done(user=reviewer, version=fresh(version))

    with pytest.raises(PermissionDenied):
        services.review_approve(user=admin, version=fresh(version))
    with pytest.raises(PermissionDenied):
        services.review_approve(user=konsulent, version=fresh(version))


def test_without_owner_a_municipal_admin_approves(version, konsulent, reviewer, admin):
    process = version.process
    process_services.process_update(
        user=konsulent, process=process, lock_version=process.lock_version, owner_user=None
    )
    services.review_submit(user=konsulent, version=fresh(version), reviewers=[reviewer])
    services.review_mark_done(user=reviewer, version=fresh(version))

    with pytest.raises(ValidationError) as error:  # no owner: the checklist's last item fails
        services.review_approve(user=admin, version=fresh(version))

    assert _messages(error.value) == [
        "Tjeklisten er ikke opfyldt: Processen har en procesejer (en person)."
    ]
    assert fresh(version).state == VersionState.IN_REVIEW


def test_publish_needs_a_future_review_date(version, konsulent, reviewer, owner):
    services.review_submit(user=konsulent, version=version, reviewers=[reviewer])
    services.review_mark_done(user=reviewer, version=fresh(version))
    services.review_approve(user=owner, version=fresh(version))

    with pytest.raises(ValidationError) as error:
        services.version_publish(
            user=owner, version=fresh(version), next_review_on=TODAY, today=TODAY
        )

    assert _messages(error.value) == ["Næste gennemgang skal ligge efter i dag."]
    assert fresh(version).state == VersionState.APPROVED


def test_publishing_a_second_version_supersedes_the_first(version, konsulent, reviewer, owner):
    first = publish(version, konsulent=konsulent, reviewer=reviewer, owner=owner)
    second = process_services.version_copy(
        user=konsulent, version=first, label="Skal-være 2027", kind=VersionKind.TO_BE
    )

    publish(second, konsulent=konsulent, reviewer=reviewer, owner=owner)

    assert fresh(first).state == VersionState.SUPERSEDED
    assert fresh(second).state == VersionState.PUBLISHED
    assert ProcessVersion.objects.filter(state=VersionState.PUBLISHED).count() == 1
    steps = list(
        AuditEntry.objects.filter(object_type="governance.Review")
        .order_by("id")
        .values_list("after__step", flat=True)
    )
    assert steps == ["submitted", "reviewed", "approved", "published"] * 2


def test_saving_a_published_version_starts_a_draft_and_leaves_it_byte_identical(
    version, konsulent, reviewer, owner
):
    published = publish(version, konsulent=konsulent, reviewer=reviewer, owner=owner)
    before = (published.bpmn_xml, published.revision, published.updated_at)

    draft = process_services.version_save_bpmn(
        user=konsulent,
        version=published,
        data=two_task_bpmn(second="Træf afgørelse om enkeltydelse"),
        base_revision=published.revision,
    )

    after = fresh(published)
    assert (after.bpmn_xml, after.revision, after.updated_at) == before
    assert after.state == VersionState.PUBLISHED
    assert draft.pk != published.pk
    assert (draft.label, draft.state) == ("Som-er (kladde)", VersionState.DRAFT)
    assert "Træf afgørelse om enkeltydelse" in draft.bpmn_xml


def test_measuring_a_published_version_also_goes_to_a_draft(version, konsulent, reviewer, owner):
    from procesbank.processes.engine.bpmn import TaskMeasurements

    published = publish(version, konsulent=konsulent, reviewer=reviewer, owner=owner)
    xml = published.bpmn_xml

    draft = process_services.task_measurements_set(
        user=konsulent,
        version=published,
        task_id="T1",
        measurements=TaskMeasurements(minutes_min=5, minutes_likely=10, minutes_max=20),
    )

    assert fresh(published).bpmn_xml == xml
    assert draft.pk != published.pk
    assert draft.tasks.get(element_id="T1").minutes_likely == 10


def test_editing_a_version_in_review_sends_it_back_to_draft(version, konsulent, reviewer):
    services.review_submit(user=konsulent, version=version, reviewers=[reviewer])
    current = fresh(version)

    saved = process_services.version_save_bpmn(
        user=konsulent, version=current, data=two_task_bpmn(), base_revision=current.revision
    )

    assert saved.pk == version.pk
    assert fresh(version).state == VersionState.DRAFT


def test_the_published_version_cannot_be_deleted(version, konsulent, reviewer, owner):
    published = publish(version, konsulent=konsulent, reviewer=reviewer, owner=owner)
    to_be = process_services.version_copy(user=konsulent, version=published, label="Skal-være")
    to_be = publish(to_be, konsulent=konsulent, reviewer=reviewer, owner=owner)

    with pytest.raises(ValidationError) as error:
        process_services.version_delete(user=konsulent, version=to_be)

    assert _messages(error.value) == [
        "Den offentliggjorte version kan ikke slettes; offentliggør først en anden."
    ]


def test_a_step_out_of_turn_is_refused_with_the_state(version, owner):
    with pytest.raises(ValidationError) as error:
        services.review_approve(user=owner, version=version)

    assert _messages(error.value) == [
        "Versionen er kladde; det trin kan ikke tages nu. Genindlæs siden."
    ]


def test_next_review_date_is_stored(version, konsulent, reviewer, owner):
    day = TODAY + datetime.timedelta(days=100)

    published = publish(
        version, konsulent=konsulent, reviewer=reviewer, owner=owner, next_review_on=day
    )

    assert Review.objects.get(version=published).next_review_on == day
