from datetime import UTC, datetime, timedelta

import pytest

from shpalta.newsroom.models import ArticleViewHour
from shpalta.newsroom.mostread import most_read
from tests.factories.news import ArticleFactory, draft, scheduled
from tests.factories.newsroom import editor_user

from .conftest import KYIV_14_00, login

pytestmark = pytest.mark.django_db

PHONE = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/131.0 Mobile Safari/537.36"
)


def read(client, article, user_agent=PHONE, **headers):
    return client.post(f"/read/{article.pk}/", headers={"User-Agent": user_agent, **headers})


def _hours(article):
    return list(
        ArticleViewHour.objects.filter(article=article)
        .order_by("hour")
        .values_list("hour", "views")
    )


def test_a_read_is_counted_without_cookies_or_addresses(client):
    article = ArticleFactory()
    first, second = read(client, article), read(client, article)
    assert (first.status_code, second.status_code) == (204, 204)
    assert "Set-Cookie" not in first and not first.cookies
    assert "no-store" in first["Cache-Control"]
    assert [row[1] for row in _hours(article)] == [2]
    # nothing about the reader can be stored: the row has no place for it
    assert [f.name for f in ArticleViewHour._meta.get_fields()] == [
        "id",
        "article",
        "hour",
        "views",
    ]


@pytest.mark.parametrize(
    "user_agent",
    [
        "",
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
        "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
        "TelegramBot (like TwitterBot)",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 HeadlessChrome/131.0 Safari/537.36",
        "curl/8.5.0",
        "python-requests/2.32.3",
        "Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)",
    ],
)
def test_bots_and_scripts_are_not_counted(client, user_agent):
    article = ArticleFactory()
    assert read(client, article, user_agent).status_code == 204
    assert _hours(article) == []


def test_reads_from_other_sites_are_refused(client):
    article = ArticleFactory()
    response = read(client, article, **{"Sec-Fetch-Site": "cross-site"})
    assert response.status_code == 403
    assert response.json() == {"error": "Перегляди рахуються лише зі сторінок нашого сайту."}
    assert _hours(article) == []


def test_unpublished_articles_are_not_counted(client):
    for article in (draft(), scheduled()):
        response = read(client, article)
        assert response.status_code == 404
        assert response.json()["error"] == "Такої статті немає, або вона ще не опублікована."
    assert not ArticleViewHour.objects.exists()


def test_the_beacon_takes_post_only(client):
    assert client.get(f"/read/{ArticleFactory().pk}/").status_code == 405


def test_reads_are_summed_per_clock_hour(clock, client):
    article = ArticleFactory()
    read(client, article)  # 14:00 Kyiv = 12:00 UTC
    clock.shift(timedelta(minutes=59, seconds=59))
    read(client, article)
    clock.shift(timedelta(seconds=1))  # 15:00 Kyiv
    read(client, article)
    assert _hours(article) == [
        (datetime(2026, 11, 28, 12, tzinfo=UTC), 2),
        (datetime(2026, 11, 28, 13, tzinfo=UTC), 1),
    ]


def test_most_read_counts_the_last_24_hours_of_public_articles(clock, client):
    yesterday_hit = ArticleFactory(
        headline="Вчорашній хіт", published_at=KYIV_14_00 - timedelta(days=2)
    )
    today = ArticleFactory(headline="Сьогоднішня")
    hidden_later = ArticleFactory(headline="Знята")
    clock.move_to(KYIV_14_00 - timedelta(hours=25))
    for _ in range(5):
        read(client, yesterday_hit)
    clock.move_to(KYIV_14_00 - timedelta(hours=23))  # still inside the window
    read(client, yesterday_hit)
    clock.move_to(KYIV_14_00)
    for _ in range(3):
        read(client, today)
    for _ in range(9):
        read(client, hidden_later)
    hidden_later.status = "draft"
    hidden_later.save()

    assert [(item["headline"], item["views"]) for item in most_read()] == [
        ("Сьогоднішня", 3),
        ("Вчорашній хіт", 1),
    ]


def test_most_read_json_is_cacheable_and_cheap(client, django_assert_num_queries):
    articles = ArticleFactory.create_batch(3)
    for n, article in enumerate(articles):
        for _ in range(n + 1):
            read(client, article)
    with django_assert_num_queries(2):
        response = client.get("/most-read.json")
    with django_assert_num_queries(0):
        client.get("/most-read.json")
    assert response["Cache-Control"] == "public, max-age=60"
    top = articles[2]
    assert response.json()["items"][0] == {
        "id": top.pk,
        "headline": top.headline,
        "url": top.get_absolute_url(),
        "section": top.section.name,
        "views": 3,
    }


@pytest.mark.parametrize("count", [1, 12])
def test_most_read_json_query_count_is_flat(client, django_assert_num_queries, count):
    for article in ArticleFactory.create_batch(count):
        read(client, article)
    with django_assert_num_queries(2):
        assert len(client.get("/most-read.json").json()["items"]) == min(count, 5)


def test_front_and_article_pages_carry_the_slot_not_the_numbers(client):
    article = ArticleFactory(headline="Популярна")
    for _ in range(4):
        read(client, article)
    for url in ("/", article.get_absolute_url()):
        html = client.get(url).content.decode()
        assert 'data-most-read-url="/most-read.json"' in html
        assert "Найпопулярніше" in html
    page = client.get(article.get_absolute_url()).content.decode()
    assert f'data-read-url="/read/{article.pk}/"' in page


def test_preview_does_not_count_reads(client):
    editor = login(editor_user())
    page = editor.get(f"/preview/{draft().pk}/").content.decode()
    assert "data-read-url" not in page


def test_admin_shows_reads_of_the_last_24_hours(client):
    popular = ArticleFactory(headline="Популярна")
    ArticleFactory(headline="Тиха")
    for _ in range(7):
        read(client, popular)
    response = login(editor_user()).get("/admin/news/article/?o=-9")
    rows = {row.headline: row.views_24h for row in response.context["cl"].result_list}
    assert rows == {"Популярна": 7, "Тиха": 0}
    assert "Прочитань за 24 год" in response.content.decode()
    hourly = login(editor_user("r2")).get("/admin/newsroom/articleviewhour/")
    assert hourly.status_code == 200 and "Популярна" in hourly.content.decode()
