import gzip
import threading
import time

import brotli
import pytest
from django.core.cache import cache
from django.core.handlers.wsgi import WSGIHandler

from shpalta.core import pagecache, pages
from shpalta.core.generations import generations_bump
from shpalta.core.page_store import ENTRY_PREFIX, LOCK_PREFIX
from shpalta.core.pagecache import (
    PageCache,
    address_tags,
    path_tag,
    preferred_encoding,
)
from tests.core.conftest import Site
from tests.factories.news import ArticleFactory

PAGE_CACHE_CONTROL = "public, max-age=0, s-maxage=1, stale-while-revalidate=5"


@pytest.fixture
def story(db):
    ArticleFactory.create_batch(3)
    return ArticleFactory(headline="Тестова новина про міст")


def test_article_page_second_request_is_hit_without_queries(site, story, django_assert_num_queries):
    url = story.get_absolute_url()
    first = site.get(url)
    with django_assert_num_queries(0):
        second = site.get(url)
    assert (first.status_code, first.cache) == (200, "MISS")
    assert (second.status_code, second.cache) == (200, "HIT")
    assert second.body == first.body
    assert "Тестова новина про міст" in second.text


def test_cached_page_headers_exact(site, story):
    site.get(story.get_absolute_url())
    answer = site.get(story.get_absolute_url())
    assert answer.headers["Cache-Control"] == PAGE_CACHE_CONTROL
    assert answer.headers["Vary"] == "Accept-Encoding"
    assert answer.headers["Content-Length"] == str(len(answer.body))
    assert answer.headers["ETag"].startswith('"') and answer.headers["ETag"].endswith('"')
    assert answer.headers["Last-Modified"].endswith(" GMT")
    assert answer.headers["Content-Type"] == "text/html; charset=utf-8"
    assert "script-src 'self'" in answer.headers["Content-Security-Policy"]
    assert "Content-Encoding" not in answer.headers


def test_if_none_match_answers_304_without_body(site, story):
    etag = site.get(story.get_absolute_url()).headers["ETag"]
    answer = site.get(story.get_absolute_url(), if_none_match=etag)
    assert answer.status_code == 304
    assert answer.body == b""
    assert answer.headers["ETag"] == etag
    assert answer.headers["Cache-Control"] == PAGE_CACHE_CONTROL


def test_if_none_match_of_another_encoding_still_304(site, story):
    gzip_etag = site.get(story.get_absolute_url(), accept_encoding="gzip").headers["ETag"]
    answer = site.get(story.get_absolute_url(), if_none_match=f"W/{gzip_etag}")
    assert answer.status_code == 304


def test_if_none_match_stale_etag_gets_page(site, story):
    answer = site.get(story.get_absolute_url(), if_none_match='"0000"')
    assert answer.status_code == 200
    assert answer.body


def test_if_modified_since_answers_304(site, story):
    last_modified = site.get(story.get_absolute_url()).headers["Last-Modified"]
    answer = site.get(story.get_absolute_url(), if_modified_since=last_modified)
    assert answer.status_code == 304


@pytest.mark.parametrize(
    ("accept", "encoding"),
    [
        ("gzip, deflate, br", "br"),
        ("gzip", "gzip"),
        ("br;q=0, gzip", "gzip"),
        ("identity", None),
        ("", None),
    ],
)
def test_accept_encoding_picks_stored_variant(site, story, accept, encoding):
    plain = site.get(story.get_absolute_url()).body
    answer = site.get(story.get_absolute_url(), accept_encoding=accept)
    assert answer.headers.get("Content-Encoding") == encoding
    decode = {"br": brotli.decompress, "gzip": gzip.decompress, None: lambda body: body}
    assert decode[encoding](answer.body) == plain
    assert answer.headers["ETag"].endswith(f'-{encoding}"' if encoding else '"')


def test_each_encoding_is_compressed_once_when_first_asked_for(site, story, monkeypatch):
    calls = []
    for name, function in list(pages.COMPRESSORS.items()):
        monkeypatch.setitem(
            pages.COMPRESSORS, name, lambda body, f=function, n=name: calls.append(n) or f(body)
        )
    url = story.get_absolute_url()
    miss = site.get(url, accept_encoding="br")
    assert (miss.cache, calls) == ("MISS", ["br"])  # what the first reader takes, no more
    answers = [site.get(url, accept_encoding=a) for a in ("gzip", "br", "gzip", "identity")]
    assert [answer.cache for answer in answers] == ["HIT"] * 4
    assert calls == ["br", "gzip"]
    plain = answers[-1].body
    assert brotli.decompress(miss.body) == gzip.decompress(answers[0].body) == plain
    assert {answer.headers["Vary"] for answer in answers} == {"Accept-Encoding"}
    # Another app server (its own process-local copies) finds both encodings stored.
    other_server = Site(PageCache(WSGIHandler()))
    for accept in ("gzip", "br"):
        assert other_server.get(url, accept_encoding=accept).cache == "HIT"
    assert calls == ["br", "gzip"]


