"""``procesbank send_benefit_reminders``: remind benefit owners of due measurements (run daily)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from procesbank.benefits.services import measurement_reminders_send


class Command(BaseCommand):
    help = (
        "Notify each benefit owner whose next measurement is due (monthly, quarterly or yearly "
        "after the latest measurement or the baseline). Safe to repeat: an owner is reminded "
        "once per due date."
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
        sent = measurement_reminders_send(today=today)
        self.stdout.write(f"{sent} benefit reminders ({today.isoformat()})")
