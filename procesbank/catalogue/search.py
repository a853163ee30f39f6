"""The catalogue's search provider (``kit/search.py``): automation candidates by title,
summary, description, IT systems and KLE number, among those the reader may see
(:func:`procesbank.catalogue.selectors.candidate_visible`, the filter of the catalogue's
pages). One limited query."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from procesbank.catalogue.models import Candidate
from procesbank.catalogue.selectors import candidate_visible
from procesbank.kit.search import SearchFilters, SearchHit, own_first, snippet, text_match


class CandidateSearch:
    kind = "candidate"
    label = _("Automatiseringskandidater")
    order = 30

    def search(
        self, *, user: Any, query: str, filters: SearchFilters, limit: int
    ) -> list[SearchHit]:
        candidates = Candidate.objects.filter(candidate_visible(user))
        if filters.municipality_id:
            candidates = candidates.filter(municipality_id=filters.municipality_id)
        if filters.kle:
            candidates = candidates.filter(kle_code__startswith=filters.kle)
        fields = ["title", "summary", "kle_code", "description", "it_systems"]
        rows = (
            text_match(candidates, fields, query)
            .select_related("municipality")
            .only("title", "summary", "description", "kle_code", "it_systems", "municipality__name")
            .order_by("-search_rank", own_first(user), "title", "pk")[:limit]
        )
        hits = []
        for candidate in rows:
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
                    score=float(getattr(candidate, "search_rank", 0) or 0),
                )
            )
        return hits
