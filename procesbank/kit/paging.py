"""Page-limited counting for lists over big tables.

A list that says "N results" asked the database for an exact COUNT(*) over every matching row;
at national scale (98 municipalities) that count cost more than the page itself. Here the count
stops at a cap (``PROCESBANK_COUNT_CAP``, default 10,000): up to the cap it is exact, beyond it
the list says "over 10.000" and offers the pages within the cap (a list that long is refined
with its filters, not paged through).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count, Expression, Model, QuerySet, Window
from django.utils.functional import cached_property

from procesbank.kit.stamps import cached

DEFAULT_COUNT_CAP = 10_000

#: How many of a ranked search's best hits are kept (their ids and ranks) under the stamp of
#: the models they are read from: 40 pages of 25, 20 of 50. A page past them is ranked again.
RANKED_HEAD = 1_000

#: The annotation by which a list whose page query visits every matching row anyway (a ranked
#: search ranks all its hits to sort them) carries their number, counted in the same pass:
#: counting them again cost a second visit of every hit (see :func:`with_total_rows`).
TOTAL_ROWS = "total_rows"


def count_cap() -> int:
    """The cap, read at run time (tests and operators may change it)."""
    return int(getattr(settings, "PROCESBANK_COUNT_CAP", DEFAULT_COUNT_CAP))


def capped_count(rows: QuerySet[Any] | Any, cap: int | None = None) -> tuple[int, bool]:
    """(number of rows, at most ``cap``; True when there are more than ``cap``).

    A queryset is counted in the database over at most ``cap + 1`` rows, its ordering and its
    selected annotations dropped (a ranked search need not be sorted or ranked to be counted,
    and a badge's subquery computed for 10,001 rows cost more than the page); a list is simply
    measured."""
    cap = count_cap() if cap is None else cap
    if isinstance(rows, CountedRows):
        return rows.counted()
    if isinstance(rows, RankedRows):
        if rows.cache_key:
            total = rows.total()
            return min(total, cap), total > cap
        rows = rows.hits
    if isinstance(rows, QuerySet):
        found = rows.order_by().values("pk")[: cap + 1].count()
    else:
        found = len(rows)
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

    def get_page(self, number: Any) -> Any:
        """The page ``number`` (the first for anything but a number); the last within the cap
        past the end. Ranked rows are counted by the query that ranks the page's hits, not by
        a count of their own (which read every hit a second time)."""
        if isinstance(self.object_list, RankedRows):
            asked = _page_number(number)
            window = slice((asked - 1) * self.per_page, asked * self.per_page)
            rows, total = self.object_list.window(window)
            if rows:
                cap = count_cap() if self.cap is None else self.cap
                self.__dict__["_capped_count"] = (min(total, cap), total > cap)
                if asked <= self.num_pages:
                    return self._get_page(rows, asked, self)
        return super().get_page(number)


def _page_number(number: Any) -> int:
    try:
        return max(1, int(number))
    except (TypeError, ValueError):
        return 1


def with_total_rows(rows: QuerySet[Any]) -> QuerySet[Any]:
    """``rows`` with every row carrying the number of rows (``COUNT(*) OVER ()``), for a list
    whose database visits every matching row for any page; :func:`page_and_count` reads it."""
    return rows.annotate(**{TOTAL_ROWS: Window(Count("pk"))})


def page_and_count(
    rows: QuerySet[Any] | Any, window: slice, cap: int | None = None
) -> tuple[Any, int, bool]:
    """(the rows of ``window``, their number up to ``cap``, True when there are more).

    A list made by :func:`with_total_rows` is counted by its page's own query; any other (and
    a page past its end, which holds no row to read the number from) by :func:`capped_count`."""
    if isinstance(rows, RankedRows):
        page, total = rows.window(window)
        if page:
            cap = count_cap() if cap is None else cap
            return page, min(total, cap), total > cap
    elif isinstance(rows, CountedRows):
        count, capped = rows.counted()
        return list(rows.rows[window]), count, capped
    elif isinstance(rows, QuerySet) and TOTAL_ROWS in rows.query.annotations:
        page = list(rows[window])
        if page:
            cap = count_cap() if cap is None else cap
            total = getattr(page[0], TOTAL_ROWS)
            return page, min(total, cap), total > cap
    count, capped = capped_count(rows, cap)
    return rows[window], count, capped


class CountedRows:
    """A list whose number is known without counting its rows: ``counted()`` gives (number up
    to the cap, True when there are more), typically kept under the stamp of the models the list
    filters on (:func:`procesbank.kit.stamps.cached`). Counting the visible rows of a national
    table read 10,001 rows on every page (15-60 ms) for a figure that changes only on a write.

    A sequence to :class:`CappedPaginator` and :func:`page_and_count` (slicing reads
    ``rows``), and :func:`capped_count` reads ``counted()``."""

    def __init__(self, rows: QuerySet[Any], counted: Callable[[], tuple[int, bool]]) -> None:
        self.rows = rows
        self.counted = counted

    @property
    def ordered(self) -> bool:  # Django's Paginator warns about an unordered list
        return self.rows.ordered

    def __getitem__(self, key: slice) -> Any:
        return self.rows[key]

    def __len__(self) -> int:
        return self.counted()[0]


class RankedRows:
    """The hits of a ranked search, paged in two steps: the hits are ranked in a narrow query
    (id, rank and the tie-breakers, counted in the same pass), then the rows of the page asked
    for are read in full by id.

    Ranking sorts every hit (9,000 processes match "byggetilladelse" nationally), and in one
    query each of them carried its whole row and had the list's per-row badges computed before
    the sort kept 50. ``hits`` is the filtered queryset with everything the page shows
    (annotations, ``select_related``); ``rank`` an expression over it, higher first; ``then``
    the fields that order equal ranks, ending with a unique one so a tie cannot move between
    pages. Each row read carries its ``rank`` and :data:`TOTAL_ROWS` as attributes.

    Even narrow, ranking 9,000 hits cost some 45 ms for every page and every count. Given a
    ``cache_key`` (which must name everything that decides the hits besides the rows of
    ``cache_models``: the search text, the filters, the viewer's scope), the first
    :data:`RANKED_HEAD` hits' (id, rank) and the exact number of hits are kept under the stamp
    of ``cache_models`` (:func:`procesbank.kit.stamps.cached`): the pages within them, and the
    count, read no hit but the page's rows until one of those models is written. A page past
    them is ranked again. The page's rows are read through ``hits`` every time, so a row that
    left the viewer's sight between the stamp and the read is left out, never shown.

    A sequence to :class:`CappedPaginator` and :func:`page_and_count` (slicing runs both
    queries); :func:`capped_count` counts ``hits`` without ranking them, or reads the kept
    number."""

    def __init__(
        self,
        hits: QuerySet[Any],
        rank: Expression,
        then: tuple[str, ...],
        *,
        cache_key: str = "",
        cache_models: tuple[type[Model], ...] = (),
        head: int = RANKED_HEAD,
    ) -> None:
        self.hits = hits
        self.rank = rank
        self.then = then
        self.cache_key = cache_key
        self.cache_models = cache_models
        self.head_size = head
        self._head: tuple[list[tuple[Any, Any]], int] | None = None

    def ranked(self) -> QuerySet[Any]:
        """(pk, rank, number of hits) of every hit, best first: the narrow first step."""
        return (
            self.hits.annotate(rank=self.rank, **{TOTAL_ROWS: Window(Count("pk"))})
            .order_by("-rank", *self.then)
            .values_list("pk", "rank", TOTAL_ROWS)
        )

    def head(self) -> tuple[list[tuple[Any, Any]], int]:
        """([(pk, rank)] of the best :data:`RANKED_HEAD` hits, the number of all hits), kept
        under the stamp when there is a ``cache_key``."""

        def rank_head() -> tuple[list[tuple[Any, Any]], int]:
            best = list(self.ranked()[: self.head_size])
            return [(pk, rank) for pk, rank, _total in best], (best[0][2] if best else 0)

        if not self.cache_key:
            return rank_head()
        if self._head is None:  # once per request: the page and its count read one stamp
            key = f"ranked-head:{self.head_size}:{self.cache_key}"
            self._head = cached(key, self.cache_models, rank_head)
        return self._head

    def total(self) -> int:
        """The exact number of hits."""
        return self.head()[1]

    def window(self, window: slice) -> tuple[list[Any], int]:
        """(the full rows of ``window`` in rank order, the number of hits); a window past the
        last hit gives ([], 0)."""
        within_head = window.stop is not None and window.stop <= self.head_size
        if self.cache_key and within_head:
            # The head holds every hit up to its size: a window within it is complete there.
            best, total = self.head()
            ranked = [(pk, rank, total) for pk, rank in best[window]]
        else:
            ranked = list(self.ranked()[window])
        if not ranked:
            return [], 0
        rows = self.hits.order_by().in_bulk([pk for pk, _rank, _total in ranked])
        page = []
        for pk, rank, total in ranked:
            row = rows.get(pk)
            if row is None:  # written since the head was kept (the next stamp drops it)
                continue
            row.rank = rank
            setattr(row, TOTAL_ROWS, total)
            page.append(row)
        return page, ranked[0][2]

    def __getitem__(self, key: slice) -> list[Any]:
        if not isinstance(key, slice):
            raise TypeError("RankedRows pages by slices")
        return self.window(key)[0]

    def __len__(self) -> int:
        return capped_count(self)[0]

    def __iter__(self) -> Iterator[Any]:
        return iter(self[0 : count_cap()])
