import pytest
from django.db.models import Sum

from shpalta.ratings.models import ArticleRating, Vote
from shpalta.ratings.selectors import RatingSummary
from shpalta.ratings.services import vote_cast
from tests.factories.news import ArticleFactory, draft

pytestmark = pytest.mark.django_db
JSON = {"HTTP_ACCEPT": "application/json"}


def vote_url(article) -> str:
    return f"/ratings/{article.pk}/vote/"


def cast(client, article, stars, **headers):
    """A browser's vote: the first POST gets the reader cookie and a 307 to repeat."""
    return client.post(vote_url(article), {"stars": stars}, follow=True, **JSON, **headers)


def assert_totals_equal_rows(article):
    rating = ArticleRating.objects.get(article=article)
    rows = Vote.objects.filter(article=article)
    assert rating.votes_count == rows.count()
    assert rating.stars_total == (rows.aggregate(s=Sum("stars"))["s"] or 0)


@pytest.mark.parametrize(
    ("votes", "stars_total", "label"),
    [
        (0, 0, "Оцінок ще немає. Будьте першими!"),
        (1, 4, "Середня оцінка: 4,0 з 5 · 1 голос"),
        (2, 7, "Середня оцінка: 3,5 з 5 · 2 голоси"),
        (5, 20, "Середня оцінка: 4,0 з 5 · 5 голосів"),
        (12, 52, "Середня оцінка: 4,3 з 5 · 12 голосів"),
        (21, 100, "Середня оцінка: 4,8 з 5 · 21 голос"),
        (111, 333, "Середня оцінка: 3,0 з 5 · 111 голосів"),
    ],
)
def test_rating_label_in_ukrainian(votes, stars_total, label):
    assert RatingSummary(votes, stars_total).label == label


def test_vote_cast_repeat_changes_stars_not_count():
    article = ArticleFactory()
    vote_cast(article_id=article.pk, reader="a" * 32, stars=5)
    vote_cast(article_id=article.pk, reader="b" * 32, stars=3)
    _, created = vote_cast(article_id=article.pk, reader="a" * 32, stars=1)
    assert created is False
    rating = ArticleRating.objects.get(article=article)
    assert (rating.votes_count, rating.stars_total) == (2, 4)
    assert_totals_equal_rows(article)


def test_first_vote_sets_reader_cookie_and_counts(client):
    article = ArticleFactory()
    response = cast(client, article, 4)
    assert response.status_code == 200
    assert response.redirect_chain == [(f"{vote_url(article)}?cookie_check=1", 307)]
    assert response.json() == {
        "average": 4.0, "average_display": "4,0", "votes": 1, "votes_display": "1 голос",
        "label": "Середня оцінка: 4,0 з 5 · 1 голос", "your_stars": 4, "created": True,
    }  # fmt: skip
    assert_totals_equal_rows(article)


def test_second_vote_from_same_reader_changes_it(client):
    article = ArticleFactory()
    cast(client, article, 4)
    response = cast(client, article, 2)
    assert response.json()["votes"] == 1
    assert response.json()["average_display"] == "2,0"
    assert response.json()["created"] is False
    assert response.redirect_chain == []


def test_vote_without_js_shows_thanks_page(client):
    article = ArticleFactory()
    response = client.post(vote_url(article), {"stars": "5"}, follow=True)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Дякуємо за оцінку!" in html and "Середня оцінка: 5,0 з 5 · 1 голос" in html
    assert article.get_absolute_url() in html


@pytest.mark.parametrize("stars", ["0", "6", "abc", "", "4.5", "-1", "99999999999999999999"])
def test_bad_stars_get_400_with_ukrainian_message_and_store_nothing(client, stars):
    article = ArticleFactory()
    response = cast(client, article, stars)
    assert response.status_code == 400
    assert response.json() == {"error": "Оцінка має бути цілим числом від 1 до 5."}
    assert not Vote.objects.exists()


def test_missing_stars_field_is_400(client):
    article = ArticleFactory()
    response = client.post(vote_url(article), {}, **JSON)
    assert response.status_code == 400
    assert not Vote.objects.exists()


@pytest.mark.parametrize("make", [lambda: None, draft])
def test_vote_for_missing_or_unpublished_article_is_404(client, make):
    article = make()
    url = f"/ratings/{article.pk if article else 999999}/vote/"
    response = client.post(url, {"stars": 3}, **JSON)
    assert response.status_code == 404
    assert response.json() == {"error": "Такої статті немає, або вона ще не опублікована."}
    assert not Vote.objects.exists()


def test_browser_without_cookies_gets_clear_400(client):
    article = ArticleFactory()
    response = client.post(f"{vote_url(article)}?cookie_check=1", {"stars": 3}, **JSON)
    assert response.status_code == 400
    assert "дозвольте сайту зберігати cookie" in response.json()["error"]
    assert not Vote.objects.exists()


def test_forged_reader_cookie_is_treated_as_no_cookie(client):
    article = ArticleFactory()
    client.cookies["shpalta_reader"] = "a" * 32
    response = client.post(f"{vote_url(article)}?cookie_check=1", {"stars": 3}, **JSON)
    assert response.status_code == 400


def test_cross_site_vote_is_refused(client):
    article = ArticleFactory()
    cast(client, article, 4)
    for headers in ({"HTTP_ORIGIN": "https://evil.example"}, {"HTTP_SEC_FETCH_SITE": "cross-site"}):
        response = client.post(vote_url(article), {"stars": 1}, **JSON, **headers)
        assert response.status_code == 403
    assert Vote.objects.get().stars == 4


def test_get_on_vote_endpoint_is_405(client):
    article = ArticleFactory()
    assert client.get(vote_url(article)).status_code == 405


def test_summary_endpoint_is_public_and_briefly_cacheable(client):
    article = ArticleFactory()
    cast(client, article, 3)
    response = client.get(f"/ratings/{article.pk}/")
    assert response.json()["label"] == "Середня оцінка: 3,0 з 5 · 1 голос"
    assert response["Cache-Control"] == "public, max-age=5, s-maxage=5"


def test_rating_widget_is_a_real_form(client):
    article = ArticleFactory()
    html = client.get(article.get_absolute_url()).content.decode()
    assert f'<form method="post" action="/ratings/{article.pk}/vote/"' in html
    assert html.count('type="radio" name="stars"') == 5
    assert '<button type="submit">Оцінити</button>' in html
