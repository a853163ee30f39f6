"""The API's page-number pagination with the page number bounded: an unbounded ``page``
(``?page=99999999999999999999``) overflowed the database's OFFSET and answered 500."""

from __future__ import annotations

from ninja import Field
from ninja.pagination import PageNumberPagination

#: Far beyond any list (50 rows a page), well inside every database's integer range.
MAX_PAGE = 1_000_000


class Pages(PageNumberPagination):
    """ninja's PageNumberPagination, ``page`` at most :data:`MAX_PAGE` (else 422)."""

    class Input(PageNumberPagination.Input):
        page: int = Field(1, ge=1, le=MAX_PAGE)
