from datetime import datetime, timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from lxml import etree

from shpalta.news.models import Article
from shpalta.news.services import article_save
from shpalta.ukrainian.dates import KYIV, to_kyiv
from tests.factories.news import ArticleFactory, AuthorFactory, SectionFactory, draft, scheduled
from tests.queries import queries_for

pytestmark = pytest.mark.django_db

SITE = "http://127.0.0.1:8000"
XSD = Path(__file__).parent / "xsd"
NS = {
    "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}


def schema(name: str) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(XSD / name)))


def fetch(client, url: str, xsd: str) -> etree._Element:
    """The document at `url`, after checking it against the protocol's schema."""
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    document = etree.fromstring(response.content)
    validator = schema(xsd)
    assert validator.validate(document), (url, validator.error_log)
    return document


def locs(document) -> list[str]:
    return document.xpath("//s:loc/text()", namespaces=NS)


def local_path(url: str) -> str:
    return url.removeprefix(SITE)


def at_kyiv(*args) -> datetime:
    return datetime(*args, tzinfo=KYIV)


def test_index_and_every_file_in_it_validate(client):
    section = SectionFactory(name="Економіка", slug="ekonomika")
    author = AuthorFactory()
    article = ArticleFactory(section=section, authors=[author])
    index = fetch(client, "/sitemap.xml", "siteindex.xsd")
    month = to_kyiv(article.published_at)
    assert locs(index) == [
        f"{SITE}/sitemaps/sections.xml",
        f"{SITE}/sitemaps/authors.xml",
        f"{SITE}/sitemaps/articles-{month.year}-{month.month}.xml",
        f"{SITE}/news-sitemap.xml",
    ]
    for loc in locs(index)[:-1]:
        fetch(client, local_path(loc), "sitemap.xsd")
    fetch(client, "/news-sitemap.xml", "news-urlset.xsd")


def test_article_sitemap_lists_articles_by_month_with_offset_lastmod(client):
    october = ArticleFactory(published_at=at_kyiv(2026, 10, 31, 23, 30))
    november = ArticleFactory(published_at=at_kyiv(2026, 11, 1, 0, 30))
    document = fetch(client, "/sitemaps/articles-2026-10.xml", "sitemap.xsd")
    assert locs(document) == [f"{SITE}{october.get_absolute_url()}"]
    october.refresh_from_db()
    lastmod = document.xpath("//s:lastmod/text()", namespaces=NS)[0]
    assert lastmod == to_kyiv(october.updated_at).isoformat(timespec="seconds")
    assert lastmod.endswith("+02:00")
    assert locs(fetch(client, "/sitemaps/articles-2026-11.xml", "sitemap.xsd")) == [
        f"{SITE}{november.get_absolute_url()}"
    ]


def test_article_sitemap_splits_at_the_limit(client, settings):
    settings.SITEMAP_LIMIT = 2
    articles = [ArticleFactory(published_at=at_kyiv(2026, 9, day, 12)) for day in range(1, 6)]
    index = fetch(client, "/sitemap.xml", "siteindex.xsd")
    month_files = [loc for loc in locs(index) if "articles-" in loc]
    assert month_files == [
        f"{SITE}/sitemaps/articles-2026-9.xml",
        f"{SITE}/sitemaps/articles-2026-9-2.xml",
        f"{SITE}/sitemaps/articles-2026-9-3.xml",
    ]
    pages = [locs(fetch(client, local_path(loc), "sitemap.xsd")) for loc in month_files]
    assert pages == [
        [f"{SITE}{a.get_absolute_url()}" for a in articles[0:2]],
        [f"{SITE}{a.get_absolute_url()}" for a in articles[2:4]],
        [f"{SITE}{articles[4].get_absolute_url()}"],
    ]
    assert client.get("/sitemaps/articles-2026-9-4.xml").status_code == 404
    assert client.get("/sitemaps/articles-2026-9-1.xml").status_code == 404  # duplicate of page 1


def test_section_sitemap_has_front_page_and_every_section(client, settings):
    sections = [SectionFactory(position=n) for n in range(3)]
    ArticleFactory(section=sections[0])
    document = fetch(client, "/sitemaps/sections.xml", "sitemap.xsd")
    assert locs(document) == [f"{SITE}/", *(f"{SITE}{s.get_absolute_url()}" for s in sections)]
    settings.SITEMAP_LIMIT = 2
    assert len(locs(fetch(client, "/sitemaps/sections.xml", "sitemap.xsd"))) == 2
    assert locs(fetch(client, "/sitemaps/sections-2.xml", "sitemap.xsd")) == [
        f"{SITE}{s.get_absolute_url()}" for s in sections[1:]
    ]
    assert client.get("/sitemaps/sections-3.xml").status_code == 404


def test_author_sitemap_lists_only_authors_with_public_articles(client, settings):
    active, only_drafts, idle = AuthorFactory(), AuthorFactory(), AuthorFactory()
    ArticleFactory(authors=[active])
    draft(authors=[only_drafts])
    scheduled(authors=[only_drafts])
    document = fetch(client, "/sitemaps/authors.xml", "sitemap.xsd")
    assert locs(document) == [f"{SITE}{active.get_absolute_url()}"]
    assert idle.get_absolute_url() not in str(locs(document))


def test_author_sitemap_splits_at_the_limit(client, settings):
    settings.SITEMAP_LIMIT = 2
    authors = AuthorFactory.create_batch(3)
    ArticleFactory(authors=authors)
    index = fetch(client, "/sitemap.xml", "siteindex.xsd")
    assert [loc for loc in locs(index) if "authors" in loc] == [
        f"{SITE}/sitemaps/authors.xml",
        f"{SITE}/sitemaps/authors-2.xml",
    ]
    assert len(locs(fetch(client, "/sitemaps/authors-2.xml", "sitemap.xsd"))) == 1


