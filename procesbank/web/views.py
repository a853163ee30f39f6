from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.db.models import Count, Sum
from django.db.utils import DatabaseError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from procesbank.kit.startpage import panels_for
from procesbank.organisations.models import AuthenticatedRequest
from procesbank.organisations.selectors import municipality_list
from procesbank.web.health import health_body


@dataclass(frozen=True)
class RenderedPanel:
    key: str
    title: str
    body: str
    wide: bool


@login_required
def home(request: AuthenticatedRequest) -> HttpResponse:
    """The start page: the panels the apps registered (``kit.startpage``) that the user may
    see, each rendered from its own context function; the municipalities have their own page."""
    user = request.user
    panels = [
        RenderedPanel(
            key=panel.key,
            title=str(panel.title),
            # Without the request: a panel's body needs no context processor (no forms).
            body=render_to_string(panel.template, {**panel.context(user), "user": user}),
            wide=panel.wide,
        )
        for panel in panels_for(user)
    ]
    summary = municipality_list(user=user).aggregate(count=Count("pk"), people=Sum("population"))
    context = {
        "panels": panels,
        "municipality_count": summary["count"],
        "total_population": summary["people"] or 0,
    }
    return render(request, "web/home.html", context)


@require_GET
def accessibility(request: HttpRequest) -> HttpResponse:
    """Procesbank's own account of its accessibility (WCAG 2.1 AA) and its known exceptions;
    open without login, like a statement must be."""
    return render(request, "web/accessibility.html")


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """For load balancers: 200 when the database answers, 503 when it does not (see
    :mod:`procesbank.web.health` for the probe that never queues behind pages)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        ok = True
    except DatabaseError:
        ok = False
    status, body = health_body(ok)
    return JsonResponse(body, status=status)
