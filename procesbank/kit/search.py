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

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from django.db import connection
from django.db.models import Case, F, FloatField, IntegerField, Model, Q, QuerySet, Value, When

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


@dataclass(frozen=True)
class RankedKey:
    """One match of a two-step provider's narrow query: the row's id and its score."""

    pk: int
    score: float = 0.0


@runtime_checkable
class TwoStepSearchProvider(Protocol):
    """A provider that ranks first and loads later (national scale, issue #20): ``rank`` is one
    narrow query (ids and scores, ranked, at most ``limit``: the search counts on it), ``hits``
    loads only the rows shown, in the order given, and still only those the user may see (a
    key is an id; nothing stops a caller from passing another). The search asks these two
    instead of ``search``, so a group of twenty thousand matches loads five."""

    kind: str

    def rank(
        self,
        *,
        user: AbstractBaseUser | AnonymousUser,
        query: str,
        filters: SearchFilters,
        limit: int,
    ) -> list[RankedKey]: ...

    def hits(
        self, *, user: AbstractBaseUser | AnonymousUser, query: str, keys: list[RankedKey]
    ) -> list[SearchHit]: ...


class RanksThenLoads:
    """The one-step ``search`` of a two-step provider (its ``rank``, then its ``hits``), for
    callers that ask every provider the same way."""

    def search(
        self, *, user: Any, query: str, filters: SearchFilters, limit: int
    ) -> list[SearchHit]:
        provider: Any = self  # a mixin: rank and hits are the provider's own
        keys = provider.rank(user=user, query=query, filters=filters, limit=limit)
        hits: list[SearchHit] = provider.hits(user=user, query=query, keys=keys)
        return hits


def ranked_models(provider: object) -> tuple[type[Model], ...]:
    """The models whose writes change what a two-step provider's ``rank`` finds for a viewer
    scope (its ``ranked_models``; none: its ranking is not kept between requests)."""
    return tuple(getattr(provider, "ranked_models", ()))


_PROVIDERS: dict[str, SearchProvider] = {}


def register_search_provider(provider: SearchProvider) -> None:
    _PROVIDERS[provider.kind] = provider


def search_providers() -> list[SearchProvider]:
    return sorted(_PROVIDERS.values(), key=lambda p: (p.order, p.kind))


def search_words(query: str) -> list[str]:
    """The words of a query, for the fallback match: lower case, at least two characters."""
    return [w for w in query.lower().split() if len(w) >= 2][:8]


@lru_cache(maxsize=1)
def _danish_stemmer() -> Any:
    import snowballstemmer  # BSD-3-Clause, pure Python: Snowball's Danish stemmer

    return snowballstemmer.stemmer("danish")


def word_stem(word: str) -> str:
    """The Danish Snowball stem of one lower-case word, as PostgreSQL's ``danish`` config
    stems it ("byggetilladelser" and "byggetilladelsen" both give "byggetillad"). Snowball only
    strips endings (and undoubles a final consonant), so the stem is the start of every
    inflected form: a substring match on the stem finds them all. A stem shorter than three
    letters would match almost anything; the word itself is used then."""
    stem: str = _danish_stemmer().stemWord(word)
    return stem if len(stem) >= 3 else word


def search_terms(query: str) -> list[str]:
    """What to look for as substrings on SQLite and what to highlight: each word's stem."""
    return [word_stem(w) for w in search_words(query)]


def text_match(queryset: QuerySet[Any], fields: list[str], query: str) -> QuerySet[Any]:
    """Rows whose ``fields`` contain every word of ``query``.

    On PostgreSQL with Danish stemming ("byggetilladelser" finds "byggetilladelse"), ranked
    into ``search_rank``; on SQLite every word's Danish stem as a substring of some field (so
    "byggetilladelser" finds "byggetilladelse" there too), ``search_rank`` counting the fields
    that hold the first word. Callers order by ``-search_rank``.
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
    terms = [word_stem(word) for word in words]
    condition = Q()
    for term in terms:
        any_field = Q()
        for name in fields:
            any_field |= Q(**{f"{name}__icontains": term})
        condition &= any_field
    # Earlier fields weigh more (a caller lists the title first): 1, 1/2, 1/3 ...
    hits = [
        Case(
            When(Q(**{f"{name}__icontains": terms[0]}), then=Value(1.0 / (position + 1))),
            default=Value(0.0),
            output_field=FloatField(),
        )
        for position, name in enumerate(fields)
    ]
    rank: Any = hits[0]
    for hit in hits[1:]:
        rank = rank + hit
    return queryset.filter(condition).annotate(search_rank=rank)


def snippet(text: str, query: str, width: int = 180) -> str:
    """A piece of ``text`` around the first place a word of ``query`` (or its stem) occurs, at
    most about ``width`` characters, with "…" where it was cut; the start of the text when no
    word occurs. Plain text: the template escapes it."""
    flat = " ".join(text.split())
    if len(flat) <= width:
        return flat
    lower = flat.lower()
    places = [lower.find(term) for term in search_terms(query)]
    found = [place for place in places if place >= 0]
    start = max(0, min(found) - width // 3) if found else 0
    if start:
        space = flat.find(" ", start)
        start = space + 1 if 0 <= space < start + 20 else start
    end = min(len(flat), start + width)
    if end < len(flat):
        space = flat.rfind(" ", start, end)
        end = space if space > start + width // 2 else end
    return ("…" if start else "") + flat[start:end].strip() + ("…" if end < len(flat) else "")


def highlight_parts(text: str, query: str) -> list[tuple[str, bool]]:
    """``text`` cut into (piece, is_match): a match is a word that starts with a word of
    ``query`` or its stem, or holds one ("byggetilladelse" marks "Byggetilladelser" and
    "byggetilladelsessag"), case ignored; for a template that wraps the matches in ``<mark>``
    and escapes every piece."""
    terms = sorted({t for t in search_terms(query) + search_words(query) if t}, key=len)
    if not terms or not text:
        return [(text, False)] if text else []
    # The rest of the word too: "byggetillad" marks all of "Byggetilladelser".
    alternatives = "|".join(re.escape(t) for t in reversed(terms))
    pattern = re.compile(f"(?:{alternatives})\\w*", re.IGNORECASE)
    parts: list[tuple[str, bool]] = []
    at = 0
    for match in pattern.finditer(text):
        if match.start() > at:
            parts.append((text[at : match.start()], False))
        parts.append((match.group(0), True))
        at = match.end()
    if at < len(text):
        parts.append((text[at:], False))
    return parts


def own_first(user: AbstractBaseUser | AnonymousUser, field: str = "municipality_id") -> Any:
    """An ordering that puts the reader's own municipality's rows first among equal ranks
    (``.order_by("-search_rank", own_first(user), "name")``): the same process shared by ten
    municipalities shows the reader's own copy at the top."""
    own = getattr(user, "municipality_id", None)
    return Case(
        When(Q(**{field: own}), then=Value(0)), default=Value(1), output_field=IntegerField()
    ).asc()
