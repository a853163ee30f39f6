"""The staff portal's pages: search, a process with its diagram and steps, the print view."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from procesbank.organisations.models import AuthenticatedRequest
from procesbank.portal import selectors


@login_required
def index(request: AuthenticatedRequest) -> HttpResponse:
    q = request.GET.get("q", "")[:200]
    processes = selectors.portal_processes(user=request.user, q=q)
    return render(
        request,
        "portal/index.html",
        {"processes": processes, "q": q, "municipality": request.user.municipality},
    )


def _process_page(
    request: AuthenticatedRequest, municipality_slug: str, process_id: int, *, printing: bool
) -> HttpResponse:
    found = selectors.portal_process(
        user=request.user, municipality_slug=municipality_slug, process_id=process_id
    )
    return render(
        request,
        "portal/process.html",
        {
            "process": found.process,
            "version": found.version,
            "steps": found.steps,
            "printing": printing,
        },
    )


@login_required
def process(request: AuthenticatedRequest, municipality_slug: str, process_id: int) -> HttpResponse:
    return _process_page(request, municipality_slug, process_id, printing=False)


@login_required
def process_print(
    request: AuthenticatedRequest, municipality_slug: str, process_id: int
) -> HttpResponse:
    return _process_page(request, municipality_slug, process_id, printing=True)


@login_required
def process_bpmn(
    request: AuthenticatedRequest, municipality_slug: str, process_id: int
) -> HttpResponse:
    data = selectors.portal_bpmn(
        user=request.user, municipality_slug=municipality_slug, process_id=process_id
    )
    return HttpResponse(data, content_type="application/xml; charset=utf-8")
