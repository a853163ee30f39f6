"""Loading KL's KLE plan (the full classification is KL's licence, so it is never shipped)."""

from __future__ import annotations

from django.db import transaction

from procesbank.processes.engine.kle import parse_kle_facets, parse_kle_plan
from procesbank.processes.models import KleFacetEntry, KleTopic
from procesbank.processes.selectors import kle_plan_forget


@transaction.atomic
def kle_plan_import(*, data: bytes) -> int:
    """Replace the stored plan with the one in ``data`` (KL's KLE-Emneplan XML); returns the
    number of entries. All or nothing: a broken file leaves the old plan in place."""
    plan = parse_kle_plan(data)
    kle_plan_forget()
    transaction.on_commit(kle_plan_forget)
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


@transaction.atomic
def kle_facets_import(*, data: bytes) -> int:
    """Replace the stored handlingsfacetter with KL's list in ``data`` (KLE-Handlingsfacetter
    XML); returns how many. All or nothing."""
    facets = parse_kle_facets(data)
    KleFacetEntry.objects.all().delete()
    KleFacetEntry.objects.bulk_create(
        KleFacetEntry(
            code=facet.code,
            title=facet.title[:300],
            category_code=facet.category_code[:3],
            category_title=facet.category_title[:300],
            expired=facet.expired,
        )
        for facet in facets
    )
    return len(facets)


def kle_file_import(*, data: bytes) -> tuple[str, int]:
    """Load either of KL's files, told apart by their root element: ("facets", count) for
    KLE-Handlingsfacetter, else ("plan", count) for the KLE-Emneplan."""
    if b"KLE-Handlingsfacetter" in data[:4096]:
        return "facets", kle_facets_import(data=data)
    return "plan", kle_plan_import(data=data)
