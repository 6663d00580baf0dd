import json
from datetime import date

import pytest
from django.core.cache import cache

from shpalta.core.ratelimit import Limit, rate_limit_hit
from shpalta.ratings import guard
from shpalta.ratings.models import ArticleRating, Vote
from tests.factories.news import ArticleFactory

from .voting import JSON, cast, vote_url

pytestmark = pytest.mark.django_db


def test_ip_hash_is_keyed_and_never_the_address():
    hashed = guard.ip_hash("203.0.113.7", day=date(2026, 11, 28))
    assert len(hashed) == 32
    assert "203.0.113.7" not in hashed
    assert hashed == guard.ip_hash("203.0.113.7", day=date(2026, 11, 28))
    assert hashed != guard.ip_hash("203.0.113.8", day=date(2026, 11, 28))


def test_ip_hash_changes_with_the_day():
    assert guard.ip_hash("203.0.113.7", day=date(2026, 11, 28)) != guard.ip_hash(
        "203.0.113.7", day=date(2026, 11, 29)
    )


def test_ip_hash_is_unlinkable_once_the_salt_expires():
    day = date(2026, 11, 28)
    before = guard.ip_hash("203.0.113.7", day=day)
    cache.delete(f"vote:ip-salt:{day.isoformat()}")
    assert guard.ip_hash("203.0.113.7", day=day) != before


def test_ip_hash_with_a_different_secret_differs(settings):
    day = date(2026, 11, 28)
    before = guard.ip_hash("203.0.113.7", day=day)
    settings.SECRET_KEY = "another-secret-" + "y" * 50
    assert guard.ip_hash("203.0.113.7", day=day) != before


def test_vote_stores_the_hash_not_the_address(client):
    article = ArticleFactory()
    response = cast(client, article, 4, REMOTE_ADDR="198.51.100.23")
    assert response.status_code == 200
    vote = Vote.objects.get()
    assert vote.ip_hash == guard.ip_hash("198.51.100.23")
    stored = [str(value) for value in Vote.objects.values_list().get()]
    assert not any("198.51.100.23" in value for value in stored)


def test_vote_behind_proxy_hashes_the_configured_header(client, settings):
    settings.CLIENT_IP_HEADER = "X-Real-IP"
    article = ArticleFactory()
    cast(client, article, 4, REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP="198.51.100.99")
    assert Vote.objects.get().ip_hash == guard.ip_hash("198.51.100.99")


def test_vote_without_proxy_setting_ignores_forged_header(client):
    article = ArticleFactory()
    cast(client, article, 4, REMOTE_ADDR="198.51.100.1", HTTP_X_REAL_IP="10.9.9.9")
    assert Vote.objects.get().ip_hash == guard.ip_hash("198.51.100.1")


def test_honeypot_filled_rejects_with_reason_and_counts_nothing(client):
    article = ArticleFactory()
    response = cast(client, article, 5, data={"website": "http://spam.example"})
    assert response.status_code == 400
    assert response.json() == {"error": "Голос не враховано: форму заповнено автоматично."}
    assert Vote.objects.count() == 0
    assert not ArticleRating.objects.filter(votes_count__gt=0).exists()


def test_honeypot_filled_html_form_shows_the_reason(client):
    article = ArticleFactory()
    response = client.post(vote_url(article), {"stars": "5", "website": "x"})
    assert response.status_code == 400
    assert "форму заповнено автоматично" in response.content.decode()


def test_honeypot_empty_counts_the_vote(client):
    article = ArticleFactory()
    assert cast(client, article, 5, data={"website": "  "}).status_code == 200
    assert Vote.objects.count() == 1


def test_reader_rate_limit_stops_one_reader(client, settings):
    settings.VOTE_RATE_READER = "3/600"
    articles = ArticleFactory.create_batch(4)
    statuses = [cast(client, article, 3).status_code for article in articles]
    assert statuses == [200, 200, 200, 429]
    assert Vote.objects.count() == 3


def test_reader_rate_limit_answer_is_clear_and_has_retry_after(client, settings):
    settings.VOTE_RATE_READER = "1/600"
    first, second = ArticleFactory.create_batch(2)
    cast(client, first, 3)
    response = cast(client, second, 3)
    assert response.status_code == 429
    assert response.json()["error"].startswith("Забагато голосів поспіль.")
    assert 0 < int(response["Retry-After"]) <= 600


