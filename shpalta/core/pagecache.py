"""The page cache: the first thing in the WSGI stack, in front of Django itself.

A hit is answered here from stored bytes: no URL routing, no middleware, no ORM, no
template. Only anonymous GET/HEAD requests take part; a session cookie, an Authorization
header, the editors' paths or an unknown query parameter send the request straight to Django.

Each stored page carries the generations of its tags (its own path, "site", feeds or
sitemaps by address, and whatever the view declared with `page_tags`). A purge bumps
generations in the shared cache, so every app server sees the page as gone at once. Each
process also keeps a local copy of hot pages and checks it against the shared generations
at most every PAGE_CACHE_LOCAL_CHECK_SECONDS, which keeps Redis off the hot path.

A missed or purged page is rendered by one request while the others wait for it (no
stampede); a page past its freshness time (time-driven changes, e.g. a scheduled story
coming due) is served stale while one request renders it again.
"""

import functools
import hashlib
import logging
import re
import time
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.http.request import split_domain_port, validate_host

from . import scheduled
from .direct import DirectRenders
from .generations import SEQUENCE, generations_match, shared_cache
from .page_store import page_store
from .pages import COMPRESSORS, LocalPages, Page, Rendered, compress, preferred_encoding
from .settings_memo import read_once

logger = logging.getLogger(__name__)

TAGS_ENVIRON_KEY = "shpalta.page_cache.tags"
SITE_TAG = "site"
FEEDS_TAG = "feeds"
SITEMAPS_TAG = "sitemaps"

DEFAULTS = {
    # Browsers revalidate every time (a cheap 304); nginx and CDNs keep a page one second
    # and may serve it stale for five more while one request refreshes it.
    "CACHE_CONTROL": "public, max-age=0, s-maxage=1, stale-while-revalidate=5",
    "FRESH_SECONDS": 60,  # bounds time-driven changes: a scheduled story coming due
    "STORE_SECONDS": 24 * 3600,
    "LOCAL_CHECK_SECONDS": 0.5,
    "LOCAL_MAX_BYTES": 32 * 1024 * 1024,
    "LOCK_SECONDS": 10,
    "WAIT_SECONDS": 5,
    # Photo renditions are file streams with their own year-long lifetime.
    "BYPASS_PREFIXES": (
        "/admin/",
        "/preview/",
        "/health/",
        "/static/",
        "/media/",
        "/api/",
        "/foto/",
    ),
    "KEYED_PARAMS": ("page",),
    # Tracking parameters never change a page: the cached page is served and keyed without them.
    "IGNORED_PARAMS": ("fbclid", "gclid", "yclid", "dclid", "msclkid", "mc_cid", "mc_eid"),
    "IGNORED_PARAM_PREFIXES": ("utm_",),
    "MAX_BODY_BYTES": 2 * 1024 * 1024,
    # Misses of views marked `renders_directly` skip Django's handler (shpalta.core.direct).
    "DIRECT": True,
}
COMPRESSIBLE = ("text/", "application/json", "application/xml", "application/rss+xml",
                "application/atom+xml", "application/javascript")  # fmt: skip
MANAGED_HEADERS = {"content-length", "cache-control", "etag", "last-modified", "vary", "x-cache"}
FEED_PATH = re.compile(r"(^|/)(feed|rss|atom)([./]|$)")


def page_tags(request, *tags: str) -> None:
    """Declare what a page shows beyond its own address, e.g. `article:17` for a story in
    its «Інші новини». The page is purged with any of these tags."""
    request.META.setdefault(TAGS_ENVIRON_KEY, set()).update(tags)


def path_tag(path: str) -> str:
    """The tag of one address (all its ?page= variants); `path` as WSGI gives it."""
    return "path:" + hashlib.md5(path.encode("latin-1", "replace")).hexdigest()


def wsgi_path(url_path: str) -> str:
    """A Django URL path the way PATH_INFO carries it (UTF-8 bytes read as latin-1)."""
    return url_path.encode("utf-8").decode("latin-1")


def address_tags(path: str) -> set[str]:
    tags = {SITE_TAG, path_tag(path)}
    if "sitemap" in path:
        tags.add(SITEMAPS_TAG)
    if FEED_PATH.search(path):
        tags.add(FEEDS_TAG)
    return tags