def test_preferred_encoding_star_and_refusals():
    assert preferred_encoding("*") == "br"
    assert preferred_encoding("*;q=0") == "identity"
    assert preferred_encoding("gzip;q=0.5, br;q=0") == "gzip"
    assert preferred_encoding("br;q=nonsense, gzip") == "gzip"


def test_head_served_from_cache_without_body(site, story):
    miss = site.head(story.get_absolute_url())
    hit = site.get(story.get_absolute_url())
    head = site.head(story.get_absolute_url())
    assert (miss.cache, miss.body) == ("MISS", b"")
    assert hit.cache == "HIT"
    assert (head.cache, head.body) == ("HIT", b"")
    assert head.headers["Content-Length"] == str(len(hit.body))


def test_session_cookie_bypasses_cache(site, story):
    site.get(story.get_absolute_url())
    answer = site.get(story.get_absolute_url(), cookie="sessionid=abc; shpalta_reader=x")
    assert answer.status_code == 200
    assert answer.cache is None


def test_reader_cookie_alone_still_served_from_cache(site, story):
    site.get(story.get_absolute_url())
    answer = site.get(story.get_absolute_url(), cookie="shpalta_reader=abc; csrftoken=x")
    assert answer.cache == "HIT"


@pytest.mark.parametrize("path", ["/admin/", "/admin/login/", "/health/", "/preview/1/"])
def test_editor_and_service_paths_bypass_cache(site, path):
    assert site.get(path).cache is None


def test_authorization_header_bypasses_cache(site, story):
    site.get(story.get_absolute_url())
    assert site.get(story.get_absolute_url(), authorization="Basic eDp5").cache is None


def test_post_bypasses_cache(site, story):
    assert site.request("POST", story.get_absolute_url()).cache is None


def test_page_parameter_keyed_separately(site, story):
    ArticleFactory.create_batch(25, section=story.section)
    url = story.section.get_absolute_url()
    first, second = site.get(url), site.get(f"{url}?page=2")
    assert (first.cache, second.cache) == ("MISS", "MISS")
    assert first.body != second.body
    assert site.get(f"{url}?page=2").cache == "HIT"
    assert site.get(url).cache == "HIT"


def test_tracking_parameters_served_the_plain_page(site, story):
    plain = site.get(story.get_absolute_url())
    tracked = site.get(f"{story.get_absolute_url()}?utm_source=fb&utm_medium=social&fbclid=1")
    assert tracked.cache == "HIT"
    assert tracked.body == plain.body


def test_unknown_parameter_bypasses_cache(site, story):
    site.get(story.get_absolute_url())
    assert site.get(f"{story.get_absolute_url()}?x=1").cache is None
    assert cache.get(ENTRY_PREFIX + "x") is None


def test_bad_page_number_not_stored(site, story):
    url = f"{story.section.get_absolute_url()}?page=abc"
    assert site.get(url).status_code == 404
    assert site.get(url).cache is None


def test_not_found_not_stored(site, django_assert_num_queries):
    assert site.get("/news/nemaie-takoi/").status_code == 404
    answer = site.get("/news/nemaie-takoi/")
    assert (answer.status_code, answer.cache) == (404, None)


def test_disallowed_host_goes_to_django(site, story):
    site.get(story.get_absolute_url())
    answer = site.get(story.get_absolute_url(), host="evil.example")
    assert (answer.status_code, answer.cache) == (400, None)


def test_ratings_summary_cached_five_seconds_exact_headers(site, story):
    first = site.get(f"/ratings/{story.pk}/")
    second = site.get(f"/ratings/{story.pk}/")
    assert (first.cache, second.cache) == ("MISS", "HIT")
    assert second.headers["Cache-Control"] == "public, max-age=5, s-maxage=5"
    assert second.headers["Content-Type"] == "application/json"


def test_address_tags_feeds_and_sitemaps():
    assert address_tags("/feed/") >= {"feeds", "site", path_tag("/feed/")}
    assert "feeds" in address_tags("/section/polityka/rss.xml")
    assert "sitemaps" in address_tags("/sitemap-news.xml")
    plain = "/news/feedback-vid-chytachiv/"
    assert address_tags(plain) == {"site", path_tag(plain)}


# -- the cache's own mechanics, in front of a plain WSGI app that counts its renders --------


class CountingApp:
    """Stands in for Django where only the number of renders and their timing matter."""

    def __init__(self, delay=0.0, status="200 OK", headers=None):
        self.delay = delay
        self.renders = 0
        self.status = status
        self.headers = headers or [("Content-Type", "text/html; charset=utf-8")]
        self.lock = threading.Lock()

    def __call__(self, environ, start_response):
        with self.lock:
            self.renders += 1
            number = self.renders
        time.sleep(self.delay)
        start_response(self.status, self.headers)
        return [f"<p>render {number}</p>".encode() * 20]


