"""Review reminders of the method handbook: a page whose review is due (its last review plus
its interval has come) is mailed to its owner, once per due date.

Run it daily or weekly (``procesbank send_handbook_reminders`` from cron or a systemd timer,
like the catalogue's ``send_reminders``). The owner gets one mail listing their due pages; a
``ReviewReminderSent`` row per page and due date makes a repeated run send nothing again, and
a page reviewed since gets a new due date (and so, when that comes, a new reminder). In the
platform the owner sees the same pages at the top of the handbook ("Dine sider skal
gennemgås").

Users keep no language of their own yet, so the mail is in the site's default language (Danish),
the language of the collaboration.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from procesbank.handbook.models import Page, ReviewReminderSent
from procesbank.kit.formatting import short_date


@dataclass(frozen=True)
class ReminderRun:
    reminders: int
    mails: int


def pages_due(*, today: date) -> list[Page]:
    """Every page whose review is due on ``today``, with an active owner who has an address."""
    pages = (
        Page.objects.select_related("owner", "municipality")
        .filter(owner__is_active=True)
        .exclude(owner__email="")
    )
    return [page for page in pages.order_by("title", "pk") if page.review_due(today)]


def _record(page: Page) -> bool:
    try:
        with transaction.atomic():
            ReviewReminderSent.objects.create(
                page=page, due_on=page.review_due_on, recipient=page.owner
            )
    except IntegrityError:
        return False
    return True


def _mail(address: str, pages: list[Page], sender: str) -> tuple[str, str, str, list[str]]:
    lines = [_("Disse sider i metodehåndbogen, som du ejer, skal gennemgås:"), ""]
    for page in pages:
        lines.append(
            _("- %(title)s (skulle gennemgås %(due)s)")
            % {"title": page.title, "due": short_date(page.review_due_on)}
        )
    lines += [
        "",
        _("Læs siden igennem, ret det, der ikke længere passer, og tryk “Markér som gennemgået”."),
    ]
    subject = ngettext(
        "Procesbank: %(count)s håndbogsside skal gennemgås",
        "Procesbank: %(count)s håndbogssider skal gennemgås",
        len(pages),
    ) % {"count": len(pages)}
    return (subject, "\n".join(lines), sender, [address])


@transaction.atomic
def reminders_send(*, today: date) -> ReminderRun:
    """Record and (after commit) mail the review reminders not sent yet."""
    per_address: dict[str, list[Page]] = defaultdict(list)
    recorded = 0
    for page in pages_due(today=today):
        if not _record(page):
            continue
        recorded += 1
        per_address[page.owner.email].append(page)
    sender = settings.DEFAULT_FROM_EMAIL
    messages = []
    for address, pages in sorted(per_address.items()):
        # In the owner's language (stored on the user, issue #14).
        with translation.override(pages[0].owner.language or settings.LANGUAGE_CODE):
            messages.append(_mail(address, pages, sender))
    if messages:
        transaction.on_commit(lambda: send_mass_mail(messages, fail_silently=False))
    return ReminderRun(reminders=recorded, mails=len(messages))
