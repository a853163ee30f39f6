"""``procesbank send_handbook_reminders``: mail page owners whose handbook pages are due for
review (run it daily or weekly)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from procesbank.handbook.services.reminders import reminders_send


class Command(BaseCommand):
    help = (
        "Mail each handbook page owner the pages whose review is due. Safe to repeat: a page's "
        "reminder is sent once per due date."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--date", help="Act as if today were this date (YYYY-MM-DD); default: today."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        if options["date"]:
            try:
                today = date.fromisoformat(options["date"])
            except ValueError as error:
                raise CommandError(f"--date must be YYYY-MM-DD, not {options['date']!r}") from error
        run = reminders_send(today=today)
        self.stdout.write(f"{run.reminders} reminders, {run.mails} mails ({today.isoformat()})")
