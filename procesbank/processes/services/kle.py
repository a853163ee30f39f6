"""Loading KL's KLE plan (the full classification is KL's licence, so it is never shipped)."""

from __future__ import annotations

from django.db import transaction

from procesbank.processes.engine.kle import parse_kle_plan
from procesbank.processes.models import KleTopic


@transaction.atomic
def kle_plan_import(*, data: bytes) -> int:
    """Replace the stored plan with the one in ``data`` (KL's KLE-Emneplan XML); returns the
    number of entries. All or nothing: a broken file leaves the old plan in place."""
    plan = parse_kle_plan(data)
    KleTopic.objects.all().delete()
    KleTopic.objects.bulk_create(
        KleTopic(
            code=entry.code,
            title=entry.title[:300],
            uuid=entry.uuid,
            level=int(entry.level),
            expired=entry.expired,
        )
        for entry in plan
    )
    return len(plan)
