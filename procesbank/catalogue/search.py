"""The catalogue's search provider (``kit/search.py``): automation candidates by title,
summary, description, IT systems and KLE number, among those the reader may see
(:func:`procesbank.catalogue.selectors.candidate_visible`, the filter of the catalogue's
pages). One limited query: on PostgreSQL on the stored, GIN-indexed Danish vector of
migration 0008; on SQLite the kit's stemmed substring fallback."""

from __future__ import annotations

from typing import Any

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import connection
from django.db.models import F, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from procesbank.catalogue.models import Candidate
from procesbank.catalogue.selectors import candidate_visible
from procesbank.kit.search import (
    RankedKey,
    RanksThenLoads,
    SearchFilters,
    SearchHit,
    own_first,
    search_words,
    snippet,
    text_match,
)
from procesbank.organisations.models import Municipality

# The generated column of migration 0008 (PostgreSQL only).
SEARCH_VECTOR = RawSQL(
    '"catalogue_candidate"."search_vector"', [], output_field=SearchVectorField()
)
FIELDS = ["title", "summary", "kle_code", "description", "it_systems"]


def _matching(candidates: QuerySet[Candidate], query: str) -> QuerySet[Any]:
    if connection.vendor != "postgresql":
        return text_match(candidates, FIELDS, query)
    if not search_words(query):
        return candidates.none()
    search = SearchQuery(query, config="danish", search_type="websearch")
    return (
        candidates.annotate(search_vector=SEARCH_VECTOR)
        .filter(Q(search_vector=search) | Q(title__icontains=query.strip()))
        .annotate(search_rank=SearchRank(F("search_vector"), search))
    )


class CandidateSearch(RanksThenLoads):
    """Candidates, ranked on ids alone (``rank``, kept between requests by the search under
    the stamp of ``ranked_models``); the hits shown are loaded afterwards (``hits``): the one
    query loaded 101 whole candidates with their descriptions to show five."""

    kind = "candidate"
    label = _("Automatiseringskandidater")
    order = 30
    #: What decides the ranking for a viewer scope: the candidates and who is a partner.
    ranked_models = (Candidate, Municipality)

    def rank(self, *, user: Any, query: str, filters: SearchFilters, limit: int) -> list[RankedKey]:
        candidates = Candidate.objects.filter(candidate_visible(user))
        if filters.municipality_id:
            candidates = candidates.filter(municipality_id=filters.municipality_id)
        if filters.kle:
            candidates = candidates.filter(kle_code__startswith=filters.kle)
        ranked = (
            _matching(candidates, query)
            .order_by("-search_rank", own_first(user), "title", "pk")
            .values_list("pk", "search_rank")[:limit]
        )
        return [RankedKey(pk=pk, score=float(rank or 0)) for pk, rank in ranked]

    def hits(self, *, user: Any, query: str, keys: list[RankedKey]) -> list[SearchHit]:
        found = (
            Candidate.objects.filter(candidate_visible(user))  # a key is only an id: checked
            .select_related("municipality")
            .only("title", "summary", "description", "kle_code", "it_systems", "municipality__name")
            .in_bulk([key.pk for key in keys])
        )
        hits = []
        for key in keys:
            candidate = found.get(key.pk)
            if candidate is None:
                continue
            text = candidate.summary or candidate.description
            systems = ", ".join(str(system) for system in candidate.it_systems or [])
            hits.append(
                SearchHit(
                    kind=self.kind,
                    title=candidate.title,
                    url=reverse("catalogue:candidate_detail", args=[candidate.pk]),
                    snippet=snippet(text, query) + (f" · {systems}" if systems else ""),
                    municipality=candidate.municipality.name,
                    kle_code=candidate.kle_code,
                    score=key.score,
                )
            )
        return hits