@read_once
def config(name: str):
    return getattr(settings, f"PAGE_CACHE_{name}", DEFAULTS[name])


def _compressible(content_type: str) -> bool:
    return content_type.startswith(COMPRESSIBLE)


class PageCache:
    """WSGI middleware: `application = PageCache(get_wsgi_application())`."""

    def __init__(self, app):
        self.app = app
        self.local = LocalPages(config("LOCAL_MAX_BYTES"))
        self.bypass_prefixes = tuple(config("BYPASS_PREFIXES"))
        self.keyed = frozenset(config("KEYED_PARAMS"))
        self.ignored = frozenset(config("IGNORED_PARAMS"))
        self.ignored_prefixes = tuple(config("IGNORED_PARAM_PREFIXES"))
        self.bypass_cookies = (settings.SESSION_COOKIE_NAME, "messages")
        self.local_check = config("LOCAL_CHECK_SECONDS")
        self.next_due_check = 0.0
        direct = config("DIRECT") and isinstance(app, WSGIHandler)
        self.direct = DirectRenders(app) if direct else None

    # -- which requests take part ---------------------------------------------------------

    def key_for(self, environ) -> str | None:
        if environ["REQUEST_METHOD"] not in ("GET", "HEAD"):
            return None
        path = environ.get("PATH_INFO") or "/"
        if path.startswith(self.bypass_prefixes) or "HTTP_AUTHORIZATION" in environ:
            return None
        cookie = environ.get("HTTP_COOKIE")
        if cookie and self._has_bypass_cookie(cookie):
            return None
        if not host_allowed(environ.get("HTTP_HOST") or environ.get("SERVER_NAME")):
            return None
        query = environ.get("QUERY_STRING")
        if query:
            query = self._keyed_query(query)
            if query is None:
                return None
        # Two schemes only: any other header value must not mint new cache entries.
        https = environ.get("HTTP_X_FORWARDED_PROTO") == "https"
        scheme = "https" if https else environ.get("wsgi.url_scheme", "http")
        return f"{scheme}:{path}?{query or ''}"

    def _has_bypass_cookie(self, cookie: str) -> bool:
        names = {part.split("=", 1)[0].strip() for part in cookie.split(";")}
        return any(name in names for name in self.bypass_cookies)

    def _keyed_query(self, query: str) -> str | None:
        """The parameters that change the page, sorted; None for a parameter we do not
        know (Django answers it, nothing is stored: random parameters cannot fill the cache)."""
        kept = []
        for name, value in parse_qsl(query, keep_blank_values=True):
            if name in self.keyed:
                kept.append((name, value))
            elif name not in self.ignored and not name.startswith(self.ignored_prefixes):
                return None
        return urlencode(sorted(kept))

    # -- the WSGI entry point ---------------------------------------------------------------

    def __call__(self, environ, start_response):
        key = self.key_for(environ)
        if key is None:
            return self.app(environ, start_response)
        page = self.local.get(key)
        now = time.time()
        if page is not None and now - page.checked_at < self.local_check and now < page.fresh_until:
            return self.respond(page, environ, start_response, "HIT")
        try:
            return self._slow_path(key, page, environ, start_response)
        except _SharedCacheDown:
            return self.app(environ, start_response)

    def _slow_path(self, key, page, environ, start_response):
        hashed = hashlib.sha1(key.encode("latin-1", "replace")).hexdigest()
        now = time.time()
        if now >= self.next_due_check:
            self.next_due_check = now + 1
            self._purge_due_stories(now)
        if page is not None and self._shared(generations_match, page.gens):
            page.checked_at = now
            if page.is_fresh(now):
                return self.respond(page, environ, start_response, "HIT")
        else:
            self.local.drop(key)
        # The lookup brings the generations a render would start from and takes the lock
        # for rendering, in one round trip: a miss then needs one more (docs/caching.md).
        tags = [*address_tags(environ.get("PATH_INFO") or "/"), SEQUENCE]
        store = page_store(shared_cache())
        stored, before, locked = self._shared(
            store.lookup, hashed, tags, lock_seconds=config("LOCK_SECONDS")
        )
        try:
            page = self._current(stored)
        except _SharedCacheDown:
            if locked:
                _quietly(store.unlock, hashed)
            raise
        if page is not None and page.is_fresh(now):
            if locked:
                _quietly(store.unlock, hashed)
            self.local.put(key, page)
            return self.respond(page, environ, start_response, "HIT")
        return self.miss(key, hashed, page, before, locked, environ, start_response)

    def _purge_due_stories(self, now: float) -> None:
        """A scheduled story whose time has come: purged before this request is answered."""
        if self._shared(scheduled.next_due) > now:
            return
        try:
            scheduled.due_stories_purge(now)
        except Exception:
            logger.exception("page cache: purging stories that came due failed")

    def shared_lookup(self, hashed: str) -> Page | None:
        """The stored page if no purge has touched it since; stale-by-time pages included."""
        return self._current(self._shared(page_store(shared_cache()).get, hashed))

    def _current(self, stored: dict | None) -> Page | None:
        if stored is None or not self._shared(generations_match, stored["gens"]):
            return None
        return Page(stored)

    # -- a miss: one render, the others wait or get the stale copy -------------------------

    def miss(self, key, hashed, stale, before, locked, environ, start_response):
        if locked:
            return self.render_and_store(key, hashed, before, environ, start_response, locked=True)
        if stale is not None:
            return self.respond(stale, environ, start_response, "STALE")
        page = self.wait_for_render(hashed)
        if page is not None:
            self.local.put(key, page)
            return self.respond(page, environ, start_response, "HIT")
        return self.render_and_store(key, hashed, before, environ, start_response)

    def wait_for_render(self, hashed: str) -> Page | None:
        store = page_store(shared_cache())
        deadline = time.monotonic() + config("WAIT_SECONDS")
        pause = 0.005
        while time.monotonic() < deadline:
            time.sleep(pause)
            pause = min(pause * 2, 0.05)
            if not self._shared(store.is_locked, hashed):
                page = self.shared_lookup(hashed)
                return page if page is not None and page.is_fresh(time.time()) else None
        return None

    def render_and_store(self, key, hashed, before, environ, start_response, *, locked=False):
        """Render, and store unless a purge ran meanwhile. The render lock, when this
        request holds it, is released with the store in one round trip, or alone if
        nothing is stored."""
        store = page_store(shared_cache())
        released = False
        try:
            rendered, declared, route = self.render(environ, key.partition(":")[0])
            wanted = preferred_encoding(environ.get("HTTP_ACCEPT_ENCODING", ""))
            stored = self.storable(rendered, wanted)
            if stored is None:
                return rendered.passthrough(environ, start_response)
            if route is not None:
                self.direct.learn(route, rendered)
            try:
                gens = store.store_unless_purged(
                    hashed, stored, before, declared, timeout=config("STORE_SECONDS"),
                    locked=locked,
                )  # fmt: skip
                released = True
            except Exception:
                logger.exception("page cache: storing %s failed", key)
                return rendered.passthrough(environ, start_response)
            if gens is None:  # purged while rendering: right for this reader, not stored
                return rendered.passthrough(environ, start_response)
        finally:
            if locked and not released:
                _quietly(store.unlock, hashed)
        page = Page(stored | {"gens": gens})
        self.local.put(key, page)
        return self.respond(page, environ, start_response, "MISS")

    def render(self, environ, scheme: str) -> tuple[Rendered, set[str], object]:
        """The answer to the GET of this address (a HEAD is stored as its GET), the tags it
        declared, and the direct route whose headers Django's answer shows, if any: a view
        marked `renders_directly` is called without Django's handler once they are known
        (shpalta.core.direct)."""
        environ = dict(environ, REQUEST_METHOD="GET")
        route = self.direct.route(environ, scheme) if self.direct else None
        if route is not None:
            direct_environ = dict(environ)
            rendered = self.direct.render(route, direct_environ)
            if rendered is not None:
                return rendered, set(direct_environ.get(TAGS_ENVIRON_KEY, ())), None
        captured = {}

        def capture(status, headers, exc_info=None):
            captured["status"], captured["headers"] = status, headers
            return lambda data: None

        result = self.app(environ, capture)
        try:
            body = b"".join(result)
        finally:
            if hasattr(result, "close"):
                result.close()
        rendered = Rendered(captured["status"], captured["headers"], body)
        return rendered, set(environ.get(TAGS_ENVIRON_KEY, ())), route

    def storable(self, rendered: Rendered, wanted: str = "identity") -> dict | None:
        """The entry to store, or None when the answer is not the same for every reader."""
        if not rendered.status.startswith("200") or len(rendered.body) > config("MAX_BODY_BYTES"):
            return None
        if rendered.header("Set-Cookie") or rendered.header("Content-Encoding"):
            return None
        cache_control = rendered.header("Cache-Control").lower()
        if any(word in cache_control for word in ("private", "no-store", "no-cache")):
            return None
        vary = {v.strip().lower() for v in rendered.header("Vary").split(",") if v.strip()}
        if vary - {"accept-encoding", "cookie"}:
            return None
        return self._entry(rendered, cache_control, wanted)

    def _entry(self, rendered: Rendered, cache_control: str, wanted: str) -> dict:
        now = time.time()
        fresh_seconds = _declared_lifetime(cache_control)
        if fresh_seconds is None:
            fresh_seconds, cache_control = config("FRESH_SECONDS"), config("CACHE_CONTROL")
        else:
            cache_control = rendered.header("Cache-Control")
        body = rendered.body
        bodies = {"identity": body}
        compressible = len(body) >= 256 and _compressible(rendered.header("Content-Type"))
        if compressible and wanted in COMPRESSORS:
            bodies[wanted] = compress(body, wanted)
        headers = [(k, v) for k, v in rendered.headers if k.lower() not in MANAGED_HEADERS]
        return {
            "status": rendered.status,
            "headers": headers,
            "bodies": bodies,
            "compressible": compressible,
            "etag": _etag(body),
            "cache_control": cache_control,
            "stored_at": now,
            "fresh_until": now + fresh_seconds,
        }

    # -- answering from a stored page -----------------------------------------------------------

    def respond(self, page: Page, environ, start_response, state: str):
        encoding = preferred_encoding(environ.get("HTTP_ACCEPT_ENCODING", ""))
        if encoding not in page.variants and page.compressible:
            page.variant(encoding)
            self._share_variants(page, environ)
        headers, body = page.variant(encoding)
        if page.not_modified(environ):
            etag = next(value for key, value in headers if key == "ETag")
            start_response(
                "304 Not Modified", [*page.not_modified_headers, ("ETag", etag), ("X-Cache", state)]
            )
            return []
        start_response(page.status, [*headers, ("X-Cache", state)])
        return [] if environ["REQUEST_METHOD"] == "HEAD" else [body]

    def _share_variants(self, page: Page, environ) -> None:
        """A newly made encoding goes back into the shared entry, so other app servers do
        not compress the page again; the entry keeps its generations, so a purge since
        still makes it stale."""
        key = self.key_for(environ)
        if key is None:
            return
        hashed = hashlib.sha1(key.encode("latin-1", "replace")).hexdigest()
        bodies = {name: body for name, (_headers, body) in page.variants.items()}
        stored = page.stored | {"bodies": bodies}
        _quietly(page_store(shared_cache()).put, hashed, stored, config("STORE_SECONDS"))

    @staticmethod
    def _shared(function, *args, **kwargs):
        """Calls into the shared cache; when it is down, the site still answers from Django."""
        try:
            return function(*args, **kwargs)
        except Exception as error:
            logger.warning("page cache: shared cache unavailable (%s)", error)
            raise _SharedCacheDown from error


class _SharedCacheDown(Exception):
    pass


def _quietly(function, *args) -> None:
    try:
        function(*args)
    except Exception as error:
        logger.warning("page cache: shared cache unavailable (%s)", error)


def _etag(body: bytes) -> str:
    """SHA-1, not MD5: the processors here hash it in hardware, 29 µs for 41 KB against 71."""
    return hashlib.sha1(body).hexdigest()[:20]


@functools.lru_cache(maxsize=64)
def host_allowed(host: str | None) -> bool:
    """Django's own ALLOWED_HOSTS check, which a hit would otherwise skip."""
    if not host:
        return False
    domain, _port = split_domain_port(host)
    return bool(domain) and validate_host(domain, settings.ALLOWED_HOSTS)


def _declared_lifetime(cache_control: str) -> int | None:
    """A view that sets its own public lifetime (the ratings numbers) is stored for that long."""
    if "public" not in cache_control:
        return None
    found = re.search(r"s-maxage=(\d+)", cache_control) or re.search(
        r"max-age=(\d+)", cache_control
    )
    return int(found.group(1)) if found else None
