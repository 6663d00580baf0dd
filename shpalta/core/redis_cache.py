"""Django's Redis cache backend, keeping one client per connection pool.

Django builds a new `redis.Redis` object for every cache call, and each one fills a
table of ~170 response callbacks: measured at about half a millisecond a call, more than
the round trip itself, and a page-cache miss makes several calls (docs/benchmarks.md).
A `redis.Redis` object is safe to share between threads (its pool hands out
connections), so one per pool is kept.
"""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class _SharedClients(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class SharedClientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _SharedClients

    def make_and_validate_key(self, key, version=None):
        """Without memcached's key checks: Redis takes any key, and they cost 5 % of a
        page-cache miss (a dozen keys each)."""
        return self.make_key(key, version=version)

    def set_and_delete(self, key, value, timeout, delete_key, version=None) -> None:
        """Store `key` and delete `delete_key` in one round trip (the page cache stores a
        page and releases its render lock together)."""
        key = self.make_and_validate_key(key, version=version)
        delete_key = self.make_and_validate_key(delete_key, version=version)
        client = self._cache.get_client(key, write=True)
        pipe = client.pipeline(transaction=False)
        pipe.set(key, self._cache._serializer.dumps(value), ex=self.get_backend_timeout(timeout))
        pipe.delete(delete_key)
        pipe.execute()

    def get_many_and_add(self, keys, add_key, add_value, timeout, version=None):
        """get_many(keys) and add(add_key, add_value, timeout) in one round trip: a page's
        lookup takes the lock for rendering it at the same time."""
        made = {self.make_and_validate_key(key, version=version): key for key in keys}
        add_key = self.make_and_validate_key(add_key, version=version)
        client = self._cache.get_client(add_key, write=True)
        pipe = client.pipeline(transaction=False)
        pipe.mget(list(made))
        pipe.set(add_key, self._cache._serializer.dumps(add_value),
                 ex=self.get_backend_timeout(timeout), nx=True)  # fmt: skip
        values, added = pipe.execute()
        loads = self._cache._serializer.loads
        found = {made[k]: loads(v) for k, v in zip(made, values, strict=True) if v is not None}
        return found, bool(added)
