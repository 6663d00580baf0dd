"""The page cache's store, on whichever shared cache the suite runs with (local memory,
or Redis and its scripts when REDIS_URL is set: CI runs both)."""

import contextlib

import pytest
import redis
from django.core.cache import cache

from shpalta.core.generations import SEQUENCE, generations_bump, generations_match, shared_cache
from shpalta.core.page_store import BODY_PREFIX, LOCK_PREFIX, RedisPageStore, page_store

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


def body_keys() -> list[bytes]:
    client = shared_cache()._cache.get_client(write=True)
    return client.keys(shared_cache().make_key(BODY_PREFIX + "*"))


@needs_redis
def test_store_writes_one_body_and_a_new_render_replaces_it():
    store = page_store(shared_cache())
    for text in (b"first", b"second"):
        _, before, locked = lookup(store)
        entry = ENTRY | {"bodies": {"identity": text}}
        assert store.store_unless_purged("hot", entry, before, set(), timeout=60, locked=locked)
    assert len(body_keys()) == 1  # the first render's bytes went with its entry
    assert store.get("hot")["bodies"] == {"identity": b"second"}


@needs_redis
def test_render_refused_for_a_purge_leaves_no_bytes_behind():
    store = page_store(shared_cache())
    _, before, _ = lookup(store)
    generations_bump(["article:99"])
    assert store.store_unless_purged("hot", ENTRY, before, set(), timeout=60, locked=True) is None
    assert body_keys() == []


@needs_redis
def test_put_replaces_the_body_and_drops_the_previous_one():
    store = page_store(shared_cache())
    _, before, _ = lookup(store)
    gens = store.store_unless_purged("hot", ENTRY, before, set(), timeout=60, locked=True)
    bodies = {"identity": b"plain", "gzip": b"\x1f\x8b"}
    store.put("hot", ENTRY | {"bodies": bodies, "gens": gens}, 60)
    assert len(body_keys()) == 1
    assert lookup(store)[0]["bodies"] == bodies
    store.unlock("hot")


@needs_redis
def test_entry_whose_body_was_evicted_reads_as_missing():
    store = page_store(shared_cache())
    _, before, _ = lookup(store)
    store.store_unless_purged("hot", ENTRY, before, set(), timeout=60, locked=True)
    shared_cache()._cache.get_client(write=True).delete(*body_keys())  # maxmemory eviction
    assert store.get("hot") is None
    entry, _, locked = lookup(store)
    assert (entry, locked) == (None, True)  # rendered again, by this request


@needs_redis
def test_store_after_redis_forgot_its_script_keeps_the_body():
    store = page_store(shared_cache())
    _, before, _ = lookup(store)
    shared_cache()._cache.get_client(write=True).script_flush()
    assert store.store_unless_purged("hot", ENTRY, before, set(), timeout=60, locked=True)
    assert store.get("hot")["bodies"] == ENTRY["bodies"]
