import re
from datetime import UTC, datetime
from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model

from shpalta.news.previews import preview_token
from tests.factories.news import (
    ArticleFactory,
    AuthorFactory,
    SectionFactory,
    SourceFactory,
    TagFactory,
    draft,
    scheduled,
)

pytestmark = pytest.mark.django_db


class OtherNewsParser(HTMLParser):
    """Collects the «Інші новини» items: each card's link, headline and teaser."""

    def __init__(self):
        super().__init__()
        self.items, self._in_block, self._field = [], False, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "section" and "other-news" in (attrs.get("class") or ""):
            self._in_block = True
        elif self._in_block and tag == "article":
            self.items.append({"href": None, "headline": "", "teaser": ""})
        elif self._in_block and tag == "a" and self.items and self.items[-1]["href"] is None:
            self.items[-1]["href"] = attrs.get("href")
            self._field = "headline"
        elif self._in_block and tag == "p" and "teaser" in (attrs.get("class") or ""):
            self._field = "teaser"

    def handle_endtag(self, tag):
        if tag in ("a", "p"):
            self._field = None
        if tag == "section":
            self._in_block = False

    def handle_data(self, data):
        if self._field and self.items:
            self.items[-1][self._field] += data


def other_news(html: str) -> list[dict]:
    parser = OtherNewsParser()
    parser.feed(html)
    return parser.items


LONG_BODY = (
    "<p>" + " ".join(["Мешканці Полтави обговорюють нову схему руху транспорту."] * 8) + "</p>"
)


def test_article_page_shows_six_other_news_with_word_boundary_teasers(client):
    articles = ArticleFactory.create_batch(9, body=LONG_BODY)
    response = client.get(articles[0].get_absolute_url())
    items = other_news(response.content.decode())
    assert len(items) == 6
    for item in items:
        assert item["href"].startswith("/news/")
        assert item["headline"].startswith("Міська рада ухвалила")
        assert item["teaser"].endswith("...")
        body_words = set(re.sub(r"<[^>]+>", " ", LONG_BODY).split()) | set(
            ArticleFactory.lede.split()
        )
        last_word = item["teaser"][:-3].split()[-1]
        assert last_word in body_words or last_word.rstrip(".,") in body_words


def test_other_news_never_includes_the_article_itself_drafts_or_future(client):
    article = ArticleFactory(headline="Головна стаття")
    draft(headline="Чернетка не для читачів")
    scheduled(headline="Заплановано на завтра")
    ArticleFactory.create_batch(3)
    html = client.get(article.get_absolute_url()).content.decode()
    headlines = [item["headline"] for item in other_news(html)]
    assert len(headlines) == 3
    assert "Головна стаття" not in headlines
    assert "Чернетка" not in html and "Заплановано" not in html


def test_article_page_shows_date_section_authors_and_attribution(client):
    source = SourceFactory(name="Міноборони", url="https://example.org/mod")
    author = AuthorFactory(name="Ірина Бондар")
    section = SectionFactory(name="Політика", slug="polityka")
    article = ArticleFactory(
        headline="Уряд оголосив нову програму",
        section=section,
        published_at=datetime(2025, 11, 28, 12, 5, tzinfo=UTC),
        authors=[author],
        sources=[source],
    )
    html = client.get(article.get_absolute_url()).content.decode()
    assert "28 листопада 2025, 14:05" in html
    assert '<a href="/section/polityka/">Політика</a>' in html
    assert f'<a rel="author" href="/author/{author.slug}/">Ірина Бондар</a>' in html
    assert (
        'З посиланням на <a href="https://example.org/mod" rel="noopener">Міноборони</a>.' in html
    )
    assert "<h1>Уряд оголосив нову програму – Міноборони</h1>" in html


def test_outlet_credit_follows_headlines_in_lists(client):
    politico = SourceFactory(name="Politico")
    credited = ArticleFactory(
        headline="Вашингтон і Пекін обмінялися ув’язненими", sources=[politico]
    )
    article = ArticleFactory()
    items = other_news(client.get(article.get_absolute_url()).content.decode())
    assert items[0]["headline"] == f"{credited.headline} – Politico"


def test_draft_and_future_articles_answer_404(client):
    for article in (draft(), scheduled()):
        response = client.get(article.get_absolute_url())
        assert response.status_code == 404
        assert "Сторінку не знайдено" in response.content.decode()


def test_never_shown_on_front_section_tag_or_author_pages(client):
    section, tag, author = SectionFactory(), TagFactory(), AuthorFactory()
    relations = {"section": section, "tags": [tag], "authors": [author]}
    ArticleFactory(headline="Видима новина", **relations)
    draft(headline="Секретна чернетка", **relations)
    scheduled(headline="Майбутня новина", **relations)
    for url in ["/", section.get_absolute_url(), tag.get_absolute_url(), author.get_absolute_url()]:
        html = client.get(url).content.decode()
        assert "Видима новина" in html, url
        assert "Секретна чернетка" not in html, url
        assert "Майбутня новина" not in html, url


def test_renamed_article_old_address_answers_301(client):
    from shpalta.news import services

    article = ArticleFactory(headline="Стара назва")
    article.slug = "nova"
    services.article_save(article=article)
    response = client.get("/news/stara-nazva/")
    assert (response.status_code, response["Location"]) == (301, "/news/nova/")


