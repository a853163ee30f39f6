"""The client's address, for the login throttle (django-axes) and nothing else.

Behind a reverse proxy every request comes from the proxy's address, so a throttle keyed on
REMOTE_ADDR lets anyone lock a known user out for everybody. With
``PROCESBANK_TRUSTED_PROXIES`` = N (the proxies in front of Procesbank that append to
X-Forwarded-For), the client is the address the outermost trusted proxy saw: the N-th from
the right of X-Forwarded-For + REMOTE_ADDR. Whatever a client writes in the header itself
stands further left and is never read. Without proxies (N = 0) the header is ignored.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str | None:
    """The address of the client that sent ``request``, as the trusted proxies saw it."""
    remote = request.META.get("REMOTE_ADDR")
    proxies = int(getattr(settings, "PROCESBANK_TRUSTED_PROXIES", 0))
    if proxies <= 0:
        return remote
    forwarded = [
        part.strip()
        for part in str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",")
        if part.strip()
    ]
    chain = [*forwarded, remote] if remote else forwarded
    if not chain:
        return None
    return chain[-(proxies + 1)] if len(chain) > proxies else chain[0]
