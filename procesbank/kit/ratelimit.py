"""A per-user request budget per minute in Django's cache (fixed one-minute windows).

Used where one user's requests can cost the server much (search over every municipality): a
user past the budget is refused with 429 until the next minute begins. With the default
local-memory cache each worker process keeps its own counts, so the budget holds per worker;
a shared cache (Redis, Memcached, the database cache) makes it hold per installation.
"""

from __future__ import annotations

import time

from django.core.cache import cache

WINDOW_SECONDS = 60


def now() -> float:
    """Seconds since the epoch; a function so tests can move the clock."""
    return time.time()


def take(*, scope: str, user_id: int, limit: int) -> bool:
    """Count one request of ``user_id`` in ``scope``; True while it is within ``limit`` in the
    current minute. A limit of 0 or less means no limit (nothing is counted)."""
    if limit <= 0:
        return True
    window = int(now() // WINDOW_SECONDS)
    key = f"ratelimit:{scope}:{user_id}:{window}"
    # add() starts the window's count only if absent; incr() is atomic in every Django cache.
    # The entry outlives its minute a little, then expires on its own.
    cache.add(key, 0, timeout=WINDOW_SECONDS * 2)
    try:
        count = cache.incr(key)
    except ValueError:  # evicted between add() and incr(): this request starts it again
        cache.set(key, 1, timeout=WINDOW_SECONDS * 2)
        count = 1
    return count <= limit
