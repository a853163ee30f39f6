"""Delete staged event-log uploads that were never imported (a CSV whose mapping page the user
left). Uploads run it too, so this is for cron on a quiet installation:

    procesbank cleanup_uploads [--hours 24]
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from procesbank.mining.services import STAGED_MAX_AGE, staged_uploads_cleanup, staging_dir


class Command(BaseCommand):
    help = "Delete staged event-log uploads older than --hours that were never imported."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--hours",
            type=float,
            default=STAGED_MAX_AGE.total_seconds() / 3600,
            help="age in hours after which a staged upload is deleted (default %(default)g)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        hours = options["hours"]
        if hours < 0:
            raise CommandError("--hours must be 0 or more.")
        removed = staged_uploads_cleanup(older_than=timedelta(hours=hours))
        self.stdout.write(
            f"Deleted {removed} staged upload(s) older than {hours:g} hours from {staging_dir()}."
        )
