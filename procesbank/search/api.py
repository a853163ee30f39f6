"""API of the one search over everything: the same selector as the results page."""

from __future__ import annotations

from typing import Any

from ninja import Field, Query, Router, Schema

from procesbank.kit.api import ErrorOut
from procesbank.kit.badinput import db_int
from procesbank.kit.search import SearchFilters
from procesbank.organisations.models import AuthenticatedRequest
from procesbank.search import selectors
from procesbank.search.ratelimit import MSG_TOO_MANY, search_allowed

router = Router(tags=["search"])


class SearchQueryIn(Schema):
    q: str = Field("", max_length=selectors.MAX_QUERY, description="Words; Danish stemming.")
    type: list[str] = Field(
        default_factory=list,
        description="Kinds to search (repeat the parameter); all when none: process, task, "
        "candidate, project and those of other apps.",
    )
    municipality: int | None = Field(None, description="Only what this municipality owns.")
    kle: str = Field("", max_length=8, description="A KLE prefix: 02 finds 02.34.10.")
    page: int = Field(1, ge=1, le=selectors.MAX_PAGE, description="The page of every group.")
    page_size: int = Field(10, ge=1, le=50)


class SearchHitOut(Schema):
    kind: str
    title: str
    url: str
    snippet: str
    municipality: str = Field(..., description="The owner; empty for the collaboration's own.")
    kle_code: str
    score: float = Field(..., description="Higher ranks first; comparable within one kind.")


class SearchGroupOut(Schema):
    kind: str
    label: str
    count: int = Field(..., description="Matches found, at most 100 (or page x page_size).")
    capped: bool = Field(..., description="There are more matches than count.")
    page: int
    pages: int
    hits: list[SearchHitOut]


class SearchOut(Schema):
    query: str
    groups: list[SearchGroupOut]


@router.get(
    "/search",
    response={200: SearchOut, 429: ErrorOut},
    summary="Search processes, version tasks, candidates, projects and more",
    description="Only what the caller may read; groups in a fixed order, each ranked and paged. "
    "At most PROCESBANK_SEARCH_RATE_LIMIT searches per user a minute (page and API together); "
    "past it 429 until the next minute.",
)
def search(request: AuthenticatedRequest, params: Query[SearchQueryIn]) -> Any:
    if params.q.strip() and not search_allowed(user=request.user):
        return 429, {"detail": str(MSG_TOO_MANY)}
    kle = params.kle.strip()
    selectors.check_filters(kle=kle, kinds=params.type, query=params.q)
    filters = SearchFilters(
        municipality_id=db_int(params.municipality), kle=kle, kinds=frozenset(params.type)
    )
    groups = selectors.search_everything(
        user=request.user,
        query=params.q,
        filters=filters,
        page=params.page,
        page_size=params.page_size,
    )
    return SearchOut(
        query=params.q.strip(),
        groups=[
            SearchGroupOut(
                kind=group.kind,
                label=group.label,
                count=group.count,
                capped=group.capped,
                page=group.page,
                pages=group.pages,
                hits=[SearchHitOut(**hit.__dict__) for hit in group.hits],
            )
            for group in groups
        ],
    )
