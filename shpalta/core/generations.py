"""Generation counters for cache tags, kept in the shared cache (Redis when REDIS_URL is set).

A stored page remembers the generation of every tag it was rendered under; bumping a tag
makes every page carrying it stale on every app server at once.

A tag never bumped has no counter: its generation reads as the negated *epoch*, one
time-based value kept beside the counters and fetched with them. Reading never writes,
so a miss on a page that names many tags (an article names each story of its «Інші
новини») costs one round trip. The first bump of a tag creates its counter with a fresh,
time-based value, which can never equal a negated epoch. If the shared cache loses its
data (a Redis restart), the epoch is gone with the counters: every page stored before is
stale, and a lost counter can never bring an old page back to life.
"""

import time

from django.conf import settings
from django.core.cache import caches

from .settings_memo import read_once

KEY_PREFIX = "pc:gen:"
EPOCH = "@epoch"
# Bumped with every purge: a render that saw it change while running is not stored, so a
# purge that lands between reading a page's generations and storing it is never lost.
SEQUENCE = "@seq"


def shared_cache():
    return caches[_alias()]


@read_once
def _alias() -> str:
    return getattr(settings, "PAGE_CACHE_ALIAS", "default")


def _key(tag: str) -> str:
    return KEY_PREFIX + tag


def _new_value() -> int:
    return time.time_ns()


def _epoch(cache) -> int:
    cache.add(_key(EPOCH), _new_value(), timeout=None)
    return cache.get(_key(EPOCH))


def generations_get(tags) -> dict[str, int]:
    """The current generation of each tag, in one round trip (two on a fresh cache)."""
    return entry_and_generations(None, tags)[1]


def entry_and_generations(
    key: str | None, tags, *, lock: str | None = None, lock_seconds: int = 10
) -> tuple[object, dict[str, int], bool]:
    """The value at `key` (None for none), the generations of `tags`, and whether `lock`
    was free and is now ours: a page-cache lookup, the generations a render of the page
    starts from, and the right to render it (in one script call on Redis:
    shpalta.core.page_store)."""
    cache = shared_cache()
    tags = list(tags)
    keys = [_key(tag) for tag in tags] + [_key(EPOCH)]
    if key is not None:
        keys.insert(0, key)
    found = cache.get_many(keys)
    locked = lock is not None and cache.add(lock, 1, lock_seconds)
    entry = None if key is None else found.get(key)
    return entry, generations_from(cache, tags, found), locked


def generations_from(cache, tags, found: dict) -> dict[str, int]:
    """The generations of `tags` from the counters `found` by key (the epoch's among them):
    a tag never bumped reads as the negated epoch, which a fresh cache gets now."""
    epoch = found.get(_key(EPOCH))
    if epoch is None:
        epoch = _epoch(cache)
    return {tag: found.get(_key(tag), -epoch) for tag in tags}


def generations_match(stored: dict[str, int]) -> bool:
    """Whether a page rendered under `stored` generations is still current."""
    if not stored:
        return True
    found = shared_cache().get_many([_key(tag) for tag in stored] + [_key(EPOCH)])
    epoch = found.get(_key(EPOCH))
    if epoch is None:  # the shared cache lost its counters: nothing stored can be trusted
        return False
    return all(found.get(_key(tag), -epoch) == value for tag, value in stored.items())


def generations_bump(tags) -> None:
    cache = shared_cache()
    for tag in {*tags, SEQUENCE}:
        try:
            cache.incr(_key(tag))
        except ValueError:  # never bumped: a fresh counter, unless a concurrent bump made one
            if not cache.add(_key(tag), _new_value(), timeout=None):
                cache.incr(_key(tag))
