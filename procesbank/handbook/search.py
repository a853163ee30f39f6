"""The handbook's providers for the one search: pages and templates the reader may see."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from procesbank.handbook import selectors
from procesbank.handbook.engine.markdown import plain_text
from procesbank.kit.search import (
    SearchFilters,
    SearchHit,
    register_search_provider,
    text_match,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser


def _reader(user: AbstractBaseUser | AnonymousUser) -> Any:
    """The acting user, or None for an anonymous one (who finds nothing)."""
    if not user.is_authenticated or getattr(user, "municipality", None) is None:
        return None
    return user


class PageSearch:
    kind = "handbook_page"
    label = _("Håndbogssider")
    order = 40

    def search(
        self,
        *,
        user: AbstractBaseUser | AnonymousUser,
        query: str,
        filters: SearchFilters,
        limit: int,
    ) -> list[SearchHit]:
        reader = _reader(user)
        if reader is None:
            return []
        pages = selectors.page_list(
            user=reader, municipality_id=filters.municipality_id, counts=False
        )
        found = text_match(pages, ["title", "summary", "body"], query)
        hits = []
        for page in found.order_by("-search_rank", "title")[:limit]:
            hits.append(
                SearchHit(
                    kind=self.kind,
                    title=page.title,
                    url=reverse("handbook:page_detail", args=[page.pk]),
                    snippet=page.summary or plain_text(page.body, 200),
                    municipality=page.municipality.name,
                    score=float(page.search_rank or 0),
                )
            )
        return hits


class TemplateSearch:
    kind = "handbook_template"
    label = _("Skabeloner")
    order = 50

    def search(
        self,
        *,
        user: AbstractBaseUser | AnonymousUser,
        query: str,
        filters: SearchFilters,
        limit: int,
    ) -> list[SearchHit]:
        reader = _reader(user)
        if reader is None:
            return []
        templates = selectors.template_list(
            user=reader, municipality_id=filters.municipality_id, counts=False
        )
        found = text_match(templates, ["name", "description"], query)
        return [
            SearchHit(
                kind=self.kind,
                title=template.name,
                url=reverse("handbook:template_detail", args=[template.pk]),
                snippet=template.description[:200],
                municipality=template.municipality.name,
                score=float(template.search_rank or 0),
            )
            for template in found.order_by("-search_rank", "name")[:limit]
        ]


def register() -> None:
    register_search_provider(PageSearch())
    register_search_provider(TemplateSearch())
