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
then the key of its body (the pickled entry), which a plain SET writes in the same round
trip. The store script writes the lines itself, so the generations it read are the ones
stored, with nothing between the check and the write.
"""

import pickle
import secrets

from .generations import (
    EPOCH,
    SEQUENCE,
    _key,
    entry_and_generations,
    generations_from,
    generations_get,
)

# "pc:entry:" since entries name their bodies: a version that stored the page in the entry
# itself ("pc:page:") and this one never read each other's entries during a rolling deploy.
ENTRY_PREFIX = "pc:entry:"
BODY_PREFIX = "pc:body:"
LOCK_PREFIX = "pc:lock:"

# An entry's pickled body (the page's bytes, 40 KB and more) lives under a key of its own,
# written by a plain SET in the same round trip as the script that stores the entry: taken
# as a script's argument it cost Redis 60 µs per 40 KB (a Lua string), the SET 5 µs. The
# entry is its generations as lines, a NUL byte and the body's key; each render writes a
# body under a new key, so a render refused for a purge can never put its bytes under an
# entry that a later render stored. The scripts delete bodies that no entry names.

# The key an entry names for its body (after its NUL byte), or nil.
BODY_KEY = """
local function body_key(entry)
  local nul = entry and string.find(entry, '\\0', 1, true)
  return nul and string.sub(entry, nul + 1) or nil
end
"""
# The body an entry names, or false (no entry, or the body evicted).
BODY_OF = (
    BODY_KEY
    + """
local function body_of(entry)
  local key = body_key(entry)
  return key and redis.call('GET', key) or false
end
"""
)
# The body an entry named before it was replaced, deleted unless the new entry names it.
DROP_REPLACED = (
    BODY_KEY
    + """
local function drop_replaced(old, kept)
  local key = body_key(old)
  if key and key ~= kept then redis.call('DEL', key) end
end
"""
)

# KEYS: the lock, the entry, then the generation keys (the epoch's last). ARGV: lock seconds.
# Returns the entry, its body, the generations, whether the lock is now ours.
LOOKUP_SCRIPT = (
    BODY_OF
    + """
local found = redis.call('MGET', unpack(KEYS, 2))
table.insert(found, 2, body_of(found[1]))
found[#found + 1] = redis.call('SET', KEYS[1], 1, 'EX', ARGV[1], 'NX') and 1 or 0
return found
"""
)

# KEYS: the entry, the lock, the purge sequence, the epoch, the body (just written), then
# the declared tags' keys. ARGV: the sequence the render started from, seconds to keep,
# whether to release the lock, the lines of the generations already known, the declared
# tags' names. Returns the declared tags' generations as stored, or false when a purge ran.
# A tag never purged reads as the negated epoch (shpalta.core.generations); the epoch's
# digits are prefixed with '-' rather than negated, since Lua numbers lose their last digits.
STORE_SCRIPT = (
    DROP_REPLACED
    + """
if ARGV[3] == '1' then redis.call('DEL', KEYS[2]) end
local epoch = redis.call('GET', KEYS[4])
local sequence = epoch and (redis.call('GET', KEYS[3]) or ('-' .. epoch))
if not epoch or sequence ~= ARGV[1] then
  redis.call('DEL', KEYS[5])
  return false
end
local lines, values = {ARGV[4]}, {}
for i = 6, #KEYS do
  values[#values + 1] = redis.call('GET', KEYS[i]) or ('-' .. epoch)
  lines[#lines + 1] = ARGV[i - 1] .. '\\t' .. values[#values] .. '\\n'
end
local old = redis.call('GET', KEYS[1])
redis.call('SET', KEYS[1], table.concat(lines) .. '\\0' .. KEYS[5], 'EX', ARGV[2])
drop_replaced(old, KEYS[5])
return values
"""
)

# KEYS: the entry, its body (just written). ARGV: the generations' lines, seconds to keep.
PUT_SCRIPT = (
    DROP_REPLACED
    + """
local old = redis.call('GET', KEYS[1])
redis.call('SET', KEYS[1], ARGV[1] .. '\\0' .. KEYS[2], 'EX', ARGV[2])
drop_replaced(old, KEYS[2])
"""
)

# KEYS: the entry. Returns the entry and its body.
GET_SCRIPT = (
    BODY_OF
    + """
local entry = redis.call('GET', KEYS[1])
return {entry, body_of(entry)}
"""
)


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
        head, body, *values, locked = cache.script(LOOKUP_SCRIPT, keys, [lock_seconds])
        found = {
            _key(tag): int(value)
            for tag, value in zip([*tags, EPOCH], values, strict=True)
            if value is not None
        }
        return _decoded(head, body), generations_from(cache, tags, found), bool(locked)

    def get(self, hashed: str) -> dict | None:
        return _decoded(
            *self.cache.script(GET_SCRIPT, [self.cache.make_key(ENTRY_PREFIX + hashed)], [])
        )

    def put(self, hashed: str, entry: dict, timeout: int) -> None:
        cache = self.cache
        payload = {name: value for name, value in entry.items() if name != "gens"}
        body_key, seconds = self._body_key(hashed), cache.get_backend_timeout(timeout)
        cache.script(
            PUT_SCRIPT, [cache.make_key(ENTRY_PREFIX + hashed), body_key],
            [_lines(entry["gens"]), seconds], after_set=(body_key, _pickled(payload), seconds),
        )  # fmt: skip

    def store_unless_purged(self, hashed, entry, before, declared, *, timeout, locked):
        cache = self.cache
        known = {tag: value for tag, value in before.items() if tag != SEQUENCE}
        new = sorted(set(declared) - set(known))
        body_key, seconds = self._body_key(hashed), cache.get_backend_timeout(timeout)
        keys = [cache.make_key(ENTRY_PREFIX + hashed), cache.make_key(LOCK_PREFIX + hashed),
                cache.make_key(_key(SEQUENCE)), cache.make_key(_key(EPOCH)), body_key,
                *(cache.make_key(_key(tag)) for tag in new)]  # fmt: skip
        args = [before[SEQUENCE], seconds, "1" if locked else "0", _lines(known), *new]
        stored = cache.script(
            STORE_SCRIPT, keys, args, after_set=(body_key, _pickled(entry), seconds)
        )
        if stored is None:
            return None
        return known | {tag: int(value) for tag, value in zip(new, stored, strict=True)}

    def _body_key(self, hashed: str) -> str:
        """A new key for each render's bytes (see BODY_PREFIX)."""
        return self.cache.make_key(f"{BODY_PREFIX}{hashed}:{secrets.token_hex(8)}")


def _pickled(entry: dict) -> bytes:
    return pickle.dumps(entry, pickle.HIGHEST_PROTOCOL)


def _lines(gens: dict[str, int]) -> str:
    return "".join(f"{tag}\t{value}\n" for tag, value in gens.items())


def _parsed(head: bytes) -> dict[str, int]:
    gens = {}
    for line in head.decode().splitlines():
        tag, _, value = line.partition("\t")
        gens[tag] = int(value)
    return gens


def _decoded(head: bytes | None, body: bytes | None) -> dict | None:
    if head is None or body is None:  # no entry, or its body evicted
        return None
    entry = pickle.loads(body)
    entry["gens"] = _parsed(head.partition(b"\0")[0])
    return entry
