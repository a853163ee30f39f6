"""In-app notifications and the recipient's choice about mail.

A notification keeps its text as a Danish source string with parameters (``message`` and
``params``), not as rendered text: the bell and the list render it in the reader's language at
display time, and the mail renders it in the recipient's language when it is sent. Other apps
(knowledge now, reviews and approvals later) create them through ``services.notify``.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("modtager"),
    )
    # What happened, as a stable key of the sending app ("knowledge.answer"); lets a later
    # setting switch off one kind.
    kind = models.CharField(_("type"), max_length=60)
    message = models.CharField(max_length=300)  # Danish source string, %(name)s placeholders
    params = models.JSONField(default=dict, blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    read_at = models.DateTimeField(_("læst"), null=True, blank=True)
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notifikation")
        verbose_name_plural = _("notifikationer")
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread")]

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        """The message in the active language."""
        return render_message(self.message, self.params)

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


def render_message(message: str, params: dict[str, Any]) -> str:
    """``message`` translated into the active language with ``params`` filled in; a catalogue
    entry with a broken placeholder falls back to the Danish source."""
    try:
        return gettext(message) % params
    except (KeyError, ValueError, TypeError):
        return message % params if params else message


class MailPreference(models.Model):
    """A user's choice about mail; no row means mail is on."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mail_preference"
    )
    send_mail = models.BooleanField(
        _("send mig også notifikationer som mail"),
        default=True,
        help_text=_("Notifikationerne står under klokken i toppen, uanset hvad du vælger her."),
    )

    class Meta:
        verbose_name = _("mailindstilling")
        verbose_name_plural = _("mailindstillinger")

    def __str__(self) -> str:
        return f"{self.user}: {self.send_mail}"