def test_news_sitemap_has_only_last_two_days_with_publication_and_title(client):
    fresh = ArticleFactory(headline="Уряд оновив правила перетину кордону — Шпальта")
    ArticleFactory(published_at=timezone.now() - timedelta(days=2, minutes=1))
    document = fetch(client, "/news-sitemap.xml", "news-urlset.xsd")
    assert locs(document) == [f"{SITE}{fresh.get_absolute_url()}"]
    news = document.xpath("//news:news", namespaces=NS)[0]
    text = {el.tag.split("}")[1]: el.text for el in news.iter() if el.text and el.text.strip()}
    assert text == {
        "name": "Шпальта",
        "language": "uk",
        "publication_date": to_kyiv(fresh.published_at).isoformat(timespec="seconds"),
        "title": "Уряд оновив правила перетину кордону",
    }


def test_news_sitemap_splits_at_the_limit(client, settings):
    settings.NEWS_SITEMAP_LIMIT = 2
    articles = ArticleFactory.create_batch(3)
    index = fetch(client, "/sitemap.xml", "siteindex.xsd")
    assert [loc for loc in locs(index) if "news" in loc] == [
        f"{SITE}/news-sitemap.xml",
        f"{SITE}/news-sitemap-2.xml",
    ]
    assert locs(fetch(client, "/news-sitemap.xml", "news-urlset.xsd")) == [
        f"{SITE}{a.get_absolute_url()}" for a in articles[:2]
    ]
    assert locs(fetch(client, "/news-sitemap-2.xml", "news-urlset.xsd")) == [
        f"{SITE}{articles[2].get_absolute_url()}"
    ]
    assert client.get("/news-sitemap-3.xml").status_code == 404


def test_sitemaps_never_list_drafts_or_future_articles(client):
    public = ArticleFactory()
    hidden = [draft(), scheduled()]
    unpublished = ArticleFactory()
    unpublished.status = Article.Status.DRAFT
    unpublished.save()
    hidden.append(unpublished)
    urls = []
    for loc in locs(fetch(client, "/sitemap.xml", "siteindex.xsd")):
        xsd = "news-urlset.xsd" if "news" in loc else "sitemap.xsd"
        urls += locs(fetch(client, local_path(loc), xsd))
    assert f"{SITE}{public.get_absolute_url()}" in urls
    for article in hidden:
        assert not any(article.slug in url for url in urls), article.slug


def test_empty_news_sitemap_is_still_answered(client):
    response = client.get("/news-sitemap.xml")
    assert response.status_code == 200
    assert locs(etree.fromstring(response.content)) == []


@pytest.mark.parametrize(
    "url",
    ["/sitemaps/articles-2026-13.xml", "/sitemaps/articles-2026-0.xml", "/sitemaps/authors-1.xml",
     "/sitemaps/articles-2020-1.xml", "/news-sitemap-1.xml", "/sitemaps/nothing.xml",
     "/sitemaps/articles-9999-12.xml", "/sitemaps/articles-1-1.xml",
     "/sitemaps/authors-99999999999999999999999.xml", "/news-sitemap-99999999999999999999.xml"],
)  # fmt: skip
def test_bad_sitemap_addresses_are_404(client, url):
    ArticleFactory()
    assert client.get(url).status_code == 404


SITEMAP_URLS = ["/sitemap.xml", "/sitemaps/sections.xml", "/sitemaps/authors.xml",
                "/news-sitemap.xml", "/sitemaps/articles-{y}-{m}.xml"]  # fmt: skip


@pytest.mark.parametrize("pattern", SITEMAP_URLS)
def test_sitemap_query_count_is_flat(client, pattern):
    moment = timezone.now() - timedelta(hours=1)
    local = to_kyiv(moment)
    url = pattern.format(y=local.year, m=local.month)
    ArticleFactory(published_at=moment, authors=[AuthorFactory()])
    one = queries_for(client, url)
    for n in range(6):
        ArticleFactory(
            published_at=moment - timedelta(seconds=n + 1),
            section=SectionFactory(),
            authors=[AuthorFactory()],
        )
    assert queries_for(client, url) == one == (6 if pattern == "/sitemap.xml" else 1)


def test_robots_txt_names_sitemaps_and_closes_editor_pages(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode() == (
        "User-agent: *\n"
        "Disallow: /admin/\nDisallow: /preview/\nDisallow: /ratings/\n"
        "Disallow: /api/\nDisallow: /search/\n\n"
        f"Sitemap: {SITE}/sitemap.xml\n"
        f"Sitemap: {SITE}/news-sitemap.xml\n"
    )


def test_index_is_cached_until_an_article_changes(client, django_assert_num_queries):
    ArticleFactory()
    fetch(client, "/sitemap.xml", "siteindex.xsd")
    with django_assert_num_queries(0):
        assert client.get("/sitemap.xml").status_code == 200
    article = ArticleFactory(published_at=at_kyiv(2025, 1, 15, 12))
    assert f"{SITE}/sitemaps/articles-2025-1.xml" in locs(
        fetch(client, "/sitemap.xml", "siteindex.xsd")
    )
    article.status = Article.Status.DRAFT
    article_save(article=article)
    assert f"{SITE}/sitemaps/articles-2025-1.xml" not in locs(
        fetch(client, "/sitemap.xml", "siteindex.xsd")
    )
