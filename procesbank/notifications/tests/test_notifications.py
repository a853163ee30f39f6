"""Notifications: rendered in the reader's language, mailed in the recipient's, kept to their
recipient, and marked read."""

from __future__ import annotations

import pytest
from django.core import mail
from django.http import Http404
from django.utils import translation

from procesbank.notifications import selectors, services
from procesbank.notifications.models import Notification
from procesbank.organisations.models import AuditEntry

pytestmark = pytest.mark.django_db

# A message the English catalogue translates (the knowledge app's "answer" notification).
MESSAGE = "%(who)s (%(municipality)s) har svaret på “%(title)s”"
PARAMS = {"who": "Mette", "municipality": "Helsingør", "title": "Tid på byggesager"}


def _notify(recipient, **kwargs):
    return services.notify(
        recipients=[recipient], kind="test.answer", message=MESSAGE, params=PARAMS, **kwargs
    )


def test_text_is_rendered_in_the_readers_language(konsulent):
    (notification,) = _notify(konsulent)

    with translation.override("da"):
        danish = notification.text
    with translation.override("en"):
        english = notification.text

    assert danish == "Mette (Helsingør) har svaret på “Tid på byggesager”"
    assert english == "Mette (Helsingør) has answered “Tid på byggesager”"


def test_mail_goes_out_after_commit_in_the_recipients_language(
    konsulent, django_capture_on_commit_callbacks
):
    konsulent.email = "k@example.org"
    konsulent.language = "en"  # a language field a later user model may have

    with django_capture_on_commit_callbacks(execute=True):
        _notify(konsulent, url="/sparring/1/")

    (message,) = mail.outbox
    assert message.subject == "Procesbank: Mette (Helsingør) has answered “Tid på byggesager”"
    assert "/sparring/1/" in message.body
    assert "You get this mail" in message.body


def test_mail_is_danish_without_a_language_field(konsulent, django_capture_on_commit_callbacks):
    konsulent.email = "k@example.org"

    with django_capture_on_commit_callbacks(execute=True), translation.override("en"):
        _notify(konsulent)

    assert mail.outbox[0].subject == (
        "Procesbank: Mette (Helsingør) har svaret på “Tid på byggesager”"
    )


def test_switched_off_mail_keeps_the_in_app_notification(
    konsulent, django_capture_on_commit_callbacks
):
    konsulent.email = "k@example.org"
    konsulent.save()
    services.mail_preference_set(user=konsulent, send_mail=False)

    with django_capture_on_commit_callbacks(execute=True):
        _notify(konsulent)

    assert mail.outbox == []
    assert selectors.unread_count(user=konsulent) == 1
    assert AuditEntry.objects.filter(object_type="notifications.MailPreference").count() == 1


def test_the_actor_and_a_repeated_recipient_are_notified_once_at_most(konsulent, other_konsulent):
    created = services.notify(
        recipients=[konsulent, other_konsulent, other_konsulent],
        kind="test",
        message="Hej",
        actor=konsulent,
    )

    assert [n.recipient for n in created] == [other_konsulent]


def test_a_link_off_the_site_is_dropped(konsulent):
    (notification,) = _notify(konsulent, url="https://evil.example/")
    (other,) = _notify(konsulent, url="//evil.example/")

    assert (notification.url, other.url) == ("", "")


def test_a_user_reads_only_their_own(konsulent, other_konsulent):
    (mine,) = _notify(konsulent)
    (theirs,) = _notify(other_konsulent)

    assert list(selectors.notification_list(user=konsulent)) == [mine]
    with pytest.raises(Http404):
        selectors.access_notification(user=konsulent, notification_id=theirs.pk)


def test_mark_read_and_mark_all(konsulent):
    first, second = _notify(konsulent)[0], _notify(konsulent)[0]

    services.notification_mark_read(user=konsulent, notification=first)
    assert selectors.unread_count(user=konsulent) == 1
    assert services.notification_mark_all_read(user=konsulent) == 1

    assert Notification.objects.filter(read_at__isnull=True).count() == 0
    assert second.pk != first.pk


def test_bell_shows_the_unread_count(client, konsulent):
    _notify(konsulent)
    _notify(konsulent)
    client.force_login(konsulent)

    page = client.get("/").content.decode()

    assert 'data-unread="2"' in page


def test_opening_marks_read_and_follows_the_link(client, konsulent, other_konsulent):
    (notification,) = _notify(konsulent, url="/sparring/")
    (theirs,) = _notify(other_konsulent, url="/sparring/")
    client.force_login(konsulent)

    response = client.get(f"/notifikationer/{notification.pk}/")
    other = client.get(f"/notifikationer/{theirs.pk}/")

    assert response.status_code == 302
    assert response["Location"] == "/sparring/"
    assert Notification.objects.get(pk=notification.pk).is_read
    assert other.status_code == 404
    assert not Notification.objects.get(pk=theirs.pk).is_read


def test_api_lists_own_and_marks_read(client, konsulent, other_konsulent):
    (mine,) = _notify(konsulent)
    (theirs,) = _notify(other_konsulent)
    client.force_login(konsulent)

    listed = client.get("/api/v1/notifications").json()["items"]
    refused = client.post(f"/api/v1/notifications/{theirs.pk}/read")
    marked = client.post(f"/api/v1/notifications/{mine.pk}/read").json()

    assert [row["id"] for row in listed] == [mine.pk]
    assert listed[0]["text"] == "Mette (Helsingør) har svaret på “Tid på byggesager”"
    assert refused.status_code == 404
    assert marked["read_at"] is not None
