"""The results page of the header's search box."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from procesbank.kit.badinput import parse_int
from procesbank.kit.search import SearchFilters
from procesbank.organisations.models import AuthenticatedRequest
from procesbank.organisations.selectors import municipality_list
from procesbank.search import selectors
from procesbank.search.forms import SearchForm
from procesbank.search.ratelimit import MSG_TOO_MANY, search_allowed


def _page(request: AuthenticatedRequest) -> int:
    page = parse_int(request.GET.get("side"))
    return min(page, selectors.MAX_PAGE) if page else 1


@login_required
def search(request: AuthenticatedRequest) -> HttpResponse:
    # Only a request that searches spends the budget: opening the empty page costs nothing.
    if request.GET.get("q", "").strip() and not search_allowed(user=request.user):
        message = {"message": MSG_TOO_MANY}
        return render(request, "search/rate_limited.html", message, status=429)
    kinds = selectors.search_kinds()
    form = SearchForm(
        request.GET,
        municipalities=list(municipality_list(user=request.user)),
        kinds=kinds,
    )
    groups: list[selectors.SearchGroup] = []
    query = ""
    chosen: list[str] = []
    if form.is_valid():
        query = form.cleaned_data["q"].strip()
        chosen = form.cleaned_data["type"]
        kle = form.cleaned_data["kle"].strip()
        if kle and not selectors.KLE_FILTER.match(kle):
            form.add_error("kle", selectors.MSG_KLE)
        else:
            filters = SearchFilters(
                municipality_id=form.cleaned_data["municipality"],
                kle=kle,
                kinds=frozenset(chosen),
            )
            groups = selectors.search_everything(
                user=request.user, query=query, filters=filters, page=_page(request)
            )
    # The filters as given, for "vis flere" (one type) and the pages of one type.
    kept = [(k, v) for k, v in request.GET.items() if k in {"q", "municipality", "kle"} and v]
    context = {
        "form": form,
        "query": query,
        "groups": groups,
        "total": sum(group.count for group in groups),
        "single": len(chosen) == 1,
        "filters_query": urlencode(kept),
        "page_query": urlencode(kept + [("type", k) for k in request.GET.getlist("type")]),
        "filtered": any(request.GET.get(k) for k in ("municipality", "kle", "type")),
        "kinds": kinds,
    }
    return render(request, "search/results.html", context)
