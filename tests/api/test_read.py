from datetime import datetime, timedelta

import pytest
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

from shpalta.news.models import Article
from shpalta.ratings.services import vote_cast
from shpalta.ukrainian.dates import KYIV, to_kyiv
from tests.factories.news import (
    ArticleFactory,
    AuthorFactory,
    SectionFactory,
    SourceFactory,
    TagFactory,
    draft,
    scheduled,
)
from tests.queries import queries_for

pytestmark = pytest.mark.django_db

SITE = "http://127.0.0.1:8000"


def api_time(moment) -> str:
    """As the API writes times: Kyiv offset, milliseconds (Django's JSON encoder)."""
    return DjangoJSONEncoder().default(to_kyiv(moment))


def get(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, (url, response.content)
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def headlines(body) -> list[str]:
    return [item["headline"] for item in body["items"]]


def test_article_list_item_has_every_field(client):
    section = SectionFactory(name="Спорт", slug="sport")
    author = AuthorFactory(name="Тарас Гнатюк", slug="taras-hnatiuk")
    tag = TagFactory(name="футбол", slug="futbol")
    article = ArticleFactory(
        headline="Збірна виграла", section=section, authors=[author], tags=[tag]
    )
    article.refresh_from_db()
    body = get(client, "/api/v1/articles/")
    assert body == {
        "items": [
            {
                "id": article.pk,
                "slug": article.slug,
                "url": f"{SITE}/news/{article.slug}/",
                "headline": "Збірна виграла",
                "lede": article.lede,
                "teaser": article.teaser,
                "section": {"slug": "sport", "name": "Спорт", "url": f"{SITE}/section/sport/"},
                "authors": [
                    {
                        "slug": "taras-hnatiuk",
                        "name": "Тарас Гнатюк",
                        "url": f"{SITE}/author/taras-hnatiuk/",
                    }
                ],
                "tags": [{"slug": "futbol", "name": "футбол", "url": f"{SITE}/tag/futbol/"}],
                "published_at": api_time(article.published_at),
                "updated_at": api_time(article.updated_at),
                "image": None,
                "image_alt": "",
            }
        ],
        "next_cursor": None,
    }


def test_article_list_filters_by_section_tag_author_and_date(client):
    section, tag, author = (
        SectionFactory(slug="ekonomika"),
        TagFactory(slug="hryvnia"),
        AuthorFactory(slug="olha"),
    )
    in_section = ArticleFactory(headline="У розділі", section=section)
    tagged = ArticleFactory(headline="З тегом", tags=[tag])
    by_author = ArticleFactory(headline="Авторська", authors=[author])
    old = ArticleFactory(headline="Стара", published_at=datetime(2026, 3, 1, 0, 30, tzinfo=KYIV))
    assert headlines(get(client, "/api/v1/articles/?section=ekonomika")) == [in_section.headline]
    assert headlines(get(client, "/api/v1/articles/?tag=hryvnia")) == [tagged.headline]
    assert headlines(get(client, "/api/v1/articles/?author=olha")) == [by_author.headline]
    # Kyiv dates: 00:30 on 1 March in Kyiv is still 28 February in UTC.
    assert headlines(get(client, "/api/v1/articles/?date_from=2026-03-01&date_to=2026-03-01")) == [
        old.headline
    ]
    assert headlines(get(client, "/api/v1/articles/?date_to=2026-02-28")) == []
    assert old.headline not in headlines(get(client, "/api/v1/articles/?date_from=2026-03-02"))


def test_article_list_cursor_walks_every_article_once(client):
    moment = timezone.now() - timedelta(hours=2)
    same_time = [ArticleFactory(published_at=moment) for _ in range(3)]  # ties broken by id
    others = ArticleFactory.create_batch(4)
    seen, url = [], "/api/v1/articles/?limit=2"
    while url:
        body = get(client, url)
        assert len(body["items"]) <= 2
        seen += [item["id"] for item in body["items"]]
        url = (
            f"/api/v1/articles/?limit=2&cursor={body['next_cursor']}"
            if body["next_cursor"]
            else None
        )
    expected = Article.objects.published().newest_first().values_list("id", flat=True)
    assert seen == list(expected)
    assert set(seen) == {a.pk for a in same_time + others}


def test_article_list_cursor_keeps_filters(client):
    section = SectionFactory(slug="svit")
    ArticleFactory.create_batch(3, section=section)
    ArticleFactory.create_batch(2)
    first = get(client, "/api/v1/articles/?section=svit&limit=2")
    rest = get(client, f"/api/v1/articles/?section=svit&limit=2&cursor={first['next_cursor']}")
    assert len(first["items"]) + len(rest["items"]) == 3
    assert rest["next_cursor"] is None


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("section=nema", "Розділу з адресою «nema» немає."),
        ("tag=nema", "Тегу з адресою «nema» немає."),
        ("author=nema", "Автора з адресою «nema» немає."),
        ("date_from=2026-05-02&date_to=2026-05-01", "date_from не може бути пізніше за date_to."),
        (
            "cursor=bm9wZQ",
            "Неправильний cursor: беріть його лише з next_cursor попередньої відповіді.",
        ),
    ],
)
def test_article_list_bad_filters_are_400_with_reason(client, query, message):
    assert get(client, f"/api/v1/articles/?{query}", status=400) == {"error": message}


