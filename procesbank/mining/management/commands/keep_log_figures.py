"""Keep the first-view figures of event logs that have none (logs imported before Procesbank
kept them, or whose job failed), so every web worker's first view of a large log reads them
instead of computing from every event. Imports and naming changes keep them by themselves;
run this once after an upgrade:

    procesbank keep_log_figures [--all]
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from procesbank.mining.engine import figurestore
from procesbank.mining.models import EventLog
from procesbank.mining.services import eventlog_figures_keep


class Command(BaseCommand):
    help = "Keep the first-view figures of the event logs that have none (--all: every log)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--all", action="store_true", help="compute them for every log")

    def handle(self, *args: Any, **options: Any) -> None:
        done = failed = skipped = 0
        for eventlog in EventLog.objects.order_by("pk").iterator():
            if not eventlog.path.exists():
                skipped += 1
                continue
            naming = (eventlog.activity_key, eventlog.resource_key)
            if not options["all"] and figurestore.kept(eventlog.path, naming):
                skipped += 1
                continue
            if eventlog_figures_keep(eventlog=eventlog):
                done += 1
            else:
                failed += 1
            self.stdout.write(f"{eventlog.pk}: {eventlog.name}", ending="\n")
        self.stdout.write(f"Kept figures for {done} log(s); {failed} failed; {skipped} skipped.")
        if failed:
            # A failure is logged with its cause; the pages compute those logs' figures.
            self.stderr.write("Some logs' figures could not be kept: see the log.")
