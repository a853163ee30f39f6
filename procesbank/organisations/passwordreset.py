"""Password reset by e-mail for local accounts: Django's own flow, throttled.

Django's views do the work: the form finds only active users with a usable password (a local
account, not one that signs in elsewhere) by e-mail, mails a one-time link signed with the
user's password hash and last login (so it dies when used), and always answers with the same
"mail sent" page, so the page never tells whether an address has an account.

The throttle is ours: at most ``PASSWORD_RESET_PER_ADDRESS`` mails per address and
``PASSWORD_RESET_PER_CLIENT`` requests per client IP per hour (settings, read at run time). An
address over its limit gets no mail but the same page (the answer must not differ from an
unknown address's); a client over its limit is told to wait, which says nothing about any
account.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm
from django.core.cache import cache
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse_lazy
from django.utils.translation import gettext as _

WINDOW_SECONDS = 60 * 60


def _count(key: str) -> int:
    """Add one to the hour's counter under ``key`` and return the new count."""
    cache.add(key, 0, WINDOW_SECONDS)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW_SECONDS)
        return 1


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


class ThrottledPasswordResetView(auth_views.PasswordResetView):
    template_name = "registration/password_reset_form.html"
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"
    success_url = reverse_lazy("organisations:password_reset_done")

    def form_valid(self, form: PasswordResetForm) -> HttpResponse:
        client = self.request.META.get("REMOTE_ADDR", "")
        per_client = int(getattr(settings, "PASSWORD_RESET_PER_CLIENT", 10))
        if _count(f"password-reset:client:{_digest(client)}") > per_client:
            form.add_error(None, _("For mange forsøg fra din forbindelse. Prøv igen om en time."))
            return self.form_invalid(form)
        address = form.cleaned_data["email"].strip().lower()
        per_address = int(getattr(settings, "PASSWORD_RESET_PER_ADDRESS", 3))
        if _count(f"password-reset:address:{_digest(address)}") > per_address:
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)