def test_ip_rate_limit_stops_many_readers_from_one_address(client_factory, settings):
    settings.VOTE_RATE_IP = "2/600"
    article = ArticleFactory()
    statuses = [
        cast(client_factory(), article, 4, REMOTE_ADDR="198.51.100.5").status_code for _ in range(3)
    ]
    assert statuses == [200, 200, 429]
    assert cast(client_factory(), article, 4, REMOTE_ADDR="198.51.100.6").status_code == 200
    assert Vote.objects.count() == 3


def test_rate_limit_window_reopens():
    limit = Limit(2, 60)
    assert [rate_limit_hit(key="k", limit=limit, now=1000.0) for _ in range(3)] == [0, 0, 20]
    assert rate_limit_hit(key="k", limit=limit, now=1021.0) == 0


def test_cross_site_vote_is_refused(client):
    article = ArticleFactory()
    response = cast(client, article, 5, HTTP_SEC_FETCH_SITE="cross-site")
    assert response.status_code == 403
    response = cast(client, article, 5, HTTP_ORIGIN="https://evil.example")
    assert response.status_code == 403
    assert Vote.objects.count() == 0


def test_first_vote_without_cookie_is_a_307_that_sets_the_reader(client):
    article = ArticleFactory()
    response = client.post(vote_url(article), {"stars": "4"}, **JSON)
    assert response.status_code == 307
    assert response["Location"] == f"{vote_url(article)}?cookie_check=1"
    assert "shpalta_reader" in response.cookies
    assert Vote.objects.count() == 0


def test_vote_from_browser_refusing_cookies_gets_a_reason(client):
    article = ArticleFactory()
    response = client.post(f"{vote_url(article)}?cookie_check=1", {"stars": "4"}, **JSON)
    assert response.status_code == 400
    assert "cookie" in response.json()["error"]


def test_garbage_in_the_proxy_header_falls_back_to_the_peer(client, settings):
    settings.CLIENT_IP_HEADER = "X-Real-IP"
    article = ArticleFactory()
    cast(client, article, 4, REMOTE_ADDR="198.51.100.4", HTTP_X_REAL_IP="<script>")
    assert Vote.objects.get().ip_hash == guard.ip_hash("198.51.100.4")


def test_remote_addr_setting_means_the_socket_peer(client, settings):
    settings.CLIENT_IP_HEADER = "REMOTE_ADDR"
    article = ArticleFactory()
    cast(client, article, 4, REMOTE_ADDR="198.51.100.8", HTTP_X_REAL_IP="10.1.1.1")
    assert Vote.objects.get().ip_hash == guard.ip_hash("198.51.100.8")


DEAD_REDIS = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
    }
}


def test_votes_still_count_while_redis_is_down(client, settings):
    article = ArticleFactory()
    settings.CACHES = DEAD_REDIS
    assert cast(client, article, 4, REMOTE_ADDR="198.51.100.30").status_code == 200
    assert cast(client, article, 2, REMOTE_ADDR="198.51.100.30").json()["created"] is False
    vote = Vote.objects.get()
    assert (vote.stars, len(vote.ip_hash)) == (2, 32)
    assert "198.51.100.30" not in vote.ip_hash


def _api_vote(client, article, stars):
    url = f"/api/v1/articles/{article.pk}/vote/"
    body = json.dumps({"stars": stars})
    response = client.post(url, body, content_type="application/json")
    if response.status_code == 307:
        response = client.post(response["Location"], body, content_type="application/json")
    return response


def test_api_votes_share_the_rate_limit_and_store_the_hash(client, settings):
    settings.VOTE_RATE_READER = "2/600"
    first, second, third = ArticleFactory.create_batch(3)
    statuses = [_api_vote(client, a, 3).status_code for a in (first, second, third)]
    assert statuses == [200, 200, 429]
    assert cast(client, first, 5).status_code == 429  # the form counts with the API
    assert {v.ip_hash for v in Vote.objects.all()} == {guard.ip_hash("127.0.0.1")}
