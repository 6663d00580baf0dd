"""Where the page cache keeps its pages: the shared cache, through one of two stores.

`CachePageStore` works with any Django cache (the local-memory cache of a single process,
tests): entries are dicts the backend pickles, and a miss reads the generations after its
render in a call of its own. `RedisPageStore` does each step of a miss in one Redis script
call: the lookup (the entry, the generations a render starts from, the render lock), and
the store (check that no purge ran during the render, read the generations of the tags the
page declared, store the page with them, release the lock). A redis-py pipeline cost
2.5 times a single command's client time here, and a miss made three round trips; with the
scripts it makes two (docs/caching.md).

In Redis an entry is one string: its generations as lines `tag<TAB>value`, a NUL byte,
then the pickled entry. The store script writes the lines itself, so the generations it
read are the ones stored, with nothing between the check and the write.
"""

import pickle

from .generations import (
    EPOCH,
    SEQUENCE,
    _key,
    entry_and_generations,
    generations_from,
    generations_get,
)

ENTRY_PREFIX = "pc:page:"
LOCK_PREFIX = "pc:lock:"

# KEYS: the lock, the entry, then the generation keys (the epoch's last). ARGV: lock seconds.
LOOKUP_SCRIPT = """
local found = redis.call('MGET', unpack(KEYS, 2))
found[#found + 1] = redis.call('SET', KEYS[1], 1, 'EX', ARGV[1], 'NX') and 1 or 0
return found
"""

# KEYS: the entry, the lock, the purge sequence, the epoch, then the declared tags' keys.
# ARGV: the sequence the render started from, seconds to keep, whether to release the lock,
# the lines of the generations already known, the pickled entry, the declared tags' names.
# Returns the declared tags' generations as stored, or false when a purge ran.
# A tag never purged reads as the negated epoch (shpalta.core.generations); the epoch's
# digits are prefixed with '-' rather than negated, since Lua numbers lose their last digits.
STORE_SCRIPT = """
if ARGV[3] == '1' then redis.call('DEL', KEYS[2]) end
local epoch = redis.call('GET', KEYS[4])
if not epoch then return false end
local sequence = redis.call('GET', KEYS[3]) or ('-' .. epoch)
if sequence ~= ARGV[1] then return false end
local lines, values = {ARGV[4]}, {}
for i = 5, #KEYS do
  values[#values + 1] = redis.call('GET', KEYS[i]) or ('-' .. epoch)
  lines[#lines + 1] = ARGV[i + 1] .. '\\t' .. values[#values] .. '\\n'
end
redis.call('SET', KEYS[1], table.concat(lines) .. '\\0' .. ARGV[5], 'EX', ARGV[2])
return values
"""


def page_store(cache):
    return RedisPageStore(cache) if hasattr(cache, "script") else CachePageStore(cache)


class CachePageStore:
    def __init__(self, cache):
        self.cache = cache

    def lookup(self, hashed: str, tags: list[str], *, lock_seconds: int):
        """(the stored entry or None, the generations of `tags`, whether the render lock is
        now ours)."""
        return entry_and_generations(
            ENTRY_PREFIX + hashed, tags, lock=LOCK_PREFIX + hashed, lock_seconds=lock_seconds
        )

    def get(self, hashed: str) -> dict | None:
        return self.cache.get(ENTRY_PREFIX + hashed)

    def put(self, hashed: str, entry: dict, timeout: int) -> None:
        self.cache.set(ENTRY_PREFIX + hashed, entry, timeout)

    def is_locked(self, hashed: str) -> bool:
        return self.cache.get(LOCK_PREFIX + hashed) is not None

    def unlock(self, hashed: str) -> None:
        self.cache.delete(LOCK_PREFIX + hashed)

    def store_unless_purged(self, hashed, entry, before, declared, *, timeout, locked):
        """Store `entry` with its generations (returned) unless a purge ran since `before`
        was read; None if one did. Releases the render lock when `locked`."""
        try:
            after = generations_get([*declared, SEQUENCE])
            if after.pop(SEQUENCE) != before[SEQUENCE]:
                return None
            gens = {tag: value for tag, value in before.items() if tag != SEQUENCE} | after
            self.put(hashed, entry | {"gens": gens}, timeout)
            return gens
        finally:
            if locked:
                self.unlock(hashed)


class RedisPageStore(CachePageStore):
    def lookup(self, hashed: str, tags: list[str], *, lock_seconds: int):
        cache = self.cache
        gen_keys = [cache.make_key(_key(tag)) for tag in tags]
        keys = [cache.make_key(LOCK_PREFIX + hashed), cache.make_key(ENTRY_PREFIX + hashed),
                *gen_keys, cache.make_key(_key(EPOCH))]  # fmt: skip
        raw_entry, *values, locked = cache.script(LOOKUP_SCRIPT, keys, [lock_seconds])
        found = {
            _key(tag): int(value)
            for tag, value in zip([*tags, EPOCH], values, strict=True)
            if value is not None
        }
        return _decoded(raw_entry), generations_from(cache, tags, found), bool(locked)

    def get(self, hashed: str) -> dict | None:
        return _decoded(self.cache.get_raw(ENTRY_PREFIX + hashed))

    def put(self, hashed: str, entry: dict, timeout: int) -> None:
        gens = entry["gens"]
        payload = {name: value for name, value in entry.items() if name != "gens"}
        raw = _lines(gens).encode() + b"\0" + pickle.dumps(payload, pickle.HIGHEST_PROTOCOL)
        self.cache.set_raw(ENTRY_PREFIX + hashed, raw, timeout)

    def store_unless_purged(self, hashed, entry, before, declared, *, timeout, locked):
        cache = self.cache
        known = {tag: value for tag, value in before.items() if tag != SEQUENCE}
        new = sorted(set(declared) - set(known))
        keys = [cache.make_key(ENTRY_PREFIX + hashed), cache.make_key(LOCK_PREFIX + hashed),
                cache.make_key(_key(SEQUENCE)), cache.make_key(_key(EPOCH)),
                *(cache.make_key(_key(tag)) for tag in new)]  # fmt: skip
        payload = pickle.dumps(entry, pickle.HIGHEST_PROTOCOL)
        args = [before[SEQUENCE], cache.get_backend_timeout(timeout), "1" if locked else "0",
                _lines(known), payload, *new]  # fmt: skip
        stored = cache.script(STORE_SCRIPT, keys, args)
        if stored is None:
            return None
        return known | {tag: int(value) for tag, value in zip(new, stored, strict=True)}


def _lines(gens: dict[str, int]) -> str:
    return "".join(f"{tag}\t{value}\n" for tag, value in gens.items())


def _parsed(head: bytes) -> dict[str, int]:
    gens = {}
    for line in head.decode().splitlines():
        tag, _, value = line.partition("\t")
        gens[tag] = int(value)
    return gens


def _decoded(raw: bytes | None) -> dict | None:
    if raw is None:
        return None
    head, _, payload = raw.partition(b"\0")
    entry = pickle.loads(payload)
    entry["gens"] = _parsed(head)
    return entry
