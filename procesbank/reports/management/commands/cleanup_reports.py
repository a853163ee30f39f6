"""Delete documentation reports made by background jobs once they are older than --hours.
Starting a report runs it too, so this is for cron on a quiet installation:

    procesbank cleanup_reports [--hours 24]
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from procesbank.reports.services import REPORT_MAX_AGE, report_files_cleanup, reports_dir


class Command(BaseCommand):
    help = "Delete documentation reports (PDF/Word) older than --hours."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--hours",
            type=float,
            default=REPORT_MAX_AGE.total_seconds() / 3600,
            help="age in hours after which a report file is deleted (default %(default)g)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        hours = options["hours"]
        if hours < 0:
            raise CommandError("--hours must be 0 or more.")
        removed = report_files_cleanup(older_than=timedelta(hours=hours))
        self.stdout.write(
            f"Deleted {removed} report(s) older than {hours:g} hours from {reports_dir()}."
        )
