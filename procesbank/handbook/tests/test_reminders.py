from __future__ import annotations

from datetime import date

import pytest
from django.core import mail
from django.core.management import call_command

from procesbank.handbook.models import ReviewReminderSent
from procesbank.handbook.services import pages as page_services
from procesbank.handbook.services.reminders import reminders_send
from procesbank.handbook.tests.factories import make_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def due_page(konsulent):
    konsulent.email = "konsulent@helsingor.dk"
    konsulent.save()
    return make_page(konsulent, last_reviewed=date(2025, 6, 1), review_interval_months=6)


def test_owner_is_mailed_once_per_due_date(due_page, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = reminders_send(today=date(2025, 12, 1))
    with django_capture_on_commit_callbacks(execute=True):
        again = reminders_send(today=date(2025, 12, 8))

    assert (first.reminders, first.mails) == (1, 1)
    assert (again.reminders, again.mails) == (0, 0)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["konsulent@helsingor.dk"]
    assert mail.outbox[0].subject == "Procesbank: 1 håndbogsside skal gennemgås"
    assert "Sådan tegner vi BPMN (skulle gennemgås 1.12.2025)" in mail.outbox[0].body


def test_not_due_yet_sends_nothing(due_page):
    assert reminders_send(today=date(2025, 11, 30)).reminders == 0


def test_a_review_gives_a_new_due_date_and_a_new_reminder(konsulent, due_page):
    reminders_send(today=date(2025, 12, 1))
    page_services.page_mark_reviewed(
        user=konsulent, page=due_page, lock_version=1, on=date(2025, 12, 2)
    )

    assert reminders_send(today=date(2026, 6, 2)).reminders == 1
    assert sorted(ReviewReminderSent.objects.values_list("due_on", flat=True)) == [
        date(2025, 12, 1),
        date(2026, 6, 2),
    ]


def test_command(due_page, capsys):
    call_command("send_handbook_reminders", "--date", "2025-12-01")

    assert "1 reminders" in capsys.readouterr().out
