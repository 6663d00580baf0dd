"""Fixed-window counters in the shared cache (Redis in production), so every app server
counts against one limit. A limit is written "count/seconds", e.g. "20/600"."""

import logging
import time
from dataclasses import dataclass

from django.core.cache import cache

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Limit:
    count: int
    seconds: int

    @classmethod
    def parse(cls, spec: str) -> "Limit":
        count, _, seconds = spec.partition("/")
        return cls(int(count), int(seconds))


def rate_limit_hit(*, key: str, limit: Limit, now: float | None = None) -> int:
    """Count one hit. Returns 0 when allowed, else the seconds until the window reopens.
    If the shared cache is down the hit is allowed: readers keep voting through a Redis
    outage, with the honeypot, origin checks and one-vote-per-reader still in force."""
    now = time.time() if now is None else now
    window = int(now // limit.seconds)
    try:
        hits = _count(f"rl:{key}:{window}", limit.seconds + 5)
    except Exception:
        log.warning("rate limit skipped: cache unavailable", extra={"event": "cache_down"})
        return 0
    if hits <= limit.count:
        return 0
    return max(1, int((window + 1) * limit.seconds - now))


def _count(cache_key: str, timeout: int) -> int:
    # add() is atomic and a no-op when the counter exists; incr() is atomic on Redis and
    # under a lock in the local-memory cache.
    cache.add(cache_key, 0, timeout=timeout)
    try:
        return cache.incr(cache_key)
    except ValueError:  # evicted between add and incr: start the window again
        cache.set(cache_key, 1, timeout=timeout)
        return 1
