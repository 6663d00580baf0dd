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
        self._scripts = {}

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

    def script(self, source: str, keys: list[str], args: list) -> object:
        """Run a Lua script (loaded once, then called by its digest) with `keys` as given:
        made keys, raw values. One command costs the client less than half a pipeline
        of two (shpalta.core.page_store)."""
        client = self._cache.get_client(write=True)
        scripts = self._cache._scripts
        script = scripts.get(source)
        if script is None:
            script = scripts[source] = client.register_script(source)
        return script(keys=keys, args=args, client=client)

    def get_raw(self, key: str) -> bytes | None:
        """The stored bytes, not unpickled (values written by `set_raw` or a script)."""
        return self._cache.get_client(key).get(self.make_key(key))

    def set_raw(self, key: str, value: bytes, timeout) -> None:
        client = self._cache.get_client(key, write=True)
        client.set(self.make_key(key), value, ex=self.get_backend_timeout(timeout))