def test_concurrent_misses_render_once():
    app = CountingApp(delay=0.3)
    site = Site(PageCache(app))
    answers = []
    threads = [
        threading.Thread(target=lambda: answers.append(site.get("/news/hot/"))) for _ in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert app.renders == 1
    assert sorted(answer.cache for answer in answers) == ["HIT"] * 7 + ["MISS"]
    assert len({answer.body for answer in answers}) == 1


def test_render_lock_released_after_a_miss_and_after_a_shared_hit():
    app = CountingApp()
    first, second = Site(PageCache(app)), Site(PageCache(app))  # two app servers
    assert first.get("/news/hot/").cache == "MISS"
    assert cache.get(LOCK_PREFIX + _hashed("/news/hot/")) is None
    # The other server's lookup takes the lock with it; finding the page, it lets it go.
    assert second.get("/news/hot/").cache == "HIT"
    assert cache.get(LOCK_PREFIX + _hashed("/news/hot/")) is None
    assert app.renders == 1


def test_expired_page_served_stale_while_one_refreshes(monkeypatch):
    app = CountingApp()
    site = Site(PageCache(app))
    site.get("/news/hot/")
    later = time.time() + 61
    monkeypatch.setattr(pagecache.time, "time", lambda: later)
    cache.add(LOCK_PREFIX + _hashed("/news/hot/"), 1, 10)  # another request is refreshing
    stale = site.get("/news/hot/")
    cache.delete(LOCK_PREFIX + _hashed("/news/hot/"))
    refreshed = site.get("/news/hot/")
    assert (stale.cache, stale.text.count("render 1")) == ("STALE", 20)
    assert (refreshed.cache, refreshed.text.count("render 2")) == ("MISS", 20)
    assert app.renders == 2


def test_purged_page_never_served_stale():
    app = CountingApp()
    site = Site(PageCache(app))
    site.get("/news/hot/")
    generations_bump([path_tag("/news/hot/")])
    pagecache_instance = site.app
    pagecache_instance.local.clear()
    answer = site.get("/news/hot/")
    assert (answer.cache, app.renders) == ("MISS", 2)
    assert "render 2" in answer.text


def test_local_copy_serves_without_shared_cache_until_check(monkeypatch):
    app = CountingApp()
    site = Site(PageCache(app))
    site.get("/news/hot/")
    generations_bump([path_tag("/news/hot/")])
    now = time.time()
    monkeypatch.setattr(pagecache.time, "time", lambda: now + 0.1)
    assert site.get("/news/hot/").cache == "HIT"  # within the check interval: no Redis asked
    monkeypatch.setattr(pagecache.time, "time", lambda: now + 0.6)
    answer = site.get("/news/hot/")
    assert (answer.cache, app.renders) == ("MISS", 2)


def test_page_purged_during_render_not_stored():
    class PurgingApp(CountingApp):
        def __call__(self, environ, start_response):
            generations_bump([path_tag("/news/hot/")])
            return super().__call__(environ, start_response)

    app = PurgingApp()
    site = Site(PageCache(app))
    assert site.get("/news/hot/").status_code == 200
    assert site.get("/news/hot/").status_code == 200
    assert app.renders == 2


def test_page_setting_cookie_not_stored():
    app = CountingApp(headers=[("Content-Type", "text/html"), ("Set-Cookie", "csrftoken=x")])
    site = Site(PageCache(app))
    site.get("/news/hot/")
    site.get("/news/hot/")
    assert app.renders == 2


def test_private_page_not_stored():
    app = CountingApp(headers=[("Content-Type", "text/html"), ("Cache-Control", "private")])
    site = Site(PageCache(app))
    site.get("/news/hot/")
    site.get("/news/hot/")
    assert app.renders == 2


def test_shared_cache_down_site_still_answers(monkeypatch):
    app = CountingApp()
    site = Site(PageCache(app))

    def broken(*args, **kwargs):
        raise ConnectionError("redis is down")

    monkeypatch.setattr(cache, "get", broken)
    monkeypatch.setattr(cache, "get_many", broken)
    answer = site.get("/news/hot/")
    assert (answer.status_code, answer.cache) == (200, None)
    assert app.renders == 1


def _hashed(path: str) -> str:
    import hashlib

    return hashlib.sha1(f"http:{path}?".encode()).hexdigest()


def test_forwarded_proto_only_http_or_https_in_key(site, story):
    site.get(story.get_absolute_url())
    assert site.get(story.get_absolute_url(), x_forwarded_proto="gopher").cache == "HIT"
    assert site.get(story.get_absolute_url(), x_forwarded_proto="https").cache == "MISS"


def test_local_copies_drop_least_recently_stored_past_byte_limit():
    local = pagecache.LocalPages(max_bytes=3 * (1000 + 2048))
    stored = {
        "status": "200 OK", "headers": [], "etag": "x", "cache_control": "public",
        "stored_at": time.time(), "fresh_until": time.time() + 60, "gens": {},
    }  # fmt: skip
    for key in ("a", "b", "c", "d"):
        local.put(key, pagecache.Page(stored | {"bodies": {"identity": b"x" * 1000}}))
    assert list(local.pages) == ["b", "c", "d"]
    assert local.bytes == 3 * (1000 + 2048)
