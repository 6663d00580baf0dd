import pytest

from tests.factories.news import ArticleFactory

pytestmark = pytest.mark.django_db


def test_front_and_article_pages_render(client):
    articles = ArticleFactory.create_batch(8)
    assert client.get("/").status_code == 200
    response = client.get(articles[0].get_absolute_url())
    assert response.status_code == 200
    assert articles[0].headline in response.content.decode()
