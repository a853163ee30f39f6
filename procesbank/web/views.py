from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.db.utils import DatabaseError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from procesbank.catalogue.selectors import feed_for
from procesbank.competence.selectors import overdue_actions_for
from procesbank.organisations.models import AuthenticatedRequest
from procesbank.organisations.selectors import municipality_list
from procesbank.web.health import health_body


@login_required
def home(request: AuthenticatedRequest) -> HttpResponse:
    """The start page: who and where I am, what needs my attention, what happened."""
    municipalities = municipality_list(user=request.user)
    context = {
        "municipalities": municipalities,
        "total_population": sum(m.population for m in municipalities),
        "overdue_actions": overdue_actions_for(request.user)[:10],
        "feed": feed_for(request.user, limit=10),
    }
    return render(request, "organisations/home.html", context)


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
