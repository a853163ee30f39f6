"""The weekly reminders of OS2autoproces: a candidate in operation ("Drift") whose legal basis
has not been checked for six months, and a candidate unchanged for a year.

Run once a week (``procesbank send_reminders`` from cron or a systemd timer; see README). Each
candidate's owner (the user who registered it) and followers who may still read it get one
mail per run listing their candidates. A ``ReminderSent`` row per candidate, kind and ISO week
makes a repeated run in the same week send nothing again.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from procesbank.catalogue.models import Candidate, ReminderSent, UserMark
from procesbank.catalogue.selectors import reminders_due
from procesbank.organisations.models import User
from procesbank.processes.selectors import visible_to


@dataclass(frozen=True)
class ReminderRun:
    """What one run did: reminders recorded and mails handed to the mail backend."""

    reminders: int
    mails: int


def _reason(kind: str) -> str:
    if kind == ReminderSent.Kind.LEGAL_BASIS:
        return _("Lovgrundlaget er ikke kontrolleret i et halvt år")
    return _("Ingen ændringer i et år")


def _recipients(candidate: Candidate) -> list[str]:
    """The owner and the followers, active, with an e-mail address, who may read it."""
    followers = UserMark.objects.filter(candidate=candidate, kind=UserMark.Kind.FOLLOW).values(
        "user"
    )
    users = User.objects.filter(is_active=True).exclude(email="")
    owner = users.filter(pk=candidate.created_by_id) if candidate.created_by_id else users.none()
    users = users.filter(pk__in=followers) | owner
    return sorted(
        {
            u.email
            for u in users.distinct()
            if Candidate.objects.filter(visible_to(u), pk=candidate.pk).exists()
        }
    )


def _record(candidate: Candidate, kind: str, today: date, recipients: int) -> bool:
    """Claim this week's reminder; False when it was already sent (another run came first)."""
    year, week, _day = today.isocalendar()
    try:
        with transaction.atomic():
            ReminderSent.objects.create(
                candidate=candidate, kind=kind, iso_year=year, iso_week=week, recipients=recipients
            )
    except IntegrityError:
        return False
    return True


Mail = tuple[str, str, str, list[str]]


def _mail(address: str, items: list[tuple[str, Candidate]], sender: str) -> Mail:
    lines = [_("Disse automatiseringskandidater trænger til at blive set efter:"), ""]
    for kind, candidate in items:
        lines.append(f"- {candidate.title} ({candidate.municipality.name}): {_reason(kind)}")
    lines += ["", _("Åbn kandidaten i Procesbank, kontrollér den og gem.")]
    subject = ngettext(
        "Procesbank: påmindelse om %(count)s kandidat",
        "Procesbank: påmindelse om %(count)s kandidater",
        len(items),
    ) % {"count": len(items)}
    return (subject, "\n".join(lines), sender, [address])


@transaction.atomic
def reminders_send(*, today: date) -> ReminderRun:
    """Record and (after commit) mail this ISO week's reminders that were not sent yet."""
    per_address: dict[str, list[tuple[str, Candidate]]] = defaultdict(list)
    recorded = 0
    for kind, candidates in reminders_due(today=today).items():
        for candidate in candidates.order_by("title", "pk"):
            recipients = _recipients(candidate)
            if not recipients or not _record(candidate, kind, today, len(recipients)):
                continue
            recorded += 1
            for address in recipients:
                per_address[address].append((kind, candidate))
    sender = settings.DEFAULT_FROM_EMAIL
    messages = [_mail(address, items, sender) for address, items in sorted(per_address.items())]
    if messages:
        transaction.on_commit(lambda: send_mass_mail(messages, fail_silently=False))
    return ReminderRun(reminders=recorded, mails=len(messages))
