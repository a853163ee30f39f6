"""The old addresses of the anchoring pages (stakeholder analysis and communication plan).

The pages moved to the projects app, since change management belongs to the project; the old
addresses answer with 308 Permanent Redirect, which keeps the method, so a bookmark still
opens and a form posted from a page opened before the move still lands.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.urls import reverse


class HttpResponsePermanentRedirectKeepMethod(HttpResponsePermanentRedirect):
    status_code = 308


def moved_to(name: str) -> Callable[..., HttpResponse]:
    """A view that sends the request on to the route ``name`` with the same arguments."""

    def view(request: HttpRequest, **kwargs: Any) -> HttpResponse:
        target = reverse(name, kwargs=kwargs)
        query = request.META.get("QUERY_STRING", "")
        return HttpResponsePermanentRedirectKeepMethod(f"{target}?{query}" if query else target)

    view.__name__ = f"{name.rpartition(':')[2]}_moved"
    return view
