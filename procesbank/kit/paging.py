"""Page-limited counting for lists over big tables.

A list that says "N results" asked the database for an exact COUNT(*) over every matching row;
at national scale (98 municipalities) that count cost more than the page itself. Here the count
stops at a cap (``PROCESBANK_COUNT_CAP``, default 10,000): up to the cap it is exact, beyond it
the list says "over 10.000" and offers the pages within the cap (a list that long is refined
with its filters, not paged through).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property

DEFAULT_COUNT_CAP = 10_000


def count_cap() -> int:
    """The cap, read at run time (tests and operators may change it)."""
    return int(getattr(settings, "PROCESBANK_COUNT_CAP", DEFAULT_COUNT_CAP))


def capped_count(rows: QuerySet[Any] | Any, cap: int | None = None) -> tuple[int, bool]:
    """(number of rows, at most ``cap``; True when there are more than ``cap``).

    A queryset is counted in the database over at most ``cap + 1`` rows, its ordering dropped
    (a ranked search need not be sorted to be counted); a list is simply measured."""
    cap = count_cap() if cap is None else cap
    found = rows.order_by()[: cap + 1].count() if isinstance(rows, QuerySet) else len(rows)
    return min(found, cap), found > cap


class CappedPaginator(Paginator):
    """Django's Paginator whose ``count`` stops at the cap; ``capped`` tells that it did."""

    def __init__(self, object_list: Any, per_page: int, *, cap: int | None = None) -> None:
        super().__init__(object_list, per_page)
        self.cap = cap

    @cached_property
    def _capped_count(self) -> tuple[int, bool]:
        return capped_count(self.object_list, self.cap)

    @cached_property
    def count(self) -> int:
        return self._capped_count[0]

    @property
    def capped(self) -> bool:
        return self._capped_count[1]
