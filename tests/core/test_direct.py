"""Article misses answered by the view without Django's handler (shpalta.core.direct):
the same bytes and headers as Django's own answer, and Django for everything else."""

import pytest
from django.core.handlers.wsgi import WSGIHandler

from shpalta.core.generations import generations_bump
from shpalta.core.pagecache import PageCache, path_tag, wsgi_path
from shpalta.news.models import SlugRedirect
from tests.core.conftest import Site
from tests.factories.news import ArticleFactory

# Set per request by the page cache, not by Django or the view.
PER_REQUEST = {"Last-Modified", "X-Cache"}


class CountingHandler(WSGIHandler):
    """Django's handler, counting the requests that reach it."""

    calls = 0

    def __call__(self, environ, start_response):
        self.calls += 1
        return super().__call__(environ, start_response)


@pytest.fixture
def handler(db, wsgi_signals_quiet, settings):
    settings.PAGE_CACHE_LOCAL_CHECK_SECONDS = 0  # a purge reaches this process's copies at once
    return CountingHandler()


@pytest.fixture
def site(handler):
    return Site(PageCache(handler))


def purge(url: str) -> None:
    generations_bump([path_tag(wsgi_path(url))])


def stable(answer) -> dict:
    return {k: v for k, v in answer.headers.items() if k not in PER_REQUEST}


def test_second_miss_skips_django_with_the_same_answer(site, handler):
    story = ArticleFactory(headline="Міст через Дніпро відкрили")
    url = story.get_absolute_url()
    through_django = site.get(url)
    purge(url)
    direct = site.get(url)
    assert (through_django.cache, direct.cache) == ("MISS", "MISS")
    assert handler.calls == 1
    assert direct.body == through_django.body
    assert stable(direct) == stable(through_django)
    assert "Міст через Дніпро відкрили" in direct.text


def test_direct_miss_makes_the_same_queries_as_django(site, story_pair, django_assert_num_queries):
    first, second = story_pair
    site.get(first.get_absolute_url())  # Django answers; the headers are learned
    site.get(second.get_absolute_url())  # its stored markup is made
    purge(second.get_absolute_url())
    with django_assert_num_queries(2):
        answer = site.get(second.get_absolute_url())
    assert answer.status_code == 200


@pytest.fixture
def story_pair(db):
    return ArticleFactory(), ArticleFactory()


def test_direct_miss_declares_the_same_tags(site, story_pair):
    first, second = story_pair
    site.get(first.get_absolute_url())
    site.get(second.get_absolute_url())  # direct: its «Інші новини» list the first story
    generations_bump([f"article:{first.pk}"])  # the first story was edited
    assert site.get(second.get_absolute_url()).cache == "MISS"


def test_https_learns_its_own_headers(db, wsgi_signals_quiet, settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_HSTS_SECONDS = 3600
    handler = CountingHandler()
    site = Site(PageCache(handler))
    first, second = ArticleFactory(), ArticleFactory()
    site.get(first.get_absolute_url())  # learned for http: no HSTS there
    secure = site.get(second.get_absolute_url(), X_FORWARDED_PROTO="https")
    assert handler.calls == 2  # https went through Django once
    assert secure.headers["Strict-Transport-Security"] == "max-age=3600"
    again = site.get(first.get_absolute_url(), X_FORWARDED_PROTO="https")
    assert handler.calls == 2
    assert again.headers["Strict-Transport-Security"] == "max-age=3600"
    assert "Strict-Transport-Security" not in site.get(second.get_absolute_url()).headers


def test_moved_article_still_redirects_after_learning(site, handler):
    story, moved = ArticleFactory(), ArticleFactory()
    site.get(story.get_absolute_url())
    SlugRedirect.objects.create(old_slug="stara-adresa", article=moved)
    answer = site.get("/news/stara-adresa/")
    assert answer.status_code == 301
    assert answer.headers["Location"] == moved.get_absolute_url()


def test_missing_article_is_djangos_404_after_learning(site, handler):
    story = ArticleFactory()
    site.get(story.get_absolute_url())
    answer = site.get("/news/nemaie-takoi/")
    assert answer.status_code == 404
    assert handler.calls == 2
    assert "Content-Security-Policy" in answer.headers


def test_changed_settings_forget_the_learned_headers(site, handler, settings):
    first, second = ArticleFactory(), ArticleFactory()
    site.get(first.get_absolute_url())
    settings.SECURE_REFERRER_POLICY = "no-referrer"  # a new handler's middleware would send it
    site.get(second.get_absolute_url())
    assert handler.calls == 2


def test_other_pages_go_through_django(site, handler):
    ArticleFactory()
    site.get("/")
    purge("/")
    site.get("/")
    assert handler.calls == 2


def test_page_cache_around_another_application_renders_nothing_directly():
    def app(environ, start_response):
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"ok"]

    assert PageCache(app).direct is None
