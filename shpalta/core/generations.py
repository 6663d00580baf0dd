"""Generation counters for cache tags, kept in the shared cache (Redis when REDIS_URL is set).

A stored page remembers the generation of every tag it was rendered under; bumping a tag
makes every page carrying it stale on every app server at once. A counter that is missing
(never used, or lost with a Redis restart) is created with a fresh, time-based value, never
0: a lost counter can then never bring an old page back to life.
"""

import time

from django.conf import settings
from django.core.cache import caches

KEY_PREFIX = "pc:gen:"
# Bumped with every purge: a render that saw it change while running is not stored, so a
# purge that lands between reading a page's generations and storing it is never lost.
SEQUENCE = "@seq"


def shared_cache():
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]


def _key(tag: str) -> str:
    return KEY_PREFIX + tag


def _new_value() -> int:
    return time.time_ns()


def generations_get(tags) -> dict[str, int]:
    """The current generation of each tag, creating those that do not exist yet."""
    cache = shared_cache()
    tags = list(tags)
    found = cache.get_many([_key(tag) for tag in tags])
    result = {}
    for tag in tags:
        value = found.get(_key(tag))
        if value is None:
            cache.add(_key(tag), _new_value(), timeout=None)
            value = cache.get(_key(tag))
        result[tag] = value
    return result


def generations_match(stored: dict[str, int]) -> bool:
    """Whether a page rendered under `stored` generations is still current."""
    if not stored:
        return True
    found = shared_cache().get_many([_key(tag) for tag in stored])
    return all(found.get(_key(tag)) == value for tag, value in stored.items())


def generations_bump(tags) -> None:
    cache = shared_cache()
    for tag in {*tags, SEQUENCE}:
        try:
            cache.incr(_key(tag))
        except ValueError:  # no counter yet: no page can carry it, a fresh value is enough
            cache.add(_key(tag), _new_value(), timeout=None)