@pytest.mark.parametrize(
    "query", ["limit=0", "limit=101", "limit=abc", "date_from=1", "section=%D0%B0"]
)
def test_article_list_invalid_parameters_are_400_with_field(client, query):
    body = get(client, f"/api/v1/articles/?{query}", status=400)
    field = query.split("=")[0]
    assert body["details"][0]["field"] == f"query.{field}"
    assert body["error"].startswith("Неправильний запит — query.")


def test_article_list_and_detail_never_show_drafts_or_future(client):
    public = ArticleFactory()
    hidden = [draft(), scheduled()]
    assert [item["id"] for item in get(client, "/api/v1/articles/")["items"]] == [public.pk]
    for article in hidden:
        assert get(client, f"/api/v1/articles/{article.pk}/", status=404) == {
            "error": "Такої статті немає, або вона ще не опублікована."
        }
        get(client, f"/api/v1/articles/by-slug/{article.slug}/", status=404)
        get(client, f"/api/v1/articles/{article.pk}/rating/", status=404)


def test_article_detail_has_body_sources_and_rating(client):
    article = ArticleFactory(sources=[SourceFactory(name="Reuters", url="https://reuters.com")])
    vote_cast(article_id=article.pk, reader="a" * 32, stars=4)
    vote_cast(article_id=article.pk, reader="b" * 32, stars=5)
    body = get(client, f"/api/v1/articles/{article.pk}/")
    assert body["body"] == article.body
    assert body["sources"] == [{"name": "Reuters", "url": "https://reuters.com"}]
    assert body["image_credit"] == ""
    assert body["rating"] == {
        "average": 4.5,
        "average_display": "4,5",
        "votes": 2,
        "votes_display": "2 голоси",
        "label": "Середня оцінка: 4,5 з 5 · 2 голоси",
    }
    assert get(client, f"/api/v1/articles/by-slug/{article.slug}/") == body
    assert get(client, f"/api/v1/articles/{article.pk}/rating/") == body["rating"]


def test_sections_tags_and_authors(client):
    section = SectionFactory(name="Культура", slug="kultura", position=1)
    SectionFactory(name="Новини", slug="novyny", position=0)
    TagFactory(name="кіно", slug="kino")
    AuthorFactory(name="Леся Українка", slug="lesia", bio="Поетеса.")
    assert [s["slug"] for s in get(client, "/api/v1/sections/")] == ["novyny", "kultura"]
    assert get(client, "/api/v1/sections/kultura/") == {
        "slug": "kultura",
        "name": "Культура",
        "url": f"{SITE}{section.get_absolute_url()}",
        "description": "",
    }
    assert get(client, "/api/v1/tags/")["items"] == [
        {"slug": "kino", "name": "кіно", "url": f"{SITE}/tag/kino/"}
    ]
    assert get(client, "/api/v1/authors/lesia/")["bio"] == "Поетеса."
    for url in ["/api/v1/sections/nema/", "/api/v1/tags/nema/", "/api/v1/authors/nema/"]:
        assert get(client, url, status=404)["error"].startswith("Такого ")


def test_tag_and_author_lists_page_by_cursor(client):
    TagFactory.create_batch(5)
    first = get(client, "/api/v1/tags/?limit=3")
    rest = get(client, f"/api/v1/tags/?limit=3&cursor={first['next_cursor']}")
    slugs = [t["slug"] for t in first["items"] + rest["items"]]
    assert slugs == sorted(slugs) and len(set(slugs)) == 5
    assert rest["next_cursor"] is None


LIST_URLS = ["/api/v1/articles/", "/api/v1/articles/?section={s}", "/api/v1/articles/?tag={t}",
             "/api/v1/articles/?author={a}", "/api/v1/sections/", "/api/v1/tags/",
             "/api/v1/authors/", "/api/v1/articles/{id}/"]  # fmt: skip


@pytest.mark.parametrize("pattern", LIST_URLS)
def test_api_query_count_is_flat(client, pattern):
    section, tag, author = SectionFactory(), TagFactory(), AuthorFactory()
    first = ArticleFactory(section=section, tags=[tag], authors=[author])
    url = pattern.format(s=section.slug, t=tag.slug, a=author.slug, id=first.pk)
    one = queries_for(client, url)
    for _ in range(5):
        ArticleFactory(
            section=SectionFactory(), tags=[tag, TagFactory()], authors=[author, AuthorFactory()]
        )
    first.tags.add(*TagFactory.create_batch(3))
    first.sources.add(SourceFactory())
    assert queries_for(client, url) == one
