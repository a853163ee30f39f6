"""The weekly reminders: legal basis unchecked for six months (in operation) and a year without
changes, mailed to owner and followers once per ISO week.

Time is passed in as ``today`` (the project's way: no clock patching); ``updated_at`` is set
with a queryset update because ``auto_now`` would overwrite it on save."""

from __future__ import annotations

from datetime import date, datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from procesbank.catalogue import selectors, services
from procesbank.catalogue.models import Candidate, ReminderSent, UserMark
from procesbank.catalogue.services.reminders import reminders_send

TODAY = date(2026, 7, 10)  # ISO week 28 of 2026, a Friday


@pytest.fixture
def owner(konsulent):
    konsulent.email = "ejer@helsingor.dk"
    konsulent.save()
    return konsulent


@pytest.fixture
def neighbour(other_konsulent):
    other_konsulent.email = "nabo@gribskov.dk"
    other_konsulent.save()
    return other_konsulent


def _age(candidate: Candidate, on: date) -> None:
    at = timezone.make_aware(datetime.combine(on, datetime.min.time()))
    Candidate.objects.filter(pk=candidate.pk).update(updated_at=at)


def _run(django_capture_on_commit_callbacks, today: date = TODAY):
    with django_capture_on_commit_callbacks(execute=True):
        return reminders_send(today=today)


def test_due_reminders_follow_the_six_month_and_one_year_rules(owner, make_candidate):
    # Six months = 183 days: 10 July 2026 - 183 days = 8 January 2026 is the cut-off.
    make_candidate(
        title="Tjekket 7. jan", phase="operation", legal_basis_checked_on=date(2026, 1, 7)
    )
    make_candidate(
        title="Tjekket 8. jan", phase="operation", legal_basis_checked_on=date(2026, 1, 8)
    )
    make_candidate(title="Aldrig tjekket", phase="operation")
    make_candidate(title="Idé uden tjek", phase="idea")
    old = make_candidate(title="Gammel idé", phase="idea")
    gone = make_candidate(title="Gammel nedlagt", phase="decommissioned")
    rejected = make_candidate(title="Gammel afvist", status="rejected")
    for candidate in (old, gone, rejected):
        _age(candidate, date(2025, 7, 9))  # 366 days before TODAY
    _age(make_candidate(title="Ændret for 365 dage siden"), date(2025, 7, 10))

    due = selectors.reminders_due(today=TODAY)

    assert sorted(c.title for c in due["legal_basis"]) == ["Aldrig tjekket", "Tjekket 7. jan"]
    assert [c.title for c in due["unchanged"]] == ["Gammel idé"]


def test_owner_and_followers_who_may_read_get_one_mail_each(
    owner, neighbour, make_user, make_candidate, django_capture_on_commit_callbacks
):
    shared = make_candidate(title="Delt i drift", phase="operation")
    private = make_candidate(title="Privat i drift", phase="operation", visibility="own")
    colleague = make_user(username="kollega", email="kollega@helsingor.dk")
    for user, candidate in ((neighbour, shared), (colleague, private)):
        services.mark_toggle(user=user, candidate=candidate, kind=UserMark.Kind.FOLLOW)
    # The neighbour followed the private one while it was shared: it must not be told now.
    UserMark.objects.create(user=neighbour, candidate=private, kind=UserMark.Kind.FOLLOW)

    run = _run(django_capture_on_commit_callbacks)

    assert (run.reminders, run.mails) == (2, 3)
    by_address = {m.to[0]: m for m in mail.outbox}
    assert sorted(by_address) == ["ejer@helsingor.dk", "kollega@helsingor.dk", "nabo@gribskov.dk"]
    assert by_address["ejer@helsingor.dk"].subject == "Procesbank: påmindelse om 2 kandidater"
    assert by_address["ejer@helsingor.dk"].body.splitlines()[2:4] == [
        "- Delt i drift (Helsingør): Lovgrundlaget er ikke kontrolleret i et halvt år",
        "- Privat i drift (Helsingør): Lovgrundlaget er ikke kontrolleret i et halvt år",
    ]
    assert "Privat i drift" not in by_address["nabo@gribskov.dk"].body


def test_a_second_run_in_the_same_week_sends_nothing(
    owner, make_candidate, django_capture_on_commit_callbacks
):
    make_candidate(title="I drift", phase="operation")
    _run(django_capture_on_commit_callbacks)

    again = _run(django_capture_on_commit_callbacks, date(2026, 7, 12))  # Sunday, same week
    next_week = _run(django_capture_on_commit_callbacks, date(2026, 7, 13))  # Monday, week 29

    assert (again.reminders, again.mails) == (0, 0)
    assert (next_week.reminders, next_week.mails) == (1, 1)
    assert len(mail.outbox) == 2
    assert sorted(ReminderSent.objects.values_list("iso_week", flat=True)) == [28, 29]


def test_unchanged_reminder_names_its_reason(
    owner, make_candidate, django_capture_on_commit_callbacks
):
    _age(make_candidate(title="Glemt idé"), date(2025, 1, 1))

    _run(django_capture_on_commit_callbacks)

    assert mail.outbox[0].body.splitlines()[2] == "- Glemt idé (Helsingør): Ingen ændringer i et år"


def test_nothing_is_recorded_without_a_recipient(
    konsulent, make_candidate, django_capture_on_commit_callbacks
):
    konsulent.email = ""
    konsulent.save()
    make_candidate(phase="operation")

    run = _run(django_capture_on_commit_callbacks)

    assert (run.reminders, run.mails) == (0, 0)
    assert not ReminderSent.objects.exists()


def test_command_sends_for_the_given_date(
    owner, make_candidate, django_capture_on_commit_callbacks
):
    make_candidate(title="I drift", phase="operation")
    out = StringIO()

    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders", "--date", "2026-07-10", stdout=out)

    assert out.getvalue() == "1 reminders, 1 mails (2026-07-10)\n"
    assert [m.to for m in mail.outbox] == [["ejer@helsingor.dk"]]


def test_command_refuses_a_malformed_date(db):
    with pytest.raises(CommandError) as error:
        call_command("send_reminders", "--date", "10-07-2026")

    assert str(error.value) == "--date must be YYYY-MM-DD, not '10-07-2026'"
