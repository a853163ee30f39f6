"""One search over everything: the registry the header's search box asks.

Each app that owns something worth finding writes a provider in ``<app>/search.py`` and
registers it in its ``AppConfig.ready`` with ``register_search_provider``. The search page (top
layer) asks every registered provider, so the kit knows no domain and no app imports another to
be searchable.

A provider's one rule: it returns only what the acting user may see. It starts from the same
visibility selector its app's pages use (``process_list(user=...)``, ...), never from
``Model.objects``; each provider has a cross-municipality test.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from django.db import connection
from django.db.models import Case, F, FloatField, Q, QuerySet, Value, When

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser


@dataclass(frozen=True)
class SearchFilters:
    """What the reader narrowed the search to; a provider ignores what does not apply to it."""

    municipality_id: int | None = None
    kle: str = ""  # a prefix: "02" finds 02.34.10
    kinds: frozenset[str] = field(default_factory=frozenset)  # empty: every kind


@dataclass(frozen=True)
class SearchHit:
    kind: str  # the provider's kind, e.g. "process"
    title: str
    url: str
    snippet: str = ""  # plain text; the template escapes it
    municipality: str = ""  # the owner's name; "" for the collaboration's own
    kle_code: str = ""
    score: float = 0.0  # higher ranks first; comparable within one kind


class SearchProvider(Protocol):
    kind: str  # stable key, used in the URL (?type=process)
    label: Any  # the group heading, a lazy Danish plural: _("Processer")
    order: int  # groups are shown in this order

    def search(
        self,
        *,
        user: AbstractBaseUser | AnonymousUser,
        query: str,
        filters: SearchFilters,
        limit: int,
    ) -> list[SearchHit]: ...


_PROVIDERS: dict[str, SearchProvider] = {}


def register_search_provider(provider: SearchProvider) -> None:
    _PROVIDERS[provider.kind] = provider


def search_providers() -> list[SearchProvider]:
    return sorted(_PROVIDERS.values(), key=lambda p: (p.order, p.kind))


def search_words(query: str) -> list[str]:
    """The words of a query, for the fallback match: lower case, at least two characters."""
    return [w for w in query.lower().split() if len(w) >= 2][:8]


def text_match(queryset: QuerySet[Any], fields: list[str], query: str) -> QuerySet[Any]:
    """Rows whose ``fields`` contain every word of ``query``.

    On PostgreSQL with Danish stemming ("byggetilladelser" finds "byggetilladelse"), ranked
    into ``search_rank``; on SQLite every word as a substring of some field, ``search_rank``
    counting the fields hit. Callers order by ``-search_rank``.
    """
    words = search_words(query)
    if not words:
        return queryset.none()
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

        vector = SearchVector(*fields, config="danish")
        search = SearchQuery(query, config="danish", search_type="websearch")
        substring = Q()
        for name in fields:
            substring |= Q(**{f"{name}__icontains": query.strip()})
        # The match is vector @@ query (every word, stemmed); ts_rank alone is positive for a
        # row that has only some of the words.
        return (
            queryset.annotate(search_document=vector)
            .filter(Q(search_document=search) | substring)
            .annotate(search_rank=SearchRank(F("search_document"), search))
        )
    condition = Q()
    for word in words:
        any_field = Q()
        for name in fields:
            any_field |= Q(**{f"{name}__icontains": word})
        condition &= any_field
    hits = [
        Case(
            When(Q(**{f"{name}__icontains": words[0]}), then=Value(1.0)),
            default=Value(0.0),
            output_field=FloatField(),
        )
        for name in fields
    ]
    rank: Any = hits[0]
    for hit in hits[1:]:
        rank = rank + hit
    return queryset.filter(condition).annotate(search_rank=rank)
