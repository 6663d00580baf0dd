"""Django's Redis cache backend, keeping one client per connection pool.

Django builds a new `redis.Redis` object for every cache call, and each one fills a
table of ~170 response callbacks: measured at about half a millisecond a call, more than
the round trip itself, and a page-cache miss makes several calls (docs/benchmarks.md).
A `redis.Redis` object is safe to share between threads (its pool hands out
connections), so one per pool is kept.
"""

import functools
import hashlib
import os
import threading

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import NoScriptError, ResponseError


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
        self._script_local = threading.local()

    def make_and_validate_key(self, key, version=None):
        """Without memcached's key checks: Redis takes any key, and they cost 5 % of a
        page-cache miss (a dozen keys each)."""
        return self.make_key(key, version=version)

    def script(self, source: str, keys: list[str], args: list) -> object:
        """Run a Lua script by its digest (sent whole once, if Redis does not know it) with
        `keys` as given: made keys, raw values. It runs on this thread's own connection:
        redis-py's pool checkout, retry and instrumentation layers cost the client 65 µs a
        call here, the command itself 17 µs (shpalta.core.page_store calls this twice a miss)."""
        connection = self._script_connection()
        try:
            try:
                connection.send_command("EVALSHA", _digest(source), len(keys), *keys, *args)
                return connection.read_response()
            except NoScriptError:
                connection.send_command("EVAL", source, len(keys), *keys, *args)
                return connection.read_response()
        except ResponseError:
            raise  # an error reply: the connection is in step
        except BaseException:
            connection.disconnect()  # a reply may still be on its way
            raise

    def _script_connection(self):
        """This thread's connection, made in this process (never one inherited by a fork)."""
        local = self._script_local
        if getattr(local, "pid", None) != os.getpid():
            pool = self._cache._get_connection_pool(True)
            local.connection = pool.connection_class(**pool.connection_kwargs)
            local.pid = os.getpid()
        return local.connection

    def get_raw(self, key: str) -> bytes | None:
        """The stored bytes, not unpickled (values written by `set_raw` or a script)."""
        return self._cache.get_client(key).get(self.make_key(key))

    def set_raw(self, key: str, value: bytes, timeout) -> None:
        client = self._cache.get_client(key, write=True)
        client.set(self.make_key(key), value, ex=self.get_backend_timeout(timeout))


@functools.cache
def _digest(source: str) -> str:
    return hashlib.sha1(source.encode()).hexdigest()
