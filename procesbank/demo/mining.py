"""Demo event logs: real, public logs, honestly named, loaded into demo municipalities.

The five BPI Challenge 2015 logs are building-permit applications of five Dutch
municipalities (4TU.ResearchData); the receipt log is the receipt phase of an
environmental-permit process of another Dutch municipality (CoSeLoG). They stand in for
Danish logs, which cannot be published; each is shared with the collaboration so that the
comparison across municipalities has something to compare. Read synchronously (about 8 s).
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

from procesbank.mining.engine.eventlog import read_xes
from procesbank.mining.models import EventLog
from procesbank.mining.services import eventlog_store
from procesbank.organisations.models import Municipality
from procesbank.processes.models import Visibility

DEMO_LOGS = [
    ("fredensborg", "BPIC15_1.xes.gz", "Byggetilladelser, hollandsk kommune 1 (BPIC 2015)"),
    ("frederikssund", "BPIC15_2.xes.gz", "Byggetilladelser, hollandsk kommune 2 (BPIC 2015)"),
    ("gribskov", "BPIC15_3.xes.gz", "Byggetilladelser, hollandsk kommune 3 (BPIC 2015)"),
    ("halsnaes", "BPIC15_4.xes.gz", "Byggetilladelser, hollandsk kommune 4 (BPIC 2015)"),
    ("helsingoer", "BPIC15_5.xes.gz", "Byggetilladelser, hollandsk kommune 5 (BPIC 2015)"),
    ("helsingoer", "receipt.xes.gz", "Modtagelse af miljøansøgninger, hollandsk kommune"),
]


def load_mining() -> int:
    """Load the demo logs that are missing; returns how many were added. Idempotent."""
    folder = Path(settings.BASE_DIR).parent / "tests" / "data" / "event-logs"
    added = 0
    for slug, filename, name in DEMO_LOGS:
        municipality = Municipality.objects.filter(slug=slug).first()
        path = folder / filename
        if municipality is None or not path.exists():
            continue
        if EventLog.objects.filter(municipality=municipality, name=name).exists():
            continue
        eventlog_store(
            user=None,
            municipality=municipality,
            log=read_xes(path),
            name=name,
            visibility=Visibility.COLLABORATION,
            source_filename=filename,
            source_format=EventLog.Format.XES,
        )
        added += 1
    return added
