"""Every read of notifications: a user reads their own and nobody else's."""

from __future__ import annotations

from django.db.models import QuerySet

from procesbank.kit.access import access_or_404
from procesbank.notifications.models import MailPreference, Notification
from procesbank.organisations.models import User


def notification_list(*, user: User, unread_only: bool = False) -> QuerySet[Notification]:
    """The user's own notifications, newest first."""
    if not user.is_authenticated:
        return Notification.objects.none()
    rows = Notification.objects.filter(recipient_id=user.pk)
    if unread_only:
        rows = rows.filter(read_at__isnull=True)
    return rows.order_by("-created_at", "-id")


def unread_count(*, user: User) -> int:
    return notification_list(user=user, unread_only=True).count()


def access_notification(*, user: User, notification_id: int) -> Notification:
    """One of the user's own notifications; 404 for anyone else's."""
    return access_or_404(notification_list(user=user), pk=notification_id)


def wants_mail(*, user: User) -> bool:
    """Whether the user gets notifications as mail too (default yes)."""
    preference = MailPreference.objects.filter(user_id=user.pk).first()
    return True if preference is None else preference.send_mail


def language_of(user: User) -> str:
    """The language the user reads in: their own setting where the user model has one, else
    Danish (the platform's language)."""
    language = getattr(user, "language", "") or ""
    return language if language in ("da", "en") else "da"
