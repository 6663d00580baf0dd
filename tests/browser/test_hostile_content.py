"""The XSS corpus on a real page in a real browser: nothing runs. The first context
switches our Content-Security-Policy off, so escaping alone has to hold; the second keeps
it, as readers have it."""

import pytest
from django.urls import Resolver404, resolve
from playwright.sync_api import expect

from shpalta.news.models import Author, Source
from tests.factories.news import ArticleFactory
from tests.xss_corpus import XSS_CORPUS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def hostile_article():
    payload = " ".join(XSS_CORPUS)
    author = Author.objects.create(name=f"Автор {payload}"[:200], slug="avtor", bio=payload)
    source = Source.objects.create(name=XSS_CORPUS[1], url="javascript:window.__pwned=1")
    return ArticleFactory(
        headline=f"Заголовок {payload}"[:300],
        lede=f"Лід {payload}",
        body=f"<p>Текст статті.</p>{payload}",
        authors=[author],
        sources=[source],
    )


@pytest.mark.parametrize("bypass_csp", [True, False], ids=["without-csp", "with-csp"])
def test_hostile_article_runs_nothing(live_server, new_page, hostile_article, bypass_csp):
    page = new_page(bypass_csp=bypass_csp)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    article = hostile_article
    urls = ["/", article.get_absolute_url(), article.authors.get().get_absolute_url()]
    for url in urls:
        page.goto(live_server.url + url)
        page.wait_for_load_state("networkidle")
        assert page.evaluate("typeof window.__pwned") == "undefined", url
    # Click every link in the article: none may be a javascript: address.
    page.goto(live_server.url + article.get_absolute_url())
    for link in page.locator("article a").all():
        href = link.get_attribute("href") or ""
        assert not href.lower().startswith("javascript"), href
    # The headline's tags were stripped on save; the source's name is shown as text.
    expect(page.locator("h1")).to_contain_text('– <img src=x onerror="window.__pwned=1">')
    assert dialogs == []
    assert page.errors == []


def _search_exists() -> bool:
    try:
        resolve("/search/")
    except Resolver404:
        return False
    return True


@pytest.mark.skipif(not _search_exists(), reason="no search page on this branch yet")
def test_hostile_search_query_runs_nothing(live_server, new_page):
    page = new_page(bypass_csp=True)
    page.goto(live_server.url + "/")
    page.get_by_role("searchbox").fill(XSS_CORPUS[1])
    page.get_by_role("searchbox").press("Enter")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("typeof window.__pwned") == "undefined"
