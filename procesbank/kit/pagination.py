"""The API's page-number pagination: the page number bounded and the count capped.

An unbounded ``page`` (``?page=99999999999999999999``) overflowed the database's OFFSET and
answered 500. An exact ``count`` made every page of a list over the whole country count every
visible row first (at 98 municipalities the count cost more than the page): it stops at
``PROCESBANK_COUNT_CAP`` as the pages' counts do (:mod:`procesbank.kit.paging`), and
``count_capped`` tells a client that there are more. A ranked search's page counts its hits in
the query that ranks them (:class:`procesbank.kit.paging.RankedRows`).
"""

from __future__ import annotations

from typing import Any

from asgiref.sync import sync_to_async
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Schema
from ninja.pagination import PageNumberPagination

from procesbank.kit.paging import page_and_count

#: Far beyond any list (50 rows a page), well inside every database's integer range.
MAX_PAGE = 1_000_000


class Pages(PageNumberPagination):
    """ninja's PageNumberPagination, ``page`` at most :data:`MAX_PAGE` (else 422), ``count``
    at most the count cap with ``count_capped`` true when it stopped there."""

    class Input(PageNumberPagination.Input):
        page: int = Field(1, ge=1, le=MAX_PAGE)

    class Output(Schema):
        items: list[Any]
        count: int = Field(
            ...,
            description="The number of rows, exact up to the installation's count cap "
            "(PROCESBANK_COUNT_CAP, 10,000 by default); at the cap when there are more.",
        )
        count_capped: bool = Field(
            ...,
            description="True when there are more rows than `count` (the count stopped at the "
            "cap): narrow the list with its filters rather than paging through it.",
        )

    def paginate_queryset(
        self, queryset: Any, pagination: Any, request: HttpRequest, **params: Any
    ) -> Any:
        items, count, capped = page_and_count(queryset, self._page_slice(pagination))
        return {self.items_attribute: items, "count": count, "count_capped": capped}

    async def apaginate_queryset(
        self, queryset: Any, pagination: Any, request: HttpRequest, **params: Any
    ) -> Any:
        window = self._page_slice(pagination)
        items, count, capped = await sync_to_async(lambda: page_and_count(queryset, window))()
        if isinstance(items, QuerySet):
            items = [row async for row in items]
        return {self.items_attribute: items, "count": count, "count_capped": capped}

    def _page_slice(self, pagination: Any) -> slice:
        size = self._get_page_size(pagination.page_size)
        offset = (pagination.page - 1) * size
        return slice(offset, offset + size)
