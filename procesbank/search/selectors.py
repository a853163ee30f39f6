"""The one search over everything, on behalf of an acting user.

Every registered provider (``kit/search.py``) is asked in its order; each returns only what the
user may see, ranked. A group shows its first hits (five on the overview, a page of twenty when
the search is narrowed to that type); its count is exact up to :data:`COUNT_CAP` and shown as
"100+" beyond, so no provider has to count every match in the country. A two-step provider
(``TwoStepSearchProvider``) ranks and counts on ids alone and loads only the hits shown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from procesbank.kit.search import (
    RankedKey,
    SearchFilters,
    SearchHit,
    TwoStepSearchProvider,
    ranked_models,
    search_providers,
    search_words,
)
from procesbank.kit.stamps import cached, viewer_key
from procesbank.organisations.models import User

#: Hits per group on the overview (every type) and per page of one type.
GROUP_PREVIEW = 5
PAGE_SIZE = 20
#: Matches counted per group; beyond it the count reads "100+".
COUNT_CAP = 100
#: The deepest page of one group (1,000 hits): a search is refined, not paged through.
MAX_PAGE = 50
#: The longest query taken (a query is words, not a document).
MAX_QUERY = 200

KLE_FILTER = re.compile(r"^\d{2}(\.\d{2}){0,2}$")
MSG_KLE = _("KLE-nummeret skal have formen NN, NN.NN eller NN.NN.NN, fx 02.34.")
MSG_QUERY_TOO_LONG = _("Søgningen må højst være 200 tegn.")
MSG_UNKNOWN_TYPE = _("Ukendt type: %(kind)s.")


@dataclass(frozen=True)
class SearchGroup:
    kind: str
    label: str
    hits: list[SearchHit]  # the page shown
    count: int  # matches found, at most the limit asked for
    capped: bool  # there are more than ``count``
    page: int
    pages: int  # pages of ``page_size`` within ``count``
    page_size: int

    @property
    def first_number(self) -> int:
        """The number of the first hit shown (an ordered list continues across pages)."""
        return (self.page - 1) * self.page_size + 1


def search_kinds() -> list[tuple[str, str]]:
    """(kind, group heading) of every registered provider, in their order."""
    return [(provider.kind, str(provider.label)) for provider in search_providers()]


def check_filters(*, kle: str, kinds: list[str], query: str) -> None:
    """Refuse what no search could use, with the field it concerns (ValidationError)."""
    errors: dict[str, Any] = {}
    if len(query) > MAX_QUERY:
        errors["q"] = MSG_QUERY_TOO_LONG
    if kle and not KLE_FILTER.match(kle):
        errors["kle"] = MSG_KLE
    known = {kind for kind, _label in search_kinds()}
    unknown = [kind for kind in kinds if kind not in known]
    if unknown:
        errors["type"] = ValidationError(MSG_UNKNOWN_TYPE, params={"kind": unknown[0]})
    if errors:
        raise ValidationError(errors)


def _ranked(
    provider: TwoStepSearchProvider, *, user: User, query: str, filters: SearchFilters, limit: int
) -> list[RankedKey]:
    """The provider's ranking, kept per query, filters and viewer's scope under the stamp of
    the models it reads (:func:`procesbank.kit.search.ranked_models`): ranking a common word
    read 45,000 processes and 134,000 task rows of the country (100-200 ms) for every overview,
    every page and every repeat of the same search. Any write to those models ranks afresh; the
    hits shown are loaded, and their access checked, on every request (``hits``)."""
    models = ranked_models(provider)
    if not models:
        return provider.rank(user=user, query=query, filters=filters, limit=limit)
    scope = (viewer_key(user), " ".join(query.split()), filters.municipality_id, filters.kle)
    return cached(
        f"search-rank:{provider.kind}:{limit}:{scope!r}",
        models,
        lambda: provider.rank(user=user, query=query, filters=filters, limit=limit),
    )


def search_everything(
    *,
    user: User,
    query: str,
    filters: SearchFilters,
    page: int = 1,
    page_size: int | None = None,
) -> list[SearchGroup]:
    """The groups with hits, in the providers' order; none for a query without a word.

    ``page`` pages every group asked for (the page shows one type at a time when it pages);
    ``page_size`` defaults to :data:`PAGE_SIZE` for one type and :data:`GROUP_PREVIEW` for
    several."""
    query = query.strip()[:MAX_QUERY]
    if not search_words(query) and not KLE_FILTER.match(query):
        return []
    page = min(max(page, 1), MAX_PAGE)
    size = page_size or (PAGE_SIZE if len(filters.kinds) == 1 else GROUP_PREVIEW)
    limit = max(COUNT_CAP, page * size) + 1  # one more tells that there are more
    groups = []
    for provider in search_providers():
        if filters.kinds and provider.kind not in filters.kinds:
            continue
        shown: list[SearchHit]
        if isinstance(provider, TwoStepSearchProvider):
            # Ranked and counted on ids alone; only the page shown is loaded.
            keys = _ranked(provider, user=user, query=query, filters=filters, limit=limit)
            matched = len(keys)
            page_keys = keys[: limit - 1][(page - 1) * size : page * size]
            shown = provider.hits(user=user, query=query, keys=page_keys) if page_keys else []
        else:
            hits = provider.search(user=user, query=query, filters=filters, limit=limit)
            matched = len(hits)
            shown = hits[: limit - 1][(page - 1) * size : page * size]
        if not matched:
            continue
        found = min(matched, limit - 1)
        groups.append(
            SearchGroup(
                kind=provider.kind,
                label=str(provider.label),
                hits=shown,
                count=found,
                capped=matched >= limit,
                page=page,
                pages=max(1, -(-found // size)),
                page_size=size,
            )
        )
    return groups
