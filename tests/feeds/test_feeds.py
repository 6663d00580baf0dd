from email.utils import format_datetime

import feedparser
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from shpalta.news.models import Article
from shpalta.news.services import article_save
from shpalta.ukrainian.dates import to_kyiv
from tests.factories.news import (
    ArticleFactory,
    AuthorFactory,
    SectionFactory,
    TagFactory,
    draft,
    scheduled,
)
from tests.queries import queries_for

pytestmark = pytest.mark.django_db

SITE = "http://127.0.0.1:8000"


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response, feedparser.parse(response.content)


@pytest.fixture
def story():
    section = SectionFactory(name="Політика", slug="polityka")
    authors = [AuthorFactory(name="Богдана Бойко"), AuthorFactory(name="Андрій Мельник")]
    tags = [TagFactory(name="вибори"), TagFactory(name="Рада")]
    return ArticleFactory(
        headline="Рада ухвалила бюджет на 2027 рік",
        lede="Депутати підтримали документ у другому читанні.",
        section=section,
        authors=authors,
        tags=tags,
    )


def test_site_rss_lists_article_with_every_field(client, story):
    response, feed = parse(client, "/feed/")
    assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
    assert response["Cache-Control"] == "public, max-age=120"
    assert feed.bozo == 0
    assert feed.version == "rss20"
    assert feed.feed.title == "Шпальта"
    assert feed.feed.language == "uk"
    assert feed.feed.link == f"{SITE}/"
    entry = feed.entries[0]
    assert entry.title == "Рада ухвалила бюджет на 2027 рік"
    assert entry.link == f"{SITE}{story.get_absolute_url()}"
    assert entry.summary == "Депутати підтримали документ у другому читанні."
    assert entry.id == f"{SITE}/?article={story.pk}"
    assert [tag.term for tag in entry.tags] == ["Політика", "Рада", "вибори"]
    assert "content" not in entry  # lede only by default
    raw = response.content.decode()
    assert f"<pubDate>{format_datetime(to_kyiv(story.published_at))}</pubDate>" in raw
    assert "<dc:creator>Андрій Мельник</dc:creator><dc:creator>Богдана Бойко</dc:creator>" in raw


def test_site_atom_lists_article_with_authors_and_offset_dates(client, story):
    response, feed = parse(client, "/feed/atom/")
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    assert feed.bozo == 0
    assert feed.version == "atom10"
    assert feed.feed.language == "uk"
    entry = feed.entries[0]
    assert entry.title == story.headline
    assert entry.published == to_kyiv(story.published_at).isoformat()
    assert [(a.name, a.href) for a in entry.authors] == [
        ("Андрій Мельник", f"{SITE}{story.authors.get(name='Андрій Мельник').get_absolute_url()}"),
        ("Богдана Бойко", f"{SITE}{story.authors.get(name='Богдана Бойко').get_absolute_url()}"),
    ]
    assert entry.summary == story.lede


@pytest.mark.parametrize("url", ["/feed/", "/feed/atom/"])
def test_feed_carries_full_text_when_setting_is_on(client, settings, story, url):
    settings.FEEDS_FULL_TEXT = True
    _response, feed = parse(client, url)
    assert feed.entries[0].content[0].value == story.body
    assert feed.entries[0].summary == story.lede


def test_feed_summary_falls_back_to_teaser_without_lede(client):
    article = ArticleFactory(lede="")
    _response, feed = parse(client, "/feed/")
    assert feed.entries[0].summary == article.teaser != ""


def test_feed_is_newest_first_and_limited(client, settings):
    settings.FEEDS_ITEMS = 3
    articles = ArticleFactory.create_batch(5)  # each a minute older than the one before
    _response, feed = parse(client, "/feed/")
    assert [e.title for e in feed.entries] == [a.headline for a in articles[:3]]


