import pytest

from tests.factories.news import ArticleFactory

pytestmark = pytest.mark.django_db


def test_article_page_shows_image_kept_on_the_old_server(client):
    article = ArticleFactory(
        image_url="https://old.example.com.ua/wp-content/uploads/kyiv.jpg",
        image_alt="Панорама Києва",
    )

    html = client.get(article.get_absolute_url()).content.decode()

    assert (
        '<img src="https://old.example.com.ua/wp-content/uploads/kyiv.jpg" alt="Панорама Києва">'
        in html
    )


def test_article_page_without_image_has_no_figure(client):
    article = ArticleFactory()

    assert 'class="lead-image"' not in client.get(article.get_absolute_url()).content.decode()
