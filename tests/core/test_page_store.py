"""The page cache's store, on whichever shared cache the suite runs with (local memory,
or Redis and its scripts when REDIS_URL is set: CI runs both)."""

import contextlib

import pytest
import redis
from django.core.cache import cache

from shpalta.core.generations import SEQUENCE, generations_bump, generations_match, shared_cache
from shpalta.core.page_store import LOCK_PREFIX, RedisPageStore, page_store

ADDRESS_TAGS = ["site", "path:hot"]
ENTRY = {"status": "200 OK", "headers": [], "bodies": {"identity": b"<p>\x00page</p>"}}


def lookup(store):
    return store.lookup("hot", [*ADDRESS_TAGS, SEQUENCE], lock_seconds=10)


def test_lookup_takes_the_lock_once_and_store_releases_it():
    store = page_store(shared_cache())
    entry, before, locked = lookup(store)
    assert (entry, locked) == (None, True)
    assert lookup(store)[2] is False  # a second request waits for this render
    gens = store.store_unless_purged("hot", ENTRY, before, {"article:7"}, timeout=60, locked=True)
    assert gens is not None
    assert cache.get(LOCK_PREFIX + "hot") is None
    stored, _, locked = lookup(store)
    assert stored["bodies"] == ENTRY["bodies"] and stored["gens"] == gens
    store.unlock("hot")


def test_stored_generations_are_the_address_and_declared_tags_as_they_were():
    generations_bump(["article:7"])
    store = page_store(shared_cache())
    _, before, _ = lookup(store)
    gens = store.store_unless_purged(
        "hot", ENTRY, before, {"article:7", "article:8"}, timeout=60, locked=True
    )
    assert set(gens) == {*ADDRESS_TAGS, "article:7", "article:8"}
    assert generations_match(gens)
    generations_bump(["article:8"])  # a story the page lists changed: the page is stale
    assert not generations_match(gens)


def test_purge_during_render_stores_nothing_and_releases_the_lock():
    store = page_store(shared_cache())
    _, before, _ = lookup(store)
    generations_bump(["article:99"])  # any purge moves the sequence on
    assert store.store_unless_purged("hot", ENTRY, before, set(), timeout=60, locked=True) is None
    assert store.get("hot") is None
    assert cache.get(LOCK_PREFIX + "hot") is None


def test_shared_cache_emptied_during_render_stores_nothing():
    store = page_store(shared_cache())
    _, before, _ = lookup(store)
    cache.clear()  # a Redis restart: the epoch and every counter are gone
    assert store.store_unless_purged("hot", ENTRY, before, set(), timeout=60, locked=True) is None
    assert store.get("hot") is None


def test_render_without_the_lock_leaves_the_holders_lock():
    store = page_store(shared_cache())
    _, before, _ = lookup(store)  # another request holds the lock
    gens = store.store_unless_purged("hot", ENTRY, before, set(), timeout=60, locked=False)
    assert gens is not None
    assert cache.get(LOCK_PREFIX + "hot") is not None


def test_put_keeps_generations_and_every_body():
    store = page_store(shared_cache())
    _, before, _ = lookup(store)
    gens = store.store_unless_purged("hot", ENTRY, before, {"article:7"}, timeout=60, locked=True)
    bodies = {"identity": b"plain", "br": b"\x00\x01compressed"}
    store.put("hot", ENTRY | {"bodies": bodies, "gens": gens}, 60)
    assert store.get("hot") == ENTRY | {"bodies": bodies, "gens": gens}


def test_redis_store_is_used_with_redis():
    uses_redis = "redis" in type(shared_cache()).__module__
    assert isinstance(page_store(shared_cache()), RedisPageStore) == uses_redis


needs_redis = pytest.mark.skipif(
    not isinstance(page_store(shared_cache()), RedisPageStore),
    reason="Redis scripts: the suite runs with REDIS_URL in CI's second pass",
)


@needs_redis
def test_script_runs_again_after_redis_forgot_it():
    cache_ = shared_cache()
    assert cache_.script("return ARGV[1]", [], ["перший"]) == "перший".encode()
    cache_._cache.get_client(write=True).script_flush()
    assert cache_.script("return ARGV[1]", [], ["знову"]) == "знову".encode()


@needs_redis
def test_script_connection_dropped_by_redis_is_made_again():
    cache_ = shared_cache()
    cache_.script("return 1", [], [])
    client = cache_._cache.get_client(write=True)
    client.client_kill_filter(_type="normal", skipme=True)
    with contextlib.suppress(redis.ConnectionError):  # that request fails over to Django
        cache_.script("return 1", [], [])
    assert cache_.script("return 2", [], []) == 2


@needs_redis
def test_script_error_reply_leaves_the_connection_usable():
    cache_ = shared_cache()
    with pytest.raises(redis.ResponseError):
        cache_.script("return redis.error_reply('не так')", [], [])
    assert cache_.script("return 3", [], []) == 3