@pytest.mark.parametrize("suffix", ["feed/", "feed/atom/"])
def test_subject_feeds_list_only_their_articles(client, story, suffix):
    other = ArticleFactory(headline="Інша новина з іншого розділу")
    section, tag, author = story.section, story.tags.first(), story.authors.first()
    for prefix, title in [
        (f"/section/{section.slug}/", "Шпальта — Політика"),
        (f"/tag/{tag.slug}/", f"Шпальта — тег «{tag.name}»"),
        (f"/author/{author.slug}/", f"Шпальта — {author.name}"),
    ]:
        _response, feed = parse(client, prefix + suffix)
        assert feed.feed.title == title
        assert [e.title for e in feed.entries] == [story.headline], prefix
        assert other.headline not in {e.title for e in feed.entries}


@pytest.mark.parametrize("kind", ["section", "tag", "author"])
@pytest.mark.parametrize("suffix", ["feed/", "feed/atom/"])
def test_subject_feed_with_unknown_slug_is_404(client, kind, suffix):
    assert client.get(f"/{kind}/nema-takoho/{suffix}").status_code == 404


def test_feeds_never_show_drafts_or_future_articles(client):
    section, tag, author = SectionFactory(), TagFactory(), AuthorFactory()
    related = {"section": section, "tags": [tag], "authors": [author]}
    public = ArticleFactory(headline="Опублікована новина", **related)
    draft(headline="Чернетка новини", **related)
    scheduled(headline="Запланована новина", **related)
    unpublished = ArticleFactory(headline="Знята з публікації новина", **related)
    unpublished.status = Article.Status.DRAFT
    article_save(article=unpublished)
    for prefix in [
        "/",
        f"/section/{section.slug}/",
        f"/tag/{tag.slug}/",
        f"/author/{author.slug}/",
    ]:
        for suffix in ["feed/", "feed/atom/"]:
            _response, feed = parse(client, prefix + suffix)
            assert [e.title for e in feed.entries] == [public.headline], prefix + suffix


FEED_URLS = [
    "/feed/",
    "/feed/atom/",
    "/section/{s}/feed/",
    "/tag/{t}/feed/atom/",
    "/author/{a}/feed/",
]


@pytest.mark.parametrize("pattern", FEED_URLS)
def test_feed_query_count_is_flat(client, pattern):
    section, tag, author = SectionFactory(), TagFactory(), AuthorFactory()
    url = pattern.format(s=section.slug, t=tag.slug, a=author.slug)
    related = {"section": section, "tags": [tag], "authors": [author]}
    ArticleFactory(**related)
    one = queries_for(client, url)
    for _ in range(6):
        ArticleFactory(section=section, tags=[tag, TagFactory()], authors=[author, AuthorFactory()])
    many = queries_for(client, url)
    assert one == many == (3 if pattern.startswith("/feed") else 4)


def test_pages_link_their_feeds(client, story):
    section = story.section
    html = client.get(section.get_absolute_url()).content.decode()
    title = 'title="Шпальта — Політика"'
    assert f'"application/rss+xml" {title} href="/section/{section.slug}/feed/"' in html
    assert f'"application/atom+xml" {title} href="/section/{section.slug}/feed/atom/"' in html
    front = client.get("/").content.decode()
    assert 'type="application/rss+xml" title="Шпальта" href="/feed/"' in front


GIF = (
    b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00"
    b",\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
)


def test_feeds_carry_the_article_image(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    image = SimpleUploadedFile("mist.gif", GIF, content_type="image/gif")
    article = ArticleFactory(image=image)
    article.refresh_from_db()
    url = f"{SITE}{article.image.url}"
    _response, rss = parse(client, "/feed/")
    assert rss.entries[0].media_content == [{"url": url, "medium": "image", "type": "image/gif"}]
    _response, atom = parse(client, "/feed/atom/")
    assert [(e.href, e.type) for e in atom.entries[0].enclosures] == [(url, "image/gif")]


def test_feed_items_without_image_have_no_media(client):
    ArticleFactory()
    response, rss = parse(client, "/feed/")
    assert "media_content" not in rss.entries[0]
    assert b"<media:content" not in response.content
