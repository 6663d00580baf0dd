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

import hiredis
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

    def script(self, source: str, keys: list[str], args: list, *, after_set=None) -> object:
        """Run a Lua script by its digest (sent whole once, if Redis does not know it) with
        `keys` as given: made keys, raw values. It runs on this thread's own connection:
        redis-py's pool checkout, retry and instrumentation layers cost the client 65 µs a
        call here, the command itself 17 µs (shpalta.core.page_store calls this twice a miss).

        `after_set` (a made key, bytes, seconds) is a plain SET sent ahead of the script in
        the same round trip: bytes that a script would have to take as an argument cost
        Redis about 60 µs per 40 KB as a Lua string, and a SET of them 5 µs."""
        connection = self._script_connection()
        command = ("EVALSHA", _digest(source), len(keys), *keys, *args)
        commands = [command]
        if after_set is not None:
            key, value, seconds = after_set
            commands.insert(0, ("SET", key, value, "EX", seconds))
        try:
            connection.send_packed_command([_packed(*commands)])
            replies = [_reply(connection) for _ in commands]
            if isinstance(replies[-1], NoScriptError):
                connection.send_packed_command([_packed(("EVAL", source, *command[2:]))])
                replies[-1] = _reply(connection)
            for answer in replies:
                if isinstance(answer, ResponseError):
                    raise answer  # every reply read: the connection is in step
            return replies[-1]
        except ResponseError:
            raise
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


def _packed(*commands: tuple) -> bytes:
    """The commands in Redis's protocol, packed by hiredis in C: redis-py's packer encodes
    each argument in Python, 82 µs for the forty arguments of a miss's store against 9."""
    return b"".join(hiredis.pack_command(command) for command in commands)


def _reply(connection):
    """The next reply, an error reply returned rather than raised (others may follow it)."""
    try:
        return connection.read_response()
    except ResponseError as error:
        return error


@functools.cache
def _digest(source: str) -> str:
    return hashlib.sha1(source.encode()).hexdigest()
