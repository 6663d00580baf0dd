"""A NUL in a query string or a form field is a 400, never a 500 (PostgreSQL cannot compare
text with NUL). Runs on both databases; the admin's list filter was the case that failed."""

import pytest
from django.contrib.auth.models import User

from shpalta.core.middleware import NUL_MESSAGE
from shpalta.ratings.models import Vote
from tests.factories.news import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/admin/news/article/?status__exact=%00",
        "/admin/news/article/?q=%00",
        "/admin/images/image/?q=a%00b",
        "/?page=%00",
        "/?%00=1",
    ],
)
def test_nul_in_query_string_is_400(client, url):
    User.objects.create_superuser("root", "root@example.com", "pw")
    client.login(username="root", password="pw")
    response = client.get(url)
    assert (response.status_code, response.content.decode()) == (400, NUL_MESSAGE)
    assert response["Content-Type"] == "text/plain; charset=utf-8"


@pytest.mark.parametrize(
    "url", ["/api/v1/articles/?section=%00", "/api/v1/articles/?cursor=%00", "/api/v1/tags/?x=%00"]
)
def test_nul_in_api_query_string_is_json_400(client, url):
    response = client.get(url)
    assert (response.status_code, response.json()) == (400, {"error": NUL_MESSAGE})


def test_nul_in_a_form_field_is_400_and_counts_no_vote(client):
    article = ArticleFactory()
    response = client.post(f"/ratings/{article.pk}/vote/", {"stars": "4\x00"})
    assert response.status_code == 400
    assert not Vote.objects.exists()


def test_query_string_without_nul_passes(client):
    ArticleFactory()
    assert client.get("/?page=1").status_code == 200