def test_front_page_has_top_story_latest_and_section_blocks(client):
    politics = SectionFactory(name="Політика", slug="polityka")
    sport = SectionFactory(name="Спорт", slug="sport")
    top = ArticleFactory(headline="Головна подія дня", is_top_story=True, section=politics)
    ArticleFactory.create_batch(5, section=politics)
    ArticleFactory.create_batch(2, section=sport)
    html = client.get("/").content.decode()
    assert 'aria-label="Головна новина"' in html and top.headline in html
    assert html.count('class="section-block"') == 2
    sport_block = html.split('id="block-sport"')[1]
    assert sport_block.count('class="card"') == 2
    politics_block = html.split('id="block-polityka"')[1].split('class="section-block"')[0]
    assert politics_block.count('class="card"') == 4


def test_section_pagination_without_overlap(client, settings):
    settings.NEWS_PAGE_SIZE = 3
    section = SectionFactory()
    ArticleFactory.create_batch(7, section=section)
    pages = [client.get(f"{section.get_absolute_url()}?page={n}") for n in (1, 2, 3)]
    hrefs = [
        re.findall(r'<h3 class="card-title"><a href="([^"]+)"', p.content.decode()) for p in pages
    ]
    assert [len(h) for h in hrefs] == [3, 3, 1]
    assert len({href for page in hrefs for href in page}) == 7
    assert (
        'rel="next"' in pages[0].content.decode() and 'rel="next"' not in pages[2].content.decode()
    )


@pytest.mark.parametrize("page", ["0", "-1", "abc", "99", "1e3", "999999999999"])
def test_bad_page_numbers_are_404_not_500(client, page):
    section = SectionFactory()
    ArticleFactory(section=section)
    assert client.get(f"{section.get_absolute_url()}?page={page}").status_code == 404


def test_unknown_addresses_get_ukrainian_404(client):
    for url in ["/news/nemaie/", "/section/nemaie/", "/tag/nemaie/", "/author/nemaie/", "/x/"]:
        response = client.get(url)
        assert response.status_code == 404
        assert "Сторінку не знайдено" in response.content.decode()


def test_preview_of_draft_is_for_staff_only(client):
    article = draft(headline="Ще не готово")
    url = f"/preview/{preview_token(article.pk)}/"
    anonymous = client.get(url)
    assert anonymous.status_code == 302
    staff = get_user_model().objects.create_user("editor", password="x", is_staff=True)
    client.force_login(staff)
    response = client.get(url)
    assert response.status_code == 200
    assert "Попередній перегляд" in response.content.decode()
    assert response["Cache-Control"] == "private, no-store"


def test_pages_have_no_inline_script_or_style(client):
    article = ArticleFactory(sources=[SourceFactory()])
    for url in ["/", article.get_absolute_url(), article.section.get_absolute_url()]:
        html = client.get(url).content.decode()
        assert "<style" not in html and " style=" not in html
        # JSON-LD is a data block, never executed, so CSP's script-src does not apply to it.
        scripts = [t for t in re.findall(r"<script[^>]*>", html) if "application/ld+json" not in t]
        assert all('src="' in tag for tag in scripts)


def _count_queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_page_query_count_is_flat_from_1_to_50_articles(client):
    # One archive for all five pages: building 100 articles is the slow part of this test.
    section, tag, author = SectionFactory(), TagFactory(), AuthorFactory()
    extra = {"section": section, "tags": [tag], "authors": [author], "sources": [SourceFactory()]}
    first = ArticleFactory(**extra)
    ArticleFactory(**extra)  # one item in every list, «Інші новини» included
    urls = {
        "article": first.get_absolute_url(),
        "front": "/",
        "section": section.get_absolute_url(),
        "tag": tag.get_absolute_url(),
        "author": author.get_absolute_url(),
    }
    one = _cold_and_warm_counts(client, urls)
    shared = {"tags": [tag], "authors": [author], "sources": [SourceFactory()]}
    for n in range(49):
        ArticleFactory(section=SectionFactory(slug=f"s{n % 6}"), **shared)
        ArticleFactory(section=section, **shared)
    many = _cold_and_warm_counts(client, urls)
    assert many == one
    cold, warm = many
    # The article's first view after a change also renders and stores its markup and the
    # cards of «Інші новини» (shpalta.news.fragments); later views join stored strings.
    assert cold["article"] <= 16
    assert max(warm.values()) <= 6
    assert warm["article"] <= 4


def _cold_and_warm_counts(client, urls) -> tuple[dict, dict]:
    cold = {name: _count_queries(client, url) for name, url in urls.items()}
    warm = {name: _count_queries(client, url) for name, url in urls.items()}
    return cold, warm


@pytest.mark.parametrize("url_of", ["front", "section"])
def test_top_and_pinned_ids_never_an_or_of_subqueries_on_postgresql(client, url_of):
    # PostgreSQL answers `id IN (…) OR id IN (…)` with a scan of the whole table (1 s at
    # 1,000,000 articles); a UNION ALL of the LIMITed id queries walks the partial indexes.
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    if connection.vendor != "postgresql":
        pytest.skip("the query shape is chosen for PostgreSQL; SQLite reads the OR off its index")
    section = SectionFactory()
    ArticleFactory(section=section, is_top_story=True, is_pinned=True)
    url = "/" if url_of == "front" else section.get_absolute_url()
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    featured = [q["sql"] for q in ctx.captured_queries if '"is_pinned")' in q["sql"]]
    assert featured, "no query for the pinned stories"
    assert all("UNION ALL" in sql and ") OR " not in sql for sql in featured)
