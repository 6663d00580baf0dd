import pytest
from django.conf import settings
from django.core.signing import get_cookie_signer

from shpalta.ratings.models import ArticleRating, Vote
from shpalta.ratings.readers import SALT
from tests.factories.news import ArticleFactory, draft

pytestmark = pytest.mark.django_db

STARS_MESSAGE = "Оцінка має бути цілим числом від 1 до 5."


def vote(client, article_id, stars, **headers):
    return client.post(
        f"/api/v1/articles/{article_id}/vote/",
        {"stars": stars},
        content_type="application/json",
        headers=headers,
    )


def with_reader(client, reader="r" * 32):
    """A returning reader: the signed cookie the site gave them on an earlier vote."""
    signer = get_cookie_signer(salt=settings.READER_COOKIE_NAME + SALT)
    client.cookies[settings.READER_COOKIE_NAME] = signer.sign(reader)
    return client


def test_first_vote_sets_reader_cookie_then_counts(client):
    article = ArticleFactory()
    challenge = vote(client, article.pk, 4)
    assert challenge.status_code == 307
    assert challenge["Location"] == f"/api/v1/articles/{article.pk}/vote/?cookie_check=1"
    assert "shpalta_reader" in challenge.cookies
    assert Vote.objects.count() == 0
    response = client.post(challenge["Location"], {"stars": 4}, content_type="application/json")
    assert response.status_code == 200
    assert response.json() == {
        "average": 4.0,
        "average_display": "4,0",
        "votes": 1,
        "votes_display": "1 голос",
        "label": "Середня оцінка: 4,0 з 5 · 1 голос",
        "your_stars": 4,
        "created": True,
    }


def test_repeat_vote_changes_stars_not_count(client):
    article = ArticleFactory()
    with_reader(client)
    assert vote(client, article.pk, 2).json()["created"] is True
    again = vote(client, article.pk, 5).json()
    assert (again["created"], again["votes"], again["average"]) == (False, 1, 5.0)
    assert ArticleRating.objects.get(article=article).stars_total == 5


def test_browser_refusing_cookies_is_told_so(client):
    article = ArticleFactory()
    response = client.post(
        f"/api/v1/articles/{article.pk}/vote/?cookie_check=1",
        {"stars": 3},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json() == {
        "error": "Щоб проголосувати, дозвольте сайту зберігати cookie у вашому браузері."
    }


@pytest.mark.parametrize("stars", [0, 6, -1, 100])
def test_out_of_range_stars_get_the_same_message_as_the_form(client, stars):
    article = ArticleFactory()
    with_reader(client)
    response = vote(client, article.pk, stars)
    assert (response.status_code, response.json()) == (400, {"error": STARS_MESSAGE})
    form = client.post(
        f"/ratings/{article.pk}/vote/",
        {"stars": str(stars)},
        headers={"Accept": "application/json"},
    )
    assert (form.status_code, form.json()) == (400, {"error": STARS_MESSAGE})
    assert Vote.objects.count() == 0


@pytest.mark.parametrize("stars", ["3", 3.5, True, None])
def test_non_integer_stars_are_400(client, stars):
    article = ArticleFactory()
    with_reader(client)
    response = vote(client, article.pk, stars)
    assert response.status_code == 400
    assert response.json()["details"][0]["field"] == "body.stars"
    assert Vote.objects.count() == 0


def test_cross_site_vote_is_refused(client):
    article = ArticleFactory()
    with_reader(client)
    response = vote(client, article.pk, 5, **{"Sec-Fetch-Site": "cross-site"})
    assert (response.status_code, response.json()) == (
        403,
        {"error": "Голосувати можна лише зі сторінок нашого сайту."},
    )
    other_origin = vote(client, article.pk, 5, Origin="https://evil.example")
    assert other_origin.status_code == 403
    assert Vote.objects.count() == 0


def test_vote_on_draft_is_404(client):
    article = draft()
    with_reader(client)
    response = vote(client, article.pk, 5)
    assert (response.status_code, response.json()) == (
        404,
        {"error": "Такої статті немає, або вона ще не опублікована."},
    )


def test_form_vote_still_works_after_sharing_the_rules(client):
    article = ArticleFactory()
    challenge = client.post(f"/ratings/{article.pk}/vote/", {"stars": "5"})
    assert challenge.status_code == 307
    response = client.post(
        challenge["Location"], {"stars": "5"}, headers={"Accept": "application/json"}
    )
    assert response.status_code == 200
    assert response.json()["votes"] == 1


def test_vote_on_an_id_beyond_any_database_integer_is_404(client):
    with_reader(client)
    huge = 10**25
    assert vote(client, huge, 5).status_code == 404
    form = client.post(
        f"/ratings/{huge}/vote/", {"stars": "5"}, headers={"Accept": "application/json"}
    )
    assert form.status_code == 404
    assert client.get(f"/ratings/{huge}/").json()["votes"] == 0
