"""Stored pages as the page cache keeps and answers them: the bytes of each encoding with
their headers built once, this process's copies of hot pages, and what Django answered."""

import functools
import gzip
import threading
import time
from collections import OrderedDict
from email.utils import formatdate

import brotli
from django.utils.http import parse_http_date_safe

COMPRESSORS = {
    "gzip": lambda body: gzip.compress(body, compresslevel=6, mtime=0),
    "br": lambda body: brotli.compress(body, quality=5),
}


def compress(body: bytes, encoding: str) -> bytes:
    return COMPRESSORS[encoding](body)


@functools.lru_cache(maxsize=256)
def preferred_encoding(accept_encoding: str) -> str:
    """br, else gzip, else identity, as the client's Accept-Encoding allows (q=0 refuses)."""
    offered = {}
    for part in accept_encoding.lower().split(","):
        name, _, params = part.strip().partition(";")
        quality = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        offered[name.strip()] = quality
    for encoding in ("br", "gzip"):
        if offered.get(encoding, offered.get("*", 0.0)) > 0:
            return encoding
    return "identity"


@functools.lru_cache(maxsize=64)
def _http_date(seconds: int) -> str:
    """Pages stored within the same second share their Last-Modified text."""
    return formatdate(seconds, usegmt=True)


def _etag_base(header_value: str) -> set[str]:
    """The representation-independent part of each ETag in If-None-Match."""
    bases = set()
    for item in header_value.split(","):
        item = item.strip().removeprefix("W/").strip('"')
        bases.add(item.split("-", 1)[0])
    return bases


class Page:
    """A stored page, with its response headers built once per variant.

    A compressible page is stored with its plain bytes and the one encoding its first
    reader asked for; another encoding is made the first time a reader of this process
    asks for it (compressing both on every miss cost more than the rest of the miss's
    overhead, measured in docs/benchmarks.md)."""

    __slots__ = (
        "checked_at",
        "compressible",
        "etag",
        "fresh_until",
        "gens",
        "last_modified",
        "managed_headers",
        "not_modified_headers",
        "size",
        "status",
        "stored",
        "variants",
    )  # fmt: skip

    def __init__(self, stored: dict):
        self.stored = stored
        self.status = stored["status"]
        self.gens = stored["gens"]
        self.fresh_until = stored["fresh_until"]
        self.etag = stored["etag"]
        self.last_modified = int(stored["stored_at"])
        self.checked_at = time.time()
        bodies = stored["bodies"]
        self.compressible = stored.get("compressible", len(bodies) > 1)
        last_modified = _http_date(self.last_modified)
        managed = [("Cache-Control", stored["cache_control"]), ("Last-Modified", last_modified)]
        self.not_modified_headers = list(managed)
        if self.compressible:
            managed.append(("Vary", "Accept-Encoding"))
        self.managed_headers = managed
        self.variants = {}
        for encoding, body in bodies.items():
            self._add_variant(encoding, body)
        # With room for the encodings not made yet (a fraction of the plain bytes each).
        plain = len(bodies["identity"])
        self.size = (2 * plain if self.compressible else plain) + 2048

    def _add_variant(self, encoding: str, body: bytes) -> tuple[list, bytes]:
        suffix = "" if encoding == "identity" else f"-{encoding}"
        headers = [*self.stored["headers"], *self.managed_headers]
        headers.append(("ETag", f'"{self.etag}{suffix}"'))
        headers.append(("Content-Length", str(len(body))))
        if encoding != "identity":
            headers.append(("Content-Encoding", encoding))
        self.variants[encoding] = variant = (headers, body)
        return variant

    def variant(self, encoding: str) -> tuple[list, bytes]:
        """(headers, body) in this encoding, made now if it is the first request for it."""
        found = self.variants.get(encoding)
        if found is not None:
            return found
        if not self.compressible or encoding not in COMPRESSORS:
            return self.variants["identity"]
        return self._add_variant(encoding, compress(self.variants["identity"][1], encoding))

    def is_fresh(self, now: float) -> bool:
        return now < self.fresh_until

    def not_modified(self, environ) -> bool:
        if_none_match = environ.get("HTTP_IF_NONE_MATCH")
        if if_none_match is not None:
            return if_none_match.strip() == "*" or self.etag in _etag_base(if_none_match)
        if_modified_since = environ.get("HTTP_IF_MODIFIED_SINCE")
        if if_modified_since:
            since = parse_http_date_safe(if_modified_since)
            return since is not None and since >= self.last_modified
        return False


class LocalPages:
    """This process's copies of hot pages, least recently stored dropped first, by bytes."""

    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self.pages: OrderedDict[str, Page] = OrderedDict()
        self.bytes = 0
        self.lock = threading.Lock()

    def get(self, key: str) -> Page | None:
        return self.pages.get(key)

    def put(self, key: str, page: Page) -> None:
        with self.lock:
            old = self.pages.pop(key, None)
            if old is not None:
                self.bytes -= old.size
            self.pages[key] = page
            self.bytes += page.size
            while self.bytes > self.max_bytes and self.pages:
                _key, dropped = self.pages.popitem(last=False)
                self.bytes -= dropped.size

    def drop(self, key: str) -> None:
        with self.lock:
            old = self.pages.pop(key, None)
            if old is not None:
                self.bytes -= old.size

    def clear(self) -> None:
        with self.lock:
            self.pages.clear()
            self.bytes = 0


class Rendered:
    """What Django answered, collected from its WSGI iterable."""

    def __init__(self, status: str, headers: list, body: bytes):
        self.status = status
        self.headers = headers
        self.body = body
        self._by_name = None

    def header(self, name: str) -> str:
        """All values of a header, joined as HTTP allows ("" for none)."""
        if self._by_name is None:
            by_name = {}
            for key, value in self.headers:
                by_name.setdefault(key.lower(), []).append(value)
            self._by_name = {key: ", ".join(values) for key, values in by_name.items()}
        return self._by_name.get(name.lower(), "")

    def passthrough(self, environ, start_response):
        start_response(self.status, self.headers)
        return [] if environ["REQUEST_METHOD"] == "HEAD" else [self.body]
