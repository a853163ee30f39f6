"""Every write of notifications: creating them (for other apps), marking them read, and the
user's mail setting.

``notify`` is the one entry for other apps: it writes one row per recipient and, after the
sender's transaction commits, mails those who want mail, each in their own language.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext

from procesbank.notifications.models import MailPreference, Notification, render_message
from procesbank.notifications.selectors import language_of, notification_list, wants_mail
from procesbank.organisations.audit import audit_record, snapshot
from procesbank.organisations.models import AuditEntry, User


def _safe_url(url: str) -> str:
    """Only addresses on this site: a notification never sends its reader elsewhere."""
    return url if url.startswith("/") and url_has_allowed_host_and_scheme(url, None) else ""


def _mail_for(notification: Notification, recipient: User) -> tuple[str, str, str, list[str]]:
    base = getattr(settings, "PROCESBANK_BASE_URL", "").rstrip("/")
    with translation.override(language_of(recipient)):
        text = render_message(notification.message, notification.params)
        subject = gettext("Procesbank: %(text)s") % {"text": text}
        lines = [text, ""]
        if notification.url:
            lines.append(f"{base}{notification.url}")
            lines.append("")
        lines.append(
            gettext(
                "Du får denne mail, fordi du har mail slået til for notifikationer i Procesbank. "
                "Du kan slå den fra under “Notifikationer” › “Indstillinger”."
            )
        )
    # A subject is one line (a header); the text is the user's own words.
    subject = " ".join(subject.split())[:200]
    return subject, "\n".join(lines), settings.DEFAULT_FROM_EMAIL, [recipient.email]


@transaction.atomic
def notify(
    *,
    recipients: Iterable[User],
    kind: str,
    message: str,
    params: dict[str, Any] | None = None,
    url: str = "",
    actor: User | None = None,
) -> list[Notification]:
    """Notify each recipient (active, not the actor, once each). ``message`` is a Danish source
    string marked with ``gettext_noop``; it is rendered in each reader's language."""
    params = params or {}
    seen: set[int] = set()
    created: list[Notification] = []
    mails = []
    for recipient in recipients:
        if recipient.pk in seen or not recipient.is_active:
            continue
        if actor is not None and recipient.pk == actor.pk:
            continue
        seen.add(recipient.pk)
        notification = Notification.objects.create(
            recipient=recipient, kind=kind, message=message, params=params, url=_safe_url(url)
        )
        created.append(notification)
        if recipient.email and wants_mail(user=recipient):
            mails.append(_mail_for(notification, recipient))
    if mails:
        transaction.on_commit(lambda: send_mass_mail(tuple(mails), fail_silently=True))
    return created


@transaction.atomic
def notification_mark_read(*, user: User, notification: Notification) -> Notification:
    """Mark one of the user's own notifications read (a reader's own state: not audited)."""
    if notification.recipient_id != user.pk:
        raise PermissionError("not the recipient")
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


@transaction.atomic
def notification_mark_all_read(*, user: User) -> int:
    """Mark every unread notification of the user read; returns how many."""
    return notification_list(user=user, unread_only=True).update(read_at=timezone.now())


@transaction.atomic
def mail_preference_set(*, user: User, send_mail: bool) -> MailPreference:
    """Switch mail of notifications on or off for the user (audited: it changes what the
    platform sends to the person)."""
    preference, _created = MailPreference.objects.get_or_create(user=user)
    before = snapshot(preference)
    preference.send_mail = send_mail
    preference.full_clean()
    preference.save()
    audit_record(
        user=user,
        action=AuditEntry.Action.UPDATE,
        instance=preference,
        municipality=user.municipality,
        before=before,
        after=snapshot(preference),
    )
    return preference
